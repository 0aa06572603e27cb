// The page never freezes on hostile input, and never loses the learner's world: a worker that
// dies mid-request is replaced by one loaded from the saved world, a share link asks before it
// replaces a world, and a link that would unpack into more than a world is refused.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';

import { callDeadlineMs } from '../../web/js/rpc.js';
import { choosePreset, expectExchange, openLab, shareLink, showTab } from './helpers.mjs';
import { allShippedLessons, sendGuessing } from './lessons.tests.mjs';

async function addGroup(page, name) {
  await showTab(page, 'admin');
  await page.click('#admin-groups');
  await page.click('#group-add');
  await page.fill('#group-name', name);
  await page.click('#group-save');
  await groupButton(page, name).waitFor();
}

async function showGroups(page) {
  await showTab(page, 'admin');
  await page.click('#admin-groups');
}

function groupButton(page, name) {
  return page.locator('#group-list').getByRole('button', { name, exact: true });
}

// The worker the page runs the core in.
async function coreWorker(page) {
  const worker = page.workers().find((w) => w.url().endsWith('/worker.js'));
  assert.ok(worker, `no core worker among ${page.workers().map((w) => w.url()).join(', ')}`);
  return worker;
}

// A call the worker never answers ends at its deadline. The page's clock (installed before it
// opened) jumps over the deadline once the call is under way, its busy notice shown, instead of
// the test waiting the seconds a learner would.
async function passTheCallDeadline(page) {
  await page.waitForSelector('body.is-busy');
  await page.clock.fastForward(callDeadlineMs);
}

// The next request reaches the worker, which dies while handling it; the page waits out the
// call's deadline.
async function sendToAWorkerThatDies(page, worker) {
  await worker.evaluate(() => {
    const handle = self.onmessage;
    self.onmessage = (event) => {
      if (event.data.method === 'handle') self.close();
      else handle(event);
    };
  });
  await choosePreset(page, 'GET', '/api/books/');
  await page.click('#send');
  await passTheCallDeadline(page);
}

