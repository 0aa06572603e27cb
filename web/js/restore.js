// Loading the last saved world into a core: when the page starts, and when the core's worker
// was restarted (rpc.js). The worker reads it (IndexedDB) and loads it; a world saved by an
// older page in localStorage is handed over once. A saved world the core refuses is kept
// aside, never overwritten, and offered for download; the lab then runs the default world.
import { byId } from './dom.js';
import { startDeadlineMs } from './rpc.js';
import { clearLegacy, loadLegacy, sanitizeNotes } from './storage.js';

// Loads the saved world into lab.core and its notes into lab.notes.
// → {world: whether a saved world came back, jar: whether the cookie jar did too}
export async function restoreSaved(lab, rpc, say) {
  const legacy = loadLegacy();
  if (legacy) {
    // Removed once the worker has saved the world anew (or kept it aside).
    rpc.addEventListener('save', function migrated({ detail }) {
      if (detail.place !== 'learner' || !detail.ok) return;
      clearLegacy();
      rpc.removeEventListener('save', migrated);
    });
  }
  const saved = await lab.core.loadSaved({ place: 'learner', legacy });
  if (saved.notes) lab.notes = { ...lab.notes, ...sanitizeNotes(saved.notes) };
  if (saved.error) {
    say(`The saved world could not be loaded (${saved.error}); this is the default world.`
      + (saved.keptAside ? ' The saved one is kept aside in this browser: use “Download the unloadable world”.' : ''));
    if (saved.keptAside) offerDownload(rpc);
  }
  return saved;
}

function offerDownload(rpc) {
  if (document.getElementById('download-unloadable')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'download-unloadable';
  button.textContent = 'Download the unloadable world';
  button.addEventListener('click', async () => {
    const kept = await rpc.call(undefined, 'savedRecord', ['unloadable']);
    download(kept?.world ?? '', 'authlab-unloadable-world.json');
  });
  byId('world-message').after(button);
}

export function download(text, name) {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

// After the worker was restarted: a fresh core with the last saved world, then every panel. In a
// lesson, the learner's own world comes back where it waits, and the lesson is rebuilt from its
// saved evidence (`player()`: the lesson player, once there is one).
export function restartFromSaved(rpc, lab, say, player = () => null) {
  rpc.addEventListener('restart', async ({ detail }) => {
    try {
      const lesson = player()?.lesson ? player() : null;
      const own = lesson ? lesson.own : lab;  // {core, notes}: the learner's own
      const id = await rpc.call(undefined, 'open', ['default'], 'Restarting the core…', startDeadlineMs);
      if (id !== own.core.id) throw new Error(`the new core is ${id}, not ${own.core.id}`);
      const notes = own.notes;
      await restoreSaved(own, rpc, () => {});
      own.notes = notes;  // the page's notes are the newest
      if (lesson) {
        await lesson.rebuild();
        say(`${detail.message} The lesson was rebuilt from what you did in it.`);
        return;
      }
      await lab.refresh();
      say(detail.message);
    } catch (error) {
      say(`${detail.message} Restoring it failed: ${error.message}`);
    }
  });
}
