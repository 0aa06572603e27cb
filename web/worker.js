// The core's home. The WebAssembly module runs in this worker, off the page's thread, because
// checking a password with Argon2 takes real time and the page must never freeze.
// Messages in: {id, core?, method, args}; out: {started: id} when the worker begins a call
// (its deadline counts from then, not from when it was posted), then {id, result} or {id, error}.
// Unasked: {event: 'save', place, ok, error?} after each save, {event: 'other-tab-saved'}.
// Without `core` the method is one of `commands` (open a core, fork one, close one); with it,
// one of `coreTasks` (the page's view of the world, saving) or a method of that core
// (wasm/authlab-api.mjs's Core).
// Saving happens here, after the answer is posted: the world's text never crosses to the page
// and nothing that grows with the world runs on the page's thread.
import createAuthLab from '/core/authlab.mjs';
import { openAuthLab } from '/core/authlab-api.mjs';
import { fileProblem } from './js/import-problems.js';
import { readSaved, writeSaved } from './js/saved-store.js';

// The bytes are fetched here and handed over, so the loader need not guess where it runs.
// The offline file (tools/build offline) starts this worker from a Blob with the bytes inside.
function coreBytes() {
  const embedded = globalThis.AUTHLAB_WASM_BASE64;
  if (embedded) {
    const text = atob(embedded);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
    return Promise.resolve(bytes);
  }
  return fetch('/core/authlab.wasm').then((response) => {
    if (!response.ok) throw new Error(`the core is not built (/core/authlab.wasm answered ${response.status})`);
    return response.arrayBuffer();
  });
}
// locateFile: the loader need not work out where it was loaded from (a Blob has no place).
const lab = coreBytes().then((wasmBinary) => openAuthLab(createAuthLab, { wasmBinary, locateFile: (path) => path }));

const progressFileBytes = 4 * 1024 * 1024;  // the world file's bound (README, Limits)

const cores = new Map();
let nextCore = 1;

function keep(core) {
  cores.set(nextCore, core);
  return nextCore++;
}

function coreById(id) {
  const core = cores.get(id);
  if (!core) throw new Error(`no core ${id}`);
  return core;
}

// Saving. A refused write (storage full) is told to the page at once and tried again every few
// seconds until it goes through or a newer record replaces it.
const retrySaveMs = 5_000;
const lastRecord = new Map();  // place → the newest record asked to be saved
const retries = new Map();     // place → its retry timer
const otherTabs = typeof BroadcastChannel === 'function' ? new BroadcastChannel('authlab.saved') : null;
if (otherTabs) {
  otherTabs.onmessage = ({ data }) => {
    if (data?.place !== 'learner') return;
    lastRecord.delete('learner');  // what is saved is no longer what this tab last wrote
    self.postMessage({ event: 'other-tab-saved' });
  };
}

function saveRecord(place, record) {
  lastRecord.set(place, record);
  clearTimeout(retries.get(place));
  writeSaved(place, record).then(() => {
    if (lastRecord.get(place) !== record) return;  // a newer record is on its way
    self.postMessage({ event: 'save', place, ok: true });
    otherTabs?.postMessage({ place });
  }, (error) => {
    if (lastRecord.get(place) !== record) return;
    self.postMessage({ event: 'save', place, ok: false, error: `${error?.name ?? 'Error'}: ${error?.message ?? error}` });
    retries.set(place, setTimeout(() => { if (lastRecord.get(place) === record) saveRecord(place, record); }, retrySaveMs));
  });
}

// The core's world and jar as text, as saved: never parsed here, never sent to the page for saving.
function exported(target) {
  const world = target.native.exportWorld();
  if (world.startsWith('{"error"')) throw new Error(JSON.parse(world).error);
  return { world, cookies: target.native.exportCookies() };
}

// The world's text as the core last wrote it out, per core: written out again only when the
// world changed (the core compares it with the one it last gave out; a GET usually changes
// nothing), so saving, undo's "before" and a share link reuse the text the worker already has.
const worldTexts = new WeakMap();

function worldText(target) {
  const changed = target.native.exportWorldIfChanged();  // "" when unchanged
  if (changed.startsWith('{"error"')) throw new Error(JSON.parse(changed).error);
  if (changed) worldTexts.set(target, changed);
  return worldTexts.get(target) ?? exported(target).world;
}

// Saves what changed since the last save (the jar and notes are small); nothing changed:
// nothing is written.
function saveChanges(place, target, notes) {
  const last = lastRecord.get(place);
  const record = { world: worldText(target), cookies: target.native.exportCookies(), notes };
  const same = last && last.world === record.world && last.cookies === record.cookies && JSON.stringify(last.notes) === JSON.stringify(notes);
  if (!same) saveRecord(place, record);
}

let afterAnswer = null;  // work that follows the answer (saving), set by a task

