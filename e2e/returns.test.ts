/**
 * The commissioner's returns in Chromium against the real server: she signs in, picks a month
 * and a setting and sees the return; the CSV and XLSX she downloads hold the figures the scores
 * API gives; the trends charts are drawn; the sheets scroll inside their boxes on a phone;
 * axe-core finds nothing on either page.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodOf, today as londonToday } from '../analytics/periods.ts';
import type { OrgRow } from '../db/store.ts';
import { addUser, TEST_PASSWORD } from '../server/web/testing.ts';
import { axeViolations, CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './lib/browser.ts';
import { startE2eServer, type E2eServer } from './lib/server.ts';

const SHOTS = join(REPO_ROOT, 'e2e/screenshots');
const ANSWERS = ['Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know"];
const MORE_ORG: OrgRow[] = [
  { icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'W2', unitName: 'Ward 2', setting: 'inpatient', specialty1: '100', specialty2: null, question: 'fft-2020' },
  { icbCode: 'QBB', icbName: 'Other ICB', trustCode: 'RBB', trustName: 'Other Trust', siteCode: 'RBB01', siteName: 'Riverside', unitCode: 'B1', unitName: 'Bay 1', setting: 'inpatient', specialty1: '300', specialty2: null, question: 'fft-2020' },
];

let server: E2eServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** The last complete London month, and the one before: the return and the trends are of these. */
let month: string;
let before: string;

