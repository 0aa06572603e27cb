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
import { Rpc, remoteCore } from './rpc.js';
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
  const coreId = await rpc.call(undefined, 'open', ['default'], 'Loading the core (WebAssembly)…');
  const lab = new Lab(remoteCore(rpc, coreId, labelFor));
  const say = setUpWorldTools(lab);

  // The saved state first; a world in the link replaces it (and can be undone).
  const saved = loadSaved();
  lab.notes = { ...lab.notes, ...sanitizeNotes(saved.notes) };
  let jarRestored = false;
  if (saved.world) {
    const answer = await lab.core.importWorld(saved.world);
    if (answer.error) say(`The saved world could not be loaded (${answer.error}); this is the default world.`);
    else if (saved.cookies) jarRestored = Boolean((await lab.core.importCookies(saved.cookies)).ok);
  }
  if (!jarRestored) delete lab.notes.held.session;  // the jar starts empty: that login is gone
  let shared = null;
  try {
    shared = await worldFromUrl();
  } catch {
    say('The link\'s world is damaged (it was cut short?); the lab kept its own world.');
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
  if (shared !== null) {
    const answer = await lab.importWorld(shared, 'Opened the world from the link');
    clearUrlWorld();
    if (answer.error) say(`The link's world was not loaded: ${answer.error}`);
  }
  document.body.dataset.ready = 'true';
  announce('AuthLab is ready.');
}

start().catch((error) => {
  byId('world-message').textContent = `AuthLab could not start: ${error.message}`;
});
