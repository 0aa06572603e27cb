// Challenges in a real browser: each shipped challenge solved by hand — its solution's
// requests typed into the console, its admin changes made in the admin's own forms, its
// tokens made in the JWT attack lab, the clock moved with its buttons; never "I give up" —
// and marked solved in the list; a wrong attempt
// (eddie made a superuser) not met; a challenge step giving the goal only (no prepared
// request, no Show me, Why not? off), hints one at a time, "I give up" asking once and showing
// the solution as text. Screenshots of a challenge step at a desk and on a projector.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import { assertInert, expectExchange, openLab, showTab } from './helpers.mjs';
import { adminByHand, allShippedLessons, capture, moveClock, startFromPicker, typeRequest } from './lessons.tests.mjs';

const require = createRequire(import.meta.url);

// Serious or critical axe violations on the page now, in words ([] when none).
export async function axeProblems(page) {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const { violations } = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
  }));
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}

const challengesOf = (root) => allShippedLessons(root).filter((lesson) => lesson.mode === 'challenge');

async function openChallenge(context, url, id, extra = '') {
  const page = await openLab(context, `${url}?lesson=${id}${extra}`);
  await page.waitForSelector(`body[data-lesson="${id}"][data-lesson-mode="challenge"][data-lesson-step="1"]`);
  return page;
}

// A token made in the JWT attack lab (Tokens & cookies): the header and payload typed, signed
// with the lab's SECRET_KEY once revealed; the lab sends it. `capture` keeps the token.
async function forgeByHand(page, { forge_jwt: { header, payload }, capture: kept = {} }, captures) {
  await showTab(page, 'tokens');
  await page.fill('#attack-header', JSON.stringify(header));
  await page.fill('#attack-payload', JSON.stringify(payload));
  await page.click('#attack-reveal');
  await page.click('#attack-use-secret');
  await page.evaluate(() => document.querySelector('#attack-result').replaceChildren());
  await expectExchange(page, () => page.click('#attack-send'));
  await page.waitForSelector('#attack-body');
  const token = (await page.locator('#attack-token code').textContent()).trim();
  for (const [name, path] of Object.entries(kept)) {
    assert.equal(path, 'token', `a forged token's capture is its "token", not ${path}`);
    captures[name] = token;
  }
}

// A challenge step solved by hand: each action of its solution done through the page's panels.
async function solveByHand(page, step) {
  const captures = {};
  for (const action of step.solution) {
    if (action.request) {
      await typeRequest(page, action.request, captures);
      await expectExchange(page, () => page.click('#send'));
      await capture(page, { capture: action.capture }, captures);
    } else if (action.admin) {
      await adminByHand(page, action.admin);
    } else if (action.forge_jwt) {
      await forgeByHand(page, action, captures);
    } else {
      await moveClock(page, action.advance);
    }
  }
}

const verdict = (page) => page.locator('#lesson-verdict').textContent();

