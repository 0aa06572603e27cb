// A link to the lab as a teacher leaves it (#lab=…, packed like #world=): the world, the
// passwords the page knows (a shared world alone loses them), the lesson and its step, the
// prepared request and the open tab. Whoever opens it gets a copy; the page then says in plain
// words what it loaded. Everything in it is untrusted: each field is checked for shape here,
// the world and the lesson are validated by the core.
import { packText, unpackText } from './share.js';
import { sanitizeNotes } from './storage.js';

const prefix = '#lab=';
const tabs = ['request', 'tokens', 'compare', 'admin', 'matrix'];
const tabNames = { request: 'Request', tokens: 'Tokens & cookies', compare: 'Side by side', admin: 'Admin', matrix: 'Outcome matrix' };

export async function labLinkUrl(state) {
  const url = new URL(location.href);
  url.search = '';
  url.hash = prefix.slice(1) + await packText(JSON.stringify(state));
  return url.href;
}

export const hasLabLink = () => location.hash.startsWith(prefix);

// The state in the current URL's fragment, or null; throws when it is damaged.
export async function labFromUrl() {
  if (!hasLabLink()) return null;
  const raw = JSON.parse(await unpackText(location.hash.slice(prefix.length)));
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new Error('not a lab link');
  const notes = sanitizeNotes({ passwords: raw.passwords, draft: raw.draft });
  const lesson = raw.lesson ?? null;
  return {
    world: typeof raw.world === 'string' ? raw.world : null,
    passwords: notes.passwords ?? null,
    lesson: typeof lesson?.shipped === 'string' ? { shipped: lesson.shipped }
      : typeof lesson?.text === 'string' ? { text: lesson.text } : null,
    step: Number.isInteger(raw.step) && raw.step >= 0 ? raw.step : 0,
    draft: notes.draft ?? null,
    captures: raw.captures !== null && typeof raw.captures === 'object' && !Array.isArray(raw.captures) ? raw.captures : {},
    cookies: typeof raw.cookies === 'string' ? raw.cookies : null,
    tab: tabs.includes(raw.tab) ? raw.tab : null,
  };
}

// "This link opened …": what was loaded, in words (the caller adds what failed).
export function describeLoaded({ world, snapshot, passwords, lessonTitle, step, steps, draft, tab }) {
  const parts = [];
  if (world && snapshot) {
    const n = (count, one) => `${count} ${one}${count === 1 ? '' : 's'}`;
    parts.push(`a world with ${n(snapshot.user_total, 'user')}, ${n(snapshot.groups.length, 'group')} and ${n(snapshot.book_count, 'book')}`);
  }
  const named = Object.keys(passwords ?? {});
  if (named.length) parts.push(`the passwords of ${named.join(', ')}`);
  if (lessonTitle) parts.push(`the lesson “${lessonTitle}” at step ${step + 1} of ${steps}`);
  if (draft?.method && draft?.path) parts.push(`the prepared request ${draft.method} ${draft.path}`);
  if (tab) parts.push(`the ${tabNames[tab]} tab`);
  return parts.length ? `This link opened ${parts.join('; ')}.` : 'This link carried nothing the lab could load.';
}
