// The lesson player: one lesson, step by step, beside the lab. The lesson runs on a world of
// its own (built by the core from the lesson's setup); the learner's own world is put aside
// and given back on leaving. A step is met when the core says so (core.checkLessonStep) about
// what the learner really did: the request they sent, however they built it; the world after
// their admin change; the clock they moved. The page never decides that itself.
// <body> carries data-lesson, data-lesson-step (1-based), data-lesson-steps and
// data-presenter, which the tests and the presenter's styles rely on.
import { announce } from './announce.js';
import { deadlineFor, labelFor } from './busy-labels.js';
import { el, replace } from './dom.js';
import { conceptText } from './lesson-concepts.js';
import { adminFeedback, requestFeedback } from './lesson-feedback.js';
import { renderMarkup, withCaptures } from './lesson-markup.js';
import { clearProgress, lessonStore, saveProgress } from './lesson-progress.js';
import { defaultPasswords } from './passwords.js';
import { remoteCore } from './rpc.js';

// A scenario request (method, path, headers, json | form | body) as the console's draft. The
// jar goes with it unless it names its own Cookie, as in a scenario.
export function draftFrom(request) {
  const headers = Object.entries(request.headers ?? {}).map(([name, value]) => [name, String(value)]);
  const named = (wanted) => headers.find(([name]) => name.toLowerCase() === wanted);
  let type = 'application/json';
  let body = '';
  if (request.json !== undefined) body = JSON.stringify(request.json, null, 2);
  else if (request.form !== undefined) {
    type = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(Object.entries(request.form).map(([k, v]) => [k, String(v)])).toString();
  } else if (typeof request.body === 'string') {
    body = request.body;
    type = named('content-type') ? named('content-type')[1] : '';
  }
  return {
    method: request.method, path: request.path, type, body, mechanism: 'none', sendJar: !named('cookie'),
    headers: headers.filter(([name]) => name.toLowerCase() !== 'content-type' || body === ''),
  };
}

// The admin's section where each admin command's change is made by hand.
const adminSection = { save_group: 'groups', delete_group: 'groups', set_policies: 'policies' };

export class LessonPlayer extends EventTarget {
  constructor(root, { lab, rpc, requestConsole, showTab }) {
    super();
    Object.assign(this, { root, lab, rpc, console: requestConsole, showTab });
    this.lesson = null;
    this.generation = 0;
    lab.addEventListener('exchange', ({ detail }) => this.checkRequest(detail));
    lab.addEventListener('change', () => this.checkWorld());
    this.build();
    this.mark();
  }

  get step() { return this.lesson?.steps[this.progress.step] ?? null; }
  get index() { return this.progress.step; }
  get met() { return Boolean(this.progress.met[this.index]); }

  build() {
    const button = (id, text, onclick, cls) => el('button', { type: 'button', id, class: cls, onclick }, text);
    this.counter = el('p', { class: 'lesson-counter', id: 'lesson-counter' });
    this.title = el('h2', { id: 'lesson-title' });
    this.stepTitle = el('h3', { id: 'lesson-step-title' });
    this.text = el('div', { class: 'lesson-text', id: 'lesson-text' });
    this.hint = el('p', { class: 'lesson-hint', id: 'lesson-hint', hidden: true });
    this.verdict = el('p', { class: 'lesson-verdict', id: 'lesson-verdict', role: 'status', 'aria-live': 'polite' });
    this.explain = el('div', { class: 'lesson-explain', id: 'lesson-explain', hidden: true });
    this.end = el('div', { class: 'lesson-end', id: 'lesson-end', hidden: true });
    this.confirm = el('div', { class: 'lesson-confirm', id: 'lesson-confirm', role: 'alertdialog', 'aria-label': 'Restart the lesson?', hidden: true },
      el('p', {}, 'Start again from step 1? What was done in this lesson is lost.'),
      el('div', { class: 'actions' },
        button('lesson-restart-yes', 'Restart from step 1', () => this.restart(), 'danger'),
        button('lesson-restart-no', 'Keep going', () => this.cancelRestart())));
    this.backButton = button('lesson-back', '← Back', () => this.back());
    this.nextButton = button('lesson-next', 'Next →', () => this.next(), 'primary');
    this.showButton = button('lesson-show', 'Show me', () => this.showMe());
    this.stepView = el('div', { id: 'lesson-step' }, this.stepTitle, this.text, this.hint, this.verdict, this.explain,
      el('div', { class: 'actions lesson-actions' }, this.backButton,
        button('lesson-hint-button', 'Hint', () => { this.hint.hidden = !this.hint.hidden; }),
        this.showButton, this.nextButton));
    this.root.append(this.counter, this.title, this.stepView, this.end, this.confirm,
      el('div', { class: 'actions lesson-tools' },
        button('lesson-restart', 'Restart', () => this.askRestart()),
        button('lesson-presenter', 'Presenter mode', () => this.dispatchEvent(new Event('presenter'))),
        button('lesson-leave', 'Leave the lesson', () => this.leave())),
      el('p', { class: 'presenter-keys', id: 'presenter-keys' }, el('kbd', {}, '→'), ' or ', el('kbd', {}, 'Space'), ' next · ',
        el('kbd', {}, '←'), ' back · ', el('kbd', {}, 'T'), ' tools · ', el('kbd', {}, 'R'), ' restart · ', el('kbd', {}, 'F'), ' full screen'));
  }

