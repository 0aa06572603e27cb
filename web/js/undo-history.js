// The undo history of this tab, kept in the tab's session storage so a reload keeps it (each
// entry is a whole world as JSON text; another tab has its own history). Entries read back
// are checked for shape; a world in one is still validated by the core when it is undone.
// Only the newest entries that fit in `keptChars` are written: session storage is the page
// thread's, and a history of large worlds would cost that thread more than it is worth (a
// world of 10,000 users is 2.7 MB of text: its undo lasts until a reload).
const key = 'authlab.undo.v1';
const keptChars = 1_000_000;

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
  let chars = 0;
  let first = entries.length;
  while (first > 0 && chars + entries[first - 1].world.length <= keptChars) chars += entries[--first].world.length;
  try {
    sessionStorage.setItem(key, JSON.stringify(entries.slice(first)));
  } catch {
    // Storage full: keep the newest half rather than nothing.
    try { sessionStorage.setItem(key, JSON.stringify(entries.slice(first + Math.floor((entries.length - first) / 2)))); } catch { /* disabled */ }
  }
}
