import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ORG, response } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import type { Principal } from '../auth/scope.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { createSettings } from '../settings.ts';
import type { SmsSettings } from './config.ts';
import { phoneHash } from './keyed-hash.ts';
import { invitationText } from './messages.ts';
import { twilioProvider } from './providers.ts';
import { adminSmsControls, createSmsService, RETENTION_MS, smsServiceFromSettings, summariseInvites, type SmsService, type SmsServiceDeps } from './service.ts';
import { startFakeProvider, type FakeProviderServer } from './testing.ts';
import { DEFAULT_SEND_WINDOW } from './window.ts';

const SECRET = 'service-test-secret';
const ACCOUNT = 'AC0123456789abcdef0123456789abcdef';
// Monday 23 November 2026, 10:00 GMT: inside the 09:00–20:00 window.
const MONDAY_10AM = '2026-11-23T10:00:00.000Z';
const MIN = 60_000;
const DAY = 24 * 60 * MIN;

let db: TestDb;
let store: Store;
let fake: FakeProviderServer;
const clock = fixedClock(MONDAY_10AM);
let sms: SmsService;
let numbers = 100;

/** A fresh mobile number per test, written as a patient administration system might. */
function nextNumber() {
  numbers += 1;
  return { written: `07700 900${numbers}`, e164: `+447700900${numbers}` };
}

const sentBodies = () => fake.requests.map((r) => new URLSearchParams(r.body));
const admin: Principal = { kind: 'token', id: 'admin', role: 'admin', scopes: [] };

beforeAll(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  await store.upsertOrg([
    ...ORG,
    { ...ORG[0]!, unitCode: 'STAFF', unitName: 'Staff survey', setting: 'staff', question: 'nps-0-10' },
  ]);
  fake = await startFakeProvider();
});
afterAll(async () => {
  await fake.close();
  await store.close();
  await db.cleanup();
});
/** The service every test uses, sending through the fake Twilio; `extra` adds a window or pause. */
function service(extra: Pick<SmsServiceDeps, 'window' | 'paused'> = {}) {
  // Random 1 puts each wait at the top of its jitter range: 1, 2, 4 … minutes exactly.
  return createSmsService({
    store,
    clock,
    logger: createLogger('silent'),
    secret: SECRET,
    provider: twilioProvider({ accountSid: ACCOUNT, authToken: 'token', from: '+447700900999', baseUrl: fake.baseUrl, clock }),
    retry: { baseMs: MIN, capMs: 60 * MIN, maxAttempts: 4 },
    random: () => 1,
    ...extra,
  });
}

beforeEach(async () => {
  clock.set(MONDAY_10AM);
  fake.requests.length = 0;
  fake.respond({ status: 201, body: { sid: 'SM00000000000000000000000000000001' } });
  sms = service();
  // Nothing left queued by an earlier test.
  for (const left of await store.claimDueSmsInvitations({ now: '2100-01-01T00:00:00.000Z', leaseUntil: '2100-01-02T00:00:00.000Z', limit: 10_000 })) {
    await store.recordSmsSend(left.id, { kind: 'stopped', status: 'closed', error: null });
  }
});
afterEach(async () => {
  await sms.stop();
});

