/** Properties: however the same responses are split — by day, week, month, unit or mode — the parts add up to the whole; and the SPC charts are, byte for byte, the ones first made. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MODES, type Question } from '../../analytics/fft.ts';
import { periodOf, periodsBetween, type PeriodKind } from '../../analytics/periods.ts';
import { addCounts, score, type Counts } from '../../analytics/scores.ts';
import { spc } from '../../analytics/spc.ts';
import { ORG, response } from '../../db/store.contract.ts';
import type { Store, Unit } from '../../db/store.ts';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../../db/testing.ts';
import type { OrgNode } from './node.ts';
import { scoreSeries, spcSeries, unitSpcSeries, type SpcMeasure } from './scores.ts';

const day = fc.integer({ min: 0, max: 150 }).map((d) => new Date(Date.UTC(2026, 2, 1 + d)).toISOString().slice(0, 10));
const answer = fc.record({ unit: fc.constantFrom('W1', 'ED'), day, answer: fc.integer({ min: 1, max: 6 }), mode: fc.constantFrom(...MODES) });

describe('splits add up', () => {
  it('daily, weekly and monthly series, units and modes all sum to the same totals', async () => {
    const db = tempSqlite();
    const store = db.open();
    await store.migrate();
    await store.upsertOrg(ORG);
    const units = (await store.listUnits()).filter((u) => u.question === 'fft-2020');
    const node: OrgNode = { level: 'site', code: 'RAA01', name: 'General', setting: null, units };
    await fc.assert(
      fc.asyncProperty(fc.array(answer, { minLength: 1, maxLength: 120 }), async (answers) => {
        await store.insertResponses(answers.map((a) => response({ unitCode: a.unit, answeredDay: a.day, answer: a.answer, mode: a.mode })));
        const range = { from: '2026-03-01', to: '2026-07-31', question: 'fft-2020' as const };
        const total = (await store.sumCounts({ unitCodes: ['W1', 'ED'], from: range.from, to: range.to, grain: 'day' })).reduce((s, r) => s + r.count, 0);
        for (const period of ['day', 'week', 'month', 'quarter'] as const) {
          const series = await scoreSeries(store, node, { ...range, period });
          // Weeks and quarters may reach outside the range: count only what the range holds.
          const inside = series.filter((p) => p.start >= range.from && p.end <= range.to).reduce((s, p) => s + p.responses, 0);
          const all = series.reduce((s, p) => s + p.responses, 0);
          expect(all).toBeGreaterThanOrEqual(total);
          if (period === 'day' || period === 'month') expect(inside).toBe(total);
          for (const p of series) expect(Object.values(p.counts).reduce((a, b) => a + b, 0)).toBe(p.responses);
        }
        const byMode = await store.sumCounts({ unitCodes: ['W1', 'ED'], from: range.from, to: range.to, grain: 'day', byMode: true });
        expect(byMode.reduce((s, r) => s + r.count, 0)).toBe(total);
        const byUnit = await store.sumCounts({ unitCodes: ['W1', 'ED'], from: '2026-03', to: '2026-07', grain: 'month', byUnit: true });
        expect(byUnit.reduce((s, r) => s + r.count, 0)).toBe(total);
        const unitNode = (code: string): OrgNode => ({ level: 'unit', code, name: code, setting: null, units: units.filter((u) => u.code === code) });
        const w1 = await scoreSeries(store, unitNode('W1'), { ...range, period: 'month' });
        const ed = await scoreSeries(store, unitNode('ED'), { ...range, period: 'month' });
        // `both` reads the site's own monthly rollup; it must equal its units' cells summed.
        const both = await scoreSeries(store, node, { ...range, period: 'month' });
        both.forEach((p, i) => expect(p.responses).toBe(w1[i]!.responses + ed[i]!.responses));
      }),
      { numRuns: 25, seed: 7 },
    );
    await store.close();
    await db.cleanup();
  }, 60_000);
});

const spcAnswer = fc.record({
  unit: fc.constantFrom('W1', 'ED', 'DN'),
  // Days in and around the 90 days charted, many of them without answers.
  day: fc.integer({ min: -5, max: 95 }).map((d) => new Date(Date.UTC(2026, 5, 1 + d)).toISOString().slice(0, 10)),
  answer: fc.integer({ min: 1, max: 6 }),
  question: fc.constantFrom('fft-2020', 'fft-2013', 'fft-2013'),
  flagged: fc.boolean(),
});

const stores: [string, (() => Promise<TestDb>) | null][] = [
  ['SQLite', async () => tempSqlite()],
  ['PostgreSQL', pgTestUrl() ? () => tempPostgres(pgTestUrl()!) : null],
];

describe.each(stores)('every unit\'s SPC from one read (%s)', (_name, makeDb) => {
  it.skipIf(!makeDb)('gives each unit the chart spcSeries gives it alone: its own question per period, flagged answers in or out', async () => {
    const db = await makeDb!();
    const store = db.open();
    await store.migrate();
    // W2 never answers: its chart is all empty days.
    await store.upsertOrg([...ORG, { ...ORG[0]!, unitCode: 'W2', unitName: 'Ward 2' }]);
    const units = await store.listUnits();
    expect(new Set(units.map((u) => u.question))).toEqual(new Set(['fft-2020', 'fft-2013']));
    const alone = (code: string): OrgNode => ({ level: 'unit', code, name: code, setting: null, units: units.filter((u) => u.code === code) });
    await fc.assert(
      fc.asyncProperty(fc.array(spcAnswer, { minLength: 1, maxLength: 150 }), async (answers) => {
        await store.insertResponses(answers.map((a) => response({ unitCode: a.unit, answeredDay: a.day, answer: a.answer, question: a.question, flagged: a.flagged })));
        for (const excludeFlagged of [false, true]) {
          for (const [period, measure] of [['day', 'positive'], ['day', 'negative'], ['day', 'responses'], ['week', 'positive'], ['month', 'positive']] as const) {
            const q = { period, from: '2026-06-01', to: '2026-08-29', measure, excludeFlagged, today: '2026-11-22' };
            const batched = await unitSpcSeries(store, units, q);
            expect(batched).toHaveLength(units.length);
            for (const [i, unit] of units.entries()) expect(batched[i], `${unit.code} ${period} ${measure} excludeFlagged=${excludeFlagged}`).toEqual(await spcSeries(store, alone(unit.code), q));
          }
        }
      }),
      { numRuns: 25, seed: 11 },
    );
    await store.close();
    await db.cleanup();
  }, 60_000);
});

describe.each(stores)('counts before a unit\'s first answer (%s)', (_name, makeDb) => {
  it.skipIf(!makeDb)('are gaps, not zeros, on the responses chart; a zero week after the first answer is real', async () => {
    const db = await makeDb!();
    const store = db.open();
    await store.migrate();
    await store.upsertOrg(ORG);
    const w1 = (await store.listUnits()).filter((u) => u.code === 'W1');
    // 24 weeks from Monday 1 June; W1 starts answering in the eighth (20 July): 10 and 12 a week
    // in turn, and none in the twentieth (a ward that stopped for a week). Each week's answers
    // come on its Monday, so the first is a whole week (for one begun part-way, see below).
    const weekly = Array.from({ length: 24 }, (_, w): number => (w < 7 || w === 19 ? 0 : w % 2 ? 10 : 12));
    await store.insertResponses(
      weekly.flatMap((count, w) => Array.from({ length: count }, () => response({ unitCode: 'W1', answeredDay: new Date(Date.UTC(2026, 5, 1 + 7 * w)).toISOString().slice(0, 10) }))),
    );
    const q = { period: 'week' as const, from: '2026-06-01', to: '2026-11-15', measure: 'responses' as const, today: '2026-11-22' };
    const chart = await spcSeries(store, { level: 'unit', code: 'W1', name: 'Ward 1', setting: null, units: w1 }, q);
    expect(chart.points).toHaveLength(24);
    expect(chart.points.slice(0, 7).map((p) => [p.value, p.n, p.signal])).toEqual(Array(7).fill([null, 0, 'common']));
    expect(chart.points.slice(7).map((p) => p.value)).toEqual(weekly.slice(7));
    // 17 weeks from the first answer, the zero week among them: mean and limits from those alone.
    const since = weekly.slice(7);
    const movingRange = since.slice(1).reduce((sum, v, i) => sum + Math.abs(v - since[i]!), 0) / (since.length - 1);
    expect(chart.chart).toBe('xmr');
    expect(chart.mean).toBeCloseTo(176 / 17, 10);
    expect(chart.lowerLimit).toBeCloseTo(176 / 17 - 2.66 * movingRange, 10);
    // The gaps are not judged, the steady weeks are common cause, and the week with none is a fall below the lower limit.
    expect(chart.points[19]).toMatchObject({ period: '2026-W42', value: 0, n: 0, signal: 'concerning', rule: 'outside-limits' });
    expect(chart.points.filter((p) => p.signal !== 'common').map((p) => p.period)).toEqual(['2026-W42']);
    // The dashboard's batched read gives the same chart.
    expect(await unitSpcSeries(store, w1, q)).toEqual([chart]);
    await store.close();
    await db.cleanup();
  });

  it.skipIf(!makeDb)('leave out of the limits the week a unit began part-way through, but not a week in range of a unit begun long before', async () => {
    const db = await makeDb!();
    const store = db.open();
    await store.migrate();
    await store.upsertOrg(ORG);
    const units = await store.listUnits();
    const w1 = units.filter((u) => u.code === 'W1');
    const ed = units.filter((u) => u.code === 'ED');
    const node = (of: Unit[]): OrgNode => ({ level: of.length === 1 ? 'unit' : 'site', code: of.length === 1 ? of[0]!.code : 'RAA01', name: 'x', setting: null, units: of });
    // W1 opens on Thursday 23 July 2026 (week 2026-W30, from Monday 20 July): 3 answers a day
    // from then, so its first week holds 12 (Thursday to Sunday) and every week after 21.
    const days = (from: string, to: string) => periodsBetween('day', from, to).map((p) => p.start);
    const threeADay = (unitCode: string, from: string, to: string) => days(from, to).flatMap((answeredDay) => Array.from({ length: 3 }, () => response({ unitCode, answeredDay })));
    await store.insertResponses(threeADay('W1', '2026-07-23', '2026-11-15'));
    const q = { period: 'week' as const, from: '2026-06-01', to: '2026-11-15', measure: 'responses' as const, today: '2026-11-22' };
    const chart = await spcSeries(store, node(w1), q);
    const first = chart.points.find((p) => p.value !== null)!;
    expect(first).toMatchObject({ period: '2026-W30', value: 12, partial: true, signal: 'common' });
    // The 16 whole weeks alone make the limits: all 21, so no variation and no signal. Were the
    // short week in, the mean would be below 21 and it would fall below the lower limit.
    expect(chart.points.filter((p) => p.value !== null && !p.partial)).toHaveLength(16);
    expect(chart.mean).toBe(21);
    expect(chart.points.filter((p) => p.signal !== 'common')).toEqual([]);
    // The dashboard's batched read marks it the same.
    expect(await unitSpcSeries(store, w1, q)).toEqual([chart]);

    // ED answered long before this chart's range (a year earlier), then from Thursday 23 July as
    // W1 did: its first week in range is whole, a quiet start to a week, not its beginning.
    await store.insertResponses([response({ unitCode: 'ED', answeredDay: '2025-07-01' }), ...threeADay('ED', '2026-07-23', '2026-11-15')]);
    const edChart = await spcSeries(store, node(ed), q);
    expect(edChart.points.find((p) => p.period === '2026-W30')).toMatchObject({ value: 12, partial: false });
    expect(edChart.points.filter((p) => p.partial)).toEqual([]);
    // Nor is it partial for the site of both: the site began when ED did.
    const site = await spcSeries(store, node([...w1, ...ed]), q);
    expect(site.points.find((p) => p.period === '2026-W30')).toMatchObject({ value: 24, partial: false });
    // A chart whose range starts after W1's first answer has no partial week but the current one.
    const later = await spcSeries(store, node(w1), { ...q, from: '2026-07-27', to: '2026-11-22' });
    expect(later.points.filter((p) => p.partial).map((p) => p.period)).toEqual(['2026-W47']);

    // Months too (W1's July is 9 days of 31); days never; nor the % charts, whose p-chart weights
    // each period by its n and widens a short period's limits.
    const monthly = await spcSeries(store, node(w1), { ...q, period: 'month', from: '2026-06-01', to: '2026-10-31' });
    expect(monthly.points.map((p) => [p.period, p.value, p.partial])).toEqual([['2026-06', null, false], ['2026-07', 27, true], ['2026-08', 93, false], ['2026-09', 90, false], ['2026-10', 93, false]]);
    const daily = await spcSeries(store, node(w1), { ...q, period: 'day', from: '2026-07-20', to: '2026-08-20' });
    expect(daily.points.filter((p) => p.partial)).toEqual([]);
    const positive = await spcSeries(store, node(w1), { ...q, measure: 'positive' });
    expect(positive.points.find((p) => p.period === '2026-W30')).toMatchObject({ n: 12, partial: false });
    await store.close();
    await db.cleanup();
  });
});

/**
 * The charts as they were made before the dashboard was made fast (commit ac89534): the store's
 * sums, sorted, placed in periods with `periodOf`, each scored in full. Kept as the reference the
 * faster reads must match to the byte, key order included.
 */
