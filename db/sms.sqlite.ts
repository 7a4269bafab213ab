/**
 * The sms store methods on SQLite (see `sms-store.ts`). better-sqlite3 transactions are
 * synchronous, so each one runs start to finish without another write in between; claims and
 * throttle checks take the write lock up front (BEGIN IMMEDIATE) so a second process on the
 * same file waits instead of reading a state that is about to change.
 */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import * as t from './schema.sqlite.ts';
import type { SmsCreateOutcome, SmsInboundResult, SmsStore } from './sms-store.ts';
import { claimable, erasureValues, sendOutcomeValues, toSmsInvitation } from './sms-rows.ts';

/** Thrown inside a transaction to roll it back when a precondition no longer holds. */
class Conflict extends Error {}

export function smsSqlite(db: BetterSQLite3Database, sqlite: Database.Database): SmsStore {
  const inv = t.smsInvitations;

  // Every inbound text runs these: statements prepared once (per-call query building cost
  // more than the queries themselves in bench/sms). Prepared lazily: the tables exist only
  // after migrate().
  let hot: ReturnType<typeof prepareHot> | undefined;
  const statements = () => (hot ??= prepareHot());
  function prepareHot() {
    const p = sql.placeholder;
    const s = {
      conversation: db
        .select()
        .from(inv)
        // Sent at all means status 'sent' (nothing moves a sent invitation on); leaving the status
        // out of the condition keeps the planner on the phone-hash index.
        .where(and(eq(inv.phoneHash, p('hash')), isNotNull(inv.sentAt), isNull(inv.erasedAt)))
        .orderBy(desc(inv.sentAt), desc(inv.id))
        .limit(1)
        .prepare(),
      optedOut: sqlite.prepare('SELECT 1 FROM sms_opt_outs WHERE phone_hash = ? AND opted_in_at IS NULL').pluck(),
      seen: sqlite.prepare('SELECT 1 FROM sms_inbound WHERE provider = ? AND message_id = ?').pluck(),
      record: sqlite.prepare('INSERT INTO sms_inbound (provider, message_id, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING'),
      // The one held beforehand (hold), or a fresh one when none is: atomically, in one statement.
      hold: sqlite
        .prepare(
          `UPDATE sms_invitations SET response_id = COALESCE(response_id, @responseId)
           WHERE id = @invitationId AND status = 'sent' AND conversation = 'awaiting-answer' AND erased_at IS NULL
           RETURNING response_id`,
        )
        .pluck(),
      answered: sqlite.prepare(
        `UPDATE sms_invitations SET conversation = CASE WHEN @commentedAt IS NULL THEN 'awaiting-comment' ELSE 'done' END,
           answered_at = @answeredAt, erase_after = @eraseAfter, commented_at = @commentedAt
         WHERE id = @invitationId AND response_id = @responseId AND status = 'sent' AND conversation = 'awaiting-answer' AND erased_at IS NULL`,
      ),
      commented: sqlite.prepare(
        `UPDATE sms_invitations SET conversation = 'done', commented_at = @at
         WHERE id = @invitationId AND response_id = @responseId AND conversation = @from AND erased_at IS NULL`,
      ),
      firstComment: sqlite.prepare('UPDATE responses SET comment = @comment WHERE id = @responseId AND comment IS NULL'),
      nextComment: sqlite.prepare('UPDATE responses SET comment = @comment WHERE id = @responseId AND comment = @previous'),
      help: sqlite.prepare(`UPDATE sms_invitations SET help_sent = 1 WHERE id = ? AND conversation = 'awaiting-answer' AND help_sent = 0`),
      // Already opted out: the first time stands. Opted back in since: opted out again, from now.
      optOut: sqlite.prepare(
        `INSERT INTO sms_opt_outs (phone_hash, at) VALUES (?, ?)
         ON CONFLICT (phone_hash) DO UPDATE SET at = excluded.at, opted_in_at = NULL WHERE sms_opt_outs.opted_in_at IS NOT NULL`,
      ),
      optIn: sqlite.prepare('UPDATE sms_opt_outs SET opted_in_at = ? WHERE phone_hash = ? AND opted_in_at IS NULL'),
      closeQueued: sqlite.prepare(`UPDATE sms_invitations SET status = 'skipped-opted-out', next_attempt_at = NULL WHERE phone_hash = ? AND status = 'queued'`),
    };
    const optOut = (phoneHash: string, at: string) => {
      s.optOut.run(phoneHash, at);
      s.closeQueued.run(phoneHash);
    };
    const require = (changes: number) => {
      if (changes === 0) throw new Conflict();
    };
    const apply = sqlite.transaction(({ provider, messageId, receivedAt, change }: Parameters<SmsStore['applySmsInbound']>[0]): SmsInboundResult => {
      if (s.record.run(provider, messageId, receivedAt).changes === 0) return 'duplicate';
      switch (change.kind) {
        case 'answered':
          require(s.answered.run({ responseId: change.responseId, answeredAt: change.answeredAt, eraseAfter: change.eraseAfter, invitationId: change.invitationId, commentedAt: change.commentedAt ?? null }).changes);
          break;
        case 'commented':
          require(s.commented.run({ at: change.at, invitationId: change.invitationId, responseId: change.responseId, from: change.previous === null ? 'awaiting-comment' : 'done' }).changes);
          require(
            change.previous === null
              ? s.firstComment.run({ comment: change.comment, responseId: change.responseId }).changes
              : s.nextComment.run({ comment: change.comment, responseId: change.responseId, previous: change.previous }).changes,
          );
          break;
        case 'help':
          require(s.help.run(change.invitationId).changes);
          break;
        case 'optOut':
          optOut(change.phoneHash, change.at);
          break;
        case 'optIn':
          require(s.optIn.run(change.at, change.phoneHash).changes);
          break;
      }
      return 'applied';
    });
    return { ...s, apply, optOutTx: sqlite.transaction(optOut) };
  }

  return {
    async createSmsInvitations(rows, { throttleSince }) {
      if (rows.length === 0) return [];
      return db.transaction(
        (tx) =>
          rows.map((row): SmsCreateOutcome => {
            const optedOut = tx
              .select({ at: t.smsOptOuts.at })
              .from(t.smsOptOuts)
              .where(and(eq(t.smsOptOuts.phoneHash, row.phoneHash), isNull(t.smsOptOuts.optedInAt)))
              .get();
            if (optedOut) return { status: 'opted-out' };
            const recent = tx
              .select({ id: inv.id })
              .from(inv)
              .where(and(eq(inv.phoneHash, row.phoneHash), eq(inv.unitCode, row.unitCode), gt(inv.createdAt, throttleSince)))
              .limit(1)
              .get();
            if (recent) return { status: 'throttled' };
            const { sendAt, ...values } = row;
            tx.insert(inv).values({ ...values, status: 'queued', conversation: 'awaiting-answer', nextAttemptAt: sendAt }).run();
            return { status: 'queued', id: row.id };
          }),
        { behavior: 'immediate' },
      );
    },

    async getSmsInvitation(id) {
      const row = db.select().from(inv).where(eq(inv.id, id)).get();
      return row ? toSmsInvitation(row) : undefined;
    },

    async claimDueSmsInvitations({ now, leaseUntil, limit }) {
      return db.transaction(
        (tx) => {
          const due = tx
            .select({ id: inv.id })
            .from(inv)
            .where(and(inArray(inv.status, claimable), lte(inv.nextAttemptAt, now)))
            .orderBy(asc(inv.nextAttemptAt), asc(inv.id))
            .limit(limit)
            .all()
            .map((r) => r.id);
          if (due.length === 0) return [];
          const order = new Map(due.map((id, i) => [id, i]));
          return tx
            .update(inv)
            .set({ status: 'sending', nextAttemptAt: leaseUntil, attempts: sql`${inv.attempts} + 1` })
            .where(inArray(inv.id, due))
            .returning()
            .all()
            .map(toSmsInvitation)
            .sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        },
        { behavior: 'immediate' },
      );
    },

    async recordSmsSend(id, outcome) {
      return db.update(inv).set(sendOutcomeValues(outcome)).where(and(eq(inv.id, id), eq(inv.status, 'sending'))).run().changes > 0;
    },

    async findSmsConversation(phoneHash) {
      const row = statements().conversation.get({ hash: phoneHash });
      return row ? toSmsInvitation(row) : undefined;
    },

    async isSmsOptedOut(phoneHash) {
      return statements().optedOut.get(phoneHash) !== undefined;
    },

    async optOutSms(phoneHash, at) {
      statements().optOutTx(phoneHash, at);
    },

    async smsInboundSeen(provider, messageId) {
      return statements().seen.get(provider, messageId) !== undefined;
    },

    async holdSmsResponseId(invitationId, responseId) {
      const held = statements().hold.get({ invitationId, responseId }) as string | null | undefined;
      return held ?? undefined;
    },

    async applySmsInbound(input): Promise<SmsInboundResult> {
      try {
        return statements().apply(input);
      } catch (error) {
        if (error instanceof Conflict) return 'conflict';
        throw error;
      }
    },

    async eraseSmsPhones({ now, inboundBefore }) {
      return db.transaction((tx) => {
        const erased = tx
          .update(inv)
          .set({
            ...erasureValues(now),
            // One not yet sent never will be.
            status: sql`CASE WHEN ${inv.status} IN ('queued', 'sending') THEN 'closed' ELSE ${inv.status} END`,
          })
          .where(and(lte(inv.eraseAfter, now), isNull(inv.erasedAt)))
          .run().changes;
        tx.delete(t.smsInbound).where(lt(t.smsInbound.receivedAt, inboundBefore)).run();
        return erased;
      });
    },
  };
}
