// Saving that cannot fail silently. The worker tells every save's outcome (rpc.js's 'save'
// event); when the browser refuses one (storage full, or disabled), the page says so at once,
// keeps working from memory, offers the world as a download, and the worker tries again every
// few seconds. When a save goes through again, the page says that too.
import { announce } from './announce.js';
import { byId, el, replace } from './dom.js';
import { download } from './restore.js';

export function watchSaving(rpc, lab) {
  const box = el('div', { class: 'world-message save-message', id: 'save-message', role: 'alert', hidden: true });
  byId('world-message').after(box);
  let failing = false;
  rpc.addEventListener('save', ({ detail }) => {
    if (detail.ok) {
      if (!failing) return;
      failing = false;
      replace(box, el('p', {}, 'The world is saved in this browser again.'));
      announce('The world is saved again.');
      return;
    }
    failing = true;
    box.hidden = false;
    replace(box,
      el('p', {}, `This browser refused to save the world (${detail.error}). Everything still works in this tab, `
        + 'and saving is tried again every few seconds; until it goes through, a reload would lose your changes.'),
      el('button', { type: 'button', id: 'save-download', onclick: async () => {
        download(await lab.core.exportWorldText(), 'authlab-world.json');
      } }, 'Download the world'));
  });
}
