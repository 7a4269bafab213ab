import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../db/store.ts';
import { ORG, response } from '../../db/store.contract.ts';
import { TEST_NOW, testApp } from '../testing.ts';

type T = Awaited<ReturnType<typeof testApp>>;

const GENERAL = { icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', specialty2: null, question: 'fft-2020' } as const;
/** Beside the test org (W1 inpatient, ED A&E, DN community): two more wards of ours, and another ICB's trust. */
const MORE_ORG: OrgRow[] = [
  { ...GENERAL, unitCode: 'W2', unitName: 'Ward 2', setting: 'inpatient', specialty1: '100' },
  { ...GENERAL, unitCode: 'W3', unitName: 'Ward 3', setting: 'inpatient', specialty1: '320' },
  { icbCode: 'QBB', icbName: 'Other ICB', trustCode: 'RBB', trustName: 'Other Trust', siteCode: 'RBB01', siteName: 'Riverside', unitCode: 'B1', unitName: 'Bay 1', setting: 'inpatient', specialty1: '300', specialty2: null, question: 'fft-2020' },
];

/**
 * November 2026. Ward 1: 1,1,2,4,6 by tablet and 1,2 by SMS = 7 (VG 3, G 2, P 1, DK 1), 70
 * eligible. Ward 2: 1,5,5 (3: small). Ward 3: nothing. Bay 1 (another trust): 1,1,1,1,1,2. The
 * A&E and the district nurses are other settings.
 */
async function loadNovember(t: T) {
  await t.store.upsertOrg(MORE_ORG);
  await t.give('W1', '2026-11-20', [1, 1, 2, 4, 6]);
  await t.give('W1', '2026-11-21', [1, 2], { channel: 'sms' });
  await t.give('W2', '2026-11-20', [1, 5, 5]);
  await t.give('B1', '2026-11-20', [1, 1, 1, 1, 1, 2]);
  await t.give('ED', '2026-11-21', [1, 1, 1, 1, 2, 2]);
  await t.give('DN', '2026-11-20', [1, 2, 2, 3, 5, 6]);
  expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-11', eligible: 70 })).status).toBe(200);
}

async function fetchFile(t: T, path: string, token: string) {
  const res = await t.app.request(path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

function readCsv(bytes: Buffer): string[][] {
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const text = bytes.toString('utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  return parse(text, { bom: true, record_delimiter: '\r\n' }) as string[][];
}

async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return workbook;
}

const monthOf = (t: T, level: string, code: string, extra = '') =>
  t.get(`/api/v1/scores?level=${level}&code=${code}&period=month&from=2026-11-01&to=2026-11-30${extra}`).then((r) => r.body.series[0]);

const ANSWERS = ['Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know"];

describe('monthly return over the API', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    await loadNovember(t);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('gives a commissioner her trust’s wards as CSV, each row as the scores API has it', async () => {
    const { status, headers, bytes } = await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv', t.tokens.commissioner);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(headers.get('content-disposition')).toBe('attachment; filename="fft-inpatient-2026-11-full-wards.csv"');
    expect(headers.get('cache-control')).toBe('no-store');
    const [header, ...rows] = readCsv(bytes);
    expect(header).toEqual([
      'ICB Code', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Ward Name', 'Total Responses', 'Total Eligible',
      'Percentage Positive', 'Percentage Negative', ...ANSWERS, 'First Speciality', 'Second Speciality', 'Response Rate',
    ]);
    // Written out: the total (10: VG 4, G 2, P 1, VP 2, DK 1; no Total Eligible while Wards 2 and 3
    // have none), then General's wards by name.
    expect(rows).toEqual([
      ['', '', '', '', '', 'Total', '10', '', String(6 / 10), String(3 / 10), '4', '2', '0', '1', '2', '1', '', '', ''],
      ['QAA', 'RAA', 'Test Trust', 'RAA01', 'General', 'Ward 1', '7', '70', String(5 / 7), String(1 / 7), '3', '2', '0', '1', '0', '1', '300', '', String(7 / 70)],
      ['QAA', 'RAA', 'Test Trust', 'RAA01', 'General', 'Ward 2', '3', '', String(1 / 3), String(2 / 3), '1', '0', '0', '0', '2', '0', '100', '', ''],
      ['QAA', 'RAA', 'Test Trust', 'RAA01', 'General', 'Ward 3', '0', '', '-', '-', '0', '0', '0', '0', '0', '0', '320', '', ''],
    ]);
    // And the same figures from the scores API, unit by unit.
    for (const [i, code] of ['W1', 'W2', 'W3'].entries()) {
      const row = Object.fromEntries(header!.map((h, j) => [h, rows[i + 1]![j]!]));
      const api = await monthOf(t, 'unit', code);
      expect(Number(row['Total Responses'])).toBe(api.responses);
      ANSWERS.forEach((column, a) => expect(Number(row[column]), `${code} ${column}`).toBe(api.counts[a + 1]));
      expect(row['Percentage Positive']).toBe(api.positive === null ? '-' : String(api.positive));
      expect(row['Percentage Negative']).toBe(api.negative === null ? '-' : String(api.negative));
      expect(row['Response Rate']).toBe(api.responseRate === null ? '' : String(api.responseRate));
    }
  });

  it('puts the trust with its modes on the Trusts sheet, as the scores API has the trust’s inpatients', async () => {
    const { headers, bytes } = await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv&sheet=trusts', t.tokens.commissioner);
    expect(headers.get('content-disposition')).toBe('attachment; filename="fft-inpatient-2026-11-full-trusts.csv"');
    const [header, total, raa, ...rest] = readCsv(bytes);
    expect(rest).toEqual([]);
    const row = Object.fromEntries(header!.map((h, j) => [h, raa![j]!]));
    // Modes: 5 + 3 by tablet (Electronic Discharge), 2 by SMS.
    expect(row).toMatchObject({ 'Trust Code': 'RAA', 'Total Responses': '10', 'Mode SMS': '2', 'Mode Electronic Discharge': '8', 'Mode Electronic Home': '0', 'Mode Other': '0' });
    const api = await monthOf(t, 'trust', 'RAA', '&setting=inpatient');
    expect(Number(row['Total Responses'])).toBe(api.responses);
    ANSWERS.forEach((column, a) => expect(Number(row[column])).toBe(api.counts[a + 1]));
    expect(Number(row['Percentage Positive'])).toBe(api.positive);
    // The scores API rates the wards that have an eligible count (Ward 1: 7 of 70); the return
    // gives the trust no Total Eligible, and so no rate, until every ward has one.
    expect(api.responseRate).toBe(0.1);
    expect([row['Total Eligible'], row['Response Rate']]).toEqual(['', '']);
    expect(total!.slice(0, 4)).toEqual(['', '', 'Total', '10']);
  });

  it('gives the publishable return as XLSX: numbers as numbers, * as text, one worksheet per sheet', async () => {
    const { status, headers, bytes } = await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=xlsx&variant=publishable', t.tokens.commissioner);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(headers.get('content-disposition')).toBe('attachment; filename="fft-inpatient-2026-11-publishable.xlsx"');
    const workbook = await readXlsx(bytes);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Wards', 'Sites', 'Trusts']);
    const wards = workbook.getWorksheet('Wards')!;
    const values = (r: number) => (wards.getRow(r).values as unknown[]).slice(1);
    expect(values(1)).toEqual([
      'ICB Code', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Ward Name', 'Total Responses', 'Total Eligible',
      'Percentage Positive', 'Percentage Negative', ...ANSWERS, 'First Speciality', 'Second Speciality', 'Response Rate',
    ]);
    expect(wards.rowCount).toBe(5);
    // Ward 2 (3 answers) is hidden with its percentages; Ward 1, next smallest, has its counts hidden too.
    const w1 = values(3);
    const w2 = values(4);
    const api = await monthOf(t, 'unit', 'W1');
    expect(w1.slice(5, 10)).toEqual(['Ward 1', api.responses, 70, api.positive, api.negative]);
    expect(w1.slice(10, 16)).toEqual(['*', '*', '*', '*', '*', '*']);
    expect(w1[18]).toBe(api.responseRate);
    expect(w2.slice(5, 16)).toEqual(['Ward 2', 3, undefined, '*', '*', '*', '*', '*', '*', '*', '*']);
    expect(typeof wards.getRow(3).getCell(7).value).toBe('number');
    expect(wards.getRow(3).getCell(9).numFmt).toBe('0.0%');
    // Ward 3 had no answers: zeros stay, the percentages are "-".
    expect(values(5).slice(5, 16)).toEqual(['Ward 3', 0, undefined, '-', '-', 0, 0, 0, 0, 0, 0]);
    const trusts = workbook.getWorksheet('Trusts')!;
    expect((trusts.getRow(3).values as unknown[]).slice(1, 5)).toEqual(['QAA', 'RAA', 'Test Trust', 10]);
  });

  it('gives JSON with every sheet, and an admin every trust', async () => {
    const { status, body } = await t.get('/api/v1/exports/monthly?month=2026-11&setting=inpatient');
    expect(status).toBe(200);
    expect(body).toMatchObject({ month: '2026-11', setting: 'inpatient', variant: 'full', question: 'fft-2020', level: 'ward' });
    expect(body.sheets[0].rows.map((r: any) => r.label)).toEqual(['Total', 'Ward 1', 'Ward 2', 'Ward 3', 'Bay 1']);
    expect(body.sheets[2].rows.map((r: any) => r.key)).toEqual(['total', 'trust:RAA', 'trust:RBB']);
    const ae = await t.get('/api/v1/exports/monthly?month=2026-11&setting=ae', t.tokens.commissioner);
    expect(ae.body.sheets.map((s: any) => s.name)).toEqual(['Sites', 'Trusts']);
    expect(ae.body.sheets[0].rows[1].cells).toMatchObject({ 'Site Code': 'RAA01', 'Total Responses': 6, 'Very Good': 4, Good: 2 });
  });

  it('gives another commissioner nothing of this trust, and refuses other roles', async () => {
    const { bytes } = await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv', t.tokens.otherCommissioner);
    const csv = bytes.toString('utf8');
    expect(readCsv(bytes).map((r) => r[5])).toEqual(['Ward Name', 'Total', 'Bay 1']);
    for (const ours of ['RAA', 'Test Trust', 'Ward 1', 'General']) expect(csv).not.toContain(ours);
    const validation = await t.get('/api/v1/exports/validation?month=2026-11&setting=inpatient', t.tokens.otherCommissioner);
    expect(validation.status).toBe(200);
    expect(new Set(validation.body.findings.map((f: any) => f.unitCode))).toEqual(new Set(['B1']));
    const trends = await t.get('/api/v1/exports/trends?from=2026-11&to=2026-11', t.tokens.otherCommissioner);
    expect(trends.body.trusts.map((x: any) => x.code)).toEqual(['RBB']);
    for (const path of ['/api/v1/exports/monthly?month=2026-11&setting=inpatient', '/api/v1/exports/validation?month=2026-11&setting=inpatient', '/api/v1/exports/trends?from=2026-11&to=2026-11']) {
      for (const token of [t.tokens.matron, t.tokens.kiosk, t.tokens.integration, t.tokens.scopedIntegration]) {
        const res = await t.get(path, token);
        expect(res.status, path).toBe(403);
        expect(res.body.error.code).toBe('forbidden');
      }
      expect((await t.get(path, null)).status).toBe(401);
    }
  });

  it('logs every export, in the audit log and the export log', async () => {
    await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=xlsx&variant=publishable', t.tokens.commissioner);
    const entry = (await t.store.listAudit(10)).find((a) => a.action === 'export.monthly')!;
    expect(entry).toMatchObject({ target: 'inpatient/2026-11', detail: { variant: 'publishable', format: 'xlsx', scope: { all: false, scopes: ['trust:RAA'] } } });
    expect(entry.actor).toMatch(/^token:/);
    const logged = (await t.store.lastExport({ month: '2026-11', setting: 'inpatient' }))!;
    expect(logged).toMatchObject({ id: (entry.detail as any).exportId, variant: 'publishable', format: 'xlsx', actor: entry.actor, createdAt: '2026-11-22T10:00:00.000Z' });
    expect((logged.content as any).sheets[0].rows.map((r: any) => r.cells['Very Good'])).toEqual([4, '*', '*', 0]);
  });

  it('refuses a bad query with a 400 naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/v1/exports/monthly?setting=inpatient', 'month'],
      ['/api/v1/exports/monthly?month=2026-13&setting=inpatient', 'month'],
      ['/api/v1/exports/monthly?month=2027-01&setting=inpatient', 'month'],
      ['/api/v1/exports/monthly?month=2026-11', 'setting'],
      ['/api/v1/exports/monthly?month=2026-11&setting=spa', 'setting'],
      ['/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=pdf', 'format'],
      ['/api/v1/exports/monthly?month=2026-11&setting=inpatient&variant=secret', 'variant'],
      ['/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv&sheet=Nope', 'sheet'],
      ['/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=xlsx&sheet=Wards', 'sheet'],
      ['/api/v1/exports/validation?month=11-2026&setting=inpatient', 'month'],
      ['/api/v1/exports/validation?month=2026-11&setting=gp', 'setting'],
      ['/api/v1/exports/trends?from=2026-11', 'to'],
      ['/api/v1/exports/trends?from=2026-11&to=2026-10', 'from'],
      // Months still to come would read as months with no answers.
      ['/api/v1/exports/trends?from=2026-10&to=2027-01', 'to'],
      ['/api/v1/exports/trends?from=2000-01&to=2026-10', 'from'],
      ['/api/v1/exports/trends?from=2026-01&to=2026-10&format=xlsx', 'format'],
      ['/api/v1/exports/trends?from=2026-01&to=2026-10&setting=spa', 'setting'],
    ];
    for (const [url, path] of cases) {
      const { status, body } = await t.get(url, t.tokens.commissioner);
      expect(status, url).toBe(400);
      expect(body.error.issues.map((i: any) => i.path), url).toContain(path);
    }
  });
});

