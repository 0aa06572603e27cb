// Starts the lab: the core in its worker, the saved (or shared) world, every panel; then marks
// <body data-ready="true"> once the core has answered.
import { Admin } from './admin.js';
import { announce } from './announce.js';
import { AttackLab } from './attack-lab.js';
import { deadlineFor, labelFor } from './busy-labels.js';
import { SideBySide } from './compare.js';
import { RequestConsole } from './console.js';
import { byId } from './dom.js';
import { Lab } from './lab.js';
import { describeLoaded, labFromUrl } from './lab-link.js';
import { LessonPicker } from './lesson-picker.js';
import { LessonPlayer } from './lesson-player.js';
import { LoginTiming } from './login-timing.js';
import { clearOpenLesson, entryFor, loadOpenLesson } from './lesson-progress.js';
import { Matrix } from './matrix.js';
import { renderResponse } from './response.js';
import { restartFromSaved, restoreSaved } from './restore.js';
import { Rpc, remoteCore, startDeadlineMs } from './rpc.js';
import { askToOpenShared, askToReplaceLesson } from './share-prompt.js';
import { clearUrlWorld, worldFromUrl } from './share.js';
import { watchOtherTabs } from './other-tabs.js';
import { ProgressCheck } from './progress-check.js';
import { ProgressExport } from './progress-export.js';
import { setUpPresenter } from './presenter.js';
import { watchSaving } from './save-status.js';
import { sanitizeNotes } from './storage.js';
import { Stores } from './stores.js';
import { setUpTabs } from './tabs.js';
import { TokenFlow } from './tokens.js';
import { renderDecision } from './trace-diagram.js';
import { WhyNot } from './whynot.js';
import { setUpWorldTools } from './world-tools.js';

