/**
 * The ward tablet in Chromium against the real server: enrolment by link, an answer arriving
 * with the right unit and mode, nothing lost through an outage (reload while offline, server
 * killed and restarted mid-flush), and nothing of one patient left for the next.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../db/store.contract.ts';
import { closeChromium, openBrowser, REPO_ROOT, type KioskBrowser } from './lib/browser.ts';
import { createKiosk, startE2eServer, type E2eServer } from './lib/server.ts';

const SHOTS = join(REPO_ROOT, 'e2e/screenshots');
let server: E2eServer;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startE2eServer();
});
afterAll(async () => {
  await closeChromium();
  await server?.close();
});

async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function countFor(unit: string): Promise<number> {
  return (await server.store.dailyCounts({ unitCodes: [unit] })).reduce((s, c) => s + c.count, 0);
}

/** Pairs a fresh browser context (as a new profile: nothing stored) as a tablet for `unit` and waits until it shows the question. */
async function enrol(unit: string): Promise<{ tablet: KioskBrowser; page: Page }> {
  const { link } = await createKiosk(server, unit);
  const tablet = await openBrowser();
  const page = tablet.page;
  await page.goto(link);
  await page.locator('#screen-question').waitFor({ state: 'visible' });
  // The service worker must control the page before the network goes away.
  await page.waitForFunction(() => navigator.serviceWorker?.ready.then(() => true));
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.locator('#screen-question').waitFor({ state: 'visible' });
  return { tablet, page };
}

async function answer(page: Page, value: number, comment?: string) {
  await page.locator(`[data-answer="${value}"]`).click();
  if (comment) await page.locator('textarea[name="comment"]').fill(comment);
  await page.locator('[data-action="submit"]').click();
  await page.locator('#screen-thanks').waitFor({ state: 'visible' });
  await page.locator('[data-action="start-again"]').click();
  await page.locator('#screen-question').waitFor({ state: 'visible' });
}

