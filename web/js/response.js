// The response panel: the status (number, words, shape), the request as it went out, the
// headers (WWW-Authenticate and Set-Cookie picked out), the body, and "copy as curl".
import { announce } from './announce.js';
import { reasonPhrase, statusBadge, statusMeaning } from './badges.js';
import { el, pretty, replace } from './dom.js';
import { asCurl } from './curl.js';
import { responseGist } from './response-gist.js';

const highlighted = new Set(['www-authenticate', 'set-cookie']);

function headerTable(caption, headers) {
  const rows = headers.map(([name, value]) =>
    el('tr', { class: highlighted.has(name.toLowerCase()) ? 'highlight' : null },
      el('th', { scope: 'row' }, name), el('td', {}, el('code', {}, value))));
  return el('table', { class: 'headers-table' }, el('caption', {}, caption), el('tbody', {}, rows));
}

function sentHeaders(request) {
  return Object.entries(request.headers).filter(([name, value]) => !(name.toLowerCase() === 'cookie' && value === ''));
}

// Set-Cookie lines come from the cookies list (a response may set several).
function receivedHeaders(response) {
  return [...Object.entries(response.headers), ...response.cookies.map((c) => ['Set-Cookie', c.header])];
}

function bodyText(response) {
  if (response.json !== null && response.json !== undefined) return pretty(response.json);
  return response.body === '' ? '(empty body)' : response.body;
}

export function renderResponse(root, { request, response, trace }) {
  const challenge = Object.entries(response.headers).find(([name]) => name.toLowerCase() === 'www-authenticate');
  const curl = asCurl(request);
  const copyStatus = el('span', { class: 'copy-status', role: 'status' });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(curl);
      copyStatus.textContent = 'Copied.';
    } catch {
      copyStatus.textContent = 'Select the command below and copy it.';
    }
  };
  replace(root,
    el('div', { class: 'status-line', id: 'response-status', dataset: { status: String(response.status) } },
      statusBadge(response.status),
      el('span', { class: 'status-meaning' }, statusMeaning(response.status, trace?.outcome?.kind))),
    challenge ? el('p', { class: 'challenge' }, 'The server asks for credentials with ', el('code', {}, `WWW-Authenticate: ${challenge[1]}`)) : null,
    el('p', { class: 'request-summary' }, 'Sent ', el('code', {}, `${request.method} ${request.path}`)),
    // The body in short, for presenter mode (style.css shows it there instead of the whole body).
    el('ul', { class: 'response-gist', id: 'response-gist', 'aria-label': 'The body in short' },
      responseGist(response).map(([label, text]) => el('li', {}, label ? el('span', { class: 'gist-key' }, `${label}: `) : null,
        label === 'detail' ? el('q', {}, text) : el('code', {}, text)))),
    el('details', { class: 'sent' }, el('summary', {}, 'Request headers as sent'),
      sentHeaders(request).length ? headerTable('Request headers', sentHeaders(request)) : el('p', {}, 'No headers.'),
      request.body !== undefined ? el('pre', { class: 'body' }, request.body) : null),
    headerTable(`Response headers (${response.status} ${reasonPhrase(response.status)})`, receivedHeaders(response)),
    el('h3', {}, 'Body'),
    el('pre', { class: 'body', id: 'response-body', tabindex: '0', 'aria-label': 'Response body' }, bodyText(response)),
    el('details', { class: 'curl' },
      el('summary', {}, 'Copy as curl'),
      el('div', { class: 'actions' }, el('button', { type: 'button', onclick: copy }, 'Copy the command'), copyStatus),
      el('pre', { class: 'body', tabindex: '0', 'aria-label': 'The request as a curl command' }, curl)));
  announce(`${response.status} ${reasonPhrase(response.status)}. ${trace?.outcome?.sentence ?? ''}`);
}
