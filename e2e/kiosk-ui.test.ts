/**
 * The ward tablet in Chromium, against mocks of the kiosk API contract (pair, config,
 * heartbeat, POST /api/v1/responses) served beside the real static files: pairing, one answer
 * end to end, the idle reset, offline after a reload, a refused batch, a revoked token, and
 * axe-core (WCAG 2.2 A/AA) on every screen in every language, in easy read and large text.
 * Screenshots go to e2e/screenshots/ (git-ignored).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, closeChromium, openBrowser, REPO_ROOT, serveKioskApp, type KioskBrowser, type StaticServer } from './lib/browser.ts';

const SCREENSHOTS = join(REPO_ROOT, 'e2e/screenshots');
const LANGUAGES = ['en', 'pl', 'ur', 'bn', 'pa', 'gu', 'ar', 'ro', 'pt', 'so', 'zh', 'cy'];
const UNIT = { code: 'RZZ01-W04', name: 'Ward 4 (Cardiology)', question: 'fft-2020', setting: 'inpatient' };
const YOU_SAID = [
  { youSaid: 'It was too noisy at night.', weDid: 'We gave out eye masks and ear plugs, and dim the lights at 10pm.', date: '2026-10-01' },
  { youSaid: 'Waiting for medicines to take home took too long.', weDid: 'A pharmacist now joins the morning ward round.', date: '2026-09-12' },
];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?[+-]\d\d:\d\d$/;

type Json = Record<string, unknown>;
interface Sent {
  responses: Array<Json & { id: string; comment?: string }>;
  authorization: string | undefined;
}

/**
 * The kiosk API as the contract describes it, with switches for outages and refusals.
 * Routed on the browser context, so the service worker's own requests are answered too.
 */
async function mockApi(context: BrowserContext, unit = UNIT) {
  const api = {
    pairStatus: 200,
    configStatus: 200,
    heartbeatStatus: 204,
    token: 'fft_kiosk_token_1',
    /** What the config route says of the unit (an admin may close it: `active: false`). */
    unit: { ...unit } as typeof UNIT & { active?: boolean },
    /** `ok`, `down` (503), `offline` (connection refused), `revoked` (401) or a custom refusal rule. */
    responses: 'ok' as 'ok' | 'down' | 'offline' | 'revoked' | ((responses: Sent['responses']) => number),
    pairs: [] as Json[],
    configAuth: [] as Array<string | undefined>,
    /** Config requests answered (200 or not): the tablet has its reply, or has it on its way. */
    configsAnswered: 0,
    heartbeats: [] as Json[],
    sent: [] as Sent[],
    stored: new Map<string, Json>(),
  };
  await context.route('**/kiosk/api/pair', async (route) => {
    api.pairs.push(route.request().postDataJSON());
    if (api.pairStatus !== 200) {
      await route.fulfill({ status: api.pairStatus, json: { error: { code: 'pairing_not_found', message: 'That code is not valid', issues: [] } } });
      return;
    }
    await route.fulfill({ status: 200, json: { token: api.token, unit } });
  });
  await context.route('**/kiosk/api/config', async (route) => {
    api.configAuth.push(await route.request().headerValue('authorization') ?? undefined);
    if (api.configStatus !== 200) {
      await route.fulfill({ status: api.configStatus, json: { error: { code: 'unauthorized', message: 'This tablet needs setting up again' } } });
      api.configsAnswered += 1;
      return;
    }
    // The unit as it is now: a test that changes it later must not change a reply already on its way.
    await route.fulfill({ status: 200, json: { unit: { ...api.unit }, youSaidWeDid: YOU_SAID, idleSeconds: 60 } });
    api.configsAnswered += 1;
  });
  await context.route('**/kiosk/api/heartbeat', async (route) => {
    api.heartbeats.push(route.request().postDataJSON());
    await route.fulfill({ status: api.heartbeatStatus });
  });
  await context.route('**/api/v1/responses', async (route) => {
    const body = route.request().postDataJSON() as { responses: Sent['responses'] };
    // Logged in `sent` and its mode read together, before any await: a request a test saw in
    // `sent` before switching modes is answered as that mode was, and one it did not, as the new.
    api.sent.push({ responses: body.responses, authorization: route.request().headers().authorization });
    const mode = api.responses;
    if (mode === 'offline') return route.abort('connectionrefused');
    if (mode === 'down') return route.fulfill({ status: 503, json: { error: { code: 'unavailable', message: 'Try again' } } });
    if (mode === 'revoked') return route.fulfill({ status: 401, json: { error: { code: 'unauthorized', message: 'Bad token' } } });
    const status = typeof mode === 'function' ? mode(body.responses) : 201;
    if (status >= 400) return route.fulfill({ status, json: { error: { code: 'invalid_response', message: 'Refused', issues: [{ path: 'comment', message: 'refused' }] } } });
    const results = body.responses.map((response) => {
      const duplicate = api.stored.has(response.id);
      api.stored.set(response.id, response);
      return { id: response.id, duplicate };
    });
    return route.fulfill({ status: 201, json: { results } });
  });
  return api;
}

