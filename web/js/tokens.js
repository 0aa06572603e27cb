// The token flow: log in with each mechanism and see what comes back; what the client then
// holds (a DRF token, a JWT pair decoded by the core, a session in the cookie jar); the
// virtual clock and its buttons; refresh and log out. Every step is a real request to the core.
import { announce } from './announce.js';
import { statusBadge } from './badges.js';
import { basicHeader, cookieHeader } from './credentials.js';
import { el, pretty, replace } from './dom.js';
import { formatDuration, formatTime, parseDuration } from './time.js';

const clockSteps = [[60, '+1 min', 'clock-1m'], [300, '+5 min', 'clock-5m'], [86400, '+1 day', 'clock-1d']];
const logLength = 6;

export class TokenFlow {
  constructor(loginRoot, heldRoot, lab, requestConsole, showTab) {
    this.lab = lab;
    this.console = requestConsole;
    this.showTab = showTab;
    this.log = [];
    this.inspections = {};
    this.buildLogin(loginRoot);
    this.heldRoot = heldRoot;
    lab.addEventListener('change', () => this.refreshHeld());
    // The virtual clock runs with real time: while shown, the clock and the JWTs' time left
    // are updated every second (in place, so focus and open details stay as they are).
    setInterval(() => { if (!heldRoot.closest('[hidden]')) this.tick(); }, 1000);
  }

  get held() {
    return this.lab.notes.held;
  }

  buildLogin(root) {
    this.username = el('input', { id: 'login-user', type: 'text', value: 'carol', list: 'known-users', autocomplete: 'off',
      spellcheck: 'false', onchange: () => this.fillPassword() });
    this.password = el('input', { id: 'login-password', type: 'text', autocomplete: 'off', spellcheck: 'false' });
    this.knownUsers = el('datalist', { id: 'known-users' });
    this.logList = el('ol', { class: 'exchange-log', id: 'login-log', 'aria-label': 'What came back' });
    const button = (id, text, action) => el('button', { type: 'button', id, onclick: () => this.run(action) }, text);
    root.append(
      el('div', { class: 'request-line' },
        el('div', { class: 'field' }, el('label', { for: 'login-user' }, 'Username'), this.username, this.knownUsers),
        el('div', { class: 'field' }, el('label', { for: 'login-password' }, 'Password'), this.password)),
      el('p', { class: 'hint' }, 'The password is filled in when the page knows it; change it to see a failed login.'),
      el('div', { class: 'login-buttons' },
        button('login-token', 'Log in for a DRF token', () => this.loginToken()),
        button('login-jwt', 'Get a JWT pair', () => this.loginJwt()),
        button('login-session', 'Log in with a session', () => this.loginSession()),
        button('login-basic', 'Basic: no login', () => this.basic())),
      el('h3', {}, 'What came back'),
      this.logList);
    this.fillPassword();
    this.lab.addEventListener('change', () => {
      replace(this.knownUsers, (this.lab.snapshot?.users ?? []).map((u) => el('option', { value: u.username })));
    });
  }

  fillPassword() {
    const known = this.lab.passwordFor(this.username.value.trim());
    this.password.value = known ?? '';
  }

  async run(action) {
    try {
      await action();
    } catch (error) {
      this.record(null, error.message);
      announce(error.message);
    }
  }

  record(exchange, text) {
    const entry = exchange
      ? el('li', {}, el('code', {}, `${exchange.request.method} ${exchange.request.path}`), ' → ',
        statusBadge(exchange.response.status),
        el('pre', { class: 'body small', tabindex: '0', 'aria-label': 'Response body' }, exchange.response.json !== null ? pretty(exchange.response.json)
          : exchange.response.cookies.map((c) => `Set-Cookie: ${c.header}`).join('\n') || '(no JSON body)'))
      : el('li', { class: 'note-line' }, text);
    this.log.unshift(entry);
    this.log.length = Math.min(this.log.length, logLength);
    replace(this.logList, this.log);
  }

  credentials() {
    return { username: this.username.value.trim(), password: this.password.value };
  }

  // A login request carries no cookies: an active session would make SessionAuthentication
  // enforce CSRF even on the login views.
  async post(path, body, headers = {}) {
    const exchange = await this.lab.send({ method: 'POST', path, headers: { 'Content-Type': 'application/json', Cookie: '', ...headers },
      body: JSON.stringify(body) }, 'login');
    this.record(exchange);
    return exchange;
  }

  async loginToken() {
    const { username, password } = this.credentials();
    const { response } = await this.post('/auth/token/login/', { username, password });
    if (response.status === 200) {
      this.held.token = { username, key: response.json.auth_token };
      await this.lab.refresh();
      announce(`Logged in as ${username}: the client now holds a DRF token.`);
    }
  }

