// The page's line to the worker that runs the core: every call is a promise, answered in
// order. Once a call has taken a noticeable time, the page says what the core is doing.
import { showBusy } from './announce.js';

const noticeAfterMs = 150;

export class Rpc {
  constructor(workerUrl) {
    this.worker = new Worker(workerUrl, { type: 'module' });
    this.pending = new Map();
    this.nextId = 1;
    this.worker.onmessage = ({ data }) => this.settle(data);
    this.worker.onerror = (event) => this.failAll(`The core could not start: ${event.message || 'its worker failed to load'}`);
  }

  call(core, method, args = [], label = 'The core is working…') {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const call = { resolve, reject, label, noticed: false };
      call.timer = setTimeout(() => { call.noticed = true; this.updateBusy(); }, noticeAfterMs);
      this.pending.set(id, call);
      this.worker.postMessage({ id, core, method, args });
    });
  }

  settle({ id, result, error }) {
    const call = this.pending.get(id);
    if (!call) return;
    clearTimeout(call.timer);
    this.pending.delete(id);
    this.updateBusy();
    if (error !== undefined) call.reject(new Error(error));
    else call.resolve(result);
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
// promise. `labelFor` names slow work for the busy indicator.
export function remoteCore(rpc, coreId, labelFor = () => undefined) {
  return new Proxy({ id: coreId }, {
    get(target, method) {
      if (method in target) return target[method];
      if (method === 'then') return undefined;  // not a thenable
      return (...args) => rpc.call(coreId, method, args, labelFor(method, args));
    },
  });
}
