// Django password hashes across the three implementations: the WebAssembly core, the native
// core (tools/authlab password) and real Django 3.2 (/usr/bin/python3), in every direction.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { authlab, nativeCli, run } from './helpers.mjs';

const passwords = ['carol-pass-1', 'pässwörd €😀', ' spaced out '];
let core;

before(async () => {
  core = (await authlab()).core('empty');
});
after(() => core.delete());

// Django's own check_password and make_password, with the project's hashers.
function django(action, password, encoded = '') {
  const script = `
import sys
from django.conf import settings
settings.configure(PASSWORD_HASHERS=['django.contrib.auth.hashers.Argon2PasswordHasher',
                                     'django.contrib.auth.hashers.PBKDF2PasswordHasher'])
from django.contrib.auth.hashers import check_password, make_password
action, password, encoded = sys.argv[1:4]
if action == 'check':
    print('match' if check_password(password, encoded) else 'mismatch')
else:
    print(make_password(password, hasher=action))
`;
  const result = run('/usr/bin/python3', ['-c', script, action, password, encoded]);
  assert.equal(result.status, 0, `Django failed: ${result.stderr}`);
  return result.stdout.trim();
}

test('a hash made in WebAssembly verifies in WebAssembly, and only with its password', () => {
  for (const password of passwords) {
    const encoded = core.hashPassword(password);
    assert.match(encoded, /^argon2\$argon2id\$v=19\$m=102400,t=2,p=8\$[A-Za-z0-9+/]{30}\$[A-Za-z0-9+/]{22}$/);
    assert.equal(core.checkPassword(password, encoded).verdict, 'match');
    assert.equal(core.checkPassword(`${password}x`, encoded).verdict, 'mismatch');
  }
  assert.equal(core.checkPassword('x', 'argon2$argon2id$v=19$m=oops').verdict, 'malformed');
  assert.equal(core.checkPassword('x', '!unusable').verdict, 'mismatch');
});

test('WebAssembly and native hashes verify in the other', () => {
  const cli = nativeCli();
  for (const password of passwords) {
    const fromWasm = core.hashPassword(password);
    assert.equal(run(cli, ['password', 'verify', fromWasm, password]).status, 0, `native rejects ${fromWasm}`);
    assert.equal(run(cli, ['password', 'verify', fromWasm, 'wrong']).status, 1);
    const made = run(cli, ['password', 'hash', password]);
    assert.equal(made.status, 0, made.stderr);
    assert.equal(core.checkPassword(password, made.stdout.trim()).verdict, 'match');
  }
});

test('WebAssembly hashes verify in real Django, and Django\'s (Argon2 and PBKDF2) in WebAssembly', () => {
  const password = passwords[1];
  assert.equal(django('check', password, core.hashPassword(password)), 'match');
  assert.equal(django('check', 'wrong', core.hashPassword(password)), 'mismatch');
  for (const hasher of ['argon2', 'pbkdf2_sha256']) {
    const encoded = django(hasher, password);
    assert.ok(encoded.startsWith(`${hasher}$`), encoded);
    const check = core.checkPassword(password, encoded);
    assert.equal(check.verdict, 'match', `${encoded}: ${check.problem}`);
    assert.equal(check.must_update, hasher !== 'argon2');
    assert.equal(core.checkPassword('wrong', encoded).verdict, 'mismatch');
  }
});
