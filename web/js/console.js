// The request console, like an API client: a preset per endpoint, method, path, headers, body,
// and "send as" a user with a mechanism. The request it sends is complete (credentials and
// the Cookie header filled in), so the response panel can show it and copy it as curl.
import { announce } from './announce.js';
import { completeRequest, cookieHeader, credentialsFor, mechanisms, usesJar } from './credentials.js';
import { byId, el, options, replace } from './dom.js';
import { fillPreset, presets } from './presets.js';

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const bodyTypes = [
  ['application/json', 'JSON (application/json)'],
  ['application/x-www-form-urlencoded', 'Form (application/x-www-form-urlencoded)'],
  ['text/plain', 'Text (text/plain)'],
  ['', 'No Content-Type'],
];

const credentialHeaders = ['authorization', 'cookie', 'x-csrftoken'];

const emptyDraft = () => ({
  method: 'GET', path: '/api/books/', headers: [], type: 'application/json', body: '',
  user: 'carol', mechanism: 'none', sendJar: false,
});

export class RequestConsole {
  constructor(root, lab) {
    this.lab = lab;
    this.draft = { ...emptyDraft(), ...(lab.notes.draft ?? {}) };
    this.build(root);
    this.show();
    lab.addEventListener('change', () => this.refreshUsers());
    lab.addEventListener('reset', () => this.load(emptyDraft()));
    lab.addEventListener('switch', () => this.load({ ...emptyDraft(), ...(lab.notes.draft ?? {}) }));
  }

  // Replaces the whole draft (Reset, a lesson's prepared request, a link's).
  load(draft) {
    this.draft = { ...emptyDraft(), ...draft };
    this.show();
    this.read();
  }

  build(root) {
    this.preset = el('select', { id: 'preset', onchange: () => this.applyPreset() });
    this.method = el('select', { id: 'method', onchange: () => this.read() });
    options(this.method, methods.map((m) => [m, m]));
    this.path = el('input', { id: 'path', type: 'text', spellcheck: 'false', autocomplete: 'off', oninput: () => this.read() });
    this.user = el('select', { id: 'send-user', onchange: () => this.read() });
    this.mechanism = el('select', { id: 'send-mechanism', onchange: () => this.mechanismChanged() });
    options(this.mechanism, mechanisms.map((m) => [m.id, m.label]));
    this.sendJar = el('input', { id: 'send-jar', type: 'checkbox', onchange: () => this.read() });
    this.headerRows = el('div', { class: 'header-rows' });
    this.type = el('select', { id: 'body-type', onchange: () => this.read() });
    options(this.type, bodyTypes);
    this.body = el('textarea', { id: 'body', rows: 7, spellcheck: 'false', oninput: () => this.read() });
    this.error = el('p', { class: 'field-error', id: 'console-error', role: 'alert' });
    this.sendButton = el('button', { type: 'submit', class: 'primary', id: 'send' }, 'Send');

    replace(this.preset, el('option', { value: '' }, 'Choose an endpoint…'));
    const groups = new Map();
    presets.forEach((preset, index) => {
      if (!groups.has(preset.group)) groups.set(preset.group, el('optgroup', { label: preset.group }));
      groups.get(preset.group).append(el('option', { value: String(index) }, `${preset.method} ${preset.path} — ${preset.label}`));
    });
    this.preset.append(...groups.values());

    const form = el('form', { class: 'console', onsubmit: (event) => { event.preventDefault(); this.send(); } },
      el('div', { class: 'field' }, el('label', { for: 'preset' }, 'Endpoint preset'), this.preset),
      el('div', { class: 'request-line' },
        el('div', { class: 'field' }, el('label', { for: 'method' }, 'Method'), this.method),
        el('div', { class: 'field grow' }, el('label', { for: 'path' }, 'Path'), this.path)),
      // Send sits by the request line, where it is in view on a laptop screen.
      el('div', { class: 'actions' }, this.sendButton,
        el('button', { type: 'button', id: 'compare-this', onclick: () => this.onCompare?.() }, 'Compare mechanisms')),
      this.error,
      el('fieldset', { class: 'send-as' },
        el('legend', {}, 'Send as'),
        el('div', { class: 'request-line' },
          el('div', { class: 'field' }, el('label', { for: 'send-mechanism' }, 'Mechanism'), this.mechanism),
          el('div', { class: 'field' }, el('label', { for: 'send-user' }, 'User'), this.user)),
        el('div', { class: 'check' }, this.sendJar, el('label', { for: 'send-jar' }, 'Send the browser\'s cookie jar (Cookie header)')),
        el('p', { class: 'hint', id: 'send-as-hint' })),
      el('fieldset', { class: 'headers' },
        el('legend', {}, 'Headers'),
        this.headerRows,
        el('button', { type: 'button', class: 'small', onclick: () => this.addHeader('', '') }, 'Add header')),
      el('div', { class: 'field' }, el('label', { for: 'body-type' }, 'Body type'), this.type),
      el('div', { class: 'field' }, el('label', { for: 'body' }, 'Body'), this.body));
    root.append(form);
  }

