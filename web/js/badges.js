// How an answer's status is shown everywhere (response, diagram, side by side, matrix): a
// number, words and a shape, so 401 and 403 differ without relying on colour.
//   401 — a question mark in a circle: "who are you?" (dashed outline)
//   403 — a no-entry sign: "we know who you are: no" (hatched)
//   2xx/3xx — a tick; other errors — a warning triangle.
import { el, svg } from './dom.js';

const reasons = {
  200: 'OK', 201: 'Created', 204: 'No Content', 301: 'Moved Permanently', 302: 'Found',
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 415: 'Unsupported Media Type', 429: 'Too Many Requests',
  500: 'Internal Server Error',
};
export const reasonPhrase = (status) => reasons[status] ?? '';

// The kind of a status for styling: 'ok', 'unauthenticated' (401), 'forbidden' (403),
// 'throttled' (429), 'error'.
export function statusKind(status) {
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 429) return 'throttled';
  return status < 400 ? 'ok' : 'error';
}

// One short line saying what the status means for identity.
export function statusMeaning(status, outcomeKind) {
  if (status === 401) return 'Not authenticated: the API does not know who you are.';
  if (status === 403 && (outcomeKind === 'not_authenticated' || outcomeKind === 'authentication_failed')) {
    return 'Forbidden, though the problem is authentication: the view\'s first authenticator has no WWW-Authenticate challenge, so DRF answers 403, not 401.';
  }
  if (status === 403) return 'Forbidden: the API knows who you are (or that you are anonymous) and says no.';
  if (status === 429) return 'Too many requests: allowed, but not this often; Retry-After says how long to wait.';
  if (status < 300) return 'Let through.';
  return '';
}

export function statusIcon(status) {
  const kind = statusKind(status);
  const icon = svg('svg', { class: `status-icon icon-${kind}`, viewBox: '0 0 24 24', 'aria-hidden': 'true', focusable: 'false' });
  if (kind === 'unauthenticated') {
    icon.append(svg('circle', { cx: 12, cy: 12, r: 10, class: 'icon-ring', 'stroke-dasharray': '4 2.5' }),
                svg('text', { x: 12, y: 17, 'text-anchor': 'middle', class: 'icon-glyph' }, '?'));
  } else if (kind === 'forbidden') {
    icon.append(svg('circle', { cx: 12, cy: 12, r: 10, class: 'icon-fill' }),
                svg('rect', { x: 5, y: 10, width: 14, height: 4, class: 'icon-bar' }));
  } else if (kind === 'ok') {
    icon.append(svg('circle', { cx: 12, cy: 12, r: 10, class: 'icon-ring' }),
                svg('path', { d: 'M7 12.5l3.2 3.2L17 9', class: 'icon-stroke' }));
  } else {
    icon.append(svg('path', { d: 'M12 2.5L22 20.5H2z', class: 'icon-ring' }),
                svg('text', { x: 12, y: 18.5, 'text-anchor': 'middle', class: 'icon-glyph' }, '!'));
  }
  return icon;
}

// <span class="badge badge-forbidden">[icon] 403 Forbidden</span>
export function statusBadge(status, { compact = false } = {}) {
  return el('span', { class: `badge badge-${statusKind(status)}` },
    statusIcon(status), el('strong', {}, String(status)), compact ? null : ` ${reasonPhrase(status)}`);
}
