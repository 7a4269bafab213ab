import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgRow } from '../../db/store.ts';
import { testApp } from '../testing.ts';
import { addUser, browser } from './testing.ts';

type T = Awaited<ReturnType<typeof testApp>>;

const GENERAL = { icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', specialty2: null, question: 'fft-2020' } as const;
/** Beside the test org (W1 inpatient, ED A&E, DN community): two more wards of ours, and another ICB's trust. */
const MORE_ORG: OrgRow[] = [
  { ...GENERAL, unitCode: 'W2', unitName: 'Ward 2', setting: 'inpatient', specialty1: '100' },
  { ...GENERAL, unitCode: 'W3', unitName: 'Ward 3', setting: 'inpatient', specialty1: '320' },
  { icbCode: 'QBB', icbName: 'Other ICB', trustCode: 'RBB', trustName: 'Other Trust', siteCode: 'RBB01', siteName: 'Riverside', unitCode: 'B1', unitName: 'Bay 1', setting: 'inpatient', specialty1: '300', specialty2: null, question: 'fft-2020' },
];

const ANSWERS = ['Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know"];
const WARD_COLUMNS = [
  'ICB Code', 'Trust Code', 'Trust Name', 'Site Code', 'Site Name', 'Ward Name', 'Total Responses', 'Total Eligible',
  'Percentage Positive', 'Percentage Negative', ...ANSWERS, 'First Speciality', 'Second Speciality', 'Response Rate',
];
const NOVEMBER = 'month=2026-11&setting=inpatient';

/**
 * November 2026 (the test clock is 22 November): Ward 1 has 7 answers (VG 3, G 2, P 1, DK 1)
 * and 70 eligible; Ward 2 has 3 (a 1–4 ward); Ward 3 none; Bay 1, another ICB's trust, 6.
 */
async function loadNovember(t: T) {
  await t.store.upsertOrg(MORE_ORG);
  await t.give('W1', '2026-11-20', [1, 1, 2, 4, 6]);
  await t.give('W1', '2026-11-21', [1, 2], { channel: 'sms' });
  await t.give('W2', '2026-11-20', [1, 5, 5]);
  await t.give('B1', '2026-11-20', [1, 1, 1, 1, 1, 2]);
  await t.give('W1', '2026-10-14', [1, 2, 2, 3, 4, 5, 6, 1]);
  expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W1', month: '2026-11', eligible: 70 })).status).toBe(200);
  await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
  await addUser(t.store, 'other@nhs.test', 'commissioner', ['trust:RBB']);
  await addUser(t.store, 'matron@nhs.test', 'matron', ['unit:W1']);
  await addUser(t.store, 'admin@nhs.test', 'admin');
}

async function signedIn(t: T, email: string) {
  const b = browser(t.app);
  expect((await b.signIn(email)).status).toBe(303);
  return b;
}

async function pageOf(b: ReturnType<typeof browser>, path: string) {
  const res = await b.request(path);
  return { status: res.status, html: await res.text(), headers: res.headers };
}

const decode = (s: string) => s.replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
/** A cell's text as a sighted reader sees it: the visually-hidden explanation left out. */
const seen = (cell: string) => decode(cell.replace(/<span class="nhsuk-u-visually-hidden">[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '')).trim();
const heard = (cell: string) => decode(cell.replace(/<span aria-hidden="true">[\s\S]*?<\/span>/g, '').replace(/<[^>]+>/g, '')).trim();

function tableOf(html: string, sheet: string): string {
  const start = html.indexOf(`data-sheet="${sheet}"`);
  expect(start, `sheet ${sheet}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</table>', start));
}

function headersOf(html: string, sheet: string): string[] {
  const head = tableOf(html, sheet).split('</thead>')[0]!;
  return [...head.matchAll(/<th[^>]*scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((m) => seen(m[1]!));
}

function rowKeys(html: string, sheet: string): string[] {
  return [...tableOf(html, sheet).matchAll(/data-row="([^"]+)"/g)].map((m) => m[1]!);
}

/** The cells of one row of a sheet, by column, as raw HTML. */
function rowOf(html: string, sheet: string, key: string): Record<string, string> {
  const table = tableOf(html, sheet);
  const start = table.indexOf(`data-row="${key}"`);
  expect(start, `row ${key}`).toBeGreaterThan(-1);
  const tr = table.slice(start, table.indexOf('</tr>', start));
  return Object.fromEntries([...tr.matchAll(/<t[hd][^>]*data-column="([^"]+)"[^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) => [decode(m[1]!), m[2]!]));
}
const seenRow = (html: string, sheet: string, key: string) => Object.fromEntries(Object.entries(rowOf(html, sheet, key)).map(([k, v]) => [k, seen(v)]));

const monthScores = (t: T, level: string, code: string) =>
  t.get(`/api/v1/scores?level=${level}&code=${code}&period=month&from=2026-11-01&to=2026-11-30`).then((r) => r.body.series[0]);

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

describe('the commissioner’s monthly return page', () => {
  let t: T;
  beforeAll(async () => {
    t = await testApp();
    await loadNovember(t);
  });
  afterAll(async () => {
    await t.cleanup();
  });

  it('previews her trust’s wards with NHS England’s columns, each figure as the scores API has it', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { status, html, headers } = await pageOf(b, `/returns?${NOVEMBER}`);
    expect(status).toBe(200);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(headers.get('cache-control')).toBe('no-store');
    expect(html).toContain('Inpatient return, November 2026');
    expect(headersOf(html, 'Wards')).toEqual(WARD_COLUMNS);
    expect(rowKeys(html, 'Wards')).toEqual(['total', 'unit:W1', 'unit:W2', 'unit:W3']);
    expect(rowKeys(html, 'Trusts')).toEqual(['total', 'trust:RAA']);
    // The totals row first: Ward 1 and Ward 2 together (10: VG 4, G 2, P 1, VP 2, DK 1).
    expect(seenRow(html, 'Wards', 'total')).toMatchObject({ 'Ward Name': 'Total', 'Total Responses': '10', 'Very Good': '4', 'Very Poor': '2', 'Percentage Positive': '60%' });
    for (const code of ['W1', 'W2', 'W3']) {
      const row = seenRow(html, 'Wards', `unit:${code}`);
      const api = await monthScores(t, 'unit', code);
      expect(row['Total Responses'], code).toBe(String(api.responses));
      ANSWERS.forEach((column, a) => expect(row[column], `${code} ${column}`).toBe(String(api.counts[a + 1])));
      expect(row['Percentage Positive'], code).toBe(api.positive === null ? '-' : pct(api.positive));
      expect(row['Percentage Negative'], code).toBe(api.negative === null ? '-' : pct(api.negative));
      expect(row['Response Rate'], code).toBe(api.responseRate === null ? '' : pct(api.responseRate));
    }
    // Written out once, so the formatting itself is pinned: 5/7 positive, 1/7 negative, 7/70.
    expect(seenRow(html, 'Wards', 'unit:W1')).toMatchObject({ 'Ward Name': 'Ward 1', 'Percentage Positive': '71.4%', 'Percentage Negative': '14.3%', 'Total Eligible': '70', 'Response Rate': '10%', 'First Speciality': '300' });
    // The ward's name is the row header; a "-" of no responses is explained to a screen reader.
    expect(html).toMatch(/<th class="nhsuk-table__cell fft-row-header" scope="row" data-column="Ward Name"><bdi>Ward 1<\/bdi><\/th>/);
    expect(heard(rowOf(html, 'Wards', 'unit:W3')['Percentage Positive']!)).toBe('no responses');
    const trust = seenRow(html, 'Trusts', 'trust:RAA');
    expect(trust).toMatchObject({ 'Trust Code': 'RAA', 'Total Responses': '10', 'Mode SMS': '2', 'Mode Electronic Discharge': '8' });
    // Each sheet sits in a keyboard-scrollable region named by its caption, for phones.
    expect(html).toMatch(/<div class="fft-table-wrap" role="region" aria-labelledby="sheet-wards-caption" tabindex="0">/);
  });

  it('opens on the last complete month of inpatients, with a download for each sheet and the workbook', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { status, html } = await pageOf(b, '/returns');
    expect(status).toBe(200);
    expect(html).toContain('Inpatient return, October 2026');
    expect(html).toMatch(/<option value="2026-10" selected="">October 2026<\/option>/);
    expect(html).toMatch(/<option value="inpatient" selected="">Inpatient<\/option>/);
    expect(html).toContain('November 2026 is not over yet');
    // October: Ward 1's 8 answers.
    expect(seenRow(html, 'Wards', 'unit:W1')['Total Responses']).toBe('8');
    const links = [...html.matchAll(/href="(\/returns\/download\?[^"]+)"/g)].map((m) => decode(m[1]!));
    expect(links).toEqual([
      '/returns/download?month=2026-10&setting=inpatient&variant=full&format=xlsx',
      '/returns/download?month=2026-10&setting=inpatient&variant=full&format=csv&sheet=Wards',
      '/returns/download?month=2026-10&setting=inpatient&variant=full&format=csv&sheet=Sites',
      '/returns/download?month=2026-10&setting=inpatient&variant=full&format=csv&sheet=Trusts',
    ]);
  });

  it('shows the publishable variant with * for the ward of 1–4 and the cascade, each explained to a screen reader', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { html } = await pageOf(b, `/returns?${NOVEMBER}&variant=publishable`);
    const w2 = rowOf(html, 'Wards', 'unit:W2');
    for (const column of [...ANSWERS, 'Percentage Positive', 'Percentage Negative']) {
      expect(seen(w2[column]!), column).toBe('*');
      expect(heard(w2[column]!), column).toBe('hidden: 1 to 4 responses, too few to publish');
    }
    expect(seen(w2['Total Responses']!)).toBe('3');
    // Ward 1, next smallest beside it, has its counts hidden too (its percentages stay).
    const w1 = rowOf(html, 'Wards', 'unit:W1');
    expect(seen(w1['Very Good']!)).toBe('*');
    expect(heard(w1['Very Good']!)).toBe('hidden so that a smaller number beside it cannot be worked out');
    expect(seen(w1['Percentage Positive']!)).toBe('71.4%');
    expect(seenRow(html, 'Wards', 'unit:W3')['Very Good']).toBe('0');
    expect(html).toContain('variant=publishable&amp;format=xlsx');
  });

  it('shows another commissioner her trust only, and none of ours', async () => {
    const b = await signedIn(t, 'other@nhs.test');
    const { status, html } = await pageOf(b, `/returns?${NOVEMBER}`);
    expect(status).toBe(200);
    expect(rowKeys(html, 'Wards')).toEqual(['total', 'unit:B1']);
    expect(seenRow(html, 'Wards', 'unit:B1')).toMatchObject({ 'Ward Name': 'Bay 1', 'Total Responses': '6' });
    // The form's CSRF token is random base64url text, which can hold "W1" or "RAA" by chance.
    expect(html).toMatch(/name="csrf" value="[\w-]+"/);
    const shown = html.replace(/name="csrf" value="[^"]*"/g, '');
    for (const ours of ['RAA', 'Test Trust', 'Ward 1', 'Ward 2', 'Ward 3', 'General', 'W1']) expect(shown, ours).not.toContain(ours);
    const trends = await pageOf(b, '/returns/trends?from=2026-10&to=2026-11');
    expect(trends.html).toContain('Other Trust (RBB)');
    expect(trends.html).not.toContain('Test Trust');
  });

  it('answers a matron with the 404 page on every returns address, and sends the signed-out to sign in', async () => {
    const b = await signedIn(t, 'matron@nhs.test');
    for (const path of ['/returns', `/returns?${NOVEMBER}`, `/returns/download?${NOVEMBER}&format=csv`, '/returns/trends']) {
      const { status, html } = await pageOf(b, path);
      expect(status, path).toBe(404);
      expect(html).toContain('Page not found');
      expect(html).not.toContain('Ward 1');
    }
    expect((await t.store.listAudit(50)).some((a) => a.action === 'export.monthly')).toBe(false);
    const out = await browser(t.app).request(`/returns?${NOVEMBER}`);
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe(`/signin?next=${encodeURIComponent(`/returns?${NOVEMBER}`)}`);
  });

  it('shows the checks in plain English above the return: no responses, no eligible count', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { html } = await pageOf(b, `/returns?${NOVEMBER}`);
    const checks = html.slice(html.indexOf('id="checks"'), html.indexOf('id="changes"'));
    expect(html.indexOf('id="checks"')).toBeLessThan(html.indexOf('data-sheet="Wards"'));
    expect(checks).toContain('3 things to look at before you send this return.');
    expect(seen(checks.match(/<div class="fft-check" data-check="no-responses">[\s\S]*?<\/div>/)![0])).toContain('\u2068Ward 3\u2069 has no responses in November 2026.');
    const missing = seen(checks.match(/<div class="fft-check" data-check="missing-eligible">[\s\S]*?<\/div>/)![0]);
    expect(missing).toContain('No eligible count (2)');
    expect(missing).toContain('\u2068Ward 2\u2069 has no eligible count for November 2026, so it has no response rate.');
    expect(missing).toContain('\u2068Ward 3\u2069 has no eligible count for November 2026');
    expect(checks).not.toContain('Ward 1\u2069 has');
    expect(html).toContain('This month has not been exported yet.');
  });

  it('downloads the same CSV as the API for the same query, audit-logged in the user’s name', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const me = (await t.store.findUserByEmail('commissioner@nhs.test'))!;
    for (const [query, sheet] of [[`${NOVEMBER}&variant=full`, 'Wards'], [`${NOVEMBER}&variant=publishable`, 'Trusts']] as const) {
      const page = await b.request(`/returns/download?${query}&format=csv&sheet=${sheet}`, { headers: { 'sec-fetch-site': 'same-origin' } });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(page.headers.get('content-disposition')).toBe(`attachment; filename="fft-inpatient-2026-11-${query.endsWith('full') ? 'full' : 'publishable'}-${sheet.toLowerCase()}.csv"`);
      expect(page.headers.get('cache-control')).toBe('no-store');
      const api = await t.app.request(`/api/v1/exports/monthly?${query}&format=csv&sheet=${sheet}`, { headers: { authorization: `Bearer ${t.tokens.commissioner}` } });
      // Byte for byte, the byte-order mark Excel needs included (text() would drop it).
      const bytes = Buffer.from(await page.arrayBuffer());
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(bytes).toEqual(Buffer.from(await api.arrayBuffer()));
      const body = bytes.toString('utf8');
      expect(body).toContain(sheet === 'Wards' ? 'Ward 1' : 'Test Trust');
    }
    const entries = (await t.store.listAudit(20)).filter((a) => a.action === 'export.monthly' && a.actor === `user:${me.id}`);
    expect(entries.map((e) => e.detail)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ variant: 'full', format: 'csv', sheet: 'Wards', scope: { all: false, scopes: ['trust:RAA'] } }),
        expect.objectContaining({ variant: 'publishable', format: 'csv', sheet: 'Trusts' }),
      ]),
    );
    const logged = await t.store.listExports({ month: '2026-11', setting: 'inpatient' });
    expect(logged.some((e) => e.actor === `user:${me.id}` && e.format === 'csv')).toBe(true);
  });

  it('downloads the workbook with every sheet, as the API writes it', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const res = await b.request(`/returns/download?${NOVEMBER}&variant=publishable&format=xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="fft-inpatient-2026-11-publishable.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Wards', 'Sites', 'Trusts']);
    const wards = workbook.getWorksheet('Wards')!;
    expect((wards.getRow(1).values as unknown[]).slice(1)).toEqual(WARD_COLUMNS);
    const api = await monthScores(t, 'unit', 'W1');
    expect((wards.getRow(3).values as unknown[]).slice(7, 11)).toEqual([api.responses, 70, api.positive, api.negative]);
    expect((wards.getRow(4).values as unknown[]).slice(7, 12)).toEqual([3, undefined, '*', '*', '*']);
  });

  it('refuses a download started from another site, logging nothing', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const before = (await t.store.listAudit(100)).filter((a) => a.action === 'export.monthly').length;
    const res = await b.request(`/returns/download?${NOVEMBER}&format=csv`, { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Downloads start from this page');
    expect((await t.store.listAudit(100)).filter((a) => a.action === 'export.monthly').length).toBe(before);
  });

  it('answers a body it cannot read, sent to any returns address, with a 400 rather than an error: the CSRF check reads it', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    for (const [method, path] of [['POST', '/returns'], ['PUT', '/returns/trends'], ['POST', '/returns/nope']]) {
      const res = await b.request(path, { method, headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
      expect(res.status, `${method} ${path}`).toBe(400);
      expect(await res.text()).toContain('The form could not be read');
    }
  });

  it('answers a bad choice in the address with the page and the problem named (400), never an error', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const before = (await t.store.listAudit(100)).filter((a) => a.action === 'export.monthly').length;
    const cases: [string, string][] = [
      ['/returns?month=2026-13&setting=inpatient', 'The month must be a month written as YYYY-MM'],
      ['/returns?month=November&setting=inpatient', 'The month must be a month written as YYYY-MM'],
      ['/returns?month=2027-01&setting=inpatient', 'January 2027 has not started yet: choose November 2026 or earlier'],
      ['/returns?month=2026-11&setting=spa', 'Choose a setting from the list'],
      ['/returns?month=2026-11&setting=inpatient&variant=secret', 'Choose the full or the publishable return'],
      ['/returns/download?month=2026-11&setting=inpatient&format=pdf', 'Choose CSV or XLSX to download'],
      ['/returns/download?month=2026-11&setting=inpatient', 'Choose CSV or XLSX to download'],
      ['/returns/download?month=2026-1&setting=inpatient&format=csv', 'The month must be a month written as YYYY-MM'],
      ['/returns/download?month=2026-11&setting=inpatient&format=csv&sheet=Nope', 'No sheet \u2068Nope\u2069 in the Inpatient return (one of: Wards, Sites, Trusts)'],
      ['/returns/trends?from=2026-11&to=2026-10', 'The first month must not be after the last month'],
      ['/returns/trends?from=2026-00&to=2026-10', 'The first month must be a month written as YYYY-MM'],
      ['/returns/trends?to=2027-02', 'February 2027 has not started yet'],
      ['/returns/trends?setting=spa', 'Choose a setting from the list'],
    ];
    for (const [path, message] of cases) {
      const { status, html, headers } = await pageOf(b, path);
      expect(status, path).toBe(400);
      expect(headers.get('content-type'), path).toMatch(/^text\/html/);
      expect(html, path).toContain('There is a problem');
      expect(decode(html), path).toContain(message);
      expect(html, path).not.toContain('data-sheet=');
    }
    expect((await t.store.listAudit(100)).filter((a) => a.action === 'export.monthly').length).toBe(before);
  });

  it('shows trends for her trusts as the API gives them, with the chart’s figures and a CSV download', async () => {
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { status, html } = await pageOf(b, '/returns/trends?from=2026-09&to=2026-11');
    expect(status).toBe(200);
    expect(html).toContain('<script src="/assets/chart.js/chart.umd.min.js" defer="">');
    expect(html).toContain('<script src="/web/static/returns.js" defer="">');
    const api = (await t.get('/api/v1/exports/trends?from=2026-09&to=2026-11', t.tokens.commissioner)).body;
    expect(api.trusts.map((x: any) => x.code)).toEqual(['RAA']);
    const figure = html.match(/data-chart="positive"[^>]*data-chart-data="([^"]+)"/)!;
    const data = JSON.parse(decode(figure[1]!));
    const months = api.trusts[0].months;
    expect(data.labels).toEqual(['Sept 2026', 'Oct 2026', 'Nov 2026']);
    expect(data.trusts).toEqual([
      {
        name: 'Test Trust (RAA)',
        positive: months.map((m: any) => (m.positive === null ? null : Math.round(m.positive * 1000) / 10)),
        lower: months.map((m: any) => (m.positiveCi ? Math.round(m.positiveCi[0] * 1000) / 10 : null)),
        upper: months.map((m: any) => (m.positiveCi ? Math.round(m.positiveCi[1] * 1000) / 10 : null)),
        responses: months.map((m: any) => m.responses),
      },
    ]);
    expect(data.trusts[0].responses).toEqual([0, 8, 10]);
    const table = html.slice(html.indexOf('data-trust="RAA"'));
    const october = table.slice(table.indexOf('data-month="2026-10"'), table.indexOf('</tr>', table.indexOf('data-month="2026-10"')));
    expect(seen(october)).toContain('October 2026');
    expect(seen(october.match(/data-column="positive">([\s\S]*?)<\/td>/)![1]!)).toBe('50%');
    expect(seen(october.match(/data-column="interval">([\s\S]*?)<\/td>/)![1]!)).toBe(`${pct(months[1].positiveCi[0])} to ${pct(months[1].positiveCi[1])}`);
    const csvLink = decode(html.match(/href="(\/api\/v1\/exports\/trends\?[^"]+)"/)![1]!);
    expect(csvLink).toBe('/api/v1/exports/trends?from=2026-09&to=2026-11&format=csv');
    const csv = await b.request(csvLink);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="fft-trends-2026-09-to-2026-11.csv"');
    expect(await csv.text()).toContain('QAA,RAA,Test Trust,2026-10,fft-2020,8,0.5');
  });
});

describe('trends for a whole return setting', () => {
  it('offers maternity (all four questions) and ambulance as one, only where the trusts have such units, and agrees with the API', async () => {
    const t = await testApp();
    await loadNovember(t);
    const b = await signedIn(t, 'commissioner@nhs.test');
    const before = await pageOf(b, '/returns/trends?from=2026-11&to=2026-11');
    expect(before.html).not.toContain('Maternity (all four questions)');
    expect(before.html).not.toContain('Ambulance (both services)');

    await t.store.upsertOrg([
      { ...GENERAL, unitCode: 'M1', unitName: 'Delivery Suite', setting: 'maternity-birth', specialty1: '501' },
      { ...GENERAL, unitCode: 'M2', unitName: 'Postnatal Ward', setting: 'maternity-postnatal-ward', specialty1: '501' },
    ]);
    await t.give('M1', '2026-11-20', [1, 1, 2]);
    await t.give('M2', '2026-11-21', [1, 4]);
    const { status, html } = await pageOf(b, '/returns/trends?from=2026-11&to=2026-11&setting=maternity');
    expect(status).toBe(200);
    expect(html).toMatch(/<option value="maternity" selected="">Maternity \(all four questions\)<\/option>/);
    expect(html).not.toContain('Ambulance (both services)');
    expect(seen(html)).toContain('November 2026, Maternity (all four questions) only.');
    const api = (await t.get('/api/v1/exports/trends?from=2026-11&to=2026-11&setting=maternity', t.tokens.commissioner)).body;
    expect(api.trusts.map((x: any) => [x.code, x.months[0].responses])).toEqual([['RAA', 5]]);
    const data = JSON.parse(decode(html.match(/data-chart="responses"[^>]*data-chart-data="([^"]+)"/)![1]!));
    expect(data.trusts[0].responses).toEqual([5]);
    const csvLink = decode(html.match(/href="(\/api\/v1\/exports\/trends\?[^"]+)"/)![1]!);
    expect(csvLink).toBe('/api/v1/exports/trends?from=2026-11&to=2026-11&setting=maternity&format=csv');
    expect((await pageOf(b, '/returns/trends?setting=constructor')).status).toBe(400);
  });
});

describe('trends by a setting a ward has since left', () => {
  it('offers the setting for the months the ward had it, and its trend counts the ward there', async () => {
    const t = await testApp();
    await loadNovember(t);
    await t.give('ED', '2026-10-14', [1, 1, 2, 5]);
    // ED, the trust's one A&E unit, is an inpatient ward from November: September and October stay A&E.
    expect(await t.store.updateUnit('ED', { setting: 'inpatient' }, '2026-11')).toBe(true);
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { status, html } = await pageOf(b, '/returns/trends?from=2026-09&to=2026-10');
    expect(status).toBe(200);
    expect(html).toMatch(/<option value="ae">A&amp;E<\/option>/);
    const api = (await t.get('/api/v1/exports/trends?from=2026-09&to=2026-11&setting=ae', t.tokens.commissioner)).body;
    expect(api.trusts.map((x: any) => [x.code, x.months.map((m: any) => m.responses)])).toEqual([['RAA', [0, 4, 0]]]);
    // A range after the change has no A&E unit to offer.
    expect((await pageOf(b, '/returns/trends?from=2026-11&to=2026-11')).html).not.toContain('<option value="ae"');
  });
});

describe('late responses to a month already exported', () => {
  it('shows what changed since the user downloaded the month, cell by cell', async () => {
    const t = await testApp();
    await loadNovember(t);
    const b = await signedIn(t, 'commissioner@nhs.test');
    expect((await b.request(`/returns/download?${NOVEMBER}&format=csv`)).status).toBe(200);
    const same = await pageOf(b, `/returns?${NOVEMBER}`);
    expect(seen(same.html)).toContain('Nothing has changed since you exported it on 22 November 2026 at 10:00.');

    // A late paper card for Ward 1 (Very poor, 5 November) arrives after the export.
    t.clock.advance(60 * 60 * 1000);
    await t.give('W1', '2026-11-05', [5], { channel: 'paper' });
    const { html } = await pageOf(b, `/returns?${NOVEMBER}`);
    // She exported this very return, so its totals rows are compared too: 3 sheets × (total + her row).
    expect(seen(html)).toContain('6 rows changed since you exported it on 22 November 2026 at 10:00.');
    const changes = [...html.matchAll(/<tr class="nhsuk-table__row" data-change="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => [m[1], ...[...m[2]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => seen(c[1]!))]);
    expect(changes.filter((c) => c[0] === 'Wards unit:W1')).toEqual([
      ['Wards unit:W1', 'Wards', 'Ward 1', 'Total Responses', '7', '8'],
      ['Wards unit:W1', 'Wards', 'Ward 1', 'Percentage Positive', '71.4%', '62.5%'],
      ['Wards unit:W1', 'Wards', 'Ward 1', 'Percentage Negative', '14.3%', '25%'],
      ['Wards unit:W1', 'Wards', 'Ward 1', 'Very Poor', '0', '1'],
      ['Wards unit:W1', 'Wards', 'Ward 1', 'Response Rate', '10%', '11.4%'],
    ]);
    expect(new Set(changes.map((c) => c[0]))).toEqual(new Set(['Wards total', 'Wards unit:W1', 'Sites total', 'Sites site:RAA01', 'Trusts total', 'Trusts trust:RAA']));
    expect(changes).toContainEqual(['Trusts trust:RAA', 'Trusts', 'Test Trust', 'Mode Paper Discharge', '0', '1']);
    // The preview itself already holds the late card.
    expect(seenRow(html, 'Wards', 'unit:W1')['Total Responses']).toBe('8');

    // An admin sees whose export it was.
    const admin = await signedIn(t, 'admin@nhs.test');
    expect(seen((await pageOf(admin, `/returns?${NOVEMBER}`)).html)).toContain('since \u2068commissioner@nhs.test\u2069 exported it on 22 November 2026 at 10:00');
    // A later export with a commissioner's API token: a token, not "an integration".
    t.clock.advance(60 * 60 * 1000);
    expect((await t.app.request(`/api/v1/exports/monthly?${NOVEMBER}&format=csv`, { headers: { authorization: `Bearer ${t.tokens.commissioner}` } })).status).toBe(200);
    expect(seen((await pageOf(admin, `/returns?${NOVEMBER}`)).html)).toContain('Nothing has changed since an API token exported it on 22 November 2026 at 12:00.');
    await t.cleanup();
  });
});

describe('checks that need another look', () => {
  it('says in plain English when a rate is over 100% and when answers to another question are left out', async () => {
    const t = await testApp();
    await loadNovember(t);
    expect((await t.send('PUT', '/api/v1/eligible', { unit: 'W2', month: '2026-11', eligible: 2 })).status).toBe(200);
    await t.give('W1', '2026-11-12', [1], { question: 'fft-2013' });
    const b = await signedIn(t, 'commissioner@nhs.test');
    const { html } = await pageOf(b, `/returns?${NOVEMBER}`);
    const checks = seen(html.slice(html.indexOf('id="checks"'), html.indexOf('id="changes"')));
    expect(checks).toContain('Response rate over 100% (1)');
    expect(checks).toContain('\u2068Ward 2\u2069 has 3 responses but only 2 eligible patients (a response rate of 150%).');
    expect(checks).toContain('Answers to another question version (1)');
    expect(checks).toContain('\u2068Ward 1\u2069 has answers 1 to the 2013 FFT question and 7 to the 2020 FFT question. Only the 7 to the 2020 FFT question are in the return; 1 is left out.');
    // The return counts only the 2020 answers.
    expect(seenRow(html, 'Wards', 'unit:W1')['Total Responses']).toBe('7');
    await t.cleanup();
  });
});