describe('validation before download', () => {
  it('finds what to check, and what late answers changed since the last export', async () => {
    const t = await testApp();
    await loadNovember(t);
    await t.give('W1', '2026-11-12', [1], { question: 'fft-2013' });
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W2', month: '2026-11', eligible: 2 })).status).toBe(200);
    const before = await t.get('/api/v1/exports/validation?month=2026-11&setting=inpatient', t.tokens.commissioner);
    expect(before.status).toBe(200);
    expect(before.body.findings.map((f: any) => [f.kind, f.unitCode])).toEqual([
      ['question-mix', 'W1'],
      ['rate-over-100', 'W2'],
      ['no-responses', 'W3'],
      ['missing-eligible', 'W3'],
    ]);
    expect(before.body.lastExport).toBeNull();

    // Looking at the figures (JSON) is not sending them: no baseline yet.
    expect((await t.get('/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=json')).status).toBe(200);
    expect((await t.get('/api/v1/exports/validation?month=2026-11&setting=inpatient', t.tokens.commissioner)).body.lastExport).toBeNull();
    // The admin sends every trust's return; then a late card for Ward 1 (Very poor, 5 November) arrives.
    expect((await t.app.request('/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv', { headers: { authorization: `Bearer ${t.tokens.admin}` } })).status).toBe(200);
    await t.give('W1', '2026-11-05', [5], { channel: 'paper' });
    const after = await t.get('/api/v1/exports/validation?month=2026-11&setting=inpatient', t.tokens.commissioner);
    expect(after.body.lastExport.export).toMatchObject({ month: '2026-11', setting: 'inpatient', variant: 'full', format: 'csv' });
    // Ward 1: 7 → 8 answers, Very Poor 0 → 1, positive 5/7 → 5/8, negative 1/7 → 2/8, rate 7/70 → 8/70.
    // The commissioner sees her own rows only: not Bay 1, and not the admin's all-trust totals.
    expect(after.body.lastExport.changes.map((c: any) => `${c.sheet} ${c.key}`)).toEqual(['Wards unit:W1', 'Sites site:RAA01', 'Trusts trust:RAA']);
    expect(after.body.lastExport.changes[0]).toEqual({
      sheet: 'Wards', key: 'unit:W1', label: 'Ward 1', change: 'changed',
      cells: [
        { column: 'Total Responses', before: 7, after: 8 },
        { column: 'Percentage Positive', before: 5 / 7, after: 5 / 8 },
        { column: 'Percentage Negative', before: 1 / 7, after: 2 / 8 },
        { column: 'Very Poor', before: 0, after: 1 },
        { column: 'Response Rate', before: 7 / 70, after: 8 / 70 },
      ],
    });
    const trustModes = after.body.lastExport.changes[2].cells.find((c: any) => c.column === 'Mode Paper Discharge');
    expect(trustModes).toEqual({ column: 'Mode Paper Discharge', before: 0, after: 1 });
    // The admin, who made the export, also sees the totals move.
    const admin = await t.get('/api/v1/exports/validation?month=2026-11&setting=inpatient');
    expect(admin.body.lastExport.changes.map((c: any) => `${c.sheet} ${c.key}`)).toEqual(['Wards total', 'Wards unit:W1', 'Sites total', 'Sites site:RAA01', 'Trusts total', 'Trusts trust:RAA']);
    // The other commissioner's trust did not change.
    const other = await t.get('/api/v1/exports/validation?month=2026-11&setting=inpatient', t.tokens.otherCommissioner);
    expect(other.body.lastExport.changes).toEqual([]);
    await t.cleanup();
  });

  it('leaves out answers flagged by the gaming guard while the admin setting says so, as the scores do', async () => {
    const t = await testApp();
    await loadNovember(t);
    await t.store.insertResponses([1, 1, 1].map((answer) => response({ unitCode: 'W1', answer, answeredAt: '2026-11-20T12:00:00.000Z', answeredDay: '2026-11-20', flagged: true })));
    const cellsOf = async () => (await t.get('/api/v1/exports/monthly?month=2026-11&setting=inpatient', t.tokens.commissioner)).body.sheets[0].rows[1].cells;
    expect((await cellsOf())['Total Responses']).toBe(7);
    expect((await monthOf(t, 'unit', 'W1')).responses).toBe(7);
    expect((await t.send('PUT', '/api/v1/settings', { excludeFlagged: false })).status).toBe(200);
    expect(await cellsOf()).toMatchObject({ 'Total Responses': 10, 'Very Good': 6 });
    expect((await monthOf(t, 'unit', 'W1')).responses).toBe(10);
    await t.cleanup();
  });
});