export const tests = [
  {
    name: 'challenges: every shipped challenge is solved by hand from the console and the admin, never its solution, and the list marks it solved',
    async run({ context, url, root, artifacts }) {
      const challenges = challengesOf(root);
      assert.ok(challenges.length >= 10, `only ${challenges.length} challenges are shipped`);
      const page = await openLab(context, url);
      for (const lesson of challenges) {
        await startFromPicker(page, lesson.id);
        for (const [index, step] of lesson.steps.entries()) {
          assert.equal(await page.evaluate(() => Number(document.body.dataset.lessonStep)), index + 1);
          assert.ok(await page.locator('#lesson-next').isDisabled(), `${lesson.id} step ${index + 1} is met before anything was done`);
          await solveByHand(page, step);
          await page.waitForSelector('#lesson-verdict[data-met="true"]');
          assert.ok(await page.locator('#lesson-solution').isHidden(), 'the solution was shown');
          await page.click('#lesson-next');
          if (index + 1 < lesson.steps.length) await page.waitForSelector(`body[data-lesson-step="${index + 2}"]`);
        }
        await page.waitForSelector('#lesson-end:not([hidden])');
        assert.match(await page.locator('#lesson-counter').textContent(), /^Solved: /);
        await page.click('#lesson-leave');
        await page.waitForFunction(() => document.body.dataset.lesson === undefined);
        await page.evaluate(() => { document.querySelector('#lessons').open = true; });
        const mine = page.locator(`#challenge-list li[data-lesson="${lesson.id}"] .lesson-mine`);
        await page.waitForFunction((id) => document.querySelector(`#challenge-list li[data-lesson="${id}"] .lesson-mine`)?.textContent === 'solved', lesson.id);
        assert.equal(await mine.textContent(), 'solved');
      }
      await page.locator('#challenge-list').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'lesson-list-solved.png') });
    },
  },
  {
    name: 'challenges: a challenge step gives the goal only, hints come one at a time, and making eddie a superuser does not meet least privilege',
    async run({ context, url, root }) {
      const lesson = challengesOf(root).find((l) => l.id === 'least-privilege-editor');
      assert.ok(lesson, 'no least-privilege-editor challenge');
      const [step] = lesson.steps;
      const page = await openChallenge(context, url, lesson.id);
      // No Show me; the goal's words, not a request.
      assert.ok(await page.locator('#lesson-show').isHidden());
      assert.ok(await page.locator('#lesson-give-up').isVisible());
      assert.match(await page.locator('#lesson-counter').textContent(), /^Challenge · Step 1 of 1$/);
      // Hints: one at a time, each counted by the core.
      const total = step.hints.length;
      assert.equal(await page.locator('#lesson-hint-button').textContent(), `Hint 1 of ${total}`);
      await page.click('#lesson-hint-button');
      await page.waitForSelector('#lesson-hints li');
      assert.equal(await page.locator('#lesson-hints li').count(), 1);
      assert.ok((await page.locator('#lesson-hints li').first().textContent()).startsWith(`Hint 1 of ${total}: `));
      assert.equal(await page.locator('#lesson-hint-button').textContent(), `Hint 2 of ${total}`);
      // The wrong way: eddie a superuser may add and change books, and delete them too.
      await showTab(page, 'admin');
      await page.click('#admin-users');
      await page.locator('#user-list').getByRole('button', { name: 'eddie', exact: true }).click();
      await page.setChecked('#user-superuser', true);
      await page.click('#user-save');
      await page.waitForFunction(() => /^Not yet: /.test(document.querySelector('#lesson-verdict').textContent));
      assert.match(await verdict(page), /eddie: is_superuser is true/);
      assert.match(await verdict(page), /DELETE \/api\/books\/\S+ as eddie/);
      assert.equal(await page.locator('#lesson-verdict').getAttribute('data-met'), 'false');
      assert.ok(await page.locator('#lesson-next').isDisabled());
      // Why not? stays silent: it would solve the challenge.
      await showTab(page, 'request');
      await page.selectOption('#send-mechanism', 'token');
      await page.selectOption('#send-user', 'carol');
      await page.selectOption('#method', 'POST');
      await page.fill('#path', '/api/books/');
      assert.equal(await expectExchange(page, () => page.click('#send')), 403);
      await page.waitForSelector('#whynot-off');
      assert.equal(await page.locator('#suggestions').count(), 0);
      // Undone, then done the right way by hand: met.
      await page.click('#undo');
      await page.waitForFunction(() => !/is_superuser/.test(document.querySelector('#lesson-verdict').textContent));
      await solveByHand(page, step);
      await page.waitForSelector('#lesson-verdict[data-met="true"]');
      assert.match(await verdict(page), /^✓ Done\./);
    },
  },
  {
    name: 'challenges: "I give up" asks once, then shows the solution as text; the step still waits for the learner',
    async run({ context, url, root }) {
      const lesson = challengesOf(root).find((l) => l.steps[0].solution.some((action) => action.request));
      const page = await openChallenge(context, url, lesson.id);
      await page.click('#lesson-give-up');
      await page.waitForSelector('#lesson-give-up-confirm:not([hidden])');
      await page.click('#lesson-give-up-no');
      await page.waitForSelector('#lesson-give-up-confirm', { state: 'hidden' });
      assert.ok(await page.locator('#lesson-solution').isHidden());
      await page.click('#lesson-give-up');
      await page.click('#lesson-give-up-yes');
      await page.waitForSelector('#lesson-solution:not([hidden])');
      const shown = await page.locator('#lesson-solution').textContent();
      for (const action of lesson.steps[0].solution) {
        if (action.request) assert.ok(shown.includes(`${action.request.method} ${action.request.path}`), `${action.request.path} is not in the solution shown`);
        if (action.admin) assert.ok(shown.includes(`Admin: ${action.admin.op}`));
      }
      assert.ok(await page.locator('#lesson-give-up').isHidden(), 'I give up is still offered');
      assert.equal(await page.locator('#lesson-verdict').getAttribute('data-met'), 'false', 'seeing the solution met the step');
      // Still hidden after a reload: the core replays the evidence, the solution shown in it.
      await page.reload();
      await page.waitForSelector(`body[data-ready="true"][data-lesson="${lesson.id}"]`);
      await page.waitForSelector('#lesson-solution:not([hidden])');
    },
  },
  {
    name: 'challenges: a teacher\'s challenge with markup in its text, hints and solution shows it all as text',
    async run({ context, url }) {
      const payload = '<img src=x onerror=window.__xss=1>';
      const hostile = {
        format: 'authlab.lesson', version: 2, mode: 'challenge', id: 'hostile-challenge', title: payload, summary: payload, concepts: [],
        setup: { world: 'default' },
        steps: [{ title: payload, text: `**${payload}**`, hints: [payload, `\`${payload}\``],
          goal: [{ sent: { method: 'GET', path: '/api/books/' }, expect: { status: 401 } }],
          solution: [{ request: { method: 'POST', path: '/api/books/', headers: { 'X-Note': payload }, json: { title: payload } } },
            { admin: { op: 'save_group', name: payload, permissions: [] } }],
          explain: payload }],
      };
      const page = await openLab(context, url);
      await showTab(page, 'request');
      await page.evaluate(() => { for (const d of document.querySelectorAll('#lessons, .teacher-lesson')) d.open = true; });
      await page.fill('#lesson-paste', JSON.stringify(hostile));
      await page.click('#lesson-paste-load');
      // Its solution does not reach its goal: played through in the worker first, it does not
      // start until the teacher chooses, and the failing step is named (as text).
      await page.waitForSelector('#lesson-start-anyway');
      const said = await page.locator('#lesson-problems').textContent();
      assert.match(said, /does not play through: step 1 "<img src=x onerror=window\.__xss=1>" cannot be met as written/);
      assert.match(said, /you have not sent GET \/api\/books\/ in this step/);
      assert.equal(await page.evaluate(() => document.body.dataset.lesson), undefined, 'the lesson started before the teacher chose');
      await page.click('#lesson-start-anyway');
      await page.waitForSelector('body[data-lesson="hostile-challenge"][data-lesson-mode="challenge"]');
      await page.click('#lesson-hint-button');
      await page.click('#lesson-hint-button');
      await page.waitForFunction(() => document.querySelectorAll('#lesson-hints li').length === 2);
      await page.click('#lesson-give-up');
      await page.click('#lesson-give-up-yes');
      await page.waitForSelector('#lesson-solution:not([hidden])');
      const solution = await page.locator('#lesson-solution').textContent();
      assert.ok(solution.includes(`X-Note: ${payload}`) && solution.includes(`name: ${payload}`), solution);
      assert.equal(await page.locator('#lesson-text strong').textContent(), payload);
      assert.equal(await page.locator('#lesson-hints li code').textContent(), payload);
      await assertInert(page, payload, { exact: false });
    },
  },
  {
    name: 'challenges: a challenge step with a hint and a failure, at a desk (1366×768) and on a projector (1920×1080), to look at; no serious axe violations',
    bypassCSP: true,  // to inject axe-core
    async run({ context, url, artifacts }) {
      for (const [width, height, extra, label] of [[1366, 768, '', 'desk'], [1920, 1080, '&presenter', 'presenter']]) {
        const page = await context.newPage();
        await page.setViewportSize({ width, height });
        await page.goto(`${url}?lesson=least-privilege-editor${extra}`);
        await page.waitForSelector('body[data-ready="true"][data-lesson-mode="challenge"]');
        await page.click('#lesson-hint-button');
        await page.waitForSelector('#lesson-hints li');
        assert.equal(await expectExchange(page, () => page.click('#send')), 401);
        await page.screenshot({ path: join(artifacts, `challenge-${label}-${width}x${height}.png`) });
        // On a projector all of it is on the one screen; at a desk the sticky panel scrolls.
        for (const selector of ['#lesson-text', '#lesson-hints', '#lesson-verdict', '#lesson-give-up', '#lesson-next']) {
          if (label === 'desk') await page.locator(selector).scrollIntoViewIfNeeded();
          const box = await page.locator(selector).boundingBox();
          assert.ok(box && box.width > 0 && box.y >= 0 && box.y + box.height <= height, `${selector} is off the ${label} screen`);
        }
        if (label === 'desk') {
          await page.click('#lesson-give-up');
          assert.deepEqual(await axeProblems(page), []);
          await page.click('#lesson-give-up-no');
        }
        await page.click('#lesson-leave');
        await page.waitForFunction(() => document.body.dataset.lesson === undefined);
        await page.close();
      }
    },
  },
];
