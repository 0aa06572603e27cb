// A lesson in progress survives a reload: which lesson (a shipped one by id, a teacher's by its
// text), the step, what each step met and captured, and the lesson's own world, cookie jar and
// notes. It is kept apart from the learner's own saved world, which the lesson never touches.
// Read back, every field is checked for shape; the lesson and the world are validated again
// by the core.
const key = 'authlab.lesson.v1';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

export function loadProgress() {
  try {
    const saved = JSON.parse(localStorage.getItem(key) ?? 'null');
    if (!isObject(saved) || !isObject(saved.source)) return null;
    const { source } = saved;
    if (typeof source.shipped !== 'string' && typeof source.text !== 'string') return null;
    return {
      source: typeof source.shipped === 'string' ? { shipped: source.shipped } : { text: source.text },
      step: Number.isInteger(saved.step) && saved.step >= 0 ? saved.step : 0,
      met: Array.isArray(saved.met) ? saved.met.map(Boolean) : [],
      captures: isObject(saved.captures) ? saved.captures : {},
      stepStart: typeof saved.stepStart === 'number' ? saved.stepStart : null,
      finished: saved.finished === true,
      world: typeof saved.world === 'string' ? saved.world : null,
      cookies: typeof saved.cookies === 'string' ? saved.cookies : null,
      notes: isObject(saved.notes) ? saved.notes : null,
    };
  } catch {
    return null;
  }
}

export function saveProgress(progress) {
  try {
    localStorage.setItem(key, JSON.stringify(progress));
  } catch { /* storage full or disabled: the lesson still runs, a reload starts it again */ }
}

export function clearProgress() {
  try { localStorage.removeItem(key); } catch { /* storage disabled */ }
}

// Where the lab saves while a lesson runs: into the progress record, never over the learner's
// own world. The lesson has no undo history across reloads (Back and Restart are its undo).
export function lessonStore(progress) {
  return {
    paused: false,
    save(worldText, cookiesText, notes) {
      Object.assign(progress, { world: worldText, cookies: cookiesText, notes });
      saveProgress(progress);
      return true;
    },
    saveNotes(notes) {
      progress.notes = notes;
      saveProgress(progress);
    },
    saveUndo() {},
  };
}