let server: StaticServer;
beforeAll(async () => {
  server = await serveKioskApp();
  await mkdir(SCREENSHOTS, { recursive: true });
});
afterAll(async () => {
  await closeChromium();
  await server?.close();
});

async function openKiosk(options: { viewport?: { width: number; height: number }; unit?: typeof UNIT; clock?: boolean; pairing?: boolean } = {}) {
  const browser = await openBrowser({ viewport: options.viewport });
  const errors: string[] = [];
  browser.page.on('pageerror', (error) => errors.push(error.message));
  const api = await mockApi(browser.context, options.unit);
  if (options.clock) await browser.page.clock.install();
  await browser.page.goto(`${server.origin}/kiosk/${options.pairing === false ? '' : '#pair=ABCD-EFGH'}`);
  // Pairing shows the question and then checks the unit's config. A test that closes the unit or
  // revokes the token starts only after that first check, or the check could close the tablet
  // before its patient has touched it (a race CI lost once).
  if (options.pairing !== false) {
    await expect.poll(() => api.configsAnswered, { timeout: 10_000 }).toBeGreaterThan(0);
    // …and applied it: its "You said, we did" shows only from the config reply.
    await browser.page.waitForSelector('#ysdw:not([hidden])', { state: 'attached' });
  }
  return { ...browser, api, errors };
}

const visible = (page: Page, selector: string) => page.waitForSelector(`${selector}:not([hidden])`, { state: 'visible' });
const shot = (page: Page, name: string, fullPage = false) => page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage, animations: 'disabled' });

async function chooseLanguage(page: Page, code: string) {
  await page.click('#language-button');
  await page.click(`.fft-language[data-lang="${code}"]`);
  await page.waitForFunction((c) => document.documentElement.lang.startsWith(c) && !(document.querySelector('#language-dialog') as HTMLDialogElement).open, code);
}

