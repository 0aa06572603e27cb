// One preset per endpoint of the bookshop API (shared/spec/api.md): what a learner would
// type into an API client. `body` is the raw text sent; `type` its Content-Type.
const json = (value) => ({ type: 'application/json', body: JSON.stringify(value, null, 2) });
const form = (fields) => ({ type: 'application/x-www-form-urlencoded', body: new URLSearchParams(fields).toString() });

export const presets = [
  { group: 'Books', label: 'List books', method: 'GET', path: '/api/books/' },
  { group: 'Books', label: 'Add a book', method: 'POST', path: '/api/books/',
    ...json({ title: 'Emma', author: 'Jane Austen', price: '4.50', inventory: 2 }) },
  { group: 'Books', label: 'Read book 1', method: 'GET', path: '/api/books/1/' },
  { group: 'Books', label: 'Replace book 1', method: 'PUT', path: '/api/books/1/',
    ...json({ title: 'Pride and Prejudice', author: 'Jane Austen', price: '8.99', inventory: 9 }) },
  { group: 'Books', label: 'Change book 1\'s price', method: 'PATCH', path: '/api/books/1/', ...json({ price: '8.50' }) },
  { group: 'Books', label: 'Delete book 1', method: 'DELETE', path: '/api/books/1/' },
  { group: 'Books', label: 'What may I send? (OPTIONS)', method: 'OPTIONS', path: '/api/books/' },
  { group: 'Orders', label: 'My orders', method: 'GET', path: '/api/orders/' },
  { group: 'Orders', label: 'Order a book', method: 'POST', path: '/api/orders/', ...json({ book: 1, quantity: 1 }) },
  { group: 'Orders', label: 'Read order 1 (by id: IsOwner decides)', method: 'GET', path: '/api/orders/1/' },
  { group: 'Orders', label: 'Change order 1\'s quantity', method: 'PATCH', path: '/api/orders/1/', ...json({ quantity: 2 }) },
  { group: 'Orders', label: 'Delete order 1', method: 'DELETE', path: '/api/orders/1/' },
  { group: 'Manager group', label: 'List managers', method: 'GET', path: '/api/groups/manager/users/' },
  { group: 'Manager group', label: 'Make carol a manager', method: 'POST', path: '/api/groups/manager/users/', ...json({ username: 'carol' }) },
  { group: 'Manager group', label: 'Remove manager 2 (mary)', method: 'DELETE', path: '/api/groups/manager/users/2/' },
  { group: 'Accounts (djoser)', label: 'Sign up a user', method: 'POST', path: '/auth/users/',
    ...json({ username: 'dora', password: 'dora-pass-1', email: 'dora@example.com' }) },
  { group: 'Accounts (djoser)', label: 'Who am I?', method: 'GET', path: '/auth/users/me/' },
  { group: 'Accounts (djoser)', label: 'List users (staff see all)', method: 'GET', path: '/auth/users/' },
  { group: 'Accounts (djoser)', label: 'Read user 2 (mary)', method: 'GET', path: '/auth/users/2/' },
  { group: 'Accounts (djoser)', label: 'Change my email', method: 'PATCH', path: '/auth/users/me/',
    ...json({ email: 'carol@shop.example' }) },
  { group: 'Accounts (djoser)', label: 'Delete my account', method: 'DELETE', path: '/auth/users/me/',
    ...json({ current_password: 'carol-pass-1' }) },
  { group: 'Accounts (djoser)', label: 'Change my password', method: 'POST', path: '/auth/users/set_password/',
    ...json({ new_password: 'carol-pass-2', current_password: 'carol-pass-1' }) },
  { group: 'Accounts (djoser)', label: 'Change my username', method: 'POST', path: '/auth/users/set_username/',
    ...json({ new_username: 'caroline', current_password: 'carol-pass-1' }) },
  { group: 'Accounts (djoser)', label: 'Log in for a DRF token', method: 'POST', path: '/auth/token/login/',
    ...json({ username: 'carol', password: 'carol-pass-1' }) },
  { group: 'Accounts (djoser)', label: 'Log out (delete the token)', method: 'POST', path: '/auth/token/logout/' },
  { group: 'JWT (simplejwt)', label: 'Get a JWT pair', method: 'POST', path: '/api/token/',
    ...json({ username: 'carol', password: 'carol-pass-1' }) },
  { group: 'JWT (simplejwt)', label: 'Refresh the access token', method: 'POST', path: '/api/token/refresh/',
    refreshFromHeld: true, ...json({ refresh: 'paste a refresh token here' }) },
  { group: 'JWT (simplejwt)', label: 'Verify a token', method: 'POST', path: '/api/token/verify/',
    accessFromHeld: true, ...json({ token: 'paste a token here' }) },
  { group: 'Session (Django login)', label: 'Login page (sets csrftoken)', method: 'GET', path: '/api-auth/login/' },
  { group: 'Session (Django login)', label: 'Log in with the form', method: 'POST', path: '/api-auth/login/',
    csrfFromJar: true, ...form({ username: 'carol', password: 'carol-pass-1', csrfmiddlewaretoken: '' }) },
  { group: 'Session (Django login)', label: 'Log out (end the session)', method: 'POST', path: '/api-auth/logout/',
    csrfFromJar: true, ...form({ csrfmiddlewaretoken: '' }) },
];

// A preset made concrete: the JWT tokens the client holds, the csrftoken from the jar.
export function fillPreset(preset, { heldRefresh, heldAccess, csrfCookie }) {
  let body = preset.body ?? '';
  if (preset.refreshFromHeld && heldRefresh) body = JSON.stringify({ refresh: heldRefresh }, null, 2);
  if (preset.accessFromHeld && heldAccess) body = JSON.stringify({ token: heldAccess }, null, 2);
  if (preset.csrfFromJar) {
    const fields = new URLSearchParams(body);
    fields.set('csrfmiddlewaretoken', csrfCookie ?? '');
    body = fields.toString();
  }
  const filled = { method: preset.method, path: preset.path, type: preset.type ?? '', body };
  // A form carrying the jar's csrftoken is only accepted with the jar's cookies beside it.
  if (preset.csrfFromJar) filled.sendJar = true;
  return filled;
}
