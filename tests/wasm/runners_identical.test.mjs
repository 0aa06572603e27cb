// Both runners print the same table for the same scenario files, byte for byte: tools/authlab
// run (native) and tools/run-scenario.mjs (WebAssembly), with the same exit code. Their --json
// bytes are compared by conformance.reference_vs_core, which runs both with --json anyway.
//   node tests/wasm/runners_identical.test.mjs FILE...
import { nativeCli, run, runScenarioScript } from './helpers.mjs';

function firstDifference(a, b) {
  const x = a.split('\n');
  const y = b.split('\n');
  for (let i = 0; i < Math.max(x.length, y.length); ++i) {
    if (x[i] !== y[i]) {
      const cut = (s) => (s === undefined ? '(no line)' : s.length > 400 ? `${s.slice(0, 400)}…` : s);
      return `line ${i + 1}:\n  native: ${cut(x[i])}\n  wasm:   ${cut(y[i])}`;
    }
  }
  return 'no difference';
}

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node runners_identical.test.mjs FILE...');
  process.exit(2);
}
let failures = 0;
const native = run(nativeCli(), ['run', ...files], { raw: true });
const wasm = run(process.execPath, [runScenarioScript, ...files], { raw: true });
for (const [what, a, b] of [['stdout', native.stdout, wasm.stdout], ['stderr', native.stderr, wasm.stderr]]) {
  if (Buffer.compare(a, b) !== 0) {
    ++failures;
    console.error(`FAIL ${what} differs at ${firstDifference(a.toString('utf8'), b.toString('utf8'))}`);
  }
}
if (native.status !== wasm.status) {
  ++failures;
  console.error(`FAIL exit status native ${native.status}, wasm ${wasm.status}`);
}
const lines = native.stdout.toString('utf8').split('\n').filter(Boolean).length;
console.log(`table: ${files.length} files, ${lines} output lines, exit ${native.status}: ` +
            (failures ? 'DIFFERENT' : 'identical bytes'));
process.exit(failures ? 1 : 0);
