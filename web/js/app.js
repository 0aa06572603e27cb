// Starts the lab: the core in its worker, the saved (or shared) world, every panel; then marks
// <body data-ready="true"> once the core has answered.
import { Admin } from './admin.js';
import { announce } from './announce.js';
import { labelFor } from './busy-labels.js';
import { SideBySide } from './compare.js';
import { RequestConsole } from './console.js';
import { byId } from './dom.js';
import { Lab } from './lab.js';
import { Matrix } from './matrix.js';
import { renderResponse } from './response.js';
import { restartFromSaved, restoreSaved } from './restore.js';
import { Rpc, remoteCore, startDeadlineMs } from './rpc.js';
import { askToOpenShared } from './share-prompt.js';
import { clearUrlWorld, worldFromUrl } from './share.js';
import { loadSaved, sanitizeNotes } from './storage.js';
import { Stores } from './stores.js';
import { setUpTabs } from './tabs.js';
import { TokenFlow } from './tokens.js';
import { renderDecision } from './trace-diagram.js';
import { WhyNot } from './whynot.js';
import { setUpWorldTools } from './world-tools.js';

async function start() {
  const showTab = setUpTabs();
  // The offline file starts the worker from a Blob (tools/bundle/bundle.mjs).
  const rpc = new Rpc(globalThis.AUTHLAB_WORKER_URL ?? new URL('../worker.js', import.meta.url));
  const coreId = await rpc.call(undefined, 'open', ['default'], 'Loading the core (WebAssembly)…', startDeadlineMs);
  const lab = new Lab(remoteCore(rpc, coreId, labelFor));
  const say = setUpWorldTools(lab);

  // The saved state first; a world in the link replaces it (and can be undone).
  const saved = loadSaved();
  lab.notes = { ...lab.notes, ...sanitizeNotes(saved.notes) };
  const jarRestored = await restoreSaved(lab, say);
  restartFromSaved(rpc, lab, say);
  if (!jarRestored) delete lab.notes.held.session;  // the jar starts empty: that login is gone
  let shared = null;
  try {
    shared = await worldFromUrl();
  } catch (error) {
    say(error.message);  // damaged or too large: nothing of it is loaded
    clearUrlWorld();
  }

  const requestConsole = new RequestConsole(byId('console'), lab);
  lab.addEventListener('exchange', ({ detail }) => {
    renderResponse(byId('response'), detail);
    renderDecision(byId('decision'), detail);
  });
  new WhyNot(byId('whynot'), lab, requestConsole);
  new TokenFlow(byId('login'), byId('held'), lab, requestConsole, showTab);
  new Stores(byId('stores'), lab);
  const sideBySide = new SideBySide(byId('compare'), lab, rpc, requestConsole);
  requestConsole.onCompare = () => { showTab('compare', true); sideBySide.run(); };
  new Admin(byId('admin'), lab).open('users');
  new Matrix(byId('matrix'), lab);

  await lab.refresh();
  if (shared !== null) clearUrlWorld();
  // A learner with a world of their own is asked first; a first visit just opens it.
  if (shared !== null && !saved.world) await openShared(lab, shared, say);
  document.body.dataset.ready = 'true';
  announce('AuthLab is ready.');
  if (shared !== null && saved.world && await askToOpenShared()) await openShared(lab, shared, say);
}

async function openShared(lab, text, say) {
  const answer = await lab.importWorld(text, 'Opened the world from the link');
  if (answer.error) say(`The link's world was not loaded: ${answer.error}`);
}

start().catch((error) => {
  byId('world-message').textContent = `AuthLab could not start: ${error.message}`;
});
