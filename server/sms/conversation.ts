/**
 * What to do with one inbound text, given the state of that number's latest invitation: a
 * pure decision, so every branch is a line in a table test. The caller does the rest: stores
 * the answer or comment, records the opt-out, moves the invitation on and sends the reply.
 *
 *   sent ──answer──► answered ──comment (≤ 24 h)──► commented ──more (≤ 24 h)──► (appended)
 *     │  not understood: help, once (helpSent)      └─ after 24 h: not attached; told it came too late
 *     └ STOP at any stage: opt out, confirm once; then START (UNSTOP, YES): opt back in, confirm
 *
 * Duplicates are the caller's job and must be caught before `decide`: providers deliver the
 * same text more than once (Notify retries a callback up to 5 times on a timeout, 5xx or 429),
 * and this machine cannot tell a repeat from a new message: a redelivered "5" arriving after
 * the first moved the invitation to `answered` would be attached as the comment "5". Dedupe
 * on the provider's message id (Notify `id`, Twilio `MessageSid`) in the same transaction
 * that applies the decision.
 *
 * Once a number has opted out it gets no replies at all, but what it sends is still kept:
 * an answer or comment it chooses to give is feedback like any other. The one text that
 * changes that is START (or UNSTOP, or YES) on its own: the number is opted back in.
 */
import { smsText, type SmsMessageKind } from './messages.ts';
import { smsLanguage, type SmsQuestion } from './languages.ts';
import { opensWithStop, parseFirstReply, parseFollowUp, START_WORDS, startWord, STOP_WORDS } from './replies.ts';

/** A comment is attached to the answer only if it arrives within this time of the answer. */
export const COMMENT_WINDOW_MS = 24 * 60 * 60 * 1000;

interface InvitationBase {
  /** The invitation's language tag (as stored; 'pl-PL' and unknown tags are fine). */
  language: string;
  question: SmsQuestion;
}

/** The state of the number's most recent invitation, as the caller has it stored. */
export type InvitationState =
  | (InvitationBase & { status: 'sent'; /** The help text has already been sent once. */ helpSent?: boolean })
  | (InvitationBase & { status: 'answered' | 'commented'; answeredAt: Date })
  | (InvitationBase & { status: 'closed' });

export interface InboundSituation {
  /** The number's latest invitation, or null if it never had one (or it has been erased). */
  invitation: InvitationState | null;
  /** The number (by its keyed hash) has opted out. */
  optedOut: boolean;
  /** The text as received. */
  text: string;
  now: Date;
  /** Who brought the text: Twilio confirms its own keywords (see `providerConfirms`). */
  provider?: 'notify' | 'twilio';
}

export type NoneReason =
  | 'no-invitation'
  | 'invitation-closed'
  | 'comment-window-closed'
  | 'already-opted-out'
  | 'not-opted-out'
  | 'opted-out'
  | 'empty'
  | 'not-understood';

export type ConversationAction =
  /**
   * Store the answer (a response, channel sms) and mark the invitation answered at `now`; with
   * `comment` (given in the same text), the response carries it and the invitation is commented.
   */
  | { kind: 'record'; answer: number; comment?: string }
  /**
   * Attach the comment to the invitation's response and mark it commented. `append`: add it
   * after the earlier comment (on a new line), keeping the whole within MAX_COMMENT_CHARS.
   */
  | { kind: 'attachComment'; comment: string; append: boolean }
  /** Record the number's hash as opted out; anything already given stays. */
  | { kind: 'optOut' }
  /** Lift the number's opt-out; invitations it cancelled stay cancelled. */
  | { kind: 'optIn' }
  /** Mark `helpSent` on the invitation. */
  | { kind: 'help' }
  /** Nothing to store; `reason` is for the log. */
  | { kind: 'none'; reason: NoneReason };

export interface OutgoingReply {
  message: SmsMessageKind;
  text: string;
}

export interface Decision {
  action: ConversationAction;
  /** The text to send back (as TwiML or through the provider), or null for none. */
  reply: OutgoingReply | null;
}

