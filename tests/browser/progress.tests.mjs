// Progress in a real browser: predictions on a guided lesson (the guess against the answer,
// with the lesson's words for a wrong one; in presenter mode the answer kept until A), a lesson
// resumed after a reload by replaying its evidence, "Export my progress" downloading a file
// the teacher's "Check progress files" verifies (and an edited copy it does not), the CSV, and
// hostile files (huge, not JSON, too deep, markup in a name) each given a clear line as text.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { assertInert, openLab, showTab } from './helpers.mjs';
import { axeProblems } from './challenges.tests.mjs';
import { adminByHand, openLesson, sendGuessing, startFromPicker } from './lessons.tests.mjs';

const lessonFile = (root, id) => JSON.parse(readFileSync(join(root, 'web', 'lessons', `${id}.json`), 'utf8'));
const payload = '<img src=x onerror=window.__xss=1>';

// Does step `index` (0-based) with Show me, or from the prepared console for a request step,
// guessing `guess` when the step asks; waits until it is met.
async function doStep(page, step, guess) {
  if (step.request) await sendGuessing(page, guess, '#lesson-show');
  else await page.click('#lesson-show');
  await page.waitForSelector('#lesson-verdict[data-met="true"]');
}

async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  const chunks = [];
  for await (const chunk of await file.createReadStream()) chunks.push(chunk);
  return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
}

async function exportProgress(page, learner) {
  await page.click('.lesson-export > summary');
  await page.fill('#lesson-progress-learner', learner);
  return download(page, () => page.click('#lesson-progress-export'));
}

async function checkFiles(page, files) {
  await showTab(page, 'request');
  await page.evaluate(() => { for (const d of document.querySelectorAll('#lessons, #teacher-progress')) d.open = true; });
  await page.evaluate(() => { document.querySelector('#progress-status').textContent = ''; });
  await page.setInputFiles('#progress-files', files.map(({ name, text, buffer }) => ({ name, mimeType: 'application/json', buffer: buffer ?? Buffer.from(text) })));
  await page.waitForFunction(() => / checked: /.test(document.querySelector('#progress-status').textContent));
}

// The grid's cell for a learner and a lesson (columns by the lesson ids in the header).
async function cellOf(page, learner, lesson) {
  const column = await page.locator('#progress-grid thead th').evaluateAll((cells, id) => cells.findIndex((th) => th.textContent === id), lesson);
  assert.ok(column > 0, `no column for ${lesson}`);
  const row = page.locator('#progress-grid tbody tr', { has: page.locator('th', { hasText: new RegExp(`^${learner.replace(/[()]/g, '\\$&')}$`) }) });
  return row.locator(`td:nth-child(${column + 1}) .progress-cell`);
}

