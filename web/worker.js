// The core's home. The WebAssembly module runs in this worker, off the page's thread, because
// checking a password with Argon2 takes real time and the page must never freeze.
// Messages in: {id, core?, method, args}; out: {id, result} or {id, error}.
// Without `core` the method is one of `commands` (open a core, fork one, close one); with it,
// a method of that core (wasm/authlab-api.mjs's Core).
import createAuthLab from '/core/authlab.mjs';
import { openAuthLab } from '/core/authlab-api.mjs';

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

const commands = {
  open: (authlab, spec) => keep(authlab.core(spec)),
  lessonCore: (authlab, lesson) => keep(authlab.lessonCore(lesson)),
  // A copy of a core's world in a core of its own (its own cookie jar): what-ifs that must
  // not change the learner's world.
  fork: (authlab, id) => keep(authlab.core(coreById(id).exportWorld())),
  // A lesson's text, validated by the core: {lesson} or {errors: [{path, reason}]}.
  parseLesson: (authlab, text) => authlab.parseLesson(text),
  // The attack lab's edited token: {token} or {error}.
  forgeJwt: (authlab, spec) => authlab.forgeJwt(spec),
  close: (authlab, id) => {
    coreById(id).delete();
    cores.delete(id);
  },
};

const coreMethods = new Set(['handle', 'advance', 'now', 'exportWorld', 'importWorld', 'cookies',
  'clearCookies', 'exportCookies', 'importCookies', 'hashPassword', 'checkPassword', 'whyNot', 'matrix', 'issueCredentials',
  'inspectJwt', 'snapshot', 'admin', 'exportDjango', 'importDjangoFixture', 'lessonRequest', 'checkLessonStep', 'timedHandle']);

function run(authlab, { core, method, args }) {
  if (core === undefined) {
    if (!Object.hasOwn(commands, method)) throw new Error(`unknown command ${method}`);
    return commands[method](authlab, ...args);
  }
  const target = coreById(core);
  if (!coreMethods.has(method) || typeof target[method] !== 'function') {
    throw new Error(`this build of the core has no ${method}(): rebuild it (tools/build wasm)`);
  }
  return target[method](...args);
}

self.onmessage = async ({ data }) => {
  try {
    const result = run(await lab, data);
    self.postMessage({ id: data.id, result });
  } catch (error) {
    self.postMessage({ id: data.id, error: String(error?.message ?? error) });
  }
};