describe('GET /api/v1/exports/trends', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    await loadNovember(t);
    await t.give('W1', '2026-10-14', [1, 2, 2, 3, 4, 5, 6, 1]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('gives % positive by month per trust with Wilson intervals and volumes, as the scores API has each trust', async () => {
    const { status, body } = await t.get('/api/v1/exports/trends?from=2026-09&to=2026-11', t.tokens.commissioner);
    expect(status).toBe(200);
    expect(body.trusts.map((x: any) => [x.code, x.name, x.question])).toEqual([['RAA', 'Test Trust', 'fft-2020']]);
    const months = body.trusts[0].months;
    expect(months.map((m: any) => [m.month, m.responses])).toEqual([['2026-09', 0], ['2026-10', 8], ['2026-11', 16]]);
    const api = (await t.get('/api/v1/scores?level=trust&code=RAA&period=month&from=2026-09-01&to=2026-11-30')).body.series;
    months.forEach((m: any, i: number) => {
      expect(m).toEqual({
        month: api[i].period, responses: api[i].responses, positive: api[i].positive, positiveCi: api[i].positiveCi,
        negative: api[i].negative, negativeCi: api[i].negativeCi, responseRate: api[i].responseRate, suppressed: api[i].suppressed,
      });
    });
    // October: 1,2,2,3,4,5,6,1 → positive 4/8.
    expect(months[1].positive).toBe(0.5);
    const inpatient = await t.get('/api/v1/exports/trends?from=2026-11&to=2026-11&setting=inpatient', t.tokens.commissioner);
    expect(inpatient.body.trusts[0].months[0].responses).toBe((await monthOf(t, 'trust', 'RAA', '&setting=inpatient')).responses);
    const admin = await t.get('/api/v1/exports/trends?from=2026-11&to=2026-11');
    expect(admin.body.trusts.map((x: any) => x.code)).toEqual(['RAA', 'RBB']);
  });

  it('downloads as CSV', async () => {
    const { status, headers, bytes } = await fetchFile(t, '/api/v1/exports/trends?from=2026-10&to=2026-11&format=csv', t.tokens.commissioner);
    expect(status).toBe(200);
    expect(headers.get('content-disposition')).toBe('attachment; filename="fft-trends-2026-10-to-2026-11.csv"');
    const [header, october, november, ...rest] = readCsv(bytes);
    expect(rest).toEqual([]);
    expect(header).toEqual([
      'ICB Code', 'Trust Code', 'Trust Name', 'Month', 'Question', 'Total Responses', 'Percentage Positive',
      'Percentage Positive Lower 95%', 'Percentage Positive Upper 95%', 'Percentage Negative',
      'Percentage Negative Lower 95%', 'Percentage Negative Upper 95%', 'Response Rate', 'Small Number',
    ]);
    const api = (await t.get('/api/v1/scores?level=trust&code=RAA&period=month&from=2026-10-01&to=2026-11-30')).body.series;
    expect([october![13], november![13]]).toEqual(['', '']);
    expect(october!.slice(0, 7)).toEqual(['QAA', 'RAA', 'Test Trust', '2026-10', 'fft-2020', '8', '0.5']);
    expect(Number(october![7])).toBe(api[0].positiveCi[0]);
    expect(Number(november![8])).toBe(api[1].positiveCi[1]);
    expect(Number(november![12])).toBe(api[1].responseRate);
    expect((await t.store.listAudit(5)).some((a) => a.action === 'export.trends' && a.target === '2026-10/2026-11')).toBe(true);
    // A month of 1–4 answers is marked, as the JSON's `suppressed` is.
    const small = readCsv((await fetchFile(t, '/api/v1/exports/trends?from=2026-11&to=2026-11&format=csv&setting=daycase', t.tokens.commissioner)).bytes);
    expect(small).toHaveLength(1);
    await t.store.upsertOrg([{ ...GENERAL, unitCode: 'DS', unitName: 'Day Surgery', setting: 'daycase', specialty1: '100' }]);
    await t.give('DS', '2026-11-18', [1, 2, 3]);
    const marked = readCsv((await fetchFile(t, '/api/v1/exports/trends?from=2026-11&to=2026-11&format=csv&setting=daycase', t.tokens.commissioner)).bytes);
    expect(marked[1]!.slice(5, 6).concat(marked[1]![13]!)).toEqual(['3', 'yes']);
  });

  it('takes a return’s setting as the return does: inpatient with its day units, and maternity or ambulance as a whole', async () => {
    const trends = await t.get('/api/v1/exports/trends?from=2026-11&to=2026-11&setting=inpatient', t.tokens.commissioner);
    const ret = await t.get('/api/v1/exports/monthly?month=2026-11&setting=inpatient', t.tokens.commissioner);
    const trustRow = ret.body.sheets.find((s: any) => s.name === 'Trusts').rows.find((r: any) => r.key === 'trust:RAA');
    expect(trends.body.trusts[0].months[0].responses).toBe(trustRow.cells['Total Responses']);
    // The day unit (3 answers, added above) is in both.
    expect(trustRow.cells['Total Responses']).toBe(10 + 3);
    for (const setting of ['maternity', 'ambulance']) expect((await t.get(`/api/v1/exports/trends?from=2026-11&to=2026-11&setting=${setting}`, t.tokens.commissioner)).status).toBe(200);
  });
});

