// "Predict, then send": on a step that asks for it, the learner guesses the status before the
// request goes out; once the answer is in, the guess is shown against it, with the lesson's
// words for that wrong guess (the 401-or-403 misconceptions are the point). In presenter mode
// the teacher can keep the answer from the class until they have guessed too (H, then A).
import { announce } from './announce.js';
import { reasonPhrase } from './badges.js';
import { el, replace } from './dom.js';

export const guessable = [200, 201, 204, 400, 401, 403, 404, 405, 429];

// Shows the question in `box`; resolves with the status the learner picks. There is no way
// around it: the request waits for the guess.
export function askPrediction(box) {
  return new Promise((resolve) => {
    const pick = (status) => () => {
      box.hidden = true;
      replace(box);
      resolve(status);
    };
    replace(box,
      el('p', { class: 'predict-question' }, 'What will it answer? Guess first, then the request goes out.'),
      el('div', { class: 'predict-choices' }, guessable.map((status) => el('button', {
        type: 'button', id: `predict-${status}`, class: 'small', onclick: pick(status), title: reasonPhrase(status),
      }, String(status)))));
    box.hidden = false;
    box.querySelector('button').focus();
    announce('What will it answer? Pick a status: then the request goes out.');
  });
}

// "You said 401 — it answered 403" and the lesson's words for that guess; or "Right!".
// `markup` draws the lesson's words (its tiny markup, as text nodes).
export function predictionResult(step, prediction, markup) {
  if (!prediction || prediction.actual === undefined || prediction.actual === null) return [];
  const { guess, actual, right } = prediction;
  if (right) return [el('strong', {}, 'Right! '), `You said ${guess} — it answered ${actual}.`];
  const words = step.predict_words?.[String(guess)];
  return [el('strong', {}, `You said ${guess} — it answered ${actual}.`), words ? [' ', ...markup(words)] : null];
}

// The lesson player's side of it: asking before a send, recording the guess, holding the answer.
export class Predictions {
  constructor(player) {
    this.player = player;
    this.hold = false;  // presenter mode: keep a predict step's answer until "Show the answer"
  }

  // Before any request of the lesson goes out (app.js routes every send here): a guided step
  // with "predict" asks the learner's guess first, once. Throws when the step changed before a
  // guess: then nothing is sent.
  async beforeSend() {
    const p = this.player;
    if (!p.lesson || p.progress.finished || p.challenge || !p.step?.predict || p.met || p.stepState?.prediction) return;
    this.guessing ??= this.guess(p.index).finally(() => { this.guessing = null; });
    if (!await this.guessing) throw new Error('Not sent: the step changed before a guess.');
  }

  async guess(index) {
    const p = this.player;
    const status = await new Promise((resolve) => {
      this.cancel = () => {
        p.predictBox.hidden = true;
        replace(p.predictBox);
        resolve(null);
      };
      askPrediction(p.predictBox).then(resolve);
    });
    this.cancel = () => {};
    if (status === null || index !== p.index || !p.lesson) return false;
    if (this.hold && document.body.dataset.presenter === 'true') document.body.dataset.answerHeld = 'true';
    await p.record({ predict: index, status });
    return true;
  }

  // A question still open is dropped (the step changed, the lesson was left).
  cancel() {}

  // The held answer shown ("Show the answer", A).
  reveal() {
    if (document.body.dataset.answerHeld === undefined) return;
    delete document.body.dataset.answerHeld;
    if (this.player.lesson) this.player.render();
    announce('The answer is shown.');
  }

  toggleHold() {
    this.hold = !this.hold;
    if (!this.hold) this.reveal();
    if (this.player.lesson) this.player.render();
    announce(this.hold ? 'On a predict step the answer stays hidden until you show it (A).' : 'Answers show at once.');
  }
}
