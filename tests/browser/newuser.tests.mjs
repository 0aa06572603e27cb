// Issue 8's "found when tried as a new user would": each problem, done the way the learner did
// it, in a real browser.
import assert from 'node:assert/strict';

import { choosePreset, expectExchange, loginWithToken, openLab, responseJson, send, showTab } from './helpers.mjs';

async function expiredJwtIn401(page) {
  await showTab(page, 'tokens');
  await page.fill('#login-user', 'carol');
  await page.dispatchEvent('#login-user', 'change');
  await expectExchange(page, () => page.click('#login-jwt'));
  await page.waitForSelector('#use-jwt');
  await page.click('#clock-5m');
  await page.waitForSelector('.jwt-expiry.expired');
  await page.click('#use-jwt');
  assert.equal(await send(page), 401);
  await page.waitForSelector('#suggestions li');
}

async function applySuggestion(page, pattern) {
  const item = page.locator('#suggestions li').filter({ hasText: pattern }).first();
  await item.waitFor();
  return expectExchange(page, () => item.getByRole('button').click());
}

const sentHeaders = (page) => page.locator('#response details.sent').textContent();

async function addGroup(page, name) {
  await showTab(page, 'admin');
  await page.click('#admin-groups');
  await page.click('#group-add');
  await page.fill('#group-name', name);
  await page.click('#group-save');
  await page.locator('#group-list').getByRole('button', { name, exact: true }).waitFor();
}

async function groupNames(page) {
  await showTab(page, 'admin');
  await page.click('#admin-groups');
  await page.locator('#group-list tbody tr').first().waitFor();
  return page.locator('#group-list').textContent();
}

const inViewport = (page, selector) => page.locator(selector).first().evaluate((node) => {
  const box = node.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= innerHeight && box.left >= 0 && box.right <= innerWidth;
});

