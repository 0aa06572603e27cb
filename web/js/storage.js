// What survives a reload: the world (as the core exports it), the browser's cookie jar, the
// passwords the page knows and what the client holds (tokens from the login panel). All of it
// is the learner's own data, but a saved world and jar are still validated by the core when
// they are loaded back.
const keys = { world: 'authlab.world.v1', cookies: 'authlab.cookies.v1', notes: 'authlab.notes.v1',
  unloadable: 'authlab.world.unloadable.v1' };
export const savedWorldKey = keys.world;  // other-tabs.js listens for changes to it

export function loadSaved() {
  try {
    const world = localStorage.getItem(keys.world);
    const cookies = localStorage.getItem(keys.cookies);
    const notes = JSON.parse(localStorage.getItem(keys.notes) ?? 'null');
    return { world, cookies, notes: notes && typeof notes === 'object' ? notes : null };
  } catch {
    return { world: null, cookies: null, notes: null };
  }
}

// A saved world the core refused to load is never overwritten: it is moved here before the
// page saves anything else, and offered for download.
export function keepAside(worldText) {
  try {
    localStorage.setItem(keys.unloadable, worldText);
    return true;
  } catch {
    return false;
  }
}

export function keptAside() {
  try {
    return localStorage.getItem(keys.unloadable);
  } catch {
    return null;
  }
}

export function saveNotes(notes) {
  try {
    localStorage.setItem(keys.notes, JSON.stringify(notes));
  } catch { /* storage full or disabled */ }
}

export function save(worldText, cookiesText, notes) {
  try {
    localStorage.setItem(keys.world, worldText);
    localStorage.setItem(keys.cookies, cookiesText);
    localStorage.setItem(keys.notes, JSON.stringify(notes));
    return true;
  } catch {
    return false;  // storage full or disabled: the page still works, it just forgets
  }
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
