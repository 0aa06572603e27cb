// A long admin list in pages, with a filter box, as Django's changelist has a search box and
// pages of 100: the table holds one page of rows, so a world of 10,000 users lists as fast as
// one of five. The filter keeps the rows whose text contains what was typed (any case); the
// page number comes back to 1 when the filter changes. A list that grows with the world (the
// users) is not held by the page: `source(filter, offset, limit)` asks the core for one page.
import { el, replace } from './dom.js';

export const rowsPerPage = 50;

// id: the table's id ("user-list"); what: plural words ("users"); columns: header texts;
// items: the rows' data, or source(filter, offset, limit) → {items, total} (the filter is the
// core's then); text(item): what the filter searches; row(item): one <tr>.
export function pagedTable({ id, what, columns, items, source, text, row }) {
  const What = `${what[0].toUpperCase()}${what.slice(1)}`;
  let page = 0;
  let asked = 0;  // the newest question to `source`: older answers are dropped
  const filter = el('input', { id: `${id}-filter`, type: 'search', autocomplete: 'off', spellcheck: 'false',
    'aria-controls': id, oninput: () => { page = 0; draw(); } });
  const body = el('tbody');
  const status = el('p', { class: 'hint', id: `${id}-status`, role: 'status' });
  const previous = el('button', { type: 'button', id: `${id}-previous`, onclick: () => { page -= 1; draw(); } }, '‹ Previous');
  const next = el('button', { type: 'button', id: `${id}-next`, onclick: () => { page += 1; draw(); } }, 'Next ›');

  async function draw() {
    const needle = filter.value.trim().toLowerCase();
    let rows;
    let total;
    if (source) {
      const question = ++asked;
      const answer = await source(filter.value.trim(), page * rowsPerPage, rowsPerPage);
      if (question !== asked) return;
      ({ items: rows, total } = answer);
      if (rows.length === 0 && total > 0 && page > 0) {  // the list shrank under this page
        page = Math.ceil(total / rowsPerPage) - 1;
        return draw();
      }
    } else {
      const shown = needle ? items.filter((item) => text(item).toLowerCase().includes(needle)) : items;
      total = shown.length;
      page = Math.min(Math.max(page, 0), Math.max(1, Math.ceil(total / rowsPerPage)) - 1);
      rows = shown.slice(page * rowsPerPage, (page + 1) * rowsPerPage);
    }
    const pages = Math.max(1, Math.ceil(total / rowsPerPage));
    const first = page * rowsPerPage;
    replace(body, rows.map(row));
    previous.disabled = page === 0;
    next.disabled = page >= pages - 1;
    status.textContent = total === 0 ? `No ${what} match “${filter.value.trim()}”.`
      : `${What} ${first + 1}–${Math.min(first + rowsPerPage, total)} of ${total}` +
        (needle ? ` matching “${filter.value.trim()}”` : '') + ` · page ${page + 1} of ${pages}`;
  }
  draw();
  return el('div', { class: 'paged-table' },
    el('div', { class: 'field' }, el('label', { for: `${id}-filter` }, `Filter ${what}`), filter),
    el('table', { class: 'admin-table', id },
      el('caption', { class: 'visually-hidden' }, What),
      el('thead', {}, el('tr', {}, columns.map((h) => el('th', { scope: 'col' }, h)))),
      body),
    el('div', { class: 'pager' }, previous, status, next));
}
