// The lesson player: one lesson, step by step, beside the lab. The lesson runs on a core of
// its own (lab.lessonCore) that records everything done to it — requests, admin changes,
// clock moves, imports — and judges the lesson's steps itself: after every 'exchange' and
// 'change' of the lab the player asks core.lessonState() and shows what it says. The page
// never decides whether a step is met. What the page records besides are the learner's moves
// in the lesson (core.lessonEvent): a step entered, a hint or a solution shown, a guess.
// A guided step gives the request (prefill, "Show me"); a challenge step gives only the goal,
// hints one at a time and, on "I give up", the solution. The learner's own world is put aside
// and given back on leaving; the lesson's progress entry is saved after each change, and a
// reload rebuilds the lesson by replaying its evidence.
// <body> carries data-lesson, data-lesson-step (1-based), data-lesson-steps, data-lesson-mode,
// data-answer-held and data-presenter, which the tests and the presenter's styles rely on.
import { announce } from './announce.js';
import { deadlineFor, labelFor } from './busy-labels.js';
import { el } from './dom.js';
import { draftFrom } from './lesson-draft.js';
import { Predictions } from './lesson-predict.js';
import { clearOpenLesson, entryFor, lessonStore, saveEntry, saveOpenLesson } from './lesson-progress.js';
import { buildStepView, renderStep } from './lesson-step-view.js';
import { defaultPasswords } from './passwords.js';
import { remoteCore } from './rpc.js';

// The admin's section where each admin command's change is made by hand.
const adminSection = { save_group: 'groups', delete_group: 'groups', set_policies: 'policies' };

// A new lesson's random seed (its tokens, salts and keys), from the browser's cryptographic source.
const newSeed = () => crypto.getRandomValues(new Uint32Array(1))[0];

export class LessonPlayer extends EventTarget {
  constructor(root, { lab, rpc, requestConsole, showTab }) {
    super();
    Object.assign(this, { root, lab, rpc, console: requestConsole, showTab });
    this.lesson = null;
    this.state = null;
    this.updates = 0;
    lab.addEventListener('exchange', () => {
      if (!this.lesson) return;
      this.acted = true;
      this.problem = null;
      this.update();
    });
    lab.addEventListener('change', () => this.update());
    this.predictions = new Predictions(this);
    buildStepView(this);
    this.mark();
  }

  get step() { return this.lesson?.steps[this.index] ?? null; }
  get index() { return this.progress?.step ?? 0; }
  get challenge() { return this.lesson?.mode === 'challenge'; }
  get stepState() { return this.state?.steps?.[this.index] ?? null; }
  get met() { return this.stepState?.met === true; }
  get captures() { return this.state?.captures ?? {}; }
  // Why not? would solve a challenge for the learner: it is off while one runs.
  get challenging() { return Boolean(this.lesson) && this.challenge && !this.progress.finished; }

  // Starts `lesson` (as lab.parseLesson returned it). `source` says how to find it again after a
  // reload. `resume`: go on from the lesson's saved entry (replayed), if there is one;
  // `link`: {world, cookies, step} a share link brought; `notes`: the page's notes in it.
  async start(lesson, source, { resume = false, link = null, notes = null, finished = false } = {}) {
    await this.savingEntry;  // the lesson left is saved as it was left
    const previous = this.core;
    if (!this.lesson) this.own = { core: this.lab.core, notes: this.lab.notes, undoStack: this.lab.undoStack, store: this.lab.store };
    this.starting = true;
    let core = null;
    let lost = null;
    let replayed = false;
    const saved = resume ? entryFor(lesson.id) : null;
    try {
      if (saved) {
        try {
          core = await this.openCore(lesson, { seed: saved.evidence.seed, evidence: saved.evidence });
        } catch (error) {
          lost = error.message;  // another version of the lesson, or a damaged entry: start afresh
        }
      }
      core ??= await this.openCore(lesson, { seed: newSeed() });
      if (link?.world) {
        const answer = await core.importWorld(link.world);
        if (!answer.error && link.cookies) await core.importCookies(link.cookies);
      }
      this.lesson = lesson;
      this.core = core;
      replayed = Boolean(saved) && !lost;
      const lessonNotes = { passwords: { ...defaultPasswords }, held: {}, ...(notes ?? {}) };
      this.progress = { source, step: 0, finished: replayed && finished, notes: lessonNotes };
      this.state = await core.lessonState();
      await this.lab.switchTo({ core, notes: lessonNotes, undoStack: [], store: lessonStore(this.progress) });
    } finally {
      this.starting = false;
    }
    if (previous) await this.close(previous);
    this.root.hidden = false;
    const last = lesson.steps.length - 1;
    if (replayed) await this.enter(Math.min(this.state.step ?? 0, last), { fresh: false, record: false });
    else if (!await this.enter(Math.min(link?.step ?? 0, last), { fresh: true })) {
      // A link's later step: the core lets a step begin only once those before it are done.
      await this.enter(0, { fresh: true });
      this.say(`The link points at step ${link.step + 1}; a lesson's steps are done in order, so it starts at step 1, on the link's world.`);
    }
    if (lost) this.say(`Your saved progress in this lesson could not be replayed (${lost}); it starts again from step 1.`);
    announce(`Lesson: ${lesson.title}.`);
  }

