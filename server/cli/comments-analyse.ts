/**
 * `fft comments analyse --in IN.csv --out OUT.csv` (a file of comments, no database) and
 * `fft comments reclassify` (every stored comment again, after a model update).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { parse } from 'csv-parse/sync';
import cliProgress from 'cli-progress';
import type { Store } from '../../db/store.ts';
import { systemClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { analyseText, commentModel } from '../comments/analyse.ts';
import { backfillAlertFrom, createCommentAnalyser } from '../comments/analyser.ts';

export const ANALYSE_COLUMNS = ['comment_id', 'labels', 'categories', 'sentiment', 'redacted', 'concern'] as const;

function csvField(value: string | number): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function progress(label: string, total: number) {
  // Not a terminal (a log, a job runner): a line every 10 seconds instead of a bar drawn in place.
  const bar = new cliProgress.SingleBar({ format: `${label} [{bar}] {percentage}% | {value}/{total}`, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 10_000 }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return bar;
}

/** Analyses a CSV of comments into a CSV of themes, sentiment, redacted text and concerns. */
export async function analyseFile(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { in: { type: 'string' }, out: { type: 'string' } } });
  if (!values.in || !values.out) {
    process.stderr.write('usage: fft comments analyse --in IN.csv --out OUT.csv\n');
    return 2;
  }
  let records: Record<string, string>[];
  try {
    records = parse(await readFile(values.in, 'utf8'), { columns: true, bom: true, skip_empty_lines: true, relax_column_count: false }) as Record<string, string>[];
  } catch (e) {
    process.stderr.write(`fft: cannot read ${values.in}: ${(e as Error).message}\n`);
    return 1;
  }
  if (records.length && (!('comment_id' in records[0]!) || !('comment' in records[0]!))) {
    process.stderr.write('fft: the input needs the columns comment_id and comment (optional: fft_answer, question)\n');
    return 1;
  }
  const bar = progress('Analysing comments', records.length);
  const lines = [ANALYSE_COLUMNS.join(',')];
  records.forEach((r, i) => {
    const comment = r.comment ?? '';
    const answer = Number(r.fft_answer);
    const result = analyseText({ comment, fftAnswer: r.fft_answer && Number.isInteger(answer) ? answer : null, question: r.question || null });
    lines.push(
      [
        r.comment_id ?? '',
        result.labels.map((l) => l.subCategory).join(';'),
        [...new Set(result.labels.map((l) => l.category))].join(';'),
        result.sentiment,
        result.redactedPublic,
        result.concern ?? '',
      ]
        .map(csvField)
        .join(','),
    );
    if (i % 1000 === 0) bar.update(i);
  });
  bar.update(records.length);
  bar.stop();
  await writeFile(values.out, `${lines.join('\n')}\n`);
  process.stderr.write(`analysed ${records.length} comments into ${values.out}\n`);
  return 0;
}

/** Runs every stored comment through the current models again. */
export async function reclassify(store: Store): Promise<number> {
  const analyser = createCommentAnalyser({ store, clock: systemClock, logger: createLogger('error') });
  const alertFrom = backfillAlertFrom(systemClock());
  const counts = { flaggedWithoutAlert: 0 };
  let after: string | null = null;
  let done = 0;
  // Comments that arrive meanwhile are done too: the total grows if the count is passed.
  const bar = progress('Re-classifying comments', await store.countResponses({ withComment: true }));
  for (;;) {
    const batch = await store.commentsAfter(after, 500);
    if (batch.length === 0) break;
    done += await analyser.analyse(batch, { alertFrom, counts });
    after = batch.at(-1)!.id;
    if (done > bar.getTotal()) bar.setTotal(done);
    bar.update(done);
  }
  bar.stop();
  console.log(`re-classified ${done} comments with model ${commentModel().version}`);
  if (counts.flaggedWithoutAlert) {
    console.log(`${counts.flaggedWithoutAlert} comments answered before ${alertFrom} are flagged as a possible serious concern without an alert (find them with concern=1)`);
  }
  return 0;
}
