// Presenter mode on a projector: after a 401, a 403 and a 200 step of the shipped lessons, at
// 1920×1080, 1366×768 and 1280×720, what the class must read is on the screen with nothing
// over it (each element's box, and what is at its centre), nothing overflows its box, no word
// is broken across lines, no text is under 20 px at 1920×1080, the page does not scroll.
// Screenshots go to build/presenter/. And the keys: Space and → move on and never resend,
// ← goes back, R asks first, T brings back the folded tools.
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { expectExchange, openLab, showTab } from './helpers.mjs';
import { sendGuessing } from './lessons.tests.mjs';

const sizes = [[1920, 1080], [1366, 768], [1280, 720]];

// What the class reads after a step, by selector; the refusing step only after a refusal.
const mustRead = (refused) => [
  '#lesson-counter', '#lesson-step-title', '#lesson-text', '#lesson-verdict', '#lesson-next', '#lesson-show',
  '#path', '#send', '#response-status', '#response .request-summary', '#response-gist', '#decision-outcome',
  '#decision-outcome .outcome-sentence', '.seq-lane', ...(refused ? ['.seq-note.stop'] : []),
];

async function openPresenter(context, url, id, [width, height]) {
  const page = await context.newPage();
  await page.setViewportSize({ width, height });
  await page.goto(`${url}?lesson=${id}&presenter`);
  await page.waitForSelector(`body[data-ready="true"][data-presenter="true"][data-lesson="${id}"][data-lesson-step="1"]`);
  return page;
}

// "Show me" on steps `from` to `to` (1-based), moving on to each; the last one's status.
async function showMe(page, from, to) {
  let status = null;
  for (let step = from; step <= to; step += 1) {
    if (await page.evaluate(() => Number(document.body.dataset.lessonStep)) < step) await page.click('#lesson-next');
    await page.waitForSelector(`body[data-lesson-step="${step}"]`);
    status = await sendGuessing(page, 401, '#lesson-show');
    await page.waitForSelector('#lesson-next:not([disabled])');
  }
  return status;
}

// Every problem the class would see, in words; [] when the screen is right.
function screenProblems({ selectors, minimumFont }) {
  const problems = [];
  const width = innerWidth;
  const height = innerHeight;
  const visible = (node) => {
    const r = node.getBoundingClientRect();
    const style = getComputedStyle(node);
    return r.width > 1 && r.height > 1 && style.visibility !== 'hidden' && style.display !== 'none';
  };
  const name = (node) => `${node.tagName.toLowerCase()}${node.id ? `#${node.id}` : ''}.${[...node.classList].join('.')} "${node.textContent.trim().slice(0, 40)}"`;
  for (const selector of selectors) {
    const nodes = [...document.querySelectorAll(selector)];
    if (!nodes.length) problems.push(`${selector}: missing`);
    for (const node of nodes) {
      const r = node.getBoundingClientRect();
      if (!visible(node)) { problems.push(`${selector}: not shown`); continue; }
      if (r.left < 0 || r.top < 0 || r.right > width + 0.5 || r.bottom > height + 0.5) {
        problems.push(`${selector}: off the screen (${Math.round(r.left)},${Math.round(r.top)})–(${Math.round(r.right)},${Math.round(r.bottom)})`);
        continue;
      }
      const hit = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      if (!hit || !(node === hit || node.contains(hit))) problems.push(`${selector}: covered by ${hit ? name(hit) : 'nothing'}`);
    }
  }
  const roots = [...document.querySelectorAll('#lesson-panel, #view-request .panel, #decision-outcome, #decision .seq')].filter(visible);
  for (const root of roots) {
    for (const node of [root, ...root.querySelectorAll('*')]) {
      if (!visible(node) || node.closest('.visually-hidden, svg')) continue;
      const style = getComputedStyle(node);
      // A box narrower than what is in it; a box that clips or scrolls what it holds.
      if (style.display !== 'inline' && node.scrollWidth > node.clientWidth + 1) {
        problems.push(`${name(node)}: its content is ${node.scrollWidth - node.clientWidth} px wider than it`);
      }
      if (style.display !== 'inline' && style.overflowY !== 'visible' && node.scrollHeight > node.clientHeight + 1) {
        problems.push(`${name(node)}: ${node.scrollHeight - node.clientHeight} px of its content is cut off or scrolled`);
      }
      const r = node.getBoundingClientRect();
      if (r.right > width + 0.5 || r.left < -0.5) problems.push(`${name(node)}: sideways off the screen`);
      for (const text of node.childNodes) {
        if (text.nodeType !== Node.TEXT_NODE || !text.data.trim()) continue;
        if (minimumFont && parseFloat(style.fontSize) < minimumFont - 0.05) problems.push(`${name(node)}: ${style.fontSize} text`);
        // A word on two lines is broken mid-word.
        for (const word of text.data.matchAll(/\S+/g)) {
          const range = document.createRange();
          range.setStart(text, word.index);
          range.setEnd(text, word.index + word[0].length);
          const tops = new Set([...range.getClientRects()].filter((b) => b.width > 0).map((b) => Math.round(b.top)));
          if (tops.size > 1) problems.push(`${name(node)}: "${word[0]}" is broken across lines`);
        }
      }
    }
  }
  const page = document.scrollingElement;
  if (page.scrollHeight > height + 1 || page.scrollWidth > width + 1) problems.push(`the page scrolls: ${page.scrollWidth}×${page.scrollHeight}`);
  return problems;
}

