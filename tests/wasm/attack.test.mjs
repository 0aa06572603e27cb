// The attack lab's WebAssembly API: forgeJwt marshals lab::forge_jwt (typed bytes in, the
// chosen signature, the learner's words on error) and timedHandle answers what handle answers
// plus the milliseconds it took.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { authlab } from './helpers.mjs';

let lab;
let core;

before(async () => {
  lab = await authlab();
  core = lab.core('default');
});
after(() => core.delete());

const header = '{"alg": "HS256",  "typ": "JWT"}';

test('forgeJwt signs the typed text with the key, and the core accepts it only with the SECRET_KEY', () => {
  const secret = core.secretKey();  // what "Reveal" shows: the world's own key
  assert.equal(secret, core.exportWorld().secret_key);
  const payload = '{"user_id": 1, "token_type": "access", "jti": "j", "exp": 99999999999}';
  const forged = lab.forgeJwt({ header, payload, mode: 'hs256', key: secret });
  const [head, body] = forged.token.split('.');
  assert.equal(Buffer.from(head, 'base64url').toString(), header);
  assert.equal(Buffer.from(body, 'base64url').toString(), payload);
  const me = (token) => core.handle({ method: 'GET', path: '/auth/users/me/', headers: { Authorization: `Bearer ${token}` } }).response;
  assert.equal(me(forged.token).status, 200);
  assert.equal(me(forged.token).json.username, 'admin');
  assert.equal(me(lab.forgeJwt({ header, payload, mode: 'hs256', key: `${secret}x` }).token).status, 401);
  assert.equal(me(lab.forgeJwt({ header, payload, mode: 'old', original: forged.token.replace(/\.[^.]*$/, '.AAAA') }).token).status, 401);
});

test('forgeJwt refuses text that is not JSON and an unknown mode in words, making no token', () => {
  assert.deepEqual(lab.forgeJwt({ header: '{"alg"}', payload: '{}', mode: 'unsigned' }),
    { error: 'The header is not JSON: Expecting \':\' delimiter: line 1 column 7 (char 6).' });
  assert.match(lab.forgeJwt({ header, payload: '{}', mode: 'rs256' }).error, /unknown signing mode 'rs256'/);
  assert.match(lab.forgeJwt({ header, payload: '{}', mode: 'none' }).error, /"alg": "none"/);
});

test('timedHandle answers as handle does, with the time it took', () => {
  const request = { method: 'GET', path: '/auth/users/me/', headers: { Authorization: `Basic ${Buffer.from('nobody:x').toString('base64')}` } };
  const timed = core.timedHandle(request);
  assert.equal(timed.response.status, 401);
  assert.equal(typeof timed.ms, 'number');
  assert.ok(timed.ms >= 0);
  const basic = timed.trace.steps.find((step) => step.component === 'BasicAuthentication');
  assert.equal(basic.data.password_hashes, 1);
});