async function start() {
  const params = new URLSearchParams(location.search);
  document.body.dataset.presenter = String(params.has('presenter'));
  const showTab = setUpTabs();
  // The offline file starts the worker from a Blob (tools/bundle/bundle.mjs).
  const rpc = new Rpc(globalThis.AUTHLAB_WORKER_URL ?? new URL('../worker.js', import.meta.url));
  const coreId = await rpc.call(undefined, 'open', ['default'], 'Loading the core (WebAssembly)…', startDeadlineMs);
  const lab = new Lab(remoteCore(rpc, coreId, labelFor, deadlineFor));
  const say = setUpWorldTools(lab, () => linkState());

  // The saved state first; a world in the link replaces it (and can be undone).
  watchSaving(rpc, lab);
  const saved = await restoreSaved(lab, rpc, say);
  let player = null;  // the lesson player, made below: a restart in a lesson rebuilds the lesson
  restartFromSaved(rpc, lab, say, () => player);
  if (!saved.jar) delete lab.notes.held.session;  // the jar starts empty: that login is gone
  lab.restoreUndo();
  let shared = null;
  let link = null;
  try {
    shared = await worldFromUrl();
    link = await labFromUrl();
  } catch (error) {
    say(error.message);  // damaged or too large: nothing of it is loaded
    clearUrlWorld();
  }

  const requestConsole = new RequestConsole(byId('console'), lab);
  // Another world (a lesson's, or the learner's back): the last answer belonged to the other one.
  const blanks = ['response', 'decision', 'whynot'].map((id) => [byId(id), [...byId(id).childNodes].map((n) => n.cloneNode(true))]);
  lab.addEventListener('switch', () => blanks.forEach(([node, children]) => node.replaceChildren(...children.map((n) => n.cloneNode(true)))));
  lab.addEventListener('exchange', ({ detail }) => {
    renderResponse(byId('response'), detail);
    renderDecision(byId('decision'), detail);
  });
  const whyNot = new WhyNot(byId('whynot'), lab, requestConsole);
  new TokenFlow(byId('login'), byId('held'), lab, requestConsole, showTab);
  new Stores(byId('stores'), lab);
  new AttackLab(byId('attack-lab'), { lab, rpc, showTab });
  new LoginTiming(byId('login-timing'), { lab });
  const sideBySide = new SideBySide(byId('compare'), lab, rpc, requestConsole);
  requestConsole.onCompare = () => { showTab('compare', true); sideBySide.run(); };
  const admin = new Admin(byId('admin'), lab);
  admin.open('users');
  new Matrix(byId('matrix'), lab);
  player = new LessonPlayer(byId('lesson-panel'), { lab, rpc, requestConsole, showTab });
  const picker = new LessonPicker(byId('lesson-picker'), { rpc, player });
  player.nextLesson = (id) => picker.after(id);
  player.openAdmin = (section) => admin.open(section);
  // Why not? would solve a challenge: it stays silent while one runs.
  whyNot.paused = () => player.challenging;
  // A refusal the lesson's step expects is explained, not offered as something to fix.
  whyNot.expected = () => (player.lesson && !player.challenge && player.step?.request ? player.step.expect?.status ?? null : null);
  // Every request the lab sends in a lesson goes through the player first: a predict step
  // asks for the learner's guess before it goes out.
  const sendNow = lab.send.bind(lab);
  lab.send = async (request, origin) => {
    await player.predictions.beforeSend();
    return sendNow(request, origin);
  };
  const exporter = new ProgressExport({ rpc, player });
  exporter.mount(picker.progressSlot, 'progress');
  exporter.mount(player.exportSlot, 'lesson-progress');
  new ProgressCheck(picker.teacherSlot, { rpc, picker });
  setUpPresenter(player);
  watchOtherTabs(lab, rpc, { onLoad: () => loadOtherTab(lab, rpc, say) });
  const linkState = async () => ({
    world: await lab.core.exportWorldText(),
    cookies: await lab.core.exportCookiesText(),
    passwords: lab.notes.passwords,
    lesson: player.lesson ? player.progress.source : null,
    step: player.lesson ? player.index : 0,
    captures: player.lesson ? player.captures : {},
    draft: requestConsole.draft,
    tab: document.querySelector('[role="tab"][aria-selected="true"]')?.id.replace(/^tab-/, ''),
  });

  await lab.refresh();
  if (shared !== null) clearUrlWorld();
  // A learner with a world of their own is asked first; a first visit just opens it.
  if (shared !== null && !saved.world) await openShared(lab, shared, say);
  const wanted = params.get('lesson');
  const progress = loadOpenLesson();
  let linkWorld = null;
  // A link to another lesson than the one in progress asks first: the one in progress is
  // resumed, and the link's replaces it only on "Open the link's lesson".
  const linkLesson = link?.lesson ?? (wanted !== null ? { shipped: wanted } : null);
  const resumed = linkLesson && inProgress(progress) && !sameSource(progress.source, linkLesson) ? await resume(picker, player, progress) : null;
  const openLinkLesson = async () => {
    if (link) {
      linkWorld = await openLink(link, { lab, player, picker, requestConsole, showTab, say, ownWorld: Boolean(saved.world) });
      clearUrlWorld();
    } else if (wanted !== null) {
      const lesson = await picker.find({ shipped: wanted });
      if (!lesson) say(`There is no lesson "${wanted}" here; the lab opened without one.`);
      else {
        const open = progress?.source.shipped === wanted ? { notes: progress.notes, finished: progress.finished } : {};
        await player.start(lesson, { shipped: wanted }, { resume: true, ...open });
      }
    } else if (progress) {
      await resume(picker, player, progress);
    }
  };
  if (!resumed) await openLinkLesson();
  else if (link) clearUrlWorld();
  document.body.dataset.ready = 'true';
  announce('AuthLab is ready.');
  if (resumed) {
    const wantedLesson = await picker.find(linkLesson);
    if (wantedLesson && await askToReplaceLesson({ current: resumed.title, step: player.index + 1, wanted: wantedLesson.title })) await openLinkLesson();
    else forgetLessonParam();  // a reload keeps the lesson kept
  }
  if (shared !== null && saved.world && await askToOpenShared()) await openShared(lab, shared, say);
  if (linkWorld && await askToOpenShared()) await linkWorld();
}

function forgetLessonParam() {
  const address = new URL(location.href);
  address.searchParams.delete('lesson');
  history.replaceState(null, '', address.pathname + address.search.replace(/presenter=(&|$)/, 'presenter$1') + address.hash);
}

