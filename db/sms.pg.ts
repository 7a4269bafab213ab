/**
 * The sms store methods on PostgreSQL (see `sms-store.ts`), for several server processes on
 * one database: claims skip rows another sender has locked (FOR UPDATE SKIP LOCKED), the
 * throttle check holds a transaction-scoped advisory lock per number and unit so two
 * concurrent invitations cannot both pass it, and every inbound change is conditional on the
 * state it was decided from.
 */
import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, lte, sql } from 'drizzle-orm';
import * as t from './schema.pg.ts';
import type { SmsCreateOutcome, SmsInboundResult, SmsStore } from './sms-store.ts';
import { claimable, erasureValues, sendOutcomeValues, toSmsInvitation } from './sms-rows.ts';

/** Thrown inside a transaction to roll it back when a precondition no longer holds. */
class Conflict extends Error {}

type Tx = Parameters<Parameters<NodePgDatabase['transaction']>[0]>[0];

export function smsPostgres(db: NodePgDatabase, _pool: pg.Pool): SmsStore {
  const inv = t.smsInvitations;

  async function optOut(tx: Tx, phoneHash: string, at: string) {
    // Already opted out: the first time stands. Opted back in since: opted out again, from now.
    await tx
      .insert(t.smsOptOuts)
      .values({ phoneHash, at })
      .onConflictDoUpdate({ target: t.smsOptOuts.phoneHash, set: { at, optedInAt: null }, setWhere: isNotNull(t.smsOptOuts.optedInAt) });
    await tx
      .update(inv)
      .set({ status: 'skipped-opted-out', nextAttemptAt: null })
      .where(and(eq(inv.phoneHash, phoneHash), eq(inv.status, 'queued')));
  }

  return {
    async createSmsInvitations(rows, { throttleSince }) {
      if (rows.length === 0) return [];
      return db.transaction(async (tx) => {
        // Locks taken in one order by every transaction, so two batches cannot deadlock.
        const keys = [...new Set(rows.map((r) => `${r.phoneHash}/${r.unitCode}`))].sort();
        for (const key of keys) await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`fft/sms-throttle/${key}`}, 0))`);
        const outcomes: SmsCreateOutcome[] = [];
        for (const row of rows) {
          const [opted] = await tx
            .select({ at: t.smsOptOuts.at })
            .from(t.smsOptOuts)
            .where(and(eq(t.smsOptOuts.phoneHash, row.phoneHash), isNull(t.smsOptOuts.optedInAt)));
          if (opted) {
            outcomes.push({ status: 'opted-out' });
            continue;
          }
          const [recent] = await tx
            .select({ id: inv.id })
            .from(inv)
            .where(and(eq(inv.phoneHash, row.phoneHash), eq(inv.unitCode, row.unitCode), gt(inv.createdAt, throttleSince)))
            .limit(1);
          if (recent) {
            outcomes.push({ status: 'throttled' });
            continue;
          }
          const { sendAt, ...values } = row;
          await tx.insert(inv).values({ ...values, status: 'queued', conversation: 'awaiting-answer', nextAttemptAt: sendAt });
          outcomes.push({ status: 'queued', id: row.id });
        }
        return outcomes;
      });
    },

    async getSmsInvitation(id) {
      const [row] = await db.select().from(inv).where(eq(inv.id, id));
      return row ? toSmsInvitation(row) : undefined;
    },

    async claimDueSmsInvitations({ now, leaseUntil, limit }) {
      const due = db
        .select({ id: inv.id })
        .from(inv)
        .where(and(inArray(inv.status, claimable), lte(inv.nextAttemptAt, now)))
        .orderBy(asc(inv.nextAttemptAt), asc(inv.id))
        .limit(limit)
        .for('update', { skipLocked: true });
      const rows = await db
        .update(inv)
        .set({ status: 'sending', nextAttemptAt: leaseUntil, attempts: sql`${inv.attempts} + 1` })
        .where(inArray(inv.id, due))
        .returning();
      // RETURNING comes back in no particular order: id order keeps a batch stable.
      return rows.map(toSmsInvitation).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },

    async recordSmsSend(id, outcome) {
      const rows = await db
        .update(inv)
        .set(sendOutcomeValues(outcome))
        .where(and(eq(inv.id, id), eq(inv.status, 'sending')))
        .returning({ id: inv.id });
      return rows.length > 0;
    },

    async findSmsConversation(phoneHash) {
      const [row] = await db
        .select()
        .from(inv)
        // Sent at all means status 'sent' (nothing moves a sent invitation on); leaving the status
        // out of the condition keeps the planner on the phone-hash index.
        .where(and(eq(inv.phoneHash, phoneHash), isNotNull(inv.sentAt), isNull(inv.erasedAt)))
        .orderBy(desc(inv.sentAt), desc(inv.id))
        .limit(1);
      return row ? toSmsInvitation(row) : undefined;
    },

    async isSmsOptedOut(phoneHash) {
      const [row] = await db
        .select({ at: t.smsOptOuts.at })
        .from(t.smsOptOuts)
        .where(and(eq(t.smsOptOuts.phoneHash, phoneHash), isNull(t.smsOptOuts.optedInAt)));
      return row !== undefined;
    },

    async optOutSms(phoneHash, at) {
      await db.transaction((tx) => optOut(tx, phoneHash, at));
    },

    async smsInboundSeen(provider, messageId) {
      const [row] = await db
        .select({ at: t.smsInbound.receivedAt })
        .from(t.smsInbound)
        .where(and(eq(t.smsInbound.provider, provider), eq(t.smsInbound.messageId, messageId)));
      return row !== undefined;
    },

    async holdSmsResponseId(invitationId, responseId) {
      // The one held beforehand, or a fresh one when none is: atomically, in one statement.
      const [row] = await db
        .update(inv)
        .set({ responseId: sql`coalesce(${inv.responseId}, ${responseId})` })
        .where(and(eq(inv.id, invitationId), eq(inv.status, 'sent'), eq(inv.conversation, 'awaiting-answer'), isNull(inv.erasedAt)))
        .returning({ responseId: inv.responseId });
      return row?.responseId ?? undefined;
    },

    async applySmsInbound({ provider, messageId, receivedAt, change }): Promise<SmsInboundResult> {
      try {
        return await db.transaction(async (tx) => {
          const recorded = await tx.insert(t.smsInbound).values({ provider, messageId, receivedAt }).onConflictDoNothing().returning({ id: t.smsInbound.messageId });
          if (recorded.length === 0) return 'duplicate' as const;
          const require = (rows: unknown[]) => {
            if (rows.length === 0) throw new Conflict();
          };
          switch (change.kind) {
            case 'answered':
              require(
                await tx
                  .update(inv)
                  .set(
                    change.commentedAt
                      ? { conversation: 'done', answeredAt: change.answeredAt, eraseAfter: change.eraseAfter, commentedAt: change.commentedAt }
                      : { conversation: 'awaiting-comment', answeredAt: change.answeredAt, eraseAfter: change.eraseAfter },
                  )
                  .where(
                    and(
                      eq(inv.id, change.invitationId),
                      eq(inv.responseId, change.responseId),
                      eq(inv.status, 'sent'),
                      eq(inv.conversation, 'awaiting-answer'),
                      isNull(inv.erasedAt),
                    ),
                  )
                  .returning({ id: inv.id }),
              );
              break;
            case 'commented':
              require(
                await tx
                  .update(inv)
                  .set({ conversation: 'done', commentedAt: change.at })
                  .where(
                    and(
                      eq(inv.id, change.invitationId),
                      eq(inv.responseId, change.responseId),
                      eq(inv.conversation, change.previous === null ? 'awaiting-comment' : 'done'),
                      isNull(inv.erasedAt),
                    ),
                  )
                  .returning({ id: inv.id }),
              );
              require(
                await tx
                  .update(t.responses)
                  .set({ comment: change.comment })
                  .where(and(eq(t.responses.id, change.responseId), change.previous === null ? isNull(t.responses.comment) : eq(t.responses.comment, change.previous)))
                  .returning({ id: t.responses.id }),
              );
              break;
            case 'help':
              require(
                await tx
                  .update(inv)
                  .set({ helpSent: true })
                  .where(and(eq(inv.id, change.invitationId), eq(inv.conversation, 'awaiting-answer'), eq(inv.helpSent, false)))
                  .returning({ id: inv.id }),
              );
              break;
            case 'optOut':
              await optOut(tx, change.phoneHash, change.at);
              break;
            case 'optIn':
              require(
                await tx
                  .update(t.smsOptOuts)
                  .set({ optedInAt: change.at })
                  .where(and(eq(t.smsOptOuts.phoneHash, change.phoneHash), isNull(t.smsOptOuts.optedInAt)))
                  .returning({ hash: t.smsOptOuts.phoneHash }),
              );
              break;
          }
          return 'applied' as const;
        });
      } catch (error) {
        if (error instanceof Conflict) return 'conflict';
        throw error;
      }
    },

    async eraseSmsPhones({ now, inboundBefore }) {
      return db.transaction(async (tx) => {
        const erased = await tx
          .update(inv)
          .set({
            ...erasureValues(now),
            // One not yet sent never will be.
            status: sql`CASE WHEN ${inv.status} IN ('queued', 'sending') THEN 'closed' ELSE ${inv.status} END`,
          })
          .where(and(lte(inv.eraseAfter, now), isNull(inv.erasedAt)))
          .returning({ id: inv.id });
        await tx.delete(t.smsInbound).where(lt(t.smsInbound.receivedAt, inboundBefore));
        return erased.length;
      });
    },
  };
}
