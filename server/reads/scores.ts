/**
 * The figures every view reads: score series by period, today against yesterday, SPC charts and
 * equality breakdowns. Each reads rollups through the store and hands the arithmetic to
 * `analytics/`; no caching, so a response accepted a moment ago is already in the next answer.
 */
import { ANSWER_CODES, DEFAULT_QUESTION, type Question } from '../../analytics/fft.ts';
import { addDays, periodOf, periodsBetween, today as londonToday, type Period, type PeriodKind } from '../../analytics/periods.ts';
import { addCounts, responseRate, score, shares, type Counts, type Score } from '../../analytics/scores.ts';
import { spc, type SpcInput, type SpcResult } from '../../analytics/spc.ts';
import { suppressBreakdown } from '../../analytics/suppression.ts';
import type { BreakdownBy, Store, SumQuery, SumRow, Unit } from '../../db/store.ts';
import type { OrgNode } from './node.ts';

export interface SeriesPoint extends Score {
  period: string;
  start: string;
  end: string;
  responseRate: number | null;
  /** Answers flagged by the gaming guard in this period (left out of the figures when excluded). */
  flagged: number;
}

/** The question a node's figures default to: its units' own if they agree, else the national one. */
export function defaultQuestion(node: OrgNode): Question {
  const versions = new Set(node.units.map((u) => u.question));
  return versions.size === 1 ? [...versions][0]! : DEFAULT_QUESTION;
}

const usesMonths = (kind: PeriodKind) => kind === 'month' || kind === 'quarter' || kind === 'year';

/** A whole site, trust or ICB reads its own monthly rollup; a unit or a setting within a place reads units'. */
function orgOf(node: OrgNode): { level: 'site' | 'trust' | 'icb'; code: string } | undefined {
  return node.level !== 'unit' && node.setting === null ? { level: node.level, code: node.code } : undefined;
}

/** Rows keyed by the period each falls in; monthly rows are dated by their first day. */
function periodLabel(kind: PeriodKind, row: SumRow): string {
  return periodOf(kind, row.period.length === 7 ? `${row.period}-01` : row.period).label;
}

/**
 * Whole periods covering [from, to], each scored; periods with no responses appear with zero
 * counts. Day and week read the daily rollups, longer periods the monthly ones. With `unitMonths`
 * ('code|YYYY-MM'), a unit's answers and eligible patients count only in those months: a
 * setting's units in the months they had it.
 */
export async function scoreSeries(
  store: Store,
  node: OrgNode,
  q: { period: PeriodKind; from: string; to: string; question: Question; excludeFlagged?: boolean; unitMonths?: ReadonlySet<string> },
): Promise<SeriesPoint[]> {
  const periods = periodsBetween(q.period, q.from, q.to);
  if (periods.length === 0) return [];
  const first = periods[0]!.start;
  const last = periods.at(-1)!.end;
  const unitCodes = node.units.map((u) => u.code);
  const monthly = usesMonths(q.period);
  const range = { from: monthly ? first.slice(0, 7) : first, to: monthly ? last.slice(0, 7) : last, grain: monthly ? ('month' as const) : ('day' as const), question: q.question };
  const inMonth = (unitCode: string, month: string) => !q.unitMonths || q.unitMonths.has(`${unitCode}|${month}`);
  const rows = await store.sumCounts({ unitCodes, ...range, byFlagged: true, byUnit: q.unitMonths !== undefined, org: monthly ? orgOf(node) : undefined });
  const counts = new Map<string, Counts>();
  const flagged = new Map<string, number>();
  for (const row of rows) {
    if (!inMonth(row.unitCode!, row.period.slice(0, 7))) continue;
    const label = periodLabel(q.period, row);
    if (row.flagged) flagged.set(label, (flagged.get(label) ?? 0) + row.count);
    if (row.flagged && q.excludeFlagged) continue;
    counts.set(label, addCounts(counts.get(label) ?? {}, { [row.answer]: row.count }));
  }
  // Response rates need responses per unit-month, but only for units with eligible counts.
  const eligible = monthly ? (await store.eligibleCounts({ unitCodes, fromMonth: range.from, toMonth: range.to })).filter((e) => inMonth(e.unitCode, e.month)) : [];
  const unitMonth = new Map<string, number>();
  if (eligible.length) {
    const withEligible = [...new Set(eligible.map((e) => e.unitCode))];
    for (const row of await store.sumCounts({ unitCodes: withEligible, ...range, byUnit: true, flagged: q.excludeFlagged ? 'exclude' : 'include' })) {
      const key = `${row.unitCode}|${row.period}`;
      unitMonth.set(key, (unitMonth.get(key) ?? 0) + row.count);
    }
  }
  return periods.map((p) => {
    const s = score(q.question, counts.get(p.label) ?? {});
    return { period: p.label, start: p.start, end: p.end, ...s, responseRate: monthly ? rateFor(p, eligible, unitMonth) : null, flagged: flagged.get(p.label) ?? 0 };
  });
}

