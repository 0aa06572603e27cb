// An ordered list the learner edits: authentication classes (chosen from the known ones) or
// permission expressions (typed, with the known classes suggested). Order matters in DRF: the
// first authenticator that recognises credentials wins; the first permission that fails decides.
import { el, options, replace, uniqueId } from './dom.js';

// → {element, values()}
export function orderedList({ id, label, items, choices, typed = false, addLabel = typed ? 'Add a permission class' : 'Add' }) {
  let values = [...items];
  const list = el('ol', { class: 'ordered-list', id });
  const datalistId = uniqueId('choices');
  const adder = typed ? null : el('select', { id: `${id}-choice`, 'aria-label': `${label}: class to add` });

  function render(focusIndex, focusPart) {
    replace(list, values.map((value, index) => {
      const name = typed
        ? el('input', { type: 'text', value, list: datalistId, spellcheck: 'false', autocomplete: 'off',
          'aria-label': `${label} ${index + 1}`, class: 'expression',
          oninput: (event) => { values[index] = event.target.value; } })
        : el('span', { class: 'class-name' }, value);
      const act = (text, part, disabled, change) => el('button', { type: 'button', class: 'small', disabled,
        'aria-label': `${text} ${value || `entry ${index + 1}`}`, dataset: { part },
        onclick: () => { change(); render(Math.min(part === 'remove' ? index : index + (part === 'up' ? -1 : 1), values.length - 1), part); } },
      text);
      return el('li', { dataset: { index: String(index) } }, name,
        el('span', { class: 'row-actions' },
          act('Up', 'up', index === 0, () => values.splice(index - 1, 0, ...values.splice(index, 1))),
          act('Down', 'down', index === values.length - 1, () => values.splice(index + 1, 0, ...values.splice(index, 1))),
          act('Remove', 'remove', false, () => values.splice(index, 1))));
    }));
    if (!values.length) list.append(el('li', { class: 'empty' }, typed ? 'None: everything is allowed.' : 'None.'));
    if (adder) {
      options(adder, choices.filter((c) => !values.includes(c)).map((c) => [c, c]));
      adder.hidden = !adder.options.length;
      addButton.disabled = !adder.options.length;
    }
    if (focusIndex !== undefined) {
      const row = list.children[focusIndex];
      (row?.querySelector(`[data-part="${focusPart}"]:not([disabled])`) ?? row?.querySelector('button:not([disabled]), input') ?? list.closest('fieldset')?.querySelector('.add'))?.focus();
    }
  }

  const add = () => {
    if (typed) values.push('');
    else if (adder.value) values.push(adder.value);
    render();
    if (typed) list.lastElementChild?.querySelector('input')?.focus();
  };
  const addButton = el('button', { type: 'button', class: 'small add', id: `${id}-add`, onclick: add }, addLabel);
  const element = el('div', { class: 'ordered' },
    list,
    typed ? el('datalist', { id: datalistId }, choices.map((c) => el('option', { value: c }))) : null,
    el('div', { class: 'actions' }, adder, addButton));
  render();
  return { element, values: () => values.map((v) => v.trim()).filter(Boolean) };
}