async function chartBefore(store: Store, units: Unit[], preferred: Question, q: { period: PeriodKind; from: string; to: string; measure: SpcMeasure; question?: Question; excludeFlagged?: boolean }, org?: { level: 'site'; code: string }) {
  const periods = periodsBetween(q.period, q.from, q.to);
  const monthly = ['month', 'quarter', 'year'].includes(q.period);
  const rows = await store.sumCounts({
    unitCodes: units.map((u) => u.code),
    from: monthly ? periods[0]!.start.slice(0, 7) : periods[0]!.start,
    to: monthly ? periods.at(-1)!.end.slice(0, 7) : periods.at(-1)!.end,
    grain: monthly ? 'month' : 'day',
    question: q.question,
    flagged: q.excludeFlagged ? 'exclude' : 'include',
    org: monthly ? org : undefined,
  });
  const byPeriod = new Map<string, Map<Question, Counts>>();
  for (const row of rows) {
    const label = periodOf(q.period, row.period.length === 7 ? `${row.period}-01` : row.period).label;
    const versions = byPeriod.get(label) ?? new Map<Question, Counts>();
    const question = row.question as Question;
    versions.set(question, addCounts(versions.get(question) ?? {}, { [row.answer]: row.count }));
    byPeriod.set(label, versions);
  }
  // Since made: on a count chart of weeks or longer, the period a unit (or the node) first answered
  // in, ever, is partial when that first answer came after the period began.
  const firstEver =
    q.measure === 'responses' && q.period !== 'day'
      ? (await store.sumCounts({ unitCodes: units.map((u) => u.code), from: '0000-01-01', to: '9999-12-31', grain: 'day', question: q.question, flagged: q.excludeFlagged ? 'exclude' : 'include' }))
          .filter((r) => r.count > 0)
          .map((r) => r.period)
          .sort()[0]
      : undefined;
  const breaks: string[] = [];
  let previous: Question | null = null;
  // Since made: counts before the first period with answers are gaps, not zeros.
  let answered = false;
  const inputs = periods.map((p) => {
    const versions = byPeriod.get(p.label);
    let question: Question | null = versions?.has(preferred) ? preferred : null;
    let best = -1;
    for (const [version, counts] of question ? [] : (versions ?? [])) {
      const n = Object.values(counts).reduce((a, b) => a + b, 0);
      if (n > best) [question, best] = [version, n];
    }
    if (question && previous && question !== previous) breaks.push(p.label);
    if (question) previous = question;
    const s = question ? score(question, versions!.get(question)!) : null;
    const n = s?.responses ?? 0;
    answered ||= n > 0;
    const value = q.measure === 'responses' ? (answered ? n : null) : n === 0 ? null : q.measure === 'positive' ? s!.positive : s!.negative;
    return { period: p, question, n, value, partial: firstEver !== undefined && p.start < firstEver && firstEver <= p.end };
  });
  const result = spc(
    inputs.map((i) => ({ period: i.period.label, value: i.value, ...(q.measure === 'responses' ? {} : { n: i.n }), partial: i.partial })),
    { improvement: q.measure === 'negative' ? 'down' : 'up', breaks, chart: q.measure === 'responses' ? 'xmr' : undefined },
  );
  return {
    ...result,
    measure: q.measure,
    points: result.points.map((pt, i) => ({ ...pt, start: inputs[i]!.period.start, end: inputs[i]!.period.end, n: inputs[i]!.n, question: inputs[i]!.question })),
  };
}

