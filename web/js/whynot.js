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
    lab.addEventListener('exchange', (event) => this.explain(event.detail));
  }

  async explain(exchange) {
    const generation = ++this.generation;
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
    if (!suggestions.length) {
      replace(this.root, reason, el('p', {}, 'No single change lets this request through.'));
      return;
    }
    replace(this.root, reason,
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

  async apply({ text, change }, exchange) {
    if (change.kind === 'admin') {
      const answer = await this.lab.admin(change.command, `Applied: ${text}`);
      if (answer.error) {
        announce(answer.error);
        return;
      }
      await this.lab.send(exchange.request, exchange.origin);
    } else if (change.kind === 'send_as') {
      this.console.update({ user: change.username, mechanism: change.mechanism });
      await this.console.send();
    } else if (change.kind === 'wait') {
      await this.lab.advance(change.seconds, `${change.seconds} s`);
      await this.lab.send(exchange.request, exchange.origin);
    } else if (change.kind === 'header') {
      this.console.update({ header: [change.name, change.value] });
      await this.console.send();
    }
  }
}
