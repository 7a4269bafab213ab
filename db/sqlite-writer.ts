/**
 * SQLite's response writes on a thread of their own (`FFT_SQLITE_WRITER_THREAD=1`; off by default:
 * on the 2-core reference machine the hand-over cost more than it saved, see docs/BENCHMARKS.md).
 * better-sqlite3 is synchronous: on the main
 * thread, each group commit (and with synchronous=FULL its fsync) stopped the server answering
 * anyone else until it finished. Here the main thread hands each batch to a worker holding its
 * own connection to the same WAL database and goes on serving; the promise settles after the
 * worker's transaction has committed, so "acknowledged only when durable" still holds.
 *
 * One batch is in flight at a time (the group-commit writer already waits for each commit).
 * If the worker dies, the batches it held are rejected (their requests get a 500 and the
 * client retries with the same ids) and the next batch starts a new worker.
 */
import { Worker } from 'node:worker_threads';
import type { InsertOutcome, NewResponse } from './store.ts';

export interface WriterThreadOptions {
  path: string;
  synchronous: 'NORMAL' | 'FULL';
}

type Reply = { id: number; outcomes: InsertOutcome[] } | { id: number; error: { message: string; code?: string } };

// Run from source (this module is .ts), the thread starts at a plain-JS entry that registers tsx;
// run from the build, at the compiled entry, with no loader.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './sqlite-writer.worker.mjs' : './sqlite-writer.worker.js', import.meta.url);

export function sqliteWriterThread(options: WriterThreadOptions) {
  let worker: Worker | null = null;
  let ready: Promise<void> = Promise.resolve();
  let next = 1;
  const pending = new Map<number, { resolve: (o: InsertOutcome[]) => void; reject: (e: Error) => void }>();

  function failAll(error: Error) {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    const w = new Worker(ENTRY, { workerData: options });
    let markReady!: () => void;
    ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      w.once('exit', () => reject(new Error('the SQLite writer thread stopped before it was ready')));
    });
    ready.catch(() => {});
    w.on('message', (reply: Reply | { ready: true }) => {
      if ('ready' in reply) return markReady();
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if ('error' in reply) p.reject(Object.assign(new Error(reply.error.message), { code: reply.error.code }));
      else p.resolve(reply.outcomes);
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`the SQLite writer thread stopped (exit code ${code})`));
    });
    return w;
  }

  // Started at once: loading it takes about a second, which the first patient should not wait.
  worker = start();

  return {
    insertResponses(rows: NewResponse[]): Promise<InsertOutcome[]> {
      worker ??= start();
      const id = next++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        // A JSON string crosses threads faster than the structured clone of many small objects.
        worker!.postMessage({ id, rows: JSON.stringify(rows) });
      });
    },
    /** Resolves once the thread has its connection open (the server waits for it before listening). */
    ready(): Promise<void> {
      worker ??= start();
      return ready;
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}
