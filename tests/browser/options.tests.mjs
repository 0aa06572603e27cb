// The browser test of OPTIONS: the preset asks the books list what may be sent; DRF's
// SimpleMetadata offers POST's fields only to a user who may add books.
import assert from 'node:assert/strict';

import { choosePreset, loginWithToken, openLab, responseJson, send } from './helpers.mjs';

export const tests = [
  {
    name: 'OPTIONS on the books list describes POST to an editor and not to a customer',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await loginWithToken(page, 'eddie');
      await page.click('#use-token');
      await choosePreset(page, 'OPTIONS', '/api/books/');
      assert.equal(await send(page), 200);
      const editor = await responseJson(page);
      assert.equal(editor.name, 'Book List');
      assert.deepEqual(Object.keys(editor.actions.POST), ['id', 'title', 'author', 'price', 'inventory']);
      assert.equal(editor.actions.POST.title.max_length, 255);

      await loginWithToken(page, 'carol');
      await page.click('#use-token');
      await choosePreset(page, 'OPTIONS', '/api/books/');
      assert.equal(await send(page), 200);
      assert.equal((await responseJson(page)).actions, undefined);
    },
  },
];
