// Both runners print the same bytes for the same scenario files: tools/authlab run (native)
// and tools/run-scenario.mjs (WebAssembly), with and without --json, with the same exit code.
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
for (const mode of [['--json'], []]) {
  const label = mode.length ? '--json' : 'table';
  const before = failures;
  const native = run(nativeCli(), ['run', ...mode, ...files], { raw: true });
  const wasm = run(process.execPath, [runScenarioScript, ...mode, ...files], { raw: true });
  for (const [what, a, b] of [['stdout', native.stdout, wasm.stdout], ['stderr', native.stderr, wasm.stderr]]) {
    if (Buffer.compare(a, b) !== 0) {
      ++failures;
      console.error(`FAIL ${label} ${what} differs at ${firstDifference(a.toString('utf8'), b.toString('utf8'))}`);
    }
  }
  if (native.status !== wasm.status) {
    ++failures;
    console.error(`FAIL ${label}: exit status native ${native.status}, wasm ${wasm.status}`);
  }
  const lines = native.stdout.toString('utf8').split('\n').filter(Boolean).length;
  console.log(`${label}: ${files.length} files, ${lines} output lines, exit ${native.status}: ` +
              (failures > before ? 'DIFFERENT' : 'identical bytes'));
}
process.exit(failures ? 1 : 0);
