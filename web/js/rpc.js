// The page's line to the worker that runs the core: every call is a promise, answered in
// order. Once a call has taken a noticeable time, the page says what the core is doing.
// Work in the worker is bounded: a call not answered within its deadline (counted from when
// the worker starts it, so waiting behind other calls does not count), or a worker that fails,
// ends that worker; every pending call is refused with the reason, a fresh worker is
// started and a 'restart' event asks the page to load its last saved world into it. What the
// worker tells unasked ({event: 'save', …}: a save went through or was refused) is dispatched as
// an event of that name.
import { showBusy } from './announce.js';

const noticeAfterMs = 150;
export const callDeadlineMs = 8_000;     // Argon2 at Django's cost takes well under a second
export const startDeadlineMs = 60_000;  // fetching and compiling the WebAssembly module
const maxRestartsPerMinute = 3;          // then the core is considered broken, not unlucky

export class Rpc extends EventTarget {
  constructor(workerUrl) {
    super();
    this.workerUrl = workerUrl;
    this.pending = new Map();
    this.nextId = 1;
    this.restarts = [];
    this.start();
  }

  start() {
    this.answered = false;
    this.worker = new Worker(this.workerUrl, { type: 'module' });
    this.worker.onmessage = ({ data }) => {
      this.answered = true;
      if (data.event) this.dispatchEvent(new CustomEvent(data.event, { detail: data }));
      else if (data.started !== undefined) this.started(data.started);
      else this.settle(data);
    };
    this.worker.onerror = (event) => {
      event.preventDefault?.();
      if (!this.answered) this.failAll(`The core could not start: ${event.message || 'its worker failed to load'}`);
      else this.restart(`its worker failed: ${event.message || 'it stopped'}`);
    };
  }

  call(core, method, args = [], label = 'The core is working…', deadlineMs = callDeadlineMs) {
    if (this.failure) return Promise.reject(new Error(this.failure));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const call = { resolve, reject, label, noticed: false, deadlineMs };
      call.timer = setTimeout(() => { call.noticed = true; this.updateBusy(); }, noticeAfterMs);
      this.pending.set(id, call);
      this.worker.postMessage({ id, core, method, args });
      this.watchQueue();
    });
  }

  // The worker began the call: its clock starts now.
  started(id) {
    const call = this.pending.get(id);
    if (!call || call.deadline) return;
    call.deadline = setTimeout(() => this.restart(`“${call.label}” ran past ${call.deadlineMs / 1000} s`), call.deadlineMs);
    this.watchQueue();
  }

  // Calls wait while another runs; but calls waiting with none running mean a worker that
  // stopped taking them up (it died or hangs between calls): that too ends at the deadline.
  watchQueue() {
    const waiting = [...this.pending.values()];
    const stalled = waiting.length > 0 && waiting.every((call) => !call.deadline);
    if (!stalled) {
      clearTimeout(this.stall);
      this.stall = null;
    } else if (!this.stall) {
      const { label } = waiting[0];
      this.stall = setTimeout(() => { this.stall = null; this.restart(`“${label}” ran past ${callDeadlineMs / 1000} s`); }, callDeadlineMs);
    }
  }

  settle({ id, result, error }) {
    const call = this.pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    clearTimeout(call.deadline);
    this.pending.delete(id);
    this.watchQueue();
    this.updateBusy();
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result);
  }

  // Ends the worker, refuses what it still owed, and starts another.
  restart(reason) {
    this.worker.terminate();
    const message = `The core stopped (${reason}); it was restarted from the last saved world.`;
    for (const id of [...this.pending.keys()]) this.settle({ id, error: message });
    const now = Date.now();
    this.restarts = this.restarts.filter((at) => now - at < 60_000).concat(now);
    if (this.restarts.length > maxRestartsPerMinute) {
      this.failAll(`The core stopped ${this.restarts.length} times in a minute (${reason}); reload the page.`);
      return;
    }
    this.start();
    this.dispatchEvent(new CustomEvent('restart', { detail: { reason, message } }));
  }

  failAll(message) {
    for (const id of [...this.pending.keys()]) this.settle({ id, error: message });
    this.failure = message;
    showBusy(message);
  }

  updateBusy() {
    if (this.failure) return;
    const noticed = [...this.pending.values()].find((call) => call.noticed);
    showBusy(noticed ? noticed.label : null);
  }
}

// A core in the worker as an object: core.handle(request), core.admin(command), … each a
// promise. `labelFor` names slow work for the busy indicator; `deadlineFor` gives a method more
// time than callDeadlineMs (undefined keeps call's default).
export function remoteCore(rpc, coreId, labelFor = () => undefined, deadlineFor = () => undefined) {
  return new Proxy({ id: coreId }, {
    get(target, method) {
      if (method in target) return target[method];
      if (method === 'then') return undefined;  // not a thenable
      return (...args) => rpc.call(coreId, method, args, labelFor(method, args), deadlineFor(method));
    },
  });
}
