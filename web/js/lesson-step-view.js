// The lesson panel's elements, and drawing them from the player's state: the step (a guided
// step's hint and "Show me"; a challenge step's hints one at a time, "I give up" and its
// solution), the guess against the answer on a predict step, the verdict (what the core says
// is still unmet, in the learner's words), and the end. Text from a lesson is drawn with its
// tiny markup as text nodes, never as HTML.
import { el, replace } from './dom.js';
import { conceptText } from './lesson-concepts.js';
import { adminFeedback, requestFeedback } from './lesson-feedback.js';
import { renderMarkup, withCaptures } from './lesson-markup.js';
import { predictionResult } from './lesson-predict.js';
import { solutionList } from './lesson-solution.js';

const button = (id, text, onclick, cls) => el('button', { type: 'button', id, class: cls, onclick }, text);

export function buildStepView(p) {
  p.counter = el('p', { class: 'lesson-counter', id: 'lesson-counter' });
  p.title = el('h2', { id: 'lesson-title' });
  p.stepTitle = el('h3', { id: 'lesson-step-title' });
  p.text = el('div', { class: 'lesson-text', id: 'lesson-text' });
  p.hint = el('p', { class: 'lesson-hint', id: 'lesson-hint', hidden: true });
  p.hints = el('ol', { class: 'lesson-hints', id: 'lesson-hints', hidden: true });
  p.predictBox = el('div', { class: 'lesson-predict', id: 'lesson-predict', role: 'group', 'aria-label': 'Your guess', hidden: true });
  p.prediction = el('p', { class: 'lesson-prediction', id: 'lesson-prediction', role: 'status', hidden: true });
  p.verdict = el('p', { class: 'lesson-verdict', id: 'lesson-verdict', role: 'status', 'aria-live': 'polite' });
  p.explain = el('div', { class: 'lesson-explain', id: 'lesson-explain', hidden: true });
  p.giveUpBox = el('div', { class: 'lesson-confirm', id: 'lesson-give-up-confirm', role: 'alertdialog', 'aria-label': 'See the solution?', hidden: true },
    el('p', {}, 'See the solution? Your progress will say you gave up on this step.'),
    el('div', { class: 'actions' },
      button('lesson-give-up-yes', 'Show the solution', () => p.confirmGiveUp(true), 'danger'),
      button('lesson-give-up-no', 'Keep trying', () => p.confirmGiveUp(false))));
  p.solution = el('div', { class: 'lesson-solution', id: 'lesson-solution', tabindex: '-1', hidden: true });
  p.end = el('div', { class: 'lesson-end', id: 'lesson-end', hidden: true });
  p.confirm = el('div', { class: 'lesson-confirm', id: 'lesson-confirm', role: 'alertdialog', 'aria-label': 'Restart the lesson?', hidden: true },
    el('p', {}, 'Start again from step 1? What was done in this lesson is lost.'),
    el('div', { class: 'actions' },
      button('lesson-restart-yes', 'Restart from step 1', () => p.restart(), 'danger'),
      button('lesson-restart-no', 'Keep going', () => p.cancelRestart())));
  p.backButton = button('lesson-back', '← Back', () => p.back());
  p.nextButton = button('lesson-next', 'Next →', () => p.next(), 'primary');
  p.hintButton = button('lesson-hint-button', 'Hint', () => p.showHint());
  p.showButton = button('lesson-show', 'Show me', () => p.showMe());
  p.giveUpButton = button('lesson-give-up', 'I give up', () => p.giveUp());
  p.revealButton = button('answer-reveal', 'Show the answer (A)', () => p.predictions.reveal(), 'primary answer-reveal');
  p.holdButton = button('lesson-hold', 'Hide answers until the class guesses (H)', () => p.predictions.toggleHold(), 'presenter-only');
  p.stepView = el('div', { id: 'lesson-step' }, p.stepTitle, p.text, p.hint, p.hints, p.predictBox, p.revealButton, p.prediction,
    p.verdict, p.explain, p.giveUpBox, p.solution,
    el('div', { class: 'actions lesson-actions' }, p.backButton, p.hintButton, p.showButton, p.giveUpButton, p.nextButton));
  p.exportSlot = el('details', { class: 'lesson-export' }, el('summary', {}, 'Export my progress'));
  p.root.append(p.counter, p.title, p.stepView, p.end, p.confirm,
    el('div', { class: 'actions lesson-tools' },
      button('lesson-restart', 'Restart', () => p.askRestart()),
      button('lesson-presenter', 'Presenter mode', () => p.dispatchEvent(new Event('presenter'))),
      p.holdButton,
      button('lesson-leave', 'Leave the lesson', () => p.leave())),
    p.exportSlot,
    el('p', { class: 'presenter-keys', id: 'presenter-keys' }, el('kbd', {}, '→'), ' or ', el('kbd', {}, 'Space'), ' next · ',
      el('kbd', {}, '←'), ' back · ', el('kbd', {}, 'T'), ' tools · ', el('kbd', {}, 'R'), ' restart · ', el('kbd', {}, 'F'), ' full screen · ',
      el('kbd', {}, 'H'), ' hide answers · ', el('kbd', {}, 'A'), ' show the answer'));
}

// Whether the learner changed the world's users, groups or policies since `before`.
function changedSince(before, now) {
  const part = (snapshot) => JSON.stringify([snapshot?.users, snapshot?.groups, snapshot?.policies]);
  return Boolean(before && now) && part(before) !== part(now);
}

