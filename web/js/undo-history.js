// The undo history of this tab, kept in the tab's session storage so a reload keeps it (each
// entry is a whole world as JSON text; another tab has its own history). Entries read back
// are checked for shape; a world in one is still validated by the core when it is undone.
const key = 'authlab.undo.v1';

export function loadUndo() {
  try {
    const entries = JSON.parse(sessionStorage.getItem(key) ?? '[]');
    return Array.isArray(entries)
      ? entries.filter((e) => e && typeof e.label === 'string' && typeof e.world === 'string')
      : [];
  } catch {
    return [];
  }
}

export function saveUndo(entries) {
  try {
    sessionStorage.setItem(key, JSON.stringify(entries));
  } catch {
    // Storage full: keep the newest half rather than nothing.
    try { sessionStorage.setItem(key, JSON.stringify(entries.slice(Math.floor(entries.length / 2)))); } catch { /* disabled */ }
  }
}
