/**
 * The matron's dashboard and ward page in Chromium against the real server: a tile changes
 * when a tablet sends an answer, with no reload; the ward page's charts are drawn; comments
 * holding markup are shown as text and run nothing, even when swapped in live; an alert is
 * acknowledged through the API from the page; axe-core finds nothing on either page.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today as londonToday } from '../analytics/periods.ts';
import { issueToken } from '../server/auth/tokens.ts';
import { systemClock } from '../server/clock.ts';
import { addUser, TEST_PASSWORD } from '../server/web/testing.ts';
import { axeViolations, CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './lib/browser.ts';
import { startE2eServer, type E2eServer } from './lib/server.ts';

const SHOTS = join(REPO_ROOT, 'e2e/screenshots');
const XSS = `<script>window.__xss=1;alert(1)</script> "><img src=x onerror="window.__xss=2;alert(2)"> Lovely staff`;
const CONCERN = 'I was left in pain for hours and nobody came when I rang the buzzer.';

let server: E2eServer;
let browser: Browser;
let kioskToken: string;

async function send(body: unknown, token: string) {
  const res = await fetch(`${server.url}/api/v1/responses`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`responses: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startE2eServer();
  await addUser(server.store, 'matron@nhs.test', 'matron', ['unit:W1']);
  kioskToken = (await issueToken(server.store, systemClock, { role: 'kiosk', scopes: ['unit:W1'] })).token;
  // Six weeks of answers on Ward 1 from several channels, with a few comments.
  const today = londonToday(new Date());
  const channels = ['kiosk', 'sms', 'web', 'paper'] as const;
  const responses = [];
  for (let d = 42; d >= 1; d--) {
    const day = addDays(today, -d);
    for (let i = 0; i < 8; i++) responses.push({ unit: 'W1', answer: i < 6 ? 1 + (i % 2) : 4 + (i % 2), channel: channels[(d + i) % 4], answeredAt: `${day}T12:${String(i).padStart(2, '0')}:00Z` });
    if (d % 7 === 0) responses.push({ unit: 'W1', answer: 1, channel: 'web', answeredAt: `${day}T13:00:00Z`, comment: 'The nurses were kind and caring, thank you all.' });
    if (d % 9 === 0) responses.push({ unit: 'W1', answer: 4, channel: 'sms', answeredAt: `${day}T14:00:00Z`, comment: 'Noisy at night and the food was cold.' });
  }
  responses.push({ unit: 'W1', answer: 2, channel: 'web', answeredAt: `${addDays(today, -1)}T15:00:00Z`, comment: XSS });
  await send({ responses }, server.adminToken);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signIn(page: Page, next = '/dashboard') {
  await page.goto(`${server.url}/signin?next=${encodeURIComponent(next)}`);
  await page.locator('#email').fill('matron@nhs.test');
  await page.locator('#password').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL(`${server.url}${next}`), page.locator('form[action^="/signin"] button[type="submit"]').click()]);
}

/** Waits (in real time, from outside the page) until `read` gives `want`. */
async function until<T>(read: () => Promise<T>, want: T, ms = 10_000): Promise<T> {
  const end = Date.now() + ms;
  let got = await read();
  while (got !== want && Date.now() < end) {
    await new Promise((r) => setTimeout(r, 100));
    got = await read();
  }
  return got;
}

/** axe-core, evaluated through the DevTools protocol: the page's CSP forbids injected script tags. */
let axeSource: string | undefined;
async function axe(page: Page) {
  axeSource ??= await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axeSource);
  return axeViolations(page);
}

describe('the dashboard', () => {
  it('updates the ward’s tile when a tablet sends an answer, without reloading', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    // The page polls every 15 seconds: the test moves the page's clock on instead of waiting.
    // Paused, so the page's clock moves only when the test moves it: left running, a busy machine
    // taking 15 s to sign in has the page's own poll on its way, with the old figures, as the test
    // sends, and runFor then finds no timer to fire (the next poll is scheduled when that one ends).
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await signIn(page);
    const responses = page.locator('[data-unit="W1"] [data-field="today-responses"]');
    expect(await responses.innerText()).toBe('0 responses');
    expect(await page.locator('[data-unit="W1"] [data-field="today-positive"]').innerText()).toBe('No responses');
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await page.screenshot({ path: join(SHOTS, 'dashboard-before.png'), fullPage: true });

    await send({ unit: 'W1', answer: 1, channel: 'kiosk', comment: 'Kind nurses on the night shift' }, kioskToken);
    await page.clock.runFor(16_000);
    expect(await until(() => responses.innerText(), '1 response (few: read with care)')).toBe('1 response (few: read with care)');
    expect(await page.locator('[data-unit="W1"] [data-field="today-positive"]').innerText()).toBe('100% positive');
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean }).__samePage)).toBe(true);
    expect(await page.locator('.fft-live__text').innerText()).toMatch(/^Figures as at \d\d:\d\d:\d\d\.$/);
    await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
    await context.close();
  });
});