export const tests = [
  {
    name: 'a worker killed mid-request is restarted from the saved world, intact',
    async run({ context, url }) {
      await context.clock.install();
      const page = await openLab(context, url);
      await addGroup(page, 'Auditors');
      const worker = await coreWorker(page);
      await sendToAWorkerThatDies(page, worker);
      await page.waitForSelector('#world-message:has-text("restarted from the last saved world")');
      await page.waitForFunction(() => !document.body.classList.contains('is-busy'));
      // The world is intact and the new core answers.
      await showGroups(page);
      await groupButton(page, 'Auditors').waitFor();
      await choosePreset(page, 'GET', '/api/books/');
      assert.ok([200, 401, 403].includes(await expectExchange(page, () => page.click('#send'))));
      const fresh = await coreWorker(page);
      assert.notEqual(fresh, worker, 'the dead worker was replaced');
    },
  },
  {
    name: 'a worker killed in a lesson is restarted: the learner\'s world waits intact and the lesson is rebuilt from its evidence',
    async run({ context, url, root }) {
      await context.clock.install();
      const page = await openLab(context, url);
      await addGroup(page, 'Auditors');  // the learner's own world, put aside by the lesson
      const lesson = allShippedLessons(root).find((one) => one.id === 'tokens');
      await page.goto(`${url}?lesson=${lesson.id}`);
      await page.waitForSelector(`body[data-ready="true"][data-lesson="${lesson.id}"][data-lesson-step="1"]`);
      await sendGuessing(page, lesson.steps[0].expect.status, '#lesson-show');
      await page.waitForSelector('#lesson-verdict[data-met="true"]');
      await sendToAWorkerThatDies(page, await coreWorker(page));
      await page.waitForSelector('#world-message:has-text("The lesson was rebuilt from what you did in it")');
      await page.waitForFunction(() => !document.body.classList.contains('is-busy'));
      // Still in the lesson, its first step still done (replayed), and the new core answers.
      assert.equal(await page.evaluate(() => document.body.dataset.lesson), lesson.id);
      await page.waitForSelector('#lesson-verdict[data-met="true"]');
      assert.ok([200, 401, 403].includes(await sendGuessing(page, 200)));
      // Leaving gives the learner's own world back, intact.
      await page.click('#lesson-leave');
      await page.waitForFunction(() => document.body.dataset.lesson === undefined);
      await showGroups(page);
      await groupButton(page, 'Auditors').waitFor();
    },
  },
  {
    name: 'a worker stuck in a loop is ended and replaced, the world intact',
    async run({ context, url }) {
      await context.clock.install();
      const page = await openLab(context, url);
      await addGroup(page, 'Stuck');
      const worker = await coreWorker(page);
      await worker.evaluate(() => {
        const handle = self.onmessage;
        self.onmessage = (event) => {
          if (event.data.method === 'handle') for (;;) { /* hostile input that never ends */ }
          handle(event);
        };
      });
      await choosePreset(page, 'GET', '/api/books/');
      await page.click('#send');
      await passTheCallDeadline(page);
      await page.waitForSelector('#world-message:has-text("ran past")');
      await showGroups(page);
      await groupButton(page, 'Stuck').waitFor();
      await choosePreset(page, 'GET', '/api/books/');
      assert.ok([200, 401, 403].includes(await expectExchange(page, () => page.click('#send'))));
    },
  },
  {
    name: 'a call waiting behind long work is not called stuck: its deadline counts from when the worker takes it up',
    async run({ context, url }) {
      await context.clock.install();
      const page = await openLab(context, url);
      // "Why not?" takes long (it took 41 s on a world of 10,000 users): here 4 s of real work,
      // begun as the worker begins any call.
      const worker = await coreWorker(page);
      await worker.evaluate(() => {
        const handle = self.onmessage;
        self.onmessage = (event) => {
          if (event.data.method === 'whyNot') {
            self.postMessage({ started: event.data.id });
            const until = Date.now() + 4000;
            while (Date.now() < until) { /* working */ }
          }
          handle(event);
        };
      });
      await choosePreset(page, 'POST', '/api/books/');
      assert.ok([401, 403].includes(await expectExchange(page, () => page.click('#send'))), 'a refusal, so "Why not?" runs');
      // Sent again at once: this request waits behind "Why not?", past its own deadline in the
      // page's time, and must still be answered by the same core.
      const again = expectExchange(page, async () => {
        await page.click('#send');
        await page.clock.fastForward(callDeadlineMs + 1000);
      });
      assert.ok([401, 403].includes(await again));
      assert.doesNotMatch(await page.locator('#world-message').textContent(), /restarted|ran past/);
      assert.equal(await coreWorker(page), worker, 'the core was not restarted');
    },
  },
  {
    name: 'a share link asks before it replaces the learner\'s world',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await addGroup(page, 'Linked');
      const link = await shareLink(page);
      await page.click('#reset');
      await groupButton(page, 'Linked').waitFor({ state: 'detached' });
      await addGroup(page, 'Mine');

      // Keep mine: nothing changes, the link is gone from the address bar.
      await page.goto('about:blank');
      await page.goto(link);
      await page.waitForSelector('body[data-ready="true"]');
      await page.locator('#shared-keep').click();
      await showGroups(page);
      await groupButton(page, 'Mine').waitFor();
      assert.equal(await groupButton(page, 'Linked').count(), 0);
      assert.equal(await page.evaluate(() => location.hash), '');

      // Open it: the link's world replaces mine, and undo brings mine back.
      await page.goto('about:blank');
      await page.goto(link);
      await page.waitForSelector('body[data-ready="true"]');
      await page.locator('#shared-open').click();
      await showGroups(page);
      await groupButton(page, 'Linked').waitFor();
      assert.equal(await groupButton(page, 'Mine').count(), 0);
      await page.click('#undo');
      await groupButton(page, 'Mine').waitFor();
    },
  },
  {
    name: 'an oversized or damaged share link is refused with a message, the world kept',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await addGroup(page, 'Kept');
      // 5 MiB of JSON-looking text deflates to a few KiB: a small link, a huge world.
      const bomb = deflateRawSync(Buffer.alloc(5 * 1024 * 1024, ' ')).toString('base64url');
      await page.goto('about:blank');
      await page.goto(`${url}#world=${bomb}`);
      await page.waitForSelector('body[data-ready="true"]');
      assert.match(await page.locator('#world-message').textContent(), /unpacks to more than 4 MiB/);
      assert.equal(await page.locator('#shared-prompt').count(), 0, 'nothing to ask about');
      await showGroups(page);
      await groupButton(page, 'Kept').waitFor();
    },
  },
  {
    name: 'a saved world the core refuses is kept aside, never overwritten',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await page.evaluate(() => localStorage.setItem('authlab.world.v1', '{"schema": "authlab.world", "version": 999}'));
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.match(await page.locator('#world-message').textContent(), /could not be loaded.*kept aside/s);
      // The default world is saved in its place; the refused one stays kept aside (the worker's).
      await page.waitForFunction(() => localStorage.getItem('authlab.world.v1') === null);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-unloadable')]);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      assert.equal(Buffer.concat(chunks).toString('utf8'), '{"schema": "authlab.world", "version": 999}');
    },
  },
];
