// Serves the page: web/ at /, the WebAssembly core (build/wasm/wasm/) at /core/, on 127.0.0.1;
// with --static, the bundled page of `tools/build static` (build/static/) instead.
// Usage: node tools/serve.mjs [--static] [PORT]   (the next free port is taken if PORT is busy)
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(fileURLToPath(import.meta.url), '../..');
const args = process.argv.slice(2);
const bundled = args.includes('--static');
const mounts = bundled ? [['/', join(root, 'build/static')]] : [
  ['/core/', process.env.AUTHLAB_WASM_DIR ?? join(root, 'build/wasm/wasm')],
  ['/', join(root, 'web')],
];
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.wasm': 'application/wasm', '.json': 'application/json',
  '.svg': 'image/svg+xml', '.png': 'image/png',
};

// Maps a URL path to a file inside one mount, refusing anything that escapes it.
function fileFor(urlPath) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  for (const [prefix, dir] of mounts) {
    if (!path.startsWith(prefix)) continue;
    const file = normalize(join(dir, path.slice(prefix.length) || 'index.html'));
    return file === dir || file.startsWith(dir + sep) ? file : null;
  }
  return null;
}

const server = createServer(async (req, res) => {
  let file = null;
  try { file = fileFor(req.url); } catch { /* a malformed %-escape */ }
  if (!file || (req.method !== 'GET' && req.method !== 'HEAD')) {
    res.writeHead(file ? 405 : 404).end();
    return;
  }
  try {
    const body = await readFile(file);
    // A validator, so a browser with the file cached revalidates it (304) instead of fetching it.
    const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' }).end();
      return;
    }
    res.writeHead(200, {
      ETag: etag,
      'Content-Type': types[extname(file)] ?? 'application/octet-stream',
      'Cache-Control': 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } catch {
    res.writeHead(404).end();
  }
});

function listen(port, triesLeft) {
  server.once('error', (error) => {
    if (error.code === 'EADDRINUSE' && triesLeft > 0) listen(port + 1, triesLeft - 1);
    else throw error;
  });
  server.listen(port, '127.0.0.1', () => console.log(`AuthLab is at http://127.0.0.1:${port}/`));
}

listen(Number(args.find((arg) => arg !== '--static') ?? 8000), 20);