/**
 * Responses over eligible patients, counting only the unit-months that have an eligible count
 * (a ward that has not sent its discharges yet neither helps nor hurts the rate).
 */
function rateFor(period: Period, eligible: { unitCode: string; month: string; count: number }[], unitMonth: Map<string, number>): number | null {
  let responses = 0;
  let patients = 0;
  for (const e of eligible) {
    if (e.month < period.start.slice(0, 7) || e.month > period.end.slice(0, 7)) continue;
    patients += e.count;
    responses += unitMonth.get(`${e.unitCode}|${e.month}`) ?? 0;
  }
  return patients > 0 ? responseRate(responses, patients) : null;
}

export interface UnitToday {
  unit: { code: string; name: string; setting: string; siteCode: string };
  question: Question;
  today: Score;
  yesterday: Score;
  /** Change in % positive, today minus yesterday (0–1 scale); null unless both days have responses. */
  change: number | null;
}

/** Each unit under the node with today's and yesterday's figures: what the matron opens first. */
export async function todayScores(store: Store, node: OrgNode, now: Date, options: { excludeFlagged?: boolean } = {}): Promise<{ today: string; yesterday: string; units: UnitToday[] }> {
  const today = londonToday(now);
  const yesterday = addDays(today, -1);
  const rows = await store.sumCounts({ unitCodes: node.units.map((u) => u.code), from: yesterday, to: today, grain: 'day', byUnit: true, flagged: options.excludeFlagged ? 'exclude' : 'include' });
  const counts = new Map<string, Counts>();
  for (const row of rows) {
    const key = `${row.unitCode}|${row.period}|${row.question}`;
    counts.set(key, addCounts(counts.get(key) ?? {}, { [row.answer]: row.count }));
  }
  const units = node.units.map((u) => {
    const t = score(u.question, counts.get(`${u.code}|${today}|${u.question}`) ?? {});
    const y = score(u.question, counts.get(`${u.code}|${yesterday}|${u.question}`) ?? {});
    return {
      unit: { code: u.code, name: u.name, setting: u.setting, siteCode: u.siteCode },
      question: u.question,
      today: t,
      yesterday: y,
      change: t.positive !== null && y.positive !== null ? t.positive - y.positive : null,
    };
  });
  return { today, yesterday, units };
}

export const SPC_MEASURES = ['positive', 'negative', 'responses'] as const;
export type SpcMeasure = (typeof SPC_MEASURES)[number];

export interface SpcSeries extends SpcResult {
  measure: SpcMeasure;
  points: (SpcResult['points'][number] & { start: string; end: string; n: number; question: Question | null })[];
}

type SpcQuery = {
  period: PeriodKind;
  from: string;
  to: string;
  measure: SpcMeasure;
  question?: Question;
  excludeFlagged?: boolean;
  /** London's today: a period that has not ended before it is partial (shown, not judged). */
  today: string;
};

/**
 * The SPC chart of a measure. Each period is read in the question version most of its
 * responses used, and a new phase (recalculated limits) starts where that version changes,
 * as Making Data Count asks at a known change such as April 2020.
 */
export async function spcSeries(store: Store, node: OrgNode, q: SpcQuery): Promise<SpcSeries> {
  const periods = periodsBetween(q.period, q.from, q.to);
  const tallies: PeriodTallies = new Array(periods.length);
  let firstDay: string | undefined;
  if (periods.length) {
    const index = periodIndex(q.period, periods);
    for (const row of await store.sumCounts(spcRead(node.units, periods, q, orgOf(node)))) addCell(tallies, index, row.period, row);
    const firsts = await firstAnswerDays(store, node.units, q);
    // The node began with whichever of its units answered first.
    for (const day of firsts?.values() ?? []) if (firstDay === undefined || day < firstDay) firstDay = day;
  }
  return spcOf(periods, tallies, q, q.question ?? defaultQuestion(node), firstDay);
}

/**
 * Each unit's own chart, the same as `spcSeries` of that unit alone gives, from one read of the
 * units' answer cells (a dashboard of 150 units is one query, not 150).
 */
