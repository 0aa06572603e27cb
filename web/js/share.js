// A world in a URL fragment (#world=…): its JSON, deflated and base64url-coded, so a link
// carries a whole classroom setup. The fragment never reaches a server.
const prefix = '#world=';

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

function toBase64Url(bytes) {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const binary = atob(text.replaceAll('-', '+').replaceAll('_', '/'));
  return Uint8Array.from(binary, (c) => c.charCodeAt(0));
}

export async function shareUrl(worldText) {
  const packed = await pipe(new TextEncoder().encode(worldText), new CompressionStream('deflate-raw'));
  const url = new URL(location.href);
  url.hash = prefix.slice(1) + toBase64Url(packed);
  return url.href;
}

// The world text in the current URL's fragment, or null; throws when the fragment is damaged.
export async function worldFromUrl() {
  if (!location.hash.startsWith(prefix)) return null;
  const packed = fromBase64Url(location.hash.slice(prefix.length));
  return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(packed, new DecompressionStream('deflate-raw')));
}

export function clearUrlWorld() {
  history.replaceState(null, '', location.pathname + location.search);
}

// Any text packed the same way (lab-link.js carries more than the world: passwords, a lesson).
export async function packText(text) {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

export async function unpackText(packed) {
  return new TextDecoder('utf-8', { fatal: true }).decode(await pipe(fromBase64Url(packed), new DecompressionStream('deflate-raw')));
}
