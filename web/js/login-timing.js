// Login timing: can an attacker learn which usernames exist by timing a failed login? Two
// Basic logins, one for a username no one has and one for a real user with a wrong password.
// Django's ModelBackend hashes the password even when the user is unknown (Django #20760),
// so both cost one password hash: the core's trace counts them, and the worker measures the
// milliseconds each took where the core runs.
import { announce } from './announce.js';
import { statusBadge } from './badges.js';
import { basicHeader } from './credentials.js';
import { el, replace } from './dom.js';

export class LoginTiming {
  constructor(root, { lab }) {
    this.lab = lab;
    this.unknown = el('input', { id: 'timing-unknown', type: 'text', value: 'nobody-here', autocomplete: 'off', spellcheck: 'false' });
    this.known = el('input', { id: 'timing-known', type: 'text', value: 'eddie', autocomplete: 'off', spellcheck: 'false' });
    this.password = el('input', { id: 'timing-password', type: 'text', value: 'not-the-password', autocomplete: 'off', spellcheck: 'false' });
    this.result = el('div', { id: 'timing-result', 'aria-live': 'polite' });
    const field = (id, label, input) => el('div', { class: 'field' }, el('label', { for: id }, label), input);
    root.append(
      el('p', { class: 'hint' }, 'Two failed Basic logins to GET /auth/users/me/: if one were faster, an attacker could tell which usernames exist.'),
      el('div', { class: 'request-line' },
        field('timing-unknown', 'Unknown username', this.unknown),
        field('timing-known', 'Real username', this.known),
        field('timing-password', 'Wrong password (used for both)', this.password)),
      el('div', { class: 'actions' }, el('button', { type: 'button', id: 'timing-run', onclick: () => this.run() }, 'Time both logins')),
      this.result);
  }

  // One login through the core in its worker: the answer, the hashes the trace counted, the ms.
  async attempt(label, username, password) {
    const request = { method: 'GET', path: '/auth/users/me/', headers: { Authorization: basicHeader(username, password) } };
    const { response, trace, ms } = await this.lab.core.timedHandle(request);
    const step = trace.steps.find((s) => s.component === 'BasicAuthentication');
    return { label, username, status: response.status, hashes: step?.data.password_hashes, backend: step?.data.backend ?? '', ms };
  }

  async run() {
    try {
      const password = this.password.value;
      const rows = [await this.attempt('Unknown user', this.unknown.value, password),
        await this.attempt('Wrong password', this.known.value, password)];
      await this.lab.refresh();
      this.show(rows);
    } catch (error) {
      replace(this.result, el('p', { class: 'field-error' }, error.message));
    }
  }

  show(rows) {
    const same = rows.every((row) => row.hashes === rows[0].hashes);
    const verdict = same
      ? `Both cost the same: ${rows[0].hashes} password hash${rows[0].hashes === 1 ? '' : 'es'} each, so the time does not tell whether the username exists.`
      : 'They ran different numbers of hashes: the time tells whether the username exists.';
    replace(this.result,
      el('table', { class: 'timing-table', id: 'timing-table' },
        el('thead', {}, el('tr', {}, ['Login', 'Username', 'Answer', 'Password hashes run', 'ModelBackend', 'Time in the worker']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, rows.map((row) => el('tr', {},
          el('th', { scope: 'row' }, row.label), el('td', {}, row.username), el('td', { class: 'timing-status', dataset: { status: String(row.status) } }, statusBadge(row.status)),
          el('td', { class: 'timing-hashes' }, String(row.hashes ?? '?')), el('td', {}, row.backend),
          el('td', { class: 'timing-ms' }, `${row.ms.toFixed(1)} ms`))))),
      el('p', { id: 'timing-verdict' }, verdict),
      el('p', { class: 'hint' }, 'The times vary from run to run; what matters is that both do the same work.'));
    announce(verdict);
  }
}
