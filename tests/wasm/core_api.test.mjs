// The interactive Core the page drives: requests with a browser's cookie jar, the virtual
// clock, world export/import (a bad import leaves the world as it was), errors as Errors.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { authlab } from './helpers.mjs';

let lab;
let core;

before(async () => {
  lab = await authlab();
  core = lab.core('empty');
});
after(() => core.delete());

test('an answer carries status, headers, cookies, body, parsed JSON and the trace', () => {
  const { response, trace } = core.handle({ method: 'GET', path: '/no/such/page/' });
  assert.equal(response.status, 404);
  assert.equal(response.headers['Content-Type'], 'text/html');
  assert.match(response.body, /Not Found/);
  assert.equal(response.json, null);
  assert.deepEqual(response.cookies, []);
  assert.ok(trace && typeof trace === 'object');
});

test('the jar keeps the csrftoken cookie and sends it back', () => {
  core.clearCookies();
  const { response } = core.handle({ method: 'GET', path: '/api-auth/login/' });
  assert.equal(response.status, 200);
  const csrf = response.cookies.find((c) => c.name === 'csrftoken');
  assert.ok(csrf, JSON.stringify(response.cookies));
  assert.match(csrf.header, /^csrftoken=[A-Za-z0-9]+; expires=.*; Max-Age=31449600; Path=\/; SameSite=Lax$/);
  assert.deepEqual(core.cookies(), { csrftoken: csrf.value });
  core.clearCookies();
  assert.deepEqual(core.cookies(), {});
});

test('advance moves the virtual clock', () => {
  const start = core.now();
  assert.ok(Math.abs(start - Date.now()) < 60_000, 'the interactive core runs on the system clock');
  const later = core.advance(300);
  assert.ok(later - start >= 300_000 && later - start < 310_000);
  assert.throws(() => core.advance(Number.NaN), /advance/);
  assert.throws(() => core.advance(-1), /advance/);
  const unmoved = core.now();
  assert.ok(unmoved >= later && unmoved - later < 5_000, 'a refused advance leaves the clock alone (it runs on the system clock)');
});

test('the clock never passes year 9999, and a world whose clock would is not imported', () => {
  const world = core.exportWorld();
  const century = 100 * 366 * 86400;
  let refused = null;
  for (let i = 0; i < 81 && !refused; i += 1) {
    try { core.advance(century); } catch (error) { refused = error; }
  }
  assert.match(String(refused), /advance: the virtual clock cannot pass 9999-12-31 23:59:59 UTC/);
  assert.ok(new Date(core.now()).getUTCFullYear() <= 9999);
  assert.deepEqual(core.importWorld(world), { ok: true });  // back to the clock it had
  const far = structuredClone(world);
  far.clock_offset_micros = 253_000_000_000 * 1_000_000;  // within the file's range (≤ year 9999 from 1970), past 9999 from today
  assert.match(core.importWorld(far).error, /^clock_offset_micros: the virtual clock cannot pass 9999/);
  assert.deepEqual(core.exportWorld(), world);
});

test('an import past a bound is refused with the list it names, the world untouched', () => {
  const world = core.exportWorld();
  const crowded = structuredClone(world);
  crowded.groups = Array.from({ length: 101 }, (_, i) => ({ id: i + 1, name: `g${i}`, permissions: [] }));
  assert.equal(core.importWorld(crowded).error, 'groups: has 101 entries; at most 100 are allowed');
  assert.deepEqual(core.exportWorld(), world);
});

test('a malformed request is an Error, not a crash', () => {
  assert.throws(() => core.handle({ method: 'GET' }), /method/);
  assert.throws(() => core.handle({ method: 'POST', path: '/', json: {}, body: 'x' }), /at most one/);
  assert.match(JSON.parse(core.native.handle('{not json')).error, /not JSON/);
});

test('export and import round-trip; a bad import leaves the world untouched', () => {
  const world = core.exportWorld();
  assert.equal(world.schema, 'authlab.world');
  const bad = structuredClone(world);
  bad.users = [{ id: 1, username: 'x' }];
  const refused = core.importWorld(bad);
  assert.ok(refused.error && /users\[0\]/.test(refused.error), JSON.stringify(refused));
  assert.deepEqual(core.exportWorld(), world);
  assert.ok(core.importWorld('{"schema": ').error);

  const changed = structuredClone(world);
  changed.books.push({ id: 7, title: 'Emma', author: 'Jane Austen', price: '4.50', inventory: 2 });
  changed.next_ids.book = 8;
  assert.deepEqual(core.importWorld(changed), { ok: true });
  assert.deepEqual(core.exportWorld().books, changed.books);
});

test('the cookie jar is saved and restored across a reload; a damaged one is refused', () => {
  const browser = lab.core('default');
  try {
    assert.deepEqual(browser.issueCredentials('mary', 'session').cookies.sort(), ['csrftoken', 'sessionid']);
    const saved = browser.exportCookies();
    assert.deepEqual(saved.map((c) => c.name), Object.keys(browser.cookies()));

    // A reload: a new core opens the saved world, then the saved jar.
    const reloaded = lab.core(JSON.stringify(browser.exportWorld()));
    try {
      assert.deepEqual(reloaded.cookies(), {});
      assert.deepEqual(reloaded.importCookies(saved), { ok: true });
      assert.deepEqual(reloaded.cookies(), browser.cookies());
      const me = reloaded.handle({ method: 'GET', path: '/auth/users/me/' }).response;
      assert.equal(me.status, 200);
      assert.equal(me.json.username, 'mary');

      const refused = reloaded.importCookies([{ name: 'sessionid', value: 'x; csrftoken=y', expires: null }]);
      assert.match(refused.error, /cookies\[0\]\.value/);
      assert.ok(reloaded.importCookies('[').error);
      assert.deepEqual(reloaded.cookies(), browser.cookies());
    } finally {
      reloaded.delete();
    }
  } finally {
    browser.delete();
  }
});

test('a Core opens from "default", "empty" or a saved world, and refuses anything else', () => {
  const saved = core.exportWorld();
  const reopened = lab.core(JSON.stringify(saved));
  assert.deepEqual(reopened.exportWorld(), saved);
  reopened.delete();
  assert.throws(() => lab.core('{"schema": "nope"}'), /schema/);
  assert.throws(() => lab.core('defaultx'), /JSON/);
  const seeded = lab.core('default');
  assert.deepEqual(seeded.exportWorld().users.map((u) => u.username), ['admin', 'mary', 'eddie', 'carol', 'ivan']);
  seeded.delete();
});
