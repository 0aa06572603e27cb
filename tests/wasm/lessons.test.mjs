// The lesson API the page's player uses (wasm/API.md): parseLesson never throws and names each
// problem by its path; lessonCore builds the lesson's world and judges each step on what the
// learner really did (their own request, an admin change tried on a copy, the clock);
// lessonRequest fills in captures; the evidence it records brings the lesson back by replay and
// makes a progress file that verifyProgress (and `authlab progress report`) accepts.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { authlab, root } from './helpers.mjs';

let lab;
const cores = [];

before(async () => {
  lab = await authlab();
});
after(() => cores.forEach((core) => core.delete()));

function lessonCore(lesson, options = { seed: 7 }) {
  const core = lab.lessonCore(lesson, options);
  cores.push(core);
  return core;
}

const book = { title: 'Emma', author: 'Jane Austen', price: '4.50', inventory: 2 };
const lessonText = JSON.stringify({
  format: 'authlab.lesson', version: 1, id: 'carol-editor', title: 'Known, but not allowed',
  concepts: ['groups-roles', '403'],
  setup: { world: 'default', books: [{ title: 'Persuasion', author: 'Jane Austen', price: '7.00', inventory: 1 }] },
  steps: [
    { title: 'Carol logs in', text: 'Send it. <b>not bold</b>',
      request: { method: 'POST', path: '/auth/token/login/', json: { username: 'carol', password: 'carol-pass-1' } },
      expect: { status: 200, keys: ['auth_token'] }, capture: { tok: 'auth_token' } },
    { title: 'Carol adds a book', text: 'Send it.',
      request: { method: 'POST', path: '/api/books/', headers: { Authorization: 'Token ${tok}' }, json: book },
      expect: { status: 403 } },
    { title: 'An Editor role', text: 'In the admin.',
      admin: { op: 'save_group', name: 'Customer', permissions: ['bookshop.view_book', 'bookshop.add_book'] },
      check: { method: 'POST', path: '/api/books/', headers: { Authorization: 'Token ${tok}' }, json: book },
      expect: { status: 201 } },
    { title: 'Later', text: 'Press +5 min.', advance: 300 },
  ],
});

test('parseLesson answers the normalized lesson, markup untouched', () => {
  const { lesson, errors } = lab.parseLesson(lessonText);
  assert.equal(errors, undefined);
  assert.equal(lesson.id, 'carol-editor');
  assert.equal(lesson.steps[0].text, 'Send it. <b>not bold</b>');
  assert.equal(lesson.steps[0].prefill, true);
  assert.equal(lesson.steps[1].hint, '');
  assert.deepEqual(lesson.setup.users, []);
  assert.equal(lesson.setup.advance, 0);
});

test('parseLesson names every problem by its JSON path and never throws', () => {
  const broken = JSON.parse(lessonText);
  broken.concepts = ['tokens'];
  broken.steps[1].expect.status = '403';
  const { lesson, errors } = lab.parseLesson(JSON.stringify(broken));
  assert.equal(lesson, undefined);
  assert.deepEqual(errors.map((e) => e.path), ['$.concepts[0]', '$.steps[1].expect.status']);
  assert.match(errors[0].reason, /^unknown concept "tokens"; known: credentials, /);
  assert.match(errors[1].reason, /must be a number like 403/);
  for (const bad of ['', 'not json', '\u0000\u00ff', '[', '{"format": 1}', 'null', '['.repeat(5000)]) {
    const answer = lab.parseLesson(bad);
    assert.ok(Array.isArray(answer.errors) && answer.errors.length > 0, bad.slice(0, 20));
    assert.ok(answer.errors.every((e) => typeof e.path === 'string' && typeof e.reason === 'string'));
  }
});

test('lessonCore builds the world from the lesson setup', () => {
  const { lesson } = lab.parseLesson(lessonText);
  const core = lessonCore(lesson);
  const titles = core.snapshot().books.map((b) => b.title);
  assert.ok(titles.includes('Persuasion'));
  assert.throws(() => lab.lessonCore('{"format": "authlab.lesson"}', { seed: 1 }), /not a valid lesson: \$\.version/);
  assert.throws(() => lab.lessonCore(lesson), /a new lesson needs a seed/);
});