  // Starts `lesson` (as lab.parseLesson returned it). `source` says how to find it again after a
  // reload; `resume` is saved progress to continue from.
  async start(lesson, source, resume = null) {
    const previous = this.core;
    if (!this.lesson) this.own = { core: this.lab.core, notes: this.lab.notes, undoStack: this.lab.undoStack, store: this.lab.store };
    const coreId = await this.rpc.call(undefined, 'lessonCore', [lesson], 'Building the lesson\'s world…');
    const core = remoteCore(this.rpc, coreId, labelFor, deadlineFor);
    if (resume?.world) {
      const answer = await core.importWorld(resume.world);
      if (!answer.error && resume.cookies) await core.importCookies(resume.cookies);
    }
    this.lesson = lesson;
    this.core = core;
    this.progress = resume ?? { step: 0, met: [], captures: {}, stepStart: null, finished: false };
    this.progress.source = source;
    const notes = { passwords: { ...defaultPasswords }, held: {}, ...(resume?.notes ?? {}) };
    await this.lab.switchTo({ core, notes, undoStack: [], store: lessonStore(this.progress) });
    if (previous) await this.close(previous);
    this.root.hidden = false;
    await this.enter(this.progress.step, { fresh: !resume });
    announce(`Lesson: ${lesson.title}.`);
  }

  // A lesson's core is closed once the lab no longer uses it (calls already sent finish first).
  async close(core) {
    await this.rpc.call(undefined, 'close', [core.id]).catch(() => {});
  }

  // Gives the learner's own world back.
  async leave() {
    if (!this.lesson) return;
    const lessonCore = this.core;
    this.lesson = null;
    this.core = null;
    clearProgress();
    this.root.hidden = true;
    await this.lab.switchTo(this.own);
    await this.close(lessonCore);
    this.mark();
    this.dispatchEvent(new Event('left'));
    announce('You left the lesson: your own world is back.');
  }

  // Restarting loses the lesson's world and progress, so it is asked first (Restart, R).
  askRestart() {
    if (!this.lesson) return;
    this.confirm.hidden = false;
    this.confirm.querySelector('#lesson-restart-no').focus();
    announce('Start again from step 1? Restart from step 1, or Keep going.');
  }

  get asking() { return !this.confirm.hidden; }

  cancelRestart() {
    this.confirm.hidden = true;
    announce('The lesson goes on.');
  }

  async restart() {
    if (!this.lesson) return;
    this.confirm.hidden = true;
    await this.start(this.lesson, this.progress.source);
    announce('The lesson starts again from step 1.');
  }

  async back() {
    if (!this.lesson) return;
    if (this.progress.finished) this.progress.finished = false;
    else if (this.index > 0) this.progress.step -= 1;
    await this.enter(this.index, { fresh: false });
  }

