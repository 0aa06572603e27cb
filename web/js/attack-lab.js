// The JWT attack lab, an honest jwt.io: the learner edits a token's header and payload as
// text and chooses how to sign it; the core builds the token from exactly the typed bytes
// (lab.forgeJwt, never re-serialised, never re-signed unless asked) and it goes out as
// `Authorization: Bearer …` like any console request, so the decision says why it is refused.
// The lab's SECRET_KEY can be revealed, to show that whoever holds it can sign anything.
import { announce } from './announce.js';
import { statusBadge } from './badges.js';
import { el, pretty, replace } from './dom.js';

const modes = [
  ['unsigned', 'Unsigned: no signature after the last dot'],
  ['old', 'With the old signature (the token\'s own, kept after your edit)'],
  ['none', 'With "alg": "none" in the header and no signature'],
  ['hs256', 'Re-signed HS256 with this key:'],
];

// A token part's bytes as text: base64url → UTF-8, refusing what is not (the learner is told).
function decodePart(part, name) {
  if (!/^[A-Za-z0-9_-]*$/.test(part)) throw new Error(`The ${name} part is not base64url (only A–Z, a–z, 0–9, - and _).`);
  const binary = atob(part.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (part.length % 4)) % 4));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
  } catch {
    throw new Error(`The ${name} part does not decode to UTF-8 text.`);
  }
}

export class AttackLab {
  constructor(root, { lab, rpc, showTab }) {
    Object.assign(this, { lab, rpc, showTab });
    this.build(root);
    lab.addEventListener('change', () => { this.useHeld.disabled = !this.lab.notes.held.jwt; });
  }

  build(root) {
    const field = (id, label, input) => el('div', { class: 'field' }, el('label', { for: id }, label), input);
    this.original = el('textarea', { id: 'attack-original', rows: 3, spellcheck: 'false', class: 'token-text',
      placeholder: 'eyJhbGciOi…  (paste a JWT, or use the one the client holds)' });
    this.useHeld = el('button', { type: 'button', id: 'attack-use-held', disabled: true, onclick: () => this.load(this.lab.notes.held.jwt?.access) },
      'Use the held access token');
    this.header = el('textarea', { id: 'attack-header', rows: 3, spellcheck: 'false' });
    this.payload = el('textarea', { id: 'attack-payload', rows: 6, spellcheck: 'false' });
    this.key = el('input', { id: 'attack-key', type: 'text', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'HS256 key' });
    this.modeInputs = modes.map(([value]) => el('input', { type: 'radio', name: 'attack-mode', id: `attack-mode-${value}`, value,
      checked: value === 'old', onchange: () => this.modeChanged(value) }));
    this.error = el('p', { class: 'field-error', id: 'attack-error', role: 'alert' });
    this.token = el('p', { id: 'attack-token', class: 'token' });
    this.result = el('div', { id: 'attack-result', 'aria-live': 'polite' });
    this.secret = el('div', { id: 'attack-secret' });
    root.append(
      el('p', { class: 'hint' }, 'Change who the token says you are, then see what the server makes of it. Nothing is re-signed unless you choose to.'),
      field('attack-original', 'Token to start from', this.original),
      el('div', { class: 'actions' }, this.useHeld,
        el('button', { type: 'button', id: 'attack-decode', onclick: () => this.load(this.original.value) }, 'Decode into the boxes below')),
      el('div', { class: 'jwt-parts' },
        field('attack-header', 'Header (JSON, sent exactly as typed)', this.header),
        field('attack-payload', 'Payload (JSON, sent exactly as typed)', this.payload)),
      el('fieldset', { class: 'attack-modes' }, el('legend', {}, 'Send it'),
        modes.map(([value, label], i) => el('div', { class: 'check' }, this.modeInputs[i], el('label', { for: `attack-mode-${value}` }, label),
          value === 'hs256' ? this.key : null))),
      el('div', { class: 'actions' }, el('button', { type: 'button', id: 'attack-send', class: 'primary', onclick: () => this.send() },
        'Send as Authorization: Bearer … to GET /auth/users/me/')),
      this.error, this.token, this.result,
      el('div', { class: 'actions' }, el('button', { type: 'button', id: 'attack-reveal', onclick: () => this.reveal() }, 'Reveal the lab\'s SECRET_KEY')),
      this.secret);
  }

  get mode() {
    return this.modeInputs.find((input) => input.checked).value;
  }

  modeInput(value) {
    return this.modeInputs.find((input) => input.value === value);
  }

  // The token's header and payload into the boxes, byte for byte as the token holds them.
  load(token) {
    this.error.textContent = '';
    const text = (token ?? '').trim();
    const parts = text.split('.');
    try {
      if (parts.length !== 3) throw new Error('A JWT has three parts separated by dots: header.payload.signature.');
      this.original.value = text;
      this.header.value = decodePart(parts[0], 'header');
      this.payload.value = decodePart(parts[1], 'payload');
    } catch (error) {
      this.error.textContent = error.message;
    }
  }

  // "alg: none" means the header says so: the edit is made in the box, where it can be seen.
  modeChanged(value) {
    if (value !== 'none') return;
    const edited = this.header.value.replace(/("alg"\s*:\s*)"[^"]*"/, '$1"none"');
    if (edited !== this.header.value) {
      this.header.value = edited;
      announce('The header now says "alg": "none" (changed in the header box).');
    }
  }

  async send() {
    try {
      await this.forgeAndSend();
    } catch (error) {
      this.error.textContent = error.message;
    }
  }

  async forgeAndSend() {
    this.error.textContent = '';
    const forged = await this.rpc.call(undefined, 'forgeJwt', [{ header: this.header.value, payload: this.payload.value,
      mode: this.mode, original: this.original.value.trim(), key: this.key.value }]);
    if (forged.error) {
      this.error.textContent = forged.error;
      replace(this.token);
      replace(this.result);
      return;
    }
    replace(this.token, 'Sent: ', el('code', {}, forged.token));
    const exchange = await this.lab.send({ method: 'GET', path: '/auth/users/me/', headers: { Authorization: `Bearer ${forged.token}` } }, 'attack');
    this.show(exchange);
  }

  // The status, the body, and the authentication step's own words on the token.
  show({ response, trace }) {
    const jwtStep = trace.steps.find((step) => step.component === 'JWTAuthentication');
    replace(this.result,
      el('p', { id: 'attack-status', dataset: { status: String(response.status) } }, statusBadge(response.status), ' ', trace.outcome?.sentence ?? ''),
      jwtStep ? el('p', { id: 'attack-why' }, jwtStep.summary) : null,
      el('pre', { class: 'body small', id: 'attack-body', tabindex: '0', 'aria-label': 'Response body' }, pretty(response.json)),
      el('button', { type: 'button', onclick: () => this.showTab('request') }, 'See the whole decision'));
    announce(`${response.status}: ${jwtStep?.summary ?? ''}`);
  }

  async reveal() {
    // The key alone crosses to the page: a world of 10,000 users stays in the worker.
    const secretKey = await this.lab.core.secretKey();
    replace(this.secret,
      el('p', {}, 'SECRET_KEY: ', el('code', { id: 'attack-secret-key' }, secretKey), ' ',
        el('button', { type: 'button', id: 'attack-use-secret', onclick: () => { this.key.value = secretKey; this.modeInput('hs256').checked = true; } },
          'Use it as the key')),
      el('p', { class: 'hint' }, 'The server trusts any token whose HS256 signature this key makes: whoever knows it can sign '
        + 'any payload, as any user, and it is accepted like a real login. That is why SECRET_KEY must stay secret.'));
  }
}