  // Puts the draft into the controls.
  show() {
    const d = this.draft;
    this.method.value = methods.includes(d.method) ? d.method : 'GET';
    this.path.value = d.path;
    if (!mechanisms.some((m) => m.id === d.mechanism)) d.mechanism = 'none';
    this.mechanism.value = d.mechanism;
    this.sendJar.checked = d.sendJar;
    if (!bodyTypes.some(([value]) => value === d.type)) d.type = 'application/json';
    this.type.value = d.type;
    this.body.value = d.body;
    replace(this.headerRows);
    d.headers.forEach(([name, value]) => this.addHeader(name, value, false));
    this.refreshUsers();
  }

  refreshUsers() {
    const users = this.lab.snapshot?.users.map((u) => u.username) ?? [];
    // The view holds the first users of a large world; a chosen user beyond them stays chosen.
    const all = users.length >= (this.lab.snapshot?.user_total ?? 0);
    if (!users.includes(this.draft.user) && users.length && all) this.draft.user = users.includes('carol') ? 'carol' : users[0];
    if (!users.includes(this.draft.user) && !all && this.draft.user) users.unshift(this.draft.user);
    options(this.user, users.map((name) => [name, name]), this.draft.user);
    this.user.disabled = this.draft.mechanism === 'none';
    this.describeSendAs();
  }

  describeSendAs() {
    const { mechanism, user } = this.draft;
    const typed = this.typedCredential();
    if (typed && mechanism !== 'none') {
      byId('send-as-hint').textContent = `Sends the ${typed} header typed below, not ${user}'s credentials: a typed ${typed} wins. Remove it to send as ${user}.`;
      return;
    }
    const text = {
      none: 'Adds no credentials: the request carries only what is typed below.',
      token: `Adds Authorization: Token <${user}'s DRF token>, issued by the core as djoser's login would.`,
      bearer: `Adds Authorization: Bearer <a fresh JWT access token for ${user}>.`,
      session: `Logs ${user} in (sessionid and csrftoken go into the cookie jar) and adds X-CSRFToken, as a browser app does.`,
      basic: `Adds Authorization: Basic base64(${user}:password), with the password the page knows.`,
    }[mechanism];
    byId('send-as-hint').textContent = text ?? '';
  }

  // The typed header that would replace what "Send as" adds, if any (Authorization for the
  // header mechanisms, X-CSRFToken for session).
  typedCredential() {
    const adds = { token: 'authorization', bearer: 'authorization', basic: 'authorization', session: 'x-csrftoken' }[this.draft.mechanism];
    const typed = this.draft.headers.find(([name]) => name.trim().toLowerCase() === adds);
    return typed ? typed[0].trim() : null;
  }

  mechanismChanged() {
    this.read();
    this.draft.sendJar = usesJar(this.draft.mechanism);
    this.sendJar.checked = this.draft.sendJar;
    this.refreshUsers();
  }