describe('the publishable return, whoever exports it', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    await loadNovember(t);
    // A second trust in the commissioner's ICB with 3 answers: NHS England's cascade suppresses it
    // (1–4) and so the next smallest trust of the ICB too, which is hers.
    await t.store.upsertOrg([{ ...GENERAL, trustCode: 'RCC', trustName: 'Small Trust', siteCode: 'RCC01', siteName: 'Hillside', unitCode: 'C1', unitName: 'Ward C', setting: 'inpatient', specialty1: '300' }]);
    await t.give('C1', '2026-11-20', [1, 2, 2]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('suppresses her trust as the admin’s file does, and keeps the totals row from giving it away', async () => {
    const url = '/api/v1/exports/monthly?month=2026-11&setting=inpatient&variant=publishable';
    const trusts = (body: any) => body.sheets.find((s: any) => s.name === 'Trusts').rows as { key: string; cells: Record<string, unknown> }[];
    const admin = trusts((await t.get(url)).body);
    const hers = trusts((await t.get(url, t.tokens.commissioner)).body);
    expect(admin.find((r) => r.key === 'trust:RAA')!.cells['Very Good']).toBe('*');
    expect(hers.map((r) => r.key)).toEqual(['total', 'trust:RAA']);
    expect(hers[1]).toEqual(admin.find((r) => r.key === 'trust:RAA'));
    for (const answer of ANSWERS) expect(hers[0]!.cells[answer], answer).toBe('*');
  });
});

