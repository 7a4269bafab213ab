/** The SQLite writer thread: what the server runs (`fft serve`), checked against the same file from this thread. */
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORG, response } from './store.contract.ts';
import { openSqlite, type SqliteStore } from './sqlite.ts';
import { tempSqlite, type TestDb } from './testing.ts';

let db: TestDb;
let store: SqliteStore;
beforeEach(async () => {
  db = tempSqlite();
  store = openSqlite(db.target, { writerThread: true });
  await store.migrate();
  await store.upsertOrg(ORG);
});
afterEach(async () => {
  await store.close();
  await db.cleanup();
});

describe('SQLite writer thread', () => {
  it('has committed a batch by the time it answers: this thread reads it at once', async () => {
    const rows = [response(), response({ answer: 5 }), response({ unitCode: 'ED' })];
    const outcomes = await store.insertResponses([...rows, rows[0]!]);
    expect(outcomes.map((o) => o.duplicate)).toEqual([false, false, false, true]);
    expect(await store.countResponses()).toBe(3);
    expect(await store.getResponse(rows[1]!.id)).toMatchObject({ answer: 5 });
    expect(await store.dailyCounts()).toEqual(await store.recountDaily());
  });

  it('rolls a unit, history and all, up into its new site after an organisation import moves it', async () => {
    const month = { unitCodes: ['W1', 'ED'], from: '2026-01', to: '2026-12', grain: 'month' as const };
    await store.insertResponses([response()]);
    await store.upsertOrg([{ ...ORG[0]!, siteCode: 'RAA02', siteName: 'Community' }]);
    await store.insertResponses([response({ answer: 2 })]);
    const site1 = await store.sumCounts({ ...month, unitCodes: ['ED'], org: { level: 'site', code: 'RAA01' } });
    const site2 = await store.sumCounts({ ...month, unitCodes: ['W1', 'DN'], org: { level: 'site', code: 'RAA02' } });
    expect(site1.map((r) => [r.answer, r.count])).toEqual([]);
    expect(site2.map((r) => [r.answer, r.count])).toEqual([[1, 1], [2, 1]]);
  });

  it('refuses a batch the database refuses, naming why, and goes on with the next', async () => {
    await expect(store.insertResponses([response({ unitCode: 'NOPE' })])).rejects.toThrow(/FOREIGN KEY/);
    expect(await store.insertResponses([response()])).toHaveLength(1);
  });

  it('fails what it held when it stops, and the next batch starts a new thread', async () => {
    // Another connection holds the write lock, so the thread is still waiting when it is stopped.
    const other = new Database(db.target);
    other.pragma('busy_timeout = 5000');
    other.exec('BEGIN IMMEDIATE');
    const held = store.insertResponses(Array.from({ length: 200 }, () => response()));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = store.close();
    await expect(held).rejects.toThrow(/stopped/);
    await closing;
    other.exec('ROLLBACK');
    other.close();
    store = openSqlite(db.target, { writerThread: true });
    expect(await store.insertResponses([response()])).toEqual([expect.objectContaining({ duplicate: false })]);
    expect(await store.dailyCounts()).toEqual(await store.recountDaily());
  });
});
