/**
 * The store contract: what every adapter must do, run against SQLite and PostgreSQL alike.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import type { Setting } from '../analytics/fft.ts';
import type { NewResponse, OrgRow, Store } from './store.ts';
import type { TestDb } from './testing.ts';

export const ORG: OrgRow[] = [
  { icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'W1', unitName: 'Ward 1', setting: 'inpatient', specialty1: '300', specialty2: null, question: 'fft-2020' },
  { icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'ED', unitName: 'Emergency Department', setting: 'ae', specialty1: null, specialty2: null, question: 'fft-2020' },
  { icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA02', siteName: 'Community', unitCode: 'DN', unitName: 'District Nurses', setting: 'community', specialty1: null, specialty2: null, question: 'fft-2013' },
];

export function response(overrides: Partial<NewResponse> = {}): NewResponse {
  return {
    id: uuidv7(),
    unitCode: 'W1',
    question: 'fft-2020',
    answer: 1,
    comment: null,
    channel: 'kiosk',
    mode: 'electronic-discharge',
    answeredAt: '2026-03-31T23:30:00.000Z',
    answeredDay: '2026-04-01',
    receivedAt: '2026-03-31T23:30:01.000Z',
    language: 'en',
    ageBand: null,
    sex: null,
    ethnicity: null,
    disability: null,
    completedBy: null,
    deviceId: null,
    flagged: false,
    ...overrides,
  };
}

export function describeStoreContract(name: string, makeDb: () => Promise<TestDb>) {
  describe(`store contract: ${name}`, () => {
    let db: TestDb;
    let store: Store;

    beforeAll(async () => {
      db = await makeDb();
      store = db.open();
      await store.migrate();
    });
    afterAll(async () => {
      await store?.close();
      await db?.cleanup();
    });
    beforeEach(async () => {
      await store.upsertOrg(ORG);
    });

    it('migrates again without harm and answers ping', async () => {
      await store.migrate();
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it('imports the hierarchy, then updates it in place', async () => {
      const unit = await store.getUnit('W1');
      expect(unit).toMatchObject({ code: 'W1', name: 'Ward 1', siteCode: 'RAA01', siteName: 'General', trustCode: 'RAA', icbCode: 'QAA', setting: 'inpatient', specialty1: '300', active: true, question: 'fft-2020' });
      const summary = await store.upsertOrg([{ ...ORG[0]!, unitName: 'Ward 1 (Cardiology)', specialty2: '320' }]);
      expect(summary).toMatchObject({ unitsCreated: 0, unitsUpdated: 1 });
      expect(await store.getUnit('W1')).toMatchObject({ name: 'Ward 1 (Cardiology)', specialty2: '320' });
      expect((await store.listUnits()).map((u) => u.code)).toEqual(['DN', 'ED', 'W1']);
      expect(await store.getUnit('nope')).toBeUndefined();
    });

    it('stores a response with its rollup, and a replay changes nothing', async () => {
      const r = response({ comment: 'Lovely staff 😊 — شكراً', ethnicity: 'A' });
      expect(await store.insertResponses([r])).toEqual([{ id: r.id, duplicate: false }]);
      expect(await store.insertResponses([r])).toEqual([{ id: r.id, duplicate: true }]);
      expect(await store.getResponse(r.id)).toMatchObject({ id: r.id, comment: 'Lovely staff 😊 — شكراً', answeredDay: '2026-04-01', ethnicity: 'A' });
      const cells = await store.dailyCounts({ unitCodes: ['W1'], from: '2026-04-01', to: '2026-04-01' });
      expect(cells.find((c) => c.answer === 1 && c.mode === 'electronic-discharge')?.count).toBeGreaterThanOrEqual(1);
      expect(await store.dailyCounts()).toEqual(await store.recountDaily());
      expect(await store.monthlyCounts()).toEqual(await store.recountMonthly());
    });

    it('reads many responses by id in one call, each as getResponse reads it', async () => {
      const rows = [
        response({ comment: 'Kind nurses', flagged: true }),
        response({ unitCode: 'ED', answer: 5, channel: 'paper', answeredDay: '2026-03-02' }),
        response({ unitCode: 'DN', question: 'fft-2013', answer: 2 }),
      ];
      await store.insertResponses(rows);
      const byId = (list: { id: string }[]) => [...list].sort((a, b) => a.id.localeCompare(b.id));
      const one = await Promise.all(rows.map((r) => store.getResponse(r.id)));
      // Unknown ids are left out, a repeated id read once, and the records are getResponse's, booleans and all.
      expect(byId(await store.getResponses([rows[2]!.id, 'no-such-id', rows[0]!.id, rows[1]!.id, rows[0]!.id]))).toEqual(byId(one as { id: string }[]));
      expect((await store.getResponses([rows[0]!.id]))[0]?.flagged).toBe(true);
      expect(await store.getResponses([])).toEqual([]);
      // Past the bound-parameter chunk (500 a statement) on both databases.
      const many = Array.from({ length: 1200 }, (_, i) => `missing-${i}`);
      expect((await store.getResponses([...many, rows[1]!.id])).map((r) => r.id)).toEqual([rows[1]!.id]);
    });

    it('treats an id repeated inside one batch as one response', async () => {
      const r = response({ unitCode: 'ED', mode: 'sms', channel: 'sms', answeredDay: '2026-05-02', answer: 4 });
      const before = await store.countResponses();
      expect(await store.insertResponses([r, { ...r, answer: 5 }, r])).toEqual([
        { id: r.id, duplicate: false },
        { id: r.id, duplicate: true },
        { id: r.id, duplicate: true },
      ]);
      expect(await store.countResponses()).toBe(before + 1);
      expect(await store.dailyCounts({ unitCodes: ['ED'], from: '2026-05-02', to: '2026-05-02' })).toEqual([
        { unitCode: 'ED', day: '2026-05-02', question: 'fft-2020', answer: 4, mode: 'sms', flagged: false, count: 1 },
      ]);
    });

    it('keeps rollups equal to a recount under concurrent, overlapping writes', async () => {
      const pool = Array.from({ length: 60 }, (_, i) =>
        response({ unitCode: ORG[i % 3]!.unitCode, answer: (i % 6) + 1, answeredDay: `2026-06-${String((i % 5) + 1).padStart(2, '0')}`, mode: i % 2 ? 'sms' : 'online' }),
      );
      const batches = Array.from({ length: 12 }, (_, b) => pool.filter((_, i) => (i * 7 + b) % 4 === 0));
      const before = await store.countResponses();
      const outcomes = (await Promise.all(batches.map((batch) => store.insertResponses(batch)))).flat();
      const stored = outcomes.filter((o) => !o.duplicate).map((o) => o.id);
      expect(new Set(stored).size).toBe(stored.length);
      const expected = new Set(batches.flat().map((r) => r.id));
      expect(stored.length).toBe(expected.size);
      expect(await store.countResponses()).toBe(before + expected.size);
      expect(await store.dailyCounts()).toEqual(await store.recountDaily());
      expect(await store.monthlyCounts()).toEqual(await store.recountMonthly());
      // The derived rollups (no mode; whole site/trust/ICB by month) agree with the unit cells.
      const units = ORG.map((o) => o.unitCode);
      const key = (r: { period: string; question: string; answer: number }) => `${r.period}|${r.question}|${r.answer}`;
      const fold = (rows: { period: string; question: string; answer: number; count: number }[]) => {
        const m = new Map<string, number>();
        for (const r of rows) m.set(key(r), (m.get(key(r)) ?? 0) + r.count);
        return [...m.entries()].sort();
      };
      const day = { unitCodes: units, from: '2026-01-01', to: '2026-12-31', grain: 'day' as const };
      expect(fold(await store.sumCounts(day))).toEqual(fold(await store.sumCounts({ ...day, byMode: true })));
      const month = { unitCodes: units, from: '2026-01', to: '2026-12', grain: 'month' as const };
      expect(fold(await store.sumCounts({ ...month, org: { level: 'trust', code: 'RAA' } }))).toEqual(fold(await store.sumCounts({ ...month, byUnit: true })));
      expect(fold(await store.sumCounts({ ...month, org: { level: 'icb', code: 'QAA' } }))).toEqual(fold(await store.sumCounts({ ...month, byUnit: true })));
      const site1 = { ...month, unitCodes: ['W1', 'ED'] };
      expect(fold(await store.sumCounts({ ...site1, org: { level: 'site', code: 'RAA01' } }))).toEqual(fold(await store.sumCounts({ ...site1, byUnit: true })));
    });

    it('counts a unit towards its new site, trust and ICB once an org import moves it, even an import through another connection', async () => {
      // Another connection: a second server process, or `fft org import` while the server runs.
      const other = db.open();
      try {
        const month = { from: '2025-02', to: '2025-02', grain: 'month' as const };
        const total = async (q: Parameters<Store['sumCounts']>[0]) => (await store.sumCounts(q)).reduce((n, r) => n + r.count, 0);
        const at = (unitCode: string, answer: number) => response({ unitCode, answer, question: unitCode === 'DN' ? 'fft-2013' : 'fft-2020', answeredAt: '2025-02-10T10:00:00.000Z', answeredDay: '2025-02-10', receivedAt: '2025-02-10T10:00:01.000Z' });
        await store.insertResponses([at('W1', 1), at('W1', 2), at('ED', 1), at('DN', 3)]);
        const moved: OrgRow = { ...ORG[0]!, icbCode: 'QBB', icbName: 'Other ICB', trustCode: 'RBB', trustName: 'Other Trust', siteCode: 'RBB01', siteName: 'Elsewhere' };
        expect((await other.upsertOrg([moved])).unitsMoved).toEqual(['W1']);
        // This connection had looked W1's parents up for the first batch; it must not keep them.
        await store.insertResponses([at('W1', 5), at('ED', 2)]);
        const w1 = await total({ ...month, unitCodes: ['W1'] });
        expect(w1).toBe(3);
        for (const [level, code] of [['site', 'RBB01'], ['trust', 'RBB'], ['icb', 'QBB']] as const) {
          expect(await total({ ...month, unitCodes: ['W1'], org: { level, code } }), `${level} ${code}`).toBe(w1);
        }
        expect(await total({ ...month, unitCodes: ['ED', 'DN'], org: { level: 'trust', code: 'RAA' } })).toBe(await total({ ...month, unitCodes: ['ED', 'DN'] }));
        expect(await total({ ...month, unitCodes: ['ED'], org: { level: 'site', code: 'RAA01' } })).toBe(2);
        // And back (the next test's org): the whole history follows it again.
        await other.upsertOrg(ORG);
        expect(await total({ ...month, unitCodes: ['W1', 'ED'], org: { level: 'site', code: 'RAA01' } })).toBe(5);
        expect(await total({ ...month, unitCodes: ['W1'], org: { level: 'trust', code: 'RBB' } })).toBe(0);
      } finally {
        await other.close();
      }
    });

    it('filters rollups by unit and day range', async () => {
      await store.insertResponses([
        response({ unitCode: 'DN', question: 'fft-2013', mode: 'telephone', channel: 'telephone', answeredDay: '2026-07-01' }),
        response({ unitCode: 'DN', question: 'fft-2013', mode: 'telephone', channel: 'telephone', answeredDay: '2026-07-03' }),
      ]);
      const cells = await store.dailyCounts({ unitCodes: ['DN'], from: '2026-07-02', to: '2026-07-31' });
      expect(cells).toEqual([{ unitCode: 'DN', day: '2026-07-03', question: 'fft-2013', answer: 1, mode: 'telephone', flagged: false, count: 1 }]);
      expect(await store.dailyCounts({ unitCodes: [] })).toEqual([]);
    });

    it('writes nothing of a batch that fails part-way', async () => {
      const before = await store.countResponses();
      const rollups = await store.dailyCounts();
      await expect(store.insertResponses([response({ answeredDay: '2026-08-01' }), response({ unitCode: 'NO-SUCH-UNIT' })])).rejects.toThrow();
      expect(await store.countResponses()).toBe(before);
      expect(await store.dailyCounts()).toEqual(rollups);
    });

    it('gives the answer cells as stored, in any order, which add up to the sums', async () => {
      await store.insertResponses([
        response({ unitCode: 'W1', answeredDay: '2027-02-01', answer: 1 }),
        // The same cell without the mode.
        response({ unitCode: 'W1', answeredDay: '2027-02-01', answer: 1, mode: 'sms', channel: 'sms' }),
        response({ unitCode: 'W1', answeredDay: '2027-02-01', answer: 1, flagged: true }),
        response({ unitCode: 'W1', answeredDay: '2027-02-28', answer: 6 }),
        response({ unitCode: 'ED', answeredDay: '2027-02-02', answer: 4 }),
        response({ unitCode: 'DN', answeredDay: '2027-02-02', answer: 2, question: 'fft-2013' }),
        response({ unitCode: 'W1', answeredDay: '2027-03-01', answer: 1 }),
      ]);
      const q = { unitCodes: ['W1', 'ED'], from: '2027-02-01', to: '2027-02-28' };
      const sorted = <T,>(rows: T[]) => rows.map((r) => JSON.stringify(r)).sort();
      const cell = (unitCode: string, day: string, answer: number, flagged: boolean, count: number) => ({ unitCode, day, question: 'fft-2020', answer, flagged, count });
      const w1 = [cell('W1', '2027-02-01', 1, false, 2), cell('W1', '2027-02-01', 1, true, 1), cell('W1', '2027-02-28', 6, false, 1)];
      // Whole records (numbers as numbers, flagged a boolean) in the same key order on both stores.
      expect(sorted(await store.answerCells(q))).toEqual(sorted([...w1, cell('ED', '2027-02-02', 4, false, 1)]));
      expect(sorted(await store.answerCells({ ...q, unitCodes: ['W1'], flagged: 'exclude' }))).toEqual(sorted(w1.filter((c) => !c.flagged)));
      expect(sorted(await store.answerCells({ ...q, flagged: 'only' }))).toEqual(sorted(w1.filter((c) => c.flagged)));
      expect(await store.answerCells({ ...q, unitCodes: ['DN', 'W1'], question: 'fft-2013' })).toEqual([{ unitCode: 'DN', day: '2027-02-02', question: 'fft-2013', answer: 2, flagged: false, count: 1 }]);
      expect(await store.answerCells({ ...q, unitCodes: [] })).toEqual([]);
      const all = { unitCodes: ORG.map((o) => o.unitCode), from: '2026-01-01', to: '2027-12-31' };
      const added = new Map<string, number>();
      for (const c of await store.answerCells(all)) added.set(`${c.unitCode}|${c.day}|${c.question}|${c.answer}`, (added.get(`${c.unitCode}|${c.day}|${c.question}|${c.answer}`) ?? 0) + c.count);
      const summed = await store.sumCounts({ ...all, grain: 'day', byUnit: true });
      expect([...added.entries()].sort()).toEqual(summed.map((r) => [`${r.unitCode}|${r.period}|${r.question}|${r.answer}`, r.count]).sort());
    });

    it("gives each unit's first day with answers, ever, by question and flagged as asked", async () => {
      // Units of their own, in a trust of their own: the other tests' answers to W1, ED and DN stay in this store.
      const unit = (unitCode: string, question: OrgRow['question']): OrgRow => ({ ...ORG[0]!, icbCode: 'QFA', trustCode: 'RFA', siteCode: 'RFA01', unitCode, unitName: unitCode, question });
      await store.upsertOrg([unit('FA1', 'fft-2020'), unit('FA2', 'fft-2013'), unit('FA3', 'fft-2020'), unit('FA4', 'fft-2020')]);
      await store.insertResponses([
        response({ unitCode: 'FA1', answeredDay: '2027-02-05', answer: 1 }),
        response({ unitCode: 'FA1', answeredDay: '2027-02-03', answer: 4, flagged: true }),
        response({ unitCode: 'FA1', answeredDay: '2025-06-30', answer: 2, question: 'fft-2013' }),
        response({ unitCode: 'FA1', answeredDay: '2027-03-01', answer: 1 }),
        response({ unitCode: 'FA2', answeredDay: '2027-02-04', answer: 2, question: 'fft-2013' }),
      ]);
      const [taken] = await store.insertResponses([response({ unitCode: 'FA3', answeredDay: '2027-01-20', answer: 3 })]);
      const units = ['FA1', 'FA2', 'FA3', 'FA4'];
      // FA4 never answered: it has no first day.
      expect(await store.firstAnswerDays({ unitCodes: units })).toEqual([{ unitCode: 'FA1', day: '2025-06-30' }, { unitCode: 'FA2', day: '2027-02-04' }, { unitCode: 'FA3', day: '2027-01-20' }]);
      expect(await store.firstAnswerDays({ unitCodes: units, question: 'fft-2020' })).toEqual([{ unitCode: 'FA1', day: '2027-02-03' }, { unitCode: 'FA3', day: '2027-01-20' }]);
      expect(await store.firstAnswerDays({ unitCodes: ['FA1'], question: 'fft-2020', flagged: 'exclude' })).toEqual([{ unitCode: 'FA1', day: '2027-02-05' }]);
      expect(await store.firstAnswerDays({ unitCodes: ['FA1', 'FA2'], flagged: 'only' })).toEqual([{ unitCode: 'FA1', day: '2027-02-03' }]);
      expect(await store.firstAnswerDays({ unitCodes: [] })).toEqual([]);
      // A unit whose only answer was taken back has none again; an unknown code is no unit.
      await store.deleteResponse(taken!.id);
      expect(await store.firstAnswerDays({ unitCodes: [...units, 'NOPE'] })).toEqual([{ unitCode: 'FA1', day: '2025-06-30' }, { unitCode: 'FA2', day: '2027-02-04' }]);
    });

    it('sums rollup counts by day or month, by unit and by mode as asked', async () => {
      await store.insertResponses([
        response({ unitCode: 'W1', answeredDay: '2026-09-01', answer: 1, mode: 'sms', channel: 'sms' }),
        response({ unitCode: 'W1', answeredDay: '2026-09-01', answer: 1, mode: 'online', channel: 'web' }),
        response({ unitCode: 'ED', answeredDay: '2026-09-02', answer: 5, mode: 'sms', channel: 'sms' }),
        response({ unitCode: 'ED', answeredDay: '2026-10-01', answer: 2, mode: 'sms', channel: 'sms' }),
        response({ unitCode: 'DN', answeredDay: '2026-09-01', answer: 1, question: 'fft-2013', mode: 'telephone', channel: 'telephone' }),
      ]);
      const byDay = await store.sumCounts({ unitCodes: ['W1', 'ED', 'DN'], from: '2026-09-01', to: '2026-09-30', grain: 'day' });
      expect(byDay).toEqual([
        { unitCode: null, period: '2026-09-01', question: 'fft-2013', answer: 1, mode: null, flagged: null, count: 1 },
        { unitCode: null, period: '2026-09-01', question: 'fft-2020', answer: 1, mode: null, flagged: null, count: 2 },
        { unitCode: null, period: '2026-09-02', question: 'fft-2020', answer: 5, mode: null, flagged: null, count: 1 },
      ]);
      const byUnitMode = await store.sumCounts({ unitCodes: ['W1'], from: '2026-09-01', to: '2026-09-01', grain: 'day', byUnit: true, byMode: true, question: 'fft-2020' });
      expect(byUnitMode.map((r) => [r.unitCode, r.mode, r.count])).toEqual([
        ['W1', 'online', 1],
        ['W1', 'sms', 1],
      ]);
      const byMonth = await store.sumCounts({ unitCodes: ['ED'], from: '2026-09', to: '2026-10', grain: 'month', question: 'fft-2020' });
      expect(byMonth.map((r) => [r.period, r.answer, r.count])).toEqual([
        ['2026-09', 5, 1],
        ['2026-10', 2, 1],
      ]);
      expect(await store.sumCounts({ unitCodes: [], from: '2026-01-01', to: '2026-12-31', grain: 'day' })).toEqual([]);
    });

    it('breaks answers down by an equality field from the responses', async () => {
      await store.insertResponses([
        response({ unitCode: 'ED', answeredDay: '2026-09-10', answer: 1, ageBand: '65-74' }),
        response({ unitCode: 'ED', answeredDay: '2026-09-10', answer: 4, ageBand: '65-74' }),
        response({ unitCode: 'ED', answeredDay: '2026-09-11', answer: 1 }),
      ]);
      expect(await store.breakdown({ unitCodes: ['ED'], from: '2026-09-10', to: '2026-09-11', question: 'fft-2020', by: 'age' })).toEqual([
        ...(store.dialect === 'postgres' ? [] : [{ group: null, answer: 1, count: 1 }]),
        { group: '65-74', answer: 1, count: 1 },
        { group: '65-74', answer: 4, count: 1 },
        ...(store.dialect === 'postgres' ? [{ group: null, answer: 1, count: 1 }] : []),
      ]);
    });

    it('keeps eligible counts per unit and month, replacing on update', async () => {
      await store.setEligible([{ unitCode: 'W1', month: '2026-09', count: 120 }, { unitCode: 'ED', month: '2026-09', count: 900 }], '2026-10-01T00:00:00Z');
      await store.setEligible([{ unitCode: 'W1', month: '2026-09', count: 125 }], '2026-10-02T00:00:00Z');
      expect(await store.eligibleCounts({ unitCodes: ['W1', 'ED'], fromMonth: '2026-09', toMonth: '2026-09' })).toEqual([
        { unitCode: 'ED', month: '2026-09', count: 900 },
        { unitCode: 'W1', month: '2026-09', count: 125 },
      ]);
      await expect(store.setEligible([{ unitCode: 'W1', month: '2026-08', count: 1 }, { unitCode: 'NOPE', month: '2026-08', count: 1 }], '2026-10-02T00:00:00Z')).rejects.toThrow();
      expect(await store.eligibleCounts({ unitCodes: ['W1'], fromMonth: '2026-08', toMonth: '2026-08' })).toEqual([]);
    });

    it('sets a unit’s alert threshold', async () => {
      expect(await store.setUnitThreshold('W1', 0.25)).toBe(true);
      expect((await store.getUnit('W1'))?.negativeThreshold).toBe(0.25);
      expect(await store.setUnitThreshold('NOPE', 0.25)).toBe(false);
      await store.setUnitThreshold('W1', null);
      expect((await store.getUnit('W1'))?.negativeThreshold).toBeNull();
    });

    it('keeps each unit’s setting by month: a change holds from its month on, earlier months keep the old one', async () => {
      const ward = (setting: Setting): OrgRow => ({ ...ORG[0]!, unitCode: 'HIST', unitName: 'History Ward', setting });
      const months = async (fromMonth: string, toMonth: string) =>
        (await store.unitSettings({ fromMonth, toMonth })).filter((s) => s.unitCode === 'HIST').map((s) => `${s.month} ${s.setting}`);
      // A new unit's setting holds for every month, those before it was added too.
      await store.upsertOrg([ward('inpatient')]);
      expect(await months('2026-09', '2026-11')).toEqual(['2026-09 inpatient', '2026-10 inpatient', '2026-11 inpatient']);
      // A change needs the month it holds from, and is not made without one.
      await expect(store.upsertOrg([ward('ae')])).rejects.toThrow(/month/);
      await expect(store.updateUnit('HIST', { setting: 'ae' })).rejects.toThrow(/month/);
      expect((await store.getUnit('HIST'))?.setting).toBe('inpatient');
      expect(await store.upsertOrg([ward('ae')], '2026-11')).toMatchObject({ unitsCreated: 0, unitsUpdated: 1 });
      expect((await store.getUnit('HIST'))?.setting).toBe('ae');
      expect(await months('2026-09', '2026-11')).toEqual(['2026-09 inpatient', '2026-10 inpatient', '2026-11 ae']);
      // A second change in the same month replaces the first; a later month's change starts there.
      expect(await store.updateUnit('HIST', { setting: 'daycase' }, '2026-11')).toBe(true);
      expect(await store.updateUnit('HIST', { setting: 'outpatient', name: 'Eye Clinic' }, '2027-01')).toBe(true);
      expect(await store.getUnit('HIST')).toMatchObject({ setting: 'outpatient', name: 'Eye Clinic' });
      const history = ['2026-10 inpatient', '2026-11 daycase', '2026-12 daycase', '2027-01 outpatient', '2027-02 outpatient'];
      expect(await months('2026-10', '2027-02')).toEqual(history);
      // What leaves the setting as it is needs no month and changes no month's setting.
      await store.upsertOrg([{ ...ward('outpatient'), unitName: 'Eye Clinic' }]);
      expect(await store.updateUnit('HIST', { name: 'Eye Clinic 2' })).toBe(true);
      expect(await store.updateUnit('NOPE', { setting: 'ae' }, '2027-01')).toBe(false);
      expect(await months('2026-10', '2027-02')).toEqual(history);
      // Every unit has its setting in every month, in unit and month order (the test org's units
      // here: other tests of this shared store add their own).
      const orgUnits = new Set(ORG.map((u) => u.unitCode));
      expect((await store.unitSettings({ fromMonth: '2026-04', toMonth: '2026-05' })).filter((s) => orgUnits.has(s.unitCode))).toEqual([
        { unitCode: 'DN', month: '2026-04', setting: 'community' },
        { unitCode: 'DN', month: '2026-05', setting: 'community' },
        { unitCode: 'ED', month: '2026-04', setting: 'ae' },
        { unitCode: 'ED', month: '2026-05', setting: 'ae' },
        { unitCode: 'W1', month: '2026-04', setting: 'inpatient' },
        { unitCode: 'W1', month: '2026-05', setting: 'inpatient' },
      ]);
    });

    it('a unit re-set and set back within one month has not changed setting: the import does not name it', async () => {
      const ward = (setting: Setting): OrgRow => ({ ...ORG[0]!, unitCode: 'SETBACK', unitName: 'Set Back Ward', setting });
      const months = async () => (await store.unitSettings({ fromMonth: '2026-10', toMonth: '2026-12' })).filter((s) => s.unitCode === 'SETBACK').map((s) => `${s.month} ${s.setting}`);
      await store.upsertOrg([ward('inpatient')], '2026-10');
      expect((await store.upsertOrg([ward('ae')], '2026-11')).unitsWithNewSetting).toEqual(['SETBACK']);
      expect((await store.upsertOrg([ward('inpatient')], '2026-11')).unitsWithNewSetting).toEqual([]);
      expect(await months()).toEqual(['2026-10 inpatient', '2026-11 inpatient', '2026-12 inpatient']);
      // Set back by the unit's page, then re-set by an import: a change from the setting before the month again.
      expect(await store.updateUnit('SETBACK', { setting: 'ae' }, '2026-12')).toBe(true);
      expect(await store.updateUnit('SETBACK', { setting: 'inpatient' }, '2026-12')).toBe(true);
      expect((await store.upsertOrg([ward('ae')], '2026-12')).unitsWithNewSetting).toEqual(['SETBACK']);
      expect(await months()).toEqual(['2026-10 inpatient', '2026-11 inpatient', '2026-12 ae']);
      // Back to a setting it had in an earlier month, not the month before: a change, and named.
      expect((await store.upsertOrg([ward('inpatient')], '2027-01')).unitsWithNewSetting).toEqual(['SETBACK']);
    });

    it('keeps the month a unit was added in: set when it is first stored, kept by a re-import, null when stored without one', async () => {
      // Units of this test's own (the store is shared), read both ways a unit is read.
      const ward = (unitCode: string, unitName = 'Added Ward'): OrgRow => ({ ...ORG[0]!, unitCode, unitName });
      const mine = ['ADD1', 'ADD2', 'ADD3'];
      const added = async () => ({
        listed: (await store.listUnits()).filter((u) => mine.includes(u.code)).map((u) => [u.code, u.addedMonth]),
        one: await Promise.all(mine.map(async (code) => [code, (await store.getUnit(code))?.addedMonth])),
      });
      await store.upsertOrg([ward('ADD3')]);
      // A file with a new ward and one already stored: only the new ward gets the import's month.
      expect(await store.upsertOrg([ward('ADD1'), ward('ADD3')], '2026-12')).toMatchObject({ unitsCreated: 1, unitsUpdated: 1 });
      // Imported again in later months, renamed and re-set, and edited: still the month it was added in.
      await store.upsertOrg([{ ...ward('ADD1', 'Added Ward (Renamed)'), setting: 'daycase' }, ward('ADD2')], '2027-01');
      expect(await store.updateUnit('ADD1', { name: 'Added Ward 1', setting: 'ae' }, '2027-02')).toBe(true);
      await store.upsertOrg([{ ...ward('ADD1', 'Added Ward 1'), setting: 'ae' }, ward('ADD2')]);
      const expected = [['ADD1', '2026-12'], ['ADD2', '2027-01'], ['ADD3', null]];
      expect(await added()).toEqual({ listed: expected, one: expected });
      expect((await store.getUnit('W1'))?.addedMonth).toBeNull();
      // A month not 'YYYY-MM' is refused before anything is stored.
      await expect(store.upsertOrg([ward('ADD4')], '2026-13')).rejects.toThrow(/month/);
      expect(await store.getUnit('ADD4')).toBeUndefined();
    });

    it('raises an alert once per key, lists and acknowledges it', async () => {
      const alert = (id: string, key: string) => ({ id, key, unitCode: 'W1', kind: 'negative-threshold', period: '2026-09-01', reason: '% negative 40% above 20%', detail: { negative: 0.4 }, raisedAt: '2026-09-01T12:00:00Z', acknowledgedAt: null, acknowledgedBy: null });
      const first = await store.raiseAlerts([alert(uuidv7(), 'k1'), alert(uuidv7(), 'k2')]);
      expect(first.map((a) => a.key)).toEqual(['k1', 'k2']);
      expect(await store.raiseAlerts([alert(uuidv7(), 'k1')])).toEqual([]);
      const open = await store.listAlerts({ unitCodes: ['W1'], openOnly: true });
      expect(open.map((a) => a.key).sort()).toEqual(['k1', 'k2']);
      expect(open[0]!.detail).toEqual({ negative: 0.4 });
      expect(await store.acknowledgeAlert(first[0]!.id, 'user:1', '2026-09-01T13:00:00Z')).toBe(true);
      expect(await store.acknowledgeAlert(first[0]!.id, 'user:1', '2026-09-01T13:00:00Z')).toBe(false);
      expect((await store.listAlerts({ unitCodes: ['W1'], openOnly: true })).map((a) => a.key)).toEqual(['k2']);
      expect((await store.getAlert(first[0]!.id))?.acknowledgedBy).toBe('user:1');
      expect(await store.listAlerts({ unitCodes: ['ED'] })).toEqual([]);
    });

    it('counts open alerts per unit and kind, past the 200 that are listed', async () => {
      const alert = (unitCode: string, kind: string, i: number) => ({ id: uuidv7(), key: `count:${unitCode}:${kind}:${i}`, unitCode, kind, period: '2026-09-01', reason: 'r', detail: null, raisedAt: '2026-09-02T12:00:00Z', acknowledgedAt: null, acknowledgedBy: null });
      const ed = await store.raiseAlerts(Array.from({ length: 205 }, (_, i) => alert('ED', 'negative-threshold', i)));
      await store.raiseAlerts([alert('ED', 'serious-concern', 0), alert('DN', 'serious-concern', 0)]);
      await store.acknowledgeAlert(ed[0]!.id, 'user:1', '2026-09-02T13:00:00Z');
      const counts = (await store.openAlertCounts(['ED', 'DN'])).sort((a, b) => `${a.unitCode}${a.kind}`.localeCompare(`${b.unitCode}${b.kind}`));
      expect(counts).toEqual([
        { unitCode: 'DN', kind: 'serious-concern', count: 1 },
        { unitCode: 'ED', kind: 'negative-threshold', count: 204 },
        { unitCode: 'ED', kind: 'serious-concern', count: 1 },
      ]);
      expect(await store.openAlertCounts(['ED'])).toHaveLength(2);
      expect((await store.listAlerts({ unitCodes: ['ED', 'DN'], openOnly: true, kind: 'serious-concern' })).map((a) => a.unitCode).sort()).toEqual(['DN', 'ED']);
      expect(await store.openAlertCounts([])).toEqual([]);
      // Counted and paged as listed: newest first, the next page after the first.
      expect(await store.countAlerts({ unitCodes: ['ED', 'DN'], openOnly: true })).toBe(206);
      expect(await store.countAlerts({ unitCodes: ['ED'], kind: 'negative-threshold' })).toBe(205);
      expect(await store.countAlerts({ unitCodes: ['ED'], openOnly: true, kind: 'serious-concern' })).toBe(1);
      expect(await store.countAlerts({ unitCodes: [] })).toBe(0);
      const all = await store.listAlerts({ unitCodes: ['ED'], kind: 'negative-threshold', limit: 500 });
      expect(all).toHaveLength(205);
      const second = await store.listAlerts({ unitCodes: ['ED'], kind: 'negative-threshold', limit: 200, offset: 200 });
      expect(second.map((a) => a.id)).toEqual(all.slice(200).map((a) => a.id));
    });

    it('keeps kiosks, claims a pairing code once, and keeps "You said, we did" items', async () => {
      const id = uuidv7();
      const kiosk = { id, unitCode: 'W1', label: 'bay', pairingCodeHash: `code-${id}`, pairingExpiresAt: '2026-01-02T00:00:00Z', tokenId: null, pairedAt: null, lastSeenAt: null, unsent: 0, revokedAt: null, createdAt: '2026-01-01T00:00:00Z' };
      expect(await store.createKiosk(kiosk)).toBe(true);
      // The same id again (a form sent twice) stores nothing and changes nothing.
      expect(await store.createKiosk({ ...kiosk, label: 'other', pairingCodeHash: `again-${id}` })).toBe(false);
      expect(await store.getKiosk(id)).toMatchObject({ label: 'bay', pairingCodeHash: `code-${id}` });
      expect(await store.claimPairing(`code-${id}`, '2026-01-03T00:00:00Z')).toBeUndefined();
      expect((await store.claimPairing(`code-${id}`, '2026-01-01T12:00:00Z'))?.id).toBe(id);
      expect(await store.claimPairing(`code-${id}`, '2026-01-01T12:00:00Z')).toBeUndefined();
      expect(await store.updateKiosk(id, { tokenId: `tok-${id}`, unsent: 4 })).toBe(true);
      expect((await store.findKioskByToken(`tok-${id}`))?.unsent).toBe(4);
      expect((await store.listKiosks(['W1'])).map((k) => k.id)).toContain(id);
      const item = { id: uuidv7(), unitCode: 'W1', youSaid: 'Noisy at night', weDid: 'Quiet hours', status: 'planned', owner: null, dueDate: null, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
      await store.saveYouSaid(item);
      await store.saveYouSaid({ ...item, status: 'done', updatedAt: '2026-01-05T00:00:00Z' });
      expect(await store.getYouSaid(item.id)).toMatchObject({ status: 'done', updatedAt: '2026-01-05T00:00:00Z' });
      expect((await store.listYouSaid(['W1'])).filter((y) => y.id === item.id)).toHaveLength(1);
      // Filtered by status before the limit: a newer planned action does not crowd out a done one.
      await store.saveYouSaid({ ...item, id: uuidv7(), status: 'planned', updatedAt: '2026-01-06T00:00:00Z' });
      expect((await store.listYouSaid(['W1'], 1, 'done')).map((y) => y.id)).toEqual([item.id]);
    });

    it('keeps comment analyses, lists and searches comments, and counts themes', async () => {
      const r = response({ unitCode: 'ED', answeredDay: '2026-10-15', comment: 'Rude receptionist, 100% not ok' });
      await store.insertResponses([r, response({ unitCode: 'ED', answeredDay: '2026-10-15' })]);
      const analysis = { responseId: r.id, unitCode: 'ED', day: '2026-10-15', labels: [{ subCategory: 'Staff manner & personal attributes', category: 'Staff' }], sentiment: 5, concern: null, redactedInternal: 'Rude receptionist, 100% not ok', redactedPublic: 'Rude receptionist, 100% not ok', modelVersion: 'm1', analysedAt: '2026-10-15T12:00:00Z' };
      await store.saveCommentAnalyses([analysis]);
      await store.saveCommentAnalyses([{ ...analysis, sentiment: 4 }]);
      const q = { unitCodes: ['ED'], from: '2026-10-01', to: '2026-10-31', limit: 10, offset: 0 };
      const listed = await store.listComments(q);
      expect(listed.total).toBe(1);
      expect(listed.comments[0]).toMatchObject({ id: r.id, comment: 'Rude receptionist, 100% not ok', analysis: { sentiment: 4, labels: analysis.labels } });
      expect((await store.listComments({ ...q, search: 'RECEPTION' })).total).toBe(1);
      expect((await store.listComments({ ...q, search: '100%' })).total).toBe(1);
      expect((await store.listComments({ ...q, search: '1_0' })).total).toBe(0);
      // Several words: each anywhere in the comment, in any order (not only as one phrase).
      expect((await store.listComments({ ...q, search: 'rude  OK' })).total).toBe(1);
      expect((await store.listComments({ ...q, search: 'ok receptionist' })).total).toBe(1);
      expect((await store.listComments({ ...q, search: 'rude kind' })).total).toBe(0);
      expect((await store.listComments({ ...q, theme: 'Staff manner & personal attributes', sentiment: 4 })).total).toBe(1);
      expect((await store.listComments({ ...q, concern: true })).total).toBe(0);
      expect(await store.themeCounts({ unitCodes: ['ED'], from: '2026-10-01', to: '2026-10-31' })).toEqual([{ day: '2026-10-15', subCategory: 'Staff manner & personal attributes', category: 'Staff', sentiment: 4, count: 1 }]);
      expect((await store.commentsAfter(null, 1000)).map((c) => c.id)).toContain(r.id);
      expect(await store.countResponses({ withComment: true })).toBe((await store.commentsAfter(null, 100_000)).length);
      expect(await store.countResponses({ withComment: true })).toBeLessThan(await store.countResponses());
      // Only comments with no analysis yet, when asked: this one has one now.
      const bare = response({ comment: 'Not analysed yet' });
      await store.insertResponses([bare]);
      const { comments: unanalysed, next } = await store.unanalysedCommentsAfter(null, 1000);
      expect(unanalysed.map((c) => c.id)).toContain(bare.id);
      expect(unanalysed.map((c) => c.id)).not.toContain(r.id);
      expect(next).toBeNull();
    });

    it('finds the comments with no analysis a bounded slice at a time, in id order, until there are none after', async () => {
      const rows = Array.from({ length: 7 }, (_, i) => response({ comment: `Comment ${i}` }));
      await store.insertResponses([...rows, response({ comment: null })]);
      const all = (await store.commentsAfter(null, 1000)).map((c) => c.id);
      const analysed = new Set([rows[1]!.id, rows[2]!.id, rows[5]!.id]);
      await store.saveCommentAnalyses(
        rows.filter((r) => analysed.has(r.id)).map((r) => ({
          responseId: r.id, unitCode: r.unitCode, day: r.answeredDay, labels: [], sentiment: 2, concern: null,
          redactedInternal: r.comment!, redactedPublic: r.comment!, modelVersion: 'm1', analysedAt: '2026-10-15T12:00:00Z',
        })),
      );
      const seen: string[] = [];
      const slices: string[][] = [];
      let after: string | null = null;
      for (;;) {
        const { comments, next } = await store.unanalysedCommentsAfter(after, 3);
        slices.push(comments.map((c) => c.id));
        seen.push(...comments.map((c) => c.id));
        if (next === null) break;
        expect(all.indexOf(next)).toBe(all.indexOf(after ?? '') + 3);
        after = next;
      }
      // Every comment is looked at once: the slices together are what one read of all of them finds.
      expect(seen).toEqual((await store.unanalysedCommentsAfter(null, all.length + 1)).comments.map((c) => c.id));
      expect(seen).toEqual(expect.arrayContaining(rows.filter((r) => !analysed.has(r.id)).map((r) => r.id)));
      expect(seen.filter((id) => analysed.has(id))).toEqual([]);
      expect(seen.map((id) => all.indexOf(id))).toEqual(seen.map((id) => all.indexOf(id)).sort((a, b) => a - b));
      expect(slices.length).toBe(Math.ceil(all.length / 3));
      expect((await store.unanalysedCommentsAfter(all.at(-1)!, 3))).toEqual({ comments: [], next: null });
    });

    it('lists comments newest first by the moment they were given, whatever offset each was sent with', async () => {
      // One London day, three clients: A at 09:00-08:00 (17:00Z), B at 12:00Z, C at 19:30+05:30 (14:00Z).
      const a = response({ unitCode: 'DN', answeredDay: '2026-11-12', answeredAt: '2026-11-12T09:00:00-08:00', comment: 'A' });
      const b = response({ unitCode: 'DN', answeredDay: '2026-11-12', answeredAt: '2026-11-12T12:00:00Z', comment: 'B' });
      const c = response({ unitCode: 'DN', answeredDay: '2026-11-12', answeredAt: '2026-11-12T19:30:00.000+05:30', comment: 'C' });
      await store.insertResponses([a, b, c]);
      const q = { unitCodes: ['DN'], from: '2026-11-12', to: '2026-11-12', limit: 10, offset: 0 };
      expect((await store.listComments(q)).comments.map((r) => r.comment)).toEqual(['A', 'C', 'B']);
      expect((await store.listComments({ ...q, limit: 1, offset: 1 })).comments.map((r) => r.comment)).toEqual(['C']);
    });

    it('searches the redacted text the reader is shown: a staff name redacted for staff views cannot be found', async () => {
      const r = response({ unitCode: 'DN', answeredDay: '2026-11-13', comment: 'Nurse Sarah was wonderful' });
      await store.insertResponses([r]);
      await store.saveCommentAnalyses([{ responseId: r.id, unitCode: 'DN', day: '2026-11-13', labels: [], sentiment: 1, concern: null, redactedInternal: 'Nurse Sarah was wonderful', redactedPublic: 'Nurse [NAME] was wonderful', modelVersion: 'm1', analysedAt: '2026-11-13T12:00:00Z' }]);
      const q = { unitCodes: ['DN'], from: '2026-11-13', to: '2026-11-13', limit: 10, offset: 0, search: 'sarah' };
      expect((await store.listComments(q)).total).toBe(1);
      expect((await store.listComments({ ...q, searchIn: 'internal' })).total).toBe(1);
      expect((await store.listComments({ ...q, searchIn: 'public' })).total).toBe(0);
      expect((await store.listComments({ ...q, searchIn: 'public', search: 'wonderful' })).total).toBe(1);
    });

    it('filters comments by theme, sentiment, concern and search together, counting and paging as without them', async () => {
      const staff = { subCategory: 'Staff manner & personal attributes', category: 'Staff' };
      const waits = { subCategory: 'Timeliness of care', category: 'Access' };
      const at = (unitCode: string, answeredDay: string, time: string, comment: string | null) => response({ unitCode, answeredDay, answeredAt: `${answeredDay}T${time}Z`, comment });
      const both = at('ED', '2027-01-01', '10:00:00', 'Rude and slow, 50% of the time');
      const waited = at('ED', '2027-01-02', '09:00:00', 'Kept waiting, he hit me');
      const kind = at('ED', '2027-01-02', '11:00:00', 'Kind staff');
      const bare = at('ED', '2027-01-03', '08:00:00', 'Not analysed yet');
      const latest = at('ED', '2027-01-03', '12:00:00', 'Rude doctor');
      const ward = at('W1', '2027-01-02', '10:00:00', 'Rude nurse');
      const before = at('ED', '2026-12-31', '10:00:00', 'Rude porter');
      await store.insertResponses([both, waited, kind, bare, latest, ward, before, at('ED', '2027-01-02', '10:00:00', null)]);
      const analysis = (r: NewResponse, labels: (typeof staff)[], sentiment: number, concern: string | null = null) => ({ responseId: r.id, unitCode: r.unitCode, day: r.answeredDay, labels, sentiment, concern, redactedInternal: r.comment!, redactedPublic: r.comment!, modelVersion: 'm1', analysedAt: '2027-01-04T00:00:00Z' });
      await store.saveCommentAnalyses([analysis(both, [staff, waits], 4), analysis(waited, [waits], 4, 'abuse'), analysis(kind, [staff], 1), analysis(latest, [staff], 4), analysis(ward, [staff], 4), analysis(before, [waits], 4)]);
      const q = { unitCodes: ['ED'], from: '2027-01-01', to: '2027-01-03', limit: 10, offset: 0 };
      const list = async (more: Partial<typeof q> & { theme?: string; sentiment?: number; concern?: boolean; search?: string }) => {
        const { total, comments } = await store.listComments({ ...q, ...more });
        return { total, ids: comments.map((r) => r.id) };
      };
      expect(await list({})).toEqual({ total: 5, ids: [latest.id, bare.id, kind.id, waited.id, both.id] });
      // A comment with two themes is under each, once.
      expect(await list({ theme: staff.subCategory })).toEqual({ total: 3, ids: [latest.id, kind.id, both.id] });
      expect(await list({ theme: waits.subCategory })).toEqual({ total: 2, ids: [waited.id, both.id] });
      expect(await list({ theme: staff.subCategory, limit: 2 })).toEqual({ total: 3, ids: [latest.id, kind.id] });
      expect(await list({ theme: staff.subCategory, limit: 2, offset: 2 })).toEqual({ total: 3, ids: [both.id] });
      expect(await list({ theme: staff.subCategory, unitCodes: ['ED', 'W1'] })).toEqual({ total: 4, ids: [latest.id, kind.id, ward.id, both.id] });
      expect(await list({ theme: waits.subCategory, from: '2026-12-31' })).toEqual({ total: 3, ids: [waited.id, both.id, before.id] });
      expect(await list({ theme: 'No such theme' })).toEqual({ total: 0, ids: [] });
      // An unanalysed comment has no sentiment and no concern, so it is only among those not flagged.
      expect(await list({ sentiment: 4 })).toEqual({ total: 3, ids: [latest.id, waited.id, both.id] });
      expect(await list({ sentiment: 4, offset: 1, limit: 1 })).toEqual({ total: 3, ids: [waited.id] });
      expect(await list({ concern: true })).toEqual({ total: 1, ids: [waited.id] });
      expect(await list({ concern: false })).toEqual({ total: 4, ids: [latest.id, bare.id, kind.id, both.id] });
      expect(await list({ theme: staff.subCategory, concern: true })).toEqual({ total: 0, ids: [] });
      expect(await list({ theme: waits.subCategory, concern: true, sentiment: 4 })).toEqual({ total: 1, ids: [waited.id] });
      expect(await list({ theme: waits.subCategory, sentiment: 4, concern: false, search: 'RUDE' })).toEqual({ total: 1, ids: [both.id] });
      expect(await list({ theme: staff.subCategory, sentiment: 4, search: 'rude' })).toEqual({ total: 2, ids: [latest.id, both.id] });
      expect(await list({ theme: staff.subCategory, search: '50%' })).toEqual({ total: 1, ids: [both.id] });
      expect(await list({ theme: staff.subCategory, search: '50_' })).toEqual({ total: 0, ids: [] });
      // Shorter than a trigram, or only a wildcard character: still a plain substring.
      expect(await list({ search: 'rU' })).toEqual({ total: 2, ids: [latest.id, both.id] });
      expect(await list({ search: '%' })).toEqual({ total: 1, ids: [both.id] });
      expect(await list({ search: '_' })).toEqual({ total: 0, ids: [] });
      expect(await list({ search: 'of the time' })).toEqual({ total: 1, ids: [both.id] });
      // Analysed again, a comment leaves the theme and sentiment it had and is found under the new ones.
      await store.saveCommentAnalyses([analysis(kind, [waits], 5, 'neglect')]);
      expect(await list({ theme: staff.subCategory })).toEqual({ total: 2, ids: [latest.id, both.id] });
      expect(await list({ theme: waits.subCategory, sentiment: 5, concern: true })).toEqual({ total: 1, ids: [kind.id] });
      expect(await list({ sentiment: 1 })).toEqual({ total: 0, ids: [] });
      expect(await list({ concern: true })).toEqual({ total: 2, ids: [kind.id, waited.id] });
    });

    it('keeps tokens by hash and revokes them', async () => {
      const id = uuidv7();
      await store.createToken({ id, tokenHash: `hash-${id}`, role: 'kiosk', scopes: ['unit:W1'], label: 'bay 1 tablet', createdAt: '2026-01-01T00:00:00.000Z', revokedAt: null });
      expect(await store.findTokenByHash(`hash-${id}`)).toMatchObject({ id, role: 'kiosk', scopes: ['unit:W1'], revokedAt: null });
      expect(await store.revokeToken(id, '2026-01-02T00:00:00.000Z')).toBe(true);
      expect((await store.findTokenByHash(`hash-${id}`))?.revokedAt).toBe('2026-01-02T00:00:00.000Z');
      expect(await store.revokeToken('no-such-token', '2026-01-02T00:00:00.000Z')).toBe(false);
      expect((await store.listTokens()).some((t) => t.id === id)).toBe(true);
    });

    it('finds users by email whatever the case', async () => {
      const id = uuidv7();
      await store.createUser({ id, email: `Matron.${id}@Example.NHS.uk`, passwordHash: 'scrypt$x', role: 'matron', scopes: ['unit:W1'], active: true, failedSignIns: 0, lockedUntil: null, createdAt: '2026-01-01T00:00:00.000Z' });
      expect(await store.findUserByEmail(`matron.${id}@example.nhs.uk`)).toMatchObject({ id, role: 'matron', scopes: ['unit:W1'], active: true });
    });

    it('finds nothing by a key with U+0000 in it (no stored key has one; PostgreSQL text cannot hold it), as by any unknown key', async () => {
      const nul = 'W1\u0000';
      expect(await store.getUnit(nul)).toBeUndefined();
      expect(await store.setUnitThreshold(nul, 0.3)).toBe(false);
      expect(await store.getResponse(nul)).toBeUndefined();
      expect(await store.getResponses([nul])).toEqual([]);
      expect(await store.getAlert(nul)).toBeUndefined();
      expect(await store.acknowledgeAlert(nul, 'user:x', '2026-10-15T12:00:00Z')).toBe(false);
      expect(await store.getKiosk(nul)).toBeUndefined();
      expect(await store.updateKiosk(nul, { label: 'x' })).toBe(false);
      expect(await store.getYouSaid(nul)).toBeUndefined();
      expect(await store.revokeToken(nul, '2026-10-15T12:00:00Z')).toBe(false);
      expect(await store.findUserByEmail('matron\u0000@nhs.test')).toBeUndefined();
      expect(await store.getUser(nul)).toBeUndefined();
      expect(await store.updateUser(nul, { active: false })).toBe(false);
      expect(await store.updateUnit(nul, { name: 'x' })).toBe(false);
      expect(await store.renameSite('RAA01\u0000', 'x')).toBe(false);
      expect(await store.deleteResponse(nul)).toBeUndefined();
      const q = { unitCodes: ['W1'], from: '2026-10-01', to: '2026-10-31', limit: 10, offset: 0 };
      expect(await store.listComments({ ...q, search: 'kind\u0000' })).toEqual({ total: 0, comments: [] });
      expect(await store.listComments({ ...q, theme: 'Staff\u0000' })).toEqual({ total: 0, comments: [] });
      expect((await store.getUnit('W1'))?.negativeThreshold).toBeNull();
    });

    it('appends to the audit log', async () => {
      const id = uuidv7();
      await store.appendAudit({ id, at: '2099-01-01T00:00:00.000Z', actor: 'cli', action: 'test.audit', target: 'W1', detail: { n: 1 } });
      expect((await store.listAudit(1))[0]).toEqual({ id, at: '2099-01-01T00:00:00.000Z', actor: 'cli', action: 'test.audit', target: 'W1', detail: { n: 1 } });
    });
  });
}
