// The learner's lab as the panels see it: the core (in the worker), the latest snapshot of its
// world, the client's notes (passwords it knows, tokens it holds), undo, and saving after
// every change. Panels listen for 'change' (the world or the notes changed) and 'exchange'
// (a request was answered).
import { announce } from './announce.js';
import { defaultPasswords } from './passwords.js';
import { save, saveNotes } from './storage.js';
import { loadUndo, saveUndo } from './undo-history.js';

const undoDepth = 40;

export class Lab extends EventTarget {
  constructor(core) {
    super();
    this.core = core;
    this.snapshot = null;
    this.notes = { passwords: { ...defaultPasswords }, held: {} };
    this.undoStack = [];  // [{label, world (JSON text)}]
    // Where the lab saves after every change: the learner's own world, or a lesson's. `paused`
    // while another tab's saved world must not be overwritten (other-tabs.js).
    this.store = { save, saveNotes, saveUndo, paused: false };
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

  // Re-reads the world, saves it and tells every panel.
  async refresh() {
    const [snapshot, world, cookies] = await Promise.all([this.core.snapshot(), this.core.exportWorld(),
      this.core.exportCookies()]);
    this.snapshot = snapshot;
    this.snapshotAt = performance.now();
    if (!this.store.paused) this.store.save(JSON.stringify(world), JSON.stringify(cookies), this.notes);
    this.dispatchEvent(new Event('change'));
  }

  // The virtual clock now, from the last snapshot plus the real time since (it runs on).
  virtualNow() {
    return this.snapshot ? this.snapshot.now + (performance.now() - this.snapshotAt) : Date.now();
  }

  user(username) {
    return this.snapshot?.users.find((u) => u.username === username) ?? null;
  }

  passwordFor(username) {
    return Object.hasOwn(this.notes.passwords, username) ? this.notes.passwords[username] : null;
  }

  rememberPassword(username, password) {
    this.notes.passwords[username] = password;
    this.saveNotes();
  }

  saveNotes() {
    if (!this.store.paused) this.store.saveNotes(this.notes);
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
    const before = JSON.stringify(await this.core.exportWorld());
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
    if (this.undoStack.length > undoDepth) this.undoStack.shift();
    this.store.saveUndo(this.undoStack);
  }

  async undo() {
    const last = this.undoStack.pop();
    if (!last) return;
    this.store.saveUndo(this.undoStack);
    // Undo changes the server's world, not the browser: its cookies stay.
    const cookies = await this.core.exportCookies();
    const answer = await this.core.importWorld(last.world);
    if (answer.error) throw new Error(answer.error);
    await this.core.importCookies(cookies);
    await this.refresh();
    announce(`Undone: ${last.label}`);
  }

  // Untrusted text (a file, a link): the core validates it; on error nothing changes.
  async importWorld(text, label) {
    const before = JSON.stringify(await this.core.exportWorld());
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
    const before = JSON.stringify(await this.core.exportWorld());
    const answer = await this.core.importDjangoFixture(text);
    if (answer.ok) {
      this.pushUndo(label, before);
      await this.refresh();
      announce(`${label}: done.`);
    }
    return answer;
  }

  async reset() {
    const before = JSON.stringify(await this.core.exportWorld());
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
