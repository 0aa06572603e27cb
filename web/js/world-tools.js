// The header's world controls: undo, reset, export and import as JSON, share as a link, and
// the virtual clock's reading. An imported or shared world is untrusted: the core validates
// it, and any message about it is shown as text.
import { announce } from './announce.js';
import { setUpDjangoTools } from './django-tools.js';
import { byId } from './dom.js';
import { labLinkUrl } from './lab-link.js';
import { formatTime } from './time.js';

// `linkState` → what "Share as link" carries (lab-link.js).
export function setUpWorldTools(lab, linkState) {
  const message = byId('world-message');
  const say = (text) => { message.textContent = text; };
  const guarded = (action) => async () => {
    say('');
    try {
      await action();
    } catch (error) {
      say(error.message);
    }
  };

  const undo = byId('undo');
  const showUndo = () => {
    const last = lab.undoStack.at(-1);
    undo.disabled = !last;
    undo.title = last ? `Undo: ${last.label}` : 'Nothing to undo';
    undo.setAttribute('aria-label', last ? `Undo: ${last.label}` : 'Undo (nothing to undo)');
  };
  undo.addEventListener('click', guarded(() => lab.undo()));

  byId('reset').addEventListener('click', guarded(async () => {
    const answer = await lab.reset();
    if (answer.error) say(answer.error);
  }));

  byId('export').addEventListener('click', guarded(async () => {
    const world = await lab.core.exportWorldText(true);
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([world], { type: 'application/json' }));
    link.download = 'authlab-world.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
    announce('The world was exported as authlab-world.json.');
  }));

  const input = byId('import');
  input.addEventListener('change', guarded(async () => {
    const file = input.files[0];
    input.value = '';
    if (!file) return;
    // The file itself goes to the core's worker, which reads and checks it.
    const answer = await lab.importWorld(file, `Imported ${file.name}`);
    if (answer.error) say(answer.file ? answer.error : `This file is not a world the lab can load: ${answer.error}`);
  }));

  setUpDjangoTools(lab, guarded, say);

  byId('share').addEventListener('click', guarded(async () => {
    const url = await labLinkUrl(await linkState());
    const box = byId('share-box');
    const field = byId('share-url');
    field.value = url;
    box.hidden = false;
    field.focus();
    field.select();
    try {
      await navigator.clipboard.writeText(url);
      announce('A link to this world was copied.');
    } catch {
      announce('A link to this world is selected below: copy it.');
    }
  }));

  const clock = byId('header-clock');
  const tick = () => { clock.textContent = `Virtual clock: ${formatTime(lab.virtualNow())}`; };
  setInterval(tick, 1000);
  lab.addEventListener('change', () => { showUndo(); tick(); });
  return say;
}