describe('invite', () => {
  it('normalises good rows and reports each bad one by field, without stopping the good ones', async () => {
    const a = nextNumber();
    const b = nextNumber();
    const results = await sms.invite([
      { phone: a.written, unit: 'W1', visitDate: '2026-11-22' },
      { phone: '020 7946 0000', unit: 'W1', visitDate: '2026-11-22' },
      { phone: `+44 (0)${b.written.slice(1)}`, unit: 'DN', visitDate: '2026-11-23', language: 'pl' },
      { phone: a.written, unit: 'NOPE', visitDate: '2026-11-31' },
      { phone: a.written, unit: 'STAFF', visitDate: '2026-11-24' },
      { phone: a.written, unit: 'ED', visitDate: '2026-10-01' },
      'not an object',
      { phone: 7700900123, unit: 'W1', visitDate: '2026-11-22', ward: 'W1' },
    ]);
    expect(results[0]).toMatchObject({ status: 'queued', sendAt: MONDAY_10AM });
    expect(results[1]).toEqual({ status: 'invalid', issues: [{ path: 'phone', message: expect.stringMatching(/landline/) }] });
    expect(results[2]).toMatchObject({ status: 'queued' });
    expect(results[3]).toEqual({
      status: 'invalid',
      issues: [{ path: 'visitDate', message: 'visitDate must be a date YYYY-MM-DD' }],
    });
    expect(results[4]).toEqual({
      status: 'invalid',
      issues: [
        { path: 'unit', message: 'unit STAFF asks nps-0-10, which cannot be answered by text' },
        { path: 'visitDate', message: 'visitDate is in the future' },
      ],
    });
    expect(results[5]).toEqual({ status: 'invalid', issues: [{ path: 'visitDate', message: 'visitDate is more than 30 days ago' }] });
    expect(results[6]).toEqual({ status: 'invalid', issues: [{ path: '(row)', message: expect.stringMatching(/must be an object/) }] });
    expect(results[7]).toMatchObject({ status: 'invalid', issues: expect.arrayContaining([{ path: 'ward', message: 'unknown field: ward' }, { path: 'phone', message: 'phone must be text' }]) });
    expect(summariseInvites(results)).toEqual({ queued: 2, throttled: 0, optedOut: 0, invalid: 6 });

    const stored = await store.getSmsInvitation((results[2] as { id: string }).id);
    expect(stored).toMatchObject({ unitCode: 'DN', phone: b.e164, phoneHash: phoneHash(SECRET, b.e164), question: 'fft-2013', language: 'pl', visitDate: '2026-11-23', status: 'queued' });
    // The number is kept for the retention period after the invitation is due to go.
    expect(stored?.eraseAfter).toBe(new Date(Date.parse(MONDAY_10AM) + RETENTION_MS).toISOString());
  });

  it('refuses a unit outside the principal’s scope as if it did not exist', async () => {
    const matron: Principal = { kind: 'token', id: 'm', role: 'matron', scopes: ['unit:W1'] };
    const results = await sms.invite([{ phone: nextNumber().written, unit: 'ED', visitDate: '2026-11-22' }, { phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }], matron);
    expect(results[0]).toEqual({ status: 'invalid', issues: [{ path: 'unit', message: 'no unit \u2068ED\u2069 that you can invite patients for' }] });
    expect(results[1]).toMatchObject({ status: 'queued' });
  });

  it('throttles: one invitation per number per unit per 30 days, however the number is written', async () => {
    const n = nextNumber();
    expect((await sms.invite([{ phone: n.written, unit: 'W1', visitDate: '2026-11-22' }], admin))[0]?.status).toBe('queued');
    clock.advance(29 * DAY);
    const again = await sms.invite([
      { phone: n.e164, unit: 'W1', visitDate: '2026-12-21' },
      { phone: n.e164.replace('+', '00'), unit: 'ED', visitDate: '2026-12-21' },
    ]);
    expect(again.map((r) => r.status)).toEqual(['throttled', 'queued']);
    clock.advance(DAY);
    expect((await sms.invite([{ phone: n.written, unit: 'W1', visitDate: '2026-12-22' }]))[0]?.status).toBe('queued');
  });

  it('never queues a number that has opted out', async () => {
    const n = nextNumber();
    await store.optOutSms(phoneHash(SECRET, n.e164), MONDAY_10AM);
    expect(await sms.invite([{ phone: n.written, unit: 'W1', visitDate: '2026-11-22' }])).toEqual([{ status: 'opted-out' }]);
  });
});

