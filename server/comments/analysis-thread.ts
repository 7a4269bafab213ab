/**
 * Comment analysis on a thread of its own (on by default; `FFT_ANALYSIS_THREAD=0` keeps it on
 * the main thread). Themes, sentiment, two redactions and the concern check cost far more than
 * storing the response; on the main thread they held up every other request while they ran. The
 * thread loads the models once and analyses each batch the analyser hands it; the main thread
 * stores the results and raises the alerts as before.
 *
 * If the thread dies, the batches it held are rejected (the analyser logs it, and its sweep
 * analyses what was left within minutes) and the next batch starts a new thread.
 */
import { Worker, type MessagePort } from 'node:worker_threads';
import { analyseComment, commentModel, type CommentToAnalyse } from './analyse.ts';

type Analysis = ReturnType<typeof analyseComment>;
type Request = { id: number; comments: string; at: string };
type Reply = { id: number; analyses: string } | { id: number; error: string } | { ready: true };

/**
 * The most comments one message to the thread carries: a bigger batch (comments that arrived
 * while the last one was analysed) goes over in parts, one after another, so what either thread
 * holds for a batch at once stays bounded (at most 500 comments of 5,000 characters each).
 */
export const MAX_COMMENTS_PER_MESSAGE = 500;

// Run from source (this module is .ts), the thread starts at a plain-JS entry that registers tsx;
// run from the build, at the compiled entry, with no loader.
const ENTRY = new URL(import.meta.url.endsWith('.ts') ? './analysis.worker.mjs' : './analysis.worker.js', import.meta.url);

/** The thread's side: models loaded once, then one reply per batch. */
export function runAnalysisThread(port: MessagePort | null): void {
  if (!port) throw new Error('runAnalysisThread must run in a worker thread');
  commentModel();
  port.on('message', (request: Request) => {
    try {
      const comments = JSON.parse(request.comments) as CommentToAnalyse[];
      port.postMessage({ id: request.id, analyses: JSON.stringify(comments.map((c) => analyseComment(c, request.at))) } satisfies Reply);
    } catch (err) {
      port.postMessage({ id: request.id, error: err instanceof Error ? err.message : String(err) } satisfies Reply);
    }
  });
  port.postMessage({ ready: true } satisfies Reply);
}

export interface AnalysisThread {
  analyse(comments: CommentToAnalyse[], at: string): Promise<Analysis[]>;
  /** Resolves once the models are loaded in the thread. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export function analysisThread(): AnalysisThread {
  let worker: Worker | null = null;
  let ready: Promise<void> = Promise.resolve();
  let next = 1;
  const pending = new Map<number, { resolve: (a: Analysis[]) => void; reject: (e: Error) => void }>();

  function failAll(error: Error) {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    // A small young generation: with V8's default for a thread (48 MB) the process stayed ~30 MB
    // larger, and 2, 4 and 8 MB analysed 30k comments in the same CPU time (docs/BENCHMARKS.md).
    // An old generation capped at 256 MB: V8 then lets the heap grow by less between full
    // collections than it does under its default cap (GBs on a large machine), and the thread's
    // heap peaked at ~20 MB instead of ~30 over the start-up sweep of 30k comments, in the same CPU
    // time. What it holds is the models and one message (MAX_COMMENTS_PER_MESSAGE), far below.
    const w = new Worker(ENTRY, { resourceLimits: { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 256 } });
    // Idle, the thread must not keep the process alive (a CLI run ends when its work is done).
    w.unref();
    let markReady!: () => void;
    ready = new Promise<void>((resolve, reject) => {
      markReady = resolve;
      w.once('exit', () => reject(new Error('the comment-analysis thread stopped before it was ready')));
    });
    ready.catch(() => {});
    w.on('message', (reply: Reply) => {
      if ('ready' in reply) return markReady();
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if ('error' in reply) p.reject(new Error(reply.error));
      else p.resolve(JSON.parse(reply.analyses) as Analysis[]);
    });
    w.on('error', (error) => {
      if (worker === w) worker = null;
      failAll(error);
    });
    w.on('exit', (code) => {
      if (worker === w) worker = null;
      failAll(new Error(`the comment-analysis thread stopped (exit code ${code})`));
    });
    return w;
  }

  function send(comments: CommentToAnalyse[], at: string): Promise<Analysis[]> {
    worker ??= start();
    const w = worker;
    // While a batch is out, the thread keeps the process alive so its answer is not lost.
    w.ref();
    const id = next++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, comments: JSON.stringify(comments), at } satisfies Request);
    });
  }

  return {
    async analyse(comments, at) {
      if (comments.length <= MAX_COMMENTS_PER_MESSAGE) return comments.length === 0 ? [] : send(comments, at);
      const analyses: Analysis[] = [];
      for (let i = 0; i < comments.length; i += MAX_COMMENTS_PER_MESSAGE) {
        for (const a of await send(comments.slice(i, i + MAX_COMMENTS_PER_MESSAGE), at)) analyses.push(a);
      }
      return analyses;
    },
    ready() {
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
