// A world at scale: 10,000 users, 100 groups, 999 books, imported as a file. The matrix shows
// every user with only the rows in view in the DOM, scrolls to the last user, and the admin's
// lists page and filter (the core pages and filters the users: the page holds one page). The
// page answers at that scale: a request, an admin change and a clock move, each shown.
import assert from 'node:assert/strict';

import { choosePreset, exportedWorld, expectExchange, openLab, responseJson, showTab } from './helpers.mjs';
import { largeWorld } from '../../tools/bench/large-world.mjs';

const scaleTimeout = 600_000;  // the matrix of 10,000 users is computed in the worker first

export const tests = [
  {
    name: 'a world of 10,000 users imports, the matrix holds only the rows in view and scrolls to the last user, the admin filters',
    async run({ context, url }) {
      // A browser of its own: the default world, whatever earlier tests saved in theirs.
      const own = await context.browser().newContext();
      const page = await openLab(own, url);
      page.setDefaultTimeout(scaleTimeout);
      // 999 books: the POST below makes the 1,000th, the world file's most, and the next one is refused.
      const big = largeWorld(await exportedWorld(page), 10000, 100, 999);
      await page.setInputFiles('#import', { name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(big) });

      await showTab(page, 'matrix');
      await page.locator('#matrix-table table[aria-rowcount="10002"]').waitFor();  // header, anonymous, 10,000 users
      const rows = await page.locator('#matrix-table tbody tr:not(.matrix-spacer)').count();
      assert.ok(rows > 0 && rows < 500, `the DOM holds ${rows} matrix rows for 10,001`);
      assert.ok(await page.locator('#matrix-table th', { hasText: /^user1$/ }).count(), 'the first user is drawn');
      // userN is in group-(1 + (N - 1) % 100), which holds the first 1 + (N - 1) % 100 % 4 of
      // view_book, add_book, …: from two on, add_book lets the POST through.
      const post = (n) => page.locator(`#matrix-table td[data-user="user${n}"][data-endpoint="POST /api/books/"]`).getAttribute('data-status');
      const mayAdd = (n) => (((n - 1) % 100) % 4 >= 1 ? '201' : '403');
      assert.equal(await post(1), '403');
      assert.equal(await post(2), mayAdd(2));

      await page.locator('#matrix-table').evaluate((node) => { node.scrollTop = node.scrollHeight; });
      await page.locator('#matrix-table th', { hasText: /^user10000$/ }).waitFor();
      assert.equal(await post(10000), mayAdd(10000));  // group-100: view, add, change, view_order
      assert.equal(await post(9997), mayAdd(9997));  // group-97: view only
      const after = await page.locator('#matrix-table tbody tr:not(.matrix-spacer)').count();
      assert.ok(after < 500, `after scrolling the DOM holds ${after} matrix rows`);
      assert.equal(await page.locator('#matrix-table th', { hasText: /^user1$/ }).count(), 0, 'the first rows left the DOM');
      const index = await page.locator('#matrix-table tr:has(th:text-is("user10000"))').getAttribute('aria-rowindex');
      assert.equal(index, '10002', 'screen readers hear the row\'s place among all rows');

      await showTab(page, 'admin');
      await page.click('#admin-users');
      await page.locator('#user-list tbody tr').nth(49).waitFor();  // the page comes from the worker
      assert.equal(await page.locator('#user-list tbody tr').count(), 50, 'the users list shows a page of 50');
      await page.fill('#user-list-filter', 'user9876');
      await page.locator('#user-list').getByRole('button', { name: 'user9876', exact: true }).waitFor();
      assert.equal(await page.locator('#user-list tbody tr').count(), 1);
      assert.match(await page.locator('#user-list-status').textContent(), /1 of 1 matching/);
      await page.fill('#user-list-filter', '');
      await page.click('#user-list-next');
      await page.locator('#user-list').getByRole('button', { name: 'user51', exact: true }).waitFor();
      await page.locator('#user-list').getByRole('button', { name: 'user100', exact: true }).waitFor();
      assert.match(await page.locator('#user-list-status').textContent(), /Users 51–100 of 10000 · page 2 of 200/);
      await page.fill('#user-list-filter', 'USER999');  // the core's filter: any case
      await page.locator('#user-list').getByRole('button', { name: 'user9999', exact: true }).waitFor();
      assert.match(await page.locator('#user-list-status').textContent(), /of 11 matching/);  // user999, user9990–user9999
      await page.click('#admin-groups');
      await page.fill('#group-list-filter', 'group-77');
      await page.locator('#group-list').getByRole('button', { name: 'group-77', exact: true }).waitFor();
      assert.equal(await page.locator('#group-list tbody tr').count(), 1);
      // group-77 has user77, user177, …, user9977: its first members and how many in all.
      const members = await page.locator('#group-list tbody tr td').first().textContent();
      assert.match(members, /^user77, user177, /);
      assert.match(members, /, user1977 and 80 more \(100 in all\)$/);

      // An admin change: group-77 (view_book only) may now add books, and user77 is let through.
      await page.locator('#group-list').getByRole('button', { name: 'group-77', exact: true }).click();
      await page.selectOption('#group-perms-available', 'bookshop.add_book');
      await page.click('#group-perms-add');
      await page.click('#group-save');
      await page.locator('#admin-message', { hasText: 'group-77' }).waitFor();
      await choosePreset(page, 'POST', '/api/books/');
      await page.selectOption('#send-mechanism', 'token');
      await page.selectOption('#send-user', 'user77');
      assert.equal(await expectExchange(page, () => page.click('#send')), 201);
      // A 1,001st book would not fit the world file: the simulator undoes it and says it is its own limit.
      assert.equal(await expectExchange(page, () => page.click('#send')), 507);
      assert.match(await page.locator('#decision-outcome').textContent(), /limit of AuthLab's simulator, not Django's/);
      await choosePreset(page, 'GET', '/api/books/1/');
      assert.equal(await expectExchange(page, () => page.click('#send')), 200);
      assert.equal((await responseJson(page)).title, 'Book 1');
      // A clock move: the header's clock shows the new day.
      const before = await page.locator('#header-clock').textContent();
      await showTab(page, 'tokens');
      await page.click('#clock-1d');
      await page.waitForFunction((was) => document.querySelector('#header-clock').textContent !== was, before);
      // The console's users: the first of the world, not 10,000 options.
      await showTab(page, 'request');
      const options = await page.locator('#send-user option').count();
      assert.ok(options > 0 && options <= 101, `the console lists ${options} users`);
      await own.close();
    },
  },
];
