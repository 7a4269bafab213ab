import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import type { Store } from '../../db/store.ts';
import { ORG_HEADER, importOrgCsv, parseOrgCsv } from './csv.ts';

const HEADER = ORG_HEADER.join(',');
const NOW = new Date('2026-11-22T10:00:00Z');
const line = (unit: string, extra: Partial<Record<string, string>> = {}) => {
  const v = { icb_code: 'QZZ', icb_name: 'Demo ICB', trust_code: 'RZZ', trust_name: 'Demo Trust', site_code: 'RZZ01', site_name: 'General', unit_code: unit, unit_name: `Ward ${unit}`, setting: 'inpatient', specialty_1: '300', specialty_2: '', question: '', ...extra };
  return ORG_HEADER.map((h) => v[h]).join(',');
};

describe('parseOrgCsv', () => {
  it('reads a good file, with quoted commas, a BOM and blank question meaning fft-2020', () => {
    const { rows, errors } = parseOrgCsv(`\uFEFF${HEADER}\n${line('W1')}\n${line('W2', { unit_name: '"Ward 2, Surgery"', question: 'fft-2013' })}\n`);
    expect(errors).toEqual([]);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ unitCode: 'W1', question: 'fft-2020', specialty1: '300', specialty2: null });
    expect(rows[1]).toMatchObject({ unitName: 'Ward 2, Surgery', question: 'fft-2013' });
  });

  it('reports every bad line with its number and returns no rows', () => {
    const text = [HEADER, line('W1'), line('W2', { setting: 'ward' }), line('W3', { question: 'fft-1999' }), line('W1'), line('W4', { trust_code: 'RYY', icb_code: 'QYY' }), line('W5', { trust_code: 'RYY', icb_code: 'QXX', site_code: 'RYY01' })].join('\n');
    const { rows, errors } = parseOrgCsv(text);
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'setting'],
      [4, 'question'],
      [5, 'unit_code'],
      [6, 'trust_code'],
      [7, 'icb_code'],
    ]);
  });

  it('refuses a unit or site code that differs from an earlier line’s only in capitals', () => {
    const text = [HEADER, line('RZZ01-W01'), line('rzz01-w01'), line('W2', { site_code: 'rzz01' }), line('W3')].join('\n');
    const { rows, errors } = parseOrgCsv(text);
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.line, e.field, e.message])).toEqual([
      [3, 'unit_code', 'unit rzz01-w01 differs only in capitals from unit RZZ01-W01 on line 2: use another code'],
      [4, 'site_code', 'site rzz01 differs only in capitals from site RZZ01 on line 2: one site needs one code'],
    ]);
  });

  it('reads a header a spreadsheet quoted cell by cell, as written', () => {
    const quoted = ORG_HEADER.map((h) => `"${h}"`).join(',');
    const { rows, errors } = parseOrgCsv(`${quoted}\r\n${line('W1')}\r\n`);
    expect(errors).toEqual([]);
    expect(rows[0]).toMatchObject({ unitCode: 'W1', unitName: 'Ward W1' });
  });

  it('refuses a name with a line break or a tab, naming the line and field', () => {
    const text = [HEADER, line('W1', { unit_name: '"Ward 1\nSurgery"' }), line('W2', { site_name: 'General\tSite' })].join('\n');
    const { rows, errors } = parseOrgCsv(text);
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'unit_name'],
      [4, 'site_name'],
    ]);
    expect(errors[0]!.message).toMatch(/one line/);
  });

  it('refuses a specialty code with a control character, naming the line and field', () => {
    const { rows, errors } = parseOrgCsv([HEADER, line('W1', { specialty_1: '300\u0000' })].join('\n'));
    expect(rows).toEqual([]);
    expect(errors.map((e) => [e.line, e.field])).toEqual([[2, 'specialty_1']]);
  });

  it('reads the columns in any order, each by its name', () => {
    const order = [...ORG_HEADER].reverse();
    const values = line('W1', { specialty_1: '300', question: 'fft-2013' }).split(',').reverse().join(',');
    const { rows, errors } = parseOrgCsv(`\uFEFF${order.join(',')}\r\n${values}\r\n`);
    expect(errors).toEqual([]);
    expect(rows).toEqual([{ icbCode: 'QZZ', icbName: 'Demo ICB', trustCode: 'RZZ', trustName: 'Demo Trust', siteCode: 'RZZ01', siteName: 'General', unitCode: 'W1', unitName: 'Ward W1', setting: 'inpatient', specialty1: '300', specialty2: null, question: 'fft-2013' }]);
  });

  it('refuses a wrong header, a ragged line and an empty file', () => {
    expect(parseOrgCsv(`unit,name\nW1,Ward 1\n`).errors[0]).toMatchObject({ line: 1 });
    const misnamed = HEADER.replace('unit_name', 'unit name');
    expect(parseOrgCsv(`${misnamed}\n${line('W1')}\n`).errors).toEqual([{ line: 1, message: `the header must have the columns ${HEADER} (in any order): no unit_name; "unit name" not expected` }]);
    expect(parseOrgCsv(`${HEADER}\n${line('W1')},extra\n`).errors[0]).toMatchObject({ line: 2 });
    expect(parseOrgCsv(`${HEADER}\n`).errors[0]?.message).toMatch(/no units/);
  });

  it('reads a file as a spreadsheet saves it: rows of empty cells and empty columns at the end', () => {
    // A row whose cells were cleared is saved as ",,,"; a column once used and emptied as a trailing "," on every line.
    const empty = ORG_HEADER.map(() => '').join(',');
    const { rows, errors } = parseOrgCsv(`\uFEFF${HEADER},,\r\n${line('W1')},,\r\n${empty},,\r\n${line('W2')},,\r\n${empty},,\r\n`);
    expect(errors).toEqual([]);
    expect(rows.map((r) => r.unitCode)).toEqual(['W1', 'W2']);
    // Lines are still numbered as the spreadsheet shows them, and a value under no header is not dropped unseen.
    expect(parseOrgCsv(`${HEADER}\r\n${empty}\r\n${line('W1', { setting: 'ward' })}\r\n`).errors.map((e) => [e.line, e.field])).toEqual([[3, 'setting']]);
    expect(parseOrgCsv(`${HEADER},\n${line('W1')},\n${line('W2')},oops\n`).errors).toEqual([{ line: 3, message: 'column 13 has a value but no name in the header: name it or delete the column' }]);
  });
});