async function expectNoViolations(page: Page, label: string) {
  const violations = await axeViolations(page);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

/** Whether the tablet's stored config says its unit is open (the tablet keeps it as it applies it). */
async function storedUnitActive(page: Page) {
  return page.evaluate(
    () =>
      new Promise<boolean | null>((resolve, reject) => {
        const open = indexedDB.open('fft-kiosk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('meta').objectStore('meta').get('config');
          read.onerror = () => reject(read.error);
          read.onsuccess = () => {
            open.result.close();
            resolve(read.result ? read.result.unit.active !== false : null);
          };
        };
      }),
  );
}

async function indicator(page: Page) {
  return page.evaluate(() => {
    const element = document.querySelector('#staff-count') as HTMLElement;
    return element.hidden ? null : { text: element.textContent, label: element.getAttribute('aria-label') };
  });
}

async function answer(page: Page, code: number, comment = '') {
  await page.click(`[data-answer="${code}"]`);
  if (comment) await page.fill('#comment', comment);
  await page.click('[data-action="submit"]');
  await visible(page, '#screen-thanks');
}

describe('ward tablet', () => {
  let kiosk: KioskBrowser & { api: Awaited<ReturnType<typeof mockApi>>; errors: string[] };
  afterAll(async () => kiosk?.close());

  it('pairs from the one-time link, forgets the code, and asks the unit\'s question', async () => {
    kiosk = await openKiosk({ clock: true });
    const { page, api } = kiosk;
    await visible(page, '#screen-question');
    expect(api.pairs).toEqual([{ code: 'ABCD-EFGH' }]);
    expect(page.url()).toBe(`${server.origin}/kiosk/`);
    await expect.poll(() => api.configAuth).toContain('Bearer fft_kiosk_token_1');
    expect(await page.textContent('#unit-name')).toBe('Ward 4 (Cardiology)');
    expect(await page.locator('h1:visible').textContent()).toBe('Overall, how was your experience of our service?');
    expect(await page.$$eval('[data-answer]', (buttons) => buttons.map((b) => [b.getAttribute('data-answer'), b.textContent, b.getAttribute('aria-pressed')])))
      .toEqual([['1', 'Very good', 'false'], ['2', 'Good', 'false'], ['3', 'Neither good nor poor', 'false'], ['4', 'Poor', 'false'], ['5', 'Very poor', 'false'], ['6', "Don't know", 'false']]);
    expect(await page.$$eval('.fft-answer img', (images) => images.map((img) => img.getAttribute('alt')))).toEqual(Array(6).fill(''));
    await visible(page, '#ysdw');
    expect(await page.textContent('#ysdw')).toContain('It was too noisy at night.');
    expect(await indicator(page)).toBeNull();
    await shot(page, 'kiosk-en-landscape');
    await expectNoViolations(page, 'start en');
  });

  it('sends an answer with its comment and "about you": outbox first, then thank you, then the server', async () => {
    const { page, api } = kiosk;
    const send = page.locator('[data-action="submit"]');
    expect(await send.getAttribute('aria-disabled')).toBe('true');
    await send.click({ force: true });
    expect(await page.textContent('#answer-error')).toContain('Choose an answer before you send');
    await expectNoViolations(page, 'no answer chosen');

    await page.click('[data-answer="2"]');
    expect(await page.$$eval('[aria-pressed="true"]', (buttons) => buttons.map((b) => b.getAttribute('data-answer')))).toEqual(['2']);
    expect(await send.getAttribute('aria-disabled')).toBe('false');
    expect(await page.textContent('#answer-error')).toBe('');
    await page.fill('#comment', 'The nurses on nights were lovely.');
    expect(await page.getAttribute('#comment', 'maxlength')).toBe('5000');
    await page.click('#about-you summary');
    await page.check('input[name="ageBand"][value="65-74"]', { force: true });
    await page.check('input[name="ethnicity"][value="Z"]', { force: true });
    await page.check('input[name="completedBy"][value="with-help"]', { force: true });
    for (const field of ['ageBand', 'sex', 'ethnicity', 'disability', 'completedBy']) {
      const labels = await page.$$eval(`input[name="${field}"]`, (inputs) => inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent));
      expect(labels.at(-1), field).toBe('Prefer not to say');
    }
    await shot(page, 'kiosk-en-answered', true);
    await expectNoViolations(page, 'answered with comment and about you open');

    const before = Date.now();
    await send.click();
    await visible(page, '#screen-thanks');
    expect(await page.textContent('#live')).toContain('Thank you');
    await expect.poll(() => api.sent.length).toBe(1);
    const [response] = api.sent[0].responses;
    expect(api.sent[0].authorization).toBe('Bearer fft_kiosk_token_1');
    expect(response).toEqual({
      id: expect.stringMatching(UUID),
      unit: 'RZZ01-W04',
      answer: 2,
      comment: 'The nurses on nights were lovely.',
      channel: 'kiosk',
      answeredAt: expect.stringMatching(ISO_WITH_OFFSET),
      language: 'en',
      question: 'fft-2020',
      equality: { ageBand: '65-74', ethnicity: 'Z', completedBy: 'with-help' },
    });
    expect(Math.abs(Date.parse(response.answeredAt as string) - before)).toBeLessThan(60_000);
    await expect.poll(() => indicator(page)).toBeNull();
    await expect.poll(() => api.heartbeats).toContainEqual({ unsent: 0 });
    await shot(page, 'kiosk-en-thanks');
    await expectNoViolations(page, 'thank you');

    // About 8 seconds later the screen is ready for the next person, with nothing left over.
    await page.clock.fastForward(8_500);
    await visible(page, '#screen-question');
    expect(await page.$$eval('[aria-pressed="true"]', (buttons) => buttons.length)).toBe(0);
    expect(await page.inputValue('#comment')).toBe('');
    expect(await page.$eval('#about-you', (details) => (details as HTMLDetailsElement).open)).toBe(false);
    expect(await page.$$eval('#equality-questions input:checked', (inputs) => inputs.length)).toBe(0);
  });

  it('after a minute without a touch, warns, then clears everything one patient chose or typed', async () => {
    const { page } = kiosk;
    await page.click('[data-answer="5"]');
    await page.fill('#comment', 'Private words');
    await page.click('#about-you summary');
    await page.check('input[name="sex"][value="female"]', { force: true });
    await chooseLanguage(page, 'pl');
    await page.click('[data-setting="easyRead"]');
    await page.click('[data-setting="largeText"]');
    await page.click('[data-setting="highContrast"]');
    const oldComment = await page.$('#comment');

    await page.clock.fastForward(40_500);
    await page.waitForSelector('#idle-dialog[open]');
    expect(await page.textContent('#idle-heading')).toBe('Czy nadal Pan/Pani tu jest?');
    await expectNoViolations(page, 'idle warning');
    await page.click('[data-action="still-here"]');
    await page.clock.fastForward(30_000);
    expect(await page.inputValue('#comment')).toBe('Private words');

    await page.clock.fastForward(61_000);
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    const after = await page.evaluate(() => ({
      lang: document.documentElement.lang,
      dir: document.documentElement.dir,
      classes: document.documentElement.className,
      pressed: document.querySelectorAll('[aria-pressed="true"]').length,
      comment: (document.querySelector('#comment') as HTMLTextAreaElement).value,
      detailsOpen: (document.querySelector('#about-you') as HTMLDetailsElement).open,
      checked: document.querySelectorAll('#equality-questions input:checked').length,
      focused: document.activeElement === document.body,
      dialogs: document.querySelectorAll('dialog[open]').length,
      question: document.querySelector('#question-heading')?.textContent,
    }));
    expect(after).toEqual({ lang: 'en', dir: 'ltr', classes: '', pressed: 0, comment: '', detailsOpen: false, checked: 0, focused: true, dialogs: 0, question: 'Overall, how was your experience of our service?' });
    // The comment box itself was replaced, so its undo history went with it.
    expect(await oldComment?.evaluate((element) => element.isConnected)).toBe(false);
    expect(kiosk.errors).toEqual([]);
  });
});