export const tests = [
  {
    name: 'new user 1: a Send-as suggestion is sent exactly as it was tried, and the Send-as hint says what is sent',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await expiredJwtIn401(page);
      // A typed Authorization wins over "Send as": the hint must say so, not promise a Token.
      await page.selectOption('#send-mechanism', 'token');
      const hint = await page.locator('#send-as-hint').textContent();
      assert.doesNotMatch(hint, /^Adds Authorization/, `the hint promises what is not sent: ${hint}`);
      assert.match(hint, /typed/);
      await page.selectOption('#send-mechanism', 'none');
      await send(page);
      await page.waitForSelector('#suggestions li');
      const status = await applySuggestion(page, /as carol \(TokenAuthentication\)/);
      assert.equal(status, 200, 'the suggestion promised 200 and the request it sent got another answer');
      assert.match(await sentHeaders(page), /Token [0-9a-f]{40}/);
    },
  },
  {
    name: 'new user 2: for an expired JWT, Why not offers to refresh the access token, and that works',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await expiredJwtIn401(page);
      const texts = await page.locator('#suggestions li').allTextContents();
      assert.ok(texts[0]?.match(/Refresh the access token/), `no refresh first among: ${texts.join(' | ')}`);
      // Applying it refreshes (POST /api/token/refresh/), then sends the request again.
      await page.evaluate(() => { document.querySelector('#response-status').dataset.stale = 'true'; });
      await page.locator('#suggestions li').filter({ hasText: /Refresh the access token/ }).getByRole('button').click();
      await page.waitForFunction(() => !document.querySelector('#response-status').dataset.stale
        && document.querySelector('#response .request-summary')?.textContent.includes('GET /api/books/'));
      assert.equal(await page.locator('#response-status').getAttribute('data-status'), '200');
      assert.match(await sentHeaders(page), /Bearer ey/);
      // The client now holds the refreshed access token (POST /api/token/refresh/ was sent).
      await showTab(page, 'tokens');
      assert.equal(await page.locator('.jwt-expiry.expired').count(), 0, 'the held access token is still the expired one');
    },
  },
  {
    name: 'new user 3: Reset clears the console draft, also after a reload',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await page.fill('#path', '/api/books/1/');
      await page.selectOption('#method', 'DELETE');
      await page.getByRole('button', { name: 'Add header' }).click();
      await page.fill('[aria-label="Header 1 name"]', 'Authorization');
      await page.fill('[aria-label="Header 1 value"]', 'Token not-a-token');
      await page.click('#reset');
      await page.waitForFunction(() => document.querySelector('#path').value === '/api/books/');
      assert.equal(await page.locator('#method').inputValue(), 'GET');
      assert.equal(await page.locator('.header-row').count(), 0);
      assert.equal(await send(page), 401);
      assert.deepEqual(await responseJson(page), { detail: 'Authentication credentials were not provided.' });
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.locator('.header-row').count(), 0);
      assert.equal(await page.locator('#path').inputValue(), '/api/books/');
    },
  },
  {
    name: 'new user 4: two tabs do not silently overwrite each other\'s saved world',
    async run({ context, url }) {
      const first = await openLab(context, url);
      const second = await openLab(context, url);
      await addGroup(second, 'FromSecond');
      // The first tab hears of it and stops saving until the learner chooses.
      await first.waitForSelector('#other-tab:not([hidden])', { timeout: 5000 });
      assert.match(await first.locator('#other-tab').textContent(), /Another tab/);
      await addGroup(first, 'FromFirst');
      await second.reload();
      await second.waitForSelector('body[data-ready="true"]');
      const kept = await groupNames(second);
      assert.match(kept, /FromSecond/, 'the second tab\'s group was overwritten');
      // Choosing "load the other tab's world" brings it here.
      await first.click('#other-tab-load');
      await first.locator('#group-list').getByRole('button', { name: 'FromSecond', exact: true }).waitFor();
      assert.ok(await first.locator('#other-tab').isHidden());
    },
  },
  {
    name: 'new user 5: undo survives a reload, and Apply by keyboard leaves focus on the answer',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await addGroup(page, 'Undoable');
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      assert.equal(await page.locator('#undo').isEnabled(), true, 'the undo history was lost on reload');
      await page.click('#undo');
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'Undoable', exact: true }).waitFor({ state: 'detached' });

      await loginWithToken(page, 'carol');
      await page.click('#use-token');
      await choosePreset(page, 'POST', '/api/books/');
      assert.equal(await send(page), 403);
      const apply = page.locator('#suggestions li button').first();
      await apply.focus();
      assert.equal(await expectExchange(page, () => page.keyboard.press('Enter')), 201);
      const focused = await page.evaluate(() => {
        const node = document.activeElement;
        const box = node.getBoundingClientRect();
        return { tag: node.tagName, id: node.id, top: box.top, bottom: box.bottom };
      });
      assert.notEqual(focused.tag, 'BODY', 'focus fell to the top of the page');
      assert.ok(focused.top >= 0 && focused.bottom <= 900, `focus is out of view: ${JSON.stringify(focused)}`);
    },
  },
  {
    name: 'new user 6: import errors say what is wrong and where, in a learner\'s words',
    async run({ context, url }) {
      const page = await openLab(context, url);
      const broken = '{\n  "users": [\n    {"username": "x",}\n  ]\n}';
      await page.setInputFiles('#import', { name: 'broken.json', mimeType: 'application/json', buffer: Buffer.from(broken) });
      const message = page.locator('#world-message');
      await message.filter({ hasText: 'line 3' }).waitFor();
      const text = await message.textContent();
      assert.match(text, /broken\.json is not valid JSON: at line 3, column \d+/);
      assert.doesNotMatch(text, /json\.exception|parse_error/);
      const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
      await page.setInputFiles('#import', { name: 'picture.png', mimeType: 'image/png', buffer: png });
      await message.filter({ hasText: 'not a text file' }).waitFor();
      assert.doesNotMatch(await message.textContent(), /unexpected end of input|json\.exception/);
    },
  },
  {
    name: 'new user 7: on a 1366×768 laptop Send and the status are in view, the decision fits; the matrix fits 1920 px',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.evaluate(() => scrollTo(0, 0));
      assert.ok(await inViewport(page, '#send'), 'Send is below the fold');
      await loginWithToken(page, 'carol');
      await page.click('#use-token');
      await choosePreset(page, 'POST', '/api/books/');
      await page.evaluate(() => scrollTo(0, 0));
      assert.ok(await inViewport(page, '#send'), 'Send is below the fold');
      assert.equal(await expectExchange(page, () => page.click('#send')), 403);
      assert.ok(await inViewport(page, '#response-status'), 'the status is out of view after Send');
      const decision = await page.locator('#decision').evaluate((node) => node.closest('.panel').getBoundingClientRect().height);
      assert.ok(decision <= 768, `the decision is ${decision} px tall on a 768 px screen`);

      await page.setViewportSize({ width: 1920, height: 1080 });
      await showTab(page, 'matrix');
      await page.locator('#matrix-table td').first().waitFor();
      const { scroll, client } = await page.locator('#matrix-table').evaluate((node) => ({ scroll: node.scrollWidth, client: node.clientWidth }));
      assert.ok(scroll <= client, `the matrix scrolls sideways at 1920 px (${scroll} px in ${client} px)`);
    },
  },
];
