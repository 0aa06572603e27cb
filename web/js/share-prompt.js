// Opening a share link asks first when the learner has a world of their own: the link's
// world replaces it only on "Open the link's world" (and Undo brings it back).
import { byId } from './dom.js';

export function askToOpenShared() {
  const box = document.createElement('div');
  box.id = 'shared-prompt';
  box.className = 'world-message';
  box.setAttribute('role', 'alertdialog');
  box.setAttribute('aria-label', 'Open the shared world?');
  const text = document.createElement('p');
  text.textContent = 'This link holds a world. Opening it replaces the world you have here (Undo brings yours back).';
  const open = document.createElement('button');
  open.type = 'button';
  open.id = 'shared-open';
  open.textContent = 'Open the link\'s world';
  const keep = document.createElement('button');
  keep.type = 'button';
  keep.id = 'shared-keep';
  keep.textContent = 'Keep my world';
  box.append(text, open, keep);
  byId('world-message').after(box);
  open.focus();
  return new Promise((resolve) => {
    const answer = (value) => () => {
      box.remove();
      resolve(value);
    };
    open.addEventListener('click', answer(true));
    keep.addEventListener('click', answer(false));
  });
}
