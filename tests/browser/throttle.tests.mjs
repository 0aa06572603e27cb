// The browser tests of throttling: a throttle set in the admin's policy editor, a 429 drawn in
// the decision diagram's throttle lane with its reason, and "Why not?" offering to wait.
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { choosePreset, expectExchange, openLab, responseJson, send, showTab } from './helpers.mjs';


// The admin's policy editor: books open to anyone, and a global AnonRateThrottle.
async function throttleAnonymousBooks(page, rate) {
  await showTab(page, 'admin');
  await page.click('#admin-policies');
  await page.locator('#policy-books-permissions input').first().fill('AllowAny');
  await page.click('#policy-throttle-add');
  await page.locator('#policy-throttle input').last().fill(`AnonRateThrottle:${rate}`);
  await page.click('#policies-save');
}

// A fresh page whose books list anonymous requests may GET at `rate`, the console ready to send one.
async function booksThrottledForAnonymous(context, url, rate) {
  const page = await openLab(context, url);
  await throttleAnonymousBooks(page, rate);
  await page.waitForSelector('#admin-message:has-text("policies")');
  await choosePreset(page, 'GET', '/api/books/');
  return page;
}

// The throttles' history in the learner's saved world, as the worker last wrote it to IndexedDB.
function savedThrottleEntries(page) {
  return page.evaluate(() => new Promise((resolve, reject) => {
    const open = indexedDB.open('authlab', 1);
    open.onerror = () => reject(open.error);
    open.onsuccess = () => {
      const get = open.result.transaction('saved').objectStore('saved').get('learner');
      get.onerror = () => reject(get.error);
      get.onsuccess = () => {
        const world = get.result ? JSON.parse(get.result.world) : {};
        resolve((world.throttle_cache ?? []).length);
      };
    };
  }));
}

export const tests = [
  {
    name: 'a bad throttle rate is refused with the core\'s message',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await throttleAnonymousBooks(page, '2/fortnight');
      const error = page.locator('#policies-error');
      await error.waitFor();
      assert.match(await error.textContent(), /Not saved: .*AnonRateThrottle:2\/fortnight.*bad rate/);
    },
  },
  {
    name: 'the third anonymous request in a minute is 429, drawn in the throttle lane, and waiting lets it through',
    async run({ context, url, artifacts }) {
      const page = await booksThrottledForAnonymous(context, url, '2/min');
      assert.equal(await send(page), 200);
      assert.equal(await send(page), 200);
      assert.equal(await send(page), 429);
      const body = await responseJson(page);
      assert.match(body.detail, /^Request was throttled\. Expected available in \d+ seconds?\.$/);

      const stop = page.locator('#trace-steps .seq-note.stop');
      assert.match(await stop.textContent(), /AnonRateThrottle:2\/min/);
      assert.match(await stop.textContent(), /2 of 2 requests in the last 60 s .*the next is allowed in \d+ s/);
      assert.match(await page.locator('.stopped-at').textContent(), /Throttling/);
      assert.match(await page.locator('#decision-outcome').textContent(), /429/);
      await page.screenshot({ path: join(artifacts, 'throttle-429.png'), fullPage: true });

      const wait = page.locator('#suggestions li', { hasText: 'Wait' }).getByRole('button');
      await wait.waitFor();
      assert.equal(await expectExchange(page, () => wait.click()), 200);
    },
  },
  {
    name: 'a throttle\'s history is saved with the world: after a 429 and a reload, the next request is still 429',
    async run({ context, url }) {
      const page = await booksThrottledForAnonymous(context, url, '1/day');
      assert.equal(await send(page), 200);
      assert.equal(await send(page), 429);
      // The worker saves after it answers; the reload waits for that save, not for a time.
      for (let tries = 0; (await savedThrottleEntries(page)) === 0; tries++) {
        assert.ok(tries < 200, 'the throttle history never reached the saved world');
        await page.waitForTimeout(50);
      }
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await choosePreset(page, 'GET', '/api/books/');
      assert.equal(await send(page), 429, 'the server\'s cache outlives the learner\'s tab');
    },
  },
];
