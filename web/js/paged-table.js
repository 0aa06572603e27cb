// A long admin list in pages, with a filter box, as Django's changelist has a search box and
// pages of 100: the table holds one page of rows, so a world of 10,000 users lists as fast as
// one of five. The filter keeps the rows whose text contains what was typed (any case); the
// page number comes back to 1 when the filter changes.
import { el, replace } from './dom.js';

export const rowsPerPage = 50;

// id: the table's id ("user-list"); what: plural words ("users"); columns: header texts;
// items: the rows' data; text(item): what the filter searches; row(item): one <tr>.
export function pagedTable({ id, what, columns, items, text, row }) {
  const What = `${what[0].toUpperCase()}${what.slice(1)}`;
  let page = 0;
  let shown = items;
  const filter = el('input', { id: `${id}-filter`, type: 'search', autocomplete: 'off', spellcheck: 'false',
    'aria-controls': id, oninput: () => { page = 0; draw(); } });
  const body = el('tbody');
  const status = el('p', { class: 'hint', id: `${id}-status`, role: 'status' });
  const previous = el('button', { type: 'button', id: `${id}-previous`, onclick: () => { page -= 1; draw(); } }, '‹ Previous');
  const next = el('button', { type: 'button', id: `${id}-next`, onclick: () => { page += 1; draw(); } }, 'Next ›');

  function draw() {
    const needle = filter.value.trim().toLowerCase();
    shown = needle ? items.filter((item) => text(item).toLowerCase().includes(needle)) : items;
    const pages = Math.max(1, Math.ceil(shown.length / rowsPerPage));
    page = Math.min(Math.max(page, 0), pages - 1);
    const first = page * rowsPerPage;
    replace(body, shown.slice(first, first + rowsPerPage).map(row));
    previous.disabled = page === 0;
    next.disabled = page === pages - 1;
    status.textContent = shown.length === 0 ? `No ${what} match “${filter.value.trim()}”.`
      : `${What} ${first + 1}–${Math.min(first + rowsPerPage, shown.length)} of ${shown.length}` +
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
