// Opening a link asks first when it would replace what the learner has: a world of their own
// (the link's world replaces it only on "Open the link's world", and Undo brings it back), or
// a lesson in progress (kept on "Keep my lesson").
import { byId, el } from './dom.js';

// A question under the header with two answers; resolves true for `yes`.
function ask({ id, label, text, yes: [yesId, yesText], no: [noId, noText] }) {
  const open = el('button', { type: 'button', id: yesId }, yesText);
  const keep = el('button', { type: 'button', id: noId }, noText);
  const box = el('div', { id, class: 'world-message', role: 'alertdialog', 'aria-label': label }, el('p', {}, text), open, keep);
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

export function askToOpenShared() {
  return ask({ id: 'shared-prompt', label: 'Open the shared world?',
    text: 'This link holds a world. Opening it replaces the world you have here (Undo brings yours back).',
    yes: ['shared-open', 'Open the link\'s world'], no: ['shared-keep', 'Keep my world'] });
}

// `current` and `wanted`: lesson titles; `step`: the step reached in the current one (1-based).
export function askToReplaceLesson({ current, step, wanted }) {
  return ask({ id: 'lesson-prompt', label: 'Leave the lesson in progress?',
    text: `This link opens the lesson "${wanted}". You are at step ${step} of "${current}": your progress in it is kept, and Continue in the lesson list picks it up again.`,
    yes: ['lesson-prompt-open', 'Open the link\'s lesson'], no: ['lesson-prompt-keep', 'Keep my lesson'] });
}
