// Choosing a lesson: the shipped ones (lesson-catalog.js), or a teacher's own from a file, from
// pasted JSON, or from a link (lab-link.js). A teacher's lesson is untrusted: the core
// validates it (lab.parseLesson) and each problem is shown as text with its JSON path.
import { el, replace } from './dom.js';
import { conceptText } from './lesson-concepts.js';
import { loadShippedLessons } from './lesson-catalog.js';

export class LessonPicker {
  constructor(root, { rpc, player }) {
    Object.assign(this, { root, rpc, player });
    this.shipped = [];  // [{lesson}] in teaching order
    this.list = el('ul', { class: 'lesson-list', id: 'lesson-list' }, el('li', { class: 'hint' }, 'Loading the lessons…'));
    this.file = el('input', { type: 'file', id: 'lesson-file', accept: 'application/json,.json', onchange: () => this.fromFile() });
    this.paste = el('textarea', { id: 'lesson-paste', rows: 4, spellcheck: 'false' });
    this.problems = el('div', { id: 'lesson-problems', class: 'lesson-problems', role: 'alert' });
    root.append(
      el('h3', {}, 'Lessons that come with AuthLab'),
      this.list,
      el('details', { class: 'teacher-lesson' },
        el('summary', {}, 'Your own lesson (for teachers)'),
        el('p', { class: 'hint' }, 'A lesson is one JSON file ("format": "authlab.lesson"). AuthLab checks it before it runs. To give it to a class, start it and use Share as link.'),
        el('div', { class: 'field' }, el('label', { for: 'lesson-file' }, 'From a file'), this.file),
        el('div', { class: 'field' }, el('label', { for: 'lesson-paste' }, 'Or paste its JSON'), this.paste),
        el('div', { class: 'actions' }, el('button', { type: 'button', id: 'lesson-paste-load', onclick: () => this.fromPaste() }, 'Check and start')),
        this.problems));
    root.closest('details')?.addEventListener('toggle', () => this.loadShipped());
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
    replace(this.list, this.shipped.map((lesson) => el('li', { dataset: { lesson: lesson.id } },
      el('strong', {}, lesson.title), ' ', el('span', { class: 'lesson-length' }, `(${lessonLength(lesson)})`), ' ',
      el('button', { type: 'button', class: 'small primary', id: `lesson-start-${lesson.id}`, 'aria-label': `Start the lesson: ${lesson.title}`,
        onclick: () => this.player.start(lesson, { shipped: lesson.id }) }, 'Start'),
      el('p', { class: 'hint' }, lesson.summary, ' ', el('span', { class: 'lesson-covers' }, `Covers: ${lesson.concepts.map(conceptText).join('; ')}.`)))));
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
    if (lesson) await this.player.start(lesson, { text });
  }
}

// "11 steps, about 9 min": a request about 45 s in class (send, read, talk), an admin change 2
// min, waiting for the clock 30 s.
export function lessonLength(lesson) {
  const seconds = lesson.steps.reduce((sum, step) => sum + (step.admin ? 120 : step.advance ? 30 : 45), 0);
  const steps = lesson.steps.length;
  return `${steps} step${steps === 1 ? '' : 's'}, about ${Math.max(1, Math.round(seconds / 60))} min`;
}