describe('sending', () => {
  it('sends the exact invitation text through the provider and records it sent', async () => {
    const n = nextNumber();
    const [result] = await sms.invite([{ phone: n.written, unit: 'W1', visitDate: '2026-11-22' }]);
    expect(await sms.runDue()).toEqual({ sent: 1, retried: 0, failed: 0, undeliverable: 0, skipped: 0 });
    expect(sentBodies().map((b) => Object.fromEntries(b))).toEqual([
      { To: n.e164, From: '+447700900999', Body: invitationText({ unitName: 'Ward 1', language: 'en', question: 'fft-2020' }) },
    ]);
    expect(await store.getSmsInvitation((result as { id: string }).id)).toMatchObject({ status: 'sent', sentAt: MONDAY_10AM, provider: 'twilio', providerMessageId: 'SM00000000000000000000000000000001', attempts: 1 });
    // Sent once only.
    expect((await sms.runDue()).sent).toBe(0);
    expect(fake.requests).toHaveLength(1);
  });

  it('holds a second unit’s invitation to the same number while the first conversation is open, then sends it', async () => {
    const n = nextNumber();
    const invited = await sms.invite([
      { phone: n.written, unit: 'W1', visitDate: '2026-11-22' },
      { phone: n.written, unit: 'ED', visitDate: '2026-11-22' },
    ]);
    const ids = invited.map((r) => (r as { id: string }).id);
    expect(await sms.runDue()).toEqual({ sent: 1, retried: 1, failed: 0, undeliverable: 0, skipped: 0 });
    expect(fake.requests).toHaveLength(1);
    // Either may go first (both were due at once); the other waits.
    const rows = await Promise.all(ids.map((id) => store.getSmsInvitation(id)));
    const first = rows.find((r) => r?.status === 'sent')!;
    const second = rows.find((r) => r?.status === 'queued')!;
    expect(first).toMatchObject({ sentAt: MONDAY_10AM });
    expect(second).toMatchObject({ lastError: 'waiting: the number is still answering an invitation about another unit' });
    // A day after the first was sent (10:00 Monday), at 10:00 Tuesday, within the send window.
    expect(second.nextAttemptAt).toBe('2026-11-24T10:00:00.000Z');
    clock.set('2026-11-24T09:59:00.000Z');
    expect((await sms.runDue()).sent).toBe(0);
    // The patient answers the first at 09:30 Tuesday: a comment may come for a day, so the second waits on.
    const answer = response({ unitCode: first.unitCode, channel: 'sms', mode: 'sms', answer: 1 });
    expect(await store.holdSmsResponseId(first.id, answer.id)).toBe(answer.id);
    await store.insertResponses([answer]);
    const answeredAt = '2026-11-24T09:30:00.000Z';
    expect(await store.applySmsInbound({ provider: 'twilio', messageId: `SM-held-${first.id}`, receivedAt: answeredAt, change: { kind: 'answered', invitationId: first.id, responseId: answer.id, answeredAt, eraseAfter: '2026-12-24T00:00:00.000Z' } })).toBe('applied');
    clock.set('2026-11-24T10:00:00.000Z');
    expect(await sms.runDue()).toMatchObject({ sent: 0, retried: 1 });
    expect((await store.getSmsInvitation(second.id))!.nextAttemptAt).toBe('2026-11-25T09:30:00.000Z');
    clock.set('2026-11-25T09:30:00.000Z');
    expect((await sms.runDue()).sent).toBe(1);
    expect(await store.getSmsInvitation(second.id)).toMatchObject({ status: 'sent' });
  });

  it('holds texts outside the send window (London time) and sends them at the next opening', async () => {
    clock.set('2026-11-23T20:30:00.000Z');
    const n = nextNumber();
    const [result] = await sms.invite([{ phone: n.written, unit: 'ED', visitDate: '2026-11-23' }]);
    expect(result).toMatchObject({ status: 'queued', sendAt: '2026-11-24T09:00:00.000Z' });
    expect((await sms.runDue()).sent).toBe(0);
    clock.set('2026-11-24T08:59:59.999Z');
    expect((await sms.runDue()).sent).toBe(0);
    expect(fake.requests).toHaveLength(0);
    clock.set('2026-11-24T09:00:00.000Z');
    expect((await sms.runDue()).sent).toBe(1);
    expect(sentBodies()[0]?.get('To')).toBe(n.e164);
  });

  it('in summer the window is 09:00–20:00 BST, and a text due before closing that was not sent by then waits', async () => {
    clock.set('2026-07-01T18:59:00.000Z'); // 19:59 BST
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-07-01' }]);
    expect(result).toMatchObject({ sendAt: '2026-07-01T18:59:00.000Z' });
    clock.set('2026-07-01T19:00:00.000Z'); // 20:00 BST: closed
    expect((await sms.runDue()).sent).toBe(0);
    clock.set('2026-07-02T08:00:00.000Z'); // 09:00 BST
    expect((await sms.runDue()).sent).toBe(1);
  });

  it('retries a temporary failure with growing back-off, then sends', async () => {
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    const id = (result as { id: string }).id;
    fake.respond({ status: 503, body: { code: 20500, message: 'Service unavailable' } });
    expect((await sms.runDue()).retried).toBe(1);
    expect(await store.getSmsInvitation(id)).toMatchObject({ status: 'queued', attempts: 1, nextAttemptAt: '2026-11-23T10:01:00.000Z', lastError: expect.stringMatching(/503/) });
    clock.advance(MIN - 1);
    expect((await sms.runDue()).retried).toBe(0);
    clock.advance(1);
    expect((await sms.runDue()).retried).toBe(1);
    expect((await store.getSmsInvitation(id))?.nextAttemptAt).toBe('2026-11-23T10:03:00.000Z'); // 2 minutes after the second try
    // The provider asks for longer (Retry-After): that wins over the back-off.
    clock.set('2026-11-23T10:03:00.000Z');
    fake.respond({ status: 429, headers: { 'retry-after': '600' }, body: { code: 20429, message: 'Too many requests' } });
    expect((await sms.runDue()).retried).toBe(1);
    expect((await store.getSmsInvitation(id))?.nextAttemptAt).toBe('2026-11-23T10:13:00.000Z');
    clock.set('2026-11-23T10:13:00.000Z');
    fake.respond({ status: 201, body: { sid: 'SM-after-retries' } });
    expect((await sms.runDue()).sent).toBe(1);
    expect(await store.getSmsInvitation(id)).toMatchObject({ status: 'sent', attempts: 4, providerMessageId: 'SM-after-retries', lastError: null });
    expect(fake.requests).toHaveLength(4);
  });

  it('a retry that would fall after closing waits for the next morning', async () => {
    clock.set('2026-11-23T19:59:30.000Z');
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-23' }]);
    fake.respond({ status: 500, body: {} });
    expect((await sms.runDue()).retried).toBe(1);
    expect((await store.getSmsInvitation((result as { id: string }).id))?.nextAttemptAt).toBe('2026-11-24T09:00:00.000Z');
  });

  it('gives up after the last attempt, and marks a number the provider refuses for good at once', async () => {
    const [flaky, refused] = await sms.invite([
      { phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' },
      { phone: nextNumber().written, unit: 'ED', visitDate: '2026-11-22' },
    ]);
    // The ED invitation's number is refused for good; the provider is down for the other.
    fake.respond((req) =>
      new URLSearchParams(req.body).get('Body')?.startsWith('Emergency Department')
        ? { status: 400, body: { code: 21211, message: "The 'To' number +447700900123 is not a valid phone number." } }
        : { status: 502, body: {} },
    );
    const first = await sms.runDue();
    expect(first).toMatchObject({ retried: 1, undeliverable: 1 });
    const refusedRow = await store.getSmsInvitation((refused as { id: string }).id);
    expect(refusedRow).toMatchObject({ status: 'undeliverable', lastError: 'Twilio refused the text (400 21211: The \'To\' number [number] is not a valid phone number.)' });
    for (let attempt = 2; attempt <= 4; attempt++) {
      clock.advance(60 * MIN);
      await sms.runDue();
    }
    expect(await store.getSmsInvitation((flaky as { id: string }).id)).toMatchObject({ status: 'failed', attempts: 4, nextAttemptAt: null });
    clock.advance(60 * MIN);
    expect(await sms.runDue()).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0, skipped: 0 });
    expect(fake.requests).toHaveLength(5);
  });

  it('a number opted out with the provider (Twilio 21610) is opted out here too', async () => {
    const n = nextNumber();
    const [result] = await sms.invite([{ phone: n.written, unit: 'W1', visitDate: '2026-11-22' }]);
    fake.respond({ status: 400, body: { code: 21610, message: 'Attempt to send to unsubscribed recipient' } });
    expect((await sms.runDue()).skipped).toBe(1);
    expect((await store.getSmsInvitation((result as { id: string }).id))?.status).toBe('skipped-opted-out');
    expect(await store.isSmsOptedOut(phoneHash(SECRET, n.e164))).toBe(true);
  });

  it('does not send to a number that opted out after it was invited', async () => {
    clock.set('2026-11-23T21:00:00.000Z');
    const n = nextNumber();
    const [result] = await sms.invite([{ phone: n.written, unit: 'ED', visitDate: '2026-11-23' }]);
    await store.optOutSms(phoneHash(SECRET, n.e164), '2026-11-23T22:00:00.000Z');
    clock.set('2026-11-24T09:00:00.000Z');
    await sms.runDue();
    expect(fake.requests).toHaveLength(0);
    expect((await store.getSmsInvitation((result as { id: string }).id))?.status).toBe('skipped-opted-out');
  });
});

