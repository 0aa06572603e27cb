// WebAssembly measurements for tools/bench/run, one JSON object per line (see bench.cpp).
import { openAuthLabForNode } from '../../wasm/authlab-api.mjs';

const dir = process.env.AUTHLAB_WASM_DIR ?? new URL('../../build/wasm/wasm', import.meta.url).pathname;
const lab = await openAuthLabForNode(dir);
const core = lab.core('default');

function medianSeconds(runs, work) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    work();
    times.push(Number(process.hrtime.bigint() - start) / 1e9);
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)];
}

console.log(JSON.stringify({ measure: 'argon2', seconds: medianSeconds(5, () => core.hashPassword('carol-pass-1')) }));

const { header } = core.issueCredentials('carol', 'token');
const request = { method: 'GET', path: '/api/books/', headers: { Authorization: header, Cookie: '' } };
const batch = 200;
const perRequest = medianSeconds(5, () => { for (let i = 0; i < batch; i++) core.handle(request); }) / batch;
console.log(JSON.stringify({ measure: 'request', seconds: perRequest }));
core.delete();