  async loginJwt() {
    const { username, password } = this.credentials();
    const { response } = await this.post('/api/token/', { username, password });
    if (response.status === 200) {
      this.held.jwt = { username, access: response.json.access, refresh: response.json.refresh };
      await this.lab.refresh();
      announce(`Logged in as ${username}: the client now holds a JWT access token (5 minutes) and a refresh token (1 day).`);
    }
  }

  // Django's login form: GET it for the csrftoken cookie, POST it back with the token.
  async loginSession() {
    const { username, password } = this.credentials();
    const jarHeader = async () => cookieHeader(await this.lab.core.cookies(), true);
    const page = await this.lab.send({ method: 'GET', path: '/api-auth/login/', headers: { Cookie: await jarHeader() } }, 'login');
    this.record(page);
    const csrf = (await this.lab.core.cookies()).csrftoken ?? '';
    const form = new URLSearchParams({ username, password, csrfmiddlewaretoken: csrf }).toString();
    const exchange = await this.lab.send({ method: 'POST', path: '/api-auth/login/',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: await jarHeader() }, body: form }, 'login');
    this.record(exchange);
    if (exchange.response.cookies.some((c) => c.name === 'sessionid' && c.value)) {
      this.held.session = { username };
      await this.lab.refresh();
      announce(`Logged in as ${username}: the browser holds a sessionid cookie.`);
    }
  }

  basic() {
    const { username, password } = this.credentials();
    this.held.basic = { username, header: basicHeader(username, password) };
    this.record(null, `Basic has no login: every request carries ${username}'s password, base64-encoded (not encrypted).`);
    this.lab.refresh();
  }

  async logoutToken() {
    const exchange = await this.post('/auth/token/logout/', {}, { Authorization: `Token ${this.held.token.key}` });
    if (exchange.response.status === 204) {
      delete this.held.token;
      await this.lab.refresh();
      announce('Logged out: the server deleted the token, so a copy of it no longer works.');
    }
  }

  async refreshJwt() {
    const { response } = await this.post('/api/token/refresh/', { refresh: this.held.jwt.refresh });
    if (response.status === 200) {
      this.held.jwt.access = response.json.access;
      await this.lab.refresh();
      announce('A new access token; the refresh token stays the same.');
    }
  }

  async forget(kind, message) {
    delete this.held[kind];
    if (kind === 'session') await this.lab.core.clearCookies();
    await this.lab.refresh();
    announce(message);
  }

  useInConsole(header) {
    this.console.update({ mechanism: 'none', sendJar: false, header: ['Authorization', header] });
    this.showTab('request');
    announce(`The console will send Authorization: ${header.split(' ')[0]} …`);
  }

  async inspect() {
    const jwt = this.held.jwt;
    this.inspections = jwt ? { access: await this.lab.core.inspectJwt(jwt.access), refresh: await this.lab.core.inspectJwt(jwt.refresh) } : {};
  }

  async refreshHeld() {
    try {
      await this.inspect();
      this.renderHeld();
    } catch (error) {
      replace(this.heldRoot, el('p', { class: 'field-error' }, error.message));
    }
  }

  async tick() {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.heldRoot.querySelector('#virtual-now');
      if (now) now.textContent = formatTime(this.lab.virtualNow());
      if (!this.held.jwt) return;
      await this.inspect();
      for (const kind of ['access', 'refresh']) {
        const line = this.heldRoot.querySelector(`#jwt-${kind}-expiry`);
        if (line && this.inspections[kind]) line.replaceWith(this.expiryLine(kind));
      }
    } finally {
      this.ticking = false;
    }
  }

  renderHeld() {
    const { token, jwt, session, basic } = this.held;
    const button = (id, text, action) => el('button', { type: 'button', id, onclick: () => this.run(action) }, text);
    replace(this.heldRoot,
      el('div', { class: 'clock-box' },
        el('p', {}, 'Virtual clock: ', el('strong', { id: 'virtual-now' }, formatTime(this.lab.virtualNow()))),
        el('div', { class: 'actions', role: 'group', 'aria-label': 'Move the virtual clock' },
          clockSteps.map(([seconds, label, id]) => el('button', { type: 'button', id, 'aria-label': `Move the clock ${label}`,
            onclick: () => this.run(() => this.lab.advance(seconds, label)) }, label))),
        this.typedClock()),
      el('section', { class: 'held', 'aria-labelledby': 'held-token' },
        el('h3', { id: 'held-token' }, 'DRF token'),
        token ? [
          el('p', {}, `${token.username}: `, el('code', { id: 'held-token-key' }, token.key)),
          el('div', { class: 'actions' },
            button('use-token', 'Use in the console', () => this.useInConsole(`Token ${token.key}`)),
            button('logout-token', 'Log out (POST /auth/token/logout/)', () => this.logoutToken())),
        ] : el('p', { class: 'hint' }, 'None yet. A DRF token never expires; it lives in the server\'s token table until logout.')),
      el('section', { class: 'held', 'aria-labelledby': 'held-jwt' },
        el('h3', { id: 'held-jwt' }, 'JWT pair'),
        jwt ? [
          el('p', {}, `${jwt.username}'s access token:`),
          this.jwtView('access', jwt.access),
          el('p', {}, 'Refresh token:'),
          this.jwtView('refresh', jwt.refresh),
          el('div', { class: 'actions' },
            button('use-jwt', 'Use the access token in the console', () => this.useInConsole(`Bearer ${jwt.access}`)),
            button('refresh-jwt', 'Refresh (POST /api/token/refresh/)', () => this.refreshJwt()),
            button('logout-jwt', 'Log out (forget both)', () => this.forget('jwt',
              'The client forgot its JWTs. The server never stored them: a copy keeps working until it expires.'))),
        ] : el('p', { class: 'hint' }, 'None yet. An access token lives 5 minutes on the virtual clock, a refresh token 1 day.')),
      el('section', { class: 'held', 'aria-labelledby': 'held-session' },
        el('h3', { id: 'held-session' }, 'Session'),
        session ? [
          el('p', {}, `${session.username} is logged in: the browser sends the sessionid cookie with every request.`),
          el('div', { class: 'actions' },
            button('logout-session', 'Clear the browser\'s cookies', () => this.forget('session',
              'The browser forgot its cookies; the server keeps the session until it expires.'))),
        ] : el('p', { class: 'hint' }, 'None yet. A session lives in the server\'s session store; the browser holds only its key.')),
      basic ? el('section', { class: 'held', 'aria-labelledby': 'held-basic' },
        el('h3', { id: 'held-basic' }, 'Basic'),
        el('p', {}, el('code', {}, basic.header)),
        el('div', { class: 'actions' }, button('use-basic', 'Use in the console', () => this.useInConsole(basic.header)))) : null);
  }

  // The clock moved by a typed amount ("2 weeks"), not 15 clicks.
  typedClock() {
    const amount = el('input', { type: 'text', id: 'clock-amount', autocomplete: 'off', spellcheck: 'false', placeholder: '2 weeks, 90 min, 1 d 12 h' });
    const error = el('p', { class: 'field-error', id: 'clock-amount-error', role: 'alert' });
    const move = (event) => {
      event.preventDefault();
      const { seconds, error: problem } = parseDuration(amount.value);
      error.textContent = problem ?? '';
      if (problem) return amount.focus();
      return this.run(() => this.lab.advance(seconds, `by ${formatDuration(seconds)}`));
    };
    return el('form', { class: 'clock-typed request-line', onsubmit: move },
      el('div', { class: 'field' }, el('label', { for: 'clock-amount' }, 'Move the clock by'), amount),
      el('button', { type: 'submit', id: 'clock-move' }, 'Move'), error);
  }

  // "expires in 4 min 59 s on the virtual clock · signature valid", from the core's inspection.
  expiryLine(kind) {
    const info = this.inspections[kind];
    const expired = typeof info.expires_in === 'number' && info.expires_in <= 0;
    const expiry = typeof info.expires_in !== 'number' ? 'no expiry claim'
      : expired ? `EXPIRED ${formatDuration(-info.expires_in)} ago on the virtual clock`
        : `expires in ${formatDuration(info.expires_in)} on the virtual clock`;
    return el('p', { class: `jwt-expiry ${expired ? 'expired' : 'live'}`, id: `jwt-${kind}-expiry` },
      el('span', { class: 'expiry-symbol', 'aria-hidden': 'true' }, expired ? '✗' : '✓'), ' ', el('strong', {}, expiry),
      ` · signature ${info.signature}`, info.problem ? ` · ${info.problem}` : '');
  }

  jwtView(kind, token) {
    const info = this.inspections[kind];
    if (!info) return el('p', {}, el('code', { class: 'token' }, token));
    return el('div', { class: 'jwt' },
      this.expiryLine(kind),
      el('details', {},
        el('summary', {}, 'Decoded'),
        el('div', { class: 'jwt-parts' },
          el('div', {}, el('h4', {}, 'Header'), el('pre', { class: 'body small', tabindex: '0', 'aria-label': `${kind} token header` }, pretty(info.header))),
          el('div', {}, el('h4', {}, 'Payload'), el('pre', { class: 'body small', tabindex: '0', 'aria-label': `${kind} token payload` }, pretty(info.payload)))),
        el('p', {}, el('code', { class: 'token' }, token))));
  }
}