describe('a unit deactivated after its invitations were queued', () => {
  it('sends them nothing: they are closed, saying why', async () => {
    await store.upsertOrg([{ ...ORG[0]!, unitCode: 'GONE', unitName: 'Closed Ward', setting: 'inpatient', question: 'fft-2020' }]);
    clock.set('2026-11-23T21:00:00.000Z');
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'GONE', visitDate: '2026-11-23' }]);
    expect(result?.status).toBe('queued');
    expect(await store.updateUnit('GONE', { active: false })).toBe(true);
    clock.set('2026-11-24T09:00:00.000Z');
    await sms.runDue();
    expect(fake.requests).toHaveLength(0);
    expect(await store.getSmsInvitation((result as { id: string }).id)).toMatchObject({ status: 'closed', lastError: 'the unit was deactivated before the text was sent' });
  });
});

describe('erasure', () => {
  it('erases the number (and keeps the hash) once the retention period has passed', async () => {
    const n = nextNumber();
    const [result] = await sms.invite([{ phone: n.written, unit: 'DN', visitDate: '2026-11-22' }]);
    const id = (result as { id: string }).id;
    await sms.runDue();
    clock.advance(RETENTION_MS - 1);
    await sms.erase();
    expect((await store.getSmsInvitation(id))?.phone).toBe(n.e164);
    clock.advance(1);
    expect(await sms.erase()).toBeGreaterThanOrEqual(1);
    expect(await store.getSmsInvitation(id)).toMatchObject({ phone: null, phoneHash: phoneHash(SECRET, n.e164), erasedAt: clock().toISOString() });
    // The hash still throttles a new invitation to that unit within 30 days.
    expect((await sms.invite([{ phone: n.written, unit: 'DN', visitDate: '2026-11-29' }]))[0]?.status).toBe('throttled');
  });

  it('an invitation never sent before its number is erased is closed, not sent', async () => {
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    fake.respond({ status: 503, body: {} });
    await sms.runDue();
    clock.advance(RETENTION_MS);
    await sms.erase();
    fake.respond({ status: 201, body: { sid: 'SM-late' } });
    await sms.runDue();
    expect(await store.getSmsInvitation((result as { id: string }).id)).toMatchObject({ status: 'closed', phone: null });
    expect(fake.requests).toHaveLength(1);
  });
});

