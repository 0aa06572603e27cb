// A lesson's text fields in their tiny markup — `code`, **bold**, and line breaks — as DOM
// nodes. Never HTML: anything else, a <b> included, stays the characters it is.
import { el } from './dom.js';

const token = /(`[^`\n]+`|\*\*[^*\n]+\*\*)/;

export function renderMarkup(text) {
  const nodes = [];
  String(text).split('\n').forEach((line, index) => {
    if (index > 0) nodes.push(el('br'));
    for (const part of line.split(token)) {
      if (part === '') continue;
      if (part.startsWith('`') && part.endsWith('`') && part.length > 2) nodes.push(el('code', {}, part.slice(1, -1)));
      else if (part.startsWith('**') && part.endsWith('**') && part.length > 4) nodes.push(el('strong', {}, part.slice(2, -2)));
      else nodes.push(part);
    }
  });
  return nodes;
}
