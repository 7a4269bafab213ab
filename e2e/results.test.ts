/**
 * The public results in a real browser against the real server, signed out: from /results to a
 * trust, a site and a ward by following links, axe-core finding nothing on any of them, and
 * the trust's open-data CSV downloaded and checked cell by cell against GET /api/v1/scores.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonDay } from '../analytics/periods.ts';
import { ORG } from '../db/store.contract.ts';
import { issueToken } from '../server/auth/tokens.ts';
import { systemClock } from '../server/clock.ts';
import { axeViolations, CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './lib/browser.ts';
import { startE2eServer, type E2eServer } from './lib/server.ts';

const SHOTS = join(REPO_ROOT, 'e2e/screenshots');
// The last whole month on the server's clock, as the trust page links it.
const THIS_MONTH = londonDay(new Date()).slice(0, 7);
const LAST_MONTH = addDays(`${THIS_MONTH}-01`, -1).slice(0, 7);
const MONTH_END = addDays(`${THIS_MONTH}-01`, -1);

let server: E2eServer;
let profile: string;
let context: BrowserContext;
let page: Page;

const repeat = (answer: number, n: number) => Array.from({ length: n }, () => answer);

async function api(path: string, init: RequestInit = {}) {
  const res = await fetch(`${server.url}${path}`, { ...init, headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}`, ...init.headers } });
  return { status: res.status, body: (await res.json()) as any };
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startE2eServer();
  await server.store.upsertOrg([...ORG, { ...ORG[0]!, unitCode: 'W2', unitName: 'Ward 2', specialty1: '301' }, { ...ORG[0]!, unitCode: 'W3', unitName: 'Ward 3', specialty1: '302' }]);
  const { token } = await issueToken(server.store, systemClock, { role: 'integration', label: 'e2e results' });
  const answers: Record<string, number[]> = {
    W1: [...repeat(1, 8), 2, 2, 4, 6], // 12: rank 2 beside Ward 3, so hidden
    W2: [...repeat(1, 14), 2, 2, 2, 3, 5, 6], // 20: shown
    W3: [1, 2, 5], // 3: hidden
    DN: [1, 1, 1, 1, 2, 2, 3, 4], // fft-2013, 8: shown
  };
  const responses = Object.entries(answers).flatMap(([unit, list]) => list.map((answer) => ({ unit, answer, channel: 'paper', answeredAt: `${LAST_MONTH}-15T12:00:00Z` })));
  const res = await api('/api/v1/responses', { method: 'POST', body: JSON.stringify({ responses }), headers: { authorization: `Bearer ${token}` } });
  expect(res.status).toBe(201);
  expect((await api('/api/v1/you-said', { method: 'POST', body: JSON.stringify({ unit: 'W2', youSaid: 'Visiting times were too short', weDid: 'Visiting is now 9am to 9pm every day', status: 'done' }) })).status).toBe(201);
  profile = await mkdtemp(join(tmpdir(), 'fft-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  page = context.pages()[0] ?? (await context.newPage());
});
afterAll(async () => {
  await context?.close();
  if (profile) await rm(profile, { recursive: true, force: true });
  await server?.close();
});

let axeSource: string | undefined;

/** axe-core, evaluated through the DevTools protocol: the page's CSP forbids injected script tags. */
async function axe(p: Page) {
  axeSource ??= await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await p.evaluate(axeSource);
  return axeViolations(p);
}

async function check(name: string) {
  await page.screenshot({ path: join(SHOTS, `results-${name}.png`), fullPage: true });
  expect(await axe(page), name).toEqual([]);
}