export async function unitSpcSeries(store: Store, units: Unit[], q: SpcQuery): Promise<SpcSeries[]> {
  const periods = periodsBetween(q.period, q.from, q.to);
  const byUnit = new Map<string, PeriodTallies>();
  const talliesOf = (unitCode: string) => {
    let tallies = byUnit.get(unitCode);
    if (!tallies) byUnit.set(unitCode, (tallies = new Array(periods.length)));
    return tallies;
  };
  let firsts: Map<string, string> | null = null;
  if (periods.length && units.length) {
    const index = periodIndex(q.period, periods);
    const read = spcRead(units, periods, q, undefined);
    if (read.grain === 'day') {
      for (const cell of await store.answerCells(read)) addCell(talliesOf(cell.unitCode), index, cell.day, cell);
    } else {
      for (const row of await store.sumCounts({ ...read, byUnit: true })) addCell(talliesOf(row.unitCode!), index, row.period, row);
    }
    firsts = await firstAnswerDays(store, units, q);
  }
  return units.map((u) => spcOf(periods, byUnit.get(u.code) ?? new Array(periods.length), q, q.question ?? u.question, firsts?.get(u.code)));
}

/**
 * The first day each unit answered, ever (in the question and flagged answers the chart counts),
 * where a chart needs it: only a count chart of weeks or longer, whose first period is short when
 * a unit began part-way through it. A day is never short this way, and a % chart takes a short
 * period as it is: its p̄ weights each period by its n and its limits widen for a small n.
 */
async function firstAnswerDays(store: Store, units: Unit[], q: SpcQuery): Promise<Map<string, string> | null> {
  if (q.measure !== 'responses' || q.period === 'day') return null;
  // Ever, not within the range: for a unit that answered before the range began, a first period in
  // range answered only from part-way through was a quiet start to a week, not a ward opening.
  const rows = await store.firstAnswerDays({ unitCodes: units.map((u) => u.code), question: q.question, flagged: q.excludeFlagged ? 'exclude' : 'include' });
  return new Map(rows.map((row) => [row.unitCode, row.day]));
}

function spcRead(units: Unit[], periods: Period[], q: SpcQuery, org: ReturnType<typeof orgOf>): SumQuery {
  const monthly = usesMonths(q.period);
  return {
    unitCodes: units.map((u) => u.code),
    from: monthly ? periods[0]!.start.slice(0, 7) : periods[0]!.start,
    to: monthly ? periods.at(-1)!.end.slice(0, 7) : periods.at(-1)!.end,
    grain: monthly ? 'month' : 'day',
    question: q.question,
    flagged: q.excludeFlagged ? 'exclude' : 'include',
    org: monthly ? org : undefined,
  };
}

/**
 * Which of `periods` each rollup row falls in, by the row's own period (a day, or a month for
 * monthly grains), worked out once per read: placing every row through `periodOf` took 20 ms of
 * a large trust's dashboard (150 units' 90 days).
 */
function periodIndex(kind: PeriodKind, periods: Period[]): Map<string, number> {
  const index = new Map<string, number>();
  const monthly = usesMonths(kind);
  periods.forEach((p, i) => {
    for (let day = p.start; day <= p.end; day = addDays(monthly ? periodOf('month', day).end : day, 1)) index.set(monthly ? day.slice(0, 7) : day, i);
  });
  return index;
}

/** One question version's answers in one period. */
interface Tally {
  question: Question;
  /** Responses by answer code. */
  counts: number[];
  /** The earliest day (or month) of the period that has answers to this version. */
  first: string;
}

/** Per period, the versions answered in it. */
type PeriodTallies = (Tally[] | undefined)[];

const ANSWER_SLOTS = Math.max(...Object.values(ANSWER_CODES).flat()) + 1;

/** A rollup cell or summed row, whose own period (day or month) is `key`, into the tally of its period and version. */
function addCell(tallies: PeriodTallies, index: Map<string, number>, key: string, cell: { question: string; answer: number; count: number }): void {
  const i = index.get(key);
  if (i === undefined) return;
  const versions = tallies[i];
  let tally = versions?.find((t) => t.question === cell.question);
  if (!tally) {
    tally = { question: cell.question as Question, counts: new Array<number>(ANSWER_SLOTS).fill(0), first: key };
    if (versions) versions.push(tally);
    else tallies[i] = [tally];
  } else if (key < tally.first) tally.first = key;
  tally.counts[cell.answer] += cell.count;
}

/**
 * The chart from the tallies of the node (or one unit), `preferred` being the question its scores
 * are read in, and `firstDay` the day it first answered where that matters (see firstAnswerDays).
 */