describe('importOrgCsv', () => {
  let db: TestDb;
  let store: Store;
  beforeAll(async () => {
    db = tempSqlite();
    store = db.open();
    await store.migrate();
  });
  afterAll(async () => {
    await store.close();
    await db.cleanup();
  });

  it('creates, then updates in place, and applies nothing of a bad file', async () => {
    const first = await importOrgCsv(store, `${HEADER}\n${line('W1')}\n${line('W2')}\n`, NOW);
    expect(first.summary).toMatchObject({ unitsCreated: 2, unitsUpdated: 0, sites: 1, trusts: 1, icbs: 1 });
    const again = await importOrgCsv(store, `${HEADER}\n${line('W1', { unit_name: 'Ward One' })}\n`, NOW);
    expect(again.summary).toMatchObject({ unitsCreated: 0, unitsUpdated: 1 });
    expect((await store.getUnit('W1'))?.name).toBe('Ward One');
    const bad = await importOrgCsv(store, `${HEADER}\n${line('W1', { unit_name: 'Changed' })}\n${line('W3', { setting: 'nope' })}\n`, NOW);
    expect(bad.errors).toHaveLength(1);
    expect((await store.getUnit('W1'))?.name).toBe('Ward One');
    expect(await store.getUnit('W3')).toBeUndefined();
  });

  it('puts a unit the file re-sets in its new setting from the London month of the import on; an unchanged file records nothing', async () => {
    const raw = new Database(db.target, { readonly: true });
    try {
      const history = () => raw.prepare(`SELECT from_month AS "from", setting FROM unit_settings WHERE unit_code = 'RS1' ORDER BY from_month`).all();
      const months = async (fromMonth: string, toMonth: string) => (await store.unitSettings({ fromMonth, toMonth })).filter((s) => s.unitCode === 'RS1').map((s) => `${s.month} ${s.setting}`);
      await importOrgCsv(store, `${HEADER}\n${line('RS1')}\n`, new Date('2026-10-05T10:00:00Z'));
      expect(history()).toEqual([{ from: '0000-01', setting: 'inpatient' }]);
      // The same file again, and a file that changes only the name, leave the history as it is.
      expect((await importOrgCsv(store, `${HEADER}\n${line('RS1')}\n`, NOW)).summary).toMatchObject({ unitsUpdated: 1, unitsWithNewSetting: [] });
      await importOrgCsv(store, `${HEADER}\n${line('RS1', { unit_name: 'Ward RS1 (Surgery)' })}\n`, NOW);
      expect(history()).toEqual([{ from: '0000-01', setting: 'inpatient' }]);
      expect((await importOrgCsv(store, `${HEADER}\n${line('RS1', { setting: 'ae' })}\n`, NOW)).summary).toMatchObject({ unitsUpdated: 1, unitsWithNewSetting: ['RS1'] });
      expect((await store.getUnit('RS1'))?.setting).toBe('ae');
      expect(history()).toEqual([{ from: '0000-01', setting: 'inpatient' }, { from: '2026-11', setting: 'ae' }]);
      expect(await months('2026-10', '2026-11')).toEqual(['2026-10 inpatient', '2026-11 ae']);
      // 23:30 UTC on 31 March 2027 is 00:30 on 1 April in London: April's change.
      await importOrgCsv(store, `${HEADER}\n${line('RS1', { setting: 'daycase' })}\n`, new Date('2027-03-31T23:30:00Z'));
      expect(await months('2026-10', '2027-04')).toEqual(['2026-10 inpatient', '2026-11 ae', '2026-12 ae', '2027-01 ae', '2027-02 ae', '2027-03 ae', '2027-04 daycase']);
    } finally {
      raw.close();
    }
  });

  it('refuses a line whose unit or site is one already stored in other capitals, by its number, and applies nothing', async () => {
    await importOrgCsv(store, `${HEADER}\n${line('RZZ01-W01')}\n`, NOW);
    const units = await store.listUnits();
    const sites = await store.listSites();
    const text = [HEADER, line('W5'), line('rzz01-w01'), line('W6', { site_code: 'rzz01', site_name: 'Look-alike' }), line('W7', { setting: 'ward' })].join('\n');
    const { summary, errors } = await importOrgCsv(store, text, NOW);
    expect(summary).toBeUndefined();
    // With the file's own problems, in line order.
    expect(errors.map((e) => [e.line, e.field])).toEqual([
      [3, 'unit_code'],
      [4, 'site_code'],
      [5, 'setting'],
    ]);
    expect(errors[0]!.message).toBe('unit rzz01-w01 differs only in capitals from unit RZZ01-W01, already stored: write it RZZ01-W01, or use another code for another unit');
    // Named once, though both the file's line 2 and the store spell it RZZ01.
    expect(errors[1]!.message).toMatch(/^site rzz01 differs only in capitals from site RZZ01/);
    const site = await importOrgCsv(store, `${HEADER}\n${line('W6', { site_code: 'rzz01', site_name: 'Look-alike' })}\n`, NOW);
    expect(site.errors).toEqual([{ line: 2, field: 'site_code', message: 'site rzz01 differs only in capitals from site RZZ01, already stored: write it RZZ01' }]);
    expect(await store.listUnits()).toEqual(units);
    expect(await store.listSites()).toEqual(sites);
    // The stored spelling is the same unit, updated as before.
    expect((await importOrgCsv(store, `${HEADER}\n${line('RZZ01-W01', { unit_name: 'Ward One East' })}\n`, NOW)).summary).toMatchObject({ unitsCreated: 0, unitsUpdated: 1 });
  });
});