describe('offline', () => {
  it('works after a reload with no network, keeps every answer, and sends them when the network is back', async () => {
    const kiosk = await openKiosk();
    try {
      const { page, context, api } = kiosk;
      await visible(page, '#screen-question');
      await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
      // Routed requests bypass Chromium's offline switch, so the mock goes offline too.
      await context.setOffline(true);
      api.responses = 'offline';
      await page.reload();
      await visible(page, '#screen-question');
      expect(await page.textContent('#unit-name')).toBe('Ward 4 (Cardiology)');
      expect(await page.textContent('#ysdw')).toContain('You said, we did');

      await answer(page, 1, 'First, while offline');
      await expect.poll(() => indicator(page)).toEqual({ text: '1', label: '1 answer waiting to send' });
      await page.click('[data-action="start-again"]');
      await answer(page, 3);
      await expect.poll(() => indicator(page)).toEqual({ text: '2', label: '2 answers waiting to send' });
      await shot(page, 'kiosk-offline-waiting');
      expect(api.stored.size).toBe(0);

      api.responses = 'ok';
      await context.setOffline(false);
      await expect.poll(() => api.stored.size, { timeout: 15_000 }).toBe(2);
      await expect.poll(() => indicator(page)).toBeNull();
      expect([...api.stored.values()].map((r) => r.answer).sort()).toEqual([1, 3]);
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.close();
    }
  });

  it('a refused batch is resent one answer at a time; only the refused one is set aside, and counted', async () => {
    const kiosk = await openKiosk();
    try {
      const { page, api } = kiosk;
      await visible(page, '#screen-question');
      api.responses = 'down';
      for (const [code, comment] of [[1, 'fine'], [4, 'REFUSE ME'], [2, 'also fine']] as const) {
        await answer(page, code, comment);
        await page.click('[data-action="start-again"]');
      }
      await expect.poll(() => indicator(page)).toEqual({ text: '3', label: '3 answers waiting to send' });

      api.responses = (responses) => (responses.some((r) => r.comment === 'REFUSE ME') ? 400 : 201);
      const sentBefore = api.sent.length;
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(() => api.stored.size).toBe(2);
      await expect.poll(() => indicator(page)).toEqual({ text: '1', label: '1 answer waiting to send' });
      const attempts = api.sent.slice(sentBefore).map((s) => s.responses.length);
      expect(attempts.slice(0, 4)).toEqual([3, 1, 1, 1]);
      const rejected = await page.evaluate(
        () =>
          new Promise<Array<{ response: { comment: string }; refusal: { status: number } }>>((resolve, reject) => {
            const open = indexedDB.open('fft-kiosk');
            open.onsuccess = () => {
              const request = open.result.transaction('rejected').objectStore('rejected').getAll();
              request.onsuccess = () => resolve(request.result);
              request.onerror = () => reject(request.error);
            };
          }),
      );
      expect(rejected.map((r) => [r.response.comment, r.refusal.status])).toEqual([['REFUSE ME', 400]]);
    } finally {
      await kiosk.close();
    }
  });
});

