// Lessons in a real browser: every shipped lesson played through by hand (the learner's own
// requests from the console, the learner's own clicks in the admin, the clock's buttons; never
// "Show me"), one in presenter mode on a 1920×1080 projector, and teachers' own lessons:
// hostile text stays text, a malformed lesson lists each problem with its JSON path.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { assertInert, expectExchange, openLab, shareLink, showTab } from './helpers.mjs';

const payload = '<img src=x onerror=window.__xss=1>';

// Every shipped lesson, guided and challenge, in teaching order.
export function allShippedLessons(root) {
  const index = JSON.parse(readFileSync(join(root, 'web', 'lessons', 'index.json'), 'utf8'));
  return index.map((entry) => JSON.parse(readFileSync(join(root, 'web', 'lessons', entry.file), 'utf8')));
}

// The guided ones (a challenge has no request to prepare and no Show me).
function shippedLessons(root) {
  return allShippedLessons(root).filter((lesson) => lesson.mode !== 'challenge');
}

export async function openLesson(context, url, id, extra = '') {
  const page = await openLab(context, `${url}?lesson=${id}${extra}`);
  await page.waitForSelector(`body[data-lesson="${id}"][data-lesson-step="1"]`);
  return page;
}

// Sends (from the console, or `button`); a step that asks for a prediction gets `guess` first.
export async function sendGuessing(page, guess = 401, button = '#send') {
  return expectExchange(page, async () => {
    await page.click(button);
    // Either the answer comes, or the step asks for a guess first.
    const seen = await page.waitForFunction(() => {
      if (document.querySelector('#lesson-predict:not([hidden]) button')) return 'asked';
      const status = document.querySelector('#response-status');
      return status && !status.dataset.stale ? 'answered' : false;
    });
    if (await seen.jsonValue() === 'asked') await page.click(`#predict-${guess}`);
  });
}

// The next lesson, started from the picker on a page already open, as a class goes on to it.
export async function startFromPicker(page, id) {
  await showTab(page, 'request');
  await page.evaluate(() => { document.querySelector('#lessons').open = true; });
  await page.click(`#lesson-start-${id}`);
  await page.waitForSelector(`body[data-lesson="${id}"][data-lesson-step="1"]`);
}

// Every shipped lesson on one page, one after another: the first from its link, the others
// from the picker once the last is left.
async function eachShippedLesson(context, url, root, play) {
  const lessons = shippedLessons(root);
  assert.ok(lessons.length > 0, 'no shipped lessons');
  const page = await openLesson(context, url, lessons[0].id);
  for (const [index, lesson] of lessons.entries()) {
    if (index > 0) await startFromPicker(page, lesson.id);
    await play(page, lesson);
    // Leaving gives the learner's own world back, and the lesson is forgotten.
    await page.click('#lesson-leave');
    await page.waitForFunction(() => document.body.dataset.lesson === undefined);
  }
  await page.close();
}

const stepOf = (page) => page.evaluate(() => Number(document.body.dataset.lessonStep));

