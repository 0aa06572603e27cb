// Builds the page for shipping from web/ (which stays as plain modules for development) and
// the WebAssembly core (build/wasm/wasm/):
//
//   node tools/bundle/bundle.mjs static    build/static/: index.html, style.css, js/app.js and
//                                          worker.js each bundled and minified, core/authlab.wasm
//   node tools/bundle/bundle.mjs offline   build/offline/authlab.html: one self-contained file
//                                          (WASM, JavaScript, CSS and the lessons inside; the
//                                          worker started from a Blob) that works from file://
//
// `tools/build static|offline` runs this after building the core.
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rm, writeFile, copyFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import * as esbuild from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const web = join(root, 'web');
const coreDir = process.env.AUTHLAB_WASM_DIR ?? join(root, 'build/wasm/wasm');

// The worker imports the core as /core/authlab.mjs (where tools/serve.mjs mounts the build):
// the bundler finds it in the build directory.
const coreFromBuild = {
  name: 'core-from-build',
  setup(build) {
    build.onResolve({ filter: /^\/core\// }, ({ path }) => ({ path: join(coreDir, path.slice('/core/'.length)) }));
  },
};

async function bundle(entry, extra = {}) {
  const result = await esbuild.build({
    entryPoints: [entry], bundle: true, minify: true, write: false, format: 'esm',
    target: 'chrome100', legalComments: 'none', logLevel: 'warning', plugins: [coreFromBuild],
    // The core's loader and wrapper reach for Node.js's modules only when they run in Node.js.
    external: ['node:*', 'fs', 'path', 'crypto'], ...extra,
  });
  return result.outputFiles[0].text;
}

const bundleCss = () => bundle(join(web, 'style.css'), { format: undefined, loader: { '.css': 'css' } });

async function buildStatic() {
  const out = join(root, 'build/static');
  await rm(out, { recursive: true, force: true });
  await mkdir(join(out, 'js'), { recursive: true });
  await mkdir(join(out, 'core'), { recursive: true });
  await writeFile(join(out, 'js/app.js'), await bundle(join(web, 'js/app.js')));
  await writeFile(join(out, 'worker.js'), await bundle(join(web, 'worker.js')));
  await writeFile(join(out, 'style.css'), await bundleCss());
  await copyFile(join(web, 'index.html'), join(out, 'index.html'));
  await copyFile(join(coreDir, 'authlab.wasm'), join(out, 'core/authlab.wasm'));
  const lessons = await shippedLessons();
  if (lessons.length) {
    await mkdir(join(out, 'lessons'), { recursive: true });
    for (const name of await readdir(join(web, 'lessons'))) {
      if (name.endsWith('.json')) await copyFile(join(web, 'lessons', name), join(out, 'lessons', name));
    }
  }
  console.log(`static build in ${out}`);
}

// The shipped lessons' texts in teaching order (web/lessons/index.json), or none.
async function shippedLessons() {
  let index;
  try {
    index = JSON.parse(await readFile(join(web, 'lessons/index.json'), 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT') return [];
    throw new Error(`web/lessons/index.json: ${error.message}`);
  }
  return Promise.all(index.map(({ file }) => readFile(join(web, 'lessons', file), 'utf8')));
}

const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

// Text that goes inside <script>…</script> must not close the element early.
const inScript = (text) => text.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');

async function buildOffline() {
  const [appJs, workerJs, css, html, wasm, lessons] = await Promise.all([
    // Chromium refuses module workers from a Blob in a file:// page, so this one is a classic
    // script (import.meta has no meaning there; the core's bytes come with it).
    bundle(join(web, 'js/app.js')), bundle(join(web, 'worker.js'), { format: 'iife', logLevel: 'error' }), bundleCss(),
    readFile(join(web, 'index.html'), 'utf8'), readFile(join(coreDir, 'authlab.wasm')), shippedLessons(),
  ]);
  // The worker runs from a Blob: its source and the core's bytes travel inside the page as
  // data blocks (never executed as they are), and a small script starts it from them.
  // The page asks for a module worker (web/js/rpc.js); from file:// it gets the classic one.
  const bootstrap = inScript(`globalThis.AUTHLAB_EMBEDDED_LESSONS=${JSON.stringify(lessons)};
{const NativeWorker=Worker;globalThis.Worker=class extends NativeWorker{constructor(url,options){
super(url,url===globalThis.AUTHLAB_WORKER_URL?{...options,type:'classic'}:options)}}}
globalThis.AUTHLAB_WORKER_URL=URL.createObjectURL(new Blob([
'globalThis.AUTHLAB_WASM_BASE64=',JSON.stringify(document.getElementById('authlab-wasm').textContent.trim()),';\\n',
document.getElementById('authlab-worker').textContent],{type:'text/javascript'}));`);
  const app = inScript(appJs);
  const csp = `default-src 'none'; script-src ${sha256(bootstrap)} ${sha256(app)} 'wasm-unsafe-eval'; ` +
    `worker-src blob:; style-src ${sha256(css)}; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'`;

  let page = html
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/s, `<meta http-equiv="Content-Security-Policy" content="${csp}">`)
    .replace(/<link rel="stylesheet" href="style.css">/, () => `<style>${css}</style>`)
    .replace(/<script type="module" src="js\/app.js"><\/script>/, () =>
      `<script type="text/plain" id="authlab-worker">${inScript(workerJs)}</script>\n` +
      `  <script type="application/octet-stream" id="authlab-wasm">${wasm.toString('base64')}</script>\n` +
      `  <script>${bootstrap}</script>\n  <script type="module">${app}</script>`);
  for (const [what, marker] of [['the CSP', sha256(app)], ['the style', '<style>'], ['the app', '<script type="module">'], ['the core', 'authlab-wasm']]) {
    if (!page.includes(marker)) throw new Error(`web/index.html changed: ${what} could not be put inside the offline file`);
  }
  const out = join(root, 'build/offline');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'authlab.html'), page);
  console.log(`offline build: ${join(out, 'authlab.html')} (${page.length} bytes, ${lessons.length} lessons)`);
}

const targets = { static: buildStatic, offline: buildOffline };
const target = process.argv[2];
if (!Object.hasOwn(targets, target)) {
  console.error('usage: node tools/bundle/bundle.mjs static|offline');
  process.exit(2);
}
await targets[target]();