describe('revoked and setting up', () => {
  it('a revoked tablet asks for staff, keeps its outbox, and sends it once paired again to the same unit', async () => {
    const kiosk = await openKiosk();
    try {
      const { page, api } = kiosk;
      await visible(page, '#screen-question');
      api.responses = 'revoked';
      api.configStatus = 401;
      await answer(page, 2, 'Kept safe');
      // The patient who was answering finishes first; then the tablet says it needs setting up.
      await page.click('[data-action="start-again"]');
      await visible(page, '#revoked-block');
      expect(await page.locator('h1:visible').textContent()).toBe('This tablet needs setting up again. Please ask a member of staff.');
      await expect.poll(() => indicator(page)).toEqual({ text: '1', label: '1 answer waiting to send' });
      await shot(page, 'kiosk-revoked');
      await expectNoViolations(page, 'revoked');

      api.responses = 'ok';
      api.configStatus = 200;
      api.token = 'fft_kiosk_token_2';
      await page.fill('#pairing-code', 'WXYZ-2345');
      await page.click('[data-action="pair"]');
      await visible(page, '#screen-question');
      await expect.poll(() => api.stored.size).toBe(1);
      expect(api.sent.at(-1)?.authorization).toBe('Bearer fft_kiosk_token_2');
      expect([...api.stored.values()][0].comment).toBe('Kept safe');
      await expect.poll(() => indicator(page)).toBeNull();
    } finally {
      await kiosk.close();
    }
  });

  it('a closed ward: the patient answering finishes, then nothing is asked; answers held are still sent; it asks again once reopened', async () => {
    const kiosk = await openKiosk({ clock: true });
    try {
      const { page, api } = kiosk;
      await visible(page, '#screen-question');
      api.unit.active = false;
      api.responses = 'down';
      await page.click('[data-answer="2"]');
      await page.fill('#comment', 'Answered as the ward closed');
      // The tablet learns of the closure (its 10-minute config check) while this patient is still
      // typing, touching the screen often enough that the idle reset never comes: nothing of theirs is lost.
      for (let i = 0; i < 25; i++) {
        await page.clock.fastForward('00:30');
        await page.click('#comment');
      }
      await expect.poll(() => api.configsAnswered, { timeout: 10_000 }).toBeGreaterThan(1);
      await expect.poll(() => storedUnitActive(page), { timeout: 10_000 }).toBe(false);
      expect(await page.isVisible('#screen-question')).toBe(true);
      expect(await page.inputValue('#comment')).toBe('Answered as the ward closed');
      await page.click('[data-action="submit"]');
      await visible(page, '#screen-thanks');
      await page.click('[data-action="start-again"]');
      await visible(page, '#screen-closed');
      expect(await page.isHidden('#screen-question')).toBe(true);
      expect(await page.locator('h1:visible').textContent()).toBe('This tablet is not taking feedback at the moment. Please ask a member of staff.');
      await expect.poll(() => indicator(page)).toEqual({ text: '1', label: '1 answer waiting to send' });
      await shot(page, 'kiosk-closed');
      for (const code of LANGUAGES) {
        await chooseLanguage(page, code);
        await expectNoViolations(page, `closed ${code}`);
      }
      await chooseLanguage(page, 'en');

      api.responses = 'ok';
      await page.evaluate(() => window.dispatchEvent(new Event('online')));
      await expect.poll(() => api.stored.size).toBe(1);
      expect([...api.stored.values()][0].comment).toBe('Answered as the ward closed');
      await expect.poll(() => indicator(page)).toBeNull();

      // Reopened: back to the question within a minute or so, without staff touching it.
      api.unit.active = true;
      await page.clock.fastForward('01:00');
      await page.clock.fastForward('01:00');
      await visible(page, '#screen-question');
      expect(await page.isHidden('#screen-closed')).toBe(true);
      // And a reload of a closed tablet opens on the closed screen, from the config it kept.
      api.unit.active = false;
      await page.clock.fastForward('11:00');
      await visible(page, '#screen-closed');
      api.configStatus = 503;
      await page.reload();
      await visible(page, '#screen-closed');
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.close();
    }
  }, 120_000);

  it('explains a code that does not work, on the setup screen', async () => {
    const kiosk = await openKiosk({ pairing: false });
    try {
      const { page, api } = kiosk;
      await visible(page, '#screen-setup');
      expect(await page.locator('h1:visible').textContent()).toBe('Set up this tablet');
      await page.click('[data-action="pair"]');
      expect(await page.textContent('#pairing-code-error')).toContain('Enter the pairing code');
      api.pairStatus = 404;
      await page.fill('#pairing-code', 'ABCD-EFGH');
      await page.click('[data-action="pair"]');
      await page.waitForSelector('#pairing-code-error-message');
      expect(await page.textContent('#pairing-code-error')).toContain('That code is not valid');
      await shot(page, 'kiosk-setup-error');
      await expectNoViolations(page, 'setup error');
    } finally {
      await kiosk.close();
    }
  });
});

