/**
 * The one write path for responses. Requests that arrive while a transaction is being written
 * wait and go together in the next one (group commit), so each request still gets its answer
 * only after its rows and rollups are committed, but the database sees few, larger transactions.
 */
import type { InsertOutcome, NewResponse, Store } from './store.ts';
import { isDatabaseUnavailable } from './unavailable.ts';

interface Pending {
  rows: NewResponse[];
  resolve: (outcomes: InsertOutcome[]) => void;
  reject: (error: unknown) => void;
}

export interface ResponseWriter {
  /** Resolves once `rows` are durably committed, with one outcome per row in order. */
  write(rows: NewResponse[]): Promise<InsertOutcome[]>;
  /** Resolves when everything queued so far is written. */
  drain(): Promise<void>;
}

export interface WriterOptions {
  maxBatchRows?: number;
  /** Called after each commit with the responses that were new (for alerts, live views). */
  onCommit?: (inserted: NewResponse[]) => void;
}

export function createResponseWriter(store: Store, options: WriterOptions = {}): ResponseWriter {
  const maxBatchRows = options.maxBatchRows ?? 2000;
  let queue: Pending[] = [];
  let running: Promise<void> | null = null;

  async function commit(batch: Pending[]): Promise<void> {
    try {
      const rows = batch.flatMap((p) => p.rows);
      const outcomes = await store.insertResponses(rows);
      if (options.onCommit) {
        const inserted = rows.filter((_, i) => !outcomes[i]!.duplicate);
        if (inserted.length) options.onCommit(inserted);
      }
      let at = 0;
      for (const p of batch) {
        p.resolve(outcomes.slice(at, at + p.rows.length));
        at += p.rows.length;
      }
    } catch (error) {
      // The database's own trouble (stopped, locked, full) fails every request alike: trying each
      // again alone would only wait out the lock or the connection once per request.
      if (batch.length === 1 || isDatabaseUnavailable(error)) for (const p of batch) p.reject(error);
      // One request's failure must not fail the others that happened to share its transaction.
      else for (const p of batch) await commit([p]);
    }
  }

  async function run(): Promise<void> {
    // Yield once so that requests parsed in the same turn of the event loop join this batch.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (queue.length) {
      const batch: Pending[] = [];
      let rows = 0;
      while (queue.length && (batch.length === 0 || rows + queue[0]!.rows.length <= maxBatchRows)) {
        const next = queue.shift()!;
        batch.push(next);
        rows += next.rows.length;
      }
      await commit(batch);
    }
    running = null;
  }

  return {
    write(rows) {
      if (rows.length === 0) return Promise.resolve([]);
      return new Promise((resolve, reject) => {
        queue.push({ rows, resolve, reject });
        running ??= run();
      });
    },
    async drain() {
      while (running) await running;
    },
  };
}