describe('the ward page', () => {
  it('draws its charts, shows markup in comments as text, and stays so when refreshed live', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', async (d) => {
      dialogs.push(d.message());
      await d.dismiss();
    });
    await signIn(page, '/dashboard/unit/W1');
    expect(await page.locator('h1').innerText()).toContain('Ward 1');

    const drawn = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('figure[data-chart] canvas')].map((canvas) => {
          const c = canvas as HTMLCanvasElement;
          const pixels = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
          let painted = 0;
          for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted++;
          return { chart: c.closest('figure')!.getAttribute('data-chart'), width: c.width, painted, dataUrl: c.toDataURL().length };
        }),
      );
    expect(await until(async () => (await drawn()).length, 4)).toBe(4);
    for (const chart of await drawn()) {
      expect(chart.width, chart.chart!).toBeGreaterThan(200);
      expect(chart.painted, chart.chart!).toBeGreaterThan(2000);
      expect(chart.dataUrl, chart.chart!).toBeGreaterThan(5000);
    }
    expect((await drawn()).map((c) => c.chart)).toEqual(['spc', 'channels', 'themes', 'trend']);

    const shown = page.locator('.fft-comment__text', { hasText: 'Lovely staff' });
    expect(await shown.count()).toBeGreaterThan(0);
    expect(await shown.first().innerText()).toBe(XSS);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img').count()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'ward.png'), fullPage: true });

    // A new comment arrives; coming back to the tab asks at once instead of in 15 seconds.
    await page.evaluate(() => Object.assign(window, { __samePage: true }));
    await send({ unit: 'W1', answer: 2, channel: 'kiosk', comment: `Again: ${XSS}` }, kioskToken);
    // A comment is listed once it is analysed (redacted), a moment after it is stored, on the
    // server's analysis thread: wait for that, so the refresh below has it to show.
    const today = londonToday(new Date());
    const analysed = async () =>
      (await server.store.listComments({ unitCodes: ['W1'], from: addDays(today, -1), to: addDays(today, 1), limit: 50, offset: 0 })).comments.some(
        (c) => c.comment.startsWith('Again:') && c.analysis !== null,
      );
    expect(await until(analysed, true)).toBe(true);
    await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
    const again = page.locator('.fft-comment__text', { hasText: 'Again:' });
    // At once, or at the latest on the next 15-second poll if a busy machine made the first one fail.
    expect(await until(() => again.count(), 1, 20_000)).toBe(1);
    expect(await again.innerText()).toBe(`Again: ${XSS}`);
    expect(await until(async () => (await drawn()).filter((c) => c.painted > 2000).length, 4)).toBe(4);
    // The charts of the old figures were let go, not left drawing into detached canvases.
    expect(await page.evaluate(() => Object.keys((window as unknown as { Chart: { instances: object } }).Chart.instances).length)).toBe(4);
    expect(await page.evaluate(() => (window as unknown as { __samePage?: boolean; __xss?: number }).__samePage === true && (window as unknown as { __xss?: number }).__xss === undefined)).toBe(true);
    expect(await page.locator('main img').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });

  it('acknowledges a serious concern from the page through the API, without leaving it', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await send({ unit: 'W1', answer: 5, channel: 'kiosk', comment: CONCERN }, kioskToken);
    const open = async () => (await server.store.listAlerts({ unitCodes: ['W1'], openOnly: true })).filter((a) => a.kind === 'serious-concern').length;
    expect(await until(open, 1)).toBe(1);
    await signIn(page, '/dashboard/unit/W1');
    const ack = page.locator('.fft-alert--serious-concern .fft-ack__button');
    await page.screenshot({ path: join(SHOTS, 'ward-phone.png'), fullPage: true });
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST') posts.push(`${new URL(r.url()).pathname} ${r.headers()['x-csrf-token'] ? 'with token' : 'without token'}`);
    });
    await ack.click();
    expect(await until(open, 0)).toBe(0);
    expect(await until(() => page.locator('#alerts .fft-alert--serious-concern .fft-ack').count(), 0)).toBe(0);
    expect(posts).toEqual([expect.stringMatching(/^\/api\/v1\/alerts\/[\w-]+\/acknowledge with token$/)]);
    expect(new URL(page.url()).pathname).toBe('/dashboard/unit/W1');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('alerts-title');
    await context.close();
  });
});

describe('accessibility', () => {
  it('has no axe-core violations on the dashboard and the ward page', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await signIn(page);
    const found: string[] = [];
    for (const v of await axe(page)) found.push(`dashboard: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
    // Prove axe is really running here: a picture with no alt text must be caught.
    await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: '/static/none.png' })));
    expect((await axe(page)).map((v) => v.id)).toContain('image-alt');
    // The ward page with its charts drawn and every details element open, so the tables and
    // forms inside are checked too.
    await page.goto(`${server.url}/dashboard/unit/W1`);
    await page.locator('figure[data-chart="spc"] canvas').waitFor();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    for (const v of await axe(page)) found.push(`ward: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
    await context.close();
    expect(found).toEqual([]);
  });

  it('lets a keyboard scroll the ward page’s figure tables on a phone, where they are wider than the screen', async () => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: 'en-GB', timezoneId: 'Europe/London' });
    const page = await context.newPage();
    await signIn(page, '/dashboard/unit/W1');
    await page.locator('figure[data-chart="spc"] canvas').waitFor();
    await page.evaluate(() => document.querySelectorAll('details').forEach((d) => d.setAttribute('open', '')));
    // The daily figures (seven columns) do not fit 390 px: their wrapper scrolls sideways.
    const wrap = page.locator('#figures-spc .fft-table-wrap');
    expect(await wrap.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    const found = (await axe(page)).map((v) => `${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
    // Reached by Tab, and named by its caption for a screen reader.
    await page.locator('#figures-spc summary').focus();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-labelledby'))).toBe('table-spc-caption');
    await context.close();
    expect(found).toEqual([]);
  });
});