export const tests = [
  {
    name: 'progress: a guided lesson with predictions (each guess shown against the answer) and a challenge solved by hand export a file the teacher grid verifies; an edited copy fails',
    bypassCSP: true,  // to inject axe-core
    async run({ context, url, root, artifacts }) {
      const lesson = lessonFile(root, '401-or-403');
      const first = lesson.steps[0];
      assert.ok(first.predict && first.predict_words?.['403'], 'step 1 of 401-or-403 no longer predicts with words for 403');
      const page = await openLesson(context, url, lesson.id);
      // Step 1: a wrong guess, from the prepared console.
      await showTab(page, 'request');
      assert.equal(await sendGuessing(page, 403), first.expect.status);
      await page.waitForSelector('#lesson-prediction:not([hidden])');
      const said = await page.locator('#lesson-prediction').textContent();
      assert.ok(said.startsWith(`You said 403 — it answered ${first.expect.status}.`), said);
      assert.ok(said.includes(first.predict_words['403'].replace(/`/g, '')), said);
      await page.click('#lesson-next');
      // The rest with Show me, every guess right.
      for (const [index, step] of lesson.steps.entries()) {
        if (index === 0) continue;
        await page.waitForSelector(`body[data-lesson-step="${index + 1}"]`);
        await doStep(page, step, step.expect?.status);
        if (step.predict) assert.match(await page.locator('#lesson-prediction').textContent(), new RegExp(`^Right! You said ${step.expect.status}`));
        await page.click('#lesson-next');
      }
      await page.waitForSelector('#lesson-end:not([hidden])');
      await page.click('#lesson-leave');
      await page.waitForFunction(() => document.body.dataset.lesson === undefined);
      assert.equal(await page.locator(`#lesson-list li[data-lesson="${lesson.id}"] .lesson-mine`).textContent(), 'done');

      // A challenge, solved by hand in the admin; exported from the lesson panel.
      const challenge = lessonFile(root, 'least-privilege-editor');
      await startFromPicker(page, challenge.id);
      await page.click('#lesson-hint-button');  // one hint shown: the file must say so, and the report checks it
      await page.waitForFunction(() => document.querySelectorAll('#lesson-hints li').length === 1);
      for (const action of challenge.steps[0].solution) await adminByHand(page, action.admin);
      await page.waitForSelector('#lesson-verdict[data-met="true"]');
      await page.click('#lesson-next');
      await page.waitForSelector('#lesson-end:not([hidden])');
      const fromPanel = JSON.parse((await exportProgress(page, 'Ana López')).text);
      assert.deepEqual(fromPanel.lessons.map((e) => e.lesson).sort(), [lesson.id, challenge.id].sort());
      await page.click('#lesson-leave');
      await page.waitForFunction(() => document.body.dataset.lesson === undefined);
      // The name is kept: the list's own control exports the same lessons.
      await showTab(page, 'request');
      await page.evaluate(() => { document.querySelector('#lessons').open = true; });
      assert.equal(await page.locator('#progress-learner').inputValue(), 'Ana López');
      const file = await download(page, () => page.click('#progress-export'));
      assert.equal(file.name, 'authlab-progress.json');
      const progress = JSON.parse(file.text);
      assert.equal(progress.format, 'authlab.progress');
      assert.equal(progress.learner, 'Ana López');
      const entry = progress.lessons.find((e) => e.lesson === lesson.id);
      assert.ok(entry, 'the lesson is not in the file');
      assert.equal(entry.steps.length, lesson.steps.length);
      assert.ok(entry.steps.every((step) => step.met === true));
      assert.deepEqual(entry.steps[0].prediction, { guess: 403, right: false });
      lesson.steps.forEach((step, index) => {
        if (index > 0 && step.predict) assert.equal(entry.steps[index].prediction?.right, true, `step ${index + 1}`);
      });
      assert.ok(entry.evidence.events.some((event) => event.predict === 0 && event.status === 403), 'the guess is not in the evidence');
      const solved = progress.lessons.find((e) => e.lesson === challenge.id);
      assert.equal(solved.mode, 'challenge');
      assert.deepEqual(solved.steps.map((step) => [step.met, step.hints, step.solution]), [[true, 1, false]]);

      // The command line verifies the page's own file, and its edited copies (a request
      // changed, a step added, a hint count lowered, another lesson's evidence pasted in) each
      // fail naming the step: the same core, native.
      const saved = join(artifacts, 'authlab-progress-from-the-page.json');
      writeFileSync(saved, file.text);
      const checked = spawnSync('/usr/bin/python3', [join(root, 'tests', 'progress', 'progress_checks.py'), '--authlab', join(root, 'tools', 'authlab'),
        'edits', saved], { encoding: 'utf8', timeout: 600_000 });
      assert.equal(checked.status, 0, `${checked.stdout}${checked.stderr}`);

      // A copy whose first recorded request was edited: its answer no longer replays.
      const edited = structuredClone(progress);
      edited.learner = 'Ana (edited)';
      const request = edited.lessons.find((e) => e.lesson === lesson.id).evidence.events.find((event) => event.request);
      request.request.path = '/api/no-such-view/';
      await checkFiles(page, [{ name: 'ana.json', text: file.text }, { name: 'ana-edited.json', text: JSON.stringify(edited) }]);
      const rows = page.locator('#progress-grid tbody tr');
      assert.equal(await rows.count(), 2);
      const good = await cellOf(page, 'Ana López', lesson.id);
      assert.equal(await good.textContent(), `${lesson.steps.length}/${lesson.steps.length} ✓`);
      assert.equal(await good.getAttribute('data-ok'), 'true');
      assert.equal(await (await cellOf(page, 'Ana López', challenge.id)).textContent(), '1/1 ✓');
      assert.equal(await (await cellOf(page, 'Ana (edited)', challenge.id)).textContent(), '1/1 ✓');
      const bad = await cellOf(page, 'Ana (edited)', lesson.id);
      assert.equal(await bad.textContent(), '✗ not verified');
      assert.match(await bad.getAttribute('title'), /step 1\b/);
      assert.match(await page.locator('#progress-problems').textContent(), /Ana \(edited\), 401-or-403: .*step 1/);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.locator('#teacher-progress').scrollIntoViewIfNeeded();
      await page.screenshot({ path: join(artifacts, 'teacher-grid-1366x768.png') });
      assert.deepEqual(await axeProblems(page), []);
      const csv = await download(page, () => page.click('#progress-csv'));
      const [header, ...lines] = csv.text.trim().split(/\r?\n/);
      for (const column of ['learner', 'lesson', 'steps', 'verified', 'hints', 'predictions_right', 'minutes']) assert.ok(header.split(',').includes(column), header);
      assert.equal(lines.length, 4);
      assert.ok(lines.some((line) => line.startsWith('Ana López,401-or-403,')), csv.text);
    },
  },
  {
    name: 'progress: a reload resumes the lesson by replaying its evidence: the same step, the same token, the steps met; half done, it verifies as far as it goes',
    async run({ context, url, root }) {
      const lesson = lessonFile(root, 'roles-and-403');
      const page = await openLesson(context, url, lesson.id);
      for (const index of [0, 1]) {
        await doStep(page, lesson.steps[index], lesson.steps[index].expect.status);
        await page.click('#lesson-next');
      }
      await page.waitForSelector('body[data-lesson-step="3"]');
      await showTab(page, 'request');
      const header = await page.locator('[aria-label="Header 1 value"]').inputValue();
      assert.match(header, /^Token [0-9a-f]{40}$/, 'step 3 is not prepared with carol\'s token');
      await page.reload();
      await page.waitForSelector(`body[data-ready="true"][data-lesson="${lesson.id}"][data-lesson-step="3"]`);
      assert.ok(await page.locator('#lesson-next').isDisabled(), 'step 3 is met before it was done');
      // The token issued before the reload is the replayed world's too: carol is known (403), not 401.
      await showTab(page, 'request');
      assert.equal(await page.locator('[aria-label="Header 1 value"]').inputValue(), header);
      assert.equal(await sendGuessing(page, 403), 403);
      await page.waitForSelector('#lesson-verdict[data-met="true"]');
      await page.click('#lesson-back');
      await page.waitForSelector('body[data-lesson-step="2"]');
      assert.equal(await page.locator('#lesson-verdict').getAttribute('data-met'), 'true');
      await page.click('#lesson-leave');
      await page.waitForFunction(() => document.body.dataset.lesson === undefined);
      await page.evaluate(() => { document.querySelector('#lessons').open = true; });
      await page.waitForSelector(`#lesson-list li[data-lesson="${lesson.id}"] .lesson-mine`);
      assert.equal(await page.locator(`#lesson-list li[data-lesson="${lesson.id}"] .lesson-mine`).textContent(), `3 of ${lesson.steps.length} steps`);
      assert.equal(await page.locator(`#lesson-start-${lesson.id}`).textContent(), 'Continue');
      // Exported half done, it verifies as far as it goes: 3 of the lesson's steps, no ✓.
      await page.fill('#progress-learner', 'Ben');
      const file = await download(page, () => page.click('#progress-export'));
      await checkFiles(page, [{ name: 'ben.json', text: file.text }]);
      assert.equal(await (await cellOf(page, 'Ben', lesson.id)).textContent(), `3/${lesson.steps.length}`);
    },
  },
  {
    name: 'progress: in presenter mode H keeps a predict step\'s answer from the class until A shows it',
    async run({ context, url, artifacts }) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1920, height: 1080 });
      await page.goto(`${url}?lesson=401-or-403&presenter`);
      await page.waitForSelector('body[data-ready="true"][data-presenter="true"][data-lesson="401-or-403"]');
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('h');
      await page.waitForSelector('#lesson-hold[aria-pressed="true"]');
      await sendGuessing(page, 401);
      await page.waitForSelector('body[data-answer-held]');
      const visibility = (selector) => page.locator(selector).evaluate((node) => getComputedStyle(node).visibility);
      assert.equal(await visibility('#response'), 'hidden');
      assert.equal(await visibility('#lesson-prediction'), 'hidden');
      assert.ok(await page.locator('#answer-reveal').isVisible());
      await page.screenshot({ path: join(artifacts, 'presenter-answer-held-1920x1080.png') });
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('a');
      await page.waitForFunction(() => document.body.dataset.answerHeld === undefined);
      assert.equal(await visibility('#response'), 'visible');
      assert.match(await page.locator('#lesson-prediction').textContent(), /^Right! You said 401 — it answered 401\./);
    },
  },
  {
    name: 'progress: hostile progress files (huge, not JSON, too deep, ten thousand steps) each get a clear line, and a name with markup stays text',
    async run({ context, url, root }) {
      const page = await openLab(context, url);
      const steps = lessonFile(root, 'the-401s').steps.map(() => ({ met: false, hints: 0, solution: false, prediction: null }));
      const named = {
        format: 'authlab.progress', version: 1, learner: payload, exported_at: '2026-12-07T10:00:00Z',
        lessons: [{ lesson: 'the-401s', title: payload, mode: 'guided', steps, minutes: 0,
          evidence: { seed: 7, started_at: 1704110400000000, events: [] } }],
      };
      const deep = `${'['.repeat(100000)}${']'.repeat(100000)}`;
      const many = structuredClone(named);
      many.learner = 'Many';
      many.lessons[0].steps = Array.from({ length: 10000 }, () => ({ met: true, hints: 0, solution: false, prediction: null }));
      await checkFiles(page, [
        { name: 'huge.json', buffer: Buffer.alloc(5 * 1024 * 1024, 32) },
        { name: 'not-json.json', text: 'my homework, as a text file' },
        { name: 'deep.json', text: deep },
        { name: 'named.json', text: JSON.stringify(named) },
        { name: 'many.json', text: JSON.stringify(many) },
      ]);
      const errors = await page.locator('#progress-errors li').allTextContents();
      for (const name of ['huge.json', 'not-json.json', 'deep.json']) {
        const line = errors.find((text) => text.startsWith(`${name}: `));
        assert.ok(line && line.length > name.length + 12, `no clear line for ${name}: ${errors.join(' | ')}`);
      }
      assert.match(errors.find((text) => text.startsWith('huge.json')), /4 MiB/);
      assert.ok(!errors.some((text) => text.startsWith('named.json')), errors.join(' | '));
      const row = (learner) => page.locator('#progress-grid tbody tr', { has: page.locator('th', { hasText: learner }) });
      assert.equal(await row(payload).locator('th').textContent(), payload);
      await assertInert(page, payload);
      assert.match(await row(payload).locator('.progress-cell').textContent(), /^0\/\d+$/);
      assert.equal(await row('Many').locator('.progress-cell').textContent(), '✗ not verified');
      assert.match(await page.locator('#progress-problems').textContent(), /Many, the-401s: .*the file claims 10000/);
      // Dropped rather than chosen: the same check.
      await page.evaluate(() => {
        const files = new DataTransfer();
        files.items.add(new File(['not JSON either'], 'dropped.json', { type: 'application/json' }));
        document.querySelector('#progress-drop').dispatchEvent(new DragEvent('drop', { dataTransfer: files, bubbles: true, cancelable: true }));
      });
      await page.waitForFunction(() => [...document.querySelectorAll('#progress-errors li')].some((li) => li.textContent.startsWith('dropped.json: ')));
    },
  },
];
