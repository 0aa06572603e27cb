// The browser tests of issue 5, each {name, run({context, url, artifacts, root})}.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { join } from 'node:path';

import {
  assertInert, choosePreset, expectExchange, exportedWorld, hostileWorld, loginWithToken, matrixCell, openLab, responseJson,
  send, shareLink, showTab, worldFragment,
} from './helpers.mjs';

const require = createRequire(import.meta.url);
const payload = '<img src=x onerror=window.__xss=1>';

async function grantCustomerAddBook(page) {
  await showTab(page, 'admin');
  await page.click('#admin-groups');
  await page.locator('#group-list').getByRole('button', { name: 'Customer', exact: true }).click();
  await page.selectOption('#group-perms-available', 'bookshop.add_book');
  await page.click('#group-perms-add');
  assert.ok(await page.locator('#group-perms-chosen option[value="bookshop.add_book"]').count(), 'the permission did not move across');
  await page.click('#group-save');
  await page.waitForSelector('#admin-message:has-text("Customer")');
}

export const tests = [
  {
    name: 'newcomer: 401, log in, 403, grant in the admin, 201, the matrix follows',
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);

      // No credentials: 401 with the Token challenge, refused at authorization.
      await choosePreset(page, 'GET', '/api/books/');
      assert.equal(await send(page), 401);
      assert.match(await page.locator('#response').textContent(), /WWW-Authenticate: Token/);
      assert.deepEqual(await responseJson(page), { detail: 'Authentication credentials were not provided.' });
      const outcome401 = page.locator('#decision-outcome');
      assert.equal(await outcome401.getAttribute('data-status'), '401');
      assert.match(await outcome401.textContent(), /Unauthorized/);
      const steps = await page.locator('#trace-steps > li').allTextContents();
      assert.ok(steps.some((s) => s.includes('TokenAuthentication')), 'the trace shows the authenticators');
      assert.match(await page.locator('#trace-steps .stop').textContent(), /DjangoModelPermissions/);
      await page.screenshot({ path: join(artifacts, 'request-401.png'), fullPage: true });

      // carol logs in for a DRF token and uses it: POST a book → 403, refused by the permission.
      const key = await loginWithToken(page, 'carol');
      assert.match(key, /^[0-9a-f]{40}$/);
      await page.screenshot({ path: join(artifacts, 'tokens.png'), fullPage: true });
      await page.click('#use-token');
      await choosePreset(page, 'POST', '/api/books/');
      assert.equal(await send(page), 403);
      assert.deepEqual(await responseJson(page), { detail: 'You do not have permission to perform this action.' });
      const stop = await page.locator('#trace-steps .stop').textContent();
      assert.match(stop, /DjangoModelPermissions/);
      assert.match(stop, /bookshop\.add_book/);
      assert.match(await page.locator('#decision-outcome').textContent(), /Forbidden/);
      await page.waitForSelector('#suggestions li');
      assert.match(await page.locator('#suggestions').textContent(), /bookshop\.add_book/);
      await page.screenshot({ path: join(artifacts, 'request-403.png'), fullPage: true });
      // The README's picture: the decision drawn, and why not.
      const top = await page.locator('#decision').evaluate((node) => node.closest('.panel').getBoundingClientRect().top + scrollY);
      const bottom = await page.locator('#whynot').evaluate((node) => node.closest('.panel').getBoundingClientRect().bottom + scrollY);
      await page.screenshot({ path: join(artifacts, 'readme.png'), fullPage: true,
        clip: { x: 0, y: Math.floor(top) - 8, width: 1366, height: Math.ceil(bottom - top) + 16 } });

      await showTab(page, 'matrix');
      assert.equal((await matrixCell(page, 'carol', 'POST /api/books/')).status, 403);

      // The admin grants Customer bookshop.add_book; the same request now creates the book.
      await grantCustomerAddBook(page);
      await page.screenshot({ path: join(artifacts, 'admin-groups.png'), fullPage: true });
      assert.equal(await send(page), 201);
      assert.equal((await responseJson(page)).title, 'Emma');

      await showTab(page, 'matrix');
      await page.waitForSelector('#matrix-table td.changed');
      const cell = await matrixCell(page, 'carol', 'POST /api/books/');
      assert.equal(cell.status, 201);
      assert.ok(cell.changed, 'the changed cell is marked');
      assert.match(await cell.cell.textContent(), /was 403/);
      await page.screenshot({ path: join(artifacts, 'matrix.png'), fullPage: true });
    },
  },
  {
    name: 'why not: a suggestion is one click, and undo takes it back',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await loginWithToken(page, 'carol');
      await page.click('#use-token');
      await choosePreset(page, 'POST', '/api/books/');
      assert.equal(await send(page), 403);
      const apply = page.locator('#suggestions li', { hasText: 'Customer' }).getByRole('button');
      assert.equal(await expectExchange(page, () => apply.first().click()), 201);
      await page.click('#undo');
      await page.waitForSelector('#undo[disabled]');
      assert.equal(await send(page), 403);
    },
  },
  {
    name: 'a JWT expires when the virtual clock moves on; refresh brings a new one',
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);
      await showTab(page, 'tokens');
      await expectExchange(page, () => page.click('#login-jwt'));
      const expiry = page.locator('#jwt-access-expiry');
      await expiry.waitFor();
      assert.match(await expiry.textContent(), /expires in/);
      await page.click('#use-jwt');
      await choosePreset(page, 'GET', '/api/orders/');
      assert.equal(await send(page), 200);

      await showTab(page, 'tokens');
      await page.click('#clock-5m');
      await page.waitForSelector('#jwt-access-expiry:has-text("EXPIRED")');
      await page.screenshot({ path: join(artifacts, 'tokens-expired.png'), fullPage: true });
      assert.equal(await send(page), 401);
      assert.equal((await responseJson(page)).code, 'token_not_valid');

      await showTab(page, 'tokens');
      assert.equal(await expectExchange(page, () => page.click('#refresh-jwt')), 200);
      await page.waitForSelector('#jwt-access-expiry:has-text("expires in")');
      await page.click('#use-jwt');
      assert.equal(await send(page), 200);
    },
  },
  {
    name: 'a session login fills the cookie jar and the server\'s session store',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await showTab(page, 'tokens');
      await page.fill('#login-user', 'mary');
      await page.dispatchEvent('#login-user', 'change');
      assert.equal(await page.inputValue('#login-password'), 'mary-pass-1');
      await page.click('#login-session');
      await page.waitForSelector('#cookie-jar >> text=sessionid');
      assert.match(await page.locator('#login-log').textContent(), /POST \/api-auth\/login\/ → 302/);
      assert.match(await page.locator('#session-store').textContent(), /mary/);
      assert.match(await page.locator('#jwt-store').textContent(), /Nothing stored/);
    },
  },
  {
    name: 'reload keeps the world, the client\'s tokens, the cookie jar and the console',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.click('#group-add');
      await page.fill('#group-name', 'Readers');
      await page.selectOption('#group-perms-available', 'bookshop.view_book');
      await page.click('#group-perms-add');
      await page.click('#group-save');
      await page.waitForSelector('#admin-message:has-text("Readers")');
      const key = await loginWithToken(page, 'eddie');
      await page.fill('#login-user', 'mary');
      await page.dispatchEvent('#login-user', 'change');
      await page.click('#login-session');
      await page.waitForSelector('#cookie-jar >> text=sessionid');
      await choosePreset(page, 'DELETE', '/api/books/1/');

      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'Readers', exact: true }).waitFor();
      await showTab(page, 'tokens');
      assert.equal(await page.locator('#held-token-key').textContent(), key);
      assert.match(await page.locator('#token-table').textContent(), /eddie/);
      assert.match(await page.locator('#cookie-jar').textContent(), /sessionid/);
      assert.match(await page.locator('#held-session').locator('..').textContent(), /mary/);
      await showTab(page, 'request');
      assert.equal(await page.inputValue('#method'), 'DELETE');
      assert.equal(await page.inputValue('#path'), '/api/books/1/');
    },
  },
  {
    name: 'share as link carries the world; reset and undo',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.click('#group-add');
      await page.fill('#group-name', 'Auditors');
      await page.click('#group-save');
      const auditors = page.locator('#group-list').getByRole('button', { name: 'Auditors', exact: true });
      await auditors.waitFor();

      const shared = await shareLink(page);
      assert.match(shared, /#(world|lab)=[A-Za-z0-9_-]+$/);

      await page.click('#reset');
      await auditors.waitFor({ state: 'detached' });
      assert.equal(await page.locator('#group-list tbody tr').count(), 3);
      await page.click('#undo');
      await auditors.waitFor();

      // The saved world is the default one again; the link brings Auditors back.
      await page.click('#reset');
      await auditors.waitFor({ state: 'detached' });
      await page.goto('about:blank');
      await page.goto(shared);
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#shared-open');  // this browser has a world of its own: it asks first
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'Auditors', exact: true }).waitFor();
    },
  },
  {
    name: 'a hostile world imported as JSON is shown as text, never run',
    async run({ context, url }) {
      const page = await openLab(context, url);
      const world = await exportedWorld(page);
      assert.equal(world.schema, 'authlab.world');
      await page.setInputFiles('#import', { name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(hostileWorld(world, payload)) });
      await showTab(page, 'admin');
      await page.click('#admin-users');
      await page.locator('#user-list').getByRole('button', { name: payload, exact: true }).waitFor();
      await assertInert(page, payload);
      await showTab(page, 'matrix');
      await page.locator('#matrix-table th', { hasText: payload }).waitFor();
      await assertInert(page, payload);
      // Send as the hostile user: the name travels through the select, the trace and the body.
      await choosePreset(page, 'GET', '/api/books/');
      await page.selectOption('#send-mechanism', 'token');
      await page.selectOption('#send-user', { label: payload });
      assert.equal(await send(page), 200);
      assert.ok((await responseJson(page)).some((book) => book.title === payload));
      assert.ok((await page.locator('#trace-steps').textContent()).includes(`request.user = ${payload}`), 'the trace names the user');
      await assertInert(page, payload, { exact: false });

      // A file that is not a world leaves the lab as it was, with the core's reason as text.
      await page.setInputFiles('#import', { name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(`{"schema": "${payload}"}`) });
      await page.waitForSelector('#world-message:has-text("not a world")');
      await showTab(page, 'admin');
      await page.click('#admin-users');
      await page.locator('#user-list').getByRole('button', { name: payload, exact: true }).waitFor();
      await assertInert(page, payload);
    },
  },
  {
    name: 'a hostile world shared as a link is shown as text, never run',
    async run({ context, url }) {
      const first = await openLab(context, url);
      const world = await exportedWorld(first);
      await first.close();
      const page = await context.newPage();
      await page.goto(url + worldFragment(hostileWorld(world, payload)));
      await page.waitForSelector('body[data-ready="true"]');
      await page.click('#shared-open');
      assert.equal(await page.evaluate(() => location.hash), '', 'the world stays out of the address bar');
      await showTab(page, 'admin');
      await page.click('#admin-users');
      await page.locator('#user-list').getByRole('button', { name: payload, exact: true }).waitFor();
      await assertInert(page, payload);
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: `${payload}-group`, exact: true }).waitFor();
      assert.equal(await page.locator('img').count(), 0);

      // A damaged link: the lab says so and keeps its own world.
      const damaged = await context.newPage();
      await damaged.goto(`${url}#world=not-deflate-data`);
      await damaged.waitForSelector('body[data-ready="true"]');
      assert.match(await damaged.locator('#world-message').textContent(), /damaged/);
    },
  },
  {
    name: 'side by side: one request, every mechanism, the world untouched',
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);
      await choosePreset(page, 'POST', '/api/books/');
      await showTab(page, 'compare');
      await page.selectOption('#compare-user', 'carol');
      await page.click('#run-compare');
      const table = page.locator('#compare-table');
      await table.waitFor();
      const status = async (mechanism) => Number(await table.locator(`tr[data-mechanism="${mechanism}"] .badge strong`).textContent());
      assert.equal(await status('none'), 401);
      assert.equal(await status('token'), 403);
      assert.equal(await status('bearer'), 403);
      assert.equal(await status('session'), 403);
      assert.equal(await status('basic'), 403);
      await page.screenshot({ path: join(artifacts, 'side-by-side.png'), fullPage: true });
      await showTab(page, 'tokens');
      assert.match(await page.locator('#token-table').textContent(), /No tokens/);
      assert.match(await page.locator('#session-store').textContent(), /No sessions/);
    },
  },
  {
    name: 'a bad permission expression is refused with the core\'s message',
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);
      await showTab(page, 'admin');
      await page.click('#admin-policies');
      const books = page.locator('#policy-books-permissions input').first();
      await books.fill('IsAdminUser |');
      await page.click('#policies-save');
      const error = page.locator('#policies-error');
      await error.waitFor();
      assert.match(await error.textContent(), /Not saved/);
      await page.screenshot({ path: join(artifacts, 'admin-policies-error.png'), fullPage: true });

      await books.fill('IsAdminUser | IsInGroup:Customer');
      await page.click('#policies-save');
      await page.waitForSelector('#admin-message:has-text("policies")');
      await loginWithToken(page, 'carol');
      await page.click('#use-token');
      await choosePreset(page, 'POST', '/api/books/');
      assert.equal(await send(page), 201);
    },
  },
  {
    name: 'the keyboard alone: tabs, the console, the permission picker',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await page.focus('#tab-request');
      await page.keyboard.press('ArrowRight');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-tokens');
      await page.waitForSelector('#view-tokens:not([hidden])');
      await page.keyboard.press('End');
      assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-matrix');
      await page.keyboard.press('Home');
      await page.waitForSelector('#view-request:not([hidden])');

      await page.focus('#path');
      await page.keyboard.press('Control+A');
      await page.keyboard.type('/api/books/2/');
      assert.equal(await expectExchange(page, () => page.keyboard.press('Enter')), 401);

      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'Editor', exact: true }).press('Enter');
      await page.focus('#group-perms-available');
      await page.keyboard.press('Home');
      await page.keyboard.press('Enter');
      assert.equal(await page.locator('#group-perms-chosen option').count(), 4);
      await page.focus('#group-save');
      await page.keyboard.press('Enter');
      await page.waitForSelector('#admin-message:has-text("Editor")');
    },
  },
  {
    name: 'hashing runs in the worker and the page says so',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await showTab(page, 'tokens');
      // Every text the busy indicator shows, recorded by the page as it changes.
      await page.evaluate(() => {
        window.busyTexts = [];
        const busy = document.querySelector('#busy');
        new MutationObserver(() => window.busyTexts.push(busy.textContent)).observe(busy, { childList: true, characterData: true, subtree: true });
      });
      const exchange = expectExchange(page, () => page.click('#login-token'));
      // The page's own thread answers while the worker hashes.
      assert.equal(await page.evaluate(() => document.body.dataset.ready), 'true');
      assert.equal(await exchange, 200);
      await page.waitForSelector('#busy:empty', { state: 'attached' });
      const texts = await page.evaluate(() => window.busyTexts);
      assert.ok(texts.some((t) => t.includes('Argon2')), `the page never said it was hashing: ${JSON.stringify(texts)}`);
    },
  },
  {
    name: 'accessibility: no serious or critical axe violations on the main views',
    bypassCSP: true,  // to inject axe-core
    async run({ context, url, artifacts }) {
      const page = await openLab(context, url);
      const audit = async (view) => {
        await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const { violations } = await page.evaluate(() => window.axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
        }));
        const bad = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        assert.deepEqual(bad.map((v) => `${view}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`), []);
      };
      await choosePreset(page, 'POST', '/api/books/');
      await send(page);
      await page.waitForSelector('#suggestions li, #whynot p');
      await audit('request');
      await showTab(page, 'tokens');
      await expectExchange(page, () => page.click('#login-jwt'));
      await page.waitForSelector('#jwt-access-expiry');
      await audit('tokens');
      await showTab(page, 'compare');
      await page.click('#run-compare');
      await page.waitForSelector('#compare-table');
      await audit('side by side');
      await showTab(page, 'admin');
      await page.click('#admin-users');
      await audit('admin users');
      await page.locator('#user-list').getByRole('button', { name: 'carol', exact: true }).click();
      await page.waitForSelector('#user-form');
      await page.screenshot({ path: join(artifacts, 'admin-user.png'), fullPage: true });
      await audit('admin user form');
      await page.click('#admin-policies');
      await audit('admin policies');
      await showTab(page, 'matrix');
      await page.waitForSelector('#matrix-table table');
      await audit('matrix');
    },
  },
];
