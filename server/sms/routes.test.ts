import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createResponseWriter } from '../../db/group-commit.ts';
import { ORG } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { createApp, type FftApp } from '../app.ts';
import { issueToken } from '../auth/tokens.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { createSettings } from '../settings.ts';
import { DEFAULT_SMS_SETTINGS } from './config.ts';
import { phoneHash } from './keyed-hash.ts';
import { smsText } from './messages.ts';
import { notifyProvider } from './providers.ts';
import { createSmsReceiver, eraseAfterAnswer } from './receive.ts';
import { createSmsService, type SmsService } from './service.ts';
import { startFakeProvider, type FakeProviderServer } from './testing.ts';
import { twimlReply } from './twiml.ts';

const PUBLIC_URL = 'https://fft.example.nhs.uk';
const SECRET = 'routes-test-secret';
const TWILIO_TOKEN = 'twilio-auth-token-under-test';
const NOTIFY_TOKEN = 'notify-callback-token-under-test';
const NOTIFY_KEY = 'fft_live-26785a09-ab16-4eb0-8407-a37497a57506-3d844edf-8d35-48ac-975b-e847b4f122b0';
const NOW = '2026-11-23T10:00:00.000Z';
const HOUR = 3_600_000;

/**
 * Twilio's signature worked out here from the algorithm in FFT.md §7, independently of the
 * code under test; the first test checks it against the reference test vector.
 */
function sign(token: string, url: string, params: Record<string, string>): string {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  return createHmac('sha1', token).update(data, 'utf8').digest('base64');
}

let db: TestDb;
let store: Store;
let fake: FakeProviderServer;
let fft: FftApp;
let sms: SmsService;
const clock = fixedClock(NOW);
const tokens: Record<string, string> = {};
let numbers = 300;
let sids = 0;

beforeAll(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  fake = await startFakeProvider();
  const logger = createLogger('silent');
  const provider = notifyProvider({ apiKey: NOTIFY_KEY, templateId: 'f33517ff-2a88-4f6e-b855-c550268ce08a', baseUrl: fake.baseUrl, clock });
  fft = createApp({
    store,
    clock,
    logger,
    publicUrl: PUBLIC_URL,
    secret: SECRET,
    sms: { settings: { ...DEFAULT_SMS_SETTINGS, twilioAuthToken: TWILIO_TOKEN, notifyInboundToken: NOTIFY_TOKEN }, provider },
  });
  sms = createSmsService({ store, provider, clock, logger, secret: SECRET });
  for (const [name, role, scopes] of [
    ['admin', 'admin', []],
    ['integration', 'integration', []],
    ['matron', 'matron', ['unit:W1']],
    ['commissioner', 'commissioner', ['trust:RAA']],
    ['kiosk', 'kiosk', ['unit:W1']],
  ] as const) {
    tokens[name] = (await issueToken(store, clock, { role, scopes: [...scopes] })).token;
  }
});
afterAll(async () => {
  fft.alerts.stop();
  await fft.writer.drain();
  await fft.comments.flush();
  await fake.close();
  await store.close();
  await db.cleanup();
});
beforeEach(() => {
  clock.set(NOW);
  fake.requests.length = 0;
  fake.respond({ status: 201, body: { id: '740e5834-3a29-46b4-9a6f-16142fde533a' } });
});

/** A patient with a sent invitation (or none), and what they text back. */
async function patient(unit = 'W1', options: { invited?: boolean; language?: string } = {}) {
  numbers += 1;
  const e164 = `+447700900${numbers}`;
  let invitationId: string | null = null;
  if (options.invited ?? true) {
    const [result] = await sms.invite([{ phone: `0${e164.slice(3)}`, unit, visitDate: '2026-11-22', language: options.language }]);
    expect(result?.status).toBe('queued');
    invitationId = (result as { id: string }).id;
    await sms.runDue();
  }
  fake.requests.length = 0;
  return {
    e164,
    invitationId,
    /** Posts a correctly signed Twilio webhook carrying `text`; returns status and body. */
    async twilio(text: string, sid = `SM${String(++sids).padStart(32, '0')}`) {
      const params = { MessageSid: sid, SmsMessageSid: sid, AccountSid: 'AC0123456789abcdef0123456789abcdef', From: e164, To: '+447700900999', Body: text, NumMedia: '0' };
      const res = await postTwilio('/sms/twilio', params, sign(TWILIO_TOKEN, `${PUBLIC_URL}/sms/twilio`, params));
      return { status: res.status, body: await res.text(), type: res.headers.get('content-type'), sid };
    },
    async notify(text: string, id: string = crypto.randomUUID()) {
      const res = await postNotify({ id, source_number: e164.slice(1), destination_number: '07700900999', message: text, date_received: clock().toISOString() });
      return { status: res.status, body: (await res.json()) as any, id };
    },
  };
}

