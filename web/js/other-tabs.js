// Two tabs share one saved world. When another tab saves, this one stops saving (so neither
// silently overwrites the other) and says so, with a choice: load the other tab's world, or
// keep this tab's and save it over the other's.
// The core's worker hears another tab's worker save (rpc.js's 'other-tab-saved').
import { el, replace } from './dom.js';

export function watchOtherTabs(lab, rpc, { onLoad }) {
  const own = lab.store;  // the learner's own world's saving (a lesson saves elsewhere)
  const box = el('div', { class: 'other-tab', id: 'other-tab', role: 'alert', hidden: true });
  document.querySelector('.top').append(box);
  rpc.addEventListener('other-tab-saved', () => {
    own.paused = true;
    box.hidden = false;
    const inLesson = lab.store !== own;
    replace(box,
      el('p', {}, 'Another tab changed the saved world. This tab stopped saving, so neither overwrites the other.'),
      inLesson ? el('p', {}, 'Leave the lesson to choose which world to keep.') : el('div', { class: 'actions' },
        el('button', { type: 'button', id: 'other-tab-load', onclick: () => settle(async () => onLoad()) },
          'Load the other tab\'s world'),
        el('button', { type: 'button', id: 'other-tab-keep', onclick: () => settle(async () => lab.refresh()) },
          'Keep this tab\'s world (and save it over the other)')));
  });
  async function settle(action) {
    own.paused = false;
    box.hidden = true;
    await action();
  }
}