const addMonths = (m: string, n: number) => {
  const [y, mm] = m.split('-').map(Number) as [number, number];
  const i = y * 12 + mm - 1 + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}`, ...(init.headers ?? {}) } });
  if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<any>;
}

/** The month's figures for a unit, as the scores API gives them. */
async function scores(unit: string) {
  const { start, end } = periodOf('month', `${month}-01`);
  return (await api(`/api/v1/scores?level=unit&code=${unit}&period=month&from=${start}&to=${end}`)).series[0];
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startE2eServer();
  await server.store.upsertOrg(MORE_ORG);
  await addUser(server.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
  month = addMonths(londonToday(new Date()).slice(0, 7), -1);
  before = addMonths(month, -1);
  const at = (m: string, day: number, i: number) => `${m}-${String(day).padStart(2, '0')}T12:${String(i).padStart(2, '0')}:00Z`;
  const responses = [
    // Ward 1: 14 answers last month (9 very good or good, 3 poor or very poor, 2 don't know), 12 the month before.
    ...[1, 1, 1, 2, 2, 1, 2, 1, 2, 4, 5, 4, 6, 6].map((answer, i) => ({ unit: 'W1', answer, channel: i % 3 ? 'kiosk' : 'sms', answeredAt: at(month, 10 + (i % 5), i) })),
    ...[1, 1, 2, 2, 2, 1, 4, 5, 1, 1, 2, 3].map((answer, i) => ({ unit: 'W1', answer, channel: 'kiosk', answeredAt: at(before, 12, i) })),
    // Ward 2: three answers, a ward of 1–4.
    ...[1, 2, 5].map((answer, i) => ({ unit: 'W2', answer, channel: 'kiosk', answeredAt: at(month, 8, i) })),
    // Another commissioner's trust.
    ...[1, 1, 1, 1, 1, 1].map((answer, i) => ({ unit: 'B1', answer, channel: 'kiosk', answeredAt: at(month, 9, i) })),
  ];
  await api('/api/v1/responses', { method: 'POST', body: JSON.stringify({ responses }) });
  await api('/api/v1/eligible', { method: 'PUT', body: JSON.stringify({ unit: 'W1', month, eligible: 140 }) });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London', acceptDownloads: true });
  page = await context.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

let axeSource: string | undefined;
/** axe-core, evaluated through the DevTools protocol: the page's CSP forbids injected script tags. */
async function axe(p: Page) {
  axeSource ??= await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await p.evaluate(() => 'axe' in window))) await p.evaluate(axeSource);
  return axeViolations(p);
}

/** One row of a sheet on the page: its cells' visible text by column. */
function rowOnPage(sheet: string, key: string) {
  return page.evaluate(
    ([sheet, key]) => {
      const row = document.querySelector(`table[data-sheet="${sheet}"] tr[data-row="${key}"]`);
      if (!row) return null;
      return Object.fromEntries(
        [...row.querySelectorAll('[data-column]')].map((cell) => {
          const copy = cell.cloneNode(true) as HTMLElement;
          copy.querySelectorAll('.nhsuk-u-visually-hidden').forEach((n) => n.remove());
          return [cell.getAttribute('data-column')!, copy.textContent!.trim()];
        }),
      );
    },
    [sheet, key] as const,
  );
}

const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;

describe('the commissioner’s returns', () => {
  it('signs in, picks a month and a setting, and sees her trust’s return as the scores API has it', async () => {
    await page.goto(`${server.url}/signin`);
    await page.locator('#email').fill('commissioner@nhs.test');
    await page.locator('#password').fill(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${server.url}/returns`), page.locator('form[action^="/signin"] button[type="submit"]').click()]);
    // The A&E return first, then the inpatient one she wants.
    await page.locator('#month').selectOption(month);
    await page.locator('#setting').selectOption('ae');
    await Promise.all([page.waitForURL(/setting=ae/), page.getByRole('button', { name: 'Show the return' }).click()]);
    expect(await page.locator('#preview-title').innerText()).toContain('A&E return');
    await page.locator('#setting').selectOption('inpatient');
    expect(await page.locator('#month').inputValue()).toBe(month);
    await Promise.all([page.waitForURL(new RegExp(`month=${month}&setting=inpatient&variant=full`)), page.getByRole('button', { name: 'Show the return' }).click()]);
    expect(await page.locator('#preview-title').innerText()).toContain('Inpatient return');

    const keys = await page.locator('table[data-sheet="Wards"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-row')));
    expect(keys).toEqual(['total', 'unit:W1', 'unit:W2']);
    for (const unit of ['W1', 'W2']) {
      const row = (await rowOnPage('Wards', `unit:${unit}`))!;
      const s = await scores(unit);
      expect(row['Total Responses']).toBe(String(s.responses));
      ANSWERS.forEach((column, a) => expect(row[column], `${unit} ${column}`).toBe(String(s.counts[a + 1])));
      expect(row['Percentage Positive']).toBe(pct(s.positive));
    }
    expect((await rowOnPage('Wards', 'unit:W1'))!['Response Rate']).toBe('10%');
    expect(await page.locator('#checks').innerText()).toContain('\u2068Ward 2\u2069 has no eligible count');
    await page.screenshot({ path: join(SHOTS, 'returns.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);

    // The publishable return hides the ward of three.
    await page.locator('#variant-publishable').check();
    await Promise.all([page.waitForURL(/variant=publishable/), page.getByRole('button', { name: 'Show the return' }).click()]);
    expect((await rowOnPage('Wards', 'unit:W2'))!['Very Good']).toBe('*');
    expect(await page.locator('table[data-sheet="Wards"] tr[data-row="unit:W2"] [data-column="Very Good"]').innerText()).toContain('*');

    // On a phone the wide sheet scrolls inside its box; the page itself does not.
    await page.setViewportSize({ width: 390, height: 844 });
    const widths = await page.evaluate(() => {
      const wrap = document.querySelector('#sheet-wards .fft-table-wrap') as HTMLElement;
      return { wrap: wrap.scrollWidth > wrap.clientWidth, page: document.documentElement.scrollWidth - window.innerWidth };
    });
    expect(widths).toEqual({ wrap: true, page: 0 });
    await page.screenshot({ path: join(SHOTS, 'returns-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('downloads CSV and XLSX whose figures are the scores API’s', async () => {
    await page.goto(`${server.url}/returns?month=${month}&setting=inpatient&variant=full`);
    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-format="csv"][data-sheet="Wards"]').click()]);
    expect(csvDownload.suggestedFilename()).toBe(`fft-inpatient-${month}-full-wards.csv`);
    const csv = parse(await readFile((await csvDownload.path())!, 'utf8'), { bom: true }) as string[][];
    const [header, ...rows] = csv;
    const byWard = new Map(rows.map((r) => [r[5], Object.fromEntries(header!.map((h, i) => [h, r[i]!]))]));
    expect([...byWard.keys()]).toEqual(['Total', 'Ward 1', 'Ward 2']);

    const [xlsxDownload] = await Promise.all([page.waitForEvent('download'), page.locator('a[data-format="xlsx"]').click()]);
    expect(xlsxDownload.suggestedFilename()).toBe(`fft-inpatient-${month}-full.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile((await xlsxDownload.path())!)) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Wards', 'Sites', 'Trusts']);
    const wards = workbook.getWorksheet('Wards')!;
    const columns = (wards.getRow(1).values as unknown[]).slice(1) as string[];
    expect(columns).toEqual(header);
    const xlsxRow = (r: number) => Object.fromEntries(columns.map((h, i) => [h, wards.getRow(r).getCell(i + 1).value]));

    for (const [unit, name, r] of [['W1', 'Ward 1', 3], ['W2', 'Ward 2', 4]] as const) {
      const s = await scores(unit);
      const fromCsv = byWard.get(name)!;
      const fromXlsx = xlsxRow(r);
      expect(fromXlsx['Ward Name']).toBe(name);
      expect(Number(fromCsv['Total Responses'])).toBe(s.responses);
      expect(fromXlsx['Total Responses']).toBe(s.responses);
      ANSWERS.forEach((column, a) => {
        expect(Number(fromCsv[column]), `${unit} ${column}`).toBe(s.counts[a + 1]);
        expect(fromXlsx[column], `${unit} ${column}`).toBe(s.counts[a + 1]);
      });
      expect(Number(fromCsv['Percentage Positive'])).toBe(s.positive);
      expect(fromXlsx['Percentage Positive']).toBe(s.positive);
      expect(Number(fromCsv['Percentage Negative'])).toBe(s.negative);
      expect(fromXlsx['Percentage Negative']).toBe(s.negative);
    }
    expect(Number(byWard.get('Ward 1')!['Response Rate'])).toBe((await scores('W1')).responseRate);
    // Both downloads are in the export log, so the page now compares against them.
    await page.reload();
    expect(await page.locator('#changes').innerText()).toMatch(/Nothing has changed since you exported it on/);

    // A late card for Ward 1 arrives: the page shows what it changed, cell by cell.
    await api('/api/v1/responses', { method: 'POST', body: JSON.stringify({ unit: 'W1', answer: 5, channel: 'paper', answeredAt: `${month}-03T12:00:00Z` }) });
    await page.reload();
    expect(await page.locator('#changes .fft-changes__summary').innerText()).toMatch(/^6 rows changed since you exported it on /);
    const veryPoor = await page.locator('#changes tr[data-change="Wards unit:W1"]').filter({ hasText: 'Very Poor' }).locator('td').allInnerTexts();
    expect(veryPoor).toEqual(['Wards', 'Very Poor', '1', '2']);
    await page.locator('#changes').scrollIntoViewIfNeeded();
    await page.locator('#changes').screenshot({ path: join(SHOTS, 'returns-changes.png') });
    expect(await axe(page)).toEqual([]);
  });

  it('draws the trends charts, with the figures as tables, and nothing for axe to find', async () => {
    await page.goto(`${server.url}/returns`);
    await Promise.all([page.waitForURL(/\/returns\/trends/), page.getByRole('link', { name: 'Trends' }).click()]);
    await page.locator('#from').selectOption(before);
    await page.locator('#to').selectOption(month);
    await Promise.all([page.waitForURL(new RegExp(`from=${before}&to=${month}`)), page.getByRole('button', { name: 'Show trends' }).click()]);
    await page.locator('figure[data-chart] canvas').first().waitFor();
    const painted = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLCanvasElement>('figure[data-chart] canvas')].map((canvas) => {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let inked = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) inked++;
        return inked;
      }),
    );
    expect(painted).toHaveLength(2);
    for (const inked of painted) expect(inked).toBeGreaterThan(2000);
    const trends = await api(`/api/v1/exports/trends?from=${before}&to=${month}`);
    expect(trends.trusts.map((t: any) => t.code)).toEqual(['RAA', 'RBB']);
    const raa = trends.trusts[0].months;
    expect(await page.locator('table[data-trust] ').evaluateAll((ts) => ts.map((t) => t.getAttribute('data-trust')))).toEqual(['RAA']);
    const cells = await page.locator(`table[data-trust="RAA"] tr[data-month="${month}"] td`).allInnerTexts();
    expect(cells[0]).toBe(String(raa[1].responses));
    expect(cells[1]).toBe(pct(raa[1].positive));
    expect(cells[2]).toBe(`${pct(raa[1].positiveCi[0])} to ${pct(raa[1].positiveCi[1])}`);
    await page.screenshot({ path: join(SHOTS, 'returns-trends.png'), fullPage: true });
    expect(await axe(page)).toEqual([]);

    // A bad address gives the page back with the problem named.
    const bad = await page.goto(`${server.url}/returns?month=${month}&setting=spa`);
    expect(bad!.status()).toBe(400);
    expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Choose a setting from the list');
    expect(await axe(page)).toEqual([]);
  });
});
