// What the page keeps of lessons across reloads, in localStorage:
// - each lesson's progress entry, keyed by lesson id: what the core gave as
//   core.lessonProgress() (the steps met, hints, solutions, predictions, and the evidence: the
//   seed and everything the learner did). A lesson is resumed by replaying that evidence
//   (lab.lessonCore(lesson, {evidence})), never from a saved world. The entries make the
//   progress file ("Export my progress") and the lesson list's "3 of 8 steps".
// - which lesson is open now (a shipped one by id, a teacher's by its text), whether its end
//   was reached, and the page's notes in it (passwords learnt, tokens held).
// - the learner's name as last typed for the progress file.
// Read back, every field is checked for shape; the core checks the evidence again on replay.
const openKey = 'authlab.lesson.v2';
const entriesKey = 'authlab.progress.v1';
const learnerKey = 'authlab.learner.v1';
const olderKey = 'authlab.lesson.v1';  // an older page's lesson, saved as a world: not resumable now

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

// false when storage is full or disabled: the lesson still runs, a reload starts it again.
function write(key, value) {
  try {
    localStorage.setItem(key, JSON.stringify(value));
    return true;
  } catch {
    return false;
  }
}

// The lesson open now: {source: {shipped: id} | {text}, finished, notes}, or null.
export function loadOpenLesson() {
  try { localStorage.removeItem(olderKey); } catch { /* storage disabled */ }
  const saved = read(openKey);
  if (!isObject(saved) || !isObject(saved.source)) return null;
  const { source } = saved;
  if (typeof source.shipped !== 'string' && typeof source.text !== 'string') return null;
  return {
    source: typeof source.shipped === 'string' ? { shipped: source.shipped } : { text: source.text },
    finished: saved.finished === true,
    notes: isObject(saved.notes) ? saved.notes : null,
  };
}

export function saveOpenLesson(open) {
  write(openKey, { source: open.source, finished: Boolean(open.finished), notes: open.notes ?? null });
}

export function clearOpenLesson() {
  try { localStorage.removeItem(openKey); } catch { /* storage disabled */ }
}

// Every lesson's entry: {id: entry}.
export function loadEntries() {
  const saved = read(entriesKey);
  if (!isObject(saved)) return {};
  return Object.fromEntries(Object.entries(saved).filter(([, entry]) => isEntry(entry)));
}

const isEntry = (entry) => isObject(entry) && Array.isArray(entry.steps) && isObject(entry.evidence);

export function entryFor(id) {
  return loadEntries()[id] ?? null;
}

export function saveEntry(id, entry) {
  return isEntry(entry) && write(entriesKey, { ...loadEntries(), [id]: entry });
}

export function loadLearner() {
  const name = read(learnerKey);
  return typeof name === 'string' ? name : '';
}

export function saveLearner(name) {
  write(learnerKey, name);
}

// "3 of 8 steps", "solved" (a challenge with every step met), "done" (a guided lesson), or ''
// when nothing of it was done.
export function progressWords(lesson, entry) {
  if (!entry) return '';
  const met = entry.steps.filter((step) => step?.met === true).length;
  const total = lesson.steps.length;
  if (met >= total) return lesson.mode === 'challenge' ? 'solved' : 'done';
  return `${met} of ${total} step${total === 1 ? '' : 's'}`;
}

// Where the lab saves while a lesson runs: only the page's notes (the world is the evidence's
// to rebuild). The lesson has no undo history across reloads (Back and Restart are its undo).
export function lessonStore(open) {
  return {
    paused: false,
    saveNotes(notes) {
      open.notes = notes;
      saveOpenLesson(open);
    },
    saveUndo() {},
  };
}
