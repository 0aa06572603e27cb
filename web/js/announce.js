// The page's two live regions: `announce` for what just happened ("403 Forbidden",
// "Group Customer saved"), `busy` for the worker working (Argon2 takes real time).
import { byId } from './dom.js';

export function announce(message) {
  const region = byId('announcer');
  // Clearing first makes screen readers repeat an identical message.
  region.textContent = '';
  setTimeout(() => { region.textContent = message; }, 50);
}

export function showBusy(label) {
  byId('busy').textContent = label ?? '';
  document.body.classList.toggle('is-busy', Boolean(label));
}
