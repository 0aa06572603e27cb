// Building the page's elements. Everything a world or a response holds is untrusted, so text
// only ever goes in as text nodes: there is no innerHTML anywhere in the page.

// el('button', {class: 'x', onclick: f, 'aria-label': 'y'}, 'text', child, …)
export function el(tag, attributes = {}, ...children) {
  return build(document.createElement(tag), attributes, children);
}

const svgNs = 'http://www.w3.org/2000/svg';
export function svg(tag, attributes = {}, ...children) {
  return build(document.createElementNS(svgNs, tag), attributes, children);
}

function build(node, attributes, children) {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) {
      if (typeof value !== 'function') throw new TypeError(`${name} must be a function`);  // never inline script
      node.addEventListener(name.slice(2), value);
    }
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (name === 'value' || name === 'checked' || name === 'selected') node[name] = value;
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Replaces a node's content, keeping focus on the element with the same id if it had it.
export function replace(node, ...children) {
  const focusedId = node.contains(document.activeElement) ? document.activeElement.id : '';
  node.replaceChildren();
  append(node, children);
  if (focusedId) document.getElementById(focusedId)?.focus();
  return node;
}

export const byId = (id) => document.getElementById(id);

// A <select> with [value, label] options; `selected` picks one.
export function options(select, entries, selected) {
  replace(select, entries.map(([value, label]) => el('option', { value, selected: value === selected }, label)));
  return select;
}

let uniqueCount = 0;
export const uniqueId = (prefix) => `${prefix}-${++uniqueCount}`;

// Pretty JSON for display (still inserted as text).
export const pretty = (value) => JSON.stringify(value, null, 2);
