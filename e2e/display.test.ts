/**
 * How pages hold up to what people type, in Chromium against the real server: names, comments
 * and "You said, we did" written as one word hundreds of letters long (a pasted link, a key held
 * down) wrap inside a 390 px phone screen instead of pushing the page sideways (WCAG 1.4.10), on
 * the web form, the public results, the ward tablet, the ward page, the dashboard, paper-card
 * entry and the organisation admin pages; and no page logs a console error (the NHS.UK
 * stylesheet no longer asks assets.nhs.uk for fonts the Content-Security-Policy refuses).
 */
import type { ConsoleMessage, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, today as londonToday } from '../analytics/periods.ts';
import { ORG } from '../db/store.contract.ts';
import { addUser, TEST_PASSWORD } from '../server/web/testing.ts';
import { closeChromium, openBrowser, type KioskBrowser } from './lib/browser.ts';
import { createKiosk, startE2eServer, type E2eServer } from './lib/server.ts';

const PHONE = { width: 390, height: 844 };
const long = (word: string, letters: number) => word + 'a'.repeat(letters - word.length);
// Names may be 200 characters long; comments and actions far longer.
const UNIT = { ...ORG[0]!, trustCode: 'RLW', trustName: long('Trust', 200), siteCode: 'RLW01', siteName: long('Site', 200), unitCode: 'LW', unitName: long('Ward', 200) };
const COMMENT = `Kind staff ${long('Thank', 400)}`;
const YESTERDAY = addDays(londonToday(new Date()), -1);

let server: E2eServer;
let phone: KioskBrowser;

async function post(path: string, body: unknown) {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` }, body: JSON.stringify(body) });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  server = await startE2eServer();
  await server.store.upsertOrg([...ORG, UNIT]);
  await addUser(server.store, 'matron@nhs.test', 'matron', ['unit:LW']);
  await addUser(server.store, 'admin@nhs.test', 'admin', []);
  await post('/api/v1/responses', { responses: [{ unit: 'LW', answer: 1, channel: 'web', answeredAt: `${YESTERDAY}T12:00:00Z`, comment: COMMENT }] });
  await post('/api/v1/you-said', { unit: 'LW', youSaid: long('Noisy', 300), weDid: long('Quiet', 300), status: 'done', owner: long('Sister', 200) });
  phone = await openBrowser({ viewport: PHONE });
});

afterAll(async () => {
  await phone?.close();
  await closeChromium();
  await server?.close();
});

/** A page's width and, to say what widened it, the last few elements whose content spills out of them. */
function widthOf(page: Page) {
  return page.evaluate(() => ({
    width: document.documentElement.scrollWidth,
    past: [...document.querySelectorAll('body *')]
      .filter((el) => el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible')
      .slice(-3)
      .map((el) => `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${typeof el.className === 'string' && el.className ? `.${el.className.split(' ').join('.')}` : ''}`),
  }));
}

describe('a 390 px phone', () => {
  it('shows every page holding a very long word without scrolling sideways, and with no console errors', async () => {
    const { page } = phone;
    const errors: string[] = [];
    page.on('console', (m: ConsoleMessage) => {
      // The form sent back with an error is answered 400, as it should be, which Chromium logs.
      const refused = m.location().url === `${server.url}/f/LW` && m.text().includes('status of 400');
      if (m.type() === 'error' && !refused) errors.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    const wide: string[] = [];
    const signIn = async (email: string, next: string) => {
      await page.goto(`${server.url}/signin?next=${encodeURIComponent(next)}`);
      await page.locator('#email').fill(email);
      await page.locator('#password').fill(TEST_PASSWORD);
      await Promise.all([page.waitForURL(server.url + next), page.locator('form[action^="/signin"] button[type="submit"]').click()]);
    };
    const check = async (name: string) => {
      await page.waitForLoadState('load');
      const { width, past } = await widthOf(page);
      if (width > PHONE.width) wide.push(`${name}: ${width} px (${past.join(', ')})`);
    };

    await page.goto(`${server.url}/f/LW`);
    await check('web form');
    // Sent with no answer: the form comes back with the comment in it and an error.
    await page.locator('textarea[name="comment"]').fill(COMMENT);
    await page.locator('[data-action="submit"]').click();
    await page.locator('.nhsuk-error-summary').waitFor();
    await check('web form, sent back with an error');
    await page.goto(`${server.url}/f/LW?lang=ar`);
    await check('web form in Arabic');
    await page.goto(`${server.url}/f/LW/thanks`);
    await check('web form thanks');
    await page.goto(`${server.url}/f/LW/poster`);
    await check('poster');
    for (const path of ['/results', '/results/trust/RLW', '/results/site/RLW01', '/results/unit/LW']) {
      await page.goto(server.url + path);
      await check(path);
    }

    const { link } = await createKiosk(server, 'LW');
    await page.goto(link);
    await page.locator('#screen-question').waitFor({ state: 'visible' });
    await page.locator('#ysdw').waitFor({ state: 'visible' });
    await check('ward tablet');

    // The ward page lists a comment once it is analysed, on the server's analysis thread.
    for (let i = 0; i < 100; i++) {
      const { comments } = await server.store.listComments({ unitCodes: ['LW'], from: addDays(YESTERDAY, -1), to: addDays(YESTERDAY, 1), limit: 5, offset: 0 });
      if (comments.some((c) => c.analysis !== null)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    await signIn('matron@nhs.test', '/dashboard/unit/LW');
    expect(await page.locator('.fft-comment__text').first().innerText()).toBe(COMMENT);
    await check('ward page');
    await page.goto(`${server.url}/dashboard`);
    await check('dashboard');
    await page.goto(`${server.url}/entry?unit=LW&mode=paper-discharge&date=${londonToday(new Date())}`);
    await check('paper cards');
    await page.locator('#answer').fill('1');
    await page.locator('.fft-save').click();
    await page.locator('#undo-text').filter({ hasText: 'card for' }).waitFor();
    await check('paper cards, after saving one');

    await page.context().clearCookies();
    await signIn('admin@nhs.test', '/admin/org');
    await check('organisation');
    await page.goto(`${server.url}/admin/org/units/LW`);
    await check('a unit’s admin page');
    // Both lists, whichever fails.
    expect.soft(wide).toEqual([]);
    expect(errors).toEqual([]);
  });
});
