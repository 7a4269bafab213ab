/**
 * The sms store contract: what both adapters must do with invitations, opt-outs and inbound
 * message ids, run against SQLite and PostgreSQL alike.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { ORG, response } from './store.contract.ts';
import type { NewSmsInvitation } from './sms-store.ts';
import type { Dialect, Store } from './store.ts';
import type { TestDb } from './testing.ts';

const DAY = 86_400_000;
const NOW = '2026-11-22T10:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(NOW) + offsetMs).toISOString();

let numbers = 0;
/** A made-up hash and number per test, so tests never see each other's rows. */
function patient() {
  numbers += 1;
  const n = `${Math.random().toString(16).slice(2)}${numbers}`;
  return { phone: `+447700900${String(numbers).padStart(3, '0')}`, phoneHash: `hash-${n}` };
}

function invitation(overrides: Partial<NewSmsInvitation> = {}): NewSmsInvitation {
  return {
    id: uuidv7(),
    unitCode: 'W1',
    ...patient(),
    question: 'fft-2020',
    language: 'en',
    visitDate: '2026-11-21',
    sendAt: NOW,
    createdAt: NOW,
    eraseAfter: at(7 * DAY),
    ...overrides,
  };
}

/**
 * SQL run on the test database over a connection of its own, as anyone able to read the tables
 * could. Parameters are written $1, $2… in the order they appear.
 */
