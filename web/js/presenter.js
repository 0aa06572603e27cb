// Presenter mode, for a projector (presenter.css, body[data-presenter="true"]): the step and
// the answer on one screen, and keys a presenter can trust. → or Space next (never a press of
// the focused button: Space after Send must not send again), ← back, R restart (asked first;
// R again confirms, Escape keeps going), T the folded tools, F full screen, H hides the answer
// of a predict step until the class has guessed, A shows it.
import { announce } from './announce.js';
import { byId, el } from './dom.js';
import { showEnd } from './trace-diagram.js';

const typing = (target) => target.closest?.('input, textarea, select, [contenteditable], [role="tab"]');
const keysSaid = '→ or Space next, ← back, T tools, R restart, F full screen, H hide answers until the class guesses, A show the answer.';

export function setUpPresenter(player) {
  const on = () => document.body.dataset.presenter === 'true';
  const set = (wanted) => {
    document.body.dataset.presenter = String(wanted);
    if (!wanted) {
      delete document.body.dataset.presenterTools;
      player.predictions.reveal();  // a held answer is not kept from a learner at a desk
    }
    byId('lesson-presenter').textContent = wanted ? 'Exit presenter mode' : 'Presenter mode';
    const url = new URL(location.href);
    if (wanted) url.searchParams.set('presenter', '');
    else url.searchParams.delete('presenter');
    history.replaceState(null, '', url.pathname + url.search.replace(/presenter=(&|$)/, 'presenter$1') + url.hash);
    announce(wanted ? `Presenter mode: ${keysSaid}` : 'Presenter mode is off.');
  };
  const exit = el('button', { type: 'button', id: 'presenter-exit', class: 'presenter-exit', onclick: () => set(false) }, 'Exit presenter mode');
  document.body.append(exit);
  byId('lesson-presenter').textContent = on() ? 'Exit presenter mode' : 'Presenter mode';
  player.addEventListener('presenter', () => set(!on()));
  player.addEventListener('left', () => { if (on()) set(false); });
  // Another screen size (F for full screen): a long decision scrolls back to its refusing step.
  window.addEventListener('resize', () => { if (on()) showEnd(byId('decision')); });

  const toggleTools = () => {
    const shown = document.body.dataset.presenterTools === 'shown';
    if (shown) delete document.body.dataset.presenterTools;
    else document.body.dataset.presenterTools = 'shown';
    announce(shown ? 'The tools are folded away (T brings them back).' : 'The header, the tabs and the console are back (T folds them).');
  };
  const restart = () => (player.asking ? player.restart() : player.askRestart());
  const hold = () => player.predictions.toggleHold();
  const reveal = () => player.predictions.reveal();

  document.addEventListener('keydown', (event) => {
    if (!on() || !player.lesson) return;
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    // While asking, R confirms and Escape keeps going; other keys do what they do on the
    // question's buttons (Keep going has the focus).
    const action = player.asking
      ? { r: restart, R: restart, Escape: () => player.cancelRestart() }[event.key]
      : {
        ArrowRight: () => player.next(), ' ': () => player.next(), ArrowLeft: () => player.back(),
        r: restart, R: restart, t: toggleTools, T: toggleTools, f: fullScreen, F: fullScreen,
        h: hold, H: hold, a: reveal, A: reveal,
      }[event.key];
    if (!action) return;
    event.preventDefault();  // also keeps Space from pressing the focused button (Send, Show me)
    action();
  });
  // Chromium presses a focused button on Space's keyup: that press is not the presenter's.
  document.addEventListener('keyup', (event) => {
    if (on() && player.lesson && !player.asking && event.key === ' ' && !typing(event.target)) event.preventDefault();
  });
  return set;
}

function fullScreen() {
  if (document.fullscreenElement) document.exitFullscreen?.();
  else document.documentElement.requestFullscreen?.().catch(() => announce('This browser did not allow full screen.'));
}
