// A large world, as the admin's import would bring it (the benchmark's and the scale test's):
// USERS users of one kind spread over GROUPS groups, BOOKS books. Every user shares one
// precomputed hash, since an import does not hash.
export function largeWorld(base, users, groups, books) {
  const world = structuredClone(base);
  const permissions = ['bookshop.view_book', 'bookshop.add_book', 'bookshop.change_book', 'bookshop.view_order'];
  const hash = world.users[0].password;
  world.groups = Array.from({ length: groups }, (_, i) => ({ id: i + 1, name: `group-${i + 1}`, permissions: permissions.slice(0, 1 + (i % 4)) }));
  world.users = Array.from({ length: users }, (_, i) => ({
    ...world.users[3], id: i + 1, username: `user${i + 1}`, email: `user${i + 1}@example.com`, password: hash,
    groups: [`group-${1 + (i % groups)}`], is_staff: false, is_superuser: false,
  }));
  world.books = Array.from({ length: books }, (_, i) => ({ ...world.books[0], id: i + 1, title: `Book ${i + 1}` }));
  world.orders = [];
  world.tokens = [];
  world.sessions = [];
  for (const [kind, list] of [['user', world.users], ['group', world.groups], ['book', world.books]]) {
    if (world.next_ids && kind in world.next_ids) world.next_ids[kind] = list.length + 1;
  }
  return JSON.stringify(world);
}
