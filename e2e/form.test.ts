/**
 * The web form in a real browser against the real server: with JavaScript off it still takes
 * an answer and thanks the patient; a POST without the CSRF token is refused; with JavaScript,
 * Send with no connection keeps the answer on the page and an error summary takes focus;
 * axe-core finds nothing on any of its screens.
 */
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, closeChromium, openBrowser, REPO_ROOT, type KioskBrowser } from './lib/browser.ts';
import { startE2eServer, type E2eServer } from './lib/server.ts';

const SHOTS = join(REPO_ROOT, 'e2e/screenshots');
let server: E2eServer;
let noScript: KioskBrowser;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startE2eServer();
  noScript = await openBrowser({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
});
afterAll(async () => {
  await noScript?.close();
  await closeChromium();
  await server?.close();
});

/** axe-core, evaluated through the DevTools protocol: the page's CSP forbids injected script tags. */
async function axe(page: Page) {
  const source = await readFile(join(REPO_ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(source);
  return axeViolations(page);
}

describe('web form with JavaScript off', () => {
  it('takes an answer and a comment, shows thanks, and stores it with mode Online', async () => {
    const { page } = noScript;
    await page.goto(`${server.url}/f/W1`);
    await expect(page.locator('h1')).toBeTruthy();
    expect(await page.locator('h1').innerText()).toBe('Overall, how was your experience of our service?');
    await page.screenshot({ path: join(SHOTS, 'form-en.png'), fullPage: true });
    await page.locator('label[for="answer-1"]').click();
    await page.locator('textarea[name="comment"]').fill('The midwives were wonderful 💐');
    await page.locator('[data-action="submit"]').click();
    await page.waitForURL(/\/f\/W1\/thanks/);
    expect(await page.locator('h1').innerText()).toBe('Thank you');
    await page.screenshot({ path: join(SHOTS, 'form-thanks.png') });
    const id = await (async () => {
      for (let i = 0; i < 20; i++) {
        const cells = await server.store.dailyCounts({ unitCodes: ['W1'] });
        if (cells.some((c) => c.mode === 'online')) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    })();
    expect(id).toBe(true);
  });

  it('refuses a POST that did not come from the form', async () => {
    const res = await fetch(`${server.url}/f/W1`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'answer=1' });
    expect(res.status).toBe(403);
  });

  it('shows an error, keeping what was typed, when no answer was chosen', async () => {
    const page = await noScript.context.newPage();
    await page.goto(`${server.url}/f/W1`);
    await page.locator('textarea[name="comment"]').fill('I forgot to choose');
    await page.locator('[data-action="submit"]').click();
    expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Choose an answer');
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('I forgot to choose');
    await page.close();
  });
});

/** Total answers stored for a unit, once the group-commit writer has written them. */
async function stored(unit: string, atLeast = 0): Promise<number> {
  let n = 0;
  for (let i = 0; i < 20; i++) {
    n = (await server.store.dailyCounts({ unitCodes: [unit] })).reduce((s, c) => s + c.count, 0);
    if (n >= atLeast) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return n;
}

describe('web form and the Back button', () => {
  for (const javaScript of [false, true]) {
    it(`does not bring the last patient's answer and comment back, nor store it twice (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const browser = await openBrowser({ javaScriptEnabled: javaScript, viewport: { width: 1280, height: 720 } });
      try {
        const { page } = browser;
        const unit = javaScript ? 'ED' : 'W1';
        const before = await stored(unit);
        await page.goto(`${server.url}/f/${unit}`);
        await page.locator('label[for="answer-2"]').click();
        await page.locator('textarea[name="comment"]').fill('Private details about my visit');
        await page.locator('[data-action="submit"]').click();
        await page.waitForURL(/\/thanks/);
        expect(await stored(unit, before + 1)).toBe(before + 1);
        await page.goBack();
        await page.waitForURL(new RegExp(`/f/${unit}$`));
        await page.waitForLoadState('load');
        // The next person on this device sees an empty form.
        expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('');
        expect(await page.locator('input[name="answer"]:checked').count()).toBe(0);
        // Send without choosing again is "no answer", not a second copy of the last one.
        await page.locator('[data-action="submit"]').click();
        await page.waitForLoadState('load');
        expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('Choose an answer');
        await new Promise((r) => setTimeout(r, 300));
        expect(await stored(unit)).toBe(before + 1);
      } finally {
        await browser.close();
      }
    });
  }
});

describe('web form with JavaScript on', () => {
  it('keeps what was entered when the patient switches to easy read and back', async () => {
    const js = await openBrowser({ viewport: { width: 1280, height: 720 } });
    const { page } = js;
    await page.goto(`${server.url}/f/ED?lang=cy`);
    await page.locator('label[for="answer-4"]').click();
    await page.locator('textarea[name="comment"]').fill('Typed before choosing easy read');
    await Promise.all([page.waitForURL(/easy=1/), page.locator('.fft-easy-link').click()]);
    expect(page.url()).toMatch(/lang=cy/);
    expect(await page.locator('#answer-4').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Typed before choosing easy read');
    await Promise.all([page.waitForURL((url) => !url.search.includes('easy=1')), page.locator('.fft-easy-link').click()]);
    expect(await page.locator('#answer-4').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Typed before choosing easy read');
    // Read once: not there for the next person.
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('');
    await js.close();
  });

  it('changes language only when "Change language" is pressed, carrying what was entered, and cannot send twice', async () => {
    const js = await openBrowser({ viewport: { width: 1280, height: 720 } });
    const { page } = js;
    await page.goto(`${server.url}/f/ED?easy=1`);
    await page.locator('label[for="answer-3"]').click();
    await page.locator('textarea[name="comment"]').fill('Typed before choosing a language');
    // One arrow key on the focused list (WCAG 3.2.2): nothing happens to the page.
    await page.locator('select[name="lang"]').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('select[name="lang"]').selectOption('cy');
    await new Promise((r) => setTimeout(r, 500));
    expect(page.url()).toBe(`${server.url}/f/ED?easy=1`);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.locator('#answer-3').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Typed before choosing a language');
    expect(await page.locator('.fft-inline-form button').isVisible()).toBe(true);
    await Promise.all([page.waitForURL(/lang=cy/), page.locator('.fft-inline-form button').click()]);
    expect(page.url()).toMatch(/easy=1/);
    expect(await page.locator('html').getAttribute('lang')).toBe('cy');
    expect(await page.locator('.fft-inline-form button').innerText()).toBe('Newid iaith');
    // What was entered came along to the Welsh page, and is not kept for anyone after.
    expect(await page.locator('#answer-3').isChecked()).toBe(true);
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Typed before choosing a language');
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    await page.reload();
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('');
    // A carried entry older than a few seconds (a page that failed to load) is never filled in.
    await page.evaluate(() => sessionStorage.setItem('fft-form-carry', JSON.stringify({ at: Date.now() - 60_000, path: location.pathname, values: [['comment', 'Old patient text']] })));
    await page.reload();
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('');
    // The comment counter speaks the page's language.
    await page.locator('textarea[name="comment"]').fill('a'.repeat(4700));
    expect(await page.locator('.fft-counter').innerText()).toBe('Nodau ar ôl: 300');
    await page.locator('textarea[name="comment"]').fill('');
    const before = (await server.store.dailyCounts({ unitCodes: ['ED'] })).reduce((s, c) => s + c.count, 0);
    await page.locator('label[for="answer-2"]').click();
    await page.locator('[data-action="submit"]').dblclick();
    await page.waitForURL(/\/f\/ED\/thanks/);
    await new Promise((r) => setTimeout(r, 500));
    expect((await server.store.dailyCounts({ unitCodes: ['ED'] })).reduce((s, c) => s + c.count, 0)).toBe(before + 1);
    await js.close();
  });
});

describe('web form on a phone that loses its connection, and its error summary', () => {
  it('keeps the answer and comment on the page when Send is pressed with no connection, says so, and sends it once connected', async () => {
    const js = await openBrowser({ viewport: { width: 320, height: 640 } });
    try {
      const { page, context } = js;
      await page.goto(`${server.url}/f/W1?lang=pl`);
      const before = await stored('W1');
      await page.locator('label[for="answer-4"]').click();
      await page.locator('textarea[name="comment"]').fill('Napisane w autobusie, bez zasięgu');
      await context.setOffline(true);
      await page.locator('[data-action="submit"]').click();
      // Still this page (not the browser's "no internet" page), with everything the patient entered.
      await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
      expect(page.url()).toBe(`${server.url}/f/W1?lang=pl`);
      expect(await page.locator('.nhsuk-error-summary').innerText()).toContain('brak połączenia z internetem');
      expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
      expect(await page.locator('#answer-4').isChecked()).toBe(true);
      expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Napisane w autobusie, bez zasięgu');
      expect(await page.locator('[data-action="submit"]').isEnabled()).toBe(true);
      expect(await axe(page)).toEqual([]);
      await context.setOffline(false);
      await Promise.all([page.waitForURL(/\/f\/W1\/thanks/), page.locator('[data-action="submit"]').click()]);
      expect(await stored('W1', before + 1)).toBe(before + 1);
    } finally {
      await js.close();
    }
  });

  it('keeps the answer and comment on the page when Send does not get through (server unreachable, a proxy\'s 503, the connection dropping after it was stored), and stores it once', async () => {
    const js = await openBrowser({ viewport: { width: 320, height: 640 } });
    try {
      const { page } = js;
      await page.goto(`${server.url}/f/W1`);
      const before = await stored('W1');
      await page.locator('label[for="answer-5"]').click();
      await page.locator('textarea[name="comment"]').fill('Sent from the car park, one bar of signal');
      const summary = page.locator('.nhsuk-error-summary');
      /** Send, with the phone "online" but the answer not getting through: everything stays on the page. */
      const sendAndKeep = async () => {
        await page.locator('[data-action="submit"]').click();
        await summary.waitFor({ state: 'visible', timeout: 5000 });
        expect(page.url()).toBe(`${server.url}/f/W1`);
        expect(await summary.count()).toBe(1);
        expect(await summary.innerText()).toContain('Your answer has not been sent yet: there was a problem with the connection. Please press Send again.');
        expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
        expect(await page.locator('#answer-5').isChecked()).toBe(true);
        expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Sent from the car park, one bar of signal');
        expect(await page.locator('[data-action="submit"]').isEnabled()).toBe(true);
        await summary.evaluate((e) => e.remove());
      };
      // The server cannot be reached.
      await page.route(/\/f\/W1$/, (route) => (route.request().method() === 'POST' ? route.abort('internetdisconnected') : route.continue()));
      await sendAndKeep();
      expect(await stored('W1')).toBe(before);
      // A proxy in front of the server answers 503 with a page of its own.
      await page.unroute(/\/f\/W1$/);
      await page.route(/\/f\/W1$/, (route) => (route.request().method() === 'POST' ? route.fulfill({ status: 503, contentType: 'text/html', body: '<h1>503 Service Temporarily Unavailable</h1>' }) : route.continue()));
      await sendAndKeep();
      expect(await stored('W1')).toBe(before);
      // The answer reaches the server and is stored, but the connection drops before the reply.
      await page.unroute(/\/f\/W1$/);
      await page.route(/\/f\/W1$/, async (route) => {
        if (route.request().method() !== 'POST') return route.continue();
        await route.fetch({ maxRedirects: 0 });
        return route.abort('connectionreset');
      });
      await sendAndKeep();
      expect(await stored('W1', before + 1)).toBe(before + 1);
      expect(await axe(page)).toEqual([]);
      // Connected again: Send goes through, and the answer sent twice is stored once.
      await page.unroute(/\/f\/W1$/);
      await Promise.all([page.waitForURL(/\/f\/W1\/thanks$/), page.locator('[data-action="submit"]').click()]);
      expect(await page.locator('h1').innerText()).toBe('Thank you');
      await new Promise((r) => setTimeout(r, 300));
      expect(await stored('W1')).toBe(before + 1);
    } finally {
      await js.close();
    }
  });

  it('shows the form the server sent back for a problem, still keeping the answer when the next Send does not get through', async () => {
    const js = await openBrowser({ viewport: { width: 320, height: 640 } });
    try {
      const { page } = js;
      await page.goto(`${server.url}/f/W1?lang=cy`);
      const before = await stored('W1');
      await page.locator('textarea[name="comment"]').fill('Anghofiais ddewis ateb');
      await page.locator('[data-action="submit"]').click();
      // The server's page for Send with no answer: its title, error summary (focused) and the comment.
      await page.locator('#answer-error').waitFor({ state: 'visible', timeout: 5000 });
      expect(await page.title()).toMatch(/^Mae problem wedi codi: /);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
      expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Anghofiais ddewis ateb');
      // That page is enhanced as the first was: a Send that does not get through keeps the answer.
      await page.locator('label[for="answer-1"]').click();
      await page.route(/\/f\/W1\?lang=cy$/, (route) => (route.request().method() === 'POST' ? route.abort('timedout') : route.continue()));
      await page.locator('[data-action="submit"]').click();
      await page.locator('[data-not-sent]').waitFor({ state: 'visible', timeout: 5000 });
      expect(await page.locator('.nhsuk-error-summary').count()).toBe(1);
      expect(await page.locator('[data-not-sent]').innerText()).toContain("Nid yw eich ateb wedi'i anfon eto: roedd problem gyda'r cysylltiad.");
      expect(await page.locator('#answer-1').isChecked()).toBe(true);
      expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('Anghofiais ddewis ateb');
      await page.unroute(/\/f\/W1\?lang=cy$/);
      await Promise.all([page.waitForURL(/\/f\/W1\/thanks\?lang=cy$/), page.locator('[data-action="submit"]').click()]);
      expect(await page.locator('html').getAttribute('lang')).toBe('cy');
      expect(await stored('W1', before + 1)).toBe(before + 1);
    } finally {
      await js.close();
    }
  });

  it('moves focus to the error summary when the form comes back with a problem', async () => {
    const js = await openBrowser({ viewport: { width: 320, height: 640 } });
    try {
      const { page } = js;
      await page.goto(`${server.url}/f/W1?lang=ar`);
      await page.locator('[data-action="submit"]').click();
      await page.waitForLoadState('load');
      await page.locator('.nhsuk-error-summary').waitFor({ state: 'visible' });
      expect(await page.evaluate(() => document.activeElement?.classList.contains('nhsuk-error-summary'))).toBe(true);
      // The next Tab is its link, which takes the patient to the first answer.
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#answer-1');
      await page.keyboard.press('Enter');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('answer-1');
    } finally {
      await js.close();
    }
  });
});

describe('web form accessibility', () => {
  it('has no axe-core violations on any screen', async () => {
    const js = await openBrowser();
    const { page } = js;
    const screens: [string, string][] = [
      ['form, English', '/f/W1'],
      ['form, easy read', '/f/W1?easy=1'],
      ['form, Arabic', '/f/W1?lang=ar'],
      ['form, Welsh, 2013 question', '/f/DN?lang=cy'],
      ['thanks', '/f/W1/thanks'],
      ['poster', '/f/W1/poster'],
      ['not recognised', '/f/NOPE'],
    ];
    // First prove axe is really running here: a picture with no alt text must be caught.
    await page.goto(`${server.url}/f/W1`);
    await page.evaluate(() => document.querySelector('main')!.append(Object.assign(document.createElement('img'), { src: '/static/none.png' })));
    expect((await axe(page)).map((v) => v.id)).toContain('image-alt');
    const found: string[] = [];
    for (const [name, path] of screens) {
      await page.goto(server.url + path);
      const violations = await axe(page);
      for (const v of violations) found.push(`${name}: ${v.id} (${v.impact}) ${v.help} — ${v.targets.join(', ')}`);
    }
    await page.goto(`${server.url}/f/W1`);
    await page.locator('[data-action="submit"]').click();
    await page.locator('#answer-error').waitFor({ state: 'visible' });
    for (const v of await axe(page)) found.push(`error state: ${v.id} ${v.help} — ${v.targets.join(', ')}`);
    await page.goto(`${server.url}/f/W1?lang=ar`);
    await page.screenshot({ path: join(SHOTS, 'form-ar.png'), fullPage: true });
    await js.close();
    expect(found).toEqual([]);
  });
});
