// Choosing a lesson: the shipped ones (lesson-catalog.js), or a teacher's own from a file, from
// pasted JSON, or from a link (lab-link.js). A teacher's lesson is untrusted: the core
// validates it (lab.parseLesson) and each problem is shown as text with its JSON path.
import { el, replace } from './dom.js';
import { conceptText } from './lesson-concepts.js';
import { loadShippedLessons } from './lesson-catalog.js';
import { loadEntries, progressWords } from './lesson-progress.js';

export class LessonPicker {
  constructor(root, { rpc, player }) {
    Object.assign(this, { root, rpc, player });
    this.shipped = [];  // [{lesson}] in teaching order
    this.shippedTexts = {};
    this.list = el('ul', { class: 'lesson-list', id: 'lesson-list' }, el('li', { class: 'hint' }, 'Loading the lessons…'));
    this.challengeList = el('ul', { class: 'lesson-list', id: 'challenge-list' });
    this.file = el('input', { type: 'file', id: 'lesson-file', accept: 'application/json,.json', onchange: () => this.fromFile() });
    this.paste = el('textarea', { id: 'lesson-paste', rows: 4, spellcheck: 'false' });
    this.problems = el('div', { id: 'lesson-problems', class: 'lesson-problems', role: 'alert' });
    this.progressSlot = el('div', { class: 'progress-slot' });  // "Export my progress" (app.js)
    this.teacherSlot = el('div', { class: 'progress-slot' });   // "Check progress files" (app.js)
    root.append(
      el('h3', {}, 'Guided lessons'),
      el('p', { class: 'hint' }, 'Step by step: each step gives the request or the change, and Show me does it.'),
      this.list,
      el('h3', {}, 'Challenges'),
      el('p', { class: 'hint' }, 'The goal, not the way: find it yourself. Hints come one at a time; Show me and Why not? are off.'),
      this.challengeList,
      this.progressSlot,
      el('details', { class: 'teacher-lesson' },
        el('summary', {}, 'Your own lesson (for teachers)'),
        el('p', { class: 'hint' }, 'A lesson is one JSON file ("format": "authlab.lesson"). AuthLab checks it before it runs. To give it to a class, start it and use Share as link.'),
        el('div', { class: 'field' }, el('label', { for: 'lesson-file' }, 'From a file'), this.file),
        el('div', { class: 'field' }, el('label', { for: 'lesson-paste' }, 'Or paste its JSON'), this.paste),
        el('div', { class: 'actions' }, el('button', { type: 'button', id: 'lesson-paste-load', onclick: () => this.fromPaste() }, 'Check and start')),
        this.problems),
      this.teacherSlot);
    root.closest('details')?.addEventListener('toggle', () => this.loadShipped());
    player.addEventListener('progress', () => { if (this.shipped.length) this.showShipped(); });
    player.addEventListener('left', () => { if (this.shipped.length) this.showShipped(); });
  }

  // The shipped lessons are fetched once, when first needed (the picker opened, a lesson asked for).
  loadShipped() {
    this.loading ??= this.fetchShipped();
    return this.loading;
  }

  async fetchShipped() {
    let texts;
    try {
      texts = await loadShippedLessons();
    } catch (error) {
      replace(this.list, el('li', { class: 'field-error' }, `The lessons could not be loaded: ${error.message}`));
      return;
    }
    const answers = await Promise.all(texts.map((text) => this.rpc.call(undefined, 'parseLesson', [text])));
    this.shipped = answers.filter((a) => a.lesson).map((a) => a.lesson);
    // The texts as shipped, by id: the teacher's check replays progress files against them.
    this.shippedTexts = Object.fromEntries(answers.flatMap((a, i) => (a.lesson ? [[a.lesson.id, texts[i]]] : [])));
    // A shipped lesson the core refuses is a fault of this AuthLab's: said, not left out silently.
    this.broken = answers.flatMap((a, i) => (a.lesson ? [] : [{ id: idIn(texts[i]), ...((a.errors ?? [])[0] ?? { path: '$', reason: 'the core gave no reason' }) }]));
    this.showShipped();
  }

