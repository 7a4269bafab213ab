/**
 * FFT scores from answer counts, line for line with shared/reference/FFT.md §2:
 * % positive and % negative over all responses (Don't know included, as NHS England
 * publishes them), NPS over responses that are not Don't know, with their intervals.
 * Pure functions over counts; no rounding, no display concerns.
 */
import { ANSWER_CODES, type Question } from './fft.ts';
import { npsInterval, wilson, type Interval } from './intervals.ts';
import { periodOf, type Period, type PeriodKind } from './periods.ts';

/** Answer code → number of responses with that answer, for one question version (or an array indexed by code). */
export type Counts = Record<number, number>;

/** NHS England suppresses any unit-month with 1–4 responses (shown as `*`). */
export const SUPPRESSION_THRESHOLD = 5;

export interface Score {
  /** N: every response to the question, Don't know (code 6) included. */
  responses: number;
  /** Every answer code of the question version, zero-filled. */
  counts: Counts;
  /** Share 0–1 answering Very good / Good (fft-2013: Extremely likely / Likely); nps-0-10: promoters. Null when N = 0. */
  positive: number | null;
  /** Share 0–1 answering Poor / Very poor (fft-2013: Unlikely / Extremely unlikely); nps-0-10: detractors. Null when N = 0. */
  negative: number | null;
  /** Net Promoter Score −100…100 over responses that are not Don't know; null when there are none. */
  nps: number | null;
  positiveCi: Interval | null;
  negativeCi: Interval | null;
  npsCi: Interval | null;
  /** 1–4 responses: publish as `*`. Scores are still computed; hiding them is the caller's job. */
  suppressed: boolean;
}

/** Which answer codes count as promoters and detractors for NPS (the rest are passives). */
interface NpsGroups {
  promoters: readonly number[];
  detractors: readonly number[];
  /** Codes left out of the NPS denominator. */
  excluded: readonly number[];
}

// FFT.md §2: the 2013 mapping (Extremely likely / Likely / the rest) applies by position to 2020.
const FIVE_POINT_NPS: NpsGroups = { promoters: [1], detractors: [3, 4, 5], excluded: [6] };
const NPS_GROUPS: Record<Question, NpsGroups> = {
  'fft-2020': FIVE_POINT_NPS,
  'fft-2013': FIVE_POINT_NPS,
  'nps-0-10': { promoters: [9, 10], detractors: [0, 1, 2, 3, 4, 5, 6], excluded: [] },
};

/**
 * The codes behind "positive" and "negative". For nps-0-10 there is no NHS % positive, so we
 * report the promoter share (9–10) as positive and the detractor share (0–6) as negative: the
 * nearest equivalents, and the ones the staff FFT's "% recommend" is usually read against.
 */
const POSITIVE_NEGATIVE: Record<Question, { positive: readonly number[]; negative: readonly number[] }> = {
  'fft-2020': { positive: [1, 2], negative: [4, 5] },
  'fft-2013': { positive: [1, 2], negative: [4, 5] },
  'nps-0-10': { positive: NPS_GROUPS['nps-0-10'].promoters, negative: NPS_GROUPS['nps-0-10'].detractors },
};

/**
 * Scores for one question version from its answer counts: % positive = (n1+n2)/N and
 * % negative = (n4+n5)/N with N including Don't know; NPS = (promoters − detractors) /
 * (N − Don't know) × 100; Wilson 95% intervals for the shares and the NPS interval from FFT.md.
 * Throws if counts hold answers from another version, since versions are never mixed.
 */
export function score(question: Question, counts: Counts): Score {
  const filled = zeroFilled(question, counts);
  const responses = sumOf(filled, ANSWER_CODES[question]);
  const { positive: positiveCodes, negative: negativeCodes } = POSITIVE_NEGATIVE[question];
  const positiveCount = sumOf(filled, positiveCodes);
  const negativeCount = sumOf(filled, negativeCodes);

  const groups = NPS_GROUPS[question];
  const promoters = sumOf(filled, groups.promoters);
  const detractors = sumOf(filled, groups.detractors);
  const npsBase = responses - sumOf(filled, groups.excluded);

  return {
    responses,
    counts: filled,
    positive: share(positiveCount, responses),
    negative: share(negativeCount, responses),
    nps: npsBase === 0 ? null : ((promoters - detractors) / npsBase) * 100,
    positiveCi: wilson(positiveCount, responses),
    negativeCi: wilson(negativeCount, responses),
    npsCi: npsInterval(promoters, detractors, npsBase),
    suppressed: isSuppressed(responses),
  };
}

