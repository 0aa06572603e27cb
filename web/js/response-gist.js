// The answer in a few short lines, for a projector: the body's `detail` (and simplejwt's
// `code`) when it has one, else its first keys or items, long values cut with "…" so no line
// is wider than the card. The response panel shows the whole body; this only summarises it.
const longest = 44;

const cut = (text, size = longest) => (text.length > size ? `${text.slice(0, size - 1)}…` : text);
const shortJson = (value) => cut(JSON.stringify(value) ?? String(value));

// [label, text] pairs: label null for a line of its own.
export function responseGist(response) {
  const json = response.json;
  if (json === null || json === undefined) {
    if (response.body === '') return [[null, '(empty body)']];
    const lines = response.body.split('\n').map((line) => line.trim()).filter(Boolean);
    const gist = lines.slice(0, 3).map((line) => [null, cut(line, 60)]);
    if (lines.length > 3) gist.push([null, `… ${lines.length - 3} more lines`]);
    return gist;
  }
  if (Array.isArray(json)) {
    const gist = [[null, json.length === 1 ? 'A list of 1 item' : `A list of ${json.length} items`]];
    if (json.length) gist.push(['first', shortJson(json[0])]);
    return gist;
  }
  if (typeof json !== 'object') return [[null, shortJson(json)]];
  if (typeof json.detail === 'string') {
    const gist = [['detail', cut(json.detail, 120)]];
    if (typeof json.code === 'string') gist.push(['code', cut(json.code)]);
    return gist;
  }
  const keys = Object.keys(json);
  const gist = keys.slice(0, 4).map((key) => [cut(key, 20), shortJson(json[key])]);
  if (keys.length > 4) gist.push([null, `… ${keys.length - 4} more keys`]);
  if (!keys.length) gist.push([null, '{} (an empty object)']);
  return gist;
}
