/**
 * Admin pages and paper-card entry in a real browser against the real server: an admin adds a
 * user and a ward tablet; a matron keys three paper cards by keyboard alone and undoes the
 * last; a matron guessing admin and commissioner addresses gets "page not found". axe-core
 * finds nothing on any page visited.
 */
import { mkdirSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, londonDay } from '../analytics/periods.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { newId } from '../server/ids.ts';
import { axeViolations, CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './lib/browser.ts';
import { startE2eServer, type E2eServer } from './lib/server.ts';

const SHOTS = join(REPO_ROOT, 'e2e/screenshots');
const PASSWORD = 'correct horse battery staple';
let server: E2eServer;
let profile: string;
let context: BrowserContext;
let axeSource: string;
const found: string[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startE2eServer();
  for (const [email, role, scopes] of [['admin@nhs.test', 'admin', []], ['matron@nhs.test', 'matron', ['unit:W1']]] as const) {
    await server.store.createUser({ id: newId(), email, role, scopes: [...scopes], passwordHash: await hashPassword(PASSWORD), active: true, failedSignIns: 0, lockedUntil: null, createdAt: new Date().toISOString() });
  }
  axeSource = await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  profile = await mkdtemp(join(tmpdir(), 'fft-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, viewport: { width: 1280, height: 900 }, locale: 'en-GB', timezoneId: 'Europe/London' });
});
afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
  await server?.close();
});

/** axe-core, evaluated through the DevTools protocol (the CSP forbids injected script tags); violations collected by page. */
async function check(page: Page, name: string) {
  await page.evaluate(axeSource);
  for (const v of await axeViolations(page)) found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
}