  async next() {
    if (!this.lesson || this.progress.finished) return;
    if (!this.met) {
      // Said where the class looks, not only to a screen reader.
      this.nudged = true;
      this.render();
      announce(this.verdict.textContent);
      return;
    }
    if (this.index + 1 >= this.lesson.steps.length) {
      this.progress.finished = true;
      this.save();
      this.render();
      return;
    }
    this.progress.step += 1;
    await this.enter(this.index, { fresh: true });
  }

  // Shows step `index`; a fresh entry also prepares the console (a request step's prepared
  // request) and starts an advance step's clock.
  async enter(index, { fresh }) {
    this.generation += 1;  // a check still under way was about another step
    this.progress.step = index;
    const step = this.step;
    if (fresh || this.progress.stepStart === null) this.progress.stepStart = this.lab.snapshot?.now ?? 0;
    if (fresh && step.request && step.prefill !== false) {
      const request = await this.lab.core.lessonRequest(this.lesson, index, this.progress.captures);
      if (!request.error) this.console.load(draftFrom(request));
    }
    if (fresh) this.showTab(step.admin ? 'admin' : step.advance ? 'tokens' : 'request');  // where the learner acts
    if (fresh && step.admin) this.openAdmin?.(adminSection[step.admin.op] ?? 'users');  // at the section that makes the change
    this.hint.hidden = true;
    this.failures = [];
    this.nudged = false;
    this.stepWorld = this.lab.snapshot;  // what an admin step's feedback compares with
    this.save();
    this.render();
    if (!this.met) await this.checkWorld();
  }

  // "Show me": does the step for the learner, through the same paths the learner would use.
  async showMe() {
    const step = this.step;
    if (!step) return;
    if (step.request) {
      const request = await this.lab.core.lessonRequest(this.lesson, this.index, this.progress.captures);
      if (request.error) return this.say(request.error);
      this.console.load(draftFrom(request));
      this.showTab('request');
      await this.console.send();
    } else if (step.admin) {
      const answer = await this.lab.admin(step.admin, `Lesson: ${step.title}`);
      if (answer.error) this.say(answer.error);
    } else if (step.advance) {
      const moved = (this.lab.snapshot.now - this.progress.stepStart) / 1000;
      await this.lab.advance(Math.max(0, Math.ceil(step.advance - moved)), `${step.advance} seconds on`);
    }
  }

  // A request the learner sent (any panel): does it meet the step?
  async checkRequest({ request, response }) {
    if (!this.lesson || !this.step?.request || this.met || this.progress.finished) return;
    const generation = ++this.generation;
    try {
      const answer = await this.lab.core.checkLessonStep(this.lesson, this.index, { request, response, captures: this.progress.captures });
      if (generation === this.generation) this.judge({ ...answer, failures: requestFeedback(this.step, answer.failures ?? []) });
    } catch (error) {
      this.say(error.message);
    }
  }

  // The world or the clock changed: does that meet an admin or advance step?
  async checkWorld() {
    const step = this.step;
    if (!this.lesson || this.met || this.progress.finished || !(step?.admin || step?.advance)) return;
    const generation = ++this.generation;
    const attempt = step.admin
      ? { captures: this.progress.captures }
      : { advanced: ((this.lab.snapshot?.now ?? 0) - this.progress.stepStart) / 1000, captures: this.progress.captures };
    try {
      const answer = await this.lab.core.checkLessonStep(this.lesson, this.index, attempt);
      if (generation !== this.generation) return;
      // Once the learner has changed something, an admin step that is still unmet says why.
      if (step.admin && !answer.met && changedSince(this.stepWorld, this.lab.snapshot)) {
        const said = adminFeedback(step.admin, this.stepWorld, this.lab.snapshot);
        this.judge({ ...answer, failures: said ? [said] : answer.failures });
        this.offerUndo = this.lab.undoStack.length > 0;
        this.render();
      } else {
        if (step.admin) this.failures = [];  // back as it was (Undo): nothing to say yet
        this.judge(answer, { quiet: true });
      }
    } catch (error) {
      this.say(error.message);
    }
  }

  judge({ met, failures = [], captures }, { quiet = false } = {}) {
    this.offerUndo = false;
    if (met) {
      this.progress.met[this.index] = true;
      if (captures) this.progress.captures = captures;
      this.failures = [];
      announce(`Step ${this.index + 1} done. ${this.step.explain ?? ''}`);
    } else if (!quiet) {
      this.failures = failures;
    }
    this.save();
    this.render();
  }

