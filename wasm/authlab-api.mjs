// The JavaScript face of the WebAssembly core, shared by the page and Node.js
// (tools/run-scenario.mjs, tests/wasm/). The module speaks JSON strings (wasm/bindings.cpp);
// this turns them into objects and its {"error": …} answers into thrown Errors where a caller
// could not go on.
//
//   const lab = await openAuthLab(createAuthLab);          // the page: import createAuthLab from './authlab.mjs'
//   const lab = await openAuthLabForNode(dir);             // Node.js: dir holds authlab.mjs + authlab.wasm
//   const core = lab.core('default');                      // or 'empty', or a saved world's JSON text
//   const { response, trace } = core.handle({ method: 'GET', path: '/api/books/' });
//   core.delete();                                         // frees the C++ object

export async function openAuthLab(createAuthLab, moduleOptions = {}) {
  return new AuthLab(await createAuthLab(moduleOptions));
}

// Emscripten 3.1.6's loader fetch()es the .wasm, which Node.js 20 cannot do for a file path,
// so the bytes are read here and handed over as wasmBinary.
export async function openAuthLabForNode(moduleDir) {
  const { readFile } = await import('node:fs/promises');
  const { join } = await import('node:path');
  const { pathToFileURL } = await import('node:url');
  const { createRequire } = await import('node:module');
  const jsPath = join(moduleDir, 'authlab.mjs');
  const wasmPath = join(moduleDir, 'authlab.wasm');
  let wasmBinary;
  try {
    wasmBinary = await readFile(wasmPath);
  } catch (error) {
    throw new Error(`no WebAssembly build at ${wasmPath} (${error.code}): build it with ` +
                    '`cmake --preset wasm && cmake --build --preset wasm`');
  }
  // The ES module output still uses CommonJS's require() and __dirname when it sees Node.js.
  globalThis.require ??= createRequire(jsPath);
  globalThis.__dirname ??= moduleDir;
  const { default: createAuthLab } = await import(pathToFileURL(jsPath).href);
  return openAuthLab(createAuthLab, { wasmBinary });
}

function lessonText(lesson) {
  return typeof lesson === 'string' ? lesson : JSON.stringify(lesson);
}

function parsed(text) {
  const value = JSON.parse(text);
  if (value && typeof value === 'object' && 'error' in value) throw new Error(value.error);
  return value;
}

// A native Core as a Core, or (freed) the reason it could not open.
function opened(native) {
  const status = JSON.parse(native.status());
  if (status.error) {
    native.delete();
    throw new Error(status.error);
  }
  return new Core(native);
}

export class AuthLab {
  constructor(module) {
    this.module = module;
  }

  // A backend on the system clock with a cryptographic random source. Throws when `spec` is
  // neither "default", "empty" nor a world this page can load.
  core(spec = 'default') {
    return opened(new this.module.Core(typeof spec === 'string' ? spec : JSON.stringify(spec)));
  }

  // A lesson file's text → { lesson } (normalized: defaults filled) or
  // { errors: [{ path, reason }] } (web/lessons/README.md). Never throws for bad input.
  parseLesson(text) {
    const answer = JSON.parse(this.module.parseLesson(String(text)));
    if ('error' in answer) return { errors: [{ path: '$', reason: answer.error }] };
    return answer;
  }

  // A lesson's Core (core/lesson/session.hpp): its world built fresh from the lesson's setup
  // with a random stream seeded by `seed` (a new lesson), or brought back by replaying
  // `evidence` (lessonProgress().evidence). Everything done to it is recorded, and the core
  // judges the steps (lessonState). `lesson`: what parseLesson gave (or its JSON text). Throws
  // for a bad lesson, or evidence that does not replay.
  lessonCore(lesson, { seed, evidence } = {}) {
    return opened(new this.module.Core(lessonText(lesson), JSON.stringify(evidence ? { evidence } : { seed })));
  }

  // The lesson played headless as `tools/authlab lessons check` plays it (a teacher's lesson,
  // before the class starts it): { failing: [{ index, title, failures }] }, empty when every
  // step passes. Throws for an invalid lesson.
  checkLesson(lesson) {
    return parsed(this.module.checkLesson(lessonText(lesson)));
  }

  // The progress file's text from the learner's name as typed and each lesson's
  // lessonProgress() entry: { text } or { error } in the learner's words.
  progressFile(learner, entries, exportedAt = new Date().toISOString()) {
    return JSON.parse(this.module.progressFile(String(learner), JSON.stringify(entries), String(exportedAt)));
  }

  // files: [{ name, text }], lessons: { id: the shipped lesson's JSON text } →
  // { rows: [{ file, learner, lesson, mode, steps, claimed, verified, hints, solutions,
  //   predictions, predictions_right, minutes, ok, problems }], csv, errors: [{ file, error }] }
  verifyProgress(files, lessons) {
    return parsed(this.module.verifyProgress(JSON.stringify(files), JSON.stringify(lessons)));
  }