describe('sending late', () => {
  it('an invitation held until its number is nearly erased is closed unsent, so no reply is lost', async () => {
    const paused = { value: true };
    const held = service({ paused: async () => paused.value });
    const [late] = await held.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    const [alsoLate] = await held.invite([{ phone: nextNumber().written, unit: 'ED', visitDate: '2026-11-22' }]);
    const id = (r: typeof late) => (r as { id: string }).id;
    // Paused for six days and 23 hours: the first number is erased an hour from now.
    clock.advance(RETENTION_MS - 60 * MIN);
    const fresh = await held.invite([{ phone: nextNumber().written, unit: 'DN', visitDate: '2026-11-29' }]);
    paused.value = false;
    const summary = await held.runDue();
    // Sent now, a reply an hour on would find the number erased: lost, and answered "not monitored".
    expect(await store.getSmsInvitation(id(late))).toMatchObject({ status: 'closed' });
    expect(await store.getSmsInvitation(id(alsoLate))).toMatchObject({ status: 'closed' });
    expect(await store.getSmsInvitation(id(fresh[0]))).toMatchObject({ status: 'sent' });
    expect(summary).toMatchObject({ sent: 1, skipped: 2 });
    expect(fake.requests).toHaveLength(1);
  });

  it('one with a day left to answer still goes', async () => {
    const paused = { value: true };
    const held = service({ paused: async () => paused.value });
    const [result] = await held.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    clock.advance(RETENTION_MS - DAY);
    paused.value = false;
    expect((await held.runDue()).sent).toBe(1);
    expect((await store.getSmsInvitation((result as { id: string }).id))?.status).toBe('sent');
  });
});