async function rawQuery(db: TestDb, dialect: Dialect, text: string, params: string[] = []): Promise<Record<string, unknown>[]> {
  if (dialect === 'sqlite') {
    const conn = new Database(db.target, { readonly: true });
    try {
      return conn.prepare(text.replace(/\$\d+/g, '?')).all(...params) as Record<string, unknown>[];
    } finally {
      conn.close();
    }
  }
  const client = new pg.Client({ connectionString: db.target });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

export function describeSmsStoreContract(name: string, makeDb: () => Promise<TestDb>) {
  describe(`sms store contract: ${name}`, () => {
    let db: TestDb;
    let store: Store;
    const throttleSince = at(-30 * DAY);

    beforeAll(async () => {
      db = await makeDb();
      store = db.open();
      await store.migrate();
      await store.upsertOrg(ORG);
    });
    afterAll(async () => {
      await store?.close();
      await db?.cleanup();
    });
    // Each test claims from an empty queue: whatever an earlier test left queued is closed.
    beforeEach(async () => {
      for (const left of await store.claimDueSmsInvitations({ now: '2100-01-01T00:00:00.000Z', leaseUntil: '2100-01-02T00:00:00.000Z', limit: 10_000 })) {
        await store.recordSmsSend(left.id, { kind: 'stopped', status: 'closed', error: null });
      }
    });

    /** Creates one invitation, claims it and records it sent at `sentAt`: the start of every conversation. */
    async function sentInvitation(overrides: Partial<NewSmsInvitation> = {}, sentAt = NOW) {
      const row = invitation({ ...overrides, sendAt: at(-365 * DAY) });
      expect(await store.createSmsInvitations([row], { throttleSince })).toEqual([{ status: 'queued', id: row.id }]);
      // Claim only this one: the earliest due, as nothing else is due a year ago.
      const claimed = await store.claimDueSmsInvitations({ now: at(-365 * DAY), leaseUntil: at(-364 * DAY), limit: 1 });
      expect(claimed.map((c) => c.id)).toEqual([row.id]);
      expect(await store.recordSmsSend(row.id, { kind: 'sent', at: sentAt, provider: 'twilio', providerMessageId: `SM${row.id}` })).toBe(true);
      return row;
    }

    it('stores an invitation queued for its send time, with the number and its hash', async () => {
      const row = invitation({ sendAt: at(DAY), language: 'pl', question: 'fft-2013', unitCode: 'DN' });
      expect(await store.createSmsInvitations([row], { throttleSince })).toEqual([{ status: 'queued', id: row.id }]);
      expect(await store.getSmsInvitation(row.id)).toEqual({
        id: row.id, unitCode: 'DN', phone: row.phone, phoneHash: row.phoneHash, question: 'fft-2013', language: 'pl', visitDate: '2026-11-21',
        status: 'queued', conversation: 'awaiting-answer', attempts: 0, nextAttemptAt: at(DAY), lastError: null, provider: null,
        providerMessageId: null, helpSent: false, responseId: null, answeredAt: null, commentedAt: null, createdAt: NOW, sentAt: null,
        eraseAfter: at(7 * DAY), erasedAt: null,
      });
      expect(await store.getSmsInvitation(uuidv7())).toBeUndefined();
    });

    it('throttles: one invitation per number per unit per 30 days, counting rows earlier in the same batch', async () => {
      const p = patient();
      const first = invitation({ ...p, createdAt: at(-29 * DAY) });
      expect(await store.createSmsInvitations([first], { throttleSince })).toEqual([{ status: 'queued', id: first.id }]);
      const again = invitation({ ...p });
      const otherUnit = invitation({ ...p, unitCode: 'ED' });
      const otherUnitTwice = invitation({ ...p, unitCode: 'ED' });
      const otherNumber = invitation();
      expect(await store.createSmsInvitations([again, otherUnit, otherUnitTwice, otherNumber], { throttleSince })).toEqual([
        { status: 'throttled' },
        { status: 'queued', id: otherUnit.id },
        { status: 'throttled' },
        { status: 'queued', id: otherNumber.id },
      ]);
      expect(await store.getSmsInvitation(again.id)).toBeUndefined();
      // 30 days after the first, the number may be invited to that unit again.
      const later = invitation({ ...p, createdAt: at(2 * DAY) });
      expect(await store.createSmsInvitations([later], { throttleSince: at(2 * DAY - 30 * DAY) })).toEqual([{ status: 'queued', id: later.id }]);
      // Exactly 30 days on is after the period.
      const q = patient();
      await store.createSmsInvitations([invitation({ ...q, createdAt: throttleSince })], { throttleSince: at(-60 * DAY) });
      const onTheDay = invitation({ ...q });
      expect(await store.createSmsInvitations([onTheDay], { throttleSince })).toEqual([{ status: 'queued', id: onTheDay.id }]);
    });

    it('lets one of several concurrent invitations for a number and unit through', async () => {
      const p = patient();
      const outcomes = (await Promise.all(Array.from({ length: 4 }, () => store.createSmsInvitations([invitation({ ...p })], { throttleSince })))).flat();
      expect(outcomes.filter((o) => o.status === 'queued')).toHaveLength(1);
      expect(outcomes.filter((o) => o.status === 'throttled')).toHaveLength(3);
    });

    it('never stores an invitation for an opted-out number, and an opt-out closes its unsent invitations', async () => {
      const p = patient();
      const queued = invitation({ ...p, sendAt: at(DAY) });
      await store.createSmsInvitations([queued], { throttleSince });
      expect(await store.isSmsOptedOut(p.phoneHash)).toBe(false);
      await store.optOutSms(p.phoneHash, NOW);
      await store.optOutSms(p.phoneHash, at(1000));
      expect(await store.isSmsOptedOut(p.phoneHash)).toBe(true);
      expect(await store.getSmsInvitation(queued.id)).toMatchObject({ status: 'skipped-opted-out', nextAttemptAt: null });
      const refused = invitation({ ...p, unitCode: 'ED' });
      expect(await store.createSmsInvitations([refused], { throttleSince })).toEqual([{ status: 'opted-out' }]);
      expect(await store.getSmsInvitation(refused.id)).toBeUndefined();
    });

    it('claims only what is due, once, and again when a claim lapses', async () => {
      const base = at(100 * DAY);
      const plus = (ms: number) => new Date(Date.parse(base) + ms).toISOString();
      const dueFirst = invitation({ sendAt: plus(-2000) });
      const dueSecond = invitation({ sendAt: plus(-1000) });
      const notYet = invitation({ sendAt: plus(60_000) });
      await store.createSmsInvitations([notYet, dueSecond, dueFirst], { throttleSince });
      const claimed = await store.claimDueSmsInvitations({ now: base, leaseUntil: plus(300_000), limit: 10 });
      expect(claimed.map((c) => c.id).sort()).toEqual([dueFirst.id, dueSecond.id].sort());
      for (const c of claimed) expect(c).toMatchObject({ status: 'sending', attempts: 1, nextAttemptAt: plus(300_000), phone: expect.stringMatching(/^\+447/) });
      expect(await store.claimDueSmsInvitations({ now: plus(1000), leaseUntil: plus(300_000), limit: 10 })).toEqual([]);
      // The sender died: after the lease, another takes them (and the notYet one, now due).
      const again = await store.claimDueSmsInvitations({ now: plus(300_000), leaseUntil: plus(600_000), limit: 10 });
      expect(again.map((c) => c.id).sort()).toEqual([dueFirst.id, dueSecond.id, notYet.id].sort());
      expect(again.find((c) => c.id === dueFirst.id)?.attempts).toBe(2);
      for (const c of again) await store.recordSmsSend(c.id, { kind: 'stopped', status: 'closed', error: null });
    });

    it('claims the earliest due first when there are more than the limit', async () => {
      const base = at(200 * DAY);
      const plus = (ms: number) => new Date(Date.parse(base) + ms).toISOString();
      const rows = [3, 1, 2].map((n) => invitation({ sendAt: plus(-n * 1000) }));
      await store.createSmsInvitations(rows, { throttleSince });
      const first = await store.claimDueSmsInvitations({ now: base, leaseUntil: plus(DAY), limit: 2 });
      expect(first.map((c) => c.id).sort()).toEqual([rows[0]!.id, rows[2]!.id].sort());
      const rest = await store.claimDueSmsInvitations({ now: base, leaseUntil: plus(DAY), limit: 2 });
      expect(rest.map((c) => c.id)).toEqual([rows[1]!.id]);
      for (const c of [...first, ...rest]) await store.recordSmsSend(c.id, { kind: 'stopped', status: 'closed', error: null });
    });

    it('never gives one invitation to two concurrent senders', async () => {
      const base = at(300 * DAY);
      const plus = (ms: number) => new Date(Date.parse(base) + ms).toISOString();
      const rows = Array.from({ length: 30 }, (_, i) => invitation({ sendAt: plus(-i * 10) }));
      await store.createSmsInvitations(rows, { throttleSince });
      const claims = await Promise.all(Array.from({ length: 6 }, () => store.claimDueSmsInvitations({ now: base, leaseUntil: plus(DAY), limit: 7 })));
      const ids = claims.flat().map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(rows.map((r) => r.id).sort());
      for (const id of ids) await store.recordSmsSend(id, { kind: 'stopped', status: 'closed', error: null });
    });

    it('records a send: sent, a retry (queued again), or stopped; only while it is being sent', async () => {
      const base = at(400 * DAY);
      const plus = (ms: number) => new Date(Date.parse(base) + ms).toISOString();
      const [a, b, c] = [invitation({ sendAt: base }), invitation({ sendAt: base }), invitation({ sendAt: base })];
      await store.createSmsInvitations([a!, b!, c!], { throttleSince });
      await store.claimDueSmsInvitations({ now: base, leaseUntil: plus(60_000), limit: 3 });
      expect(await store.recordSmsSend(a!.id, { kind: 'sent', at: base, provider: 'notify', providerMessageId: 'n-1' })).toBe(true);
      expect(await store.getSmsInvitation(a!.id)).toMatchObject({ status: 'sent', sentAt: base, provider: 'notify', providerMessageId: 'n-1', nextAttemptAt: null, attempts: 1 });
      expect(await store.recordSmsSend(b!.id, { kind: 'retry', nextAttemptAt: plus(120_000), error: 'Notify refused the text (503)' })).toBe(true);
      expect(await store.getSmsInvitation(b!.id)).toMatchObject({ status: 'queued', nextAttemptAt: plus(120_000), lastError: 'Notify refused the text (503)', attempts: 1 });
      expect(await store.recordSmsSend(c!.id, { kind: 'stopped', status: 'undeliverable', error: 'Twilio refused the text (400 21211)' })).toBe(true);
      expect(await store.getSmsInvitation(c!.id)).toMatchObject({ status: 'undeliverable', lastError: 'Twilio refused the text (400 21211)', nextAttemptAt: null });
      // Not being sent any more: nothing is recorded over it.
      expect(await store.recordSmsSend(a!.id, { kind: 'stopped', status: 'failed', error: 'late' })).toBe(false);
      expect(await store.recordSmsSend(b!.id, { kind: 'sent', at: base, provider: 'notify', providerMessageId: 'n-2' })).toBe(false);
      expect((await store.getSmsInvitation(a!.id))?.status).toBe('sent');
      const retried = await store.claimDueSmsInvitations({ now: plus(120_000), leaseUntil: plus(180_000), limit: 5 });
      expect(retried.map((r) => [r.id, r.attempts])).toEqual([[b!.id, 2]]);
      await store.recordSmsSend(b!.id, { kind: 'stopped', status: 'failed', error: 'gave up' });
    });

    it('finds a number’s latest sent, unerased invitation as its conversation', async () => {
      const p = patient();
      expect(await store.findSmsConversation(p.phoneHash)).toBeUndefined();
      const older = await sentInvitation({ ...p, unitCode: 'ED' }, at(-2 * DAY));
      const newer = await sentInvitation({ ...p, unitCode: 'W1' }, at(-DAY));
      // Queued but not yet sent: not the conversation.
      await store.createSmsInvitations([invitation({ ...p, unitCode: 'DN', sendAt: at(DAY) })], { throttleSince });
      expect((await store.findSmsConversation(p.phoneHash))?.id).toBe(newer.id);
      expect(older.id).not.toBe(newer.id);
    });

    it('holds a response id for the answer: the first offered, given again to a retry, only while the answer is awaited', async () => {
      const inv = await sentInvitation();
      const [first, second] = [uuidv7(), uuidv7()];
      expect(await store.holdSmsResponseId(inv.id, first)).toBe(first);
      // A retry after a crash offers a new id and is given the one held.
      expect(await store.holdSmsResponseId(inv.id, second)).toBe(first);
      expect(await store.getSmsInvitation(inv.id)).toMatchObject({ responseId: first, conversation: 'awaiting-answer', answeredAt: null });
      // Offers racing: one id is held, and every one of them is told which.
      const other = await sentInvitation();
      const offered = Array.from({ length: 4 }, () => uuidv7());
      const held = await Promise.all(offered.map((id) => store.holdSmsResponseId(other.id, id)));
      expect(new Set(held).size).toBe(1);
      expect(offered).toContain(held[0]);
      // Answered: nothing more is held.
      const r = response({ id: first, unitCode: 'W1', channel: 'sms', mode: 'sms' });
      await store.insertResponses([r]);
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: `SM-hold-${inv.id}`, receivedAt: NOW, change: { kind: 'answered', invitationId: inv.id, responseId: second, answeredAt: NOW, eraseAfter: at(8 * DAY) } })).toBe('conflict');
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: `SM-hold-${inv.id}`, receivedAt: NOW, change: { kind: 'answered', invitationId: inv.id, responseId: first, answeredAt: NOW, eraseAfter: at(8 * DAY) } })).toBe('applied');
      expect(await store.holdSmsResponseId(inv.id, uuidv7())).toBeUndefined();
      expect((await store.getSmsInvitation(inv.id))?.responseId).toBe(first);
      // Not sent, unknown, or erased: nothing is held.
      const queued = invitation({ sendAt: at(DAY) });
      await store.createSmsInvitations([queued], { throttleSince });
      expect(await store.holdSmsResponseId(queued.id, uuidv7())).toBeUndefined();
      expect((await store.getSmsInvitation(queued.id))?.responseId).toBeNull();
      expect(await store.holdSmsResponseId(uuidv7(), uuidv7())).toBeUndefined();
      const erased = await sentInvitation({ eraseAfter: at(-1) });
      await store.eraseSmsPhones({ now: NOW, inboundBefore: at(-7 * DAY) });
      expect(await store.holdSmsResponseId(erased.id, uuidv7())).toBeUndefined();
      expect((await store.getSmsInvitation(erased.id))?.responseId).toBeNull();
    });

    it('answers: records the message id and moves the invitation on in one step; a redelivery or a stale decision changes nothing', async () => {
      const inv = await sentInvitation();
      const r = response({ unitCode: 'W1', channel: 'sms', mode: 'sms', answer: 2 });
      expect(await store.holdSmsResponseId(inv.id, r.id)).toBe(r.id);
      await store.insertResponses([r]);
      const answered = { kind: 'answered' as const, invitationId: inv.id, responseId: r.id, answeredAt: NOW, eraseAfter: at(8 * DAY) };
      // Only with the response id the invitation holds.
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-a0', receivedAt: NOW, change: { ...answered, responseId: uuidv7() } })).toBe('conflict');
      expect(await store.smsInboundSeen('twilio', 'SM-a0')).toBe(false);
      expect(await store.smsInboundSeen('twilio', 'SM-a1')).toBe(false);
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-a1', receivedAt: NOW, change: answered })).toBe('applied');
      expect(await store.smsInboundSeen('twilio', 'SM-a1')).toBe(true);
      expect(await store.smsInboundSeen('notify', 'SM-a1')).toBe(false);
      expect(await store.getSmsInvitation(inv.id)).toMatchObject({ conversation: 'awaiting-comment', responseId: r.id, answeredAt: NOW, eraseAfter: at(8 * DAY) });
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-a1', receivedAt: NOW, change: answered })).toBe('duplicate');
      // A second text decided from the old state (two texts racing): refused, and its id not kept.
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-a2', receivedAt: NOW, change: answered })).toBe('conflict');
      expect(await store.smsInboundSeen('twilio', 'SM-a2')).toBe(false);
    });

    it('answers with the comment in the same text: the comment step is done at once', async () => {
      const inv = await sentInvitation();
      const r = response({ unitCode: 'W1', channel: 'sms', mode: 'sms', answer: 2, comment: 'good but slow' });
      expect(await store.holdSmsResponseId(inv.id, r.id)).toBe(r.id);
      await store.insertResponses([r]);
      const change = { kind: 'answered' as const, invitationId: inv.id, responseId: r.id, answeredAt: NOW, eraseAfter: at(8 * DAY), commentedAt: NOW };
      expect(await store.applySmsInbound({ provider: 'notify', messageId: 'N-ac1', receivedAt: NOW, change })).toBe('applied');
      expect(await store.getSmsInvitation(inv.id)).toMatchObject({ conversation: 'done', responseId: r.id, answeredAt: NOW, commentedAt: NOW });
      // A later part of the comment is appended to it.
      const more = { kind: 'commented' as const, invitationId: inv.id, responseId: r.id, comment: 'good but slow\nand cold food', previous: 'good but slow', at: NOW };
      expect(await store.applySmsInbound({ provider: 'notify', messageId: 'N-ac2', receivedAt: NOW, change: more })).toBe('applied');
      expect((await store.getResponse(r.id))?.comment).toBe('good but slow\nand cold food');
    });

    it('applies one text delivered twice at the same moment once', async () => {
      const inv = await sentInvitation();
      const r = response({ unitCode: 'W1', channel: 'sms', mode: 'sms', answer: 1 });
      await store.holdSmsResponseId(inv.id, r.id);
      await store.insertResponses([r]);
      const change = { kind: 'answered' as const, invitationId: inv.id, responseId: r.id, answeredAt: NOW, eraseAfter: at(8 * DAY) };
      const results = await Promise.all([1, 2, 3].map(() => store.applySmsInbound({ provider: 'notify', messageId: `n-race-${inv.id}`, receivedAt: NOW, change })));
      expect(results.sort()).toEqual(['applied', 'duplicate', 'duplicate']);
    });

    it('comments: attaches to the response only while it has none, then appends only onto what is there', async () => {
      const inv = await sentInvitation();
      const r = response({ unitCode: 'W1', channel: 'sms', mode: 'sms', answer: 4 });
      await store.holdSmsResponseId(inv.id, r.id);
      await store.insertResponses([r]);
      await store.applySmsInbound({ provider: 'notify', messageId: 'n-c0', receivedAt: NOW, change: { kind: 'answered', invitationId: inv.id, responseId: r.id, answeredAt: NOW, eraseAfter: at(8 * DAY) } });
      // Long, multi-script, emoji: kept exactly.
      const long = `${'Bardzo miła obsługa 🙏🏽 شكراً جزيلاً 谢谢 '.repeat(130)}`.slice(0, 4990);
      const comment = { kind: 'commented' as const, invitationId: inv.id, responseId: r.id, comment: long, previous: null, at: at(60_000) };
      expect(await store.applySmsInbound({ provider: 'notify', messageId: 'n-c1', receivedAt: NOW, change: comment })).toBe('applied');
      expect((await store.getResponse(r.id))?.comment).toBe(long);
      expect(await store.getSmsInvitation(inv.id)).toMatchObject({ conversation: 'done', commentedAt: at(60_000) });
      // The same first part again under a new id: the response already has a comment.
      expect(await store.applySmsInbound({ provider: 'notify', messageId: 'n-c2', receivedAt: NOW, change: { ...comment, comment: 'other' } })).toBe('conflict');
      const appended = `${long}\nand the food`;
      expect(await store.applySmsInbound({ provider: 'notify', messageId: 'n-c3', receivedAt: NOW, change: { ...comment, comment: appended, previous: 'not what is stored' } })).toBe('conflict');
      expect(await store.applySmsInbound({ provider: 'notify', messageId: 'n-c4', receivedAt: NOW, change: { ...comment, comment: appended, previous: long } })).toBe('applied');
      expect((await store.getResponse(r.id))?.comment).toBe(appended);
      // The response's figures are untouched by a comment.
      expect(await store.dailyCounts()).toEqual(await store.recountDaily());
    });

    it('help is marked once; an opt-out by text is recorded and confirmed only once', async () => {
      const inv = await sentInvitation();
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-h1', receivedAt: NOW, change: { kind: 'help', invitationId: inv.id } })).toBe('applied');
      expect((await store.getSmsInvitation(inv.id))?.helpSent).toBe(true);
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-h2', receivedAt: NOW, change: { kind: 'help', invitationId: inv.id } })).toBe('conflict');
      const queued = invitation({ phone: inv.phone, phoneHash: inv.phoneHash, unitCode: 'ED', sendAt: at(DAY) });
      await store.createSmsInvitations([queued], { throttleSince });
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-s1', receivedAt: NOW, change: { kind: 'optOut', phoneHash: inv.phoneHash, at: NOW } })).toBe('applied');
      expect(await store.isSmsOptedOut(inv.phoneHash)).toBe(true);
      expect((await store.getSmsInvitation(queued.id))?.status).toBe('skipped-opted-out');
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-s1', receivedAt: NOW, change: { kind: 'optOut', phoneHash: inv.phoneHash, at: NOW } })).toBe('duplicate');
    });

    it('START lifts an opt-out, keeping when it was given and when it was lifted; what the opt-out closed stays closed', async () => {
      const inv = await sentInvitation();
      const p = { phone: inv.phone, phoneHash: inv.phoneHash };
      const optIn = (messageId: string, when: string) =>
        store.applySmsInbound({ provider: 'twilio', messageId, receivedAt: when, change: { kind: 'optIn', phoneHash: p.phoneHash, at: when } });
      const standing = async () => rawQuery(db, store.dialect, 'SELECT at, opted_in_at FROM sms_opt_outs WHERE phone_hash = $1', [p.phoneHash]);
      // A number never opted out has nothing to lift: read again, it is not opted out.
      expect(await optIn('SM-i0', NOW)).toBe('conflict');
      expect(await standing()).toEqual([]);

      const queued = invitation({ ...p, unitCode: 'ED', sendAt: at(DAY) });
      await store.createSmsInvitations([queued], { throttleSince });
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-o1', receivedAt: NOW, change: { kind: 'optOut', phoneHash: p.phoneHash, at: NOW } })).toBe('applied');
      // STOP again while opted out: the first time stands.
      await store.optOutSms(p.phoneHash, at(500));
      expect(await standing()).toEqual([{ at: NOW, opted_in_at: null }]);

      expect(await optIn('SM-i1', at(1000))).toBe('applied');
      expect(await store.isSmsOptedOut(p.phoneHash)).toBe(false);
      expect(await standing()).toEqual([{ at: NOW, opted_in_at: at(1000) }]);
      expect(await optIn('SM-i1', at(1000))).toBe('duplicate');
      // START again once opted in: nothing left to lift.
      expect(await optIn('SM-i2', at(1500))).toBe('conflict');
      expect(await standing()).toEqual([{ at: NOW, opted_in_at: at(1000) }]);

      // The invitation the opt-out cancelled is not sent after all; a new one is queued.
      expect(await store.getSmsInvitation(queued.id)).toMatchObject({ status: 'skipped-opted-out', nextAttemptAt: null });
      expect(await store.claimDueSmsInvitations({ now: at(2 * DAY), leaseUntil: at(3 * DAY), limit: 100 })).toEqual([]);
      const fresh = invitation({ ...p, unitCode: 'DN', sendAt: at(DAY) });
      expect(await store.createSmsInvitations([fresh], { throttleSince })).toEqual([{ status: 'queued', id: fresh.id }]);

      // STOP after START: opted out afresh, from its own time, and the new invitation closed.
      expect(await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-o2', receivedAt: at(2000), change: { kind: 'optOut', phoneHash: p.phoneHash, at: at(2000) } })).toBe('applied');
      expect(await store.isSmsOptedOut(p.phoneHash)).toBe(true);
      expect(await standing()).toEqual([{ at: at(2000), opted_in_at: null }]);
      expect((await store.getSmsInvitation(fresh.id))?.status).toBe('skipped-opted-out');
      expect(await store.createSmsInvitations([invitation({ ...p, unitCode: 'W1' })], { throttleSince })).toEqual([{ status: 'opted-out' }]);
    });

    it('erases phone numbers and response links past their time, keeps the hash, closes unsent ones, forgets old message ids', async () => {
      const base = at(500 * DAY);
      const plus = (ms: number) => new Date(Date.parse(base) + ms).toISOString();
      const answered = await sentInvitation({ eraseAfter: plus(-1) });
      const r = response({ unitCode: 'W1', channel: 'sms', mode: 'sms' });
      await store.holdSmsResponseId(answered.id, r.id);
      await store.insertResponses([r]);
      await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-e1', receivedAt: plus(-8 * DAY), change: { kind: 'answered', invitationId: answered.id, responseId: r.id, answeredAt: NOW, eraseAfter: plus(0) } });
      const unsent = invitation({ sendAt: plus(DAY), eraseAfter: plus(0) });
      const keep = invitation({ sendAt: plus(DAY), eraseAfter: plus(1) });
      await store.createSmsInvitations([unsent, keep], { throttleSince });
      await store.applySmsInbound({ provider: 'twilio', messageId: 'SM-e2', receivedAt: plus(-1000), change: { kind: 'optOut', phoneHash: 'hash-other', at: base } });

      expect(await store.eraseSmsPhones({ now: base, inboundBefore: plus(-7 * DAY) })).toBeGreaterThanOrEqual(2);
      expect(await store.getSmsInvitation(answered.id)).toMatchObject({
        phone: null, responseId: null, answeredAt: null, commentedAt: null, sentAt: null, providerMessageId: null,
        phoneHash: answered.phoneHash, unitCode: 'W1', createdAt: NOW, erasedAt: base, status: 'sent', conversation: 'done',
      });
      expect(await store.getSmsInvitation(unsent.id)).toMatchObject({ phone: null, status: 'closed', nextAttemptAt: null, erasedAt: base });
      expect(await store.getSmsInvitation(keep.id)).toMatchObject({ phone: keep.phone, status: 'queued', erasedAt: null });
      // The response stays, with no way back to the number.
      expect(await store.getResponse(r.id)).toMatchObject({ id: r.id });
      expect(await store.findSmsConversation(answered.phoneHash)).toBeUndefined();
      // An erased invitation cannot be claimed, and still throttles.
      expect((await store.claimDueSmsInvitations({ now: plus(2 * DAY), leaseUntil: plus(3 * DAY), limit: 100 })).map((c) => c.id)).toEqual([keep.id]);
      expect(await store.createSmsInvitations([invitation({ phone: answered.phone, phoneHash: answered.phoneHash, createdAt: NOW })], { throttleSince })).toEqual([{ status: 'throttled' }]);
      expect(await store.smsInboundSeen('twilio', 'SM-e1')).toBe(false);
      expect(await store.smsInboundSeen('twilio', 'SM-e2')).toBe(true);
      expect(await store.eraseSmsPhones({ now: base, inboundBefore: plus(-7 * DAY) })).toBe(0);
    });

    it('after erasure no column of the invitation matches its response: the joins that linked them find nothing', async () => {
      const base = at(600 * DAY);
      const plus = (ms: number) => new Date(Date.parse(base) + ms).toISOString();
      // As receive.ts stores them: the same instant in the response and on the invitation.
      const answeredAt = plus(-7 * DAY + 60_000);
      const commentedAt = plus(-7 * DAY + 120_000);
      const inv = await sentInvitation({ unitCode: 'ED', language: 'pl', eraseAfter: plus(-1) }, plus(-7 * DAY));
      const r = response({ unitCode: 'ED', channel: 'sms', mode: 'sms', answer: 2, language: 'pl', answeredAt, answeredDay: answeredAt.slice(0, 10), receivedAt: plus(-7 * DAY + 60_005) });
      expect(await store.holdSmsResponseId(inv.id, r.id)).toBe(r.id);
      await store.insertResponses([r]);
      await store.applySmsInbound({ provider: 'twilio', messageId: `SM-j1-${inv.id}`, receivedAt: r.receivedAt, change: { kind: 'answered', invitationId: inv.id, responseId: r.id, answeredAt, eraseAfter: plus(0) } });
      await store.applySmsInbound({ provider: 'twilio', messageId: `SM-j2-${inv.id}`, receivedAt: commentedAt, change: { kind: 'commented', invitationId: inv.id, responseId: r.id, comment: 'Kind staff', previous: null, at: commentedAt } });

      // The reviewer's joins: on the answer's instant and unit, and on the response id.
      const byInstant = `SELECT r.id, i.phone_hash FROM responses r JOIN sms_invitations i ON i.answered_at = r.answered_at AND i.unit_code = r.unit_code WHERE r.id = $1`;
      const byId = `SELECT r.id, i.phone_hash FROM responses r JOIN sms_invitations i ON i.response_id = r.id WHERE r.id = $1`;
      // Any instant kept on an invitation equal to one of the response's.
      const byAnyInstant = `SELECT r.id, i.phone_hash FROM responses r JOIN sms_invitations i
        ON r.answered_at IN (i.answered_at, i.commented_at, i.sent_at, i.created_at, i.erase_after, i.erased_at, i.next_attempt_at)
        OR r.received_at IN (i.answered_at, i.commented_at, i.sent_at, i.created_at, i.erase_after, i.erased_at, i.next_attempt_at)
        WHERE r.id = $1`;
      // While the conversation is open they link the response to the number's hash (so they would find a link left behind)…
      expect(await rawQuery(db, store.dialect, byInstant, [r.id])).toEqual([{ id: r.id, phone_hash: inv.phoneHash }]);
      expect(await rawQuery(db, store.dialect, byId, [r.id])).toEqual([{ id: r.id, phone_hash: inv.phoneHash }]);
      expect(await rawQuery(db, store.dialect, byAnyInstant, [r.id])).toEqual([{ id: r.id, phone_hash: inv.phoneHash }]);

      expect(await store.eraseSmsPhones({ now: base, inboundBefore: plus(-7 * DAY) })).toBeGreaterThanOrEqual(1);
      // …and after erasure they find nothing.
      expect(await rawQuery(db, store.dialect, byInstant, [r.id])).toEqual([]);
      expect(await rawQuery(db, store.dialect, byId, [r.id])).toEqual([]);
      expect(await rawQuery(db, store.dialect, byAnyInstant, [r.id])).toEqual([]);
      // Column by column: the only values the erased invitation shares with the response are the
      // unit, question and language, which every response of that unit and language shares too.
      const [invitationRow] = await rawQuery(db, store.dialect, 'SELECT * FROM sms_invitations WHERE id = $1', [inv.id]);
      const [responseRow] = await rawQuery(db, store.dialect, 'SELECT * FROM responses WHERE id = $1', [r.id]);
      const responseValues = new Set(Object.values(responseRow!).filter((v) => typeof v === 'string'));
      const shared = Object.entries(invitationRow!).filter(([, v]) => typeof v === 'string' && responseValues.has(v)).map(([column]) => column);
      expect(shared.sort()).toEqual(['language', 'question', 'unit_code']);
      // What opt-outs and the throttle need stays.
      expect(invitationRow).toMatchObject({ phone: null, response_id: null, answered_at: null, commented_at: null, sent_at: null, provider_message_id: null, phone_hash: inv.phoneHash, unit_code: 'ED', created_at: NOW, status: 'sent' });
      expect(await store.createSmsInvitations([invitation({ phone: inv.phone, phoneHash: inv.phoneHash, unitCode: 'ED', createdAt: NOW })], { throttleSince })).toEqual([{ status: 'throttled' }]);
      // The response itself is whole.
      expect(await store.getResponse(r.id)).toMatchObject({ answer: 2, comment: 'Kind staff', answeredAt });
    });
  });
}
