// Side by side: the cookie jar as the browser holds it, and what the server keeps — its
// session store and DRF's token table — and, for JWTs, nothing at all.
import { el, replace } from './dom.js';
import { formatTime } from './time.js';

const short = (key) => (key.length > 12 ? `${key.slice(0, 10)}…` : key);

function table(id, caption, heads, rows, empty) {
  return el('table', { class: 'store-table', id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, heads.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.length ? rows.map((cells) => el('tr', {}, cells.map((c) => el('td', {}, c))))
      : el('tr', {}, el('td', { colspan: heads.length, class: 'empty' }, empty))));
}

export class Stores {
  constructor(root, lab) {
    this.root = root;
    this.lab = lab;
    lab.addEventListener('change', () => this.render());
  }

  render() {
    const jar = this.lab.snapshot?.jar ?? {};  // read with the view after every change
    const { sessions = [], tokens = [], session_count: sessionCount = 0, token_count: tokenCount = 0 } = this.lab.snapshot ?? {};
    // The view holds the first rows of a long table.
    const of = (shown, count) => (count > shown.length ? ` — the first ${shown.length} of ${count}` : '');
    replace(this.root,
      el('div', { class: 'stores' },
        el('section', { class: 'store browser', 'aria-labelledby': 'jar-title' },
          el('h3', { id: 'jar-title' }, 'The browser'),
          table('cookie-jar', 'Cookie jar', ['Cookie', 'Value'],
            Object.entries(jar).map(([name, value]) => [el('code', {}, name), el('code', { title: value }, short(value))]),
            'No cookies.'),
          el('p', { class: 'hint' }, 'A browser sends these back with every request to the site; tokens live wherever the client app keeps them (see “What the client holds”).')),
        el('section', { class: 'store server', 'aria-labelledby': 'server-title' },
          el('h3', { id: 'server-title' }, 'The server'),
          table('session-store', `Session store (django_session)${of(sessions, sessionCount)}`, ['Session key', 'User', 'Expires'],
            sessions.map((s) => [el('code', { title: s.key }, short(s.key)), s.username ?? '—',
              `${formatTime(s.expires)}${s.expired ? ' (expired)' : ''}`]),
            'No sessions.'),
          table('token-table', `DRF tokens (authtoken_token)${of(tokens, tokenCount)}`, ['Key', 'User', 'Created'],
            tokens.map((t) => [el('code', { title: t.key }, short(t.key)), t.username, formatTime(t.created)]),
            'No tokens.'),
          el('div', { class: 'jwt-store', id: 'jwt-store' },
            el('h4', {}, 'JWTs'),
            el('p', {}, el('strong', {}, 'Nothing stored. '),
              'A JWT carries its own claims (user_id, exp) and an HMAC signature; the server checks the signature with its SECRET_KEY and remembers nothing. So a JWT cannot be revoked before it expires.')))));
  }
}