describe('ward tablet', () => {
  it('loads under 150 KB of JavaScript on first load', async () => {
    const { link } = await createKiosk(server, 'W1');
    const tablet = await openBrowser();
    await tablet.page.goto(link);
    await tablet.page.locator('#screen-question').waitFor({ state: 'visible' });
    await tablet.page.waitForLoadState('networkidle');
    // What the page itself loaded (resource timing: every module, uncompressed size).
    const scripts = await tablet.page.evaluate(() =>
      performance.getEntriesByType('resource').filter((e) => /\.m?js(\?|$)/.test(e.name)).map((e) => ({ name: e.name, bytes: (e as PerformanceResourceTiming).decodedBodySize })),
    );
    const jsBytes = scripts.reduce((sum, s) => sum + s.bytes, 0);
    expect(scripts.map((s) => new URL(s.name).pathname)).toContain('/kiosk/app.js');
    expect(jsBytes).toBeGreaterThan(10_000);
    expect(jsBytes).toBeLessThan(150 * 1024);
    await tablet.close();
  }, 60_000);

  it('enrols from the one-time link and sends an answer as Electronic Discharge for its unit', async () => {
    const { tablet, page } = await enrol('W1');
    expect(await page.locator('#unit-name').innerText()).toContain('Ward 1');
    await page.screenshot({ path: join(SHOTS, 'kiosk-real-en.png') });
    const before = await countFor('W1');
    await answer(page, 2, 'Lovely staff on the night shift');
    await waitFor(async () => (await countFor('W1')) === before + 1);
    const cells = await server.store.dailyCounts({ unitCodes: ['W1'] });
    expect(cells.some((c) => c.mode === 'electronic-discharge' && c.answer === 2)).toBe(true);
    await tablet.close();
  }, 90_000);

  it('keeps answers through an outage and a reload, then sends each exactly once', async () => {
    const { tablet, page } = await enrol('ED');
    const before = await countFor('ED');
    await tablet.context.setOffline(true);
    for (let i = 1; i <= 5; i++) await answer(page, i, `offline answer ${i}`);
    await page.reload();
    await page.locator('#screen-question').waitFor({ state: 'visible' });
    // The question shows first; the count is read from IndexedDB a moment later.
    await expect.poll(() => page.locator('#staff-count').getAttribute('aria-label')).toMatch(/5/);
    expect(await countFor('ED')).toBe(before);
    await tablet.context.setOffline(false);
    await waitFor(async () => (await countFor('ED')) === before + 5, 60_000);
    await waitFor(async () => (await page.locator('#staff-count').isHidden()) || undefined, 30_000);
    await new Promise((r) => setTimeout(r, 1500));
    expect(await countFor('ED')).toBe(before + 5);
    await tablet.close();
  }, 120_000);

  it('sends everything exactly once when the server dies in the middle of the flush', async () => {
    const { tablet, page } = await enrol('W1');
    const before = await countFor('W1');
    await tablet.context.setOffline(true);
    for (let i = 1; i <= 5; i++) await answer(page, 1);
    await tablet.context.setOffline(false);
    await server.kill9();
    await new Promise((r) => setTimeout(r, 1000));
    await server.start();
    await waitFor(async () => (await countFor('W1')) === before + 5, 90_000);
    await waitFor(async () => (await page.locator('#staff-count').isHidden()) || undefined, 30_000);
    expect(await countFor('W1')).toBe(before + 5);
    expect(await server.store.dailyCounts()).toEqual(await server.store.recountDaily());
    await tablet.close();
  }, 180_000);

  it('clears a half-typed comment when left idle, so the next patient sees nothing', async () => {
    const { tablet, page } = await enrol('W1');
    await page.clock.install();
    await page.locator('[data-answer="4"]').click();
    await page.locator('textarea[name="comment"]').fill('My private worry about');
    await page.clock.fastForward(61_000);
    await page.clock.fastForward(30_000);
    await page.locator('#screen-question').waitFor({ state: 'visible' });
    expect(await page.locator('textarea[name="comment"]').inputValue()).toBe('');
    expect(await page.locator('[data-answer][aria-pressed="true"]').count()).toBe(0);
    expect(await page.content()).not.toContain('My private worry');
    await tablet.close();
  }, 90_000);

  it('asks a unit on the 0–10 scale its own question, and the answer counts in that unit\'s scores', async () => {
    // A unit whose question is nps-0-10 (added here: the shared test organisation has none).
    await server.store.upsertOrg([...ORG, { ...ORG[0]!, unitCode: 'NPS1', unitName: 'Staff Survey Point', question: 'nps-0-10' }]);
    const { link } = await createKiosk(server, 'NPS1');
    const tablet = await openBrowser();
    const page = tablet.page;
    await page.goto(link);
    await page.locator('#screen-question').waitFor({ state: 'visible' });
    expect(await page.locator('#question-heading').innerText()).toBe(
      'How likely are you to recommend our ward to friends and family if they needed similar care or treatment?',
    );
    // Eleven buttons 0–10, no faces; the ends named as well as labelled.
    expect(await page.locator('[data-answer]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-answer')))).toEqual(
      ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
    );
    expect(await page.locator('.fft-answer__face').count()).toBe(0);
    const scale = page.getByRole('group', { name: 'How likely are you to recommend our ward' });
    expect(await scale.getByRole('button', { name: '0 – Not at all likely', exact: true }).count()).toBe(1);
    expect(await scale.getByRole('button', { name: '10 – Extremely likely', exact: true }).count()).toBe(1);
    expect(await page.locator('#nps-ends').innerText()).toMatch(/0 – Not at all likely\s+10 – Extremely likely/);
    // (axe on this screen, in every mode, is in kiosk-ui.test.ts: the real server's CSP keeps axe from being injected here.)
    await page.screenshot({ path: join(SHOTS, 'kiosk-real-nps.png') });

    // The unit's scores read its own question, so the tablet's answer must show there.
    const dayOffset = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
    const scores = async () => {
      const res = await fetch(`${server.url}/api/v1/scores?level=unit&code=NPS1&period=day&from=${dayOffset(-1)}&to=${dayOffset(1)}`, {
        headers: { authorization: `Bearer ${server.adminToken}` },
      });
      if (res.status !== 200) throw new Error(`scores: ${res.status} ${await res.text()}`);
      return (await res.json()) as { question: string; series: Array<{ responses: number }> };
    };
    const before = (await scores()).series.reduce((sum, p) => sum + p.responses, 0);
    await answer(page, 9, 'Good team');
    await waitFor(async () => (await countFor('NPS1')) === 1);
    const cells = await server.store.dailyCounts({ unitCodes: ['NPS1'] });
    expect(cells.map((c) => [c.question, c.answer, c.mode])).toEqual([['nps-0-10', 9, 'electronic-discharge']]);
    const after = await scores();
    expect(after.question).toBe('nps-0-10');
    expect(after.series.reduce((sum, p) => sum + p.responses, 0)).toBe(before + 1);
    await tablet.close();
  }, 120_000);

  it('says it needs setting up again when revoked, and keeps unsent answers', async () => {
    const { link } = await createKiosk(server, 'DN');
    const tablet = await openBrowser();
    const page = tablet.page;
    await page.goto(link);
    await page.locator('#screen-question').waitFor({ state: 'visible' });
    const before = await countFor('DN');
    await tablet.context.setOffline(true);
    await answer(page, 2, 'waiting in the outbox');
    const kiosks = (await (await fetch(`${server.url}/api/v1/kiosks?level=unit&code=DN`, { headers: { authorization: `Bearer ${server.adminToken}` } })).json()) as { kiosks: { id: string }[] };
    await fetch(`${server.url}/api/v1/kiosks/${kiosks.kiosks[0]!.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${server.adminToken}` } });
    await tablet.context.setOffline(false);
    await page.locator('#revoked-block').waitFor({ state: 'visible', timeout: 60_000 });
    expect(await page.locator('#revoked-block').innerText()).toContain('needs setting up again');
    expect(await page.locator('#staff-count').getAttribute('aria-label')).toMatch(/1/);
    expect(await countFor('DN')).toBe(before);
    await page.screenshot({ path: join(SHOTS, 'kiosk-real-revoked.png') });
    await tablet.close();
  }, 120_000);
});
