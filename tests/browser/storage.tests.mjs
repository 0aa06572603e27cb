// Saving that cannot fail silently: the browser's storage refuses every write (IndexedDB's put
// throws QuotaExceededError in the core's worker, as a full disk makes it; Chromium's quota
// override is not enforced for a test's in-memory profile), a user is registered with a
// password, and the page must say so at once, keep the user in memory, offer the world
// as a download and save it once storage has room again, notes (the password) and world
// together. And a world an older page saved in localStorage is still loaded, then moved.
import assert from 'node:assert/strict';

import { openLab, showTab } from './helpers.mjs';

async function addUser(page, username, password) {
  await showTab(page, 'admin');
  await page.click('#admin-users');
  await page.click('#user-add');
  await page.fill('#user-username', username);
  await page.fill('#user-password', password);
  await page.click('#user-save');
  await page.locator('#admin-message', { hasText: username }).waitFor();
}

async function userListed(page, username) {
  await showTab(page, 'admin');
  await page.click('#admin-users');
  await page.fill('#user-list-filter', username);
  return page.locator('#user-list').getByRole('button', { name: username, exact: true });
}

async function downloaded(page, selector) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const chunks = [];
  for await (const chunk of await download.createReadStream()) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

export const tests = [
  {
    name: 'storage full: the page says so at once, keeps the world in memory, offers it as a download, and saves it with its notes once there is room',
    async run({ context, url }) {
      const page = await openLab(context, url);
      const worker = page.workers().find((w) => w.url().endsWith('/worker.js'));
      await worker.evaluate(() => {
        self.roomyPut = IDBObjectStore.prototype.put;
        IDBObjectStore.prototype.put = function put() {
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        };
      });

      await addUser(page, 'zoe', 'zoe-pass-1');
      const message = page.locator('#save-message');
      await message.filter({ hasText: 'refused to save' }).waitFor();
      assert.match(await message.getAttribute('role'), /alert/);
      await (await userListed(page, 'zoe')).waitFor();  // still there, from memory
      const world = JSON.parse(await downloaded(page, '#save-download'));
      assert.ok(world.users.some((u) => u.username === 'zoe'), 'the download holds the unsaved user');

      // Room again: the worker's next try saves world and notes together.
      await worker.evaluate(() => { IDBObjectStore.prototype.put = self.roomyPut; });
      await message.filter({ hasText: 'saved in this browser again' }).waitFor({ timeout: 20_000 });
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await (await userListed(page, 'zoe')).click();
      assert.match(await page.locator('#user-form').textContent(), /remembers it as “zoe-pass-1”/);
      assert.ok(await page.locator('#save-message').isHidden(), 'nothing to warn about after a good save');
    },
  },
  {
    name: 'a world an older page saved in localStorage is loaded, then kept by the worker and removed from localStorage',
    async run({ context, url }) {
      const page = await openLab(context, url);
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export')]);
      const chunks = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk);
      const world = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      world.groups.push({ id: world.next_ids.group, name: 'FromOldPage', permissions: [] });
      world.next_ids.group += 1;
      await page.evaluate((text) => {
        localStorage.setItem('authlab.world.v1', text);
        localStorage.setItem('authlab.notes.v1', JSON.stringify({ passwords: { carol: 'carol-old-note' } }));
      }, JSON.stringify(world));
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'FromOldPage', exact: true }).waitFor();
      await page.waitForFunction(() => localStorage.getItem('authlab.world.v1') === null);
      assert.equal(await page.evaluate(() => localStorage.getItem('authlab.notes.v1')), null);
      // And it stays after the next reload, from IndexedDB, with its notes.
      await page.reload();
      await page.waitForSelector('body[data-ready="true"]');
      await showTab(page, 'admin');
      await page.click('#admin-groups');
      await page.locator('#group-list').getByRole('button', { name: 'FromOldPage', exact: true }).waitFor();
      await page.click('#admin-users');
      await page.locator('#user-list').getByRole('button', { name: 'carol', exact: true }).click();
      assert.match(await page.locator('#user-form').textContent(), /remembers it as “carol-old-note”/);
    },
  },
];
