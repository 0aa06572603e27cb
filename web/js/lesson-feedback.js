// What an unmet step still needs, in the learner's words. An admin step: from the world as it
// is and as it was when the step began (the lab's snapshots), "Editor still lacks
// bookshop.add_book; you gave bookshop.add_book to Customer". A request step: what the
// request got and what the step needs. Only the core says whether a step is met; this only
// words what is missing.
import { reasonPhrase } from './badges.js';

const missing = (wanted = [], have = []) => wanted.filter((item) => !have.includes(item));
const gained = (now = [], before = []) => now.filter((item) => !before.includes(item));
const list = (items) => items.join(', ');

// Who gained any of `items` since the step began: ["Customer", "carol"] (groups, then users).
function givenElsewhere(items, before, now, { group, user } = {}) {
  const places = [];
  for (const g of now.groups) {
    if (g.name === group) continue;
    const was = before.groups.find((old) => old.id === g.id)?.permissions ?? [];
    const got = gained(g.permissions, was).filter((p) => items.includes(p));
    if (got.length) places.push([g.name, got]);
  }
  for (const u of now.users) {
    if (u.id === user) continue;
    const was = before.users.find((old) => old.id === u.id) ?? { permissions: [], groups: [] };
    const got = [...gained(u.permissions, was.permissions), ...gained(u.groups, was.groups)].filter((p) => items.includes(p));
    if (got.length) places.push([u.username, got]);
  }
  return places;
}

// One sentence, or null when the change the step names is all there (then the core's own
// reason stands).
export function adminFeedback(command, before, now) {
  if (!before || !now || !command) return null;
  if (command.op === 'save_group') {
    const group = now.groups.find((g) => g.name === command.name);
    if (!group) return `there is no group ${command.name} yet.`;
    const lacks = missing(command.permissions, group.permissions);
    if (!lacks.length) return null;
    const elsewhere = givenElsewhere(lacks, before, now, { group: command.name });
    return `${command.name} still lacks ${list(lacks)}` +
      (elsewhere.length ? `; you gave ${elsewhere.map(([name, got]) => `${list(got)} to ${name}`).join(' and ')}.` : '.');
  }
  if (command.op === 'edit_user') {
    const user = now.users.find((u) => u.id === command.id);
    if (!user) return null;
    const lacks = [...missing(command.groups, user.groups), ...missing(command.permissions, user.permissions)];
    if (!lacks.length) return null;
    const elsewhere = givenElsewhere(lacks, before, now, { user: command.id });
    return `${user.username} still lacks ${list(lacks)}` +
      (elsewhere.length ? `; you gave ${elsewhere.map(([name, got]) => `${list(got)} to ${name}`).join(' and ')}.` : '.');
  }
  return null;
}

// A request step's reasons (the core's "expected 302, got 200", …) in the learner's words:
// what their request got, what the step needs, and for Django's login form what a 200 means.
// A wrong status explains the other differences, so they are left out; a reason this does not
// know is kept as the core gave it.
export function requestFeedback(step, failures) {
  const wrongStatus = failures.map((f) => f.match(/^expected (\d+), got (\d+)$/)).find(Boolean);
  if (!wrongStatus) return failures;
  const [wanted, got] = [Number(wrongStatus[1]), Number(wrongStatus[2])];
  const named = (status) => `${status} ${reasonPhrase(status)}`.trim();
  const login = step.request?.method === 'POST' && step.request.path === '/api-auth/login/';
  if (login && got === 200 && wanted === 302) {
    return [`the login form came back (200 OK), so the login failed: a wrong password, or a csrfmiddlewaretoken that is not the csrftoken cookie's value? The step needs ${named(302)}, the redirect after a login.`];
  }
  return [`your request got ${named(got)}; the step needs ${named(wanted)}.`];
}