describe('a ward given another setting', () => {
  let t: T;
  const json = (month: string, setting: string) => t.get(`/api/v1/exports/monthly?month=${month}&setting=${setting}`).then((r) => r.body);
  const row = (body: any, sheet: string, key: string) => body.sheets.find((s: any) => s.name === sheet).rows.find((r: any) => r.key === key);
  let octoberInpatient: any;
  beforeAll(async () => {
    // Ward 1 was an inpatient ward in October (1,1,2,4; 40 discharged); the A&E had 1,1,1,1,1.
    t = await testApp();
    await t.give('W1', '2026-10-14', [1, 1, 2, 4]);
    await t.give('ED', '2026-10-15', [1, 1, 1, 1, 1]);
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-10', eligible: 40 })).status).toBe(200);
    // October's inpatient return is sent; then, in November, the admin re-sets the ward as A&E.
    expect((await fetchFile(t, '/api/v1/exports/monthly?month=2026-10&setting=inpatient&format=csv', t.tokens.admin)).status).toBe(200);
    octoberInpatient = await json('2026-10', 'inpatient');
    await t.store.upsertOrg([{ ...ORG[0]!, setting: 'ae' }], '2026-11');
    await t.give('W1', '2026-11-20', [1, 2, 5]);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('stays in October’s inpatient return with its October figures, and is in the A&E return from November', async () => {
    const october = await json('2026-10', 'inpatient');
    expect(october).toEqual(octoberInpatient);
    expect(row(october, 'Wards', 'unit:W1').cells).toMatchObject({ 'Ward Name': 'Ward 1', 'Total Responses': 4, 'Total Eligible': 40, 'Very Good': 2, Good: 1, Poor: 1 });
    // October's A&E return has the A&E department alone; November's has the ward, and the inpatient return no longer does.
    expect(row(await json('2026-10', 'ae'), 'Sites', 'site:RAA01').cells['Total Responses']).toBe(5);
    expect(row(await json('2026-11', 'ae'), 'Sites', 'site:RAA01').cells['Total Responses']).toBe(3);
    expect(row(await json('2026-11', 'inpatient'), 'Wards', 'unit:W1')).toBeUndefined();
    // Validation of October finds nothing changed since the October file was sent.
    const validation = await t.get('/api/v1/exports/validation?month=2026-10&setting=inpatient');
    expect(validation.body.lastExport.export).toMatchObject({ month: '2026-10', setting: 'inpatient', format: 'csv' });
    expect(validation.body.lastExport.changes).toEqual([]);
  });

  it('counts in the trends by setting in the months it had each setting, as the returns do', async () => {
    const months = async (setting: string) =>
      (await t.get(`/api/v1/exports/trends?from=2026-10&to=2026-11&setting=${setting}`, t.tokens.commissioner)).body.trusts[0].months.map((m: any) => [m.month, m.responses]);
    expect(await months('inpatient')).toEqual([['2026-10', 4], ['2026-11', 0]]);
    expect(await months('ae')).toEqual([['2026-10', 5], ['2026-11', 3]]);
    const trust = async (month: string, setting: string) => row(await json(month, setting), 'Trusts', 'trust:RAA').cells['Total Responses'];
    expect([await trust('2026-10', 'ae'), await trust('2026-11', 'ae')]).toEqual([5, 3]);
    // The response rate keeps October's eligible patients with the inpatient series, where the ward then was.
    const rate = (await t.get('/api/v1/exports/trends?from=2026-10&to=2026-10&setting=inpatient', t.tokens.commissioner)).body.trusts[0].months[0].responseRate;
    expect(rate).toBe(4 / 40);
  });
});

describe('a ward added after the month', () => {
  let t: T;
  const json = (month: string) => t.get(`/api/v1/exports/monthly?month=${month}&setting=inpatient`).then((r) => r.body);
  const wards = (body: any) => body.sheets.find((s: any) => s.name === 'Wards').rows.filter((r: any) => r.level === 'ward').map((r: any) => r.key);
  const row = (body: any, key: string) => body.sheets.find((s: any) => s.name === 'Wards').rows.find((r: any) => r.key === key);
  const validation = (month: string) => t.get(`/api/v1/exports/validation?month=${month}&setting=inpatient`).then((r) => r.body);
  const ward = (unitCode: string, unitName: string): OrgRow => ({ ...ORG[0]!, unitCode, unitName });
  let novemberInpatient: any;
  beforeAll(async () => {
    // November: Ward 1 answered 1,1,2,4 with 40 discharged, and November's inpatient file is sent.
    t = await testApp();
    await t.give('W1', '2026-11-14', [1, 1, 2, 4]);
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-11', eligible: 40 })).status).toBe(200);
    expect((await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv', t.tokens.admin)).status).toBe(200);
    novemberInpatient = await json('2026-11');
    expect(wards(novemberInpatient)).toEqual(['unit:W1']);
    // December: three wards are added by an org import.
    t.clock.set('2026-12-02T10:00:00.000Z');
    await t.store.upsertOrg([ward('W9', 'Ward 9'), ward('W8', 'Ward 8'), ward('W7', 'Ward 7')], '2026-12');
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('is not in an earlier month’s return, its validation or its diff, and is in its own month’s with no responses', async () => {
    expect(await json('2026-11')).toEqual(novemberInpatient);
    // Validated against the file sent before the ward was added: nothing changed, nothing missing.
    const november = await validation('2026-11');
    expect(november.findings.map((f: any) => f.unitCode)).not.toContain('W9');
    expect(november.lastExport.export).toMatchObject({ month: '2026-11', setting: 'inpatient', format: 'csv', createdAt: TEST_NOW });
    expect(november.lastExport.changes).toEqual([]);
    // Downloaded again, the file has no row for it.
    const csv = readCsv((await fetchFile(t, '/api/v1/exports/monthly?month=2026-11&setting=inpatient&format=csv', t.tokens.admin)).bytes);
    expect(csv.map((r) => r[csv[0]!.indexOf('Ward Name')])).toEqual(['Ward Name', 'Total', 'Ward 1']);
    const december = await json('2026-12');
    expect(wards(december)).toEqual(expect.arrayContaining(['unit:W1', 'unit:W7', 'unit:W8', 'unit:W9']));
    expect(row(december, 'unit:W9').cells).toMatchObject({ 'Ward Name': 'Ward 9', 'Total Responses': 0 });
    expect((await validation('2026-12')).findings.filter((f: any) => f.kind === 'no-responses').map((f: any) => f.unitCode)).toContain('W9');
  });

  it('is in an earlier month’s return with the back data loaded for it there: answers, an eligible count, or answers the guard flagged', async () => {
    // A trust brings November from its old supplier: Ward 9's answers, Ward 8's discharges; Ward 7 had a burst.
    await t.give('W9', '2026-11-10', [1, 2, 2], { channel: 'import' });
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W8', month: '2026-11', eligible: 25 })).status).toBe(200);
    await t.store.insertResponses([response({ unitCode: 'W7', answeredAt: '2026-11-12T12:00:00.000Z', answeredDay: '2026-11-12', receivedAt: '2026-11-12T12:00:01.000Z', flagged: true })]);
    const november = await json('2026-11');
    expect(wards(november)).toEqual(['unit:W1', 'unit:W7', 'unit:W8', 'unit:W9']);
    expect(row(november, 'unit:W9').cells).toMatchObject({ 'Ward Name': 'Ward 9', 'Total Responses': 3, 'Very Good': 1, Good: 2 });
    expect(row(november, 'unit:W8').cells).toMatchObject({ 'Total Responses': 0, 'Total Eligible': 25 });
    // The flagged answer is left out of the figures, as the service says, but Ward 7 had answers.
    expect(row(november, 'unit:W7').cells).toMatchObject({ 'Total Responses': 0 });
    expect((await validation('2026-11')).lastExport.changes.map((c: any) => c.key)).toEqual(expect.arrayContaining(['unit:W9', 'unit:W8', 'unit:W7']));
    // October, with nothing loaded for them, is still without them.
    expect((await json('2026-10')).sheets.find((s: any) => s.name === 'Wards').rows.map((r: any) => r.key)).not.toContain('unit:W9');
  });
});
