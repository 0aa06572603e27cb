#!/usr/bin/env node
// node tools/run-scenario.mjs [--json] FILE...: scenario files through the WebAssembly build.
// The core does all the work (core/scenario/runner.hpp), exactly as for `tools/authlab run`:
// this reads the files, prints what the core returns and exits with its code.
// The module comes from build/wasm/wasm/ (or $AUTHLAB_WASM_DIR).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openAuthLabForNode } from '../wasm/authlab-api.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The exact bytes go in (base64), so a file that is not UTF-8 fails as it does natively.
function readScenario(name) {
  try {
    return { name, base64: readFileSync(name).toString('base64') };
  } catch (error) {
    return { name, error: error.code || 'EIO' };
  }
}

async function main(args) {
  const json = args[0] === '--json';
  const names = json ? args.slice(1) : args;
  if (names.length === 0) {
    process.stderr.write('usage: node tools/run-scenario.mjs [--json] FILE...\n');
    return 2;
  }
  const lab = await openAuthLabForNode(process.env.AUTHLAB_WASM_DIR || join(root, 'build', 'wasm', 'wasm'));
  const result = lab.runScenarios(names.map(readScenario), json);
  process.stdout.write(result.output);
  process.stderr.write(result.errors);
  return result.exitCode;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`run-scenario: ${error.message}\n`);
  process.exitCode = 2;
}
