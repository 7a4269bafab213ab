/**
 * The SMS channel end to end over real HTTP: the app served by @hono/node-server on a free
 * port, the real Twilio adapter sending to a recording stand-in for Twilio on 127.0.0.1, and
 * every patient reply a correctly signed form-encoded webhook.
 */
import { createHmac } from 'node:crypto';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { createApp, type FftApp } from '../app.ts';
import { issueToken } from '../auth/tokens.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { DEFAULT_SEND_WINDOW, type SendWindow } from './window.ts';
import type { SmsSettings } from './config.ts';
import { smsServiceFromSettings, type SmsService } from './service.ts';
import { startFakeProvider, type FakeProviderServer } from './testing.ts';

const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
const AUTH_TOKEN = 'e2e-twilio-auth-token';
const OUR_NUMBER = '+447700900999';
const PATIENT = '+447700900123';
// Twilio posts to the public address; the service sits behind a proxy on another port.
const PUBLIC_URL = 'https://fft.example.nhs.uk';
const NOW = '2026-11-23T10:00:00.000Z';

const TWIML = (text: string | null) => `<?xml version="1.0" encoding="UTF-8"?>${text === null ? '<Response/>' : `<Response><Message>${text}</Message></Response>`}`;
const INVITATION =
  "Ward 1: we would like your feedback. Overall, how was your experience of our service? Please reply with a number: 1 Very good, 2 Good, 3 Neither good nor poor, 4 Poor, 5 Very poor, 6 Don't know. Reply STOP to opt out.";
const ASK_COMMENT = 'Thank you. Please reply to tell us why you gave that answer. Do not include names or personal details.';
const THANKS = 'Thank you for your feedback. Replies are not read straight away: for medical help call 111, or 999 in an emergency.';
const OPTED_OUT = 'You have opted out and will not get any more feedback texts from us.';

let db: TestDb;
let store: Store;
let fake: FakeProviderServer;
let fft: FftApp;
let server: ServerType;
let base: string;
let sender: SmsService;
let integration: string;
let admin: string;
const clock = fixedClock(NOW);

beforeAll(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  fake = await startFakeProvider();
  let sid = 0;
  fake.respond(() => ({ status: 201, body: { sid: `SM${String(++sid).padStart(32, '0')}`, status: 'queued' } }));
  const window: SendWindow = DEFAULT_SEND_WINDOW;
  const settings: SmsSettings = {
    provider: { provider: 'twilio', accountSid: ACCOUNT, authToken: AUTH_TOKEN, from: OUR_NUMBER, baseUrl: fake.baseUrl },
    window,
    twilioAuthToken: AUTH_TOKEN,
    notifyInboundToken: '',
  };
  const logger = createLogger('silent');
  fft = createApp({ store, clock, logger, publicUrl: PUBLIC_URL, secret: 'e2e-secret', sms: { settings } });
  sender = smsServiceFromSettings({ store, logger, secret: 'e2e-secret', settings, clock });
  server = serve({ fetch: fft.app.fetch, port: 0, hostname: '127.0.0.1' });
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  integration = (await issueToken(store, clock, { role: 'integration' })).token;
  admin = (await issueToken(store, clock, { role: 'admin' })).token;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  fft.alerts.stop();
  await fft.writer.drain();
  await fft.comments.flush();
  await fake.close();
  await store.close();
  await db.cleanup();
});

