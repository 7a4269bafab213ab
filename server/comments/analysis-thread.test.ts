/**
 * Comment analysis on its own thread gives exactly what it gives on the main thread, and a thread
 * that dies fails its batches (the sweep redoes them later) without stopping the next one.
 */
import type { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORG, response } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { analyseComment, type CommentToAnalyse } from './analyse.ts';
import { createCommentAnalyser } from './analyser.ts';
import { analysisThread, MAX_COMMENTS_PER_MESSAGE, type AnalysisThread } from './analysis-thread.ts';

// Every thread started, to read the limits V8 applies to it, and every message sent to one.
const started = vi.hoisted(() => [] as Worker[]);
const posted = vi.hoisted(() => [] as unknown[]);
const traffic = vi.hoisted(() => [] as string[]);
vi.mock('node:worker_threads', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:worker_threads')>();
  class RecordedWorker extends actual.Worker {
    constructor(...args: ConstructorParameters<typeof actual.Worker>) {
      super(...args);
      started.push(this);
      this.on('message', (reply: { id?: number }) => {
        if (reply.id) traffic.push(`reply ${reply.id}`);
      });
    }
    override postMessage(...args: Parameters<Worker['postMessage']>) {
      posted.push(args[0]);
      traffic.push(`send ${(args[0] as { id: number }).id}`);
      super.postMessage(...args);
    }
  }
  return { ...actual, Worker: RecordedWorker };
});

const AT = '2026-11-22T10:00:00.000Z';
const comments: CommentToAnalyse[] = [
  { id: '019a0000-0000-7000-8000-000000000001', unitCode: 'W1', answeredDay: '2026-11-22', answer: 1, question: 'fft-2020', comment: 'Nurse Jo was brilliant, call me on 07700 900123 if you need a reference' },
  { id: '019a0000-0000-7000-8000-000000000002', unitCode: 'W1', answeredDay: '2026-11-22', answer: 5, question: 'fft-2020', comment: 'Mum was left in soiled sheets all morning and nobody came' },
  { id: '019a0000-0000-7000-8000-000000000003', unitCode: 'W1', answeredDay: '2026-11-22', answer: 2, question: 'fft-2020', comment: 'مرحبا — the food 🍲 was cold but the staff were kind' },
];

let thread: AnalysisThread;
beforeAll(async () => {
  thread = analysisThread();
  await thread.ready();
}, 60_000);
afterAll(async () => {
  await thread.close();
});

describe('the comment-analysis thread', () => {
  it('gives the same analyses as the main thread', async () => {
    expect(await thread.analyse(comments, AT)).toEqual(comments.map((c) => analyseComment(c, AT)));
    expect(await thread.analyse([], AT)).toEqual([]);
  });

  it('gives the thread a small young generation (V8 gives it 48 MB by default, ~30 MB more resident)', () => {
    expect(started[0]!.resourceLimits!.maxYoungGenerationSizeMb).toBeLessThanOrEqual(8);
  });

  it('caps its old generation well below V8\'s default (which let its heap grow ~10 MB further between collections)', () => {
    expect(started[0]!.resourceLimits!.maxOldGenerationSizeMb).toBeLessThanOrEqual(256);
  });

  it('sends a large batch in parts of at most MAX_COMMENTS_PER_MESSAGE, one at a time, and answers it whole and in order', async () => {
    const many: CommentToAnalyse[] = Array.from({ length: 2 * MAX_COMMENTS_PER_MESSAGE + 1 }, (_, i) => ({
      ...comments[i % comments.length]!,
      id: `019a0000-0000-7000-8000-${String(i).padStart(12, '0')}`,
    }));
    posted.length = 0;
    traffic.length = 0;
    const analyses = await thread.analyse(many, AT);
    expect(analyses.map((a) => a.responseId)).toEqual(many.map((c) => c.id));
    expect(analyses[many.length - 1]).toEqual(analyseComment(many.at(-1)!, AT));
    const sizes = posted.map((m) => (JSON.parse((m as { comments: string }).comments) as unknown[]).length);
    expect(sizes).toEqual([MAX_COMMENTS_PER_MESSAGE, MAX_COMMENTS_PER_MESSAGE, 1]);
    expect(MAX_COMMENTS_PER_MESSAGE).toBeLessThanOrEqual(500);
    // The next part goes only once the last is answered: the thread never holds two.
    const ids = posted.map((m) => (m as { id: number }).id);
    expect(traffic).toEqual(ids.flatMap((id) => [`send ${id}`, `reply ${id}`]));
  });

  it('answers batches sent together, each with its own results', async () => {
    const [a, b] = await Promise.all([thread.analyse([comments[0]!], AT), thread.analyse([comments[1]!, comments[2]!], AT)]);
    expect(a.map((x) => x.responseId)).toEqual([comments[0]!.id]);
    expect(b.map((x) => x.responseId)).toEqual([comments[1]!.id, comments[2]!.id]);
    expect(b[0]!.concern).toBe('unsafe-care');
  });

  it('fails the batch it held when the thread stops, and starts a new one for the next batch', async () => {
    const other = analysisThread();
    await other.ready();
    const held = other.analyse(comments, AT);
    await other.close();
    await expect(held).rejects.toThrow(/stopped/);
    const again = await other.analyse([comments[1]!], AT);
    expect(again[0]!.concern).toBe('unsafe-care');
    await other.close();
  }, 60_000);

  it('feeds the analyser: analyses stored and the serious concern raised', async () => {
    const db: TestDb = tempSqlite();
    const store: Store = db.open();
    try {
      await store.migrate();
      await store.upsertOrg(ORG);
      const rows = [response({ comment: 'Kind staff, clean ward' }), response({ comment: 'I was left in pain all night and nobody came', answer: 5 })];
      await store.insertResponses(rows);
      const analyser = createCommentAnalyser({ store, clock: fixedClock(AT), logger: createLogger('silent'), analyseBatch: thread.analyse });
      analyser.notify(rows);
      await analyser.flush();
      const stored = await store.listComments({ unitCodes: ['W1'], from: '2026-01-01', to: '2026-12-31', limit: 50, offset: 0 });
      expect(stored.comments.every((c) => c.analysis !== null)).toBe(true);
      expect((await store.listAlerts({ unitCodes: ['W1'] })).map((a) => a.kind)).toEqual(['serious-concern']);
    } finally {
      await store.close();
      await db.cleanup();
    }
  });
});
