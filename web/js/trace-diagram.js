// The decision, drawn: the core's trace as a sequence diagram across six lifelines
// (client → API → authentication → authorization → throttling → handler), revealed step by step, stopping
// where the request was refused. It is an ordered list laid out as a grid, so it reads in
// order without the picture too.
import { reasonPhrase, statusBadge, statusKind, statusMeaning } from './badges.js';
import { el, replace } from './dom.js';

const lanes = [
  { name: 'Client', role: 'you' },
  { name: 'API', role: 'URL routing' },
  { name: 'Authentication', role: 'who is this?' },
  { name: 'Authorization', role: 'may they?' },
  { name: 'Throttling', role: 'how often?' },
  { name: 'Handler', role: 'the view' },
];
const laneOfStage = {
  route: 1, authentication: 2, user: 2, csrf: 2, permission: 3, object_permission: 3, throttle: 4, handler: 5,
};

// How a step's result reads, with a symbol that does not depend on colour.
const results = {
  pass: ['✓', 'passed'],
  authenticated: ['✓', 'authenticated'],
  allowed: ['✓', 'allowed'],
  no_credentials: ['–', 'stepped aside'],
  anonymous: ['?', 'anonymous'],
  skipped: ['–', 'skipped'],
  fail: ['✗', 'refused'],
};
// The sign on the refusing step: "WHO?" for a 401 (identity unknown), "STOP" for a 403.
const stopWords = { unauthenticated: 'WHO?', forbidden: 'STOP', throttled: 'WAIT', error: 'ERROR' };
const resultOf = (result) => results[result] ?? ['•', String(result ?? '').replaceAll('_', ' ')];

function userOf(steps) {
  const user = steps.find((s) => s.stage === 'user');
  if (!user) return null;
  return user.data?.user ?? 'AnonymousUser';
}

function transitionLabel(from, to, steps) {
  if (to === 2) return 'Who sent this?';
  if (to === 3) {
    const user = userOf(steps);
    return user ? `request.user = ${user}` : 'May this request go on?';
  }
  if (to === 4) return 'Allowed: how many requests lately?';
  if (to === 5) return 'Allowed: run the view';
  return '';
}

// A short description of the credentials a request carried, for the first arrow.
function credentialsOf(request) {
  const headers = Object.entries(request.headers ?? {});
  const auth = headers.find(([n]) => n.toLowerCase() === 'authorization')?.[1];
  const cookie = headers.find(([n]) => n.toLowerCase() === 'cookie')?.[1] ?? '';
  const parts = [];
  // The scheme and the credential's first characters: the arrow is one lane wide.
  const [scheme, credential = ''] = auth ? auth.split(/ (.*)/s) : [];
  if (auth) parts.push(`Authorization: ${credential.length > 10 ? `${scheme} ${credential.slice(0, 8)}…` : auth}`);
  const names = cookie.split(';').map((c) => c.split('=')[0].trim()).filter(Boolean);
  if (names.length) parts.push(`cookies: ${names.join(', ')}`);
  return parts.length ? parts.join(' · ') : 'no credentials';
}

// The step where the request stopped: the last refusal before the response, if any.
function stopIndex(steps, status) {
  if (status < 400) return -1;
  for (let i = steps.length - 1; i >= 0; i--) if (steps[i].result === 'fail') return i;
  return steps.length - 1;
}

function arrow(from, to, label, sub, kind = '') {
  const [left, right] = [Math.min(from, to), Math.max(from, to)];
  const item = el('li', { class: `seq-arrow ${to < from ? 'leftward' : 'rightward'} ${kind}` },
    el('span', { class: 'visually-hidden' }, `${lanes[from].name} to ${lanes[to].name}: `),
    el('span', { class: 'arrow-label' }, label),
    sub ? el('span', { class: 'arrow-sub' }, sub) : null);
  item.style.setProperty('grid-column', `${left + 1} / ${right + 2}`);
  item.style.setProperty('--span', String(right - left + 1));
  return item;
}

// A note stands right of its lifeline; on the last two (throttling, the handler) it stands
// left of it, so it has the width of the lanes before it rather than half a lane.
const leftOfLifeline = (lane) => lane >= lanes.length - 2;

