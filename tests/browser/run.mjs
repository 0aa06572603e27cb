// AuthLab's page in a real browser: Debian's Chromium driven by playwright-core. Starts
// tools/serve.mjs on a free port, serving web/'s modules one by one (the WebAssembly core must
// be built: tools/build wasm), or with --static the shipped bundle (tools/build static); runs
// each test in a fresh browser context, saves screenshots to tests/browser/artifacts/ and
// prints "N passed, N failed". The tests are every `tests` array exported by a *.tests.mjs file
// here, one file per part of the page.
//
//   node tests/browser/run.mjs [--url http://127.0.0.1:8000/] [--static] [--only NAME] [--update-screenshot]
//   --url: test a page that is already served, e.g. by tools/demo
//   --static: serve build/static/, what tools/demo serves (tests that reach into the worker by
//   its module URL, /worker.js, still find it: the bundle keeps that name)
//   --update-screenshot: also replace the README's picture, tests/browser/screenshot.png
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

import { chromium } from 'playwright-core';


const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const artifacts = join(here, 'artifacts');
const { values: options } = parseArgs({
  options: { url: { type: 'string' }, only: { type: 'string' }, static: { type: 'boolean' }, 'update-screenshot': { type: 'boolean' } },
});

function freePort() {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

// Starts tools/serve.mjs and resolves with the URL it prints.
async function startServer() {
  const server = spawn(process.execPath, [join(root, 'tools', 'serve.mjs'), ...(options.static ? ['--static'] : []), String(await freePort())],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    let output = '';
    server.stdout.on('data', (chunk) => {
      output += chunk;
      const found = output.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (found) resolve(found[0]);
    });
    server.once('exit', (code) => reject(new Error(`tools/serve.mjs exited (${code}) before serving`)));
  });
  return { url, stop: () => server.kill() };
}

async function loadTests() {
  const files = readdirSync(here).filter((name) => name.endsWith('.tests.mjs')).sort();
  const suites = await Promise.all(files.map((name) => import(join(here, name))));
  return suites.flatMap((suite) => suite.tests);
}

async function main() {
  const tests = await loadTests();
  mkdirSync(artifacts, { recursive: true });
  for (const old of readdirSync(artifacts).filter((name) => name.startsWith('failed-'))) rmSync(join(artifacts, old));
  const server = options.url ? { url: options.url, stop: () => {} } : await startServer();
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  let passed = 0;
  let failed = 0;
  try {
    const selected = tests.filter((t) => !options.only || t.name.includes(options.only));
    console.log(`1..${selected.length}`);
    for (const [index, test] of selected.entries()) {
      const context = await browser.newContext({
        viewport: { width: 1366, height: 900 }, reducedMotion: 'reduce', bypassCSP: Boolean(test.bypassCSP),
        acceptDownloads: true,
      });
      const problems = [];
      context.on('page', (page) => watch(page, problems));
      const started = Date.now();
      try {
        await test.run({ context, url: server.url, artifacts, root, problems });
        if (problems.length) throw new Error(`the page reported errors:\n  ${problems.join('\n  ')}`);
        passed++;
        console.log(`ok ${index + 1} - ${test.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(`not ok ${index + 1} - ${test.name}\n  ${String(error.stack ?? error).split('\n').join('\n  ')}`);
        for (const [n, page] of context.pages().entries()) {
          await page.screenshot({ path: join(artifacts, `failed-${test.name.replace(/\W+/g, '-')}-${n}.png`), fullPage: true }).catch(() => {});
        }
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
    server.stop();
  }
  const picture = join(artifacts, 'readme.png');
  if (options['update-screenshot'] && !failed && existsSync(picture)) copyFileSync(picture, join(here, 'screenshot.png'));
  console.log(`${passed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}

// Console errors and uncaught exceptions fail the test that caused them.
function watch(page, problems) {
  page.on('console', (message) => { if (message.type() === 'error') problems.push(`console: ${message.text()}`); });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
