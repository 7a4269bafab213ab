/**
 * The tablet's own storage, in IndexedDB so the service worker can reach it too
 * (localStorage is not available there): the device token and unit (`meta`), answers not yet
 * sent (`outbox`) and answers the server refused on their own (`rejected`, kept forever for
 * staff to see and for support to recover).
 *
 * Every write resolves only when its transaction has committed. If IndexedDB cannot be opened
 * or written (a full disk, a locked-down browser), answers are held in memory instead and sent
 * from there, so a patient's answer is never dropped silently. No DOM here.
 */

export const DB_NAME = 'fft-kiosk';
export const DB_VERSION = 1;
const STORES = ['meta', 'outbox', 'rejected'];

/** Wraps an IDBRequest in a promise. */
function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function openIndexedDb(factory) {
  return new Promise((resolve, reject) => {
    const open = factory.open(DB_NAME, DB_VERSION);
    open.onupgradeneeded = () => {
      const db = open.result;
      if (!db.objectStoreNames.contains('meta')) db.createObjectStore('meta');
      if (!db.objectStoreNames.contains('outbox')) {
        db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('queuedAt', 'queuedAt');
      }
      if (!db.objectStoreNames.contains('rejected')) db.createObjectStore('rejected', { keyPath: 'id' });
    };
    open.onsuccess = () => {
      const db = open.result;
      // A newer version of the app upgrading the schema: step aside for it.
      db.onversionchange = () => db.close();
      resolve(db);
    };
    open.onerror = () => reject(open.error);
    open.onblocked = () => reject(new Error('IndexedDB upgrade blocked'));
  });
}

/** Runs `work(stores)` in one transaction; resolves with its result once the transaction commits. */
function transaction(db, names, mode, work) {
  return new Promise((resolve, reject) => {
    // "strict": the answer is on disk, not just in the OS's write cache, before we say so.
    const tx = db.transaction(names, mode, { durability: 'strict' });
    const stores = Object.fromEntries(names.map((name) => [name, tx.objectStore(name)]));
    let result;
    tx.oncomplete = () => resolve(result);
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error || new Error('transaction aborted'));
    Promise.resolve(work(stores)).then(
      (value) => {
        result = value;
      },
      (error) => {
        try {
          tx.abort();
        } catch {
          /* already finished */
        }
        reject(error);
      },
    );
  });
}

function byQueuedAt(a, b) {
  return a.queuedAt - b.queuedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The same operations over plain Maps: the fallback, and what Node tests use. */
function memoryBackend() {
  const maps = Object.fromEntries(STORES.map((name) => [name, new Map()]));
  return {
    kind: 'memory',
    async get(store, key) {
      return structuredClone(maps[store].get(key));
    },
    async put(store, value, key) {
      maps[store].set(key ?? value.id, structuredClone(value));
    },
    async remove(store, keys) {
      for (const key of keys) maps[store].delete(key);
    },
    async all(store) {
      const values = [...maps[store].values()].map((value) => structuredClone(value));
      return store === 'outbox' ? values.sort(byQueuedAt) : values;
    },
    async count(store) {
      return maps[store].size;
    },
    async reject(item, entry) {
      maps.rejected.set(item.id, structuredClone(entry));
      maps.outbox.delete(item.id);
    },
    has(store, key) {
      return maps[store].has(key);
    },
  };
}

function indexedDbBackend(db) {
  return {
    kind: 'indexeddb',
    get: (store, key) => transaction(db, [store], 'readonly', (s) => request(s[store].get(key))),
    put: (store, value, key) =>
      transaction(db, [store], 'readwrite', (s) => {
        if (key === undefined) s[store].put(value);
        else s[store].put(value, key);
      }),
    remove: (store, keys) =>
      transaction(db, [store], 'readwrite', (s) => {
        for (const key of keys) s[store].delete(key);
      }),
    all: (store) =>
      transaction(db, [store], 'readonly', (s) =>
        request(store === 'outbox' ? s.outbox.index('queuedAt').getAll() : s[store].getAll()),
      ),
    count: (store) => transaction(db, [store], 'readonly', (s) => request(s[store].count())),
    reject: (item, entry) =>
      transaction(db, ['outbox', 'rejected'], 'readwrite', (s) => {
        s.rejected.put(entry);
        s.outbox.delete(item.id);
      }),
  };
}

/**
 * Opens the tablet's store. `factory` is `indexedDB` by default; without one (Node tests, or a
 * browser that refuses storage) everything is kept in memory.
 */
export async function openKioskStore({ factory = globalThis.indexedDB } = {}) {
  const memory = memoryBackend();
  let disk = null;
  if (factory) {
    try {
      disk = indexedDbBackend(await openIndexedDb(factory));
    } catch {
      disk = null;
    }
  }
  const primary = disk ?? memory;
  const count = async (store) => (disk ? await disk.count(store) : 0) + (await memory.count(store));

  return {
    /** `indexeddb`, or `memory` when answers cannot be kept across a reload. */
    kind: primary.kind,

    getMeta: (key) => primary.get('meta', key),
    setMeta: (key, value) => primary.put('meta', value, key),
    deleteMeta: (key) => primary.remove('meta', [key]),

    /** Resolves once the answer is committed to disk (or, failing that, held in memory). */
    async addToOutbox(record) {
      if (disk) {
        try {
          await disk.put('outbox', record);
          return 'indexeddb';
        } catch {
          /* fall through: never lose the answer */
        }
      }
      await memory.put('outbox', record);
      return 'memory';
    },

    /** Outbox records, oldest first; only `unitCode`'s when given. */
    async outboxItems(unitCode) {
      const onDisk = disk ? await disk.all('outbox') : [];
      const items = [...onDisk, ...(await memory.all('outbox'))].sort(byQueuedAt);
      return unitCode ? items.filter((item) => item.unit === unitCode) : items;
    },

    async removeFromOutbox(ids) {
      if (ids.length === 0) return;
      if (disk) await disk.remove('outbox', ids);
      await memory.remove('outbox', ids);
    },

    /** Moves one answer from the outbox to `rejected`, with the server's refusal, in one transaction. */
    async rejectItem(item, refusal) {
      const entry = { ...item, refusal };
      if (disk && !memory.has('outbox', item.id)) await disk.reject(item, entry);
      else await memory.reject(item, entry);
    },

    async rejectedItems() {
      return [...(disk ? await disk.all('rejected') : []), ...(await memory.all('rejected'))];
    },

    /** Outbox (every unit) and rejected counts, for the staff indicator and the heartbeat. */
    async counts() {
      return { outbox: await count('outbox'), rejected: await count('rejected') };
    },
  };
}