function postTwilio(path: string, params: Record<string, string>, signature: string | null, body = new URLSearchParams(params).toString()) {
  return fft.app.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature === null ? {} : { 'x-twilio-signature': signature }) },
    body,
  });
}

function postNotify(body: unknown, authorization: string | null = `Bearer ${NOTIFY_TOKEN}`) {
  return fft.app.request('/sms/notify', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization === null ? {} : { authorization }) },
    body: JSON.stringify(body),
  });
}

/** The id of the response an invitation's answer made: held on the invitation until erasure, and nowhere else. */
async function responseIdOf(invitationId: string): Promise<string> {
  const id = (await store.getSmsInvitation(invitationId))?.responseId;
  expect(id, 'the invitation holds a response id').toEqual(expect.any(String));
  return id!;
}

/** SQL over a connection of its own, as anyone able to read the database file could. */
function rawQuery(text: string, ...params: string[]): Record<string, unknown>[] {
  const conn = new Database(db.target, { readonly: true });
  try {
    return conn.prepare(text).all(...params) as Record<string, unknown>[];
  } finally {
    conn.close();
  }
}

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const twiml = (kind: Parameters<typeof smsText>[0] | null, language = 'en') => twimlReply(kind ? smsText(kind, { language }) : null);

describe('POST /sms/twilio: only Twilio may post', () => {
  it('the independent signer reproduces the reference test vector', () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    expect(sign('12345', 'https://mycompany.com/myapp.php?foo=1&bar=2', params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('accepts the reference vector’s parameters signed for this address with its query string, and names what an SMS webhook lacks', async () => {
    const params = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    const res = await postTwilio('/sms/twilio?foo=1&bar=2', params, sign(TWILIO_TOKEN, `${PUBLIC_URL}/sms/twilio?foo=1&bar=2`, params));
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues).toEqual([{ path: 'MessageSid', message: 'MessageSid is missing' }]);
  });

  it('refuses with 403 a missing or forged signature, a changed body, another URL, or a wrong token; nothing is stored', async () => {
    const p = await patient();
    const params = { MessageSid: 'SMforged', From: p.e164, To: '+447700900999', Body: '1' };
    const good = sign(TWILIO_TOKEN, `${PUBLIC_URL}/sms/twilio`, params);
    const attempts = [
      postTwilio('/sms/twilio', params, null),
      postTwilio('/sms/twilio', params, ''),
      postTwilio('/sms/twilio', params, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA='),
      postTwilio('/sms/twilio', params, `${good.slice(0, -2)}A=`),
      // Replayed signature, body changed: the answer, or an added parameter.
      postTwilio('/sms/twilio', { ...params, Body: '5' }, good),
      postTwilio('/sms/twilio', { ...params, NumMedia: '0' }, good),
      // Signed for another address: the local one (Host header), another scheme, a query added.
      postTwilio('/sms/twilio', params, sign(TWILIO_TOKEN, 'http://localhost/sms/twilio', params)),
      postTwilio('/sms/twilio', params, sign(TWILIO_TOKEN, `${PUBLIC_URL.replace('https', 'http')}/sms/twilio`, params)),
      postTwilio('/sms/twilio?x=1', params, good),
      postTwilio('/sms/twilio', params, sign('another-account-token', `${PUBLIC_URL}/sms/twilio`, params)),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe('forbidden');
    }
    expect(await store.smsInboundSeen('twilio', 'SMforged')).toBe(false);
    expect(await store.getSmsInvitation(p.invitationId!)).toMatchObject({ conversation: 'awaiting-answer', responseId: null });
    // The genuine request is accepted.
    const res = await postTwilio('/sms/twilio', params, good);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(twiml('askComment'));
  });

  it('refuses every webhook when no auth token is configured', async () => {
    const bare = createApp({ store, clock, logger: createLogger('silent'), publicUrl: PUBLIC_URL, secret: SECRET });
    const params = { MessageSid: 'SMnotoken', From: '+447700900001', Body: '1' };
    const res = await bare.app.request('/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': sign('', `${PUBLIC_URL}/sms/twilio`, params) }, body: new URLSearchParams(params).toString() });
    expect(res.status).toBe(403);
    const notify = await bare.app.request('/sms/notify', { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer ' }, body: '{}' });
    expect(notify.status).toBe(401);
    await bare.writer.drain();
    bare.alerts.stop();
  });

  it('a signed request that is not form-encoded is 415', async () => {
    const res = await fft.app.request('/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/json', 'x-twilio-signature': sign(TWILIO_TOKEN, `${PUBLIC_URL}/sms/twilio`, {}) }, body: '{"Body":"1"}' });
    expect(res.status).toBe(415);
  });
});

describe('POST /sms/notify: only with the callback token', () => {
  it('refuses a missing, wrong, prefixed or differently-schemed token with 401', async () => {
    const p = await patient();
    const body = { id: 'n-bearer', source_number: p.e164.slice(1), destination_number: '07700900999', message: '1', date_received: NOW };
    for (const authorization of [null, '', 'Bearer', `Bearer ${NOTIFY_TOKEN}x`, `Bearer ${NOTIFY_TOKEN.slice(0, -1)}`, `Basic ${NOTIFY_TOKEN}`, NOTIFY_TOKEN, `Bearer ${NOTIFY_TOKEN} extra`]) {
      const res = await postNotify(body, authorization);
      expect(res.status, String(authorization)).toBe(401);
      expect(res.headers.get('www-authenticate')).toBe('Bearer');
    }
    expect(await store.smsInboundSeen('notify', 'n-bearer')).toBe(false);
    const res = await postNotify(body, `bearer ${NOTIFY_TOKEN}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: 'applied' });
  });

  it('names the missing field of a malformed callback (400) and refuses a body that is not JSON (415)', async () => {
    const res = await postNotify({ id: 'n-bad', destination_number: '07700900999', message: '1' });
    expect(res.status).toBe(400);
    expect((await res.json()).error.issues[0].path).toBe('source_number');
    const notJson = await fft.app.request('/sms/notify', { method: 'POST', headers: { authorization: `Bearer ${NOTIFY_TOKEN}`, 'content-type': 'text/plain' }, body: 'hello' });
    expect(notJson.status).toBe(415);
    const broken = await fft.app.request('/sms/notify', { method: 'POST', headers: { authorization: `Bearer ${NOTIFY_TOKEN}`, 'content-type': 'application/json' }, body: '{"id":' });
    expect(broken.status).toBe(400);
  });

  it('answers at once and sends the reply through the provider', async () => {
    const p = await patient('ED');
    const res = await p.notify('five');
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(fake.requests).toHaveLength(1));
    const sent = JSON.parse(fake.requests[0]!.body);
    expect(sent).toMatchObject({ phone_number: p.e164, personalisation: { message: smsText('askComment') }, reference: `reply-${res.id}` });
    expect(await store.getResponse(await responseIdOf(p.invitationId!))).toMatchObject({ answer: 5, unitCode: 'ED', channel: 'sms', mode: 'sms' });
  });
});

describe('the conversation', () => {
  it('records a tolerant answer, asks for a comment, attaches it, thanks, and has it classified', async () => {
    const p = await patient();
    const answer = await p.twilio(' 2. ');
    expect(answer).toMatchObject({ status: 200, body: twiml('askComment'), type: 'text/xml; charset=utf-8' });
    const responseId = await responseIdOf(p.invitationId!);
    expect(responseId).toMatch(UUID_V7);
    expect(await store.getResponse(responseId)).toMatchObject({ unitCode: 'W1', question: 'fft-2020', answer: 2, comment: null, channel: 'sms', mode: 'sms', answeredAt: NOW, answeredDay: '2026-11-23', language: 'en' });
    clock.advance(HOUR);
    expect((await p.twilio('The nurses were kind but the food was cold')).body).toBe(twiml('thanks'));
    expect((await store.getResponse(responseId))?.comment).toBe('The nurses were kind but the food was cold');
    await fft.comments.flush();
    const { comments } = await store.listComments({ unitCodes: ['W1'], from: '2026-11-23', to: '2026-11-23', limit: 50, offset: 0 });
    const mine = comments.find((c) => c.id === responseId);
    expect(mine?.analysis?.labels.length).toBeGreaterThan(0);
    // A second part within the day is appended, not thanked again.
    expect((await p.twilio('And parking was hard')).body).toBe(twiml(null));
    expect((await store.getResponse(responseId))?.comment).toBe('The nurses were kind but the food was cold\nAnd parking was hard');
  });

  it('takes a score and a comment sent in one text, thanks once, and appends a later part', async () => {
    const p = await patient();
    expect((await p.twilio('2 - good but slow\nthe nurses were lovely')).body).toBe(twiml('thanks'));
    const responseId = await responseIdOf(p.invitationId!);
    expect(await store.getResponse(responseId)).toMatchObject({ answer: 2, comment: 'good but slow\nthe nurses were lovely', channel: 'sms' });
    expect(await store.getSmsInvitation(p.invitationId!)).toMatchObject({ conversation: 'done' });
    expect((await p.twilio('And parking was hard')).body).toBe(twiml(null));
    expect((await store.getResponse(responseId))?.comment).toBe('good but slow\nthe nurses were lovely\nAnd parking was hard');
    await fft.comments.flush();
    const { comments } = await store.listComments({ unitCodes: ['W1'], from: '2026-11-23', to: '2026-11-23', limit: 50, offset: 0 });
    expect(comments.find((c) => c.id === responseId)?.analysis?.labels.length).toBeGreaterThan(0);
  });

  it('opts out on "Stop please", and takes "Stop the noise at night" after a score as a comment', async () => {
    const quiet = await patient();
    expect((await quiet.twilio('Stop please')).body).toBe(twiml('optOutConfirmed'));
    const noisy = await patient();
    await noisy.twilio('4');
    expect((await noisy.twilio('Stop the noise at night')).body).toBe(twiml('thanks'));
    expect((await store.getResponse(await responseIdOf(noisy.invitationId!)))?.comment).toBe('Stop the noise at night');
  });

  it('reads "Very good" and "pięć" in the invitation’s language', async () => {
    const en = await patient('ED');
    await en.twilio('Very good!');
    expect((await store.getResponse(await responseIdOf(en.invitationId!)))?.answer).toBe(1);
    const pl = await patient('W1', { language: 'pl' });
    expect((await pl.twilio('pięć')).body).toBe(twiml('askComment', 'pl'));
    expect(await store.getResponse(await responseIdOf(pl.invitationId!))).toMatchObject({ answer: 5, language: 'pl' });
  });

  it('helps once with a first reply it cannot read, storing no answer', async () => {
    const p = await patient();
    const before = await store.countResponses();
    expect((await p.twilio('5 stars, lovely staff')).body).toBe(twimlReply(smsText('help', { question: 'fft-2020' })));
    expect((await p.twilio('what?')).body).toBe(twiml(null));
    expect(await store.countResponses()).toBe(before);
    expect((await store.getSmsInvitation(p.invitationId!))?.helpSent).toBe(true);
    expect((await p.twilio('4')).body).toBe(twiml('askComment'));
    expect(await store.countResponses()).toBe(before + 1);
  });

  it('keeps a 5,000-character comment with emoji and non-Latin scripts exactly', async () => {
    const p = await patient();
    await p.twilio('1');
    const piece = 'Personel był bardzo miły 🙏🏽 شكراً جزيلاً 谢谢 ';
    const comment = [...piece.repeat(200)].slice(0, 4999).join('') + 'ż';
    expect([...comment].length).toBe(5000);
    expect((await p.twilio(comment)).body).toBe(twiml('thanks'));
    expect((await store.getResponse(await responseIdOf(p.invitationId!)))?.comment).toBe(comment);
  });

  it('does not attach a comment after 24 hours, and says so kindly (commentTooLate)', async () => {
    const p = await patient();
    await p.twilio('3');
    clock.advance(24 * HOUR + 1000);
    expect((await p.twilio('Late thoughts')).body).toBe(twiml('commentTooLate'));
    expect((await store.getResponse(await responseIdOf(p.invitationId!)))?.comment).toBeNull();
  });

  it('STOP opts out at once; the number is never texted again; Twilio confirms its own keywords, we confirm the rest', async () => {
    const p = await patient();
    // Twilio blocks the number on its keyword and confirms it itself: ours would be refused (21610).
    expect((await p.twilio('Stop')).body).toBe(twiml(null));
    expect(await store.isSmsOptedOut(phoneHash(SECRET, p.e164))).toBe(true);
    expect((await p.twilio('STOP')).body).toBe(twiml(null));
    expect(await sms.invite([{ phone: p.e164, unit: 'ED', visitDate: '2026-11-22' }])).toEqual([{ status: 'opted-out' }]);
    for (const word of ['STOPALL', 'unsubscribe', 'Cancel', 'END']) {
      const q = await patient('DN');
      expect((await q.twilio(word)).body).toBe(twiml(null));
      expect(await store.isSmsOptedOut(phoneHash(SECRET, q.e164))).toBe(true);
    }
    // Twilio reads only the bare word: "quit." it leaves alone, so the confirmation is ours.
    expect((await (await patient('DN')).twilio('quit.')).body).toBe(twiml('optOutConfirmed'));
  });

  it('START or UNSTOP lifts an opt-out, confirmed in the patient’s language; from a number not opted out it changes nothing', async () => {
    const p = await patient('W1', { language: 'cy' });
    const repliesTo = (id: string) => fake.requests.filter((r) => JSON.parse(r.body).reference === `reply-${id}`).map((r) => JSON.parse(r.body).personalisation.message);
    const stop = await p.notify('STOP');
    await vi.waitFor(() => expect(repliesTo(stop.id)).toEqual([smsText('optOutConfirmed', { language: 'cy' })]));
    const unstop = await p.notify('Unstop');
    expect(unstop.body).toEqual({ result: 'applied' });
    await vi.waitFor(() => expect(repliesTo(unstop.id)).toEqual([smsText('optInConfirmed', { language: 'cy' })]));
    expect(await store.isSmsOptedOut(phoneHash(SECRET, p.e164))).toBe(false);
    // Again, once opted in: acknowledged, and nothing is stored (not even as help or a score).
    const again = await p.notify('START');
    expect(again.body).toEqual({ result: 'nothing' });
    await vi.waitFor(() => expect(repliesTo(again.id)).toEqual([smsText('optInConfirmed', { language: 'cy' })]));
    expect(await store.getSmsInvitation(p.invitationId!)).toMatchObject({ conversation: 'awaiting-answer', helpSent: false, responseId: null });
    // Opted in, the open invitation is answered and replied to as ever.
    expect((await p.twilio('2')).body).toBe(twiml('askComment', 'cy'));
  });

  it('a number with no open invitation gets a polite message and nothing is stored', async () => {
    const stranger = await patient('W1', { invited: false });
    const before = await store.countResponses();
    const res = await stranger.twilio('2');
    expect(res.body).toBe(twiml('noInvitation'));
    const viaNotify = await stranger.notify('Hello, who is this?');
    expect(viaNotify.body).toEqual({ result: 'nothing' });
    expect(await store.countResponses()).toBe(before);
    expect(await store.smsInboundSeen('twilio', res.sid)).toBe(false);
    expect(await store.smsInboundSeen('notify', viaNotify.id)).toBe(false);
    expect(await store.findSmsConversation(phoneHash(SECRET, stranger.e164))).toBeUndefined();
  });

  it('the same provider message twice changes nothing', async () => {
    const p = await patient();
    const first = await p.twilio('2', 'SMduplicate0000000000000000000001');
    expect(first.body).toBe(twiml('askComment'));
    const again = await p.twilio('2', 'SMduplicate0000000000000000000001');
    expect(again).toMatchObject({ status: 200, body: twiml(null) });
    // Had it been applied, the redelivered "2" would have become the comment.
    expect((await store.getResponse(await responseIdOf(p.invitationId!)))?.comment).toBeNull();
    expect((await store.getSmsInvitation(p.invitationId!))?.conversation).toBe('awaiting-comment');
    const n = await p.notify('1', 'n-dup');
    expect(n.body).toEqual({ result: 'applied' });
    expect((await p.notify('1', 'n-dup')).body).toEqual({ result: 'duplicate' });
  });

  it('a redelivered text that changed nothing (an unknown number) is not answered again, yet leaves nothing stored', async () => {
    const stranger = await patient('W1', { invited: false });
    const repliesTo = (id: string) => fake.requests.filter((r) => JSON.parse(r.body).reference === `reply-${id}`).length;
    const first = await stranger.notify('hello?', 'n-nothing-1');
    expect(first.body).toEqual({ result: 'nothing' });
    await vi.waitFor(() => expect(repliesTo('n-nothing-1')).toBe(1));
    for (let i = 0; i < 2; i++) expect((await stranger.notify('hello?', 'n-nothing-1')).body).toEqual({ result: 'duplicate' });
    const viaTwilio = await stranger.twilio('hello?', 'SMnothing00000000000000000000001');
    expect(viaTwilio.body).toBe(twiml('noInvitation'));
    expect((await stranger.twilio('hello?', 'SMnothing00000000000000000000001')).body).toBe(twiml(null));
    await new Promise((r) => setTimeout(r, 50));
    expect(repliesTo('n-nothing-1')).toBe(1);
    expect(await store.smsInboundSeen('notify', 'n-nothing-1')).toBe(false);
    // A day later the id is forgotten as well.
    clock.advance(25 * HOUR);
    expect((await stranger.notify('hello?', 'n-nothing-1')).body).toEqual({ result: 'nothing' });
  });

  it('a crash after the answer is stored but before the step is recorded is repaired by the provider’s retry', async () => {
    const p = await patient();
    const apply = store.applySmsInbound;
    const spy = vi.spyOn(store, 'applySmsInbound').mockImplementationOnce(async () => {
      throw new Error('the process died here');
    });
    const crashed = await p.twilio('4', 'SMcrash00000000000000000000000001');
    expect(crashed.status).toBe(500);
    // The id was held on the invitation before the response was written under it.
    const responseId = await responseIdOf(p.invitationId!);
    expect(await store.getSmsInvitation(p.invitationId!)).toMatchObject({ conversation: 'awaiting-answer', responseId, answeredAt: null });
    expect(await store.getResponse(responseId)).toMatchObject({ answer: 4 });
    const responses = await store.countResponses();
    spy.mockRestore();
    expect(store.applySmsInbound).toBe(apply);
    const retried = await p.twilio('4', 'SMcrash00000000000000000000000001');
    expect(retried.body).toBe(twiml('askComment'));
    expect(await store.countResponses()).toBe(responses);
    expect(await store.getSmsInvitation(p.invitationId!)).toMatchObject({ conversation: 'awaiting-comment', responseId });
    expect(await store.dailyCounts()).toEqual(await store.recountDaily());
  });

  it('a crash after the id is held but before the response is stored is repaired by the retry, under the id held', async () => {
    const p = await patient();
    const before = await store.countResponses();
    const spy = vi.spyOn(fft.writer, 'write').mockImplementationOnce(async () => {
      throw new Error('the process died here');
    });
    expect((await p.twilio('3', 'SMcrash00000000000000000000000002')).status).toBe(500);
    spy.mockRestore();
    const held = await responseIdOf(p.invitationId!);
    expect(await store.getResponse(held)).toBeUndefined();
    expect(await store.countResponses()).toBe(before);
    expect((await p.twilio('3', 'SMcrash00000000000000000000000002')).body).toBe(twiml('askComment'));
    expect(await store.countResponses()).toBe(before + 1);
    expect(await store.getResponse(held)).toMatchObject({ answer: 3, unitCode: 'W1' });
    expect(await store.getSmsInvitation(p.invitationId!)).toMatchObject({ conversation: 'awaiting-comment', responseId: held });
  });

  it('gives each answer a random response id: unrelated between invitations, and not a function of the invitation', async () => {
    const [a, b] = [await patient(), await patient()];
    await a.twilio('2');
    await b.twilio('2');
    const [idA, idB] = [await responseIdOf(a.invitationId!), await responseIdOf(b.invitationId!)];
    expect(idA).toMatch(UUID_V7);
    expect(idB).toMatch(UUID_V7);
    // The 74 random bits of a UUIDv7 differ: nothing in one id says anything about the other.
    const randomBits = (id: string) => id.replace(/-/g, '').slice(13);
    expect(randomBits(idA)).not.toBe(randomBits(idB));
    // The same invitation (its id, number, unit and language), the same text at the same moment
    // with the same FFT_SECRET, in another database: another response id. Knowing the secret
    // and an invitation id, the response cannot be worked out.
    const other = tempSqlite();
    const otherStore = other.open();
    try {
      await otherStore.migrate();
      await otherStore.upsertOrg(ORG);
      const original = (await store.getSmsInvitation(a.invitationId!))!;
      const { id, unitCode, phone, phoneHash: hash, question, language, visitDate, createdAt, eraseAfter } = original;
      await otherStore.createSmsInvitations([{ id, unitCode, phone: phone!, phoneHash: hash, question, language, visitDate, sendAt: NOW, createdAt, eraseAfter }], { throttleSince: NOW });
      await otherStore.claimDueSmsInvitations({ now: NOW, leaseUntil: NOW, limit: 1 });
      await otherStore.recordSmsSend(id, { kind: 'sent', at: original.sentAt!, provider: 'notify', providerMessageId: original.providerMessageId ?? 'n' });
      const writer = createResponseWriter(otherStore);
      const receiver = createSmsReceiver({ store: otherStore, writer, comments: { notify: () => {} }, clock, logger: createLogger('silent'), secret: SECRET });
      const outcome = await receiver.receive({ provider: 'twilio', providerMessageId: 'SMelsewhere', from: a.e164, to: '+447700900999', text: '2', receivedAt: clock() });
      expect(outcome.result).toBe('applied');
      const elsewhere = (await otherStore.getSmsInvitation(id))!.responseId!;
      expect(elsewhere).toMatch(UUID_V7);
      expect(elsewhere).not.toBe(idA);
      expect(await otherStore.getResponse(elsewhere)).toMatchObject({ answer: 2, unitCode: 'W1' });
      await writer.drain();
    } finally {
      await otherStore.close();
      await other.cleanup();
    }
  });

  it('keeps the number a day past the answer for the comment, in whole days past the plan, never to the answer’s moment', () => {
    const planned = '2026-11-30T10:00:00.000Z';
    const day = 24 * HOUR;
    expect(eraseAfterAnswer(planned, new Date(Date.parse(planned) - day))).toBe(planned);
    expect(eraseAfterAnswer(planned, new Date(Date.parse(planned) - day + 1))).toBe('2026-12-01T10:00:00.000Z');
    expect(eraseAfterAnswer(planned, new Date(Date.parse(planned) - 1))).toBe('2026-12-01T10:00:00.000Z');
    // An answer taken in the moments before the erasure round: a day more.
    expect(eraseAfterAnswer(planned, new Date(Date.parse(planned) + 5000))).toBe('2026-12-02T10:00:00.000Z');
  });

  it('keeps the number a day past the answer for the comment; erasure leaves nothing that joins the response to the hash', async () => {
    const p = await patient();
    const answeredAt = new Date(Date.parse(NOW) + 6.9 * 24 * HOUR);
    clock.set(answeredAt);
    await p.twilio('1');
    const responseId = await responseIdOf(p.invitationId!);
    const inv = await store.getSmsInvitation(p.invitationId!);
    // Planned for 7 days after sending (NOW); put back a whole day, not to 7.9 days (the answer's moment + 24 h).
    expect(inv?.eraseAfter).toBe(new Date(Date.parse(NOW) + 8 * 24 * HOUR).toISOString());
    clock.advance(23 * HOUR);
    expect((await p.twilio('Lovely staff')).body).toBe(twiml('thanks'));
    const byInstant = 'SELECT i.phone_hash FROM responses r JOIN sms_invitations i ON i.answered_at = r.answered_at AND i.unit_code = r.unit_code WHERE r.id = ?';
    const byId = 'SELECT i.phone_hash FROM responses r JOIN sms_invitations i ON i.response_id = r.id WHERE r.id = ?';
    const hash = phoneHash(SECRET, p.e164);
    // Before erasure the joins link the response to the number's hash…
    expect(rawQuery(byInstant, responseId)).toEqual([{ phone_hash: hash }]);
    expect(rawQuery(byId, responseId)).toEqual([{ phone_hash: hash }]);
    clock.set(inv!.eraseAfter);
    await sms.erase();
    // …after it, nothing does: no column of the invitation holds a value of the response but the unit, question and language.
    expect(rawQuery(byInstant, responseId)).toEqual([]);
    expect(rawQuery(byId, responseId)).toEqual([]);
    const [invitationRow] = rawQuery('SELECT * FROM sms_invitations WHERE id = ?', p.invitationId!);
    const [responseRow] = rawQuery('SELECT * FROM responses WHERE id = ?', responseId);
    const responseValues = new Set(Object.values(responseRow!).filter((v) => typeof v === 'string'));
    expect(Object.entries(invitationRow!).filter(([, v]) => typeof v === 'string' && responseValues.has(v)).map(([column]) => column).sort()).toEqual(['language', 'question', 'unit_code']);
    expect(invitationRow).toMatchObject({ phone: null, response_id: null, answered_at: null, commented_at: null, sent_at: null, provider_message_id: null, phone_hash: hash, unit_code: 'W1' });
    expect(await store.getResponse(responseId)).toMatchObject({ answer: 1, comment: 'Lovely staff', answeredAt: answeredAt.toISOString() });
    expect((await p.twilio('too late')).body).toBe(twiml('noInvitation'));
  });
});

describe('POST /sms/twilio: the body is read only up to 64 KB', () => {
  const LIMIT = 64 * 1024;
  const CHUNK = 16 * 1024;

  /** A chunked upload (no Content-Length) of `total` bytes, made only as it is read. */
  function upload(total: number, fill = 0x61) {
    const seen = { pulled: 0, cancelled: false };
    const body = new ReadableStream<Uint8Array>(
      {
        pull(controller) {
          const size = Math.min(CHUNK, total - seen.pulled);
          if (size <= 0) return controller.close();
          seen.pulled += size;
          controller.enqueue(new Uint8Array(size).fill(fill));
        },
        cancel() {
          seen.cancelled = true;
        },
      },
      { highWaterMark: 0 },
    );
    return { body, seen };
  }

  const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    fft.app.request('/sms/twilio', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA', ...headers }, body, duplex: 'half' } as RequestInit);

  it('refuses a chunked body past the limit with 413 as soon as the limit is passed, without reading the rest', async () => {
    const { body, seen } = upload(64 * 1024 * 1024);
    const res = await post(body);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    // Read one chunk past the limit (give or take what a stream reads ahead), then cancelled: not 64 MB.
    expect(seen.pulled).toBeGreaterThan(LIMIT);
    expect(seen.pulled).toBeLessThanOrEqual(LIMIT + 2 * CHUNK);
    await vi.waitFor(() => expect(seen.cancelled).toBe(true));
  });

  it('reads exactly 64 KB (then checks the signature), and refuses one byte more', async () => {
    const exact = upload(LIMIT);
    expect((await post(exact.body)).status).toBe(403);
    const over = upload(LIMIT + 1);
    expect((await post(over.body)).status).toBe(413);
    // A declared length past the limit is refused before anything is read.
    const declared = upload(LIMIT + 1);
    expect((await post(declared.body, { 'content-length': String(LIMIT + 1) })).status).toBe(413);
    expect(declared.seen.pulled).toBe(0);
  });

  it('takes a signed webhook sent in small chunks, a character split between two of them', async () => {
    const p = await patient('W1', { language: 'pl' });
    const params = { MessageSid: 'SMchunked00000000000000000000000001', From: p.e164, To: '+447700900999', Body: 'pięć' };
    // "ę" sent unescaped, as two bytes of UTF-8, and cut between them: it must be decoded whole.
    const bytes = new TextEncoder().encode(new URLSearchParams(params).toString().replace('%C4%99', 'ę'));
    const cut = bytes.findIndex((b, i) => b === 0xc4 && bytes[i + 1] === 0x99) + 1;
    expect(cut).toBeGreaterThan(0);
    const inPieces = (part: Uint8Array) => Array.from({ length: Math.ceil(part.length / 5) }, (_, i) => part.subarray(i * 5, i * 5 + 5));
    const pieces = [...inPieces(bytes.subarray(0, cut)), ...inPieces(bytes.subarray(cut))];
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        const next = pieces.shift();
        if (next) controller.enqueue(next);
        else controller.close();
      },
    });
    const res = await post(body, { 'x-twilio-signature': sign(TWILIO_TOKEN, `${PUBLIC_URL}/sms/twilio`, params) });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(twiml('askComment', 'pl'));
    expect(await store.getResponse(await responseIdOf(p.invitationId!))).toMatchObject({ answer: 5, language: 'pl' });
  });
});

describe('POST /api/v1/sms/invitations', () => {
  const post = (body: unknown, token: string | null = tokens.integration!, type = 'application/json') =>
    fft.app.request('/api/v1/sms/invitations', {
      method: 'POST',
      headers: { 'content-type': type, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('answers each row: queued, throttled, opted out or invalid with the field named', async () => {
    const res = await post({
      invitations: [
        { phone: '07700 900801', unit: 'W1', visitDate: '2026-11-22' },
        { phone: '+447700900801', unit: 'W1', visitDate: '2026-11-22' },
        { phone: '0800 123 4567', unit: 'W1', visitDate: '2026-11-22' },
        { phone: '07700 900802', unit: 'W1', visitDate: 'yesterday', language: 'pl' },
      ],
    });
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.results).toEqual([
      { status: 'queued', id: expect.any(String), sendAt: NOW },
      { status: 'throttled' },
      { status: 'invalid', issues: [{ path: 'invitations.2.phone', message: expect.stringMatching(/freephone/) }] },
      { status: 'invalid', issues: [{ path: 'invitations.3.visitDate', message: 'visitDate must be a date YYYY-MM-DD' }] },
    ]);
    expect(body.summary).toEqual({ queued: 1, throttled: 1, optedOut: 0, invalid: 2 });
    expect((await store.listAudit(5)).find((a) => a.action === 'sms.invite')?.detail).toEqual(body.summary);
  });

  it('lets a matron invite for her units only', async () => {
    const res = await post({ invitations: [{ phone: '07700 900803', unit: 'W1', visitDate: '2026-11-22' }, { phone: '07700 900804', unit: 'ED', visitDate: '2026-11-22' }] }, tokens.matron);
    expect(res.status).toBe(201);
    expect((await res.json()).results.map((r: any) => r.status)).toEqual(['queued', 'invalid']);
  });

  it('refuses the wrong roles, no token, and malformed bodies with the field named', async () => {
    const row = { phone: '07700 900805', unit: 'W1', visitDate: '2026-11-22' };
    expect((await post({ invitations: [row] }, null)).status).toBe(401);
    expect((await post({ invitations: [row] }, 'fft_not-a-token')).status).toBe(401);
    expect((await post({ invitations: [row] }, tokens.commissioner)).status).toBe(403);
    expect((await post({ invitations: [row] }, tokens.kiosk)).status).toBe(403);
    expect((await post('phone=07700900805', tokens.integration, 'application/x-www-form-urlencoded')).status).toBe(415);
    const broken = await post('{"invitations": [', tokens.integration);
    expect(broken.status).toBe(400);
    expect((await broken.json()).error.code).toBe('invalid_json');
    for (const [body, path] of [
      [{}, 'invitations'],
      [{ invitations: 'all of them' }, 'invitations'],
      [{ invitations: [] }, 'invitations'],
      [{ invitations: [row], sendNow: true }, 'sendNow'],
      [[row], '(body)'],
    ] as const) {
      const res = await post(body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.issues[0].path).toBe(path);
    }
    expect(await store.findSmsConversation(phoneHash(SECRET, '+447700900805'))).toBeUndefined();
  });

  it('schedules each invitation in the send window an admin set at /admin/settings, not the environment’s', async () => {
    await createSettings(store, clock).set({ smsWindow: { start: '11:00', end: '12:00' } });
    // A fresh app: its settings are read now, not from a cache filled before the change.
    const other = createApp({ store, clock, logger: createLogger('silent'), publicUrl: PUBLIC_URL, secret: SECRET, sms: { settings: DEFAULT_SMS_SETTINGS } });
    try {
      const res = await other.app.request('/api/v1/sms/invitations', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.integration}` },
        body: JSON.stringify({ invitations: [{ phone: '07700 900806', unit: 'W1', visitDate: '2026-11-22' }] }),
      });
      expect(res.status).toBe(201);
      // 10:00 in London is inside the environment's default window but before the admin's.
      expect((await res.json()).results[0]).toEqual({ status: 'queued', id: expect.any(String), sendAt: '2026-11-23T11:00:00.000Z' });
    } finally {
      await createSettings(store, clock).set({ smsWindow: null });
      other.alerts.stop();
      await other.writer.drain();
      await other.comments.flush();
    }
  });
});
