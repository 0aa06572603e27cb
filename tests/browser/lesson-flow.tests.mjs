// A lesson as a class lives it: the text shows the values the learner's own answers gave, it
// names only what the page has, an admin change made in the wrong place is said in plain words
// with Undo, the decision's sentence reads well where the handler refuses; and the flow: step
// counts and minutes in the list, the picker finds code names, an admin step opens its
// section, the clock takes a typed amount, "Next lesson →", and a link asks before it
// replaces a lesson in progress.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { openLab, showTab } from './helpers.mjs';
import { sendGuessing } from './lessons.tests.mjs';

async function openLesson(context, url, id) {
  const page = await openLab(context, `${url}?lesson=${id}`);
  await page.waitForSelector(`body[data-lesson="${id}"][data-lesson-step="1"]`);
  return page;
}

// "Show me" on steps `from` to `to` (1-based), moving on to each.
async function showMe(page, from, to) {
  for (let step = from; step <= to; step += 1) {
    if (await page.evaluate(() => Number(document.body.dataset.lessonStep)) < step) await page.click('#lesson-next');
    await page.waitForSelector(`body[data-lesson-step="${step}"]`);
    await page.click('#lesson-show');
    // A predict step asks for a guess before Show me's request goes out.
    await page.waitForFunction(() => document.querySelector('#lesson-predict:not([hidden]) button') || !document.querySelector('#lesson-next').disabled);
    if (await page.locator('#lesson-predict:not([hidden])').count()) await page.click('#predict-401');
    await page.waitForSelector('#lesson-next:not([disabled])');
  }
}

const shipped = (root) => JSON.parse(readFileSync(join(root, 'web', 'lessons', 'index.json'), 'utf8'))
  .map((entry) => JSON.parse(readFileSync(join(root, 'web', 'lessons', entry.file), 'utf8')));

