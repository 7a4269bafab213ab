/** Property: however the same responses are split — by day, week, month, unit or mode — the parts add up to the whole. */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { MODES } from '../../analytics/fft.ts';
import { ORG, response } from '../../db/store.contract.ts';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../../db/testing.ts';
import type { OrgNode } from './node.ts';
import { scoreSeries, spcSeries, unitSpcSeries } from './scores.ts';

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
            const q = { period, from: '2026-06-01', to: '2026-08-29', measure, excludeFlagged };
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