/** Decides what one inbound text means and what, if anything, to reply. */
export function decide({ invitation, optedOut, text, now, provider }: InboundSituation): Decision {
  const language = smsLanguage(invitation?.language);
  const question = invitation?.question ?? 'fft-2020';
  const confirmation = (message: 'optOutConfirmed' | 'optInConfirmed'): OutgoingReply | null =>
    providerConfirms(provider, text) ? null : { message, text: smsText(message, { language, question }) };
  const reply = (message: Exclude<SmsMessageKind, 'invitation'>): OutgoingReply | null =>
    optedOut ? null : { message, text: smsText(message, { language, question }) };

  const start = startWord(text);
  if (start && optedOut) return { action: { kind: 'optIn' }, reply: confirmation('optInConfirmed') };
  // START or UNSTOP from a number that is not opted out changes nothing, and is never an answer
  // or a comment ("START" stored as feedback would mean nothing to the ward): the patient is
  // told they may be texted, in case they thought otherwise. YES is an everyday word, read as
  // today (help, or a comment) unless the number is opted out.
  if (start && start !== 'yes') return { action: { kind: 'none', reason: 'not-opted-out' }, reply: confirmation('optInConfirmed') };

  if (invitation?.status === 'sent') {
    const parsed = parseFirstReply(text, language, question);
    if (parsed.kind === 'stop') return stop(optedOut, confirmation);
    if (parsed.kind === 'answer') {
      // "2 - good but slow": the comment came with the score, so thank rather than ask for one.
      if (parsed.comment) return { action: { kind: 'record', answer: parsed.answer, comment: parsed.comment }, reply: reply('thanks') };
      return { action: { kind: 'record', answer: parsed.answer }, reply: reply('askComment') };
    }
    // No score in it, so nothing would be stored: "STOP it's annoying" is an opt-out, not a puzzle.
    if (opensWithStop(text, language)) return stop(optedOut, confirmation);
    if (invitation.helpSent) return none('not-understood');
    // Help is only a reply: for an opted-out number there is nothing to do.
    if (optedOut) return none('opted-out');
    return { action: { kind: 'help' }, reply: reply('help') };
  }

  const parsed = parseFollowUp(text, language);
  if (parsed.kind === 'stop') return stop(optedOut, confirmation);
  // Where no comment is expected the text is kept nowhere, so one that opens with STOP is an
  // opt-out; within a comment's day, "Stop the noise at night" stays a comment.
  const commentExpected = invitation !== null && invitation.status !== 'closed' && now.getTime() - invitation.answeredAt.getTime() <= COMMENT_WINDOW_MS;
  if (!commentExpected && opensWithStop(text, language)) return stop(optedOut, confirmation);
  if (invitation === null) return { action: { kind: 'none', reason: 'no-invitation' }, reply: reply('noInvitation') };
  if (invitation.status === 'closed') return { action: { kind: 'none', reason: 'invitation-closed' }, reply: reply('noInvitation') };

  if (parsed.text === '') return none('empty');
  if (now.getTime() - invitation.answeredAt.getTime() > COMMENT_WINDOW_MS) {
    // It is a reply to our text, so "not monitored" would read as nobody caring: say why it is
    // not kept, and that the answer counts.
    return { action: { kind: 'none', reason: 'comment-window-closed' }, reply: reply('commentTooLate') };
  }
  if (invitation.status === 'answered') {
    return { action: { kind: 'attachComment', comment: parsed.text, append: false }, reply: reply('thanks') };
  }
  // A second message within the window: long comments often arrive in pieces. Thanked once.
  return { action: { kind: 'attachComment', comment: parsed.text, append: true }, reply: null };
}

/**
 * Twilio acts on its own keywords, the whole text in any case ("STOP", "start"): it blocks the
 * number (or unblocks it) and sends its own confirmation. Ours would be refused after STOP
 * (error 21610: the number is blocked by then) and would be a second confirmation after START,
 * so for those we send none. Anything else we read as an opt-out ("Stop please", "STOP it's
 * annoying") Twilio does not act on, and our confirmation is the only one the patient gets.
 * Notify reads no keywords.
 */
export function providerConfirms(provider: InboundSituation['provider'], text: string): boolean {
  const word = text.trim().toLowerCase();
  return provider === 'twilio' && ([...STOP_WORDS, ...START_WORDS] as string[]).includes(word);
}

function stop(optedOut: boolean, reply: (m: 'optOutConfirmed') => OutgoingReply | null): Decision {
  // The confirmation is the one text an opting-out number may get, and it gets it once.
  if (optedOut) return none('already-opted-out');
  return { action: { kind: 'optOut' }, reply: reply('optOutConfirmed') };
}

function none(reason: NoneReason): Decision {
  return { action: { kind: 'none', reason }, reply: null };
}
