// Side by side: the console's request sent as one user with every mechanism, each on its own
// copy of the world (a fork in the worker), so nothing the comparison does changes the lab.
import { announce } from './announce.js';
import { statusBadge } from './badges.js';
import { mechanisms } from './credentials.js';
import { el, options, replace } from './dom.js';
import { remoteCore } from './rpc.js';

export class SideBySide {
  constructor(root, lab, rpc, requestConsole) {
    this.lab = lab;
    this.rpc = rpc;
    this.console = requestConsole;
    this.user = el('select', { id: 'compare-user' });
    this.summary = el('p', { id: 'compare-request' });
    this.results = el('div', { id: 'compare-results', 'aria-live': 'polite' });
    root.append(
      el('p', {}, 'The request from the console (without its own credentials), sent with each mechanism. Each runs on a copy of the world, so nothing here changes it.'),
      this.summary,
      el('div', { class: 'request-line' },
        el('div', { class: 'field' }, el('label', { for: 'compare-user' }, 'As user'), this.user),
        el('div', { class: 'field end' }, el('button', { type: 'button', class: 'primary', id: 'run-compare', onclick: () => this.run() }, 'Compare'))),
      this.results);
    lab.addEventListener('change', () => this.refresh());
  }

  refresh() {
    const users = this.lab.snapshot?.users.map((u) => u.username) ?? [];  // the first of a large world
    const chosen = this.user.value || this.console.draft.user;
    if (chosen && !users.includes(chosen) && users.length < (this.lab.snapshot?.user_total ?? 0)) users.unshift(chosen);
    options(this.user, users.map((u) => [u, u]), chosen);
    const d = this.console.draft;
    replace(this.summary, 'Request: ', el('code', {}, `${d.method} ${d.path}`), d.body ? ' with the console\'s body' : '');
  }

  async runOne(mechanism, user) {
    const forkId = await this.rpc.call(undefined, 'fork', [this.lab.core.id]);
    const fork = remoteCore(this.rpc, forkId);
    try {
      const request = await this.console.compose({ core: fork, mechanism, user, onlyMechanism: true });
      const { response, trace } = await fork.handle(request);
      return { mechanism, request, response, trace };
    } catch (error) {
      return { mechanism, error: error.message };
    } finally {
      await this.rpc.call(undefined, 'close', [forkId]);
    }
  }

  async run() {
    this.refresh();
    const user = this.user.value;
    replace(this.results, el('p', { class: 'hint' }, 'Sending…'));
    const rows = [];
    for (const { id } of mechanisms) rows.push(await this.runOne(id, user));
    const label = (id) => mechanisms.find((m) => m.id === id).label;
    replace(this.results, el('table', { class: 'compare-table', id: 'compare-table' },
      el('caption', {}, `${this.console.draft.method} ${this.console.draft.path} as ${user}`),
      el('thead', {}, el('tr', {}, ['Mechanism', 'Status', 'Why', 'Challenge (WWW-Authenticate)'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, rows.map((row) => el('tr', { dataset: { mechanism: row.mechanism } },
        el('th', { scope: 'row' }, label(row.mechanism)),
        row.error ? el('td', { colspan: 3 }, row.error) : [
          el('td', {}, statusBadge(row.response.status)),
          el('td', {}, row.trace?.outcome?.sentence ?? ''),
          el('td', {}, el('code', {}, row.response.headers['WWW-Authenticate'] ?? '—')),
        ])))));
    announce(`Compared: ${rows.map((r) => `${label(r.mechanism)} ${r.response?.status ?? 'failed'}`).join(', ')}.`);
  }
}
