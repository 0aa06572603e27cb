// Shared by the Node.js tests of the WebAssembly build: where the module and the native CLI
// are, and how to run things. A missing build fails the test with the way to build it.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { openAuthLabForNode } from '../../wasm/authlab-api.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const wasmDir = process.env.AUTHLAB_WASM_DIR || join(root, 'build', 'wasm', 'wasm');
export const runScenarioScript = join(root, 'tools', 'run-scenario.mjs');

let lab;
export async function authlab() {
  lab ??= await openAuthLabForNode(wasmDir);
  return lab;
}

export function nativeCli() {
  const path = process.env.AUTHLAB_NATIVE_CLI || join(root, 'build', 'native', 'tools', 'authlab');
  if (!existsSync(path)) {
    throw new Error(`the native CLI is missing at ${path}: build it with ` +
                    '`cmake --preset native && cmake --build --preset native`');
  }
  return path;
}

// { status, stdout, stderr } of a finished process (stdout as a Buffer when `raw`).
export function run(command, args, { raw = false, input } = {}) {
  const result = spawnSync(command, args, { encoding: raw ? 'buffer' : 'utf8', input, maxBuffer: 1 << 30 });
  if (result.error) throw result.error;
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
