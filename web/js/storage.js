// What survives a reload: the world (as the core exports it), the browser's cookie jar, the
// passwords the page knows and what the client holds (tokens from the login panel). All of it
// is the learner's own data, but a saved world and jar are still validated by the core when
// they are loaded back. The core's worker saves them in IndexedDB (saved-store.js), off the
// page's thread; what older pages saved in localStorage is read once, loaded, and removed once
// the worker has saved it anew.
const legacyKeys = { world: 'authlab.world.v1', cookies: 'authlab.cookies.v1', notes: 'authlab.notes.v1',
  unloadable: 'authlab.world.unloadable.v1' };

// What an older page saved in localStorage: {world, cookies, notes} or null.
export function loadLegacy() {
  try {
    const world = localStorage.getItem(legacyKeys.world);
    if (world === null) return null;
    const notes = JSON.parse(localStorage.getItem(legacyKeys.notes) ?? 'null');
    return { world, cookies: localStorage.getItem(legacyKeys.cookies), notes: notes && typeof notes === 'object' ? notes : null };
  } catch {
    return null;
  }
}

export function clearLegacy() {
  try {
    for (const key of [legacyKeys.world, legacyKeys.cookies, legacyKeys.notes]) localStorage.removeItem(key);
  } catch { /* storage disabled */ }
}

// Saved notes are checked field by field; anything of the wrong shape is dropped.
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const allStrings = (v) => isObject(v) && Object.values(v).every((x) => typeof x === 'string');

export function sanitizeNotes(notes) {
  const clean = {};
  if (isObject(notes?.passwords)) {
    clean.passwords = Object.fromEntries(Object.entries(notes.passwords).filter(([, v]) => typeof v === 'string'));
  }
  if (isObject(notes?.held)) {
    clean.held = Object.fromEntries(Object.entries(notes.held).filter(([k, v]) => ['token', 'jwt', 'session', 'basic'].includes(k) && allStrings(v)));
  }
  if (isObject(notes?.draft)) {
    const d = notes.draft;
    clean.draft = Object.fromEntries(['method', 'path', 'type', 'body', 'user', 'mechanism']
      .filter((k) => typeof d[k] === 'string').map((k) => [k, d[k]]));
    if (typeof d.sendJar === 'boolean') clean.draft.sendJar = d.sendJar;
    if (Array.isArray(d.headers)) {
      clean.draft.headers = d.headers.filter((h) => Array.isArray(h) && h.length === 2 && h.every((x) => typeof x === 'string'));
    }
  }
  return clean;
}
