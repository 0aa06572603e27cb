// WebAssembly measurements (Node.js) for tools/bench/run, one JSON object per line (see bench.cpp):
//   argon2        the core's Argon2id at Django 3.2's cost
//   request       the request mix of request_mix.json, per request
//   open_default  core('default'): the world the page opens with
//   import_10k    importWorld of 10,000 users, 100 groups and 1,000 books
//   matrix_10k    the outcome matrix of that world; matrix_group_change: a group saved, then the
//                 matrix; refresh_10k: what the page reads after every change (web/js/lab.js's
//                 refresh: snapshot, exportWorld, exportCookies) (all three left out with --no-scale)
// --request-only measures the request mix alone (tools/bench/run's further rounds).
import { readFileSync } from 'node:fs';

import { openAuthLabForNode } from '../../wasm/authlab-api.mjs';
import { largeWorld } from './large-world.mjs';

const dir = process.env.AUTHLAB_WASM_DIR ?? new URL('../../build/wasm/wasm', import.meta.url).pathname;
const lab = await openAuthLabForNode(dir);
const mix = JSON.parse(readFileSync(new URL('request_mix.json', import.meta.url), 'utf8'));

function medianSeconds(runs, work) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}
const report = (line) => console.log(JSON.stringify(line));
const requestOnly = process.argv.includes('--request-only');

const core = lab.core('default');
if (!requestOnly) {
  report({ measure: 'open_default', seconds: medianSeconds(5, () => lab.core('default').delete()) });
  report({ measure: 'argon2', seconds: medianSeconds(3, () => core.hashPassword('carol-pass-1')) });
}

const { header } = core.issueCredentials('carol', 'token');
const requests = mix.map(({ method, path, auth, json }) => ({
  method, path, headers: auth ? { Authorization: header, Cookie: '' } : { Cookie: '' }, ...(json ? { json } : {}),
}));
for (const [i, request] of requests.entries()) {
  const { status } = core.handle(request).response;
  if (status !== mix[i].status) throw new Error(`${mix[i].method} ${mix[i].path} answered ${status}, not ${mix[i].status}`);
}
const rounds = 50;
const perRequest = medianSeconds(5, () => {
  for (let i = 0; i < rounds; i++) for (const request of requests) core.handle(request);
}) / (rounds * requests.length);
report({ measure: 'request', seconds: perRequest });
core.delete();
if (requestOnly) process.exit(0);

const scaled = lab.core('empty');
const big = largeWorld(lab.core('default').exportWorld(), 10000, 100, 1000);
report({ measure: 'import_10k', seconds: medianSeconds(3, () => {
  const answer = scaled.importWorld(big);
  if (answer.error) throw new Error(`the 10,000-user world was refused: ${answer.error}`);
}) });
// The matrix over 10,000 users takes about half a second: --no-scale leaves it out.
if (!process.argv.includes('--no-scale')) {
  const timed = (work) => { const start = process.hrtime.bigint(); work(); return Number(process.hrtime.bigint() - start) / 1e9; };
  report({ measure: 'matrix_10k', seconds: timed(() => scaled.matrix('token')) });
  report({ measure: 'matrix_group_change', seconds: timed(() => {
    scaled.admin({ op: 'save_group', name: 'group-1', permissions: ['bookshop.view_book', 'bookshop.add_book'] });
    scaled.matrix('token');
  }) });
  report({ measure: 'refresh_10k', seconds: medianSeconds(3, () => {
    scaled.snapshot();
    scaled.exportWorld();
    scaled.exportCookies();
  }) });
  const window = JSON.stringify({ user_limit: 100, list_limit: 100 });
  report({ measure: 'view_10k', seconds: medianSeconds(5, () => scaled.native.snapshotWindow(window)) });
  let round = 0;
  report({ measure: 'save_10k', seconds: medianSeconds(3, () => {
    scaled.admin({ op: 'save_group', name: 'group-1', permissions: round++ % 2 ? ['bookshop.view_book'] : [] });
    if (!scaled.native.exportWorldIfChanged()) throw new Error('a changed world was not written out');
  }) });
  report({ measure: 'save_unchanged_10k', seconds: medianSeconds(5, () => {
    scaled.handle({ method: 'GET', path: '/api/books/1/', headers: { Cookie: '' } });
    if (scaled.native.exportWorldIfChanged()) throw new Error('an unchanged world was written out again');
  }) });
}
scaled.delete();
