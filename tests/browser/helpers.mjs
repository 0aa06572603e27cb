// What the browser tests do to the page, in a learner's terms: open the lab, pick a preset,
// send, log in, open a tab, read a matrix cell. Every wait is for a condition on the page.
import assert from 'node:assert/strict';
import { deflateRawSync } from 'node:zlib';

export const timeout = 30_000;

export async function openLab(context, url) {
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  await page.goto(url);
  await page.waitForSelector('body[data-ready="true"]');
  return page;
}

// Clicks Share and returns the link once the page has made it (compressing the world is asynchronous).
export async function shareLink(page) {
  await page.evaluate(() => { const field = document.querySelector('#share-url'); if (field) field.value = ''; });
  await page.click('#share');
  await page.waitForFunction(() => document.querySelector('#share-url').value !== '');
  return page.locator('#share-url').inputValue();
}

// The world as the page's Export button downloads it.
export async function exportedWorld(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

export async function showTab(page, name) {
  await page.click(`#tab-${name}`);
  await page.waitForSelector(`#view-${name}:not([hidden])`);
}

// Runs `action`, then waits for the response panel to show the answer it caused.
export async function expectExchange(page, action) {
  await page.evaluate(() => {
    const status = document.querySelector('#response-status');
    if (status) status.dataset.stale = 'true';
  });
  await action();
  const status = page.locator('#response-status:not([data-stale])');
  await status.waitFor({ state: 'attached' });  // its tab may be hidden
  return Number(await status.getAttribute('data-status'));
}

export async function choosePreset(page, method, path) {
  await showTab(page, 'request');
  const value = await page.$eval('#preset', (select, wanted) =>
    [...select.options].find((o) => o.textContent.startsWith(`${wanted} —`))?.value, `${method} ${path}`);
  assert.ok(value, `no preset for ${method} ${path}`);
  await page.selectOption('#preset', value);
  await page.waitForFunction(([m, p]) => document.querySelector('#method').value === m && document.querySelector('#path').value === p,
    [method, path]);
}

export async function send(page) {
  await showTab(page, 'request');
  return expectExchange(page, () => page.click('#send'));
}

export async function responseJson(page) {
  return JSON.parse(await page.locator('#response-body').textContent());
}

// The status the matrix shows for a user and "METHOD path", once the matrix has one.
export async function matrixCell(page, user, endpoint) {
  const cell = page.locator(`#matrix-table td[data-user="${user}"][data-endpoint="${endpoint}"]`);
  await cell.waitFor();
  return { status: Number(await cell.getAttribute('data-status')), changed: (await cell.getAttribute('class')).includes('changed'), cell };
}

export async function loginWithToken(page, username) {
  await showTab(page, 'tokens');
  await page.fill('#login-user', username);
  await page.dispatchEvent('#login-user', 'change');
  await expectExchange(page, () => page.click('#login-token'));
  await page.waitForSelector('#held-token-key');
  return page.locator('#held-token-key').textContent();
}

// The default world with hostile text in every name a page shows (JSON text).
export function hostileWorld(world, payload) {
  const hostile = structuredClone(world);
  hostile.users.push({ id: hostile.next_ids.user, username: payload, email: 'x@example.com', password: '!', is_active: true,
    is_staff: false, is_superuser: false, groups: ['Customer'], permissions: [] });
  hostile.next_ids.user += 1;
  hostile.groups.push({ id: hostile.next_ids.group, name: `${payload}-group`, permissions: [] });
  hostile.next_ids.group += 1;
  hostile.books.push({ id: hostile.next_ids.book, title: payload, author: payload, price: '1.00', inventory: 1 });
  hostile.next_ids.book += 1;
  return JSON.stringify(hostile);
}

// The fragment the page's "Share as link" makes: deflate-raw, base64url.
export function worldFragment(worldText) {
  return `#world=${deflateRawSync(Buffer.from(worldText)).toString('base64url')}`;
}

// Nothing from the world ran: no element from the payload, no flag set by it.
export async function assertInert(page, payload, { exact = true } = {}) {
  assert.equal(await page.locator('img').count(), 0, 'an <img> from the payload exists');
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'the payload ran');
  assert.ok(await page.getByText(payload, { exact }).filter({ visible: true }).count() > 0, 'the payload is not shown as text');
}