  async openCore(lesson, options) {
    const coreId = await this.rpc.call(undefined, 'lessonCore', [lesson, options], 'Building the lesson\'s world…', 120_000);
    return remoteCore(this.rpc, coreId, labelFor, deadlineFor);
  }

  // After the worker restarted: its cores are gone and their ids are given out again, so the
  // old lesson core is forgotten (closing it would close a new one), and the lesson is rebuilt
  // from its saved evidence.
  async rebuild() {
    this.core = null;
    await this.start(this.lesson, this.progress.source, { resume: true, notes: this.progress.notes });
  }

  // A lesson's core is closed once the lab no longer uses it (calls already sent finish first).
  async close(core) {
    await this.rpc.call(undefined, 'close', [core.id]).catch(() => {});
  }

  // Gives the learner's own world back. The lesson's progress entry stays (the list and the
  // progress file show it; starting the lesson again goes on from it).
  async leave() {
    if (!this.lesson) return;
    await this.savingEntry;
    const lessonCore = this.core;
    this.predictions.cancel();
    this.lesson = null;
    this.core = null;
    this.state = null;
    clearOpenLesson();
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
    await this.start(this.lesson, this.progress.source, { notes: { passwords: { ...defaultPasswords }, held: {} } });
    announce('The lesson starts again from step 1.');
  }

