// Browser measurements for tools/bench/run (headless Chromium from Debian, playwright-core), one
// JSON object per line:
//   ready        navigation → <body data-ready="true"> of the static build (tools/build static),
//                five fresh contexts: cold (empty cache), then warm (the same context again)
//   transfer     what the page fetched until ready: WASM + JavaScript + CSS, gzip -9 sizes
//   argon2       the core's Argon2id against hash-wasm's (npm, pinned in tools/bundle) in one
//                page, Django 3.2's parameters (m=102400, t=2, p=8, 16-byte hash), five rounds in turn
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(join(root, 'tests/browser/package.json'))('playwright-core');
const hashWasm = readFileSync(join(root, 'tools/bundle/node_modules/hash-wasm/dist/index.esm.min.js'));
const contexts = 5;
const argon2Rounds = 5;

const report = (line) => console.log(JSON.stringify(line));
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// tools/serve.mjs on the next free port from a random start; resolves with its URL.
function serve(...args) {
  const server = spawn(process.execPath, [join(root, 'tools/serve.mjs'), ...args, String(20000 + Math.floor(Math.random() * 20000))],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const found = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) resolve({ url: found[0], stop: () => server.kill() });
    });
    server.once('exit', (code) => reject(new Error(`tools/serve.mjs exited (${code})`)));
  });
}

// Records when <body> becomes ready, in ms since navigation started.
const watchReady = () => {
  new MutationObserver(() => {
    if (document.body?.dataset.ready === 'true' && window.authlabReadyAt === undefined) window.authlabReadyAt = performance.now();
  }).observe(document, { attributes: true, subtree: true, attributeFilter: ['data-ready'] });
};

async function readyAfter(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 120_000 });
  return page.evaluate(() => window.authlabReadyAt);
}

async function measureReady(browser, url) {
  const cold = [];
  const warm = [];
  const fetched = new Map();  // url → gzip -9 bytes, in the first cold load
  for (let i = 0; i < contexts; i++) {
    const context = await browser.newContext();
    await context.addInitScript(watchReady);
    const page = await context.newPage();
    if (i === 0) {
      page.on('response', async (response) => {
        const type = response.headers()['content-type'] ?? '';
        if (!/javascript|css|wasm/.test(type) || response.status() !== 200) return;
        fetched.set(response.url(), gzipSync(await response.body(), { level: 9 }).length);
      });
    }
    cold.push(await readyAfter(page, url));
    warm.push(await readyAfter(page, url));
    await context.close();
  }
  report({ measure: 'ready', cold_ms: median(cold), warm_ms: median(warm), cold_all: cold, warm_all: warm });
  const files = Object.fromEntries([...fetched].map(([u, bytes]) => [new URL(u).pathname, bytes]));
  report({ measure: 'transfer', gzip_bytes: Object.values(files).reduce((a, b) => a + b, 0), files });
}

async function measureArgon2(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.route('**/bench/argon2.html', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>argon2</title>' }));
  await page.route('**/bench/hash-wasm.js', (route) => route.fulfill({ contentType: 'text/javascript', body: hashWasm }));
  await page.goto(new URL('bench/argon2.html', url).href);
  const result = await page.evaluate(async (rounds) => {
    const { openAuthLab } = await import('/core/authlab-api.mjs');
    const { default: createAuthLab } = await import('/core/authlab.mjs');
    const wasmBinary = await (await fetch('/core/authlab.wasm')).arrayBuffer();
    const core = (await openAuthLab(createAuthLab, { wasmBinary })).core('empty');
    const { argon2id } = await import('/bench/hash-wasm.js');
    const salt = new Uint8Array(16).fill(7);
    const peer = () => argon2id({ password: 'carol-pass-1', salt, parallelism: 8, iterations: 2, memorySize: 102400, hashLength: 16, outputType: 'encoded' });
    const hashers = { core: async () => core.hashPassword('carol-pass-1'), hashwasm: peer };
    // Each compiled and its memory grown before timing; then `rounds` rounds, the two in turn, so a
    // slow second of the machine weighs on both alike. Each side's figure is its median.
    for (const hash of Object.values(hashers)) await hash();
    const times = { core: [], hashwasm: [] };
    for (let round = 0; round < rounds; round++) {
      for (const [name, hash] of Object.entries(hashers)) {
        const start = performance.now();
        await hash();
        times[name].push(performance.now() - start);
      }
    }
    const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
    return { core_ms: median(times.core), hashwasm_ms: median(times.hashwasm), core_all: times.core, hashwasm_all: times.hashwasm };
  }, argon2Rounds);
  report({ measure: 'argon2_browser', ...result });
  await context.close();
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
         '--disable-component-update', '--disable-sync'],
});
const shipped = await serve('--static');
const development = await serve();
try {
  await measureReady(browser, shipped.url);
  await measureArgon2(browser, development.url);
} finally {
  await browser.close();
  shipped.stop();
  development.stop();
}