// `${name}` as a learner fills it in: a value read from an earlier answer; `${cookie:NAME}`
// from the browser's jar (the Tokens tab shows it).
export async function substitute(page, text, captures) {
  let out = text;
  for (const [whole, name] of text.matchAll(/\$\{([^}]+)\}/g)) {
    let value;
    if (name.startsWith('cookie:')) {
      value = await page.evaluate((cookie) => {
        const row = [...document.querySelectorAll('#cookie-jar tbody tr')].find((tr) => tr.cells[0]?.textContent.trim() === cookie);
        return row?.cells[1]?.querySelector('code')?.title ?? '';
      }, name.slice('cookie:'.length));
    } else {
      assert.ok(Object.hasOwn(captures, name), `the learner has no ${name} yet`);
      value = captures[name];
    }
    out = out.replace(whole, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out;
}

async function substituteAll(page, value, captures) {
  if (typeof value === 'string') return substitute(page, value, captures);
  if (Array.isArray(value)) return Promise.all(value.map((v) => substituteAll(page, v, captures)));
  if (value && typeof value === 'object') {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[k] = await substituteAll(page, v, captures);
    return out;
  }
  return value;
}

// Types the step's request into the console, field by field.
export async function typeRequest(page, request, captures) {
  await showTab(page, 'request');
  await page.selectOption('#send-mechanism', 'none');
  await page.selectOption('#method', request.method);
  await page.fill('#path', await substitute(page, request.path, captures));
  while (await page.locator('.header-row').count()) await page.locator('.header-row button').first().click();
  let n = 0;
  const headers = await substituteAll(page, request.headers ?? {}, captures);
  const cookieTyped = Object.keys(headers).some((h) => h.toLowerCase() === 'cookie');
  if (await page.locator('#send-jar').isChecked() === cookieTyped) await page.click('#send-jar');
  for (const [name, value] of Object.entries(headers)) {
    if (name.toLowerCase() === 'content-type' && request.body === undefined) continue;
    n += 1;
    await page.getByRole('button', { name: 'Add header' }).click();
    await page.fill(`[aria-label="Header ${n} name"]`, name);
    await page.fill(`[aria-label="Header ${n} value"]`, value);
  }
  if (request.json !== undefined) {
    await page.selectOption('#body-type', 'application/json');
    await page.fill('#body', JSON.stringify(await substituteAll(page, request.json, captures)));
  } else if (request.form !== undefined) {
    await page.selectOption('#body-type', 'application/x-www-form-urlencoded');
    await page.fill('#body', new URLSearchParams(await substituteAll(page, request.form, captures)).toString());
  } else if (request.body !== undefined) {
    await page.selectOption('#body-type', '');
    await page.fill('#body', await substitute(page, request.body, captures));
  } else {
    await page.fill('#body', '');
  }
}

export async function capture(page, step, captures) {
  if (!step.capture) return;
  const json = JSON.parse(await page.locator('#response-body').textContent());
  for (const [name, path] of Object.entries(step.capture)) {
    captures[name] = path.split('.').reduce((value, key) => value?.[key], json);
  }
}

async function pickTwoLists(page, id, wanted) {
  const chosen = await page.$$eval(`#${id}-chosen option`, (options) => options.map((o) => o.value));
  const add = wanted.filter((v) => !chosen.includes(v));
  const remove = chosen.filter((v) => !wanted.includes(v));
  if (add.length) {
    await page.selectOption(`#${id}-available`, add);
    await page.click(`#${id}-add`);
  }
  if (remove.length) {
    await page.selectOption(`#${id}-chosen`, remove);
    await page.click(`#${id}-remove`);
  }
}

// The admin command, done by hand in the admin as a learner would.
export async function adminByHand(page, command) {
  await showTab(page, 'admin');
  if (command.op === 'save_group') {
    await page.click('#admin-groups');
    const existing = page.locator('#group-list').getByRole('button', { name: command.name, exact: true });
    if (await existing.count()) await existing.click();
    else {
      await page.click('#group-add');
      await page.fill('#group-name', command.name);
    }
    await pickTwoLists(page, 'group-perms', command.permissions ?? []);
    await page.click('#group-save');
  } else if (command.op === 'edit_user') {
    await page.click('#admin-users');
    const username = await page.evaluate((id) => [...document.querySelectorAll('#user-list tbody tr')]
      .find((tr) => tr.dataset.id === String(id))?.querySelector('button')?.textContent, command.id);
    const row = username
      ? page.locator('#user-list').getByRole('button', { name: username, exact: true })
      : page.locator('#user-list tbody tr').nth(command.id - 1).getByRole('button').first();
    await row.click();
    if (command.groups) await pickTwoLists(page, 'user-groups', command.groups);
    if (command.permissions) await pickTwoLists(page, 'user-perms', command.permissions);
    for (const [key, id] of [['is_active', 'user-active'], ['is_staff', 'user-staff'], ['is_superuser', 'user-superuser']]) {
      if (command[key] !== undefined) await page.setChecked(`#${id}`, command[key]);
    }
    await page.click('#user-save');
  } else if (command.op === 'set_policies') {
    // The learner reorders the global authentication classes with the Up buttons.
    await page.click('#admin-policies');
    const target = command.policies.authentication ?? [];
    for (const [i, name] of target.entries()) {
      let j = (await page.locator('#policy-authentication .class-name').allTextContents()).indexOf(name);
      assert.ok(j >= 0, `no ${name} in the global authentication classes`);
      for (; j > i; j -= 1) await page.locator('#policy-authentication > li').nth(j).locator('[data-part="up"]').click();
    }
    // A global throttle the lesson adds ("AnonRateThrottle:5/min"): typed at the end of the list.
    for (const entry of command.policies.throttle ?? []) {
      const have = await page.locator('#policy-throttle input').evaluateAll((nodes) => nodes.map((node) => node.value));
      if (have.includes(entry)) continue;
      await page.click('#policy-throttle-add');
      await page.locator('#policy-throttle input').last().fill(entry);
    }
    // A view's permission classes the lesson adds: typed at the end of the view's list.
    for (const [view, policy] of Object.entries(command.policies)) {
      if (view === 'authentication' || view === 'throttle' || !Array.isArray(policy?.permissions)) continue;
      const inputs = page.locator(`#policy-${view}-permissions input`);
      const have = await inputs.evaluateAll((nodes) => nodes.map((node) => node.value));
      if (policy.permissions.length <= have.length) continue;
      assert.deepEqual(have, policy.permissions.slice(0, have.length), `${view}: the lesson must only add classes at the end`);
      for (const name of policy.permissions.slice(have.length)) {
        await page.click(`#policy-${view}-permissions-add`);
        await inputs.last().fill(name);
      }
    }
    await page.click('#policies-save');
  } else {
    throw new Error(`this test cannot do admin op ${command.op} by hand yet`);
  }
  await page.waitForSelector('#admin-message:not(:empty)');
}

export async function moveClock(page, seconds) {
  await showTab(page, 'tokens');
  let left = seconds;
  for (const [size, id] of [[86400, '#clock-1d'], [300, '#clock-5m'], [60, '#clock-1m']]) {
    while (left >= size || (size === 60 && left > 0)) {
      await page.click(id);
      left -= size;
    }
  }
}

// Plays the lesson's every step by hand and checks the player follows.
async function playByHand(page, lesson) {
  const captures = {};
  for (const [index, step] of lesson.steps.entries()) {
    assert.equal(await stepOf(page), index + 1);
    if (step.request) {
      // Prepared or not, the learner types the request (values read from earlier answers).
      if (step.prefill !== false) {
        await showTab(page, 'request');
        assert.equal(await page.locator('#method').inputValue(), step.request.method, `step ${index + 1} is not prepared`);
      }
      await typeRequest(page, step.request, captures);
      await sendGuessing(page);
      await capture(page, step, captures);
    } else if (step.admin) {
      await adminByHand(page, step.admin);
    } else {
      await moveClock(page, step.advance);
    }
    await page.waitForSelector('#lesson-next:not([disabled])');
    assert.equal(await page.locator('#lesson-verdict').getAttribute('data-met'), 'true');
    if (step.explain) assert.ok((await page.locator('#lesson-explain').textContent()).length > 0, 'no explanation once met');
    await page.click('#lesson-next');
    if (index + 1 < lesson.steps.length) await page.waitForSelector(`body[data-lesson-step="${index + 2}"]`);
  }
  await page.waitForSelector('#lesson-end:not([hidden])');
  const covered = await page.locator('#lesson-concepts li').evaluateAll((items) => items.map((li) => li.dataset.concept));
  assert.deepEqual(covered, lesson.concepts);
}

const box = (page, selector) => page.locator(selector).first().evaluate((node) => {
  const r = node.getBoundingClientRect();
  return { top: r.top, left: r.left, bottom: r.bottom, right: r.right, width: r.width, height: r.height };
});

function teacherLesson(overrides = {}) {
  return {
    format: 'authlab.lesson', version: 1, id: 'teacher-own', title: 'A teacher\'s lesson', summary: 'One step.',
    concepts: ['401'], setup: { world: 'default' },
    steps: [{ title: 'No credentials', text: 'Send it.', hint: 'Press Send.',
      request: { method: 'GET', path: '/api/books/' }, expect: { status: 401 }, explain: 'No credentials: 401.' }],
    ...overrides,
  };
}

async function pasteLesson(page, text) {
  await showTab(page, 'request');
  await page.evaluate(() => { for (const d of document.querySelectorAll('#lessons, .teacher-lesson')) d.open = true; });
  await page.fill('#lesson-paste', text);
  await page.click('#lesson-paste-load');
}

export const tests = [
  {
    name: 'lessons: every shipped lesson plays through with the learner\'s own actions',
    async run({ context, url, root }) {
      await eachShippedLesson(context, url, root, async (page, lesson) => {
        assert.equal(await page.evaluate(() => document.body.dataset.lessonSteps), String(lesson.steps.length));
        await playByHand(page, lesson);
      });
    },
  },
  {
    name: 'lessons: Show me does every step of every shipped lesson, and each is judged met as if the learner did it',
    async run({ context, url, root }) {
      await eachShippedLesson(context, url, root, async (page, lesson) => {
        for (const [index, step] of lesson.steps.entries()) {
          assert.equal(await stepOf(page), index + 1);
          assert.ok(await page.locator('#lesson-next').isDisabled(), `${lesson.id} step ${index + 1} is met before anything was done`);
          if (step.request) {  // really sent from the console: the console shows the request and its answer
            const status = await sendGuessing(page, 401, '#lesson-show');
            assert.equal(await page.locator('#method').inputValue(), step.request.method);
            if (step.expect?.status) assert.equal(status, step.expect.status, `${lesson.id} step ${index + 1}`);
          } else {
            await page.click('#lesson-show');
          }
          await page.waitForSelector('#lesson-next:not([disabled])');
          assert.equal(await page.locator('#lesson-verdict').getAttribute('data-met'), 'true');
          await page.click('#lesson-next');
          if (index + 1 < lesson.steps.length) await page.waitForSelector(`body[data-lesson-step="${index + 2}"]`);
        }
        await page.waitForSelector('#lesson-end:not([hidden])');
      });
    },
  },
  {
    name: 'lessons: the learner\'s own world is put aside and given back; progress survives a reload',
    async run({ context, url, root }) {
      const [lesson] = shippedLessons(root);
      const page = await openLab(context, url);
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.click('#group-add');
      await page.fill('#group-name', 'MyOwnGroup');
      await page.click('#group-save');
      await page.locator('#group-list').getByRole('button', { name: 'MyOwnGroup', exact: true }).waitFor();
      await showTab(page, 'request');
      await page.click('#lessons > summary');
      await page.click(`#lesson-start-${lesson.id}`);
      await page.waitForSelector(`body[data-lesson="${lesson.id}"][data-lesson-step="1"]`);
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'MyOwnGroup', exact: true }).waitFor({ state: 'detached' });
      // Step 1 met by the learner, then a reload: still step 1 met (or step 2 after Next).
      await showTab(page, 'request');
      if (lesson.steps[0].request) {
        await sendGuessing(page);
        await page.waitForSelector('#lesson-next:not([disabled])');
        await page.click('#lesson-next');
        await page.waitForSelector('body[data-lesson-step="2"]');
        await page.reload();
        await page.waitForSelector(`body[data-ready="true"][data-lesson="${lesson.id}"][data-lesson-step="2"]`);
      }
      await page.click('#lesson-leave');
      await page.waitForFunction(() => document.body.dataset.lesson === undefined);
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'MyOwnGroup', exact: true }).waitFor();
    },
  },
  {
    name: 'lessons: presenter mode fits the step, console, status and decision on a 1920×1080 screen; keys drive it',
    async run({ context, url, root, artifacts }) {
      const lesson = shippedLessons(root).find((l) => l.steps[0].request && l.steps[0].prefill !== false && l.steps.length > 1);
      const page = await context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${url}?lesson=${lesson.id}&presenter`);
      await page.waitForSelector(`body[data-ready="true"][data-presenter="true"][data-lesson="${lesson.id}"][data-lesson-step="1"]`);
      await sendGuessing(page);
      await page.waitForSelector('#lesson-next:not([disabled])');
      await page.screenshot({ path: join(artifacts, 'presenter.png') });
      const fontSize = await page.locator('#lesson-text').evaluate((node) => parseFloat(getComputedStyle(node).fontSize));
      assert.ok(fontSize >= 28, `the step text is ${fontSize} px`);
      for (const selector of ['#lesson-text', '#lesson-counter', '#console', '#send', '#response-status', '#decision-outcome', '#decision .seq']) {
        const b = await box(page, selector);
        assert.ok(b.width > 0 && b.height > 0, `${selector} is not shown`);
        assert.ok(b.top >= 0 && b.left >= 0 && b.bottom <= 1080 && b.right <= 1920, `${selector} is off the screen: ${JSON.stringify(b)}`);
      }
      const scroll = await page.evaluate(() => ({ h: document.documentElement.scrollHeight, w: document.documentElement.scrollWidth }));
      assert.ok(scroll.h <= 1080 && scroll.w <= 1920, `the page scrolls: ${JSON.stringify(scroll)}`);
      assert.match(await page.locator('#lesson-counter').textContent(), new RegExp(`Step 1 of ${lesson.steps.length}`));
      // → next, ← back, Space next, R restart.
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('body[data-lesson-step="2"]');
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('body[data-lesson-step="1"]');
      await page.keyboard.press(' ');
      await page.waitForSelector('body[data-lesson-step="2"]');
      await page.keyboard.press('r');  // asks first; R again restarts
      await page.waitForSelector('#lesson-confirm:not([hidden])');
      await page.keyboard.press('r');
      await page.waitForSelector('body[data-lesson-step="1"]');
      assert.equal(await page.locator('#lesson-next').isDisabled(), true, 'a restarted lesson starts unmet');
    },
  },
  {
    name: 'lessons: a teacher\'s hostile lesson is shown as text, never markup',
    async run({ context, url }) {
      const page = await openLab(context, url);
      const hostile = teacherLesson({ title: payload, summary: payload });
      hostile.steps[0] = { ...hostile.steps[0], title: payload, text: `**<b>bold</b>** and \`${payload}\`\nnext line ${payload} **see \`x\`**`, hint: payload };
      await pasteLesson(page, JSON.stringify(hostile));
      await page.waitForSelector('body[data-lesson="teacher-own"]');
      await assertInert(page, payload, { exact: false });
      const text = page.locator('#lesson-text');
      assert.equal(await text.locator('strong').first().textContent(), '<b>bold</b>');
      assert.equal(await text.locator('strong code').textContent(), 'x', 'code inside bold is not code');
      assert.equal(await text.locator('code').first().textContent(), payload);
      assert.equal(await text.locator('b').count(), 0);
      assert.equal(await text.locator('br').count(), 1);
    },
  },
  {
    name: 'lessons: a malformed teacher\'s lesson shows each problem with its JSON path and reason',
    async run({ context, url }) {
      const page = await openLab(context, url);
      const bad = teacherLesson({ concepts: ['tokens'] });
      bad.steps[0] = { ...bad.steps[0], expect: { status: 'four hundred and one' } };
      await pasteLesson(page, JSON.stringify(bad));
      await page.waitForSelector('#lesson-problems li');
      const problems = await page.locator('#lesson-problems li').allTextContents();
      assert.ok(problems.some((p) => p.startsWith('$.steps[0].expect.status: ') && p.length > '$.steps[0].expect.status: '.length),
        `no path and reason for the status: ${problems.join(' | ')}`);
      assert.ok(problems.some((p) => p.startsWith('$.concepts') && /tokens/.test(p)), `no problem for the concept: ${problems.join(' | ')}`);
      assert.equal(await page.evaluate(() => document.body.dataset.lesson), undefined, 'a malformed lesson started');
      // Not JSON at all: still a path and a reason, as text.
      await pasteLesson(page, `{"title": "${payload}"`);
      await page.waitForSelector('#lesson-problems li');
      assert.match(await page.locator('#lesson-problems li').first().textContent(), /^\$/);
    },
  },
  {
    name: 'lessons: a pasted lesson with a wrong expect does not start; the teacher reads which step fails and why, and chooses',
    async run({ context, url, root }) {
      const page = await openLab(context, url);
      await pasteLesson(page, readFileSync(join(root, 'tests', 'lessons', 'wrong-expect.json'), 'utf8'));
      await page.waitForSelector('#lesson-start-cancel');
      const said = await page.locator('#lesson-problems').textContent();
      assert.match(said, /does not play through: step 3 "Carol tries again" cannot be met as written/);
      assert.match(said, /expected 201, got 403/);
      assert.equal(await page.evaluate(() => document.body.dataset.lesson), undefined, 'the lesson started before the teacher chose');
      await page.click('#lesson-start-cancel');
      assert.equal(await page.locator('#lesson-start-anyway').count(), 0);
      assert.equal(await page.evaluate(() => document.body.dataset.lesson), undefined, 'Cancel started the lesson');
      // Start anyway: the teacher's choice.
      await pasteLesson(page, readFileSync(join(root, 'tests', 'lessons', 'wrong-expect.json'), 'utf8'));
      await page.click('#lesson-start-anyway');
      await page.waitForSelector('body[data-lesson="wrong-expect"]');
    },
  },
  {
    // A step begins only once the steps before it are done (the progress file proves each), so
    // the link's step 2 waits: the learner starts at step 1 on the link's world, and is told.
    name: 'lessons: a link carries the world, the lesson, the request, the tab and the passwords; its later step waits for the ones before',
    async run({ context, url, root }) {
      const lesson = shippedLessons(root).find((l) => l.steps.length > 1 && l.steps[0].request && l.steps[0].prefill !== false);
      const page = await openLesson(context, url, lesson.id);
      await sendGuessing(page);
      await page.waitForSelector('#lesson-next:not([disabled])');
      await page.click('#lesson-next');
      await page.waitForSelector('body[data-lesson-step="2"]');
      // The teacher adds dora with a password (Basic needs it), prepares a request, opens a tab.
      await showTab(page, 'admin');
      await page.click('#admin-users');
      await page.click('#user-add');
      await page.fill('#user-username', 'dora');
      await page.fill('#user-password', 'teach-me-123');
      await page.click('#user-save');
      await page.locator('#user-list').getByRole('button', { name: 'dora', exact: true }).waitFor();
      await showTab(page, 'request');
      await page.fill('#path', '/api/books/?from=teacher');
      await page.selectOption('#send-mechanism', 'basic');
      await page.selectOption('#send-user', 'dora');
      await showTab(page, 'tokens');
      const link = await shareLink(page);
      assert.match(link, /#lab=/);

      const learner = await (await context.browser().newContext()).newPage();
      await learner.goto(link);
      await learner.waitForSelector(`body[data-ready="true"][data-lesson="${lesson.id}"][data-lesson-step="1"]`);
      assert.match(await learner.locator('#lesson-verdict').textContent(), /The link points at step 2; .* it starts at step 1, on the link's world\./);
      const said = await learner.locator('#link-message').textContent();
      assert.match(said, /dora/);
      assert.match(said, new RegExp(`step 1 of ${lesson.steps.length}`));
      assert.match(said, /\/api\/books\/\?from=teacher/);
      assert.match(said, /Tokens & cookies tab/);
      assert.ok(await learner.locator('#view-tokens').isVisible());
      assert.equal(await learner.locator('#path').inputValue(), '/api/books/?from=teacher');
      // The password came along: Basic as dora is sent, not "the page does not know dora's password".
      await showTab(learner, 'request');
      const status = await sendGuessing(learner);
      assert.equal(await learner.locator('#console-error').textContent(), '');
      assert.notEqual(status, 401);
      await learner.context().close();
    },
  },
];