// Three versions on few days, so a day often has answers only to versions a unit does not use,
// and two of them as many: the tie goes to the version answered first, then the first by name.
const versionAnswer = fc.oneof(
  fc.record({ question: fc.constantFrom('fft-2020' as const, 'fft-2013' as const), answer: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ question: fc.constant('nps-0-10' as const), answer: fc.integer({ min: 0, max: 10 }) }),
);
const anyAnswer = fc.record({
  unit: fc.constantFrom('W1', 'ED', 'DN', 'NPS'),
  // Up to Sunday 4 October: the week after is the ties' own (below).
  day: fc.integer({ min: -3, max: 33 }).map((d) => new Date(Date.UTC(2026, 8, 1 + d)).toISOString().slice(0, 10)),
  version: versionAnswer,
  flagged: fc.boolean(),
});

describe.each(stores)('charts identical to before (%s)', (_name, makeDb) => {
  it.skipIf(!makeDb)('spcSeries and unitSpcSeries give, byte for byte, the charts of the reference', async () => {
    const db = await makeDb!();
    const store = db.open();
    await store.migrate();
    await store.upsertOrg([...ORG, { ...ORG[0]!, unitCode: 'NPS', unitName: 'NPS ward', question: 'nps-0-10' }]);
    const units = await store.listUnits();
    const site = units.filter((u) => u.siteCode === 'RAA01');
    // Ties between versions a ward does not use: on Wednesday 7 October W1's one answer in each
    // goes to fft-2013 (the first by name); in that week ED's two each go to nps-0-10, answered
    // first (on the 6th, and again on the 9th).
    const tie = (unitCode: string, answeredDay: string, question: Question, answer: number) => response({ unitCode, answeredDay, question, answer });
    await store.insertResponses([
      tie('W1', '2026-10-07', 'nps-0-10', 9), tie('W1', '2026-10-07', 'fft-2013', 1),
      tie('ED', '2026-10-09', 'nps-0-10', 3), tie('ED', '2026-10-07', 'fft-2013', 2), tie('ED', '2026-10-07', 'fft-2013', 5), tie('ED', '2026-10-06', 'nps-0-10', 10),
    ]);
    // The cells come in no particular order: the charts must not depend on it.
    const reversed: Store = { ...store, answerCells: async (q) => (await store.answerCells(q)).reverse() };
    await fc.assert(
      fc.asyncProperty(fc.array(anyAnswer, { minLength: 1, maxLength: 120 }), async (answers) => {
        await store.insertResponses(answers.map((a) => response({ unitCode: a.unit, answeredDay: a.day, answer: a.version.answer, question: a.version.question, flagged: a.flagged })));
        for (const excludeFlagged of [false, true]) {
          for (const [period, measure, question] of [['day', 'positive'], ['day', 'negative', 'fft-2013'], ['day', 'responses'], ['week', 'positive'], ['week', 'negative'], ['month', 'positive'], ['quarter', 'responses']] as const) {
            // Today long after the range (its last quarter included): the reference predates partial periods.
            const q = { period, from: '2026-08-30', to: '2026-10-08', measure, question, excludeFlagged, today: '2027-01-01' };
            const label = `${period} ${measure} ${question ?? ''} excludeFlagged=${excludeFlagged}`;
            const batched = await unitSpcSeries(store, units, q);
            const backwards = await unitSpcSeries(reversed, units, q);
            for (const [i, unit] of units.entries()) {
              const before = JSON.stringify(await chartBefore(store, [unit], question ?? unit.question, q));
              expect(JSON.stringify(batched[i]), `${unit.code} ${label}`).toBe(before);
              expect(JSON.stringify(backwards[i]), `${unit.code} ${label}, cells reversed`).toBe(before);
              expect(JSON.stringify(await spcSeries(store, { level: 'unit', code: unit.code, name: unit.name, setting: null, units: [unit] }, q)), `${unit.code} ${label}`).toBe(before);
            }
            const node: OrgNode = { level: 'site', code: 'RAA01', name: 'General', setting: null, units: site };
            expect(JSON.stringify(await spcSeries(store, node, q)), `site ${label}`).toBe(JSON.stringify(await chartBefore(store, site, question ?? 'fft-2020', q, { level: 'site', code: 'RAA01' })));
          }
        }
      }),
      { numRuns: 20, seed: 5 },
    );
    await store.close();
    await db.cleanup();
  }, 120_000);
});