function note(lane, step, isStop, status) {
  const [symbol, words] = resultOf(step.result);
  const side = leftOfLifeline(lane) ? ' note-left' : '';
  const item = el('li', { class: `seq-note lane-${lanes[lane].name.toLowerCase()}${side} result-${step.result}${isStop ? ` stop stop-${statusKind(status)}` : ''}` },
    el('span', { class: 'visually-hidden' }, `${lanes[lane].name}: `),
    isStop ? el('span', { class: `stop-sign stop-sign-${statusKind(status)}`, 'aria-hidden': 'true' }, stopWords[statusKind(status)] ?? 'STOP') : null,
    el('span', { class: 'note-head' },
      el('span', { class: 'result-symbol', 'aria-hidden': 'true' }, symbol),
      el('strong', {}, step.component), ' ', el('span', { class: 'result-words' }, words)),
    el('span', { class: 'note-summary' }, step.summary),
    isStop ? el('span', { class: 'stop-words' }, `Refused here → ${status} ${reasonPhrase(status)}`) : null);
  item.style.setProperty('grid-column', leftOfLifeline(lane) ? `1 / ${lane + 2}` : `${lane + 1} / -1`);
  item.style.setProperty('--span', String(leftOfLifeline(lane) ? lane + 1 : lanes.length - lane));
  return item;
}

export function renderDecision(root, { request, response, trace }) {
  const steps = trace?.steps ?? [];
  const status = response.status;
  const stop = stopIndex(steps.filter((s) => s.stage !== 'response'), status);
  const items = [arrow(0, 1, `${request.method} ${request.path}`, credentialsOf(request))];
  let lane = 1;
  let reached = 1;
  steps.filter((s) => s.stage !== 'response').forEach((step, index) => {
    const target = laneOfStage[step.stage] ?? lane;
    if (target > lane) items.push(arrow(lane, target, transitionLabel(lane, target, steps)));
    lane = target;
    reached = Math.max(reached, lane);
    items.push(note(lane, step, index === stop, status));
  });
  items.push(arrow(lane, 0, `${status} ${reasonPhrase(status)}`, statusMeaning(status, trace?.outcome?.kind),
    `answer answer-${statusKind(status)}`));
  items.forEach((item, index) => item.style.setProperty('--i', String(index)));

  const stopped = stop >= 0 ? steps.filter((s) => s.stage !== 'response')[stop] : null;
  replace(root,
    el('div', { class: `outcome outcome-${statusKind(status)}`, id: 'decision-outcome', dataset: { status: String(status) } },
      statusBadge(status),
      el('p', { class: 'outcome-sentence' }, trace?.outcome?.sentence ?? ''),
      stopped ? el('p', { class: 'stopped-at' }, 'Stopped at ', el('strong', {}, lanes[laneOfStage[stopped.stage] ?? lane].name),
        ` (${stopped.component}).`) : null),
    el('div', { class: 'seq', role: 'group', 'aria-label': 'Sequence diagram of the decision' },
      el('div', { class: 'seq-lanes', 'aria-hidden': 'true' },
        lanes.map((l, index) => el('div', { class: `seq-lane${index > reached ? ' unreached' : ''}` },
          el('strong', {}, l.name), el('span', {}, index > reached ? 'not reached' : l.role)))),
      el('ol', { class: 'seq-steps', id: 'trace-steps' }, items)));
  if (document.body.dataset.presenter === 'true') showEnd(root);
}

// On a projector the diagram has a fixed height. A trace too long for it (an object check
// runs the permissions twice) scrolls its list, and only it, to the end: the answer and the
// refusing step; the refusing step first if both do not fit. presenter.js calls it again when
// the screen changes size (full screen, a projector plugged in).
export function showEnd(root) {
  const list = root.querySelector('.seq-steps');
  if (!list || list.scrollHeight <= list.clientHeight) return;
  list.scrollTop = list.scrollHeight;
  const stop = list.querySelector('.seq-note.stop');
  const above = stop ? list.getBoundingClientRect().top - stop.getBoundingClientRect().top : 0;
  if (above > 0) list.scrollTop -= above + 4;
}