  say(message) {
    this.failures = [message];
    this.render();
  }

  save() {
    if (this.lesson) saveProgress(this.progress);
  }

  render() {
    this.mark();
    if (!this.lesson) return;
    const { lesson, progress } = this;
    const total = lesson.steps.length;
    replace(this.title, lesson.title);
    if (progress.finished) {
      replace(this.counter, `Done: ${total} of ${total} steps`);
      this.stepView.hidden = true;
      this.end.hidden = false;
      replace(this.end, el('h3', {}, 'What you covered'),
        el('ul', { id: 'lesson-concepts' }, lesson.concepts.map((id) => el('li', { dataset: { concept: id } }, conceptText(id)))),
        el('div', { class: 'actions' },
          el('button', { type: 'button', onclick: () => this.back() }, '← Back to the last step'),
          this.following(lesson)));
      return;
    }
    const step = this.step;
    this.stepView.hidden = false;
    this.end.hidden = true;
    // Values read from earlier answers (`${order}`) are shown as the learner got them.
    const markup = (text) => renderMarkup(withCaptures(text ?? '', progress.captures));
    replace(this.counter, `Step ${this.index + 1} of ${total}`);
    replace(this.stepTitle, ...markup(step.title));
    replace(this.text, ...markup(step.text));
    replace(this.hint, 'Hint: ', ...markup(step.hint));
    this.explain.hidden = !this.met;
    replace(this.explain, ...(this.met && step.explain ? markup(step.explain) : []));
    const kind = step.request ? 'request' : step.admin ? 'admin' : 'advance';
    if (this.met) replace(this.verdict, '✓ Done. ', this.index + 1 < total ? 'Press Next.' : 'Press Next to finish.');
    else if (this.failures?.length) {
      replace(this.verdict, 'Not yet: ', this.failures.join('; '),
        this.offerUndo ? [' ', el('button', { type: 'button', class: 'small', id: 'lesson-undo', onclick: () => this.lab.undo() }, 'Undo that change')] : []);
    }
    else if (this.nudged) replace(this.verdict, 'Not yet: ', { request: 'send the request first (Show me sends it).',
      admin: 'make the change in the admin first (Show me makes it).', advance: 'move the clock first (Show me moves it).' }[kind]);
    else replace(this.verdict, { request: 'Waiting for your request…', admin: 'Waiting for your change in the admin…',
      advance: 'Waiting for the clock to move…' }[kind]);
    this.verdict.dataset.met = String(this.met);
    this.verdict.dataset.nudged = String(!this.met && Boolean(this.nudged));
    this.backButton.disabled = this.index === 0;
    this.nextButton.disabled = !this.met;
    this.nextButton.textContent = this.index + 1 < total ? 'Next →' : 'Finish →';
  }

  // "Next lesson →" at the end of a shipped lesson that has one after it (app.js tells which).
  following(lesson) {
    const next = this.progress.source.shipped !== undefined ? this.nextLesson?.(lesson.id) : null;
    if (!next) return null;
    return el('button', { type: 'button', class: 'primary', id: 'lesson-next-lesson',
      onclick: () => this.start(next, { shipped: next.id }) }, `Next lesson: ${next.title} →`);
  }

  // <body>'s contract: data-lesson, data-lesson-step (1-based), data-lesson-steps.
  mark() {
    const body = document.body.dataset;
    if (!this.lesson) {
      for (const name of ['lesson', 'lessonStep', 'lessonSteps', 'lessonDone']) delete body[name];
      document.body.classList.remove('in-lesson');
      return;
    }
    body.lesson = this.lesson.id;
    body.lessonStep = String(this.index + 1);
    body.lessonSteps = String(this.lesson.steps.length);
    body.lessonDone = String(Boolean(this.progress.finished));
    document.body.classList.add('in-lesson');
  }
}

// Whether the learner changed the world's users, groups or policies since `before`.
function changedSince(before, now) {
  const part = (snapshot) => JSON.stringify([snapshot?.users, snapshot?.groups, snapshot?.policies]);
  return Boolean(before && now) && part(before) !== part(now);
}