// The verdict line: done; what is still unmet once the learner has tried; or what it waits for.
function verdictParts(p) {
  const { step } = p;
  const total = p.lesson.steps.length;
  if (p.met) return ['✓ Done. ', p.index + 1 < total ? 'Press Next.' : 'Press Next to finish.'];
  if (p.problem) return [p.problem];
  const failures = p.stepState?.failures ?? [];
  const changed = changedSince(p.stepWorld, p.lab.snapshot);
  let said = [];
  if (p.challenge) said = p.acted || changed ? failures : [];
  else if (step.request) said = p.acted ? requestFeedback(step, failures) : [];
  else if (step.admin && changed) {
    const words = adminFeedback(step.admin, p.stepWorld, p.lab.snapshot);
    said = words ? [words] : failures;
  }
  if (said.length) {
    // A challenge's unmet conditions, one a line: what is still missing, as a checklist.
    const listed = p.challenge && said.length > 1 ? el('ul', { class: 'lesson-failures' }, said.map((failure) => el('li', {}, failure))) : said.join('; ');
    return ['Not yet: ', listed,
      step.admin && p.offerUndo ? [' ', el('button', { type: 'button', class: 'small', id: 'lesson-undo', onclick: () => p.lab.undo() }, 'Undo that change')] : []];
  }
  const kind = p.challenge ? 'challenge' : step.request ? 'request' : step.admin ? 'admin' : 'advance';
  if (p.nudged) {
    return ['Not yet: ', {
      request: 'send the request first (Show me sends it).', admin: 'make the change in the admin first (Show me makes it).',
      advance: 'move the clock first (Show me moves it).', challenge: 'reach the goal first (Hint helps; I give up shows the solution).',
    }[kind]];
  }
  return [{
    request: 'Waiting for your request…', admin: 'Waiting for your change in the admin…', advance: 'Waiting for the clock to move…',
    challenge: 'Waiting: reach the goal however you like.',
  }[kind]];
}

function renderEnd(p) {
  const { lesson } = p;
  const total = lesson.steps.length;
  replace(p.counter, `${p.challenge ? 'Solved' : 'Done'}: ${total} of ${total} steps`);
  p.stepView.hidden = true;
  p.end.hidden = false;
  replace(p.end, el('h3', {}, 'What you covered'),
    el('ul', { id: 'lesson-concepts' }, lesson.concepts.map((id) => el('li', { dataset: { concept: id } }, conceptText(id)))),
    el('div', { class: 'actions' },
      el('button', { type: 'button', onclick: () => p.back() }, '← Back to the last step'),
      p.following(lesson)));
}

// A challenge step's hints revealed so far, "Hint 1 of 3: …"; the button offers the next one.
function renderHints(p, markup) {
  const { step } = p;
  const all = step.hints ?? [];
  const shown = Math.min(p.stepState?.hints ?? 0, all.length);
  p.hint.hidden = true;
  p.hints.hidden = shown === 0;
  replace(p.hints, all.slice(0, shown).map((hint, i) => el('li', { class: 'lesson-hint' }, el('strong', {}, `Hint ${i + 1} of ${all.length}: `), ...markup(hint))));
  p.hintButton.textContent = shown < all.length ? `Hint ${shown + 1} of ${all.length}` : `All ${all.length} hints shown`;
  p.hintButton.disabled = shown >= all.length;
}

export function renderStep(p) {
  const { lesson, progress, step } = p;
  const total = lesson.steps.length;
  replace(p.title, lesson.title);
  if (progress.finished) return renderEnd(p);
  p.stepView.hidden = false;
  p.end.hidden = true;
  // Values read from earlier answers (`${order}`) are shown as the learner got them.
  const markup = (text) => renderMarkup(withCaptures(text ?? '', p.captures));
  replace(p.counter, `${p.challenge ? 'Challenge · ' : ''}Step ${p.index + 1} of ${total}`);
  replace(p.stepTitle, ...markup(step.title));
  replace(p.text, ...markup(step.text));
  const stepState = p.stepState ?? {};
  if (p.challenge) renderHints(p, markup);
  else {
    replace(p.hint, 'Hint: ', ...markup(step.hint));
    p.hint.hidden = !p.hintOpen;
    p.hints.hidden = true;
    p.hintButton.textContent = 'Hint';
    p.hintButton.disabled = !step.hint;
  }
  p.showButton.hidden = p.challenge;
  p.giveUpButton.hidden = !p.challenge || stepState.solution === true;
  p.giveUpBox.hidden = !p.askingGiveUp;
  p.solution.hidden = !(p.challenge && stepState.solution);
  replace(p.solution, ...(p.solution.hidden ? [] : [el('h4', {}, 'The solution'), solutionList(step.solution)]));
  const result = predictionResult(step, stepState.prediction, markup);
  p.prediction.hidden = result.length === 0;
  replace(p.prediction, ...result);
  p.revealButton.hidden = document.body.dataset.answerHeld === undefined;
  p.holdButton.hidden = !lesson.steps.some((one) => one.predict);  // only a predict step has an answer to keep back
  p.holdButton.textContent = p.predictions.hold ? 'Show answers at once (H)' : 'Hide answers until the class guesses (H)';
  p.holdButton.setAttribute('aria-pressed', String(p.predictions.hold));
  p.explain.hidden = !p.met;
  replace(p.explain, ...(p.met && step.explain ? markup(step.explain) : []));
  replace(p.verdict, ...verdictParts(p));
  p.verdict.dataset.met = String(p.met);
  p.verdict.dataset.nudged = String(!p.met && Boolean(p.nudged));
  p.backButton.disabled = p.index === 0;
  p.nextButton.disabled = !p.met;
  p.nextButton.textContent = p.index + 1 < total ? 'Next →' : 'Finish →';
}