  // Guided lessons and challenges in two lists, each row with its length and the learner's
  // own progress in it ("3 of 8 steps", "solved").
  showShipped() {
    const entries = loadEntries();
    const row = (lesson) => {
      const mine = progressWords(lesson, entries[lesson.id]);
      const verb = !mine ? 'Start' : mine === 'done' || mine === 'solved' ? 'Open' : 'Continue';
      return el('li', { dataset: { lesson: lesson.id } },
        el('strong', {}, lesson.title), ' ', el('span', { class: 'lesson-length' }, `(${lessonLength(lesson)})`), ' ',
        mine ? el('span', { class: 'lesson-mine', dataset: { mine } }, mine) : null, ' ',
        el('button', { type: 'button', class: 'small primary', id: `lesson-start-${lesson.id}`,
          'aria-label': `${verb} the ${lesson.mode === 'challenge' ? 'challenge' : 'lesson'}: ${lesson.title}`,
          onclick: () => this.player.start(lesson, { shipped: lesson.id }, { resume: true }) }, verb),
        el('p', { class: 'hint' }, lesson.summary, ' ', el('span', { class: 'lesson-covers' }, `Covers: ${lesson.concepts.map(conceptText).join('; ')}.`)));
    };
    const challenges = this.shipped.filter((lesson) => lesson.mode === 'challenge');
    replace(this.list, this.shipped.filter((lesson) => lesson.mode !== 'challenge').map(row));
    replace(this.challengeList, challenges.length ? challenges.map(row) : el('li', { class: 'hint' }, 'No challenges come with this AuthLab.'),
      (this.broken ?? []).map(({ id, path, reason }) => el('li', { class: 'field-error' }, `The lesson "${id}" that comes with AuthLab could not be read: ${path}: ${reason}`)));
  }

  shippedLesson(id) {
    return this.shipped.find((lesson) => lesson.id === id) ?? null;
  }

  // The shipped lesson after `id` in teaching order, or null (the last, or a teacher's own).
  after(id) {
    const index = this.shipped.findIndex((lesson) => lesson.id === id);
    return index >= 0 ? this.shipped[index + 1] ?? null : null;
  }

  // → the lesson, or null after showing each problem (as text).
  async check(text) {
    const answer = await this.rpc.call(undefined, 'parseLesson', [text]);
    if (answer.lesson) {
      replace(this.problems);
      return answer.lesson;
    }
    this.showProblems(answer.errors ?? [{ path: '$', reason: 'the core gave no reason' }]);
    return null;
  }

  showProblems(errors) {
    replace(this.problems,
      el('p', {}, `This lesson cannot run: ${errors.length} problem${errors.length === 1 ? '' : 's'}.`),
      el('ul', {}, errors.map(({ path, reason }) => el('li', {}, el('code', { class: 'lesson-problem-path' }, path), ': ', reason))));
  }

  // A lesson from a source saved or linked: {shipped: id} or {text}. → the lesson or null.
  async find(source) {
    if (source.shipped !== undefined) {
      await this.loadShipped();
      const lesson = this.shippedLesson(source.shipped);
      if (!lesson) this.showProblems([{ path: '$.id', reason: `no lesson "${source.shipped}" comes with this AuthLab` }]);
      return lesson;
    }
    return this.check(source.text);
  }

  async fromFile() {
    const file = this.file.files[0];
    this.file.value = '';
    if (!file) return;
    await this.startText(await file.text());
  }

  async fromPaste() {
    await this.startText(this.paste.value);
  }

  async startText(text) {
    const lesson = await this.check(text);
    if (lesson && await this.playsThrough(lesson)) await this.player.start(lesson, { text }, { resume: true });
  }

  // A teacher's lesson is played through in the worker first, as `lessons check` plays it: a
  // step that cannot be met would strand the class there. → whether to start it (at once when
  // it plays through; otherwise the teacher chooses, having read which step fails and why).
  async playsThrough(lesson) {
    const { failing } = await this.rpc.call(undefined, 'checkLesson', [lesson], 'Playing the lesson through before it starts…');
    if (!failing?.length) return true;
    const [{ index, title, failures }] = failing;
    return new Promise((resolve) => {
      const choose = (start) => () => {
        replace(this.problems);
        resolve(start);
      };
      replace(this.problems,
        el('p', {}, `This lesson does not play through: step ${index + 1} "${title}" cannot be met as written. A class would be stuck there.`),
        el('ul', {}, failures.map((failure) => el('li', {}, failure))),
        el('div', { class: 'actions' },
          el('button', { type: 'button', id: 'lesson-start-anyway', onclick: choose(true) }, 'Start anyway'),
          el('button', { type: 'button', id: 'lesson-start-cancel', class: 'primary', onclick: choose(false) }, 'Cancel')));
      this.problems.querySelector('#lesson-start-cancel').focus();
    });
  }
}

// A lesson text's id, to name it when it cannot be read.
function idIn(text) {
  try {
    return String(JSON.parse(text).id ?? '?');
  } catch {
    return '?';
  }
}

// "11 steps, about 9 min": a request about 45 s in class (send, read, talk), an admin change 2
// min, waiting for the clock 30 s, a challenge step (finding the way) 4 min.
export function lessonLength(lesson) {
  const seconds = lesson.steps.reduce((sum, step) => sum + (lesson.mode === 'challenge' ? 240 : step.admin ? 120 : step.advance ? 30 : 45), 0);
  const steps = lesson.steps.length;
  return `${steps} step${steps === 1 ? '' : 's'}, about ${Math.max(1, Math.round(seconds / 60))} min`;
}
