/** Pure helpers both sms adapters share (see `sms-store.ts`). No SQL here. */
import type { SmsConversation, SmsInvitation, SmsSendOutcome, SmsStatus } from './sms-store.ts';

/** Statuses a sender may claim: queued and due, or 'sending' whose claim has lapsed (a sender died). */
export const claimable: SmsStatus[] = ['queued', 'sending'];

/** An invitation row as either database returns it (SQLite booleans may be 0/1). */
export function toSmsInvitation(r: Omit<SmsInvitation, 'status' | 'conversation' | 'helpSent' | 'attempts'> & { status: string; conversation: string; helpSent: boolean | number; attempts: number | string }): SmsInvitation {
  return { ...r, status: r.status as SmsStatus, conversation: r.conversation as SmsConversation, helpSent: Boolean(r.helpSent), attempts: Number(r.attempts) };
}

/**
 * What erasing an invitation's phone number clears: the number, and everything that could join
 * the response to it (the response's id and instants) or to the provider's records.
 */
export function erasureValues(now: string) {
  return {
    phone: null,
    responseId: null,
    answeredAt: null,
    commentedAt: null,
    sentAt: null,
    providerMessageId: null,
    erasedAt: now,
    conversation: 'done' as const,
    nextAttemptAt: null,
  };
}

/** The columns a send outcome sets. */
export function sendOutcomeValues(outcome: SmsSendOutcome) {
  switch (outcome.kind) {
    case 'sent':
      return { status: 'sent', sentAt: outcome.at, provider: outcome.provider, providerMessageId: outcome.providerMessageId || null, nextAttemptAt: null, lastError: null };
    case 'retry':
      return { status: 'queued', nextAttemptAt: outcome.nextAttemptAt, lastError: outcome.error };
    case 'stopped':
      return { status: outcome.status, nextAttemptAt: null, lastError: outcome.error };
  }
}