async function checkScreen(page, { artifacts, label, refused, size: [width] }) {
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: join(artifacts, `${label}.png`) });
  const problems = await page.evaluate(screenProblems, { selectors: mustRead(refused), minimumFont: width === 1920 ? 20 : 0 });
  assert.deepEqual(problems, [], `${label}: ${problems.length} problems`);
}

const screenshots = (root) => {
  const dir = join(root, 'build', 'presenter');
  mkdirSync(dir, { recursive: true });
  return dir;
};

// A lesson of the teacher's: anyone may add a book, then the list shows how many there are.
const addThenList = {
  format: 'authlab.lesson', version: 1, id: 'add-then-list', title: 'One book, once', concepts: [],
  setup: { world: 'default', policies: { books: { permissions: ['AllowAny'] } } },
  steps: [
    { title: 'Add a book', text: 'Send it.', request: { method: 'POST', path: '/api/books/',
      json: { title: 'Emma', author: 'Jane Austen', price: '4.50', inventory: 2 } }, expect: { status: 201 } },
    { title: 'List the books', text: 'Send it.', request: { method: 'GET', path: '/api/books/' }, expect: { status: 200 } },
  ],
};

const booksListed = async (page) => JSON.parse(await page.locator('#response-body').textContent()).length;

export const tests = [
  {
    name: 'presenter: a long decision (the object check) keeps its refusing step in view when the screen changes size',
    async run({ context, url }) {
      const page = await openLab(context, `${url}?lesson=object-level&presenter`);
      await page.waitForSelector('body[data-ready="true"][data-lesson="object-level"]');
      // Up to "Carol tries again" with Show me (step 6 is the admin change), each guess right.
      const statuses = [200, 201, 200, 200, 200, null, 403];
      for (const [index, status] of statuses.entries()) {
        if (status === null) await page.click('#lesson-show');
        else await sendGuessing(page, status, '#lesson-show');
        await page.waitForSelector('#lesson-verdict[data-met="true"]');
        if (index + 1 < statuses.length) {
          await page.click('#lesson-next');
          await page.waitForSelector(`body[data-lesson-step="${index + 2}"]`);
        }
      }
      // Shown at a large size, then the screen shrinks (a projector, or full screen ends).
      for (const [width, height] of [[1280, 720], [1366, 768]]) {
        await page.setViewportSize({ width, height });
        await page.waitForFunction(() => {
          const list = document.querySelector('#decision .seq-steps');
          const stop = list?.querySelector('.seq-note.stop');
          if (!list || !stop) return false;
          const outer = list.getBoundingClientRect();
          const inner = stop.getBoundingClientRect();
          return list.scrollHeight > list.clientHeight && inner.top >= outer.top && inner.bottom <= outer.bottom;
        }, null, { timeout: 5000 });
      }
    },
  },
  ...sizes.map((size) => ({
    name: `presenter: a 401, a 403 and a 200 step are read whole on one ${size.join('×')} screen, nothing covered, overflowing or broken`,
    async run({ context, url, root }) {
      const artifacts = screenshots(root);
      const at = size.join('x');
      let page = await openPresenter(context, url, 'the-401s', size);
      assert.equal(await showMe(page, 1, 1), 401);
      await checkScreen(page, { artifacts, label: `presenter-401-${at}`, refused: true, size });
      await page.click('#lesson-leave');  // else the next link asks before replacing this lesson
      await page.waitForFunction(() => document.body.dataset.lesson === undefined);
      await page.close();

      page = await openPresenter(context, url, 'roles-and-403', size);
      assert.equal(await showMe(page, 1, 2), 200);
      await checkScreen(page, { artifacts, label: `presenter-200-${at}`, refused: false, size });
      assert.equal(await showMe(page, 3, 3), 403);
      await checkScreen(page, { artifacts, label: `presenter-403-${at}`, refused: true, size });
      await page.close();
    },
  })),
  {
    name: 'presenter: the desk page at 1366×768 keeps its three panels (a screenshot to look at)',
    async run({ context, url, root }) {
      const page = await context.newPage();
      await page.setViewportSize({ width: 1366, height: 768 });
      await page.goto(`${url}?lesson=roles-and-403`);
      await page.waitForSelector('body[data-ready="true"][data-presenter="false"][data-lesson="roles-and-403"]');
      assert.equal(await showMe(page, 1, 3), 403);
      await page.screenshot({ path: join(screenshots(root), 'desk-403-1366x768.png') });
      // The desk page shows the whole body and headers, not the presenter's summary.
      assert.ok(await page.locator('#response-body').isVisible());
      assert.ok(!(await page.locator('#response-gist').isVisible()));
      assert.ok(await page.locator('#tab-admin').isVisible());
      assert.ok(await page.locator('#body').isVisible());
    },
  },
  {
    name: 'presenter: → on an unmet step says "Not yet" where the class looks, and stays',
    async run({ context, url }) {
      const page = await openPresenter(context, url, 'roles-and-403', [1366, 768]);
      await page.keyboard.press('ArrowRight');
      await page.waitForSelector('#lesson-verdict[data-nudged="true"]');
      assert.match(await page.locator('#lesson-verdict').textContent(), /^Not yet: send the request first/);
      assert.equal(await page.evaluate(() => document.body.dataset.lessonStep), '1');
    },
  },
  {
    name: 'presenter: Space after Send moves on and never sends again',
    async run({ context, url }) {
      const page = await openLab(context, url);
      await page.setViewportSize({ width: 1366, height: 768 });
      await showTab(page, 'request');
      await page.evaluate(() => { for (const d of document.querySelectorAll('#lessons, .teacher-lesson')) d.open = true; });
      await page.fill('#lesson-paste', JSON.stringify(addThenList));
      await page.click('#lesson-paste-load');
      await page.waitForSelector('body[data-lesson="add-then-list"][data-lesson-step="1"]');
      await page.click('#lesson-presenter');
      await page.waitForSelector('body[data-presenter="true"]');
      // Send by click: the focus stays on Send. Space then moves on; it does not press Send.
      assert.equal(await expectExchange(page, () => page.click('#send')), 201);
      await page.waitForSelector('#lesson-next:not([disabled])');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'send');
      await page.keyboard.press(' ');
      await page.waitForSelector('body[data-lesson-step="2"]');
      assert.equal(await expectExchange(page, () => page.click('#lesson-show')), 200);
      assert.equal(await booksListed(page), 4, 'the default world has 3 books and one was added: Space sent the POST again');
      // Space after Show me: moves on (to the end), sends nothing.
      await page.waitForSelector('#lesson-next:not([disabled])');
      await page.keyboard.press(' ');
      await page.waitForSelector('#lesson-end:not([hidden])');
      await page.keyboard.press('ArrowLeft');
      await page.waitForSelector('#lesson-step:not([hidden])');
      assert.equal(await page.evaluate(() => document.body.dataset.lessonStep), '2');
    },
  },
  {
    name: 'presenter: R asks before restarting (Escape keeps the step, R twice restarts); T brings the folded tools back',
    async run({ context, url }) {
      const page = await openPresenter(context, url, 'roles-and-403', [1366, 768]);
      assert.equal(await showMe(page, 1, 2), 200);
      await page.click('#lesson-next');
      await page.waitForSelector('body[data-lesson-step="3"]');
      await page.evaluate(() => document.activeElement?.blur());
      await page.keyboard.press('r');
      await page.waitForSelector('#lesson-confirm:not([hidden])');
      assert.equal(await page.evaluate(() => document.body.dataset.lessonStep), '3', 'R restarted without asking');
      await page.keyboard.press('Escape');
      await page.waitForSelector('#lesson-confirm', { state: 'hidden' });
      assert.equal(await page.evaluate(() => document.body.dataset.lessonStep), '3');
      await page.keyboard.press('r');
      await page.waitForSelector('#lesson-confirm:not([hidden])');
      await page.keyboard.press('r');
      await page.waitForSelector('body[data-lesson-step="1"]');
      assert.ok(await page.locator('#lesson-next').isDisabled(), 'a restarted lesson starts unmet');
      // The tools: folded, then back on T, folded again on T.
      assert.ok(!(await page.locator('#tab-admin').isVisible()));
      assert.ok(!(await page.locator('#body').isVisible()));
      await page.keyboard.press('t');
      await page.locator('#tab-admin').waitFor();
      assert.ok(await page.locator('#body').isVisible());
      assert.ok(await page.locator('#share').isVisible());
      await page.keyboard.press('t');
      await page.locator('#tab-admin').waitFor({ state: 'hidden' });
    },
  },
];
