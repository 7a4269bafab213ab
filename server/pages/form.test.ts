import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

/** Opens the form as a browser would: the page, its CSRF cookie and hidden fields. */
async function open(path = '/f/W1') {
  const res = await t.app.request(path);
  const html = await res.text();
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const id = /name="id" value="([^"]+)"/.exec(html)?.[1] ?? '';
  return { res, html, cookie, csrf, id };
}

function submit(path: string, fields: Record<string, string>, cookie: string, app = t.app, extra: Record<string, string> = {}) {
  return app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, ...extra },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('web form', () => {
  it('shows the unit’s question with answer choices and a CSRF-protected form', async () => {
    const { res, html, cookie, csrf } = await open();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(cookie).toMatch(/^fft_csrf=/);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);
    expect(csrf.length).toBeGreaterThan(20);
    expect(html).toContain('Overall, how was your experience of our service?');
    expect(html).toContain('Ward 1');
    for (const label of ['Very good', 'Good', 'Neither good nor poor', 'Poor', 'Very poor', 'Don&#39;t know']) expect(html).toContain(label);
    expect(html).toContain('name="comment"');
    expect(html).toContain('data-action="submit"');
    expect(html).toContain('/assets/nhsuk/nhsuk-frontend.min.css');
  });

  it('stores an answer (mode Online) and thanks the patient; a resubmit stores nothing more', async () => {
    const { cookie, csrf, id } = await open();
    const before = await t.store.countResponses();
    const res = await submit('/f/W1', { csrf, id, answer: '2', comment: 'Kind nurses 😊', ageBand: '65-74', ethnicity: 'K', website: '' }, cookie);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/f/W1/thanks');
    expect(await t.store.getResponse(id)).toMatchObject({ unitCode: 'W1', answer: 2, channel: 'web', mode: 'online', comment: 'Kind nurses 😊', ageBand: '65-74', ethnicity: 'K', language: 'en' });
    expect((await submit('/f/W1', { csrf, id, answer: '2' }, cookie)).status).toBe(303);
    expect(await t.store.countResponses()).toBe(before + 1);
    const thanks = await t.app.request('/f/W1/thanks');
    expect(await thanks.text()).toContain('Thank you');
  });

  it('marks answers from a link sent home as Electronic Home', async () => {
    const { cookie, csrf, id, html } = await open('/f/W1?m=home');
    expect(html).toContain('action="/f/W1?m=home"');
    await submit('/f/W1?m=home', { csrf, id, answer: '1' }, cookie);
    expect(await t.store.getResponse(id)).toMatchObject({ mode: 'electronic-home' });
  });

  it('gives a home link’s answer a mode the setting’s return has: After Appointment in outpatients, Online in A&E', async () => {
    await t.store.upsertOrg([{ icbCode: 'QAA', icbName: 'Test ICB', trustCode: 'RAA', trustName: 'Test Trust', siteCode: 'RAA01', siteName: 'General', unitCode: 'OPD', unitName: 'Eye Clinic', setting: 'outpatient', specialty1: '130', specialty2: null, question: 'fft-2020' }]);
    for (const [unit, mode] of [['OPD', 'electronic-after-appointment'], ['ED', 'online']] as const) {
      const { cookie, csrf, id } = await open(`/f/${unit}?m=home`);
      expect((await submit(`/f/${unit}?m=home`, { csrf, id, answer: '1' }, cookie)).status).toBe(303);
      expect(await t.store.getResponse(id), unit).toMatchObject({ unitCode: unit, mode });
    }
  });

  it('refuses a POST without the CSRF token, or with another browser’s, storing nothing', async () => {
    const mine = await open();
    const theirs = await open();
    const before = await t.store.countResponses();
    expect((await submit('/f/W1', { answer: '1', id: mine.id }, mine.cookie)).status).toBe(403);
    expect((await submit('/f/W1', { answer: '1', id: mine.id, csrf: mine.csrf }, '')).status).toBe(403);
    expect((await submit('/f/W1', { answer: '1', id: mine.id, csrf: theirs.csrf }, mine.cookie)).status).toBe(403);
    expect(await t.store.countResponses()).toBe(before);
  });

  it('refuses a form sent from another website even with a good token, storing nothing; our own page’s post goes through', async () => {
    const { cookie, csrf, id } = await open();
    const before = await t.store.countResponses();
    const fromElsewhere = await submit('/f/W1', { csrf, id, answer: '5' }, cookie, t.app, { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' });
    expect(fromElsewhere.status).toBe(403);
    expect(await fromElsewhere.text()).toContain('sent from another website');
    expect(await t.store.countResponses()).toBe(before);
    const ours = await submit('/f/W1', { csrf, id, answer: '1' }, cookie, t.app, { origin: 'null', 'sec-fetch-site': 'same-origin' });
    expect(ours.status).toBe(303);
    expect(await t.store.countResponses()).toBe(before + 1);
  });

  it('asks again, with an error, when no answer was chosen — keeping what was typed', async () => {
    const { cookie, csrf, id } = await open();
    const res = await submit('/f/W1', { csrf, id, comment: 'Forgot to pick' }, cookie);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('There is a problem');
    expect(html).toContain('Choose an answer');
    expect(html).toContain('Forgot to pick');
    expect(await t.store.getResponse(id)).toBeUndefined();
  });

  it('thanks a bot that filled the honeypot, and stores nothing', async () => {
    const { cookie, csrf, id } = await open();
    const res = await submit('/f/W1', { csrf, id, answer: '1', website: 'http://spam.example' }, cookie);
    expect(res.status).toBe(303);
    expect(await t.store.getResponse(id)).toBeUndefined();
  });

  it('does not say whether an unknown unit exists', async () => {
    const res = await t.app.request('/f/NOPE');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('This feedback link is not recognised');
  });

  it('asks the 2013 question for a unit that still uses it, and offers easy read', async () => {
    const { html } = await open('/f/DN');
    expect(html).toContain('How likely are you to recommend our service to friends and family');
    expect(html).toContain('Extremely likely');
    const easy = await open('/f/DN?easy=1');
    expect(easy.html).toContain('Would you tell your family to come here?');
  });

  it('asks in the patient’s language, right to left for Arabic, from the tablet’s translation files', async () => {
    const ar = await open('/f/W1?lang=ar');
    expect(ar.html).toMatch(/<html lang="ar" dir="rtl">/);
    const arabic = JSON.parse(await (await t.app.request('/kiosk/i18n/ar.json')).text()) as Record<string, string>;
    expect(ar.html).toContain(arabic['fft-2020.question']);
    const pl = await open('/f/W1?lang=pl&easy=1');
    const polish = JSON.parse(await (await t.app.request('/kiosk/i18n/pl.json')).text()) as Record<string, string>;
    expect(pl.html).toContain(polish['easy.fft-2020.question']);
    expect(pl.html).toMatch(/<html lang="pl" dir="ltr">/);
  });

  it('prints an A4 poster with a QR code to the form', async () => {
    const res = await t.app.request('/f/W1/poster');
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain('<svg');
    expect(html).toContain('http://localhost:3000/f/W1');
  });

  it('limits how often one address can send', async () => {
    const s = await testApp();
    const page = await s.app.request('/f/W1');
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(await page.text())![1]!;
    const statuses: number[] = [];
    for (let i = 0; i < 32; i++) statuses.push((await submit('/f/W1', { csrf, answer: '1' }, cookie, s.app)).status);
    expect(statuses.slice(0, 30).every((x) => x === 303)).toBe(true);
    expect(statuses.slice(30)).toEqual([429, 429]);
    await s.cleanup();
  });

  it('refuses an oversized or non-form body', async () => {
    const { cookie, csrf } = await open();
    expect((await submit('/f/W1', { csrf, answer: '1', comment: 'x'.repeat(40_000) }, cookie)).status).toBe(413);
    const json = await t.app.request('/f/W1', { method: 'POST', headers: { 'content-type': 'application/json', cookie }, body: '{}' });
    expect(json.status).toBe(415);
  });

  it('shows "You said, we did" items that are done, redacted, even behind newer planned ones', async () => {
    const post = (body: object) => t.send('POST', '/api/v1/you-said', { unit: 'W1', ...body });
    expect((await post({ youSaid: 'Dr Paul Green was rude', weDid: 'Training for Dr Green, ring 07700 900123', status: 'done' })).status).toBe(201);
    for (const n of [1, 2, 3]) expect((await post({ youSaid: `Planned change ${n} about Sister Rose Hill`, weDid: 'Not yet', status: 'planned' })).status).toBe(201);
    const { html } = await open();
    expect(html).toContain('was rude');
    expect(html).toContain('[PHONE]');
    expect(html).not.toMatch(/Paul|Green|07700|Planned change|Rose Hill/);
  });

  it('stops reading a chunked body at the limit instead of holding all of it', async () => {
    const { cookie } = await open();
    let sent = 0;
    const chunk = new TextEncoder().encode('comment=' + 'a'.repeat(64 * 1024 - 8));
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 8 MB offered, with no Content-Length: only a reader that stops early reads little of it.
        if (sent >= 8 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const res = await t.app.request('/f/W1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked', cookie },
      body,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(256 * 1024);
  });
});
