/** The group-commit writer: one transaction for requests that arrive together, and what a failure does to them. */
import { describe, expect, it } from 'vitest';
import { createResponseWriter } from './group-commit.ts';
import { response } from './store.contract.ts';
import type { NewResponse, Store } from './store.ts';

/** A store whose every insert fails with `error`, counting the attempts. */
function failingStore(error: () => Error) {
  const calls: number[] = [];
  const store = {
    async insertResponses(rows: NewResponse[]) {
      calls.push(rows.length);
      throw error();
    },
  } as unknown as Store;
  return { store, calls };
}

describe('group commit', () => {
  it('tries each request of a failed batch on its own when the fault may be one request’s', async () => {
    const { store, calls } = failingStore(() => new Error('CHECK constraint failed'));
    const writer = createResponseWriter(store);
    const results = await Promise.allSettled([writer.write([response()]), writer.write([response()]), writer.write([response()])]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toEqual([3, 1, 1, 1]);
  });

  it('fails a whole batch at once when the database itself is unavailable (locked, full, stopped), not once per request', async () => {
    // With SQLite each attempt waits out the busy timeout on the main thread: 16 requests in a
    // batch froze the whole server for 16 × 5 s while another process held the lock.
    for (const code of ['SQLITE_BUSY', 'SQLITE_FULL', 'ECONNREFUSED', '57P01']) {
      const { store, calls } = failingStore(() => Object.assign(new Error(code), { code }));
      const writer = createResponseWriter(store);
      const results = await Promise.allSettled([writer.write([response()]), writer.write([response()]), writer.write([response()])]);
      expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
      expect(calls, code).toEqual([3]);
    }
  });
});