describe('every language, easy read and large text pass axe (WCAG 2.2 AA)', () => {
  it('question, answered with "about you" open, thank you — in all 12 languages', async () => {
    const kiosk = await openKiosk();
    try {
      const { page } = kiosk;
      await visible(page, '#screen-question');
      for (const code of LANGUAGES) {
        const dictionary = (await (await fetch(`${server.origin}/kiosk/i18n/${code}.json`)).json()) as Record<string, string>;
        await chooseLanguage(page, code);
        expect(await page.evaluate(() => document.documentElement.dir)).toBe(code === 'ar' || code === 'ur' ? 'rtl' : 'ltr');
        expect(await page.locator('h1:visible').textContent(), code).toBe(dictionary['fft-2020.question']);
        expect(await page.textContent('#language-current')).toBe(dictionary.languageName);
        await expectNoViolations(page, `start ${code}`);
        if (code === 'ar') await shot(page, 'kiosk-ar-landscape');

        await page.click('[data-setting="easyRead"]');
        expect(await page.locator('h1:visible').textContent(), code).toBe(dictionary['easy.fft-2020.question']);
        expect(await page.textContent('[data-answer="1"]'), code).toBe(dictionary['easy.fft-2020.1']);
        await expectNoViolations(page, `easy read ${code}`);
        await page.click('[data-setting="easyRead"]');
        await page.click('[data-setting="largeText"]');
        await expectNoViolations(page, `large text ${code}`);
        await page.click('[data-setting="largeText"]');

        await page.click('[data-answer="1"]');
        await page.fill('#comment', 'Comment');
        await page.click('#about-you summary');
        await expectNoViolations(page, `answered ${code}`);
        if (code === 'ar') await shot(page, 'kiosk-ar-answered', true);
        await page.click('[data-action="submit"]');
        await visible(page, '#screen-thanks');
        expect(await page.textContent('#thanks-heading')).toBe(dictionary['thanks.heading']);
        await expectNoViolations(page, `thanks ${code}`);
        await page.click('[data-action="start-again"]');
        await page.waitForFunction(() => document.documentElement.lang === 'en');
      }
    } finally {
      await kiosk.close();
    }
  }, 150_000); // 12 languages × 3 screens, each checked by axe: 30 s on a quiet machine, more on a busy one

  it('setup and revoked screens in all 12 languages', async () => {
    const kiosk = await openKiosk({ pairing: false });
    try {
      const { page, api } = kiosk;
      await visible(page, '#screen-setup');
      for (const code of LANGUAGES) {
        await chooseLanguage(page, code);
        await expectNoViolations(page, `setup ${code}`);
      }
      await chooseLanguage(page, 'en');
      api.configStatus = 401;
      await page.fill('#pairing-code', 'ABCD-EFGH');
      await page.click('[data-action="pair"]');
      await visible(page, '#revoked-block');
      for (const code of LANGUAGES) {
        await chooseLanguage(page, code);
        await expectNoViolations(page, `revoked ${code}`);
      }
    } finally {
      await kiosk.close();
    }
  });

  it('easy read, large text, high contrast and portrait look right (screenshots) and pass axe', async () => {
    const kiosk = await openKiosk();
    try {
      const { page } = kiosk;
      await visible(page, '#screen-question');
      await page.click('[data-setting="easyRead"]');
      await shot(page, 'kiosk-easy-read');
      await page.click('[data-answer="2"]');
      await page.click('[data-setting="highContrast"]');
      await shot(page, 'kiosk-easy-read-high-contrast');
      await expectNoViolations(page, 'easy read, high contrast, answered');
      await page.click('[data-setting="easyRead"]');
      await page.click('[data-setting="highContrast"]');
      await page.click('[data-setting="largeText"]');
      await shot(page, 'kiosk-large-text');
      await page.click('[data-setting="largeText"]');
      await page.click('#language-button');
      await shot(page, 'kiosk-language-list');
      await expectNoViolations(page, 'language list');
      await page.keyboard.press('Escape');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('language-button');

      await page.setViewportSize({ width: 800, height: 1280 });
      await shot(page, 'kiosk-en-portrait');
      await chooseLanguage(page, 'ar');
      await shot(page, 'kiosk-ar-portrait');
      await expectNoViolations(page, 'portrait ar');
    } finally {
      await kiosk.close();
    }
  });

  it('at 400% zoom (320 CSS pixels wide) reflows: nothing sideways, no tool\'s words over its icon, no label broken mid-word', async () => {
    const kiosk = await openKiosk({ viewport: { width: 320, height: 640 } });
    try {
      const { page } = kiosk;
      await visible(page, '#screen-question');
      await page.locator('#about-you summary').click();
      const problems: string[] = [];
      for (const setting of ['none', 'largeText', 'easyRead']) {
        if (setting !== 'none') await page.click(`[data-setting="${setting}"]`);
        problems.push(
          ...(await page.evaluate((name) => {
            const found: string[] = [];
            const width = document.documentElement.clientWidth;
            for (const element of document.querySelectorAll('body *')) {
              const box = element.getBoundingClientRect();
              if (box.width > 0 && box.right > width + 0.5) found.push(`${name}: ${element.tagName.toLowerCase()}.${String(element.className).split(' ').join('.')} reaches ${Math.round(box.right)} of ${width} pixels`);
            }
            for (const tool of document.querySelectorAll('.fft-tool')) {
              const icon = tool.querySelector('.fft-tool__icon')!.getBoundingClientRect();
              const text = tool.querySelector('.fft-tool__text')!.getBoundingClientRect();
              const box = tool.getBoundingClientRect();
              if (icon.right > text.left && icon.left < text.right && icon.bottom > text.top && icon.top < text.bottom) found.push(`${name}: "${tool.textContent!.trim()}" runs over its icon`);
              if (text.right > box.right || text.left < box.left) found.push(`${name}: "${tool.textContent!.trim()}" overflows its button`);
            }
            // A label broken inside a word ("Ver / y goo / d") is wider than its column holds.
            for (const label of document.querySelectorAll('.fft-answer__label')) {
              const words = label.textContent!.split(/\s+/);
              const range = document.createRange();
              range.selectNodeContents(label);
              const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
              if (lines > words.length) found.push(`${name}: "${label.textContent}" is broken mid-word`);
            }
            return found;
          }, setting)),
        );
        if (setting !== 'none') await page.click(`[data-setting="${setting}"]`);
      }
      expect(problems).toEqual([]);
      await page.click('[data-setting="largeText"]');
      await shot(page, 'kiosk-320-large-text', true);
    } finally {
      await kiosk.close();
    }
  });
});

