// The saved worlds, in IndexedDB, written by the core's worker (off the page's thread; the
// worker cannot reach localStorage). One record per place ('learner': the learner's own world;
// 'unloadable': a saved world the core refused, kept aside): {world, cookies, notes}, the
// world and the jar as the core exported them (JSON text). A record is written in one put, so
// the notes and the world they belong to are saved together or not at all.
const dbName = 'authlab';
const storeName = 'saved';

let opened = null;

function database() {
  opened ??= new Promise((resolve, reject) => {
    const request = indexedDB.open(dbName, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(storeName);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => { opened = null; reject(request.error); };
  });
  return opened;
}

async function transaction(mode, work) {
  const db = await database();
  return new Promise((resolve, reject) => {
    const tx = db.transaction(storeName, mode);
    const request = work(tx.objectStore(storeName));
    tx.oncomplete = () => resolve(request.result);
    // A refused write (QuotaExceededError) aborts the transaction: the error is on it.
    tx.onabort = () => reject(tx.error ?? request.error ?? new Error('the browser refused to store'));
    // Committed at once, not when this worker's task ends: a reload right after a change
    // must not abort the write.
    if (mode === 'readwrite') tx.commit?.();
  });
}

export const readSaved = (place) => transaction('readonly', (store) => store.get(place)).then((record) => record ?? null);
export const writeSaved = (place, record) => transaction('readwrite', (store) => store.put(record, place));
export const removeSaved = (place) => transaction('readwrite', (store) => store.delete(place));
