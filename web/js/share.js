// A world in a URL fragment (#world=…): its JSON, deflated and base64url-coded, so a link
// carries a whole classroom setup. The fragment never reaches a server. A link is untrusted:
// it is inflated only up to the size of a world the core accepts, so a small link cannot
// unpack into gigabytes.
const prefix = '#world=';
export const maxWorldBytes = 4 * 1024 * 1024;  // the core's max_world_json_bytes
const maxLinkChars = 4 * 1024 * 1024;  // a deflated world is smaller than the world itself
const maxLinkTextBytes = maxWorldBytes + 1024 * 1024;  // a lab link adds a lesson (≤ 256 KiB) and notes

// What is wrong with a link, in the learner's words.
export class ShareLinkError extends Error {}

async function pipe(bytes, transform) {
  const stream = new Blob([bytes]).stream().pipeThrough(transform);
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

// Inflates chunk by chunk and stops at `limit` bytes.
async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    let chunk;
    try {
      chunk = await reader.read();
    } catch {
      throw new ShareLinkError('The link\'s world is damaged (it was cut short?); the lab kept its own world.');
    }
    if (chunk.done) break;
    total += chunk.value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw new ShareLinkError(`The link's world unpacks to more than ${limit / (1024 * 1024)} MiB, more than the lab `
        + 'loads; it was not opened and the lab kept its own world.');
    }
    chunks.push(chunk.value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
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

// The world text in the current URL's fragment, or null; throws a ShareLinkError when the
// fragment is damaged or too large.
export async function worldFromUrl() {
  if (!location.hash.startsWith(prefix)) return null;
  return unpackText(location.hash.slice(prefix.length), maxWorldBytes);
}

export function clearUrlWorld() {
  history.replaceState(null, '', location.pathname + location.search);
}

// Any text packed the same way (lab-link.js carries more than the world: passwords, a lesson).
export async function packText(text) {
  return toBase64Url(await pipe(new TextEncoder().encode(text), new CompressionStream('deflate-raw')));
}

// Untrusted: bounded before and while it is inflated (a lab link holds a world and a lesson at
// most); throws a ShareLinkError in the learner's words.
export async function unpackText(coded, limit = maxLinkTextBytes) {
  if (coded.length > maxLinkChars) {
    throw new ShareLinkError(`The link is longer than ${maxLinkChars / (1024 * 1024)} MiB of text, more than any world `
      + 'the lab loads; it was not opened and the lab kept its own world.');
  }
  let packed;
  try {
    packed = fromBase64Url(coded);
  } catch {
    throw new ShareLinkError('The link\'s world is damaged (it was cut short?); the lab kept its own world.');
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(await inflate(packed, limit));
  } catch (error) {
    if (error instanceof ShareLinkError) throw error;
    throw new ShareLinkError('The link\'s world is damaged (it is not UTF-8 text); the lab kept its own world.');
  }
}