function spcOf(periods: Period[], tallies: PeriodTallies, q: SpcQuery, preferred: Question, firstDay?: string): SpcSeries {
  const breaks: string[] = [];
  let previous: Question | null = null;
  const questions: (Question | null)[] = new Array(periods.length);
  const ns: number[] = new Array(periods.length);
  const inputs: SpcInput[] = new Array(periods.length);
  // Whether any period so far has answers. A count before the first answer is a gap, not a zero:
  // a unit that started collecting within the chart's range had nothing to count yet, and a run
  // of zeros would drag the mean and limits down until its real periods read as improving. After
  // the first answer a zero is real (a ward that stopped collecting), as on the % charts a period
  // without answers is always a gap.
  let answered = false;
  // The question the scores of this node are read in (as /scores reads them): a period that has
  // answers to it is charted in it, so a ward's few answers to another version on one day do not
  // replace that day's figure or break the chart into phases. Only a period without any (before a
  // unit changed its question) is charted in the version most of its answers were given in, a tie
  // going to the version answered first (then the first by name), whatever order rows came in.
  for (let i = 0; i < periods.length; i++) {
    const p = periods[i]!;
    const versions = tallies[i];
    let chosen = versions?.find((t) => t.question === preferred);
    let best = -1;
    if (!chosen) {
      for (const tally of versions ?? []) {
        const n = tally.counts.reduce((a, b) => a + b, 0);
        if (n > best || (n === best && (tally.first < chosen!.first || (tally.first === chosen!.first && tally.question < chosen!.question)))) [chosen, best] = [tally, n];
      }
    }
    const question = chosen?.question ?? null;
    if (question && previous && question !== previous) breaks.push(p.label);
    if (question) previous = question;
    const s = chosen ? shares(chosen.question, chosen.counts) : null;
    const n = s?.responses ?? 0;
    if (n > 0) answered = true;
    const value = q.measure === 'responses' ? (answered ? n : null) : n === 0 ? null : q.measure === 'positive' ? s!.positive : s!.negative;
    questions[i] = question;
    ns[i] = n;
    // Today (or this week, this month) is not over: a few hours' figures are not yet a point to judge.
    // Nor is the week or month a unit began in part-way (a ward opening on a Thursday): its count
    // is real but short, and would drag the mean and lower limit down or read as a signal.
    const partial = p.end >= q.today || (firstDay !== undefined && p.start < firstDay && firstDay <= p.end);
    inputs[i] = q.measure === 'responses' ? { period: p.label, value, partial } : { period: p.label, value, n, partial };
  }
  const result = spc(inputs, { improvement: q.measure === 'negative' ? 'down' : 'up', breaks, chart: q.measure === 'responses' ? 'xmr' : undefined });
  // The points are this call's own: extended in place rather than copied, 13,500 of them on a large dashboard.
  const points = result.points as SpcSeries['points'];
  for (const [i, point] of points.entries()) {
    point.start = periods[i]!.start;
    point.end = periods[i]!.end;
    point.n = ns[i]!;
    point.question = questions[i]!;
  }
  return { ...result, measure: q.measure, points };
}

export interface BreakdownGroupScore {
  group: string;
  responses: number | null;
  suppressed: boolean;
  reason: 'primary' | 'secondary' | null;
  score: Score | null;
}

/**
 * Scores per group (age band, ethnicity, mode …) with small numbers suppressed: groups of 1–4,
 * and a second group wherever a single hidden one could be worked out from the total.
 */
export async function breakdownScores(store: Store, node: OrgNode, q: { from: string; to: string; by: BreakdownBy; question: Question; excludeFlagged?: boolean }) {
  const rows = await store.breakdown({ unitCodes: node.units.map((u) => u.code), from: q.from, to: q.to, question: q.question, by: q.by, flagged: q.excludeFlagged ? 'exclude' : 'include' });
  const groups = new Map<string, Counts>();
  for (const row of rows) {
    const key = row.group ?? 'not-stated';
    groups.set(key, addCounts(groups.get(key) ?? {}, { [row.answer]: row.count }));
  }
  // One order on every store (SQLite sorts a missing group first, PostgreSQL last), "not stated"
  // last: which of two equal groups is hidden beside a small one must not depend on the database.
  const byKey = (a: string, b: string) => Number(a === 'not-stated') - Number(b === 'not-stated') || (a < b ? -1 : a > b ? 1 : 0);
  const entries = [...groups.entries()]
    .sort(([a], [b]) => byKey(a, b))
    .map(([key, counts]) => ({ key, counts, responses: Object.values(counts).reduce((a, b) => a + b, 0) }));
  const total = entries.reduce((a, e) => a + e.responses, 0);
  const totalScore = score(q.question, entries.reduce<Counts>((acc, e) => addCounts(acc, e.counts), {}));
  const decided = suppressBreakdown(entries.map((e) => ({ key: e.key, responses: e.responses })), total);
  const out: BreakdownGroupScore[] = decided.groups.map((cell, i) => ({
    group: cell.key,
    responses: cell.responses,
    suppressed: cell.suppressed,
    reason: cell.reason,
    score: cell.suppressed ? null : score(q.question, entries[i]!.counts),
  }));
  return { total: decided.totalSuppressed ? null : totalScore, totalSuppressed: decided.totalSuppressed, groups: out };
}
