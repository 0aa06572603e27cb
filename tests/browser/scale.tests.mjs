// A world at scale: 10,000 users, 100 groups, 1,000 books, imported as a file. The matrix shows
// every user with only the rows in view in the DOM, scrolls to the last user, and the admin's
// lists page and filter.
import assert from 'node:assert/strict';

import { exportedWorld, openLab, showTab } from './helpers.mjs';
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
      const big = largeWorld(await exportedWorld(page), 10000, 100, 1000);
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
      assert.equal(await page.locator('#user-list tbody tr').count(), 50, 'the users list shows a page of 50');
      await page.fill('#user-list-filter', 'user9876');
      await page.locator('#user-list').getByRole('button', { name: 'user9876', exact: true }).waitFor();
      assert.equal(await page.locator('#user-list tbody tr').count(), 1);
      assert.match(await page.locator('#user-list-status').textContent(), /1 of 1 matching/);
      await page.fill('#user-list-filter', '');
      await page.click('#user-list-next');
      await page.locator('#user-list').getByRole('button', { name: 'user51', exact: true }).waitFor();
      await page.click('#admin-groups');
      await page.fill('#group-list-filter', 'group-77');
      await page.locator('#group-list').getByRole('button', { name: 'group-77', exact: true }).waitFor();
      assert.equal(await page.locator('#group-list tbody tr').count(), 1);
      await own.close();
    },
  },
];
