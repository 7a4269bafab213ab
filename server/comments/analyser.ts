/**
 * Every stored comment is analysed a moment after it is committed, off the request path:
 * themes, sentiment, redaction, and a serious-concern check that raises an alert for the
 * unit's matron and admin at once.
 */
import type { NewResponse, Store } from '../../db/store.ts';
import { addDays, today } from '../../analytics/periods.ts';
import { isolate } from '../bidi.ts';
import type { Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { analyseComment, type CommentToAnalyse } from './analyse.ts';

const REASONS: Record<string, string> = {
  'self-harm': 'risk of self-harm or suicide',
  'abuse-neglect': 'abuse or neglect',
  'violence-threat': 'violence or threats',
  'unsafe-care': 'unsafe care',
  safeguarding: 'a safeguarding concern',
};

/**
 * Going over history — stored comments (`fft comments reclassify` after a model update, the demo's
 * 90 days) or comments sent with channel `import` (a trust bringing its past from another system)
 * — a serious concern raises an alert only for comments answered this many days before today or
 * since: neither is news from a ward, and alerts that a comment of last spring "may need action
 * today" would bury the ones that do. Older ones are flagged all the same (`concern=1`). Every
 * other comment as it arrives (a paper card typed in late included), and the sweep of those a
 * crash left unanalysed, always alerts.
 */
export const BACKFILL_ALERT_DAYS = 14;

export interface AnalyseOptions {
  /** Raise alerts only for comments answered on this London day or later. */
  alertFrom?: string;
  /** Counts what was flagged as a serious concern but, being older than `alertFrom`, not alerted. */
  counts?: { flaggedWithoutAlert: number };
}

/** `alertFrom` for going over history on `now`'s day (see BACKFILL_ALERT_DAYS). */
export function backfillAlertFrom(now: Date): string {
  return addDays(today(now), -BACKFILL_ALERT_DAYS);
}

export interface CommentAnalyser {
  notify(rows: NewResponse[]): void;
  flush(): Promise<void>;
  /** Analyses and stores these comments now (used by `fft comments reclassify` and the demo, with `alertFrom`). */
  analyse(comments: CommentToAnalyse[], options?: AnalyseOptions): Promise<number>;
  /**
   * Analyses every stored comment that has no analysis yet: what a crash between a commit and
   * its analysis, or a failed run, left behind (so no serious concern goes unflagged).
   */
  sweep(slice?: number): Promise<number>;
  /** Sweeps now and then every `everyMs` until stopped. */
  startSweeping(everyMs?: number): void;
  stop(): void;
}

export const SWEEP_EVERY_MS = 5 * 60 * 1000;
/**
 * Comments the sweep looks at per read. It goes over every stored comment: in one read, 79–88 ms at
 * 300k responses and seconds at 10M, every five minutes, during which a SQLite server answered
 * nobody; slices of 1,000 took 0.9 ms on average, 5.5 ms at most (docs/BENCHMARKS.md).
 */
export const SWEEP_SLICE = 1000;

/**
 * The most comments waiting in memory for analysis. Ingestion can take comments faster than one
 * thread analyses them (bench/ingest with a comment on each); beyond this, the rest wait in the
 * database instead, where they already are, and the sweep reads them back in slices, so memory
 * stays bounded however long the burst lasts (5,000 comments of up to 5,000 characters).
 */
export const MAX_PENDING = 5000;

export interface AnalyserDeps {
  /** Tests: a smaller MAX_PENDING. */
  maxPending?: number;
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Where the models run (the comment-analysis thread); in this thread when not given. */
  analyseBatch?: (comments: CommentToAnalyse[], at: string) => Promise<ReturnType<typeof analyseComment>[]>;
}

export function createCommentAnalyser(deps: AnalyserDeps): CommentAnalyser {
  const { store, clock, logger } = deps;
  let pending: CommentToAnalyse[] = [];
  let scheduled: NodeJS.Immediate | null = null;
  let running: Promise<void> = Promise.resolve();
  let sweeper: NodeJS.Timeout | null = null;
  const maxPending = deps.maxPending ?? MAX_PENDING;
  /** Comments committed but not queued here, the queue being full: the sweep reads them back. */
  let skipped = 0;

  async function sweep(slice = SWEEP_SLICE): Promise<number> {
    let done = 0;
    let after: string | null = null;
    for (;;) {
      const { comments, next } = await store.unanalysedCommentsAfter(after, slice);
      if (comments.length) done += await analyse(comments);
      if (next === null) return done;
      after = next;
      // Requests between slices: on SQLite each slice holds the server's one thread while read.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  async function analyse(comments: CommentToAnalyse[], options: AnalyseOptions = {}): Promise<number> {
    if (comments.length === 0) return 0;
    const at = clock().toISOString();
    const analyses = deps.analyseBatch ? await deps.analyseBatch(comments, at) : comments.map((c) => analyseComment(c, at));
    await store.saveCommentAnalyses(analyses);
    const flagged = comments.map((c, i) => ({ c, a: analyses[i]! })).filter(({ a }) => a.concern);
    const recentFrom = options.alertFrom ?? backfillAlertFrom(clock());
    const history = (c: CommentToAnalyse) => options.alertFrom !== undefined || c.channel === 'import';
    const concerns = flagged.filter(({ c }) => !history(c) || c.answeredDay >= recentFrom);
    if (options.counts) options.counts.flaggedWithoutAlert += flagged.length - concerns.length;
    if (concerns.length) {
      const raised = await store.raiseAlerts(
        concerns.map(({ c, a }) => {
          const evidence = a.concernEvidence ?? '';
          return {
            id: newId(),
            key: `serious-concern:${c.id}`,
            unitCode: c.unitCode,
            kind: 'serious-concern',
            period: c.answeredDay,
            reason: `A comment may need action today (${REASONS[a.concern!] ?? a.concern}): “${isolate(evidence)}”`,
            detail: { responseId: c.id, concern: a.concern },
            raisedAt: at,
            acknowledgedAt: null,
            acknowledgedBy: null,
          };
        }),
      );
      for (const alert of raised) logger.warn({ unit: alert.unitCode, kind: alert.kind }, 'serious concern raised');
    }
    return analyses.length;
  }

  async function runPending() {
    const batch = pending;
    pending = [];
    try {
      await analyse(batch);
    } catch (err) {
      logger.error({ err, comments: batch.length }, 'comment analysis failed');
    }
    if (skipped) {
      // Comments came faster than they were analysed: those left out of memory are committed,
      // so the sweep finds them now rather than in up to five minutes.
      logger.warn({ comments: skipped }, 'comments arriving faster than they are analysed: the rest are read back from the database');
      skipped = 0;
      try {
        await sweep();
      } catch (err) {
        logger.error({ err }, 'comment sweep failed');
      }
    }
  }

  return {
    notify(rows) {
      for (const r of rows) {
        if (!r.comment) continue;
        if (pending.length >= maxPending) skipped++;
        else pending.push({ id: r.id, unitCode: r.unitCode, answeredDay: r.answeredDay, answer: r.answer, question: r.question, comment: r.comment, channel: r.channel });
      }
      if (pending.length && !scheduled) {
        scheduled = setImmediate(() => {
          scheduled = null;
          running = running.then(runPending);
        });
      }
    },
    async flush() {
      if (scheduled) {
        clearImmediate(scheduled);
        scheduled = null;
      }
      running = running.then(runPending);
      await running;
    },
    analyse,
    sweep,
    startSweeping(everyMs = SWEEP_EVERY_MS) {
      const run = () => {
        running = running.then(async () => {
          try {
            const n = await sweep();
            if (n) logger.info({ comments: n }, 'analysed comments left without analysis');
          } catch (err) {
            logger.error({ err }, 'comment sweep failed');
          }
        });
      };
      run();
      sweeper ??= setInterval(run, everyMs);
      sweeper.unref();
    },
    stop() {
      if (scheduled) clearImmediate(scheduled);
      scheduled = null;
      if (sweeper) clearInterval(sweeper);
      sweeper = null;
    },
  };
}
