// Django admin's two-list picker (SelectFilter, filter_horizontal): available items on the
// left with a filter, chosen ones on the right, buttons between. Keyboard: select options with
// the arrow keys (Shift/Ctrl for several), Enter moves them across. The filter also finds
// items by value, so a permission is found by its code name.
import { el } from './dom.js';

// items: [{value, label}]; chosen: values. → {element, chosen(): [values]}
export function twoListPicker({ id, legend, items, chosen }) {
  const picked = new Set(chosen);
  const available = el('select', { id: `${id}-available`, multiple: true, size: 10 });
  const selected = el('select', { id: `${id}-chosen`, multiple: true, size: 10 });
  const filter = el('input', { type: 'search', id: `${id}-filter`, placeholder: 'Filter', autocomplete: 'off',
    'aria-label': `Filter available ${legend.toLowerCase()}` });
  const counts = el('p', { class: 'picker-count', role: 'status' });

  function render() {
    const term = filter.value.trim().toLowerCase();
    // The filter finds an item by what it shows or by its code name (add_book, bookshop.add_book).
    const found = (i) => i.label.toLowerCase().includes(term) || i.value.toLowerCase().includes(term);
    available.replaceChildren(...items.filter((i) => !picked.has(i.value) && found(i))
      .map((i) => el('option', { value: i.value, title: i.label }, i.label)));
    selected.replaceChildren(...items.filter((i) => picked.has(i.value))
      .map((i) => el('option', { value: i.value, title: i.label }, i.label)));
    counts.textContent = `${picked.size} chosen`;
  }

  function move(from, choose) {
    const values = [...from.selectedOptions].map((o) => o.value);
    for (const value of values) (choose ? picked.add(value) : picked.delete(value));
    render();
    return values.length;
  }
  const everything = (choose) => {
    for (const option of (choose ? available : selected).options) option.selected = true;
    move(choose ? available : selected, choose);
  };

  available.addEventListener('dblclick', () => move(available, true));
  selected.addEventListener('dblclick', () => move(selected, false));
  available.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); move(available, true); } });
  selected.addEventListener('keydown', (e) => { if (e.key === 'Enter') { e.preventDefault(); move(selected, false); } });
  filter.addEventListener('input', render);
  filter.addEventListener('keydown', (e) => { if (e.key === 'Enter') e.preventDefault(); });

  const element = el('fieldset', { class: 'picker', id },
    el('legend', {}, legend),
    el('div', { class: 'picker-side' },
      el('label', { for: `${id}-available` }, `Available ${legend.toLowerCase()}`),
      filter, available,
      el('button', { type: 'button', class: 'small', onclick: () => everything(true) }, 'Choose all')),
    el('div', { class: 'picker-moves' },
      el('button', { type: 'button', id: `${id}-add`, 'aria-label': `Choose the selected ${legend.toLowerCase()}`,
        onclick: () => move(available, true) }, 'Choose →'),
      el('button', { type: 'button', id: `${id}-remove`, 'aria-label': `Remove the selected ${legend.toLowerCase()}`,
        onclick: () => move(selected, false) }, '← Remove')),
    el('div', { class: 'picker-side' },
      el('label', { for: `${id}-chosen` }, `Chosen ${legend.toLowerCase()}`),
      selected,
      el('button', { type: 'button', class: 'small', onclick: () => everything(false) }, 'Remove all')),
    counts);
  render();
  return { element, chosen: () => [...picked] };
}

// "bookshop | book | Can add book", as Django's admin lists permissions.
export const permissionItems = (permissions) =>
  permissions.map((p) => ({ value: p.key, label: `${p.app_label} | ${p.model} | ${p.name}` }));