describe('the background loop', () => {
  it('sends what is due on its own, and stops cleanly', async () => {
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    sms.start(10);
    await vi.waitFor(async () => expect((await store.getSmsInvitation((result as { id: string }).id))?.status).toBe('sent'), { timeout: 5000, interval: 20 });
    await sms.stop();
    const [later] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await store.getSmsInvitation((later as { id: string }).id))?.status).toBe('queued');
  });
});

describe('the send window and pause an admin sets (read through the settings, as fft serve does)', () => {
  // The settings cache for this long: a change made on the admin page is seen by the sender at most this late.
  const TTL = 5000;
  const idOf = (r: unknown) => (r as { id: string }).id;
  /** The admin page's settings, and the sender's own (a separate instance with its own cache, as in startServer). */
  let page: ReturnType<typeof createSettings>;
  let sender: ReturnType<typeof createSettings>;
  beforeEach(async () => {
    page = createSettings(store, clock);
    await page.set({ smsWindow: null, smsPaused: false });
    sender = createSettings(store, clock);
    sms = service(adminSmsControls(sender, DEFAULT_SEND_WINDOW));
  });
  afterEach(async () => {
    await page.set({ smsWindow: null, smsPaused: false });
  });

  it('honours the admin window in sending, inviting and retrying, and a change applies on the next round', async () => {
    // Queued at 10:00 under the environment's 09:00–20:00: due at once.
    const [first] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    expect(first).toMatchObject({ status: 'queued', sendAt: MONDAY_10AM });
    // The admin narrows the window to 11:00–12:00; once the sender's cache has lapsed, the due text waits.
    await page.set({ smsWindow: { start: '11:00', end: '12:00' } });
    clock.advance(TTL);
    expect((await sms.runDue()).sent).toBe(0);
    clock.set('2026-11-23T10:59:59.999Z');
    expect((await sms.runDue()).sent).toBe(0);
    expect(fake.requests).toHaveLength(0);
    expect((await store.getSmsInvitation(idOf(first)))?.status).toBe('queued');
    clock.set('2026-11-23T11:00:00.000Z');
    expect((await sms.runDue()).sent).toBe(1);
    expect((await store.getSmsInvitation(idOf(first)))?.status).toBe('sent');

    // A retry that would fall after the admin's closing waits for its next opening, not the environment's.
    clock.set('2026-11-23T11:59:30.000Z');
    const [second] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    fake.respond({ status: 503, body: {} });
    expect((await sms.runDue()).retried).toBe(1);
    expect((await store.getSmsInvitation(idOf(second)))?.nextAttemptAt).toBe('2026-11-24T11:00:00.000Z');

    // Invited after the admin's closing (though inside 09:00–20:00): due at the admin's next opening.
    clock.set('2026-11-23T12:30:00.000Z');
    expect((await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]))[0]).toMatchObject({ sendAt: '2026-11-24T11:00:00.000Z' });

    // Cleared: the environment's window applies again, within the cache's few seconds.
    await page.set({ smsWindow: null });
    clock.advance(TTL);
    expect((await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]))[0]).toMatchObject({ sendAt: '2026-11-23T12:30:05.000Z' });
  });

  it('paused: nothing is sent and invitations stay queued; resumed: they go', async () => {
    const [before] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    await page.set({ smsPaused: true });
    clock.advance(TTL);
    expect(await sms.runDue()).toEqual({ sent: 0, retried: 0, failed: 0, undeliverable: 0, skipped: 0 });
    // Inviting still works while paused.
    const [during] = await sms.invite([{ phone: nextNumber().written, unit: 'ED', visitDate: '2026-11-22' }]);
    expect(during).toMatchObject({ status: 'queued' });
    clock.advance(60 * MIN);
    expect((await sms.runDue()).sent).toBe(0);
    expect(fake.requests).toHaveLength(0);
    // Not even claimed: no attempt is used up while paused.
    for (const r of [before, during]) expect(await store.getSmsInvitation(idOf(r))).toMatchObject({ status: 'queued', attempts: 0 });

    await page.set({ smsPaused: false });
    clock.advance(TTL);
    expect((await sms.runDue()).sent).toBe(2);
    for (const r of [before, during]) expect((await store.getSmsInvitation(idOf(r)))?.status).toBe('sent');
  });

  it('the background loop holds texts while paused and sends them once resumed, without a restart', async () => {
    await page.set({ smsPaused: true });
    const [result] = await sms.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
    sms.start(10);
    // Many rounds go by (a round every 10 ms): none sends.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.requests).toHaveLength(0);
    expect((await store.getSmsInvitation(idOf(result)))?.status).toBe('queued');
    await page.set({ smsPaused: false });
    clock.advance(TTL);
    await vi.waitFor(async () => expect((await store.getSmsInvitation(idOf(result)))?.status).toBe('sent'), { timeout: 5000, interval: 20 });
    expect(fake.requests).toHaveLength(1);
  });

  it('smsServiceFromSettings (what fft serve starts) takes the environment window until the admin sets one, and the pause', async () => {
    const config: SmsSettings = {
      provider: { provider: 'twilio', accountSid: ACCOUNT, authToken: 'token', from: '+447700900999', baseUrl: fake.baseUrl },
      window: { start: '08:00', end: '10:30' },
      notifyInboundToken: '',
      twilioAuthToken: '',
    };
    const served = smsServiceFromSettings({ store, logger: createLogger('silent'), secret: SECRET, settings: config, clock, admin: sender });
    try {
      clock.set('2026-11-23T10:30:00.000Z');
      expect((await served.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]))[0]).toMatchObject({ sendAt: '2026-11-24T08:00:00.000Z' });
      await page.set({ smsWindow: { start: '10:00', end: '21:00' }, smsPaused: true });
      clock.advance(TTL);
      const [now] = await served.invite([{ phone: nextNumber().written, unit: 'W1', visitDate: '2026-11-22' }]);
      expect(now).toMatchObject({ sendAt: '2026-11-23T10:30:05.000Z' });
      expect((await served.runDue()).sent).toBe(0);
      await page.set({ smsPaused: false });
      clock.advance(TTL);
      expect((await served.runDue()).sent).toBe(1);
      expect((await store.getSmsInvitation(idOf(now)))?.status).toBe('sent');
    } finally {
      await served.stop();
    }
  });
});