describe('public results, signed out', () => {
  it('follows /results to a trust, a site and a ward, with no axe-core violations on any', async () => {
    await page.goto(`${server.url}/results`);
    expect(await page.locator('h1').innerText()).toBe('Friends and Family Test results');
    await check('index');

    await page.getByRole('link', { name: 'Test Trust' }).click();
    await page.waitForURL(/\/results\/trust\/RAA$/);
    expect(await page.locator('h1').innerText()).toContain('Test Trust');
    await check('trust');

    await page.locator('table').getByRole('link', { name: 'General' }).click();
    await page.waitForURL(/\/results\/site\/RAA01$/);
    const wards = await page.locator('tbody tr').allInnerTexts();
    expect(wards.find((r) => r.startsWith('Ward 1'))).toContain('Not enough responses to publish');
    expect(wards.find((r) => r.startsWith('Ward 2'))).toContain('85% good or very good');
    await check('site');

    await page.locator('table').getByRole('link', { name: 'Ward 2' }).click();
    await page.waitForURL(/\/results\/unit\/W2$/);
    const main = await page.locator('main').innerText();
    // 14 + 3 = 17 of 20 positive (85%), 1 of 20 negative (5%).
    expect(main).toContain('About 9 in 10 people (85%) said their experience was good or very good.');
    expect(main).toContain('Based on 20 responses.');
    expect(main).toContain('Visiting is now 9am to 9pm every day');
    await check('unit');
  });

  it('downloads the last month’s CSV from the trust page, and it agrees with the scores API', async () => {
    await page.goto(`${server.url}/results/trust/RAA`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`a[href$="fft-${LAST_MONTH}.csv"]`).click()]);
    expect(download.suggestedFilename()).toBe(`fft-RAA-${LAST_MONTH}.csv`);
    const file = await readFile((await download.path())!, 'utf8');
    // The byte-order mark, for Excel.
    expect(file.startsWith('\uFEFF')).toBe(true);
    const body = file.slice(1);
    expect(body.endsWith('\r\n')).toBe(true);
    const [header, ...lines] = body.slice(0, -2).split('\r\n').map((l) => l.split(','));
    const rows = lines.map((cells) => Object.fromEntries(header!.map((h, i) => [h, cells[i]!])));
    expect(rows.map((r) => `${r.Level}:${r['Unit Code'] || r['Site Code'] || r['Trust Code']}`)).toEqual(['Trust:RAA', 'Site:RAA02', 'Unit:DN', 'Site:RAA01', 'Unit:ED', 'Unit:W1', 'Unit:W2', 'Unit:W3']);

    const counts = ['Very Good', 'Good', 'Neither Good nor Poor', 'Poor', 'Very Poor', "Don't Know"];
    let compared = 0;
    for (const row of rows) {
      const level = row.Level!.toLowerCase();
      const code = row['Unit Code'] || row['Site Code'] || row['Trust Code'];
      const { status, body: scores } = await api(`/api/v1/scores?level=${level}&code=${code}&period=month&from=${LAST_MONTH}-01&to=${MONTH_END}`);
      expect(status).toBe(200);
      const point = scores.series[0];
      expect(row.Question).toBe(scores.question);
      if (point.suppressed || code === 'W1') {
        // Ward 3 has 3 responses; Ward 1 (12) is hidden beside it so the site total gives neither away.
        expect(['W1', 'W3']).toContain(code);
        expect(Object.values(row).filter((v) => v === '*')).toHaveLength(9);
        continue;
      }
      expect(Number(row['Total Responses'])).toBe(point.responses);
      if (point.responses === 0) {
        expect([row['Percentage Positive'], row['Percentage Negative']]).toEqual(['-', '-']);
      } else {
        expect(Number(row['Percentage Positive'])).toBe(Math.round(point.positive * 100));
        expect(Number(row['Percentage Negative'])).toBe(Math.round(point.negative * 100));
      }
      expect(counts.map((c) => Number(row[c]))).toEqual([1, 2, 3, 4, 5, 6].map((a) => point.counts[a]));
      compared++;
    }
    expect(compared).toBe(6);
    expect(rows.find((r) => r['Unit Code'] === 'W2')).toMatchObject({ 'Total Responses': '20', 'Percentage Positive': '85', 'Percentage Negative': '5' });
  });
});
