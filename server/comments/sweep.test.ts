/**
 * A comment committed but never analysed (the process died in between, or the run failed) is
 * found and analysed later: at server start and every few minutes. Otherwise a serious concern
 * in it would never reach the matron.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ORG, response } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { fixedClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../main.ts';
import { addDays } from '../../analytics/periods.ts';
import { analyseComment } from './analyse.ts';
import { BACKFILL_ALERT_DAYS, backfillAlertFrom, createCommentAnalyser } from './analyser.ts';

let db: TestDb;
let store: Store;
beforeEach(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
});
afterEach(async () => {
  await store.close();
  await db.cleanup();
});

const range = { unitCodes: ['W1'], from: '2026-01-01', to: '2026-12-31', limit: 50, offset: 0 };

describe('comment sweep', () => {
  it('analyses only what has no analysis, raises the serious concern it finds, and finds nothing the second time', async () => {
    const analyser = createCommentAnalyser({ store, clock: fixedClock('2026-11-22T10:00:00Z'), logger: createLogger('silent') });
    const done = response({ comment: 'The nurses were lovely' });
    await store.insertResponses([done]);
    await analyser.analyse([{ ...done, comment: done.comment! }]);
    const left = [response({ comment: 'I was left in pain for hours and nobody came', answer: 5 }), response({ comment: 'Clean ward, kind staff' })];
    await store.insertResponses(left);
    expect((await store.listComments(range)).comments.filter((c) => c.analysis === null)).toHaveLength(2);

    expect(await analyser.sweep()).toBe(2);
    expect((await store.listComments(range)).comments.every((c) => c.analysis !== null)).toBe(true);
    const alerts = await store.listAlerts({ unitCodes: ['W1'] });
    expect(alerts.map((a) => a.kind)).toEqual(['serious-concern']);
    expect(alerts[0]!.detail).toMatchObject({ responseId: left[0]!.id });
    expect(await analyser.sweep()).toBe(0);
  });

  it('reads a slice of comments at a time, letting other work in between, until it has looked at every one', async () => {
    const analyser = createCommentAnalyser({ store, clock: fixedClock('2026-11-22T10:00:00Z'), logger: createLogger('silent') });
    const rows = Array.from({ length: 7 }, (_, i) => response({ comment: i === 5 ? 'I was left in pain for hours and nobody came' : `Kind staff ${i}`, answer: i === 5 ? 5 : 1 }));
    await store.insertResponses(rows);
    await analyser.analyse([rows[0]!, rows[3]!].map((r) => ({ ...r, comment: r.comment! })));
    const reads = vi.spyOn(store, 'unanalysedCommentsAfter');
    const immediate = () => new Promise<void>((resolve) => setImmediate(resolve));
    let turns = 0;
    // Turns of the event loop while the sweep runs: none if it read every slice without letting go.
    const counting = (async () => {
      while (reads.mock.calls.length < 4) {
        turns++;
        await immediate();
      }
    })();
    expect(await analyser.sweep(2)).toBe(5);
    await counting;
    expect(reads.mock.calls.map(([, scan]) => scan)).toEqual([2, 2, 2, 2]);
    expect(turns).toBeGreaterThan(1);
    expect((await store.listComments(range)).comments.every((c) => c.analysis !== null)).toBe(true);
    expect((await store.listAlerts({ unitCodes: ['W1'] })).map((a) => a.detail)).toEqual([expect.objectContaining({ responseId: rows[5]!.id })]);
  });

  it('going over history, alerts only for comments of the last two weeks, and flags the older ones all the same', async () => {
    const clock = fixedClock('2026-11-22T10:00:00Z');
    const analyser = createCommentAnalyser({ store, clock, logger: createLogger('silent') });
    const alertFrom = backfillAlertFrom(clock());
    expect(alertFrom).toBe(addDays('2026-11-22', -BACKFILL_ALERT_DAYS));
    const at = (day: string) => ({ answeredDay: day, answeredAt: `${day}T09:00:00.000Z` });
    const old = response({ comment: 'I was left in pain for hours and nobody came', answer: 5, ...at(addDays(alertFrom, -1)) });
    const recent = response({ comment: 'I was left in pain all night and nobody came', answer: 5, ...at(alertFrom) });
    await store.insertResponses([old, recent]);
    const counts = { flaggedWithoutAlert: 0 };
    expect(await analyser.analyse([old, recent].map((r) => ({ ...r, comment: r.comment! })), { alertFrom, counts })).toBe(2);
    expect(counts.flaggedWithoutAlert).toBe(1);
    expect((await store.listAlerts({ unitCodes: ['W1'] })).map((a) => a.detail)).toEqual([expect.objectContaining({ responseId: recent.id })]);
    const flagged = await store.listComments({ ...range, concern: true });
    expect(flagged.comments.map((c) => c.id).sort()).toEqual([old.id, recent.id].sort());
    // As they arrive (and in the sweep), comments of any day alert.
    await analyser.analyse([{ ...old, comment: old.comment! }]);
    expect(await store.listAlerts({ unitCodes: ['W1'] })).toHaveLength(2);
  });

  it('finds an imported comment’s channel in the store, so an old one left unanalysed is flagged without an alert', async () => {
    const analyser = createCommentAnalyser({ store, clock: fixedClock('2026-11-22T10:00:00Z'), logger: createLogger('silent') });
    const imported = response({ channel: 'import', comment: 'I was left in pain for hours and nobody came', answer: 5, answeredDay: '2026-09-01', answeredAt: '2026-09-01T09:00:00.000Z' });
    const paper = response({ channel: 'paper', comment: 'I was left in pain all night and nobody came', answer: 5, answeredDay: '2026-09-01', answeredAt: '2026-09-01T10:00:00.000Z' });
    await store.insertResponses([imported, paper]);
    expect(await analyser.sweep()).toBe(2);
    expect((await store.listComments({ ...range, concern: true })).total).toBe(2);
    expect((await store.listAlerts({ unitCodes: ['W1'] })).map((a) => a.detail)).toEqual([expect.objectContaining({ responseId: paper.id })]);
  });

  it('keeps at most maxPending comments waiting in memory, and reads the rest back from the database once those are done', async () => {
    const batches: number[] = [];
    const analyser = createCommentAnalyser({
      store,
      clock: fixedClock('2026-11-22T10:00:00Z'),
      logger: createLogger('silent'),
      maxPending: 3,
      analyseBatch: async (comments, at) => {
        batches.push(comments.length);
        return comments.map((c) => analyseComment(c, at));
      },
    });
    const rows = Array.from({ length: 10 }, (_, i) => response({ comment: `Kind staff ${i}` }));
    await store.insertResponses(rows);
    analyser.notify(rows.slice(0, 6));
    analyser.notify(rows.slice(6));
    await analyser.flush();
    expect(batches[0]).toBe(3);
    expect(batches.slice(1).reduce((a, b) => a + b, 0)).toBe(7);
    expect((await store.listComments(range)).comments.every((c) => c.analysis !== null)).toBe(true);
  });

  it('runs when the server starts', async () => {
    const orphan = response({ comment: 'I was left in pain all night and nobody came', answer: 5 });
    await store.insertResponses([orphan]);
    const server = await startServer(loadConfig({ FFT_DB: db.target, PORT: '0' }), { port: 0, host: '127.0.0.1' });
    try {
      await vi.waitFor(async () => expect((await store.listAlerts({ unitCodes: ['W1'] })).map((a) => a.kind)).toContain('serious-concern'), { timeout: 10_000, interval: 50 });
      expect((await store.listComments(range)).comments.find((c) => c.id === orphan.id)?.analysis).not.toBeNull();
    } finally {
      await server.stop();
    }
  });
});