// A lesson the learner has got somewhere in (a step met, or past the first); a teacher's own
// lesson, once open, always.
function inProgress(open) {
  if (!open || open.finished) return false;
  if (open.source.shipped === undefined) return true;
  const entry = entryFor(open.source.shipped);
  return Boolean(entry) && (entry.steps.some((step) => step?.met === true)
    || (entry.evidence.events ?? []).some((event) => Number.isInteger(event?.enter) && event.enter > 0));
}
const sameSource = (a, b) => (a.shipped !== undefined ? a.shipped === b.shipped : a.text === b.text);

// Starts the open lesson where it was (its evidence replayed); → the lesson, or null when it is gone.
async function resume(picker, player, open) {
  const lesson = await picker.find(open.source);
  if (lesson) await player.start(lesson, open.source, { resume: true, notes: open.notes, finished: open.finished });
  else clearOpenLesson();
  return lesson;
}

async function openShared(lab, text, say) {
  const answer = await lab.importWorld(text, 'Opened the world from the link');
  if (answer.error) say(`The link's world was not loaded: ${answer.error}`);
}

// A #lab= link: a lesson at its step on the link's world, or the link's world as the learner's
// own; the passwords, the prepared request and the tab; then, in words, what it loaded. A
// learner who has a world of their own is asked before the link's world replaces it: then the
// function that opens it is returned, for once the page is ready to ask.
async function openLink(link, { lab, player, picker, requestConsole, showTab, say, ownWorld }) {
  const loaded = { passwords: link.passwords, draft: link.draft, tab: link.tab };
  const passwords = { ...lab.notes.passwords, ...(link.passwords ?? {}) };
  if (link.lesson) {
    const found = await picker.find(link.lesson);
    // A teacher's lesson from a link is played through first, as one from a file.
    const lesson = found && (link.lesson.text === undefined || await picker.playsThrough(found)) ? found : null;
    if (lesson) {
      const step = Math.min(link.step, lesson.steps.length - 1);
      await player.start(lesson, link.lesson, { link: { step, world: link.world, cookies: link.cookies }, notes: { passwords } });
      Object.assign(loaded, { world: link.world, lessonTitle: lesson.title, step: player.index, steps: lesson.steps.length });
    } else say('The link\'s lesson could not be opened (its problems are listed under Lessons).');
  }
  const openWorld = async () => {
    const answer = await lab.importWorld(link.world, 'Opened the world from the link');
    if (answer.error) say(`The link's world was not loaded: ${answer.error}`);
    else {
      loaded.world = link.world;
      if (link.cookies) await lab.core.importCookies(link.cookies);
    }
    await lab.refresh();
    byId('link-message').textContent = describeLoaded({ ...loaded, snapshot: lab.snapshot });
  };
  const askFirst = !link.lesson && link.world && ownWorld;
  if (!link.lesson && link.world && !ownWorld) await openWorld();
  lab.notes.passwords = passwords;
  lab.saveNotes();
  if (link.draft) requestConsole.load(link.draft);
  if (link.tab) showTab(link.tab);
  await lab.refresh();
  byId('link-message').textContent = describeLoaded({ ...loaded, snapshot: lab.snapshot });
  return askFirst ? openWorld : null;
}

// The other tab's saved world, notes and jar, loaded here (the change can be undone).
async function loadOtherTab(lab, rpc, say) {
  const saved = await rpc.call(undefined, 'savedRecord', ['learner']);
  if (!saved) return say('The other tab\'s world could not be read.');
  const answer = await lab.importWorld(saved.world, 'Loaded the other tab\'s world');
  if (answer.error) return say(`The other tab's world could not be loaded: ${answer.error}`);
  lab.notes = { ...lab.notes, ...sanitizeNotes(saved.notes) };
  if (saved.cookies) await lab.core.importCookies(saved.cookies);
  await lab.refresh();
  lab.dispatchEvent(new Event('switch'));
}

start().catch((error) => {
  byId('world-message').textContent = `AuthLab could not start: ${error.message}`;
});
