// A lesson's text fields in their tiny markup — `code`, **bold** (which may hold `code`), and
// line breaks — as DOM nodes. Never HTML: anything else, a <b> included, stays the characters
// it is.
import { el } from './dom.js';

const bold = /(\*\*[^*\n]+\*\*)/;
const code = /(`[^`\n]+`)/;

function withCode(text) {
  return text.split(code).filter((part) => part !== '')
    .map((part) => (code.test(part) && part.startsWith('`') && part.endsWith('`') ? el('code', {}, part.slice(1, -1)) : part));
}

// `${name}` in a lesson's text, as the learner's own earlier answer gave it (`${order}` → 4);
// a name not captured yet stays as written.
export function withCaptures(text, captures = {}) {
  return String(text).replace(/\$\{([^}]+)\}/g, (whole, name) => {
    if (!Object.hasOwn(captures, name)) return whole;
    const value = captures[name];
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

export function renderMarkup(text) {
  const nodes = [];
  String(text).split('\n').forEach((line, index) => {
    if (index > 0) nodes.push(el('br'));
    for (const part of line.split(bold)) {
      if (part === '') continue;
      if (part.startsWith('**') && part.endsWith('**') && part.length > 4) nodes.push(el('strong', {}, withCode(part.slice(2, -2))));
      else nodes.push(...withCode(part));
    }
  });
  return nodes;
}
