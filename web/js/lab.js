// The learner's lab as the panels see it: the core (in the worker), the latest view of its
// world, the client's notes (passwords it knows, tokens it holds), undo, and saving after
// every change. Panels listen for 'change' (the world or the notes changed) and 'exchange'
// (a request was answered).
// The view holds what the page shows, never the whole world: the first `viewRows` users, each
// group's first members, the first tokens, sessions, books and orders, and each list's length
// (user_total, member_count, token_count, …). A panel that lists more asks the core for its
// page (`usersPage`). The world is saved by the worker, which has its text.
import { announce } from './announce.js';
import { defaultPasswords } from './passwords.js';
import { loadUndo, saveUndo } from './undo-history.js';

const undoDepth = 40;
const undoChars = 32_000_000;  // large worlds keep fewer steps
export const viewRows = 100;
const viewWindow = { user_limit: viewRows, list_limit: viewRows };

export class Lab extends EventTarget {
  constructor(core) {
    super();
    this.core = core;
    this.snapshot = null;
    this.notes = { passwords: { ...defaultPasswords }, held: {} };
    this.undoStack = [];  // [{label, world (JSON text)}]
    // Where the lab saves after every change: the learner's own world (`place`: the worker saves
    // it), or a lesson's (its `save` keeps the text). `paused` while another tab's saved world
    // must not be overwritten (other-tabs.js).
    this.store = { place: 'learner', saveUndo, paused: false };
  }

  // Hands the lab another core with its own notes, undo history and place to save: a lesson's
  // world while the lesson runs, the learner's own again on leaving. Panels hear 'switch'.
  async switchTo({ core, notes, undoStack, store }) {
    Object.assign(this, { core, notes, undoStack, store });
    await this.refresh();
    this.dispatchEvent(new Event('switch'));
  }

  // The undo history saved by the previous page load (it survives a reload).
  restoreUndo() {
    this.undoStack = loadUndo();
  }

  // Reads the view again, has the world saved and tells every panel.
  async refresh() {
    const { place, paused } = this.store;
    const saving = !paused && place;
    this.snapshot = await this.core.refresh({ window: viewWindow, place: saving ? place : null, notes: saving ? this.notes : null });
    this.snapshotAt = performance.now();
    // A lesson's store keeps only the notes: its world is rebuilt from the lesson's evidence.
    if (!paused && !place) this.store.saveNotes(this.notes);
    this.dispatchEvent(new Event('change'));
  }

  // One page of the users matching `filter` (what usersPage's table shows). → {users, total}
  async usersPage(filter, offset, limit) {
    const view = await this.core.view({ user_filter: filter, user_offset: offset, user_limit: limit, list_limit: 0 });
    return { users: view.users, total: view.user_count };
  }

  // The virtual clock now, from the last snapshot plus the real time since (it runs on).
  virtualNow() {
    return this.snapshot ? this.snapshot.now + (performance.now() - this.snapshotAt) : Date.now();
  }

  // The user named `username` as the core has it now, or null.
  async user(username) {
    const { users } = await this.core.view({ user_filter: username, user_exact: true, list_limit: 0 });
    return users[0] ?? null;
  }

  passwordFor(username) {
    return Object.hasOwn(this.notes.passwords, username) ? this.notes.passwords[username] : null;
  }

  rememberPassword(username, password) {
    this.notes.passwords[username] = password;
    this.saveNotes();
  }

  saveNotes() {
    if (this.store.paused) return;
    if (this.store.place) this.core.saveNotes({ place: this.store.place, notes: this.notes }).catch(() => {});
    else this.store.saveNotes(this.notes);
  }

  // Sends one request through the core and tells the panels. `request` is complete (the page
  // has already added credentials and cookies), so it can be replayed and shown as curl.
  async send(request, origin = 'console') {
    const { response, trace } = await this.core.handle(request);
    this.learnFrom(request, response);
    const exchange = { request, response, trace, origin };
    await this.refresh();
    this.dispatchEvent(new CustomEvent('exchange', { detail: exchange }));
    return exchange;
  }

  // A user created through djoser's endpoint: the page keeps the password it sent.
  learnFrom(request, response) {
    if (request.method !== 'POST' || !/^\/auth\/users\/?$/.test(request.path) || response.status !== 201) return;
    try {
      const sent = JSON.parse(request.body ?? '');
      if (typeof sent.username === 'string' && typeof sent.password === 'string') {
        this.rememberPassword(response.json?.username ?? sent.username, sent.password);
      }
    } catch { /* a form body: nothing learnt */ }
  }

  // Admin commands (wasm/API.md), all or nothing; the change can be undone. → {ok} or {error}
  async admin(commands, doneMessage) {
    const list = Array.isArray(commands) ? commands : [commands];
    const before = await this.core.exportWorldText();
    for (const [index, command] of list.entries()) {
      const answer = await this.core.admin(command);
      if (answer.error) {
        if (index > 0) await this.core.importWorld(before);
        return answer;
      }
    }
    this.pushUndo(doneMessage, before);
    await this.refresh();
    announce(doneMessage);
    return { ok: true };
  }

  async advance(seconds, label) {
    await this.core.advance(seconds);
    await this.refresh();
    announce(`Virtual clock moved ${label}.`);
  }

  pushUndo(label, world) {
    this.undoStack.push({ label, world });
    let chars = this.undoStack.reduce((sum, entry) => sum + entry.world.length, 0);
    while (this.undoStack.length > 1 && (this.undoStack.length > undoDepth || chars > undoChars)) chars -= this.undoStack.shift().world.length;
    this.store.saveUndo(this.undoStack);
  }

  async undo() {
    const last = this.undoStack.pop();
    if (!last) return;
    this.store.saveUndo(this.undoStack);
    // Undo changes the server's world, not the browser: its cookies stay.
    const cookies = await this.core.exportCookiesText();
    const answer = await this.core.importWorld(last.world);
    if (answer.error) throw new Error(answer.error);
    await this.core.importCookies(cookies);
    await this.refresh();
    announce(`Undone: ${last.label}`);
  }

  // Untrusted text (a file, a link): the core validates it; on error nothing changes.
  async importWorld(text, label) {
    const before = await this.core.exportWorldText();
    const answer = await this.core.importWorld(text);
    if (answer.ok) {
      this.pushUndo(label, before);
      this.notes.held = {};  // tokens of another world mean nothing here
      await this.refresh();
      announce(`${label}: done.`);
    }
    return answer;
  }

  // A project's dumpdata, validated by the core; undoable like any import. → {ok, report} or {error}
  async importDjangoFixture(text, label) {
    const before = await this.core.exportWorldText();
    const answer = await this.core.importDjangoFixture(text);
    if (answer.ok) {
      this.pushUndo(label, before);
      await this.refresh();
      announce(`${label}: done.`);
    }
    return answer;
  }

  async reset() {
    const before = await this.core.exportWorldText();
    const answer = await this.core.admin({ op: 'reset', world: 'default' });
    if (answer.error) return answer;
    await this.core.clearCookies();
    this.pushUndo('Reset to the default world', before);
    this.notes = { passwords: { ...defaultPasswords }, held: {} };  // no draft: the console starts afresh too
    this.dispatchEvent(new Event('reset'));
    await this.refresh();
    announce('The world is back to its default: five users, three groups, three books.');
    return answer;
  }
}