async function signIn(page: Page, email: string, next: string) {
  await context.clearCookies();
  await page.goto(`${server.url}/signin?next=${encodeURIComponent(next)}`);
  await page.locator('#email').fill(email);
  await page.locator('#password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname === next), page.locator('form[action^="/signin"] button[type="submit"]').click()]);
}

describe('admin', () => {
  it('signs in, adds a matron and a ward tablet, and sees both in the audit log', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'admin@nhs.test', '/admin');
    await check(page, 'admin index');
    await page.goto(`${server.url}/admin/org`);
    await check(page, 'organisation');

    await page.goto(`${server.url}/admin/users`);
    await check(page, 'users');
    await page.locator('#email').fill('sister.new@nhs.test');
    await page.locator('#role').selectOption('matron');
    await page.locator('#scopes').fill('unit:W1 unit:ED');
    await page.locator('#password').fill('a first password for her');
    await Promise.all([page.waitForURL(/done=added/), page.getByRole('button', { name: 'Add the user' }).click()]);
    expect(await page.locator('.nhsuk-notification-banner').innerText()).toContain('The user was added');
    expect(await page.locator('table').innerText()).toContain('sister.new@nhs.test');
    await check(page, 'users, added');
    expect(await server.store.findUserByEmail('sister.new@nhs.test')).toMatchObject({ role: 'matron', scopes: ['unit:W1', 'unit:ED'] });

    // A form sent back with problems is accessible too.
    await page.locator('#email').fill('not an email');
    await page.getByRole('button', { name: 'Add the user' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await check(page, 'users, errors');

    await page.goto(`${server.url}/admin/kiosks`);
    await page.locator('#unit').selectOption('W1');
    await page.locator('#label').fill('Bay 2');
    await page.getByRole('button', { name: 'Add the tablet' }).click();
    const code = await page.getByTestId('pairing-code').innerText();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(await page.getByTestId('pairing-link').innerText()).toBe(`${server.url}/kiosk/#pair=${code}`);
    await page.screenshot({ path: join(SHOTS, 'admin-kiosk-created.png'), fullPage: true });
    await check(page, 'kiosks, created');
    expect(await server.store.listKiosks(['W1'])).toEqual([expect.objectContaining({ unitCode: 'W1', label: 'Bay 2' })]);

    await page.goto(`${server.url}/admin/audit`);
    const log = await page.locator('table').innerText();
    expect(log).toContain('kiosk.create');
    expect(log).toContain('user.add');
    await page.screenshot({ path: join(SHOTS, 'admin-audit.png'), fullPage: true });
    await check(page, 'audit log');
    expect(found.splice(0)).toEqual([]);
  });

  it('has no axe-core violations on the other admin pages', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'admin@nhs.test', '/admin');
    const user = await server.store.findUserByEmail('matron@nhs.test');
    for (const path of ['/admin/org/add-unit', '/admin/org/units/W1', '/admin/org/add-site', '/admin/org/sites/RAA01', `/admin/users/${user!.id}`, '/admin/tokens', '/admin/eligible', '/admin/thresholds', '/admin/settings']) {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(200);
      await check(page, path);
    }
    await page.goto(`${server.url}/admin/thresholds`);
    await page.locator('#threshold-W1').fill('lots');
    await page.getByRole('button', { name: 'Save thresholds' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await check(page, 'thresholds, errors');
    // The NHS.UK pattern: focus on the error summary, and the title says there is an error.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
    expect(await page.title()).toMatch(/^Error: /);
    expect(found.splice(0)).toEqual([]);
  });

  it('fits a 320-pixel-wide screen without scrolling sideways (WCAG 1.4.10): only wide tables scroll, in their own box', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'admin@nhs.test', '/admin');
    await page.setViewportSize({ width: 320, height: 640 });
    try {
      for (const path of ['/admin/org', '/admin/users', '/admin/tokens', '/admin/kiosks', '/admin/eligible', '/admin/audit']) {
        await page.goto(server.url + path);
        expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(320);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });
});

describe('paper-card entry', () => {
  it('keys three cards by keyboard alone, and undoes the last', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'matron@nhs.test', '/entry');
    const yesterday = addDays(londonDay(new Date()), -1);
    await check(page, 'entry setup');
    await page.locator('#mode-paper-home').check();
    await page.locator('#date').fill(yesterday);
    await Promise.all([page.waitForURL(/\/entry\?unit=W1&mode=paper-home/), page.getByRole('button', { name: 'Start entering cards' }).click()]);
    expect(await page.getByTestId('entry-context').innerText()).toContain('Mode Paper Home');

    // The answer box has the cursor; each card is digit, Tab, comment, Enter.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer');
    for (const [answer, comment] of [['1', 'Lovely staff'], ['2', ''], ['5', 'Waited hours']] as const) {
      await page.keyboard.type(answer);
      await page.keyboard.press('Tab');
      if (comment) await page.keyboard.type(comment);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#entry-status').innerText()).toContain(`Card saved: ${answer}`);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer');
      expect(await page.locator('#answer').inputValue()).toBe('');
    }
    expect(await page.locator('#undo-text').innerText()).toContain('answer 5, with a comment');
    await page.screenshot({ path: join(SHOTS, 'entry-cards.png'), fullPage: true });
    await check(page, 'entry, three cards');

    const cells = await server.store.dailyCounts({ unitCodes: ['W1'] });
    expect(cells.map((c) => [c.day, c.mode, c.answer, c.count])).toEqual([
      [yesterday, 'paper-home', 1, 1],
      [yesterday, 'paper-home', 2, 1],
      [yesterday, 'paper-home', 5, 1],
    ]);

    // A wrong digit is caught at once and nothing is stored.
    await page.keyboard.type('8');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#answer-error').innerText()).toContain('\u20688\u2069 is not an answer');
    await check(page, 'entry, wrong answer');
    await page.keyboard.press('Backspace');

    await page.locator('#undo-button').focus();
    await Promise.all([page.waitForURL(/saved=undone/), page.keyboard.press('Enter')]);
    expect(await page.locator('#entry-status').innerText()).toContain('Your last entry was taken back out');
    await check(page, 'entry, undone');
    await page.screenshot({ path: join(SHOTS, 'entry-undone.png'), fullPage: true });

    const res = await fetch(`${server.url}/api/v1/scores?level=unit&code=W1&period=day&from=${yesterday}&to=${yesterday}`, { headers: { authorization: `Bearer ${server.adminToken}` } });
    const { series } = (await res.json()) as { series: { responses: number; counts: Record<string, number> }[] };
    expect(series[0]).toMatchObject({ responses: 2, counts: { 1: 1, 2: 1, 5: 0 } });
    expect(found.splice(0)).toEqual([]);
  });

  it('gives a matron "page not found" for admin and commissioner addresses', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, 'matron@nhs.test', '/entry');
    for (const path of ['/admin', '/admin/users', '/returns', '/entry?unit=ED&mode=paper-discharge&date=' + londonDay(new Date())]) {
      const res = await page.goto(server.url + path);
      expect(res?.status(), path).toBe(404);
    }
    await page.goto(`${server.url}/admin/users`);
    expect(await page.locator('h1').innerText()).toBe('Page not found');
    await check(page, 'not found');
    expect(found.splice(0)).toEqual([]);
  });
});