describe('a unit that asks the 0–10 scale (nps-0-10)', () => {
  const NPS_UNIT = { code: 'RZZ01-S01', name: 'Staff Survey Point', question: 'nps-0-10', setting: 'inpatient' };
  const QUESTION = 'How likely are you to recommend our ward to friends and family if they needed similar care or treatment?';

  /** Every answer button at least 48 × 48 CSS px (WCAG 2.5.8 asks 24; the tablet's own rule is 48). */
  async function targetSizes(page: Page) {
    const boxes = await page.$$eval('[data-answer]', (buttons) => buttons.map((b) => b.getBoundingClientRect()).map((r) => [Math.floor(r.width), Math.floor(r.height)]));
    expect(boxes).toHaveLength(11);
    for (const [width, height] of boxes) {
      expect(width).toBeGreaterThanOrEqual(48);
      expect(height).toBeGreaterThanOrEqual(48);
    }
  }

  it('shows eleven buttons 0–10 instead of the faces, named with the end labels, and sends the unit\'s own question', async () => {
    const kiosk = await openKiosk({ unit: NPS_UNIT, clock: true });
    try {
      const { page, api } = kiosk;
      await visible(page, '#screen-question');
      expect(await page.locator('h1:visible').textContent()).toBe(QUESTION);
      expect(await page.$$eval('[data-answer]', (buttons) => buttons.map((b) => [b.getAttribute('data-answer'), b.getAttribute('aria-pressed')]))).toEqual(
        Array.from({ length: 11 }, (_, i) => [String(i), 'false']),
      );
      expect(await page.locator('.fft-answer__face').count()).toBe(0);
      // Named within the group the question labels: the ends with their labels, the rest by number.
      const scale = page.getByRole('group', { name: QUESTION, exact: true });
      expect(await scale.getByRole('button', { name: '0 – Not at all likely', exact: true }).count()).toBe(1);
      expect(await scale.getByRole('button', { name: '10 – Extremely likely', exact: true }).count()).toBe(1);
      expect(await scale.getByRole('button', { name: '9', exact: true }).count()).toBe(1);
      expect(await page.$$eval('#nps-ends span', (spans) => spans.map((s) => s.textContent))).toEqual(['0 – Not at all likely', '10 – Extremely likely']);
      await targetSizes(page);
      await shot(page, 'kiosk-nps-landscape');
      await expectNoViolations(page, 'nps start');

      // No answer: the plain message, even in easy read (there are no faces to tap).
      await page.click('[data-setting="easyRead"]');
      expect(await page.locator('h1:visible').textContent()).toBe('Would you tell your friends and family to come here?');
      expect(await page.$$eval('#nps-ends span', (spans) => spans.map((s) => s.textContent))).toEqual(['0 – No, never', '10 – Yes, for sure']);
      await page.locator('[data-action="submit"]').click({ force: true });
      expect(await page.textContent('#answer-error')).toContain('Choose an answer before you send');
      await shot(page, 'kiosk-nps-easy-read');
      await expectNoViolations(page, 'nps easy read, no answer');
      await page.click('[data-setting="easyRead"]');

      // The keyboard: Tab from 8 to 9, Enter chooses it.
      await page.focus('[data-answer="8"]');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => (document.activeElement as HTMLElement).dataset.answer)).toBe('9');
      await page.keyboard.press('Enter');
      expect(await page.$$eval('[aria-pressed="true"]', (buttons) => buttons.map((b) => b.getAttribute('data-answer')))).toEqual(['9']);
      expect(await page.textContent('#answer-error')).toBe('');
      await page.click('[data-answer="3"]');
      await page.click('[data-answer="9"]');
      expect(await page.$$eval('[aria-pressed="true"]', (buttons) => buttons.map((b) => b.getAttribute('data-answer')))).toEqual(['9']);
      await page.click('[data-setting="highContrast"]');
      await shot(page, 'kiosk-nps-high-contrast');
      await expectNoViolations(page, 'nps high contrast, 9 chosen');
      await page.click('[data-setting="highContrast"]');

      await page.fill('#comment', 'A good team to work in.');
      await page.click('[data-action="submit"]');
      await visible(page, '#screen-thanks');
      await expect.poll(() => api.stored.size).toBe(1);
      expect([...api.stored.values()][0]).toEqual({
        id: expect.stringMatching(UUID),
        unit: 'RZZ01-S01',
        answer: 9,
        comment: 'A good team to work in.',
        channel: 'kiosk',
        answeredAt: expect.stringMatching(ISO_WITH_OFFSET),
        language: 'en',
        question: 'nps-0-10',
      });

      // The next patient gets the same scale, with nothing chosen.
      await page.clock.fastForward(8_500);
      await visible(page, '#screen-question');
      expect(await page.locator('[data-answer]').count()).toBe(11);
      expect(await page.locator('[aria-pressed="true"]').count()).toBe(0);
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.close();
    }
  }, 150_000);

  it('large text, portrait, and other languages (English for an end label not yet translated, marked so) pass axe', async () => {
    const kiosk = await openKiosk({ unit: NPS_UNIT });
    try {
      const { page } = kiosk;
      await visible(page, '#screen-question');
      await page.click('[data-setting="largeText"]');
      await targetSizes(page);
      await shot(page, 'kiosk-nps-large-text');
      await expectNoViolations(page, 'nps large text');
      await page.setViewportSize({ width: 800, height: 1280 });
      await targetSizes(page);
      await shot(page, 'kiosk-nps-large-text-portrait');
      await expectNoViolations(page, 'nps large text, portrait');
      await page.click('[data-setting="largeText"]');
      await targetSizes(page);
      await shot(page, 'kiosk-nps-portrait');

      for (const code of ['ar', 'ur', 'cy']) {
        const dictionary = (await (await fetch(`${server.origin}/kiosk/i18n/${code}.json`)).json()) as Record<string, string>;
        await chooseLanguage(page, code);
        expect(await page.locator('h1:visible').textContent(), code).toBe(dictionary['nps-0-10.question'].replace('{service}', dictionary['service.ward']));
        const ends = await page.$$eval('#nps-ends span', (spans) => spans.map((s) => [s.textContent, s.getAttribute('lang')]));
        const zero = dictionary['nps-0-10.0'];
        expect(ends, code).toEqual([[`0 – ${zero ?? 'Not at all likely'}`, zero ? null : 'en'], [`10 – ${dictionary['nps-0-10.10']}`, null]]);
        await shot(page, `kiosk-nps-${code}-portrait`);
        await expectNoViolations(page, `nps ${code}`);
      }
      expect(kiosk.errors).toEqual([]);
    } finally {
      await kiosk.close();
    }
  }, 150_000);
});
