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
    this.previous = null;  // the statuses last shown: { byUser: user → [status per column], column: "METHOD path" → index }
    this.marks = new Map();  // "user|METHOD path" → the status before the latest change
    this.mechanism = el('select', { id: 'matrix-mechanism', onchange: () => { this.previous = null; this.marks.clear(); this.update(); } });
    options(this.mechanism, matrixMechanisms, 'token');
    this.table = el('div', { class: 'table-scroll matrix-scroll', id: 'matrix-table', tabindex: '0', role: 'region',
      'aria-label': 'Outcome matrix (scrolls; arrow keys and Page Down move through the users)',
      onscroll: () => this.scrolled() });
    this.changes = el('p', { id: 'matrix-changes', class: 'hint' });
    root.append(
      el('p', {}, 'What each user would get from each endpoint right now. It is recomputed after every change you make.'),
      el('div', { class: 'field' }, el('label', { for: 'matrix-mechanism' }, 'Users send credentials with'), this.mechanism),
      el('p', { class: 'legend' }, 'Legend: ', statusBadge(200, { compact: true }), ' let through · ',
        statusBadge(401, { compact: true }), ' not authenticated (who are you?) · ',
        statusBadge(403, { compact: true }), ' forbidden (known, but no) · ',
        statusBadge(404, { compact: true }), ' other errors'),
      this.changes, this.table);
    // Recomputed after a change while it is on screen, else once it is shown again: a hidden
    // matrix of 10,000 users would cost every click its copy and its redraw.
    const panel = root.closest('[role="tabpanel"]');
    const hidden = () => Boolean(panel?.hidden);
    lab.addEventListener('change', () => {
      if (hidden()) this.stale = true;
      else this.update();
    });
    if (panel) {
      new MutationObserver(() => {
        if (!hidden() && this.stale) {
          this.stale = false;
          this.update();
        }
      }).observe(panel, { attributes: true, attributeFilter: ['hidden'] });
    }
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

  // One redraw per frame however fast the scroll events come.
  scrolled() {
    if (this.frame || !this.shown) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.drawRows();
    });
  }

  // The core sends each distinct row once (rows) and each user's row by index (row_of): users
  // alike share one array here too, so 10,000 users cost their distinct rows, not 150,000 cells.
  render({ users, endpoints, rows, row_of: rowOf }) {
    const columns = endpoints.map((e) => `${e.method} ${e.path}`);
    const statuses = rows.map((row) => row.map((cell) => cell.status));
    const changed = new Map();  // "user|METHOD path" → the status before
    const list = [];
    if (this.previous) {
      const { byUser, column } = this.previous;
      const was = columns.map((k) => column.get(k));  // each column's index last time, if it was there
      users.forEach((user, r) => {
        const before = byUser.get(user);
        if (!before) return;
        statuses[rowOf[r]].forEach((status, c) => {
          const old = was[c] === undefined ? undefined : before[was[c]];
          if (old === undefined || old === status) return;
          changed.set(`${user}|${columns[c]}`, old);
          if (list.length < 12) list.push(`${user}, ${columns[c]}: ${old} → ${status}`);
        });
      });
    }
    if (changed.size) {
      this.marks = changed;
      const more = changed.size > 12 ? ` and ${changed.size - 12} more` : '';  // a group change can touch thousands
      replace(this.changes, `Latest change: ${list.join('; ')}${more}.`);
      announce(`Outcome matrix: ${changed.size} cell${changed.size > 1 ? 's' : ''} changed.`);
    }
    this.previous = { byUser: new Map(users.map((user, r) => [user, statuses[rowOf[r]]])), column: new Map(columns.map((k, c) => [k, c])) };

    this.shown = { users, endpoints, columns, statuses, rowOf };
    this.body = el('tbody');
    replace(this.table, el('table', { class: 'matrix', 'aria-rowcount': String(users.length + 1), 'aria-colcount': String(endpoints.length + 1) },
      el('caption', {}, `Status per user and endpoint (credentials: ${this.mechanism.selectedOptions[0]?.textContent ?? ''})`),
      el('thead', {}, el('tr', { 'aria-rowindex': '1' }, el('th', { scope: 'col' }, 'User'),
        endpoints.map((e) => el('th', { scope: 'col' }, el('span', { class: 'method' }, e.method), el('br'), el('code', {}, e.path),
          e.label ? el('span', { class: 'endpoint-label' }, el('br'), e.label) : null)))),
      this.body));
    this.first = -1;
    this.drawRows();
  }

  // Only the rows in view (and a margin) are in the DOM: spacer rows of the right height stand
  // for the rest, so 10,000 users scroll as smoothly as five. Every row has the same height
  // (style.css: .matrix tbody tr), measured once from a drawn row.
  drawRows() {
    const { users, endpoints, columns, statuses, rowOf } = this.shown;
    const rowHeight = this.rowHeight || 36;
    const head = this.table.querySelector('thead')?.offsetHeight ?? 0;
    const top = Math.max(0, this.table.scrollTop - head);
    const margin = 20;
    const first = Math.max(0, Math.floor(top / rowHeight) - margin);
    const last = Math.min(users.length, Math.ceil((top + (this.table.clientHeight || 600)) / rowHeight) + margin);
    if (first === this.first && last === this.last) return;
    this.first = first;
    this.last = last;
    const spacer = (rows, where) => {
      if (rows === 0) return null;
      const cell = el('td', { colspan: String(endpoints.length + 1) });
      cell.style.height = `${rows * rowHeight}px`;
      return el('tr', { class: `matrix-spacer ${where}`, 'aria-hidden': 'true' }, cell);
    };
    const rows = users.slice(first, last).map((user, i) => el('tr', { 'aria-rowindex': String(first + i + 2) },
      el('th', { scope: 'row' }, user),
      columns.map((endpoint, c) => {
        const status = statuses[rowOf[first + i]][c];
        const before = this.marks.get(`${user}|${endpoint}`);
        const marked = before !== undefined && before !== status;
        return el('td', { class: `cell cell-${statusKind(status)}${marked ? ' changed' : ''}`,
          dataset: { user, endpoint, status: String(status) } },
        statusBadge(status, { compact: true }), marked ? el('span', { class: 'was' }, `was ${before}`) : null);
      })));
    replace(this.body, spacer(first, 'before'), rows, spacer(users.length - last, 'after'));
    if (!this.rowHeight && rows.length) {
      this.rowHeight = rows[0].offsetHeight || 0;
      if (this.rowHeight) {  // measured: draw again with the true height
        this.first = -1;
        this.drawRows();
      }
    }
  }
}