async function invite(unit: string, phone = '07700 900123') {
  const res = await fetch(`${base}/api/v1/sms/invitations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${integration}` },
    body: JSON.stringify({ invitations: [{ phone, unit, visitDate: '2026-11-22' }] }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** The patient's phone replying through Twilio: a signed, form-encoded webhook. */
async function reply(text: string, messageSid: string, from = PATIENT) {
  const params = { ToCountry: 'GB', SmsMessageSid: messageSid, NumMedia: '0', SmsSid: messageSid, SmsStatus: 'received', Body: text, To: OUR_NUMBER, NumSegments: '1', MessageSid: messageSid, AccountSid: ACCOUNT, From: from, ApiVersion: '2010-04-01' };
  const data = `${PUBLIC_URL}/sms/twilio${Object.keys(params).sort().map((k) => k + params[k as keyof typeof params]).join('')}`;
  const res = await fetch(`${base}/sms/twilio`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', AUTH_TOKEN).update(data).digest('base64') },
    body: new URLSearchParams(params).toString(),
  });
  return { status: res.status, type: res.headers.get('content-type'), body: await res.text() };
}

async function get(path: string) {
  const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${admin}` } });
  expect(res.status, path).toBe(200);
  return (await res.json()) as any;
}

/**
 * Posts to the Twilio webhook a chunked body (no Content-Length) of up to `cap` bytes, written as
 * fast as the server takes it, and stops writing as soon as an answer comes: how many bytes had
 * been written by then, and whether the whole body had gone.
 */
function chunkedUpload(cap: number): Promise<{ status: number; body: string; written: number; finished: boolean }> {
  return new Promise((resolve, reject) => {
    let written = 0;
    let finished = false;
    let answered = false;
    const req = request(`${base}/sms/twilio`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' } }, (res) => {
      answered = true;
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        resolve({ status: res.statusCode!, body, written, finished });
        req.destroy();
      });
    });
    // Once answered, the server may close the connection on the rest of the upload.
    req.on('error', (err) => {
      if (!answered) reject(err);
    });
    const chunk = Buffer.alloc(16 * 1024, 'a');
    const pump = () => {
      while (!answered && written < cap) {
        written += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) {
        finished = true;
        req.end();
      }
    };
    pump();
  });
}

describe('SMS end to end over HTTP', () => {
  it('answers a chunked webhook body past 64 KB with 413 while it is still being sent: the server never holds it whole', async () => {
    const cap = 32 * 1024 * 1024;
    const res = await chunkedUpload(cap);
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body).error.code).toBe('payload_too_large');
    // Read from the socket only as far as the limit: the answer came long before the 32 MB had gone.
    expect(res.finished).toBe(false);
    expect(res.written).toBeLessThan(cap);
  });


  it('invite → text sent → "2" → comment → in the scores with mode SMS and the comment attached; STOP → not texted again; a duplicate webhook → one response', async () => {
    const invited = await invite('W1');
    expect(invited).toMatchObject({ status: 201, body: { summary: { queued: 1 }, results: [{ status: 'queued', sendAt: NOW }] } });

    // The sender hands the text to Twilio exactly as Twilio's Messages API expects it.
    expect(await sender.runDue()).toMatchObject({ sent: 1 });
    expect(fake.requests).toHaveLength(1);
    const [sent] = fake.requests;
    expect(sent).toMatchObject({ method: 'POST', url: `/2010-04-01/Accounts/${ACCOUNT}/Messages.json` });
    expect(sent!.headers.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:${AUTH_TOKEN}`).toString('base64')}`);
    expect(sent!.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(sent!.body).toBe(new URLSearchParams({ To: PATIENT, From: OUR_NUMBER, Body: INVITATION }).toString());

    clock.advance(20 * 60_000);
    const answer = await reply('2', 'SM10000000000000000000000000000001');
    expect(answer).toEqual({ status: 200, type: 'text/xml; charset=utf-8', body: TWIML(ASK_COMMENT) });
    clock.advance(5 * 60_000);
    expect((await reply('The nurses were kind and explained everything 🙂', 'SM10000000000000000000000000000002')).body).toBe(TWIML(THANKS));
    await fft.comments.flush();

    const scores = await get('/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-23&to=2026-11-23');
    expect(scores.series).toHaveLength(1);
    expect(scores.series[0]).toMatchObject({ period: '2026-11-23', responses: 1, counts: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 0, 6: 0 } });
    const byMode = await get('/api/v1/breakdown?level=unit&code=W1&from=2026-11-23&to=2026-11-23&by=mode');
    expect(byMode.groups.map((g: any) => g.group)).toEqual(['sms']);
    expect(await store.dailyCounts({ unitCodes: ['W1'] })).toEqual([{ unitCode: 'W1', day: '2026-11-23', question: 'fft-2020', answer: 2, mode: 'sms', flagged: false, count: 1 }]);
    const comments = await get('/api/v1/comments?level=unit&code=W1&from=2026-11-23&to=2026-11-23&original=1');
    expect(comments.total).toBe(1);
    expect(comments.comments[0]).toMatchObject({ unit: 'W1', answer: 2, channel: 'sms', original: 'The nurses were kind and explained everything 🙂' });
    expect(comments.comments[0].labels.length).toBeGreaterThan(0);

    // STOP, then the same patient invited by another unit: refused, and nothing is sent. Twilio
    // confirms its own keyword (and would refuse ours to the number it has just blocked).
    expect((await reply('STOP', 'SM10000000000000000000000000000003')).body).toBe(TWIML(null));
    expect(await invite('ED')).toMatchObject({ status: 200, body: { results: [{ status: 'opted-out' }], summary: { optedOut: 1, queued: 0 } } });
    await sender.runDue();
    expect(fake.requests).toHaveLength(1);

    // Twilio delivers the "2" again: nothing changes.
    expect(await reply('2', 'SM10000000000000000000000000000001')).toEqual({ status: 200, type: 'text/xml; charset=utf-8', body: TWIML(null) });
    expect(await store.countResponses()).toBe(1);
    expect((await get('/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-23&to=2026-11-23')).series[0].responses).toBe(1);
    expect((await get('/api/v1/comments?level=unit&code=W1&from=2026-11-23&to=2026-11-23&original=1')).comments[0].original).toBe('The nurses were kind and explained everything 🙂');
  });

  it('STOP → a new invitation refused → START → a new invitation queued and sent; the one STOP cancelled stays cancelled', async () => {
    const from = '+447700900124';
    const phone = '07700 900124';
    const cancelled = await invite('DN', phone);
    expect(cancelled).toMatchObject({ status: 201, body: { results: [{ status: 'queued' }] } });
    // Both keywords are Twilio's own: it blocks and unblocks the number and confirms each itself.
    expect(await reply('STOP', 'SM20000000000000000000000000000001', from)).toEqual({ status: 200, type: 'text/xml; charset=utf-8', body: TWIML(null) });
    expect(await invite('ED', phone)).toMatchObject({ status: 200, body: { results: [{ status: 'opted-out' }], summary: { optedOut: 1, queued: 0 } } });

    expect((await reply('START', 'SM20000000000000000000000000000002', from)).body).toBe(TWIML(null));
    const queued = await invite('ED', phone);
    expect(queued).toMatchObject({ status: 201, body: { results: [{ status: 'queued' }], summary: { queued: 1, optedOut: 0 } } });

    const before = fake.requests.length;
    expect(await sender.runDue()).toMatchObject({ sent: 1 });
    const texts = fake.requests.slice(before).map((r) => new URLSearchParams(r.body));
    expect(texts.map((t) => [t.get('To'), t.get('Body')?.split(':')[0]])).toEqual([[from, 'Emergency Department']]);
    expect(await store.getSmsInvitation(cancelled.body.results[0].id)).toMatchObject({ status: 'skipped-opted-out' });
  });
});
