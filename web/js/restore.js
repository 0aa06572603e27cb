// Loading the last saved world into a core: when the page starts, and when the core's worker
// was restarted (rpc.js). A saved world the core refuses is kept aside, never overwritten, and
// offered for download; the lab then runs the default world.
import { byId } from './dom.js';
import { startDeadlineMs } from './rpc.js';
import { keepAside, keptAside, loadSaved } from './storage.js';

// Returns whether the browser's cookie jar came back too.
export async function restoreSaved(lab, say) {
  const saved = loadSaved();
  if (!saved.world) return false;
  const answer = await lab.core.importWorld(saved.world);
  if (answer.error) {
    const kept = keepAside(saved.world);
    say(`The saved world could not be loaded (${answer.error}); this is the default world.`
      + (kept ? ' The saved one is kept aside in this browser: use “Download the unloadable world”.' : ''));
    if (kept) offerDownload();
    return false;
  }
  return Boolean(saved.cookies && (await lab.core.importCookies(saved.cookies)).ok);
}

function offerDownload() {
  if (document.getElementById('download-unloadable')) return;
  const button = document.createElement('button');
  button.type = 'button';
  button.id = 'download-unloadable';
  button.textContent = 'Download the unloadable world';
  button.addEventListener('click', () => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([keptAside() ?? ''], { type: 'application/json' }));
    link.download = 'authlab-unloadable-world.json';
    link.click();
    setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
  });
  byId('world-message').after(button);
}

// After the worker was restarted: a fresh core with the last saved world, then every panel.
export function restartFromSaved(rpc, lab, say) {
  rpc.addEventListener('restart', async ({ detail }) => {
    try {
      const id = await rpc.call(undefined, 'open', ['default'], 'Restarting the core…', startDeadlineMs);
      if (id !== lab.core.id) throw new Error(`the new core is ${id}, not ${lab.core.id}`);
      await restoreSaved(lab, () => {});
      await lab.refresh();
      say(detail.message);
    } catch (error) {
      say(`${detail.message} Restoring it failed: ${error.message}`);
    }
  });
}
