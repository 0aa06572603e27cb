// The browser tests of the JWT attack lab and the login timing (Tokens & cookies): edited
// tokens sent as Bearer are refused with the body the real simplejwt answers (asked through
// tests/reference), re-signing with the revealed SECRET_KEY gets in, what the learner types
// stays text, and an unknown user costs the hash a wrong password costs.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { openLab, showTab } from './helpers.mjs';

// The real stack's answers to GET /auth/users/me/ with each token as Bearer (one run of the
// reference project for them all): [{status, json}].
function referenceAnswers(root, tokens) {
  const dir = mkdtempSync(join(tmpdir(), 'authlab-attack-'));
  try {
    const file = join(dir, 'attack.json');
    writeFileSync(file, JSON.stringify({ name: 'attack lab tokens', steps: tokens.map((token) => ({
      request: { method: 'GET', path: '/auth/users/me/', headers: { Authorization: `Bearer ${token}` } } })) }));
    const run = spawnSync('/usr/bin/python3', [join(root, 'tests', 'reference', 'run_scenarios.py'), '--json', file],
      { encoding: 'utf8', timeout: 180_000 });
    assert.equal(run.status, 0, `the reference project failed: ${run.stderr}`);
    return JSON.parse(run.stdout.trim().split('\n').at(-1));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// carol logs in for a JWT pair; the attack lab starts from her access token.
async function openAttackLab(context, url) {
  const page = await openLab(context, url);
  await showTab(page, 'tokens');
  await page.fill('#login-user', 'carol');
  await page.dispatchEvent('#login-user', 'change');
  await page.click('#login-jwt');
  await page.waitForSelector('#attack-use-held:not([disabled])');
  await page.click('#attack-use-held');
  await page.waitForFunction(() => document.querySelector('#attack-payload').value.includes('"user_id"'));
  return page;
}

// Sends the lab's token as `mode`; → {status, body, why, token}.
async function sendAs(page, mode) {
  await page.check(`#attack-mode-${mode}`);
  await page.evaluate(() => document.querySelector('#attack-result').replaceChildren());
  await page.click('#attack-send');
  await page.waitForSelector('#attack-body');
  const token = (await page.locator('#attack-token code').textContent()).trim();
  return { status: Number(await page.locator('#attack-status').getAttribute('data-status')),
    body: JSON.parse(await page.locator('#attack-body').textContent()), why: await page.locator('#attack-why').textContent(), token };
}

// The payload as carol's, but claiming to be admin (user 1): the edit of a text, in place.
async function claimAdmin(page) {
  const payload = await page.inputValue('#attack-payload');
  const edited = payload.replace(/"user_id":\s*4/, '"user_id":1');
  assert.notEqual(edited, payload, `carol's payload has no "user_id":4: ${payload}`);
  await page.fill('#attack-payload', edited);
}

export const tests = [
  {
    name: 'attack lab: alg none, the old signature and a wrong key are refused as simplejwt refuses them, the revealed secret gets in',
    async run({ context, url, root, artifacts }) {
      const page = await openAttackLab(context, url);
      const original = await page.inputValue('#attack-original');
      const kept = await sendAs(page, 'old');
      assert.equal(kept.token, original, 'the unedited text with the old signature is not the original token');
      assert.equal(kept.status, 200);
      assert.equal(kept.body.username, 'carol');

      await claimAdmin(page);
      const old = await sendAs(page, 'old');
      assert.match(old.why, /InvalidSignatureError: Signature verification failed/);
      await page.fill('#attack-key', 'a-guessed-key');
      const guessed = await sendAs(page, 'hs256');
      assert.match(guessed.why, /InvalidSignatureError: Signature verification failed/);
      const unsigned = await sendAs(page, 'unsigned');
      assert.match(unsigned.why, /InvalidSignatureError/);
      const none = await sendAs(page, 'none');
      assert.match(await page.inputValue('#attack-header'), /"alg":\s*"none"/, 'the header box does not show "alg": "none"');
      assert.match(none.why, /InvalidAlgorithmError: The specified alg value is not allowed/);

      const refused = [old, guessed, unsigned, none];
      const real = referenceAnswers(root, refused.map((r) => r.token));
      refused.forEach((r, i) => {
        assert.equal(r.status, 401);
        assert.equal(real[i].status, 401);
        assert.deepEqual(r.body, real[i].json);
      });

      // The header back to HS256; signed with the lab's own SECRET_KEY, the forgery is admin.
      await page.fill('#attack-header', (await page.inputValue('#attack-header')).replace('"none"', '"HS256"'));
      await page.click('#attack-reveal');
      const secret = await page.locator('#attack-secret-key').textContent();
      assert.ok(secret.length >= 50, `SECRET_KEY shown as "${secret}"`);
      assert.match(await page.locator('#attack-secret').textContent(), /must stay secret/);
      await page.click('#attack-use-secret');
      assert.equal(await page.inputValue('#attack-key'), secret);
      const forged = await sendAs(page, 'hs256');
      assert.equal(forged.status, 200);
      assert.equal(forged.body.username, 'admin');
      await page.locator('section.panel:has(#attack-lab)').screenshot({ path: join(artifacts, 'attack-lab.png') });

      // The same exchange went through the request path: the decision diagram shows it.
      await showTab(page, 'request');
      assert.match(await page.locator('#decision-outcome').textContent(), /200/);
    },
  },
  {
    name: 'attack lab: hostile header text goes into the token byte for byte and stays text, and text that is not JSON is refused in words',
    async run({ context, url }) {
      const page = await openAttackLab(context, url);
      const hostile = '<img src=x onerror="window.__xss=1">';
      const header = `{"alg": "HS256",  "kid": "${hostile.replace(/"/g, '\\"')}"}`;
      await page.fill('#attack-header', header);
      await page.fill('#attack-payload', '{"user_id": 4,}');
      await page.check('#attack-mode-unsigned');
      await page.click('#attack-send');
      const error = page.locator('#attack-error');
      await error.waitFor();
      assert.equal(await error.textContent(), 'The payload is not JSON: Expecting property name enclosed in double quotes: line 1 column 15 (char 14).');
      assert.equal(await page.locator('#attack-body').count(), 0, 'a token was sent although the payload is not JSON');

      await page.fill('#attack-payload', '{"user_id": 4}');
      await page.click('#attack-send');
      await page.waitForSelector('#attack-body');
      assert.equal(await error.textContent(), '');
      const token = (await page.locator('#attack-token code').textContent()).trim();
      assert.equal(Buffer.from(token.split('.')[0], 'base64url').toString('utf8'), header, 'the header was not sent as typed');

      await page.fill('#attack-header', '');
      await page.fill('#attack-original', token);
      await page.click('#attack-decode');
      assert.equal(await page.inputValue('#attack-header'), header);
      await page.fill('#attack-original', `${hostile}.y`);  // its one dot makes three parts
      await page.click('#attack-decode');
      assert.equal(await error.textContent(), 'The header part is not base64url (only A–Z, a–z, 0–9, - and _).');
      assert.equal(await page.locator('img').count(), 0, 'an <img> from the typed text exists');
      assert.equal(await page.evaluate(() => window.__xss), undefined, 'the typed text ran');
    },
  },
  {
    name: 'login timing: an unknown user and a wrong password each run one password hash, timed in the worker',
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);
      await showTab(page, 'tokens');
      await page.click('#timing-run');
      await page.waitForSelector('#timing-table');
      const rows = page.locator('#timing-table tbody tr');
      assert.equal(await rows.count(), 2);
      for (const row of await rows.all()) {
        assert.equal(await row.locator('.timing-hashes').textContent(), '1');
        assert.match(await row.locator('.timing-ms').textContent(), /^\d+\.\d ms$/);
        assert.equal(await row.locator('.timing-status').getAttribute('data-status'), '401');
      }
      assert.match(await rows.nth(0).textContent(), /no user has that username/);
      assert.match(await rows.nth(1).textContent(), /the password does not match/);
      assert.match(await page.locator('#timing-verdict').textContent(), /^Both cost the same: 1 password hash each/);
      await page.locator('section.panel:has(#login-timing)').screenshot({ path: join(artifacts, 'login-timing.png') });
    },
  },
];
