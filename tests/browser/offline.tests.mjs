// The offline file (`tools/build offline`): one HTML file that works from file:// with no
// server. Each run bundles it afresh from web/ and this build's core, then opens it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { choosePreset, responseJson, send, timeout } from './helpers.mjs';
import { sendGuessing } from './lessons.tests.mjs';

function buildOfflineFile(root) {
  execFileSync(process.execPath, [join(root, 'tools/bundle/bundle.mjs'), 'offline'], { cwd: root, stdio: 'pipe' });
  return join(root, 'build/offline/authlab.html');
}

export const tests = [
  {
    name: 'the offline file becomes ready from file://, answers a request from the console and plays a lesson step',
    async run({ context, root }) {
      const file = buildOfflineFile(root);
      const html = readFileSync(file, 'utf8');
      const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]*)"/)?.[1] ?? '';
      assert.match(csp, /script-src 'sha256-[^']+' 'sha256-[^']+' 'wasm-unsafe-eval';/, `the CSP allows more than the page's own scripts: ${csp}`);
      assert.doesNotMatch(csp, /unsafe-inline/);
      assert.doesNotMatch(html, /<script[^>]+src=/, 'the offline file still loads a script from elsewhere');

      const requested = [];
      context.on('request', (request) => requested.push(request.url()));
      const page = await context.newPage();
      page.setDefaultTimeout(timeout);
      await page.goto(pathToFileURL(file).href);
      await page.waitForSelector('body[data-ready="true"]');

      await choosePreset(page, 'GET', '/api/books/');
      assert.equal(await send(page), 401);
      assert.equal((await responseJson(page)).detail, 'Authentication credentials were not provided.');

      // The lessons are inside too: the first shipped one opens and its first step is met by
      // the learner's own Send.
      const [first] = JSON.parse(readFileSync(join(root, 'web/lessons/index.json'), 'utf8'));
      await page.goto(`${pathToFileURL(file).href}?lesson=${first.id}`);
      await page.waitForSelector(`body[data-ready="true"][data-lesson="${first.id}"][data-lesson-step="1"]`);
      await sendGuessing(page);  // a predict step asks for a guess before it sends
      await page.waitForSelector('#lesson-next:not([disabled])');
      assert.equal(await page.locator('#lesson-verdict').getAttribute('data-met'), 'true');

      const fetched = requested.filter((url) => !url.startsWith('file:') && !url.startsWith('blob:') && !url.startsWith('data:'));
      assert.deepEqual(fetched, [], 'the offline file reached for the network');
    },
  },
];
