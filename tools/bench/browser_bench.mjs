// Browser measurements for tools/bench/run (headless Chromium from Debian, playwright-core), one
// JSON object per line:
//   ready        navigation → <body data-ready="true"> of the static build (tools/build static),
//                five fresh contexts: cold (empty cache), then warm (the same context again)
//   transfer     what the page fetched until ready: WASM + JavaScript + CSS, gzip -9 sizes
//   argon2       the core's Argon2id against hash-wasm's (npm, pinned in tools/bundle) in one
//                page, Django 3.2's parameters (m=102400, t=2, p=8, 16-byte hash), five rounds in turn
//   clicks       what a learner feels, on the static build: Send clicked → the status drawn and →
//                the page idle again (no call to the core outstanding, no busy notice, two frames
//                drawn), median of seven, on the default world; then the 10,000-user world
//                imported through the page's Import button (input → idle), and on it Send (GET
//                /api/books/), an admin change (a group saved) and a clock move (+1 min), each
//                click → idle; the longest main-thread task ('longtask' entries) in each
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { largeWorld } from './large-world.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');
const { chromium } = createRequire(join(root, 'tests/browser/package.json'))('playwright-core');
const hashWasm = readFileSync(join(root, 'tools/bundle/node_modules/hash-wasm/dist/index.esm.min.js'));
const contexts = 5;
const argon2Rounds = 5;
const clickRounds = 7;
const clickRounds10k = 5;

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

// In the page before its scripts: every message posted to a worker and every answer counted (a
// call outstanding is one not answered yet), and every long task recorded.
const watchWork = () => {
  window.authlabLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.authlabLongTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  window.authlabOutstanding = 0;
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function postMessage(...args) {
    window.authlabOutstanding += 1;
    if (!this.authlabCounted) {
      this.authlabCounted = true;
      // An answer carries the call's id (not a notice such as {started} or {event}).
      this.addEventListener('message', ({ data }) => { if (data && typeof data === 'object' && 'id' in data) window.authlabOutstanding -= 1; });
    }
    return post.apply(this, args);
  };
  // Resolves when `start()` has been called, the condition `begun()` has held, then the page is
  // idle: nothing outstanding, no busy notice, for two frames in a row. → {statusMs, idleMs, longestMs}
  window.authlabTime = (start, { status = false } = {}) => new Promise((resolve) => {
    const marker = document.querySelector('#response-status');
    if (marker) marker.dataset.stale = 'true';
    const t0 = performance.now();
    let statusMs = null;
    let quiet = 0;
    start();
    const frame = () => {
      const now = performance.now();
      if (status && statusMs === null) {
        const shown = document.querySelector('#response-status');
        if (shown && !shown.dataset.stale) statusMs = now - t0;
      }
      const busy = window.authlabOutstanding > 0 || document.body.classList.contains('is-busy');
      quiet = busy || (status && statusMs === null) ? 0 : quiet + 1;
      if (quiet < 2) return requestAnimationFrame(frame);
      // Long tasks are reported a little after they end.
      setTimeout(() => {
        const during = window.authlabLongTasks.filter((t) => t.start + t.duration > t0 && t.start < now);
        resolve({ statusMs, idleMs: now - t0, longestMs: Math.max(0, ...during.map((t) => t.duration)) });
      }, 100);
    };
    requestAnimationFrame(frame);
  });
};

const clickIn = (selector) => `document.querySelector(${JSON.stringify(selector)}).click()`;
const timed = (page, action, options = {}) => page.evaluate(([code, opts]) => window.authlabTime(() => (0, eval)(code), opts),
  [action, options]);

async function sendRounds(page, rounds) {
  const runs = [];
  for (let i = 0; i < rounds; i++) runs.push(await timed(page, clickIn('#send'), { status: true }));
  return runs;
}

async function measureClicks(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  await context.addInitScript(watchWork);
  const page = await context.newPage();
  page.setDefaultTimeout(300_000);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  await page.click('#tab-request');
  const value = await page.$eval('#preset', (select) => [...select.options].find((o) => o.textContent.startsWith('GET /api/books/ —'))?.value);
  await page.selectOption('#preset', value);
  await sendRounds(page, 2);  // warm
  const small = await sendRounds(page, clickRounds);
  report({ measure: 'clicks_default', status_ms: median(small.map((r) => r.statusMs)), idle_ms: median(small.map((r) => r.idleMs)),
    longest_task_ms: Math.max(...small.map((r) => r.longestMs)), runs: small });

  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  const big = largeWorld(JSON.parse(Buffer.concat(chunks).toString('utf8')), 10000, 100, 1000);
  await page.evaluate(() => { window.authlabImport = new Promise((resolve) => {
    document.querySelector('#import').addEventListener('change', () => resolve(performance.now()), { capture: true, once: true });
  }); });
  await page.setInputFiles('#import', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(big) });
  const imported = await page.evaluate(async () => {
    const t0 = await window.authlabImport;
    // The import is under way once a call is outstanding; then wait for idle.
    while (window.authlabOutstanding === 0) await new Promise((r) => setTimeout(r, 5));
    const { idleMs, longestMs } = await window.authlabTime(() => {});
    return { t0, idleAt: performance.now() - 100, longestMs };
  });
  const message = await page.textContent('#world-message');
  if (message) throw new Error(`the 10,000-user world was not imported: ${message}`);
  const importMs = imported.idleAt - imported.t0;
  // From the change event on: Playwright's own task that hands the file over comes before it.
  const importLongest = await page.evaluate((t0) => Math.max(0, ...window.authlabLongTasks
    .filter((t) => t.start >= t0).map((t) => t.duration)), imported.t0);

  await page.click('#tab-request');
  await sendRounds(page, 1);
  const requests = await sendRounds(page, clickRounds10k);
  await page.click('#tab-admin');
  await page.click('#admin-groups');
  const admin = [];
  for (let i = 0; i < clickRounds10k; i++) {
    await page.locator('#group-list').getByRole('button', { name: 'group-1', exact: true }).click();
    admin.push(await timed(page, clickIn('#group-save')));
  }
  await page.click('#tab-tokens');
  const clock = [];
  for (let i = 0; i < clickRounds10k; i++) clock.push(await timed(page, clickIn('#clock-1m')));
  report({ measure: 'clicks_10k', import_ms: importMs, import_longest_task_ms: importLongest,
    request_status_ms: median(requests.map((r) => r.statusMs)), request_idle_ms: median(requests.map((r) => r.idleMs)),
    admin_idle_ms: median(admin.map((r) => r.idleMs)), clock_idle_ms: median(clock.map((r) => r.idleMs)),
    longest_task_ms: Math.max(...[...requests, ...admin, ...clock].map((r) => r.longestMs)),
    longest: { request: Math.max(...requests.map((r) => r.longestMs)), admin: Math.max(...admin.map((r) => r.longestMs)),
      clock: Math.max(...clock.map((r) => r.longestMs)) } });
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
  // --clicks measures the clicks alone (while working on the page's speed).
  if (!process.argv.includes('--clicks')) {
    await measureReady(browser, shipped.url);
    await measureArgon2(browser, development.url);
  }
  await measureClicks(browser, shipped.url);
} finally {
  await browser.close();
  shipped.stop();
  development.stop();
}
