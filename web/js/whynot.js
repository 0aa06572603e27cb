// "Why not?": for a 401, 403 or 429 the core names the smallest changes that would have let the
// request through, each checked by replaying the request on a copy of the world. Each is one
// click here; world changes go on the undo stack.
import { announce } from './announce.js';
import { statusBadge } from './badges.js';
import { el, replace } from './dom.js';

export class WhyNot {
  constructor(root, lab, requestConsole) {
    this.root = root;
    this.lab = lab;
    this.console = requestConsole;
    this.generation = 0;
    this.paused = () => false;  // app.js: true while a challenge runs (Why not? would solve it)
    this.expected = () => null;  // app.js: the status a lesson's step expects, when it expects a refusal
    lab.addEventListener('exchange', (event) => this.explain(event.detail));
  }

  async explain(exchange) {
    const generation = ++this.generation;
    if (this.paused()) {
      replace(this.root, el('p', { class: 'hint', id: 'whynot-off' }, 'Why not? is off during a challenge: finding the way is the challenge. Hint helps.'));
      return;
    }
    const { status } = exchange.response;
    if (status !== 401 && status !== 403 && status !== 429) {
      replace(this.root, el('p', { class: 'hint' }, `${status}: nothing to explain here; this panel speaks up for 401, 403 and 429.`));
      return;
    }
    replace(this.root, el('p', { class: 'hint' }, 'Looking for the smallest changes that would let this request through…'));
    let answer;
    try {
      answer = await this.lab.core.whyNot(exchange.request);
    } catch (error) {
      if (generation === this.generation) replace(this.root, el('p', { class: 'field-error' }, error.message));
      return;
    }
    if (generation !== this.generation) return;  // a newer answer arrived meanwhile
    const suggestions = answer.suggestions ?? [];
    // An object-level refusal (IsOwner) says why in words, before any suggestion.
    const reason = answer.reason ? el('p', { class: 'why-reason', id: 'why-reason' }, answer.reason) : null;
    // The core stops trying at a budget (a large world where nobody passes) and says so.
    const untried = answer.untried ? el('p', { class: 'hint', id: 'why-untried' },
      `${answer.untried.toLocaleString('en')} more candidate change${answer.untried === 1 ? ' was' : 's were'} not tried `
      + '(the lab stops trying after about a second’s work; sending as other users is the usual one left).') : null;
    // The refusal is what the lesson's step teaches: explained, and what would change it said,
    // but not offered as a click (it would take the step's point away, and later steps' too).
    if (this.expected() === status) {
      replace(this.root, el('p', { id: 'whynot-expected' },
        `This ${status} is what the lesson's step expects: the refusal is the point. Here is why it happens${suggestions.length ? ', and what would change it (the lesson gets there in its own time)' : ''}.`),
      reason, suggestions.length ? el('ul', { class: 'suggestions', id: 'suggestions' }, suggestions.map((s) => el('li', {},
        el('span', { class: 'suggestion-text' }, s.text),
        s.outcome ? el('span', { class: 'suggestion-outcome' }, ' → ', statusBadge(s.outcome.status, { compact: true })) : null))) : null, untried);
      return;
    }
    if (!suggestions.length) {
      replace(this.root, reason, el('p', {}, untried ? 'None of the changes tried lets this request through.'
        : 'No single change lets this request through.'), untried);
      return;
    }
    replace(this.root, reason, untried,
      el('p', {}, `Any one of these would change the answer (each was tried on a copy of the world):`),
      el('ul', { class: 'suggestions', id: 'suggestions' }, suggestions.map((s) => this.suggestion(s, exchange))));
  }

  suggestion(suggestion, exchange) {
    const button = el('button', { type: 'button', class: 'small primary' }, 'Apply');
    button.setAttribute('aria-label', `Apply: ${suggestion.text}`);
    button.addEventListener('click', () => this.apply(suggestion, exchange));
    return el('li', {},
      el('span', { class: 'suggestion-text' }, suggestion.text),
      suggestion.outcome ? el('span', { class: 'suggestion-outcome' }, ' → ', statusBadge(suggestion.outcome.status, { compact: true })) : null,
      ' ', button);
  }

  // Applies a suggestion the way the core tried it, then puts focus on the answer it got (the
  // Apply button is gone with the old suggestions; focus must not fall to the top of the page).
  async apply(suggestion, exchange) {
    await this.change(suggestion, exchange);
    const status = document.getElementById('response-status');
    if (status && !this.root.contains(document.activeElement)) {
      status.tabIndex = -1;
      status.focus();
    }
  }

  async change({ text, change }, exchange) {
    if (change.kind === 'admin') {
      const answer = await this.lab.admin(change.command, `Applied: ${text}`);
      if (answer.error) {
        announce(answer.error);
        return;
      }
      await this.lab.send(exchange.request, exchange.origin);
    } else if (change.kind === 'send_as') {
      // The core tried the request with only these credentials: typed ones would win, so they go.
      this.console.update({ user: change.username, mechanism: change.mechanism, onlyMechanism: true });
      await this.console.send();
    } else if (change.kind === 'refresh_jwt') {
      this.console.update({ header: ['Authorization', `Bearer ${await this.freshAccess(change.username)}`] });
      await this.console.send();
    } else if (change.kind === 'wait') {
      await this.lab.advance(change.seconds, `${change.seconds} s`);
      await this.lab.send(exchange.request, exchange.origin);
    } else if (change.kind === 'header') {
      this.console.update({ header: [change.name, change.value] });
      await this.console.send();
    }
  }

  // A new access token for `username`: refreshed with the refresh token the client holds (a real
  // POST /api/token/refresh/, shown like any exchange), or else issued as simplejwt's login would.
  async freshAccess(username) {
    const held = this.lab.notes.held.jwt;
    if (held?.username === username && held.refresh) {
      const { response } = await this.lab.send({ method: 'POST', path: '/api/token/refresh/',
        headers: { 'Content-Type': 'application/json', Cookie: '' }, body: JSON.stringify({ refresh: held.refresh }) }, 'whynot');
      if (response.status === 200 && typeof response.json?.access === 'string') {
        held.access = response.json.access;
        this.lab.saveNotes();
        return held.access;
      }
    }
    return (await this.lab.core.issueCredentials(username, 'bearer')).header.replace(/^Bearer /, '');
  }
}
