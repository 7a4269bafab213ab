/**
 * A patient's text that comes while the database is unavailable is kept in the spool, the
 * provider is told it arrived, and it is applied once (and answered, if still in time) when the
 * database is back. On SQLite (the store failing as better-sqlite3 does when the file is locked)
 * and on PostgreSQL (every connection to it cut, through a proxy, as a restart would).
 */
import { createHmac } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../db/index.ts';
import { ORG } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from '../../db/testing.ts';
import { createApp, type FftApp } from '../app.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { DEFAULT_SMS_SETTINGS } from './config.ts';
import { createSmsInbox, LATE_REPLY_MS, PURGE_EVERY_MS } from './inbox.ts';
import type { InboundSms } from './inbound.ts';
import { phoneHash } from './keyed-hash.ts';
import { smsText } from './messages.ts';
import type { SmsMessage, SmsProvider } from './providers.ts';
import type { SmsReceiver } from './receive.ts';
import { createInboundSpool, SET_ASIDE_KEEP_MS } from './spool.ts';
import { twimlReply } from './twiml.ts';

const PUBLIC_URL = 'https://fft.example.nhs.uk';
const SECRET = 'inbox-test-secret';
const TWILIO_TOKEN = 'twilio-auth-token-under-test';
const NOTIFY_TOKEN = 'notify-callback-token-under-test';
const NOW = '2026-11-23T10:00:00.000Z';
const EMPTY_TWIML = twimlReply(null);

/** A database that can be taken away and given back. */
interface Outage {
  /** The store the app uses: it fails while the database is down. */
  store: Store;
  down(): void;
  up(): void;
  close(): Promise<void>;
}

/** SQLite locked by another process past the busy timeout: every call fails as better-sqlite3 fails it. */
function sqliteOutage(db: TestDb): Outage {
  const store = db.open();
  let down = false;
  const failing = new Proxy(store, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== 'function' || key === 'close') return value;
      return (...args: unknown[]) => {
        if (down) return Promise.reject(Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }));
        return value.apply(target, args);
      };
    },
  });
  return { store: failing, down: () => void (down = true), up: () => void (down = false), close: () => store.close() };
}

