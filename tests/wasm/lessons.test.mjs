// The lesson API the page's player uses (wasm/API.md): parseLesson never throws and names each
// problem by its path; lessonCore builds the lesson's world; lessonRequest fills in captures;
// checkLessonStep checks what the learner really sent, an admin change on a copy, the clock.
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

function lessonCore(lesson) {
  const core = lab.lessonCore(lesson);
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
  assert.throws(() => lab.lessonCore('{"format": "authlab.lesson"}'), /not a valid lesson: \$\.version/);
});

test('a lesson played through the API: own requests, captures, admin on a copy, the clock', () => {
  const { lesson } = lab.parseLesson(lessonText);
  const core = lessonCore(lesson);
  let captures = {};

  // Step 1, typed by the learner (a form, not the prefilled JSON): still met.
  const typed = { method: 'POST', path: '/auth/token/login/', form: { username: 'carol', password: 'carol-pass-1' } };
  let { response } = core.handle(typed);
  let check = core.checkLessonStep(lesson, 0, { request: typed, response, captures });
  assert.deepEqual(check.failures, []);
  assert.equal(check.met, true);
  assert.equal(check.captures.tok, response.json.auth_token);
  captures = check.captures;

  // Step 2: "Show me" sends the step's own request, substituted.
  const request = core.lessonRequest(lesson, 1, captures);
  assert.equal(request.headers.Authorization, `Token ${captures.tok}`);
  assert.deepEqual(core.lessonRequest(lesson, 1, {}), { error: 'unknown capture ${tok}' });
  const wrong = { method: 'GET', path: '/api/books/' };
  check = core.checkLessonStep(lesson, 1, { request: wrong, response: core.handle(wrong).response, captures });
  assert.deepEqual(check, { met: false, failures: ['expected POST /api/books/, got GET /api/books/'], captures });
  ({ response } = core.handle(request));
  assert.equal(core.checkLessonStep(lesson, 1, { request, response, captures }).met, true);

  // Step 3: not met until the admin change is made; the check changes nothing real.
  const books = () => core.snapshot().books.length;
  const before = books();
  check = core.checkLessonStep(lesson, 2, { captures });
  assert.deepEqual(check.failures, ['expected 201, got 403']);
  assert.deepEqual(core.admin(lesson.steps[2].admin), { ok: true });
  assert.equal(core.checkLessonStep(lesson, 2, { captures }).met, true);
  assert.equal(books(), before);

  // Step 4: the clock.
  assert.deepEqual(core.checkLessonStep(lesson, 3, { advanced: 60, captures }).failures,
    ['expected the clock to move 300 s, got 60 s']);
  assert.equal(core.checkLessonStep(lesson, 3, { advanced: 300, captures }).met, true);
  assert.throws(() => core.checkLessonStep(lesson, 4, { captures }), /has no step 4/);
});

test('every shipped lesson parses', () => {
  const dir = join(root, 'web', 'lessons');
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));
  const files = readdirSync(dir).filter((name) => name.endsWith('.json') && name !== 'index.json');
  assert.deepEqual(index.map((entry) => entry.file).sort(), files.sort());
  for (const entry of index) {
    const { lesson, errors } = lab.parseLesson(readFileSync(join(dir, entry.file), 'utf8'));
    assert.equal(errors, undefined, `${entry.file}: ${JSON.stringify(errors)}`);
    assert.deepEqual({ id: entry.id, title: entry.title, summary: entry.summary, concepts: entry.concepts },
      { id: lesson.id, title: lesson.title, summary: lesson.summary, concepts: lesson.concepts });
  }
});