  // The attack lab's token (wasm/API.md): { token } or { error } in the learner's words, which
  // belongs next to the control that asked.
  forgeJwt({ header, payload, mode, original = '', key = '' }) {
    return JSON.parse(this.module.forgeJwt(String(header), String(payload), String(mode), String(original), String(key)));
  }

  // files: [{ name, base64 } | { name, text } | { name, error: 'ENOENT' }]
  // → { output, errors, exitCode }, exactly what tools/authlab run prints and returns.
  runScenarios(files, json = false) {
    return parsed(this.module.runScenarios(JSON.stringify(files), Boolean(json)));
  }
}

export class Core {
  constructor(native) {
    this.native = native;
  }

  // request: { method, path, headers?, json? | form? | body? } as in a scenario step.
  // → { response: { status, headers, cookies, body, json }, trace }
  handle(request) {
    return parsed(this.native.handle(JSON.stringify(request)));
  }

  // handle() with the milliseconds it took where the core runs (the page's worker): what a
  // client timing the server would see, without the message passing.
  timedHandle(request) {
    const start = performance.now();
    const answer = this.handle(request);
    return { ...answer, ms: performance.now() - start };
  }

  advance(seconds) {
    return parsed(this.native.advance(seconds)).now;
  }

  now() {
    return this.native.now();  // virtual time, ms since the epoch
  }

  exportWorld() {
    return parsed(this.native.exportWorld());
  }

  // → { ok: true } or { error }; on error the world stays as it was.
  importWorld(world) {
    return JSON.parse(this.native.importWorld(typeof world === 'string' ? world : JSON.stringify(world)));
  }

  // → { fixture, code }: the world as a Django fixture (JSON text) and its policies as Python.
  exportDjango() {
    return parsed(this.native.exportDjango());
  }

  // A project's dumpdata → { ok: true, report: [sentences] } or { error }; untouched on error.
  importDjangoFixture(text) {
    return JSON.parse(this.native.importDjangoFixture(text));
  }

  hashPassword(password) {
    return parsed(this.native.hashPassword(password)).encoded;
  }

  // → { verdict: 'match' | 'mismatch' | 'malformed', problem, must_update }
  checkPassword(password, encoded) {
    return parsed(this.native.checkPassword(password, encoded));
  }

  cookies() {
    return parsed(this.native.cookies());
  }

  clearCookies() {
    this.native.clearCookies();
  }

  // The jar as saved across a reload: [{ name, value, expires (virtual µs) | null }].
  exportCookies() {
    return parsed(this.native.exportCookies());
  }

  // Untrusted (browser storage): → { ok: true } or { error }; on error the jar is unchanged.
  importCookies(cookies) {
    return JSON.parse(this.native.importCookies(typeof cookies === 'string' ? cookies : JSON.stringify(cookies)));
  }

  // The learner-facing features (wasm/API.md).
  snapshot() {
    return parsed(this.native.snapshot());
  }

  // → { ok: true } or { error }: the message belongs next to the control that sent it.
  admin(command) {
    return JSON.parse(this.native.admin(JSON.stringify(command)));
  }

  whyNot(request) {
    return parsed(this.native.whyNot(JSON.stringify(request)));
  }

  matrix(mechanism = 'token') {
    return parsed(this.native.matrix(mechanism));
  }

  issueCredentials(username, mechanism) {
    return parsed(this.native.issueCredentials(username, mechanism));
  }

  // The world's SECRET_KEY (the attack lab reveals it): the key, without the world.
  secretKey() {
    return parsed(this.native.secretKey()).secret_key;
  }

  inspectJwt(token) {
    return parsed(this.native.inspectJwt(token));
  }

  // Lessons (wasm/API.md). The step's request (a request step's `request`, an admin step's
  // `check`) with ${name} from `captures` and ${cookie:NAME} from the jar filled in, or
  // { error } when a name has no capture.
  lessonRequest(lesson, index, captures = {}) {
    return JSON.parse(this.native.lessonRequest(lessonText(lesson), index, JSON.stringify(captures ?? {})));
  }

  // A lesson core's own events: { enter: k } | { hint: k } | { solution: k } |
  // { predict: k, status } → the state, as lessonState(). Throws when the lesson refuses it.
  lessonEvent(event) {
    return parsed(this.native.lessonEvent(JSON.stringify(event)));
  }

  // The core's judgment: { step, steps: [{ met, failures, hints, solution,
  // prediction: { guess, actual, right } | null }], captures }.
  lessonState() {
    return parsed(this.native.lessonState());
  }

  // The lesson's entry of a progress file; `shipped`: false puts the lesson itself in it.
  lessonProgress({ shipped = true } = {}) {
    return parsed(this.native.lessonProgress(JSON.stringify({ shipped })));
  }

  delete() {
    this.native.delete();
  }
}
