/**
 * The inbound side of the SMS channel: one patient's text, already authenticated and read
 * (`inbound.ts`), turned into a stored answer, a comment, an opt-out or opt-in, or nothing,
 * and the reply to send back.
 *
 * Crash safety without a distributed transaction: when a text is read as the answer, a fresh
 * random id for its response is first held on the invitation (or the one an earlier attempt
 * held is taken up); the response is written under that id, through the one write path; only
 * then are the provider's message id and the invitation's new state committed together. A
 * crash anywhere in between leaves the message id unrecorded, the provider retries, and the
 * retry finds the invitation still waiting for its answer and holding the id, writes the same
 * response again (a duplicate, which changes nothing) and completes the step.
 *
 * The response id is random (a UUIDv7 made when the answer comes, so its time is the
 * response's own): it is derived from nothing, and the invitation's `response_id` is the only
 * link from a response to the number's hash. Erasure clears it, and with it the answer's and
 * comment's instants; the erasure time itself is kept free of the answer's (`eraseAfterAnswer`).
 */
import { londonDay } from '../../analytics/periods.ts';
import type { ResponseWriter } from '../../db/group-commit.ts';
import type { SmsInboundChange, SmsInvitation } from '../../db/sms-store.ts';
import type { NewResponse, Store } from '../../db/store.ts';
import type { CommentAnalyser } from '../comments/analyser.ts';
import type { Clock } from '../clock.ts';
import { MAX_COMMENT_CHARS } from '../collect/schema.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import { COMMENT_WINDOW_MS, decide, type ConversationAction, type InvitationState, type OutgoingReply } from './conversation.ts';
import type { InboundSms } from './inbound.ts';
import { phoneHash } from './keyed-hash.ts';
import { isSmsQuestion } from './languages.ts';

export interface ReceiveOutcome {
  /** applied: stored; duplicate: this provider message was handled before; nothing: nothing to store. */
  result: 'applied' | 'duplicate' | 'nothing';
  action: ConversationAction | null;
  reply: OutgoingReply | null;
}

export interface SmsReceiverDeps {
  store: Store;
  writer: ResponseWriter;
  comments: Pick<CommentAnalyser, 'notify'>;
  clock: Clock;
  logger: Logger;
  secret: string;
}

export interface SmsReceiver {
  receive(sms: InboundSms): Promise<ReceiveOutcome>;
}

/**
 * When the number goes once an answer has come at `answeredAt`: as planned (`eraseAfter`) if a
 * comment may still come for a whole day before then; otherwise put back by whole comment
 * windows, never to a moment worked out from the answer, so that the time of erasure (which
 * stays) tells nothing finer about the answer than that it came in the last day or so.
 */
export function eraseAfterAnswer(eraseAfter: string, answeredAt: Date): string {
  const planned = Date.parse(eraseAfter);
  const needed = answeredAt.getTime() + COMMENT_WINDOW_MS;
  if (needed <= planned) return eraseAfter;
  return new Date(planned + Math.ceil((needed - planned) / COMMENT_WINDOW_MS) * COMMENT_WINDOW_MS).toISOString();
}

/** The stored invitation as the conversation sees it. */
export function conversationState(invitation: SmsInvitation): InvitationState {
  const base = { language: invitation.language, question: isSmsQuestion(invitation.question) ? invitation.question : ('fft-2020' as const) };
  if (invitation.conversation === 'awaiting-answer') return { ...base, status: 'sent', helpSent: invitation.helpSent };
  if (invitation.answeredAt && invitation.responseId) {
    return { ...base, status: invitation.conversation === 'awaiting-comment' ? 'answered' : 'commented', answeredAt: new Date(invitation.answeredAt) };
  }
  return { ...base, status: 'closed' };
}

/** A later part of a long comment, added on a new line; the whole kept within the limit. */
export function joinComment(previous: string, part: string): string {
  const chars = [...`${previous}\n${part}`];
  return chars.length <= MAX_COMMENT_CHARS ? chars.join('') : chars.slice(0, MAX_COMMENT_CHARS).join('');
}

// Two texts from one number racing each other: each re-reads and decides again, a few times.
const MAX_TRIES = 5;

/**
 * Texts that changed nothing (an unknown number, a closed invitation, a late comment) leave no
 * trace in the database, but a provider's redelivery of one must not earn a second reply: their
 * message ids are remembered in this process for a day, up to this many (oldest forgotten first).
 */
const REMEMBERED_NOTHING = 10_000;
const REMEMBER_NOTHING_MS = 24 * 60 * 60 * 1000;

