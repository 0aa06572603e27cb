// runScenarios, what both runners call: exit codes and messages the way the reference runner
// has them, seeded runs that repeat exactly, and the same answer as the native runner for
// files that fail in odd ways.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, test } from 'node:test';

import { authlab, nativeCli, run } from './helpers.mjs';

let lab;
before(async () => {
  lab = await authlab();
});

const scenario = (steps, setup = { world: 'empty' }) => JSON.stringify({ name: 'probe', setup, steps });
const notFound = { request: { method: 'GET', path: '/nowhere/' }, expect: { status: 404 } };

test('a passing file exits 0 with the table and the count', () => {
  const result = lab.runScenarios([{ name: 'a.json', text: scenario([notFound, { advance: 5 }]) }]);
  assert.equal(result.exitCode, 0);
  assert.equal(result.output,
    '== a.json (probe)\n' +
    '  1  GET    /nowhere/                          404  404   pass\n' +
    '  2  advance 5s\n' +
    '1 passed, 0 failed\n');
  assert.equal(result.errors, '');
});

test('a failed expectation exits 1 in table mode and 0 with --json', () => {
  const files = [{ name: 'b.json', text: scenario([{ ...notFound, expect: { status: 200, json: { a: 1 } } }]) }];
  const table = lab.runScenarios(files);
  assert.equal(table.exitCode, 1);
  assert.match(table.output, /FAIL: status 404, expected 200; json null, expected \{"a": 1\}\n0 passed, 1 failed\n$/);
  const json = lab.runScenarios(files, true);
  assert.equal(json.exitCode, 0);
  assert.equal(JSON.parse(json.output)[0].status, 404);
});

test('a file that cannot run exits 2 with a one-line reason naming it', () => {
  const files = [
    { name: 'missing.json', error: 'ENOENT' },
    { name: 'capture.json', text: scenario([{ request: { method: 'GET', path: '/${nope}/' } }]) },
    { name: 'group.json', text: scenario([], { world: 'empty', users: [{ username: 'u', groups: ['Staff'] }] }) },
    { name: 'policy.json', text: scenario([], { policies: { books: { permissions: ['IsAdminUser |'] } } }) },
    { name: 'broken.json', text: '{"steps": [' },
    { name: 'ok.json', text: scenario([notFound]) },
  ];
  const json = lab.runScenarios(files, true);
  assert.equal(json.exitCode, 2);
  assert.equal(json.output.split('\n').filter(Boolean).length, 1, 'only the file that ran prints a line');
  const reasons = json.errors.trim().split('\n');
  assert.equal(reasons.length, 5);
  assert.match(reasons[0], /^missing\.json: cannot run: cannot read: no such file$/);
  assert.match(reasons[1], /^capture\.json: cannot run: unknown capture \$\{nope\}$/);
  assert.match(reasons[2], /^group\.json: cannot run: unknown group 'Staff'$/);
  assert.match(reasons[3], /^policy\.json: cannot run: .*IsAdminUser \|/);
  assert.match(reasons[4], /^broken\.json: cannot run: cannot read: Expecting value: line 1 column 12 \(char 11\)$/);
  const table = lab.runScenarios(files);
  assert.equal(table.exitCode, 2);
  assert.match(table.output, /^== missing\.json: CANNOT RUN: cannot read: no such file$/m);
  assert.match(table.output, /\n1 passed, 5 failed\n$/);
});

test('runs are seeded: the same file answers the same tokens and cookies every time', () => {
  const text = scenario([
    { request: { method: 'GET', path: '/api-auth/login/' } },
    { request: { method: 'POST', path: '/auth/token/login/', json: { username: 'carol', password: 'carol-pass-1' } } },
  ], { world: 'default' });
  const first = lab.runScenarios([{ name: 's.json', text }], true).output;
  assert.equal(lab.runScenarios([{ name: 's.json', text }], true).output, first);
  assert.match(first, /csrftoken=/);
});

test('odd files fail the same way natively and in WebAssembly', () => {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-runner-'));
  const files = {
    'latin1.json': Buffer.from('{"name": "caf\xe9", "steps": []}', 'latin1'),
    'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"steps": []}')]),
    'list.json': Buffer.from('[1, 2]'),
    'nan.json': Buffer.from('{"steps": [{"advance": NaN}]}'),
    'step.json': Buffer.from('{"steps": [{"request": {"method": "GET", "path": "/"}, "expect": {"stat": 1}}]}'),
    'utf8.json': Buffer.from('{"name": "naïve ☃ \\ud800", "steps": [{"request": {"method": "GET", "path": "/é/\\u00ff"}, "expect": {"status": 404}}]}'),
  };
  const paths = Object.entries(files).map(([name, bytes]) => {
    writeFileSync(join(dir, name), bytes);
    return join(dir, name);
  });
  paths.push(dir, join(dir, 'absent.json'));  // a directory, a missing file
  for (const mode of [['--json'], []]) {
    const native = run(nativeCli(), ['run', ...mode, ...paths], { raw: true });
    const wasm = lab.runScenarios(paths.map((name) => {
      try {
        return { name, base64: readFileSync(name).toString('base64') };
      } catch (error) {
        return { name, error: error.code };
      }
    }), mode.length > 0);
    assert.equal(wasm.output, native.stdout.toString('utf8'));
    assert.equal(wasm.errors, native.stderr.toString('utf8'));
    assert.equal(wasm.exitCode, native.status);
  }
  rmSync(dir, { recursive: true });
});
