// The concepts a lesson can cover (the closed list of web/lessons/README.md), in words a
// learner reads at the end of a lesson.
export const conceptWords = {
  credentials: 'Logging in with a username and password',
  'session-cookie': 'Sessions: the server keeps a session, the browser a cookie; logging out ends it',
  'token-issue': 'Tokens: what djoser\'s Token and simplejwt\'s JWT are, and what the server stores',
  'bearer-each-call': 'A token goes with every call',
  401: '401: not authenticated (no credentials, a wrong password, a bad or expired token)',
  'authz-after-authn': 'Authorization is decided after authentication',
  'groups-roles': 'Groups as roles, in the admin',
  'bookshop-privileges': 'Who may browse, add, edit and delete books, and place orders',
  403: '403: known, but not allowed',
  '401-vs-403-rule': 'DRF\'s rule: 401 or 403 depends on the first authentication class',
  'jwt-expiry-refresh': 'JWT expiry, refresh, and why a JWT cannot be revoked',
  'object-level': 'Object-level permissions: whose order is it?',
};

export const conceptText = (id) => conceptWords[id] ?? id;
