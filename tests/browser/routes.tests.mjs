// The browser tests of issue 9's routes: an order read by id and refused by IsOwner, with
// "Why not?" naming the owner and the matrix's "another user's order" column; the new presets
// for token verify and the session logout.
import assert from 'node:assert/strict';
import { join } from 'node:path';

import { choosePreset, expectExchange, loginWithToken, matrixCell, openLab, responseJson, send, showTab } from './helpers.mjs';

export const tests = [
  {
    name: 'IsOwner: carol asks for the superuser\'s order by id, is refused, and why not names the owner',
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);
      await loginWithToken(page, 'admin');
      await page.click('#use-token');
      await choosePreset(page, 'POST', '/api/orders/');
      assert.equal(await send(page), 201);
      assert.equal((await responseJson(page)).owner, 1);

      await loginWithToken(page, 'carol');
      await page.click('#use-token');
      await choosePreset(page, 'GET', '/api/orders/1/');
      assert.equal(await send(page), 403);
      assert.deepEqual(await responseJson(page), { detail: 'You do not have permission to perform this action.' });
      assert.match(await page.locator('#trace-steps .stop').textContent(), /IsOwner/);
      const reason = page.locator('#why-reason');
      await reason.waitFor();
      assert.match(await reason.textContent(), /carol is not the owner of order 1 \(admin is\): IsOwner refuses/);
      await page.waitForSelector('#suggestions li');
      assert.match(await page.locator('#suggestions li').first().textContent(), /Send the request as admin, the owner/);
      await page.screenshot({ path: join(artifacts, 'is-owner-403.png'), fullPage: true });

      await showTab(page, 'matrix');
      assert.equal((await matrixCell(page, 'carol', 'GET /api/orders/<id>/')).status, 403);
      assert.equal((await matrixCell(page, 'admin', 'GET /api/orders/<id>/')).status, 200);
      assert.match(await page.locator('#matrix-table thead').textContent(), /another user's order/);
    },
  },
  {
    name: 'new presets: verify the held JWT, then log out of the session',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await showTab(page, 'tokens');
      await expectExchange(page, () => page.click('#login-jwt'));
      await page.locator('#jwt-access-expiry').waitFor();
      await choosePreset(page, 'POST', '/api/token/verify/');
      assert.match(await page.inputValue('#body'), /"token": "eyJ/);
      assert.equal(await send(page), 200);
      assert.deepEqual(await responseJson(page), {});

      await showTab(page, 'tokens');
      await page.fill('#login-user', 'mary');
      await page.dispatchEvent('#login-user', 'change');
      await page.click('#login-session');
      await page.waitForSelector('#cookie-jar >> text=sessionid');
      await choosePreset(page, 'POST', '/api-auth/logout/');
      assert.equal(await send(page), 200);
      await showTab(page, 'tokens');
      await page.waitForFunction(() => !document.querySelector('#cookie-jar').textContent.includes('sessionid'));
      assert.doesNotMatch(await page.locator('#session-store').textContent(), /mary/);
    },
  },
];