export const tests = [
  {
    name: 'lesson flow: "Why not?" on a refusal the step expects explains it and offers nothing to click',
    async run({ context, url }) {
      const page = await openLab(context, `${url}?lesson=roles-and-403`);
      await page.waitForSelector('body[data-ready="true"][data-lesson="roles-and-403"][data-lesson-step="1"]');
      for (const step of [1, 2]) {
        await sendGuessing(page, 200, '#lesson-show');
        await page.waitForSelector('#lesson-verdict[data-met="true"]');
        await page.click('#lesson-next');
        await page.waitForSelector(`body[data-lesson-step="${step + 1}"]`);
      }
      // "Carol tries to add a book" expects 403: Why not? says so and why, with no Apply.
      assert.equal(await sendGuessing(page, 403, '#lesson-show'), 403);
      await page.waitForSelector('#whynot-expected');
      assert.match(await page.locator('#whynot-expected').textContent(), /^This 403 is what the lesson's step expects: the refusal is the point/);
      assert.ok(await page.locator('#whynot #suggestions li').count() > 0, 'what would change it is not said');
      assert.equal(await page.locator('#whynot button').count(), 0, 'a suggestion is offered as a click');
    },
  },
  {
    name: 'lesson flow: a step\'s text shows the order id the learner\'s own answer gave, not ${order}',
    async run({ context, url }) {
      const page = await openLesson(context, url, 'object-level');
      await showMe(page, 1, 2);
      const order = JSON.parse(await page.locator('#response-body').textContent()).id;
      assert.ok(Number.isInteger(order));
      await showMe(page, 3, 4);
      await page.click('#lesson-next');
      await page.waitForSelector('body[data-lesson-step="5"]');
      const text = await page.locator('#lesson-text').textContent();
      assert.ok(!text.includes('${'), `shown literally: ${text}`);
      assert.ok(text.includes(`/api/orders/${order}/`), text);
    },
  },
  {
    name: 'lesson flow: every place a lesson sends the learner ("A → B") is a tab, heading or button the page has',
    async run({ context, url, root }) {
      const page = await openLab(context, url);
      const names = await page.evaluate(() => [...document.querySelectorAll('[role="tab"], h2, h3, button, summary')]
        .map((node) => node.textContent.trim()));
      for (const lesson of shipped(root)) {
        for (const [index, step] of lesson.steps.entries()) {
          const words = [step.text, step.hint ?? '', ...(step.hints ?? []), step.explain ?? ''].join('\n');
          assert.doesNotMatch(words, /inspector/i, `${lesson.id} step ${index + 1} names an inspector the page does not have`);
          for (const [, bold] of words.matchAll(/\*\*([^*]+)\*\*/g)) {
            if (!bold.includes('→') && !/^(Decode|Tokens)/.test(bold)) continue;
            for (const part of bold.split('→').map((p) => p.trim())) {
              assert.ok(names.includes(part), `${lesson.id} step ${index + 1}: the page has no "${part}"`);
            }
          }
        }
      }
    },
  },
  {
    name: 'lesson flow: an admin change made to the wrong group says what is missing and where it went, with Undo',
    async run({ context, url }) {
      const page = await openLesson(context, url, 'roles-and-403');
      await showMe(page, 1, 5);
      await page.click('#lesson-next');
      await page.waitForSelector('body[data-lesson-step="6"]');
      // The step opened the admin at its groups.
      await page.waitForSelector('#view-admin:not([hidden])');
      assert.equal(await page.locator('#admin-groups').getAttribute('aria-current'), 'page');
      // add_book to Customer, found by its code name in the picker's filter.
      await page.locator('#group-list').getByRole('button', { name: 'Customer', exact: true }).click();
      await page.fill('#group-perms-filter', 'add_book');
      const found = await page.locator('#group-perms-available option').allTextContents();
      assert.deepEqual(found, ['bookshop | book | Can add book'], 'the filter does not find the code name');
      await page.selectOption('#group-perms-available', 'bookshop.add_book');
      await page.click('#group-perms-add');
      await page.click('#group-save');
      await page.waitForSelector('#lesson-undo');
      const said = await page.locator('#lesson-verdict').textContent();
      assert.match(said, /Editor still lacks bookshop\.view_book, bookshop\.add_book, bookshop\.change_book; you gave bookshop\.add_book to Customer\./);
      await page.click('#lesson-undo');
      await page.waitForSelector('#lesson-undo', { state: 'detached' });
      assert.match(await page.locator('#lesson-verdict').textContent(), /Waiting for your change/);
      // Customer is as it was.
      await page.locator('#group-list').getByRole('button', { name: 'Customer', exact: true }).click();
      assert.ok(!(await page.locator('#group-perms-chosen option').allTextContents()).includes('bookshop | book | Can add book'));
    },
  },
  {
    name: 'lesson flow: a login that fails says so in words, not "expected 302, got 200"',
    async run({ context, url }) {
      const page = await openLesson(context, url, 'log-in-session');
      await showMe(page, 1, 3);
      await page.click('#lesson-next');
      await page.waitForSelector('body[data-lesson-step="4"]');
      // The learner mistypes the password in the prepared form.
      const form = await page.locator('#body').inputValue();
      assert.match(form, /password=carol-pass-1/);
      await page.fill('#body', form.replace('carol-pass-1', 'carol-pass-3'));
      assert.equal(await sendGuessing(page), 200);
      await page.waitForFunction(() => document.querySelector('#lesson-verdict').textContent.startsWith('Not yet: the login form came back'));
      const said = await page.locator('#lesson-verdict').textContent();
      assert.match(said, /so the login failed: a wrong password/);
      assert.doesNotMatch(said, /expected|got 200/);
    },
  },
  {
    name: 'lesson flow: a refresh token the view refuses reads as the view refusing it, stopped at the handler',
    async run({ context, url }) {
      const page = await openLesson(context, url, 'jwt-expiry-refresh');
      await showMe(page, 1, 10);
      assert.equal(await page.locator('#response-status').getAttribute('data-status'), '401');
      const sentence = await page.locator('#decision-outcome .outcome-sentence').textContent();
      assert.doesNotMatch(sentence, /,\s*,|\s,/, sentence);
      assert.doesNotMatch(sentence, /authenticator found credentials|an authenticator/, sentence);
      assert.match(sentence, /WWW-Authenticate: Bearer realm="api"/);
      assert.match(await page.locator('#decision-outcome .stopped-at').textContent(), /^Stopped at Handler/);
      assert.equal(await page.locator('.seq-note.stop.lane-handler').count(), 1);
    },
  },
  {
    name: 'lesson flow: the list gives each lesson\'s steps and minutes; the last step offers the next lesson',
    async run({ context, url, root }) {
      const page = await openLab(context, url);
      await showTab(page, 'request');
      await page.click('#lessons > summary');
      const lessons = shipped(root);
      for (const lesson of lessons) {
        const list = lesson.mode === 'challenge' ? '#challenge-list' : '#lesson-list';
        const length = await page.locator(`${list} li[data-lesson="${lesson.id}"] .lesson-length`).textContent();
        const steps = lesson.steps.length;
        assert.match(length, new RegExp(`^\\(${steps} step${steps === 1 ? '' : 's'}, about \\d+ min\\)$`));
      }
      const index = lessons.findIndex((l) => l.id === '401-or-403');
      await page.click('#lesson-start-401-or-403');
      await page.waitForSelector('body[data-lesson="401-or-403"][data-lesson-step="1"]');
      await showMe(page, 1, lessons[index].steps.length);
      await page.click('#lesson-next');
      await page.waitForSelector('#lesson-end:not([hidden])');
      const next = lessons[index + 1];
      assert.equal(await page.locator('#lesson-next-lesson').textContent(), `Next lesson: ${next.title} →`);
      await page.click('#lesson-next-lesson');
      await page.waitForSelector(`body[data-lesson="${next.id}"][data-lesson-step="1"]`);
    },
  },
  {
    name: 'lesson flow: the clock moves by a typed amount, and a typed mistake is said',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await showTab(page, 'tokens');
      const read = async () => Date.parse((await page.locator('#virtual-now').textContent()).replace(' UTC', 'Z').replace(' ', 'T'));
      const before = await read();
      await page.fill('#clock-amount', '2 fortnights');
      await page.click('#clock-move');
      assert.match(await page.locator('#clock-amount-error').textContent(), /"fortnights" is not a unit/);
      await page.fill('#clock-amount', '2 weeks');
      await page.click('#clock-move');
      await page.waitForFunction((was) => Date.parse(document.querySelector('#virtual-now').textContent.replace(' UTC', 'Z').replace(' ', 'T')) - was >= 14 * 86400e3, before);
      const moved = (await read()) - before;
      assert.ok(moved >= 14 * 86400e3 && moved < 14 * 86400e3 + 60e3, `moved ${moved} ms`);
    },
  },
  {
    name: 'lesson flow: a link to another lesson asks before it replaces the one in progress',
    async run({ context, url }) {
      const page = await openLesson(context, url, 'roles-and-403');
      await showMe(page, 1, 1);
      await page.click('#lesson-next');
      await page.waitForSelector('body[data-lesson-step="2"]');
      await page.goto(`${url}?lesson=tokens`);
      await page.waitForSelector('body[data-ready="true"]');
      await page.waitForSelector('#lesson-prompt');
      assert.match(await page.locator('#lesson-prompt').textContent(), /step 2 of "Known, but not allowed: roles and 403"/);
      assert.equal(await page.evaluate(() => document.body.dataset.lesson), 'roles-and-403');
      await page.click('#lesson-prompt-keep');
      assert.equal(await page.evaluate(() => `${document.body.dataset.lesson} ${document.body.dataset.lessonStep}`), 'roles-and-403 2');
      await page.goto(`${url}?lesson=tokens`);
      await page.waitForSelector('#lesson-prompt');
      await page.click('#lesson-prompt-open');
      await page.waitForSelector('body[data-lesson="tokens"][data-lesson-step="1"]');
      // The same lesson's link resumes it without asking.
      await page.goto(`${url}?lesson=tokens`);
      await page.waitForSelector('body[data-ready="true"][data-lesson="tokens"]');
      assert.equal(await page.locator('#lesson-prompt').count(), 0);
    },
  },
];