/** PostgreSQL reached through a proxy that can cut every connection and refuse new ones, as a restart does. */
async function postgresOutage(db: TestDb): Promise<Outage> {
  const target = new URL(db.target);
  const sockets = new Set<Socket>();
  let down = false;
  const proxy = createServer((client) => {
    if (down) return void client.destroy();
    const upstream = connect(Number(target.port || 5432), target.hostname);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', end);
      s.on('close', end);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const viaProxy = new URL(db.target);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String((proxy.address() as AddressInfo).port);
  const store = openStore(viaProxy.toString());
  return {
    store,
    down() {
      down = true;
      for (const s of sockets) s.destroy();
    },
    up: () => void (down = false),
    async close() {
      await store.close();
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => proxy.close(resolve));
    },
  };
}

const pgUrl = pgTestUrl();
const dialects = [
  { name: 'SQLite', db: async () => tempSqlite(), outage: async (db: TestDb) => sqliteOutage(db) },
  ...(pgUrl ? [{ name: 'PostgreSQL', db: () => tempPostgres(pgUrl), outage: postgresOutage }] : []),
];

describe.each(dialects)('texts during a database outage ($name)', (dialect) => {
  let db: TestDb;
  /** The database as the tests see it: never down. */
  let store: Store;
  let root: string;
  let sent: SmsMessage[];
  const clock = fixedClock(NOW);
  const provider: SmsProvider = {
    name: 'twilio',
    send: async (msg) => {
      sent.push(msg);
      return { providerId: `SMout${sent.length}` };
    },
  };
  /** A server process: its own connection to the database, and its own spool. */
  const servers: { fft: FftApp; outage: Outage; spoolDir: string }[] = [];

  async function server() {
    const outage = await dialect.outage(db);
    const spoolDir = join(root, `spool-${servers.length}`);
    const settings = { ...DEFAULT_SMS_SETTINGS, twilioAuthToken: TWILIO_TOKEN, notifyInboundToken: NOTIFY_TOKEN };
    const fft = createApp({ store: outage.store, clock, logger: createLogger('silent'), alertDelayMs: 60_000, publicUrl: PUBLIC_URL, secret: SECRET, sms: { settings, provider, spoolDir } });
    const s = { fft, outage, spoolDir };
    servers.push(s);
    return {
      ...s,
      spooled: () => readdirSync(spoolDir).filter((n) => n.endsWith('.json')).sort(),
      /** `sid` is made unique to the test: the suite shares one database, where a message id is remembered. */
      twilio(from: string, text: string, sid: string) {
        sid = `${sid}-${numbers}`;
        const params = { MessageSid: sid, SmsMessageSid: sid, AccountSid: 'AC0123456789abcdef0123456789abcdef', From: from, To: '+447700900999', Body: text, NumMedia: '0' };
        const data = `${PUBLIC_URL}/sms/twilio${Object.keys(params).sort().map((k) => k + params[k as keyof typeof params]).join('')}`;
        return fft.app.request('/sms/twilio', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': createHmac('sha1', TWILIO_TOKEN).update(data).digest('base64') },
          body: new URLSearchParams(params).toString(),
        });
      },
      notify(from: string, text: string, id: string) {
        id = `${id}-${numbers}`;
        return fft.app.request('/sms/notify', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${NOTIFY_TOKEN}` },
          body: JSON.stringify({ id, source_number: from.slice(1), destination_number: '07700900999', message: text, date_received: clock().toISOString() }),
        });
      },
    };
  }

  let numbers = 100;
  /** A patient whose invitation was sent: the conversation waits for the score. */
  async function patient() {
    const phone = `+447700900${++numbers}`;
    const id = crypto.randomUUID();
    const at = clock().toISOString();
    await store.createSmsInvitations(
      [{ id, unitCode: 'W1', phone, phoneHash: phoneHash(SECRET, phone), question: 'fft-2020', language: 'en', visitDate: '2026-11-22', sendAt: at, createdAt: at, eraseAfter: '2026-11-30T10:00:00.000Z' }],
      { throttleSince: at },
    );
    expect(await store.claimDueSmsInvitations({ now: at, leaseUntil: at, limit: 10 })).toHaveLength(1);
    expect(await store.recordSmsSend(id, { kind: 'sent', at, provider: 'twilio', providerMessageId: `SMinv${id}` })).toBe(true);
    return { phone, invitation: () => store.getSmsInvitation(id) };
  }

  /** Responses stored by this test (one database serves the suite), with rollups checked against a recount. */
  let before = 0;
  async function responses() {
    expect(await store.dailyCounts()).toEqual(await store.recountDaily());
    return (await store.countResponses()) - before;
  }

  beforeAll(async () => {
    db = await dialect.db();
    store = db.open();
    await store.migrate();
    await store.upsertOrg(ORG);
  });
  afterAll(async () => {
    await store.close();
    await db.cleanup();
  });
  beforeEach(async () => {
    clock.set(NOW);
    sent = [];
    root = mkdtempSync(join(tmpdir(), 'fft-inbox-'));
    before = await store.countResponses();
  });
  afterEach(async () => {
    for (const { fft, outage } of servers.splice(0)) {
      await fft.smsInbox.stop();
      fft.alerts.stop();
      await fft.writer.drain();
      await fft.comments.flush();
      await outage.close();
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('acknowledges a score once it is on disk, applies it once when the database is back, and asks for the comment', async () => {
    const s = await server();
    const p = await patient();
    s.outage.down();
    const res = await s.twilio(p.phone, '2', 'SM1');
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(EMPTY_TWIML);
    expect(s.spooled()).toHaveLength(1);
    // Still down: the pass stops at the first text and keeps it.
    await s.fft.smsInbox.replay();
    expect(s.spooled()).toHaveLength(1);
    expect(await responses()).toBe(0);

    s.outage.up();
    await s.fft.smsInbox.replay();
    expect(s.spooled()).toEqual([]);
    expect(await responses()).toBe(1);
    const invitation = await p.invitation();
    expect(invitation).toMatchObject({ conversation: 'awaiting-comment', answeredAt: NOW });
    expect(await store.getResponse(invitation!.responseId!)).toMatchObject({ answer: 2, channel: 'sms', answeredAt: NOW });
    expect(sent).toEqual([{ to: p.phone, body: smsText('askComment', { language: 'en' }), reference: `reply-SM1-${numbers}` }]);

    // Twilio delivering the same message again, live: a repeat, not a comment "2".
    const again = await s.twilio(p.phone, '2', 'SM1');
    expect(await again.text()).toBe(EMPTY_TWIML);
    expect(await responses()).toBe(1);
    expect((await p.invitation())?.conversation).toBe('awaiting-comment');
    expect(sent).toHaveLength(1);
  });

  it('applies the score and the comment in the order they came, with a text that comes before the queue is empty behind them', async () => {
    const s = await server();
    const p = await patient();
    s.outage.down();
    for (const [text, sid] of [['1', 'SM1'], ['Lovely staff', 'SM2']]) expect((await s.twilio(p.phone, text!, sid!)).status).toBe(200);
    s.outage.up();
    // Back, but two texts wait: this one queues behind them rather than being read as the comment's first part.
    const third = await s.twilio(p.phone, 'and the food was hot', 'SM3');
    expect(await third.text()).toBe(EMPTY_TWIML);
    await s.fft.smsInbox.replay();
    expect(s.spooled()).toEqual([]);
    expect(await responses()).toBe(1);
    const invitation = await p.invitation();
    expect(invitation?.conversation).toBe('done');
    expect(await store.getResponse(invitation!.responseId!)).toMatchObject({ answer: 1, comment: 'Lovely staff\nand the food was hot' });
    expect(sent.map((m) => m.body)).toEqual([smsText('askComment', { language: 'en' }), smsText('thanks', { language: 'en' })]);
    // The queue is empty: the next text is applied live, and answered on the webhook.
    const live = await s.twilio(p.phone, 'Stop please', 'SM4');
    expect(await live.text()).toBe(twimlReply(smsText('optOutConfirmed', { language: 'en' })));
  });

  it('applies a Notify callback delivered twice (spooled both times) once, and answers it once', async () => {
    const s = await server();
    const p = await patient();
    s.outage.down();
    for (let i = 0; i < 2; i++) {
      const res = await s.notify(p.phone, '3', 'b4a1c2d3-0000-4000-8000-000000000001');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ result: 'spooled' });
    }
    expect(s.spooled()).toHaveLength(2);
    s.outage.up();
    await s.fft.smsInbox.replay();
    expect(s.spooled()).toEqual([]);
    expect(await responses()).toBe(1);
    expect((await p.invitation())?.conversation).toBe('awaiting-comment');
    expect(sent).toHaveLength(1);
  });

  it('does not apply a text again when a crash came between its commit and its removal from the spool', async () => {
    const s = await server();
    const p = await patient();
    s.outage.down();
    await s.twilio(p.phone, '4', 'SM1');
    const [name] = s.spooled();
    const content = readFileSync(join(s.spoolDir, name!));
    s.outage.up();
    await s.fft.smsInbox.replay();
    expect(await responses()).toBe(1);
    // As the disk would be had the process died just before the unlink.
    writeFileSync(join(s.spoolDir, name!), content);
    await s.fft.smsInbox.replay();
    expect(s.spooled()).toEqual([]);
    expect(await responses()).toBe(1);
    expect((await p.invitation())?.conversation).toBe('awaiting-comment');
    expect(sent).toHaveLength(1);
  });

  it('stores an answer applied more than an hour after it came, as of when it came, without a reply', async () => {
    const s = await server();
    const p = await patient();
    s.outage.down();
    await s.twilio(p.phone, 'Very good', 'SM1');
    clock.advance(LATE_REPLY_MS + 1);
    s.outage.up();
    await s.fft.smsInbox.replay();
    expect(await responses()).toBe(1);
    const invitation = await p.invitation();
    expect(await store.getResponse(invitation!.responseId!)).toMatchObject({ answer: 1, answeredAt: NOW });
    expect(sent).toEqual([]);
  });

  it('two server processes, each given the text by the provider and each replaying it at once, apply it once and answer it once', async () => {
    const [a, b] = [await server(), await server()];
    const p = await patient();
    a.outage.down();
    b.outage.down();
    expect((await a.twilio(p.phone, '5', 'SM1')).status).toBe(200);
    expect((await b.twilio(p.phone, '5', 'SM1')).status).toBe(200);
    a.outage.up();
    b.outage.up();
    await Promise.all([a.fft.smsInbox.replay(), b.fft.smsInbox.replay()]);
    expect([...a.spooled(), ...b.spooled()]).toEqual([]);
    expect(await responses()).toBe(1);
    expect((await p.invitation())?.conversation).toBe('awaiting-comment');
    expect(sent).toHaveLength(1);
  });
});

describe('a text that cannot be spooled', () => {
  it('is refused with 503 (the provider not told it arrived) when the spool cannot be written, as when there is none', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fft-inbox-'));
    const db = tempSqlite();
    const setup = db.open();
    await setup.migrate();
    await setup.close();
    // A file where the spool directory should be.
    writeFileSync(join(root, 'not-a-directory'), '');
    const outage = sqliteOutage(db);
    const settings = { ...DEFAULT_SMS_SETTINGS, notifyInboundToken: NOTIFY_TOKEN };
    const logger = createLogger('silent');
    try {
      for (const sms of [{ settings, spoolDir: join(root, 'not-a-directory', 'spool') }, { settings }]) {
        const fft = createApp({ store: outage.store, clock: fixedClock(NOW), logger, sms });
        outage.down();
        const res = await fft.app.request('/sms/notify', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${NOTIFY_TOKEN}` },
          body: JSON.stringify({ id: 'b4a1c2d3-0000-4000-8000-000000000002', source_number: '447700900123', destination_number: '07700900999', message: '1' }),
        });
        expect(res.status).toBe(503);
        expect(((await res.json()) as any).error.code).toBe('database_unavailable');
        outage.up();
        fft.alerts.stop();
      }
    } finally {
      await outage.close();
      await db.cleanup();
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('the replay, with a stand-in for the database', () => {
  it('replays at start and on each tick, and once stopped (after the pass under way ends) replays nothing more, leaving what waits on disk', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fft-inbox-'));
    const clock = fixedClock(NOW);
    const logger = createLogger('silent');
    const spool = createInboundSpool({ dir: root, clock, logger });
    const text = (id: string): InboundSms => ({ provider: 'twilio', providerMessageId: id, from: '+447700900123', to: '+447700900999', text: '1', receivedAt: clock() });
    const received: string[] = [];
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const receiver: SmsReceiver = {
      async receive(sms) {
        received.push(sms.providerMessageId);
        // The second text is still being applied when the server stops.
        if (sms.providerMessageId === 'SM2') await held;
        return { result: 'nothing', action: null, reply: null };
      },
    };
    const inbox = createSmsInbox({ receiver, spool, reply: async () => {}, clock, logger, replayEveryMs: 10 });
    try {
      await spool.append(text('SM1'));
      inbox.start();
      await vi.waitFor(() => expect(received).toEqual(['SM1']), { interval: 5 });
      await spool.append(text('SM2'));
      await vi.waitFor(() => expect(received).toEqual(['SM1', 'SM2']), { interval: 5 });
      let stopped = false;
      const stopping = inbox.stop().then(() => void (stopped = true));
      await new Promise((resolve) => setImmediate(resolve));
      expect(stopped).toBe(false);
      release();
      await stopping;
      await spool.append(text('SM3'));
      await inbox.replay();
      expect(received).toEqual(['SM1', 'SM2']);
      expect((await spool.waiting()).length).toBe(1);
    } finally {
      release();
      await inbox.stop();
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('sets a text that fails for another reason than the database aside (.failed, for someone to look at) and goes on with the next', async () => {
    const root = mkdtempSync(join(tmpdir(), 'fft-inbox-'));
    const clock = fixedClock(NOW);
    const logger = createLogger('silent');
    const spool = createInboundSpool({ dir: root, clock, logger });
    const received: string[] = [];
    const receiver: SmsReceiver = {
      async receive(sms) {
        received.push(sms.providerMessageId);
        if (sms.providerMessageId === 'SM1') throw new Error('the conversation kept changing while a text was applied (5 tries)');
        return { result: 'nothing', action: null, reply: null };
      },
    };
    const inbox = createSmsInbox({ receiver, spool, reply: async () => {}, clock, logger });
    try {
      for (const id of ['SM1', 'SM2']) await spool.append({ provider: 'twilio', providerMessageId: id, from: '+447700900123', to: '', text: '1', receivedAt: clock() });
      const [first] = await spool.waiting();
      await inbox.replay();
      expect(received).toEqual(['SM1', 'SM2']);
      const failed = first!.replace(/\.json$/, '.failed');
      expect(readdirSync(root)).toEqual([failed]);
      // Kept for someone to look at, but no longer than the phone number in it is kept anywhere.
      const old = (Date.now() - SET_ASIDE_KEEP_MS - 60_000) / 1000;
      utimesSync(join(root, failed), old, old);
      // Looked for hourly, not on every pass.
      await inbox.replay();
      expect(readdirSync(root)).toEqual([failed]);
      clock.advance(PURGE_EVERY_MS);
      await inbox.replay();
      expect(readdirSync(root)).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
