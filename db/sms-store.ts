/**
 * The sms part of the store interface (see `store.ts`): implemented for SQLite in
 * `sms.sqlite.ts` and for PostgreSQL in `sms.pg.ts`; the contract suite (`sms.contract.ts`)
 * runs on both.
 *
 * An invitation's `status` is the outbound side (queued → sending → sent, or failed /
 * undeliverable / skipped-opted-out / closed); its `conversation` is the inbound side
 * (awaiting-answer → awaiting-comment → done). Every time is an ISO 8601 UTC string, so
 * comparing strings compares instants on both databases.
 */

export const SMS_STATUSES = ['queued', 'sending', 'sent', 'failed', 'undeliverable', 'skipped-opted-out', 'closed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

export const SMS_CONVERSATIONS = ['awaiting-answer', 'awaiting-comment', 'done'] as const;
export type SmsConversation = (typeof SMS_CONVERSATIONS)[number];

export interface SmsInvitation {
  id: string;
  unitCode: string;
  /** E.164; null once erased. */
  phone: string | null;
  /** HMAC-SHA256 of the E.164 number with FFT_SECRET: what stays after erasure. */
  phoneHash: string;
  question: string;
  language: string;
  visitDate: string;
  status: SmsStatus;
  conversation: SmsConversation;
  /** Send attempts begun (counted when claimed, so a sender that dies mid-send still counts). */
  attempts: number;
  /** Queued: when it is due. Sending: when the claim lapses and another sender may take it. */
  nextAttemptAt: string | null;
  lastError: string | null;
  provider: string | null;
  providerMessageId: string | null;
  helpSent: boolean;
  /**
   * The id of the response the answer makes: random, held here from the moment the answer is
   * decided (before the response is written) until erasure, and nowhere else.
   */
  responseId: string | null;
  /** When the answer and the comment came; cleared at erasure (the response has the same instant). */
  answeredAt: string | null;
  commentedAt: string | null;
  /** When it was created: kept after erasure, for the 30-day throttle. */
  createdAt: string;
  /** Cleared at erasure, with the provider's message id. */
  sentAt: string | null;
  eraseAfter: string;
  erasedAt: string | null;
}

/** An invitation to store: validated and normalised by the caller. */
export interface NewSmsInvitation {
  id: string;
  unitCode: string;
  phone: string;
  phoneHash: string;
  question: string;
  language: string;
  visitDate: string;
  /** The first moment it may be sent (inside the send window). */
  sendAt: string;
  createdAt: string;
  eraseAfter: string;
}

export type SmsCreateOutcome =
  | { status: 'queued'; id: string }
  /** The number already had an invitation for this unit since `throttleSince`. */
  | { status: 'throttled' }
  | { status: 'opted-out' };

/** How a send ended, recorded against a claimed ('sending') invitation. */
export type SmsSendOutcome =
  | { kind: 'sent'; at: string; provider: string; providerMessageId: string }
  | { kind: 'retry'; nextAttemptAt: string; error: string }
  | { kind: 'stopped'; status: 'failed' | 'undeliverable' | 'skipped-opted-out' | 'closed'; error: string | null };

/** What an inbound text changes, applied together with its provider message id. */
export type SmsInboundChange =
  /**
   * The score: the response (already stored under the id the invitation holds, see
   * `holdSmsResponseId`) is linked and the comment step begins.
   */
  | {
      kind: 'answered';
      invitationId: string;
      responseId: string;
      answeredAt: string;
      eraseAfter: string;
      /** The text carried a comment too (already on the response): the comment step is done at this time. */
      commentedAt?: string;
    }
  /**
   * The comment, written to the response. `previous` null: the response must still have no
   * comment; otherwise it must still have exactly `previous` (a later part of a long comment).
   */
  | { kind: 'commented'; invitationId: string; responseId: string; comment: string; previous: string | null; at: string }
  | { kind: 'help'; invitationId: string }
  /** Records the opt-out at `at`, or afresh if the number had opted back in; closes its unsent invitations. */
  | { kind: 'optOut'; phoneHash: string; at: string }
  /**
   * Lifts the number's opt-out, recording when (`at`). Invitations the opt-out closed stay
   * closed. Holds only while the number is opted out.
   */
  | { kind: 'optIn'; phoneHash: string; at: string };

export type SmsInboundResult =
  | 'applied'
  /** The provider message id was already recorded: a redelivery, nothing changed. */
  | 'duplicate'
  /** The invitation (or the response's comment) moved on since it was read: nothing changed; read again. */
  | 'conflict';

export interface SmsStore {
  /**
   * Stores invitations in one transaction, each unless the number has opted out or already
   * had an invitation for the same unit created after `throttleSince` (rows earlier in
   * the same call count). One outcome per row, in order.
   */
  createSmsInvitations(rows: NewSmsInvitation[], options: { throttleSince: string }): Promise<SmsCreateOutcome[]>;
  getSmsInvitation(id: string): Promise<SmsInvitation | undefined>;
  /**
   * Claims up to `limit` invitations due at `now` (queued, or sending with a lapsed claim),
   * earliest first: each becomes 'sending' until `leaseUntil`, its attempts counted. Two
   * senders never claim the same invitation.
   */
  claimDueSmsInvitations(query: { now: string; leaseUntil: string; limit: number }): Promise<SmsInvitation[]>;
  /** Records how a claimed send ended; false if the invitation is no longer 'sending'. */
  recordSmsSend(id: string, outcome: SmsSendOutcome): Promise<boolean>;
  /**
   * The number's conversation: its most recently sent invitation that has not been erased,
   * or undefined. Whether a comment is still in time is the caller's decision.
   */
  findSmsConversation(phoneHash: string): Promise<SmsInvitation | undefined>;
  /** Opted out, and not opted back in since. */
  isSmsOptedOut(phoneHash: string): Promise<boolean>;
  /**
   * Records an opt-out (idempotent: a number already opted out keeps its first time; one that
   * opted back in is opted out again at `at`) and closes the number's unsent invitations.
   */
  optOutSms(phoneHash: string, at: string): Promise<void>;
  smsInboundSeen(provider: string, messageId: string): Promise<boolean>;
  /**
   * Holds `responseId` on an invitation waiting for its answer (sent, not erased), as the id of
   * the response the answer will make, unless it already holds one: then that one is kept. Returns
   * the id held, or undefined if the invitation is not waiting for an answer. Called before the
   * response is written, so a retry after a crash writes the same response again (a duplicate,
   * changing nothing) instead of a second one. The id is random: nothing but this column, which
   * erasure clears, ties the response to the invitation.
   */
  holdSmsResponseId(invitationId: string, responseId: string): Promise<string | undefined>;
  /**
   * Records the provider message id and applies `change` in one transaction; a message id
   * already recorded, or a change whose precondition no longer holds, changes nothing. An
   * 'answered' change holds only with the response id the invitation holds.
   */
  applySmsInbound(input: { provider: string; messageId: string; receivedAt: string; change: SmsInboundChange }): Promise<SmsInboundResult>;
  /**
   * Erases every invitation whose `eraseAfter` is at or before `now` (unsent ones are closed):
   * the phone number, the response id, and every time or id that could be matched against the
   * response or the provider's records (answered, commented and sent times, the provider's
   * message id) and the claim's next attempt. What stays is what opt-outs and the throttle need,
   * and nothing that joins to a response: the hash, unit, question, language, visit date and
   * creation time; how the send went (status, attempts, provider name, last error, help sent);
   * `eraseAfter` (which `receive.ts` never sets to an answer's instant) and `erasedAt`; the
   * conversation is 'done' for all alike. Forgets inbound message ids received
   * before `inboundBefore`. Returns how many invitations were erased.
   */
  eraseSmsPhones(query: { now: string; inboundBefore: string }): Promise<number>;
}