  async back() {
    if (!this.lesson) return;
    if (this.progress.finished) {
      this.progress.finished = false;
      await this.enter(this.index, { fresh: false });
    } else if (this.index > 0) await this.enter(this.index - 1, { fresh: false });
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
      saveOpenLesson(this.progress);
      this.render();
      return;
    }
    await this.enter(this.index + 1, { fresh: true });
  }

  // Shows step `index` and tells the core the learner is on it (`record`; not when a reload
  // puts the learner back where the evidence says). A fresh entry also prepares the console
  // (a guided request step's prepared request) and opens where the learner acts.
  // → false when the core refuses the step (one before it is not done): nothing moves then.
  async enter(index, { fresh, record = true }) {
    this.updates += 1;  // a state asked for before is about the step left
    this.predictions.cancel();
    if (record) {
      try {
        this.state = await this.core.lessonEvent({ enter: index });
      } catch (error) {
        this.say(error.message);
        return false;
      }
    }
    this.progress.step = index;
    const step = this.step;
    if (fresh && step.request && step.prefill !== false) {
      const request = await this.lab.core.lessonRequest(this.lesson, index, this.captures);
      if (!request.error) this.console.load(draftFrom(request));
    }
    if (fresh) this.showTab(step.admin ? 'admin' : step.advance ? 'tokens' : 'request');  // where the learner acts
    if (fresh && step.admin) this.openAdmin?.(adminSection[step.admin.op] ?? 'users');  // at the section that makes the change
    Object.assign(this, { hintOpen: false, acted: false, nudged: false, problem: null, askingGiveUp: false, offerUndo: false });
    this.stepWorld = this.lab.snapshot;  // what an admin step's feedback compares with
    this.predictions.reveal();
    saveOpenLesson(this.progress);
    this.render();
    this.saveProgressEntry();
    return true;
  }

  // The core's judgment now (after every exchange and change).
  async update() {
    if (!this.lesson || this.starting) return;
    const asked = ++this.updates;
    const core = this.core;
    let state;
    try {
      state = await core.lessonState();
    } catch (error) {
      if (asked === this.updates) this.say(error.message);
      return;
    }
    if (asked !== this.updates || core !== this.core) return;  // a newer one is on its way
    this.setState(state);
  }

  setState(state) {
    const wasMet = this.met;
    this.state = state;
    if (!wasMet && this.met) announce(`Step ${this.index + 1} done. ${this.step.explain ?? ''}`);
    if (this.step?.admin && !this.met) this.offerUndo = this.lab.undoStack.length > 0;
    this.render();
    this.saveProgressEntry();
  }

  // Records one of the learner's moves (a hint, a solution, a guess) and shows the state after.
  async record(event) {
    try {
      this.setState(await this.core.lessonEvent(event));
    } catch (error) {
      this.say(error.message);
    }
  }

  // "Show me" (guided steps): does the step for the learner, through the paths the learner would use.
  async showMe() {
    const step = this.step;
    if (!step || this.challenge) return;
    if (step.request) {
      const request = await this.lab.core.lessonRequest(this.lesson, this.index, this.captures);
      if (request.error) return this.say(request.error);
      this.console.load(draftFrom(request));
      this.showTab('request');
      await this.console.send();
    } else if (step.admin) {
      const answer = await this.lab.admin(step.admin, `Lesson: ${step.title}`);
      if (answer.error) this.say(answer.error);
    } else if (step.advance) {
      // The core judges the clock moved since the step was entered: move the whole amount.
      await this.lab.advance(step.advance, `${step.advance} seconds on`);
    }
  }

  // "Hint": a guided step's one hint shows and hides (its first showing counted); a challenge
  // step's next hint is revealed and counted.
  async showHint() {
    if (!this.lesson) return;
    const shown = this.stepState?.hints ?? 0;
    if (this.challenge) {
      if (shown >= (this.step.hints?.length ?? 0)) return;
      await this.record({ hint: this.index });
      announce(`Hint ${shown + 1} of ${this.step.hints.length}: ${this.step.hints[shown]}`);
      return;
    }
    this.hintOpen = !this.hintOpen;
    if (this.hintOpen && shown === 0) await this.record({ hint: this.index });
    else this.render();
  }

  // "I give up" asks once, then shows the step's solution (counted).
  giveUp() {
    this.askingGiveUp = true;
    this.render();
    this.root.querySelector('#lesson-give-up-no')?.focus();
  }

  async confirmGiveUp(yes) {
    this.askingGiveUp = false;
    if (yes) {
      await this.record({ solution: this.index });
      this.root.querySelector('#lesson-solution')?.focus();
    } else this.render();
  }

  say(message) {
    this.problem = message;
    this.render();
  }

  // The lesson's entry of the progress file, saved after each change (one save at a time;
  // changes meanwhile are saved once it is done).
  saveProgressEntry() {
    if (!this.lesson) return;
    if (this.savingEntry) {
      this.saveAgain = true;
      return;
    }
    const { lesson, core, progress } = this;
    this.savingEntry = (async () => {
      do {
        this.saveAgain = false;
        const entry = await core.lessonProgress({ shipped: progress.source.shipped !== undefined }).catch(() => null);
        if (entry && core === this.core && !saveEntry(lesson.id, entry) && !this.unsaved) {
          this.unsaved = true;  // said once: storage full or turned off
          this.say('Your progress could not be kept in this browser (its storage is full or off): export it before you close the page.');
        }
      } while (this.saveAgain && core === this.core);
      this.dispatchEvent(new Event('progress'));
    })().finally(() => { this.savingEntry = null; });
  }

  // The open lesson's entry as it is now (for "Export my progress"), or null.
  async currentEntry() {
    if (!this.lesson) return null;
    await this.savingEntry;
    return this.core.lessonProgress({ shipped: this.progress.source.shipped !== undefined });
  }

  render() {
    this.mark();
    if (this.lesson) renderStep(this);
  }

  // "Next lesson →" at the end of a shipped lesson that has one after it (app.js tells which).
  following(lesson) {
    const next = this.progress.source.shipped !== undefined ? this.nextLesson?.(lesson.id) : null;
    if (!next) return null;
    return el('button', { type: 'button', class: 'primary', id: 'lesson-next-lesson',
      onclick: () => this.start(next, { shipped: next.id }, { resume: true }) }, `Next lesson: ${next.title} →`);
  }

  // <body>'s contract: data-lesson, data-lesson-step (1-based), data-lesson-steps, data-lesson-mode.
  mark() {
    const body = document.body.dataset;
    if (!this.lesson) {
      for (const name of ['lesson', 'lessonStep', 'lessonSteps', 'lessonDone', 'lessonMode', 'answerHeld']) delete body[name];
      document.body.classList.remove('in-lesson');
      return;
    }
    body.lesson = this.lesson.id;
    body.lessonStep = String(this.index + 1);
    body.lessonSteps = String(this.lesson.steps.length);
    body.lessonDone = String(Boolean(this.progress.finished));
    body.lessonMode = this.challenge ? 'challenge' : 'guided';
    document.body.classList.add('in-lesson');
  }
}