export function createSmsReceiver(deps: SmsReceiverDeps): SmsReceiver {
  const { store, writer, comments, clock, logger, secret } = deps;
  /** `provider:messageId` → when a text that changed nothing was received (insertion order = age). */
  const nothingSeen = new Map<string, number>();
  const seenNothing = (key: string): boolean => {
    const now = clock().getTime();
    for (const [k, at] of nothingSeen) {
      if (now - at <= REMEMBER_NOTHING_MS && nothingSeen.size <= REMEMBERED_NOTHING) break;
      nothingSeen.delete(k);
    }
    const at = nothingSeen.get(key);
    return at !== undefined && now - at <= REMEMBER_NOTHING_MS;
  };

  async function receive(sms: InboundSms): Promise<ReceiveOutcome> {
    const key = `${sms.provider}:${sms.providerMessageId}`;
    if (seenNothing(key) || (await store.smsInboundSeen(sms.provider, sms.providerMessageId))) return { result: 'duplicate', action: null, reply: null };
    const hash = phoneHash(secret, sms.from);
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const [invitation, optedOut] = await Promise.all([store.findSmsConversation(hash), store.isSmsOptedOut(hash)]);
      const decision = decide({ invitation: invitation ? conversationState(invitation) : null, optedOut, text: sms.text, now: sms.receivedAt, provider: sms.provider });
      const { action } = decision;
      if (action.kind === 'none') {
        // Nothing to store: not even the message id (a number with no conversation leaves no trace).
        logger.info({ provider: sms.provider, reason: action.reason }, 'text received, nothing stored');
        nothingSeen.delete(key);
        nothingSeen.set(key, clock().getTime());
        return { result: 'nothing', action, reply: decision.reply };
      }
      const prepared = await prepare(action, invitation, hash, sms);
      if (!prepared) continue;
      const result = await store.applySmsInbound({ provider: sms.provider, messageId: sms.providerMessageId, receivedAt: clock().toISOString(), change: prepared.change });
      if (result === 'duplicate') return { result: 'duplicate', action: null, reply: null };
      if (result === 'conflict') continue;
      await prepared.after?.();
      logger.info({ provider: sms.provider, action: action.kind }, 'text received');
      return { result: 'applied', action, reply: decision.reply };
    }
    throw new Error(`the conversation kept changing while a text was applied (${MAX_TRIES} tries)`);
  }

  /** The change to commit for an action, doing first what must precede it (the answer's response). */
  async function prepare(
    action: Exclude<ConversationAction, { kind: 'none' }>,
    invitation: SmsInvitation | undefined,
    hash: string,
    sms: InboundSms,
  ): Promise<{ change: SmsInboundChange; after?: () => Promise<void> } | null> {
    const at = sms.receivedAt.toISOString();
    if (action.kind === 'optOut') return { change: { kind: 'optOut', phoneHash: hash, at } };
    // Conflicts if the number is no longer opted out (a second START racing this one): read again.
    if (action.kind === 'optIn') return { change: { kind: 'optIn', phoneHash: hash, at } };
    if (!invitation) return null;
    if (action.kind === 'help') return { change: { kind: 'help', invitationId: invitation.id } };
    if (action.kind === 'record') {
      // The id is held before the response is written: a retry after a crash takes up the same one.
      const responseId = await store.holdSmsResponseId(invitation.id, newId());
      if (!responseId) return null;
      const response = smsResponse(responseId, invitation, action.answer, sms.receivedAt, action.comment ?? null);
      await writer.write([response]);
      // Comments may arrive for a day after the answer: the number is kept at least that long.
      const eraseAfter = eraseAfterAnswer(invitation.eraseAfter, sms.receivedAt);
      return { change: { kind: 'answered', invitationId: invitation.id, responseId, answeredAt: at, eraseAfter, ...(action.comment ? { commentedAt: at } : {}) } };
    }
    // attachComment
    if (!invitation.responseId) return null;
    const stored = await store.getResponse(invitation.responseId);
    if (!stored) return null;
    const previous = action.append ? stored.comment : null;
    if (action.append && previous === null) return null;
    const comment = previous === null ? action.comment : joinComment(previous, action.comment);
    return {
      change: { kind: 'commented', invitationId: invitation.id, responseId: stored.id, comment, previous, at },
      // Classified like any comment, now that it is attached (an appended one again, whole).
      after: async () => comments.notify([{ ...stored, comment }]),
    };
  }

  function smsResponse(id: string, invitation: SmsInvitation, answer: number, answeredAt: Date, comment: string | null): NewResponse {
    return {
      id,
      unitCode: invitation.unitCode,
      question: isSmsQuestion(invitation.question) ? invitation.question : 'fft-2020',
      answer,
      comment,
      channel: 'sms',
      mode: 'sms',
      answeredAt: answeredAt.toISOString(),
      answeredDay: londonDay(answeredAt),
      receivedAt: clock().toISOString(),
      language: invitation.language,
      ageBand: null,
      sex: null,
      ethnicity: null,
      disability: null,
      completedBy: null,
      deviceId: null,
      flagged: false,
    };
  }

  return { receive };
}
