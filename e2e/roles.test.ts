/**
 * Who sees what, in a real browser against the real server: an admin, a matron of one ward and
 * a commissioner of the trust each sign in through the form and try every staff page, including
 * addresses they were never given (another ward's page, the admin pages, the returns). What a
 * role may not see answers "page not found", the same as something that does not exist; the
 * navigation offers only what the role may use; the API the pages call is scoped the same way.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addUser, TEST_PASSWORD } from '../server/web/testing.ts';
import { axeViolations, CHROMIUM_ARGS, CHROMIUM_PATH, REPO_ROOT } from './lib/browser.ts';
import { startE2eServer, type E2eServer } from './lib/server.ts';

let server: E2eServer;
let profile: string;
let context: BrowserContext;
let axeSource: string;

const USERS = {
  admin: { email: 'admin@nhs.test', role: 'admin' as const, scopes: [] as string[] },
  matron: { email: 'matron@nhs.test', role: 'matron' as const, scopes: ['unit:W1'] },
  commissioner: { email: 'commissioner@nhs.test', role: 'commissioner' as const, scopes: ['trust:RAA'] },
};
type Who = keyof typeof USERS;

/** Each page and who may open it; everyone else gets 404. */
const PAGES: { path: string; may: Who[] }[] = [
  { path: '/dashboard', may: ['admin', 'matron', 'commissioner'] },
  { path: '/dashboard/unit/W1', may: ['admin', 'matron', 'commissioner'] },
  { path: '/dashboard/unit/ED', may: ['admin', 'commissioner'] },
  { path: '/entry', may: ['admin', 'matron'] },
  { path: '/returns', may: ['admin', 'commissioner'] },
  { path: '/returns/trends', may: ['admin', 'commissioner'] },
  { path: '/admin', may: ['admin'] },
  { path: '/admin/users', may: ['admin'] },
  { path: '/admin/org', may: ['admin'] },
  { path: '/admin/tokens', may: ['admin'] },
  { path: '/admin/audit', may: ['admin'] },
  { path: '/results', may: ['admin', 'matron', 'commissioner'] },
];

const NAV: Record<Who, string[]> = {
  admin: ['Dashboard', 'Paper cards', 'Returns', 'Admin', 'Public results'],
  matron: ['Dashboard', 'Paper cards', 'Public results'],
  commissioner: ['Dashboard', 'Returns', 'Public results'],
};

beforeAll(async () => {
  server = await startE2eServer();
  for (const u of Object.values(USERS)) await addUser(server.store, u.email, u.role, u.scopes);
  axeSource = await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  profile = await mkdtemp(join(tmpdir(), 'fft-chromium-'));
  context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true, locale: 'en-GB', timezoneId: 'Europe/London' });
});
afterAll(async () => {
  await context?.close();
  await rm(profile, { recursive: true, force: true });
  await server?.close();
});

async function signIn(page: Page, who: Who) {
  await context.clearCookies();
  await page.goto(`${server.url}/signin`);
  await page.locator('#email').fill(USERS[who].email);
  await page.locator('#password').fill(TEST_PASSWORD);
  await Promise.all([page.waitForURL((url) => url.pathname !== '/signin'), page.getByRole('button', { name: 'Sign in' }).click()]);
}

/** axe-core through the DevTools protocol (the CSP forbids injected script tags). */
async function violations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return (await axeViolations(page)).map((v) => `${v.id}: ${v.help} — ${v.targets.join(', ')}`);
}

describe('roles in the browser', () => {
  it('has an accessible sign-in page, with and without an error, and an accessible "page not found"', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await context.clearCookies();
    await page.goto(`${server.url}/signin`);
    expect(await violations(page)).toEqual([]);
    await page.locator('#email').fill(USERS.matron.email);
    await page.locator('#password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('.nhsuk-error-summary').waitFor();
    expect(await violations(page)).toEqual([]);
    await signIn(page, 'matron');
    const res = await page.goto(`${server.url}/admin`);
    expect(res?.status()).toBe(404);
    expect(await violations(page)).toEqual([]);
  });

  it('sends a signed-out visitor to sign in for every staff page', async () => {
    const page = context.pages()[0] ?? (await context.newPage());
    await context.clearCookies();
    for (const { path } of PAGES.filter((p) => p.path !== '/results')) {
      await page.goto(`${server.url}${path}`);
      expect(new URL(page.url()).pathname, path).toBe('/signin');
      expect(new URL(page.url()).searchParams.get('next'), path).toBe(path);
    }
  });

  it.each(Object.keys(USERS) as Who[])('signed in as %s: opens exactly the pages the role may, with only those in the navigation', async (who) => {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, who);
    const nav = await page.locator('nav[aria-label="Staff pages"] a').allInnerTexts();
    expect(nav.map((s) => s.trim())).toEqual(NAV[who]);
    for (const { path, may } of PAGES) {
      const res = await page.goto(`${server.url}${path}`);
      const h1 = (await page.locator('h1').first().innerText()).trim();
      if (may.includes(who)) {
        expect(res?.status(), `${who} ${path}`).toBe(200);
        expect(h1, `${who} ${path}`).not.toBe('Page not found');
      } else {
        expect(res?.status(), `${who} ${path}`).toBe(404);
        expect(h1, `${who} ${path}`).toBe('Page not found');
      }
    }
    // The API the pages call with the same session: another ward's scores are not there.
    const ed = await page.request.get(`${server.url}/api/v1/scores?level=unit&code=ED&period=day&from=2026-11-01&to=2026-11-02`);
    expect(ed.status(), `${who} API ED`).toBe(who === 'matron' ? 404 : 200);
    const exportRes = await page.request.get(`${server.url}/api/v1/exports/monthly?month=2026-10&setting=inpatient&format=json`);
    expect(exportRes.status(), `${who} API export`).toBe(who === 'matron' ? 403 : 200);
  });
});
