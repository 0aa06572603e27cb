// What an unmet admin step still needs, in the learner's words, from the world as it is and as
// it was when the step began (the lab's snapshots): "Editor still lacks bookshop.add_book; you
// gave it to Customer". Only the core says whether a step is met; this only words what is
// missing and where the learner's change went instead.
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
