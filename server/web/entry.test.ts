import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { csrfTokenFor } from '../pages/csrf.ts';
import { addUser, browser } from './testing.ts';
import { entryMode } from './entry.tsx';

const SECRET = 'development-secret-change-me';
// The test clock: 22 Nov 2026, 10:00 London.
const DAY = '2026-11-20';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
  await addUser(t.store, 'matron@nhs.test', 'matron', ['unit:W1']);
  await addUser(t.store, 'other@nhs.test', 'matron', ['unit:W1', 'unit:ED']);
  await addUser(t.store, 'admin@nhs.test', 'admin');
  await addUser(t.store, 'commissioner@nhs.test', 'commissioner', ['trust:RAA']);
});
afterEach(async () => t.cleanup());

async function signedIn(email = 'matron@nhs.test') {
  const b = browser(t.app);
  expect((await b.signIn(email)).status).toBe(303);
  const csrf = () => csrfTokenFor(SECRET, b.jar.get('fft_csrf')!, b.jar.get('fft_session'));
  return Object.assign(b, {
    post: (path: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
      b.request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ ...fields, csrf: csrf() }) }),
    /** Scores through the same API the dashboard reads, with this browser's session. */
    scores: async (unit: string, from: string, to = from) => {
      const res = await b.request(`/api/v1/scores?level=unit&code=${unit}&period=day&from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { series: { period: string; responses: number; counts: Record<string, number> }[] }).series;
    },
  });
}

const session = (mode = 'paper-discharge', date = DAY, unit = 'W1') => ({ unit, mode, date });

/** The card form's id, so a test can post exactly what the page would. */
async function formId(b: Awaited<ReturnType<typeof signedIn>>, query: string, form = 'card-form') {
  const html = await (await b.request(`/entry?${query}`)).text();
  const start = form === 'card-form' ? html.indexOf('id="card-form"') : html.indexOf('action="/entry/tally"');
  return html.slice(start).match(/name="id" value="([0-9a-f-]{36})"/)![1]!;
}

describe('keying in paper cards', () => {
  it('stores each card with the mode and the day it was filled in, so it lands in the scores', async () => {
    const b = await signedIn();
    const setup = await b.request('/entry');
    expect(setup.status).toBe(200);
    expect(await setup.text()).toContain('Day the cards were filled in');
    const page = await b.request(`/entry?unit=W1&mode=paper-home&date=${DAY}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    expect(html).toContain('Mode Paper Home');
    expect(html).toContain('Friday 20 November 2026');
    expect(html).toMatch(/id="answer"[^>]*autofocus/);

    for (const [answer, comment] of [['1', 'Lovely nurses'], ['2', ''], ['4', 'Food was cold']] as const) {
      t.clock.advance(1000);
      const res = await b.post('/entry/card', { ...session('paper-home'), answer, comment });
      expect(res.status).toBe(303);
      expect(res.headers.get('location')).toBe(`/entry?unit=W1&mode=paper-home&date=${DAY}&saved=card`);
    }
    const [day] = await b.scores('W1', DAY);
    expect(day).toMatchObject({ period: DAY, responses: 3 });
    expect(day!.counts).toMatchObject({ 1: 1, 2: 1, 4: 1 });
    expect((await t.store.dailyCounts({ unitCodes: ['W1'] })).map((c) => [c.day, c.mode, c.answer, c.count])).toEqual([
      [DAY, 'paper-home', 1, 1],
      [DAY, 'paper-home', 2, 1],
      [DAY, 'paper-home', 4, 1],
    ]);
    const cards = (await t.store.listAudit(100)).filter((a) => a.action === 'entry.card');
    expect(cards).toHaveLength(3);
    const ids = cards.flatMap((a) => (a.detail as { responseIds: string[] }).responseIds);
    const stored = await Promise.all(ids.map((id) => t.store.getResponse(id)));
    expect(stored.map((r) => [r?.channel, r?.answeredDay, r?.answer, r?.comment]).sort((a, b) => Number(a[2]) - Number(b[2]))).toEqual([
      ['paper', DAY, 1, 'Lovely nurses'],
      ['paper', DAY, 2, null],
      ['paper', DAY, 4, 'Food was cold'],
    ]);
    // The audit log holds what was done, not what the patient wrote.
    expect(JSON.stringify(cards)).not.toContain('Lovely nurses');
    const after = await (await b.request(`/entry?unit=W1&mode=paper-home&date=${DAY}&saved=card`)).text();
    expect(after).toContain('Card saved. Next card.');
    expect(after).toContain('1 card for \u2068Ward 1\u2069, Mode Paper Home, Friday 20 November 2026: answer 4, with a comment');
  });

  it('takes telephone answers as Mode Telephone, and today’s cards at the time they are keyed', async () => {
    const b = await signedIn();
    await b.post('/entry/card', { ...session('telephone', '2026-11-22'), answer: '5', comment: '' });
    const [r] = await t.store.dailyCounts({ unitCodes: ['W1'] });
    expect(r).toMatchObject({ day: '2026-11-22', mode: 'telephone', answer: 5 });
    const entry = (await t.store.listAudit(10)).find((a) => a.action === 'entry.card')!;
    const stored = await t.store.getResponse((entry.detail as { responseIds: string[] }).responseIds[0]!);
    expect(stored).toMatchObject({ channel: 'telephone', answeredAt: '2026-11-22T10:00:00.000Z' });
  });

  it('answers the page script with JSON: the next card’s id and what undo would take back', async () => {
    const b = await signedIn();
    const id = await formId(b, `unit=W1&mode=paper-discharge&date=${DAY}`);
    const res = await b.post('/entry/card', { ...session(), answer: '2', comment: 'Kind', id }, { accept: 'application/json' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { saved: string; nextId: string; last: { entry: string; text: string } };
    expect(body.saved).toBe('Card saved: 2 Good, with a comment. Next card.');
    expect(body.nextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.nextId).not.toBe(id);
    expect(body.last.text).toBe('1 card for \u2068Ward 1\u2069, Mode Paper Discharge, Friday 20 November 2026: answer 2, with a comment');
    expect(await t.store.getResponse(id)).toMatchObject({ answer: 2, mode: 'paper-discharge' });
    // The same card sent again (a retry after a dropped connection) is stored once, and says so.
    const again = await b.post('/entry/card', { ...session(), answer: '4', comment: 'Kind', id }, { accept: 'application/json' });
    expect(await again.json()).toMatchObject({ duplicate: true, saved: expect.stringContaining('had already been saved') });
    expect(await t.store.countResponses()).toBe(1);
    expect(await t.store.getResponse(id)).toMatchObject({ answer: 2 });
    expect((await t.store.listAudit(100)).filter((a) => a.action === 'entry.card')).toHaveLength(1);
    const bad = await b.post('/entry/card', { ...session(), answer: '7', comment: '' }, { accept: 'application/json' });
    expect(bad.status).toBe(400);
    const message = '\u20687\u2069 is not an answer: type 1 to 6';
    expect(await bad.json()).toEqual({ error: { code: 'invalid_card', message, issues: [{ path: 'answer', message }] } });
    const noDay = await b.post('/entry/card', { ...session(), date: '', answer: '2', comment: '' }, { accept: 'application/json' });
    expect(noDay.status).toBe(400);
    expect(await noDay.json()).toMatchObject({ error: { code: 'invalid_entry', issues: [{ path: 'date', message: expect.stringContaining('Enter the day') }] } });
    const noMode = await b.post('/entry/card', { ...session(), mode: 'pigeon', answer: '2', comment: '' }, { accept: 'application/json' });
    expect(await noMode.json()).toMatchObject({ error: { code: 'invalid_entry', issues: [{ path: 'mode' }] } });
    const otherWard = await b.post('/entry/card', { ...session(), unit: 'NOT-MINE', answer: '2', comment: '' }, { accept: 'application/json' });
    expect(otherWard.status).toBe(404);
    expect(await otherWard.json()).toMatchObject({ error: { code: 'unit_not_found', issues: [{ path: 'unit' }] } });
    expect(await t.store.countResponses()).toBe(1);
  });

  it('says what is wrong with a card and keeps what was typed', async () => {
    const b = await signedIn();
    const res = await b.post('/entry/card', { ...session(), answer: '9', comment: 'Keep this comment' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('\u20689\u2069 is not an answer: type 1 to 6');
    expect(html).toContain('value="Keep this comment"');
    const blank = await b.post('/entry/card', { ...session(), answer: '', comment: '' });
    expect(await blank.text()).toContain('Type the answer on the card: 1 to 6');
    const future = await b.post('/entry/card', { ...session('paper-discharge', '2026-11-23'), answer: '1', comment: '' });
    expect(future.status).toBe(400);
    expect(await future.text()).toContain('cannot be in the future');
    const old = await b.request('/entry?unit=W1&mode=paper-discharge&date=2025-11-01');
    expect(old.status).toBe(400);
    expect(await old.text()).toContain('more than a year ago');
    const nonsense = await b.request('/entry?unit=W1&mode=carrier-pigeon&date=2026-02-30');
    expect(nonsense.status).toBe(400);
    const text = await nonsense.text();
    expect(text).toContain('Choose how the answers were collected');
    expect(text).toContain('Enter the day the cards were filled in');
    expect(await t.store.countResponses()).toBe(0);
  });

  it('starts the next visit from the unit, mode and day last used, for the length of a session', async () => {
    const b = await signedIn('other@nhs.test');
    expect(await (await b.request('/entry')).text()).toMatch(/id="mode-paper-discharge"[^>]*checked/);
    await b.post('/entry/card', { ...session('telephone', DAY, 'ED'), answer: '3', comment: '' });
    let setup = await (await b.request('/entry')).text();
    expect(setup).toMatch(/<option value="ED" selected/);
    expect(setup).toMatch(/id="mode-telephone"[^>]*checked/);
    expect(setup).toContain(`value="${DAY}"`);
    t.clock.advance(13 * 3600_000);
    await b.signIn('other@nhs.test');
    setup = await (await b.request('/entry')).text();
    expect(setup).not.toMatch(/<option value="ED" selected/);
    expect(setup).toContain('value="2026-11-22"');
  });

  it('answers any other address under /entry with the staff 404 page', async () => {
    const b = await signedIn();
    const res = await b.request('/entry/elsewhere');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Page not found');
  });

  it('refuses a card without the CSRF token', async () => {
    const b = await signedIn();
    const res = await b.form('/entry/card', { ...session(), answer: '1' });
    expect(res.status).toBe(403);
    expect(await t.store.countResponses()).toBe(0);
  });

  it('takes NHS England’s outpatient paper modes for an outpatient unit', () => {
    expect(entryMode('paper-discharge', 'outpatient')).toEqual({ mode: 'paper-at-appointment', channel: 'paper' });
    expect(entryMode('paper-home', 'outpatient')).toEqual({ mode: 'paper-after-appointment', channel: 'paper' });
    expect(entryMode('paper-home', 'ae')).toEqual({ mode: 'paper-home', channel: 'paper' });
    expect(entryMode('telephone', 'outpatient')).toEqual({ mode: 'telephone', channel: 'telephone' });
  });
});

describe('tally', () => {
  it('stores counts as that many cards, once however often the form is sent', async () => {
    const b = await signedIn();
    const id = await formId(b, `unit=W1&mode=paper-discharge&date=${DAY}`, 'tally');
    const res = await b.post('/entry/tally', { ...session(), id, 'n-1': '12', 'n-2': '3', 'n-3': '', 'n-4': '0' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/entry?unit=W1&mode=paper-discharge&date=${DAY}&saved=tally`);
    const twice = await b.post('/entry/tally', { ...session(), id, 'n-1': '12', 'n-2': '3' });
    expect(twice.headers.get('location')).toBe(`/entry?unit=W1&mode=paper-discharge&date=${DAY}&saved=already`);
    const [day] = await b.scores('W1', DAY);
    expect(day).toMatchObject({ responses: 15 });
    expect(day!.counts).toMatchObject({ 1: 12, 2: 3 });
    expect((await t.store.dailyCounts({ unitCodes: ['W1'] })).every((c) => c.mode === 'paper-discharge')).toBe(true);
    const tallies = (await t.store.listAudit(100)).filter((a) => a.action === 'entry.tally');
    expect(tallies).toHaveLength(1);
    expect(tallies[0]).toMatchObject({ target: 'W1', detail: { answers: { 1: 12, 2: 3 }, mode: 'paper-discharge', day: DAY } });
    expect(new Set((tallies[0]!.detail as { responseIds: string[] }).responseIds).size).toBe(15);
  });

  it('refuses an empty or nonsense tally', async () => {
    const b = await signedIn();
    const empty = await b.post('/entry/tally', { ...session() });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Type how many cards gave each answer');
    const bad = await b.post('/entry/tally', { ...session(), 'n-2': 'lots' });
    expect(await bad.text()).toContain('The count for 2 Good must be a whole number');
    const huge = await b.post('/entry/tally', { ...session(), 'n-2': '1001' });
    expect(await huge.text()).toContain('At most 1000 cards in one tally');
    expect(await t.store.countResponses()).toBe(0);
  });
});

describe('undo', () => {
  it('takes the user’s own last entry back out of the scores, once', async () => {
    const b = await signedIn();
    await b.post('/entry/card', { ...session(), answer: '1', comment: '' });
    t.clock.advance(1000);
    await b.post('/entry/tally', { ...session(), 'n-5': '4', 'n-6': '2' });
    expect((await b.scores('W1', DAY))[0]).toMatchObject({ responses: 7 });
    const page = await (await b.request(`/entry?unit=W1&mode=paper-discharge&date=${DAY}`)).text();
    expect(page).toContain('6 cards for \u2068Ward 1\u2069, Mode Paper Discharge, Friday 20 November 2026: 4 × 5, 2 × 6');
    const entry = page.match(/name="entry" id="undo-entry" value="([^"]+)"/)![1]!;

    t.clock.advance(1000);
    const res = await b.post('/entry/undo', { ...session(), entry });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/entry?unit=W1&mode=paper-discharge&date=${DAY}&saved=undone`);
    const [day] = await b.scores('W1', DAY);
    expect(day).toMatchObject({ responses: 1 });
    expect(day!.counts).toMatchObject({ 1: 1, 5: 0, 6: 0 });
    expect(await t.store.dailyCounts()).toEqual(await t.store.recountDaily());
    const undo = (await t.store.listAudit(100)).find((a) => a.action === 'entry.undo');
    expect(undo).toMatchObject({ target: 'W1', detail: { entry } });
    expect((undo!.detail as { responseIds: string[] }).responseIds).toHaveLength(6);

    // Only the last entry, once: undoing again (or the card before) is refused.
    const again = await b.post('/entry/undo', { ...session(), entry });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('Only your own last entry can be undone');
    expect((await b.scores('W1', DAY))[0]).toMatchObject({ responses: 1 });
    expect(await (await b.request(`/entry?unit=W1&mode=paper-discharge&date=${DAY}&saved=undone`)).text()).toMatch(/<section class="fft-undo" id="undo" aria-labelledby="undo-title" hidden=""/);
  });

  it('will not undo another user’s entry', async () => {
    const mine = await signedIn();
    await mine.post('/entry/card', { ...session(), answer: '3', comment: '' });
    const entry = (await t.store.listAudit(10)).find((a) => a.action === 'entry.card')!.id;
    const other = await signedIn('other@nhs.test');
    const res = await other.post('/entry/undo', { ...session(), entry });
    expect(res.status).toBe(409);
    expect(await t.store.countResponses()).toBe(1);
  });
});

describe('who may enter cards for which unit', () => {
  it('gives a matron 404 for another ward, however she asks, and stores nothing', async () => {
    const b = await signedIn();
    const page = await b.request('/entry?unit=ED&mode=paper-discharge&date=2026-11-20');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Page not found');
    expect((await b.post('/entry/card', { ...session('paper-discharge', DAY, 'ED'), answer: '1', comment: '' })).status).toBe(404);
    expect((await b.post('/entry/card', { ...session('paper-discharge', DAY, 'ED'), answer: '1', comment: '' }, { accept: 'application/json' })).status).toBe(404);
    expect((await b.post('/entry/tally', { ...session('paper-discharge', DAY, 'ED'), 'n-1': '5' })).status).toBe(404);
    expect((await b.post('/entry/card', { ...session('paper-discharge', DAY, 'NOPE'), answer: '1', comment: '' })).status).toBe(404);
    expect(await t.store.countResponses()).toBe(0);
    // Her choice of units lists only her own.
    const setup = await (await b.request('/entry')).text();
    expect(setup).toContain('\u2068Ward 1\u2069 (W1)');
    expect(setup).not.toContain('Emergency Department');
  });

  it('lets an admin enter for any unit, and keeps a commissioner out', async () => {
    const admin = await signedIn('admin@nhs.test');
    expect((await admin.post('/entry/card', { ...session('paper-discharge', DAY, 'ED'), answer: '1', comment: '' })).status).toBe(303);
    expect((await t.store.dailyCounts({ unitCodes: ['ED'] }))[0]).toMatchObject({ mode: 'paper-discharge', count: 1 });
    const commissioner = await signedIn('commissioner@nhs.test');
    expect((await commissioner.request('/entry')).status).toBe(404);
    expect((await commissioner.post('/entry/card', { ...session(), answer: '1', comment: '' })).status).toBe(404);
  });

  it('keeps a deactivated unit out of entry', async () => {
    await t.store.updateUnit('W1', { active: false });
    const b = await signedIn();
    expect((await b.request(`/entry?unit=W1&mode=paper-discharge&date=${DAY}`)).status).toBe(404);
    expect(await (await b.request('/entry')).text()).toContain('You have no units to enter cards for');
  });
});

describe('what is posted', () => {
  it('answers a form posted to /entry itself, where there is none, with the 404 page, and a garbled one with a 400: never a 500', async () => {
    const b = await signedIn();
    const res = await b.post('/entry', { unit: 'W1' });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const garbled = await b.request('/entry', { method: 'PUT', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(garbled.status).toBe(400);
  });
});
