// Presenter mode, for a projector: large type, high contrast, the step, the console, the status
// and the decision on one 1920×1080 screen (style.css, body[data-presenter="true"]); the
// keyboard drives the lesson: → or Space next, ← back, R restart, F full screen.
import { announce } from './announce.js';
import { el } from './dom.js';

const typing = (target) => target.closest?.('input, textarea, select, [contenteditable], [role="tab"]');
const pressable = (target) => target.closest?.('button, summary, a');

export function setUpPresenter(player) {
  const set = (on) => {
    document.body.dataset.presenter = String(on);
    const url = new URL(location.href);
    if (on) url.searchParams.set('presenter', '');
    else url.searchParams.delete('presenter');
    history.replaceState(null, '', url.pathname + url.search.replace(/presenter=(&|$)/, 'presenter$1') + url.hash);
    announce(on ? 'Presenter mode: → or Space next, ← back, R restart, F full screen.' : 'Presenter mode is off.');
  };
  const exit = el('button', { type: 'button', id: 'presenter-exit', class: 'presenter-exit', onclick: () => set(false) }, 'Exit presenter mode');
  document.body.append(exit);
  player.addEventListener('presenter', () => set(document.body.dataset.presenter !== 'true'));
  player.addEventListener('left', () => { if (document.body.dataset.presenter === 'true') set(false); });

  document.addEventListener('keydown', (event) => {
    if (document.body.dataset.presenter !== 'true' || !player.lesson) return;
    if (event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) return;
    const key = event.key;
    if (key === ' ' && pressable(event.target)) return;  // Space presses the focused button
    const action = {
      ArrowRight: () => player.next(), ' ': () => player.next(), ArrowLeft: () => player.back(),
      r: () => player.restart(), R: () => player.restart(), f: fullScreen, F: fullScreen,
    }[key];
    if (!action) return;
    event.preventDefault();
    action();
  });
  return set;
}

function fullScreen() {
  if (document.fullscreenElement) document.exitFullscreen?.();
  else document.documentElement.requestFullscreen?.().catch(() => announce('This browser did not allow full screen.'));
}