/**
 * N, % positive and % negative alone, as `score` gives them: what a chart plots for each of
 * its periods, without building the intervals and zero-filled counts it would throw away.
 */
export function shares(question: Question, counts: Counts): Pick<Score, 'responses' | 'positive' | 'negative'> {
  checkCounts(question, counts);
  const responses = sumOf(counts, ANSWER_CODES[question]);
  const { positive, negative } = POSITIVE_NEGATIVE[question];
  return { responses, positive: share(sumOf(counts, positive), responses), negative: share(sumOf(counts, negative), responses) };
}

/** NHS England's small-number rule: a unit-period with 1–4 responses is shown as `*`. */
export function isSuppressed(responses: number): boolean {
  return responses >= 1 && responses < SUPPRESSION_THRESHOLD;
}

/** Sum of two sets of counts, code by code (e.g. two days into a week). Inputs are not changed. */
export function addCounts(a: Counts, b: Counts): Counts {
  const total: Counts = { ...a };
  for (const [code, count] of Object.entries(b)) {
    total[Number(code)] = (total[Number(code)] ?? 0) + count;
  }
  return total;
}

/**
 * Response rate = responses / eligible (FFT.md §5). Null when the trust has not supplied
 * "Total Eligible" or it is zero. Not capped at 1: a rate above 100% is a data problem
 * the team should see, not one to hide.
 */
export function responseRate(responses: number, eligible: number | null): number | null {
  if (eligible === null || eligible <= 0) return null;
  return responses / eligible;
}

/**
 * Daily counts rolled up into calendar periods of one kind (week, month, …), in period order.
 * Only periods that have at least one day in the input appear; use `periodsBetween` for gaps.
 */
export function countsByPeriod(
  kind: PeriodKind,
  daily: readonly { day: string; counts: Counts }[],
): { period: Period; counts: Counts }[] {
  const byLabel = new Map<string, { period: Period; counts: Counts }>();
  for (const { day, counts } of daily) {
    const period = periodOf(kind, day);
    const entry = byLabel.get(period.label);
    byLabel.set(period.label, { period, counts: entry ? addCounts(entry.counts, counts) : { ...counts } });
  }
  // Periods of one kind never share a start day, so comparing starts orders them.
  return [...byLabel.values()].sort((a, b) => (a.period.start < b.period.start ? -1 : 1));
}

function zeroFilled(question: Question, counts: Counts): Counts {
  checkCounts(question, counts);
  return Object.fromEntries(ANSWER_CODES[question].map((code) => [code, counts[code] ?? 0]));
}

function checkCounts(question: Question, counts: Counts): void {
  const codes = ANSWER_CODES[question];
  const check = (code: number, count: number) => {
    if (!Number.isInteger(count) || count < 0) {
      throw new RangeError(`count for answer ${code} must be a non-negative integer, got ${count}`);
    }
    if (count > 0 && !codes.includes(code)) {
      throw new RangeError(`answer ${code} is not a ${question} answer; question versions are never mixed`);
    }
  };
  // A chart's counts are arrays indexed by code, checked for each of its periods: walked as an
  // array, not through Object.entries, which made a pair for every code.
  if (Array.isArray(counts)) counts.forEach((count: number, code) => check(code, count));
  else for (const [code, count] of Object.entries(counts)) check(Number(code), count);
}

function sumOf(counts: Counts, codes: readonly number[]): number {
  return codes.reduce((total, code) => total + (counts[code] ?? 0), 0);
}

function share(count: number, responses: number): number | null {
  return responses === 0 ? null : count / responses;
}

/**
 * A share (0–1, or a change in one) as a percentage rounded to `decimals` places, halves away from
 * zero as Excel's ROUND does. The share's own float error is ignored first: 57/200 is 0.285, stored
 * as 0.28499…, and is 29%, not 28%; as a change, −0.285 is −29 points.
 */
export function sharePercent(share: number, decimals = 0): number {
  const scale = 10 ** decimals;
  const x = Number((share * 100 * scale).toPrecision(12));
  const rounded = Math.round(Math.abs(x));
  return rounded === 0 ? 0 : (Math.sign(x) * rounded) / scale;
}
