// The outcome matrix: every user (and anonymous) × every endpoint, each cell the status the
// core would answer now (computed on a copy of the world), recomputed after every change.
// The cells that changed at the latest change of outcomes say what they were, until the next
// change of outcomes (a request that changes nothing here keeps them marked).
import { announce } from './announce.js';
import { statusBadge, statusKind } from './badges.js';
import { el, options, replace } from './dom.js';

const matrixMechanisms = [['token', 'Token'], ['bearer', 'Bearer JWT'], ['session', 'Session cookie']];

export class Matrix {
  constructor(root, lab) {
    this.lab = lab;
    this.previous = new Map();  // "user|METHOD path" → status
    this.marks = new Map();  // "user|METHOD path" → the status before the latest change
    this.mechanism = el('select', { id: 'matrix-mechanism', onchange: () => { this.previous.clear(); this.marks.clear(); this.update(); } });
    options(this.mechanism, matrixMechanisms, 'token');
    this.table = el('div', { class: 'table-scroll', id: 'matrix-table', tabindex: '0', role: 'region', 'aria-label': 'Outcome matrix (scrolls sideways)' });
    this.changes = el('p', { id: 'matrix-changes', class: 'hint' });
    root.append(
      el('p', {}, 'What each user would get from each endpoint right now. It is recomputed after every change you make.'),
      el('div', { class: 'field' }, el('label', { for: 'matrix-mechanism' }, 'Users send credentials with'), this.mechanism),
      el('p', { class: 'legend' }, 'Legend: ', statusBadge(200, { compact: true }), ' let through · ',
        statusBadge(401, { compact: true }), ' not authenticated (who are you?) · ',
        statusBadge(403, { compact: true }), ' forbidden (known, but no) · ',
        statusBadge(404, { compact: true }), ' other errors'),
      this.changes, this.table);
    lab.addEventListener('change', () => this.update());
  }

  // Coalesces bursts of changes: one computation at a time, one more if anything changed meanwhile.
  async update() {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        this.render(await this.lab.core.matrix(this.mechanism.value));
      } while (this.again);
    } catch (error) {
      replace(this.table, el('p', { class: 'field-error' }, error.message));
    } finally {
      this.running = false;
    }
  }

  render({ users, endpoints, cells }) {
    const key = (user, endpoint) => `${user}|${endpoint.method} ${endpoint.path}`;
    const next = new Map();
    users.forEach((user, r) => endpoints.forEach((endpoint, c) => next.set(key(user, endpoint), cells[r][c].status)));
    const changed = new Map([...next].filter(([k, status]) => this.previous.has(k) && this.previous.get(k) !== status)
      .map(([k]) => [k, this.previous.get(k)]));
    if (changed.size) {
      this.marks = changed;
      const list = [...changed].map(([k, before]) => `${k.replace('|', ', ')}: ${before} → ${next.get(k)}`);
      replace(this.changes, `Latest change: ${list.join('; ')}.`);
      announce(`Outcome matrix: ${changed.size} cell${changed.size > 1 ? 's' : ''} changed.`);
    }
    this.previous = next;

    const rows = users.map((user, r) => el('tr', {},
      el('th', { scope: 'row' }, user),
      endpoints.map((endpoint, c) => {
        const { status } = cells[r][c];
        const before = this.marks.get(key(user, endpoint));
        const marked = before !== undefined && before !== status;
        return el('td', { class: `cell cell-${statusKind(status)}${marked ? ' changed' : ''}`,
          dataset: { user, endpoint: `${endpoint.method} ${endpoint.path}`, status: String(status) } },
        statusBadge(status, { compact: true }), marked ? el('span', { class: 'was' }, `was ${before}`) : null);
      })));
    replace(this.table, el('table', { class: 'matrix' },
      el('caption', {}, `Status per user and endpoint (credentials: ${this.mechanism.selectedOptions[0]?.textContent ?? ''})`),
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'User'),
        endpoints.map((e) => el('th', { scope: 'col' }, el('span', { class: 'method' }, e.method), el('br'), el('code', {}, e.path),
          e.label ? el('span', { class: 'endpoint-label' }, el('br'), e.label) : null)))),
      el('tbody', {}, rows)));
  }
}
