// The passwords the page knows, as a learner's notebook: the default world's (from api.md)
// and those typed into the page since. Basic authentication and the login forms need them;
// the world itself keeps only hashes.
export const defaultPasswords = Object.freeze({
  admin: 'admin-pass-1',
  mary: 'mary-pass-1',
  eddie: 'eddie-pass-1',
  carol: 'carol-pass-1',
  ivan: 'ivan-pass-1',
});