test('a lesson played through the API: own requests, captures, admin on a copy, the clock', () => {
  const { lesson } = lab.parseLesson(lessonText);
  const core = lessonCore(lesson);
  const step = (index) => core.lessonState().steps[index];

  // Step 1, typed by the learner (a form, not the prefilled JSON): still met.
  const typed = { method: 'POST', path: '/auth/token/login/', form: { username: 'carol', password: 'carol-pass-1' } };
  const { response } = core.handle(typed);
  assert.deepEqual(step(0), { met: true, failures: [], hints: 0, solution: false, prediction: null });
  const { captures } = core.lessonState();
  assert.equal(captures.tok, response.json.auth_token);

  // Step 2 cannot begin before step 1; then "Show me"'s request is the step's own, substituted.
  assert.throws(() => core.lessonEvent({ enter: 2 }), /step 3 cannot begin before step 2 is done/);
  core.lessonEvent({ enter: 1 });
  const request = core.lessonRequest(lesson, 1, captures);
  assert.equal(request.headers.Authorization, `Token ${captures.tok}`);
  assert.deepEqual(core.lessonRequest(lesson, 1, {}), { error: 'unknown capture ${tok}' });
  core.handle({ method: 'GET', path: '/api/books/' });
  assert.deepEqual(step(1).failures, ['expected POST /api/books/, got GET /api/books/']);
  core.handle(request);
  assert.equal(step(1).met, true);

  // Step 3: not met until the admin change is made; the check changes nothing real.
  const books = () => core.snapshot().books.length;
  const before = books();
  core.lessonEvent({ enter: 2 });
  assert.deepEqual(step(2).failures, ['expected 201, got 403']);
  assert.deepEqual(core.admin(lesson.steps[2].admin), { ok: true });
  assert.equal(step(2).met, true);
  assert.equal(books(), before);

  // Step 4: the clock, counted from when the step began.
  core.lessonEvent({ enter: 3 });
  core.advance(60);
  // (the page's clock is real time, so the milliseconds the test takes count too)
  assert.match(step(3).failures.join(), /^expected the clock to move 300 s, got 60(\.\d+)? s$/);
  core.advance(240);
  assert.equal(step(3).met, true);
  assert.throws(() => core.lessonEvent({ enter: 4 }), /must be a step of the lesson/);
});

test('a lesson brought back from its evidence is the same lesson, tokens and all', () => {
  const { lesson } = lab.parseLesson(lessonText);
  const core = lessonCore(lesson, { seed: 4242 });
  core.handle(core.lessonRequest(lesson, 0, {}));
  core.lessonEvent({ enter: 1 });
  const { evidence } = core.lessonProgress();
  const again = lessonCore(lesson, { evidence });
  assert.deepEqual(again.lessonState(), core.lessonState());
  assert.deepEqual(again.cookies(), core.cookies());
  assert.equal(again.exportWorld().tokens[0].key, core.exportWorld().tokens[0].key);
  // Evidence whose request was edited does not come back.
  const edited = structuredClone(evidence);
  edited.events.find((event) => event.request).request.json.password = 'guess';
  assert.throws(() => lab.lessonCore(lesson, { evidence: edited }), /does not replay as it was recorded: event 1: POST \/auth\/token\/login\/ answered 200 in the file, 400 in the replay/);
});

test('a progress file made in the page verifies, and an edited one names its step', () => {
  const { lesson } = lab.parseLesson(lessonText);
  const core = lessonCore(lesson, { seed: 99 });
  core.handle(core.lessonRequest(lesson, 0, {}));
  const entry = core.lessonProgress({ shipped: false });
  assert.equal(entry.source.id, 'carol-editor');
  const { text, error } = lab.progressFile('Zoë <b>K</b>', [entry]);
  assert.equal(error, undefined);
  let report = lab.verifyProgress([{ name: 'zoe.json', text }], {});
  assert.deepEqual(report.errors, []);
  assert.deepEqual(report.rows.map((row) => [row.learner, row.lesson, row.claimed, row.verified, row.ok]), [['Zoë <b>K</b>', 'carol-editor', 1, 1, true]]);
  const claimed = JSON.parse(text);
  claimed.lessons[0].steps[1].met = true;
  report = lab.verifyProgress([{ name: 'zoe.json', text: JSON.stringify(claimed) }, { name: 'notes.txt', text: 'hello' }], {});
  assert.equal(report.rows[0].ok, false);
  assert.match(report.rows[0].problems[0], /^step 2 "Carol adds a book": claimed done, but the learner's recorded actions do not reach it/);
  assert.deepEqual(report.errors.map((e) => e.file), ['notes.txt']);
  assert.match(report.errors[0].error, /not a progress file: it is not JSON/);
  assert.deepEqual(lab.progressFile('   ', [entry]), { error: 'type your name (1 to 200 characters)' });
});

test('every shipped lesson parses', () => {
  const dir = join(root, 'web', 'lessons');
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'index.json');
  assert.deepEqual(index.map((entry) => entry.file).sort(), files.sort());
  for (const entry of index) {
    const { lesson, errors } = lab.parseLesson(readFileSync(join(dir, entry.file), 'utf8'));
    assert.equal(errors, undefined, `${entry.file}: ${JSON.stringify(errors)}`);
    assert.deepEqual({ id: entry.id, title: entry.title, summary: entry.summary, concepts: entry.concepts, mode: entry.mode ?? 'guided' },
      { id: lesson.id, title: lesson.title, summary: lesson.summary, concepts: lesson.concepts, mode: lesson.mode });
  }
});

test('checkLesson plays a teacher\'s lesson before class and names the first failing step', () => {
  const { lesson } = lab.parseLesson(lessonText);
  assert.deepEqual(lab.checkLesson(lesson), { failing: [] });
  const wrong = readFileSync(join(root, 'tests', 'lessons', 'wrong-expect.json'), 'utf8');
  assert.deepEqual(lab.checkLesson(wrong), { failing: [{ index: 2, title: 'Carol tries again', failures: ['expected 201, got 403'] }] });
  assert.throws(() => lab.checkLesson('{"format": "authlab.lesson"}'), /not a valid lesson/);
});