  addHeader(name, value, focus = true) {
    const row = el('div', { class: 'header-row' });
    const index = this.headerRows.children.length + 1;
    const nameInput = el('input', { type: 'text', value: name, 'aria-label': `Header ${index} name`, spellcheck: 'false', oninput: () => this.read() });
    const valueInput = el('input', { type: 'text', value, 'aria-label': `Header ${index} value`, spellcheck: 'false', oninput: () => this.read() });
    const remove = el('button', { type: 'button', class: 'small', 'aria-label': `Remove header ${index}`,
      onclick: () => { row.remove(); this.read(); this.sendButton.focus(); } }, 'Remove');
    row.append(nameInput, valueInput, remove);
    this.headerRows.append(row);
    if (focus) nameInput.focus();
    this.read();
  }

  // Reads the controls into the draft (kept with the notes, so a reload keeps it).
  read() {
    this.draft = {
      ...this.draft,
      method: this.method.value, path: this.path.value, user: this.user.value || this.draft.user,
      mechanism: this.mechanism.value, sendJar: this.sendJar.checked, type: this.type.value, body: this.body.value,
      headers: [...this.headerRows.children].map((row) => [row.children[0].value, row.children[1].value]),
    };
    this.user.disabled = this.draft.mechanism === 'none';
    this.lab.notes.draft = this.draft;
    this.lab.saveNotes();
    this.describeSendAs();
  }

  async applyPreset() {
    const preset = presets[Number(this.preset.value)];
    if (!preset) return;
    const jar = await this.lab.core.cookies();
    const filled = fillPreset(preset, {
      heldRefresh: this.lab.notes.held.jwt?.refresh, heldAccess: this.lab.notes.held.jwt?.access, csrfCookie: jar.csrftoken });
    this.draft = { ...this.draft, ...filled };
    this.show();
    this.read();
    announce(`Preset: ${preset.method} ${preset.path}.`);
  }

  // Changes from elsewhere (a why-not suggestion, the token panel): {user, mechanism, header: [name, value]}.
  // `onlyMechanism` drops the typed credentials (Authorization, Cookie, X-CSRFToken), so the
  // request goes out exactly as "Why not?" tried it.
  update({ user, mechanism, header, sendJar, onlyMechanism = false }) {
    if (onlyMechanism) this.draft.headers = this.draft.headers.filter(([name]) => !credentialHeaders.includes(name.trim().toLowerCase()));
    if (mechanism !== undefined) {
      this.draft.mechanism = mechanism;
      this.draft.sendJar = sendJar ?? usesJar(mechanism);
    }
    if (user !== undefined) this.draft.user = user;
    if (header) {
      const others = this.draft.headers.filter(([name]) => name.toLowerCase() !== header[0].toLowerCase());
      this.draft.headers = [...others, header];
    }
    this.show();
    this.read();
  }

  // The request as it would go out now: credentials issued on `core` (the learner's, or a
  // copy for what-ifs) for `user` with `mechanism`.
  // `onlyMechanism` drops typed credentials (Authorization, Cookie, X-CSRFToken) so that only
  // the mechanism's own reach the server, as side by side needs.
  async compose({ core = this.lab.core, mechanism = this.draft.mechanism, user = this.draft.user, onlyMechanism = false } = {}) {
    const d = onlyMechanism
      ? { ...this.draft, headers: this.draft.headers.filter(([name]) => !credentialHeaders.includes(name.trim().toLowerCase())) }
      : this.draft;
    const credentials = await credentialsFor(core, { username: user, mechanism, password: this.lab.passwordFor(user) });
    const sendJar = mechanism === d.mechanism && !onlyMechanism ? d.sendJar : usesJar(mechanism);
    const cookie = cookieHeader(await core.cookies(), sendJar);
    return completeRequest(d, credentials, cookie);
  }

  async send() {
    this.read();
    this.error.textContent = '';
    if (!this.draft.path.startsWith('/')) {
      this.error.textContent = 'The path must start with /, like /api/books/.';
      this.path.focus();
      return null;
    }
    try {
      const request = await this.compose();
      return await this.lab.send(request, 'console');
    } catch (error) {
      this.error.textContent = error.message;
      announce(error.message);
      return null;
    }
  }
}