const coreTasks = {
  // What the page shows (core/lab/snapshot.hpp's window): the users in view, the lists' first page.
  view: (target, window = {}) => JSON.parse(target.native.snapshotWindow(JSON.stringify(window ?? {}))),
  // After every change: the page's view now; the world, jar and notes saved once it is answered.
  // The browser's cookie jar comes with it (small; the jar panel shows it).
  refresh: (target, { window, place, notes }) => {
    const view = { ...coreTasks.view(target, window), jar: target.cookies() };
    if (place) afterAnswer = () => saveChanges(place, target, notes);
    return view;
  },
  // The notes changed (a password learnt): saved with the world they belong to.
  saveNotes: (target, { place, notes }) => {
    afterAnswer = () => saveChanges(place, target, notes);
  },
  // The world's text; indented for a file a person reads (the indenting done here, not on the page).
  exportWorldText: (target, indented = false) => {
    const world = worldText(target);
    return indented ? JSON.stringify(JSON.parse(world), null, 2) : world;
  },
  exportCookiesText: (target) => target.native.exportCookies(),
  // A world as text or as the file the learner chose: a file is read and checked here, not on
  // the page's thread. → {ok} or {error} (in the learner's words for a file that is not JSON).
  importWorld: async (target, world) => {
    if (!(world instanceof Blob)) return target.importWorld(world);
    const problem = await fileProblem(world);
    return problem ? { error: problem, file: true } : target.importWorld(await world.text());
  },
  // The saved world of `place` (or, saved by an older page, `legacy`) loaded into this core.
  // → {world: loaded?, jar: loaded?, notes, error?, keptAside?}. A world the core refuses is
  // kept aside ('unloadable'), never overwritten, and the core keeps its own.
  loadSaved: async (target, { place, legacy }) => {
    // An older page's world is there only until the worker has saved it here: it comes first.
    let record = legacy?.world ? legacy : null;
    try { record ??= await readSaved(place); } catch { /* storage disabled: as if nothing was saved */ }
    if (!record) return { world: false, jar: false, notes: null };
    const answer = target.importWorld(record.world);
    if (answer.error) {
      const keptAside = await writeSaved('unloadable', { world: record.world }).then(() => true, () => false);
      return { world: false, jar: false, notes: record.notes ?? null, error: answer.error, keptAside };
    }
    lastRecord.set(place, record);
    const jar = Boolean(record.cookies) && !target.importCookies(record.cookies).error;
    return { world: true, jar, notes: record.notes ?? null };
  },
};

const commands = {
  open: (authlab, spec) => keep(authlab.core(spec)),
  // A lesson's core, which records what is done to it and judges the steps: a new lesson with
  // {seed}, or one rebuilt by replaying {evidence} from its progress entry.
  lessonCore: (authlab, lesson, options = {}) => keep(authlab.lessonCore(lesson, options ?? {})),
  // "Export my progress": the file's text from every lesson's entry. → {text} or {error}
  progressFile: (authlab, learner, entries) => authlab.progressFile(learner, entries),
  // "Check progress files": each file (a File from the page, read here) replayed against the
  // shipped lessons' texts. → {rows, csv, errors: [{file, error}]}
  verifyProgress: async (authlab, files, lessons) => {
    const texts = [];
    const refused = [];
    for (const { name, file } of files) {
      // Not read at all past the world file's bound: a huge file is refused, not loaded.
      if (file.size > progressFileBytes) refused.push({ file: name, error: `the file is ${(file.size / 1048576).toFixed(1)} MiB; a progress file is at most 4 MiB` });
      else texts.push({ name, text: await file.text() });
    }
    const answer = texts.length ? authlab.verifyProgress(texts, lessons) : { rows: [], csv: '', errors: [] };
    return { ...answer, errors: [...refused, ...(answer.errors ?? [])] };
  },
  // A copy of a core's world in a core of its own (its own cookie jar): what-ifs that must
  // not change the learner's world.
  fork: (authlab, id) => keep(authlab.core(coreById(id).exportWorld())),
  // A lesson's text, validated by the core: {lesson} or {errors: [{path, reason}]}.
  parseLesson: (authlab, text) => authlab.parseLesson(text),
  // A teacher's lesson played through headless before it starts: {failing: [{index, title, failures}]}.
  checkLesson: (authlab, lesson) => authlab.checkLesson(lesson),
  // The attack lab's edited token: {token} or {error}.
  forgeJwt: (authlab, spec) => authlab.forgeJwt(spec),
  close: (authlab, id) => {
    coreById(id).delete();
    cores.delete(id);
  },
  // The text of a saved record's world ('unloadable': for its download; 'learner': another
  // tab's world, to load here), or null.
  savedRecord: async (authlab, place) => readSaved(place),
};

const coreMethods = new Set(['handle', 'advance', 'now', 'exportWorld', 'importWorld', 'cookies',
  'clearCookies', 'exportCookies', 'importCookies', 'hashPassword', 'checkPassword', 'whyNot', 'matrix', 'issueCredentials',
  'inspectJwt', 'secretKey', 'snapshot', 'admin', 'exportDjango', 'importDjangoFixture', 'lessonRequest', 'timedHandle',
  'lessonEvent', 'lessonState', 'lessonProgress']);

function run(authlab, { core, method, args }) {
  if (core === undefined) {
    if (!Object.hasOwn(commands, method)) throw new Error(`unknown command ${method}`);
    return commands[method](authlab, ...args);
  }
  const target = coreById(core);
  if (Object.hasOwn(coreTasks, method)) return coreTasks[method](target, ...args);
  if (!coreMethods.has(method) || typeof target[method] !== 'function') {
    throw new Error(`this build of the core has no ${method}(): rebuild it (tools/build wasm)`);
  }
  return target[method](...args);
}

self.onmessage = async ({ data }) => {
  self.postMessage({ started: data.id });
  let after = null;
  try {
    const authlab = await lab;
    const answer = run(authlab, data);
    after = afterAnswer;  // taken at once: a task that awaits must not carry another's
    afterAnswer = null;
    self.postMessage({ id: data.id, result: await answer });
  } catch (error) {
    afterAnswer = null;
    self.postMessage({ id: data.id, error: String(error?.message ?? error) });
  }
  try {
    after?.();
  } catch (error) {
    self.postMessage({ event: 'save', place: null, ok: false, error: String(error?.message ?? error) });
  }
};
