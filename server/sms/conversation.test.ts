import { describe, expect, it } from 'vitest';
import { COMMENT_WINDOW_MS, decide, type ConversationAction, type InboundSituation, type InvitationState, type NoneReason } from './conversation.ts';
import { smsText, type SmsMessageKind } from './messages.ts';

const NOW = new Date('2026-11-22T12:00:00.000Z');
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const HOUR = 3_600_000;

const base = { language: 'en', question: 'fft-2020' } as const;
const sent: InvitationState = { ...base, status: 'sent' };
const helped: InvitationState = { ...base, status: 'sent', helpSent: true };
const answered = (at = ago(HOUR)): InvitationState => ({ ...base, status: 'answered', answeredAt: at });
const commented = (at = ago(2 * HOUR)): InvitationState => ({ ...base, status: 'commented', answeredAt: at });
const closed: InvitationState = { ...base, status: 'closed' };

type Row = [name: string, situation: Partial<InboundSituation> & { text: string }, action: ConversationAction, reply: SmsMessageKind | null];

const rows: Row[] = [
  // an open invitation: a score is expected
  ['sent, "5"', { invitation: sent, text: '5' }, { kind: 'record', answer: 5 }, 'askComment'],
  ['sent, "Very good!"', { invitation: sent, text: 'Very good!' }, { kind: 'record', answer: 1 }, 'askComment'],
  ['sent, " six "', { invitation: sent, text: ' six ' }, { kind: 'record', answer: 6 }, 'askComment'],
  ['sent (2013), "Extremely likely"', { invitation: { ...sent, question: 'fft-2013' }, text: 'Extremely likely' }, { kind: 'record', answer: 1 }, 'askComment'],
  ['sent, a comment instead of a score: help', { invitation: sent, text: '5 stars, lovely staff' }, { kind: 'help' }, 'help'],
  ['sent (2013), the other version’s label: help', { invitation: { ...sent, question: 'fft-2013' }, text: 'Very good' }, { kind: 'help' }, 'help'],
  ['sent, an empty text (a picture): help', { invitation: sent, text: '' }, { kind: 'help' }, 'help'],
  ['sent, not understood again after help: nothing', { invitation: helped, text: 'what?' }, { kind: 'none', reason: 'not-understood' }, null],
  ['sent, an answer after help', { invitation: helped, text: '4' }, { kind: 'record', answer: 4 }, 'askComment'],
  ['sent, a score and a comment on two lines: both, thanked', { invitation: sent, text: '1\nThe staff were great' }, { kind: 'record', answer: 1, comment: 'The staff were great' }, 'thanks'],
  ['sent, "2 - good but slow"', { invitation: sent, text: '2 - good but slow' }, { kind: 'record', answer: 2, comment: 'good but slow' }, 'thanks'],
  ['sent, "Very good, thank you"', { invitation: sent, text: 'Very good, thank you' }, { kind: 'record', answer: 1, comment: 'thank you' }, 'thanks'],
  ['sent, "5. Waited 6 hours"', { invitation: sent, text: '5. Waited 6 hours' }, { kind: 'record', answer: 5, comment: 'Waited 6 hours' }, 'thanks'],
  ['sent, "1 nurse was rude" (a score or a comment?): help', { invitation: sent, text: '1 nurse was rude' }, { kind: 'help' }, 'help'],
  ['sent, "Very good thank you": both, thanked', { invitation: sent, text: 'Very good thank you' }, { kind: 'record', answer: 1, comment: 'thank you' }, 'thanks'],
  ['sent, "5⭐" (five stars, or Very poor?): help', { invitation: sent, text: '5⭐' }, { kind: 'help' }, 'help'],
  ['sent, "7 - great" (no such answer): help', { invitation: sent, text: '7 - great' }, { kind: 'help' }, 'help'],

  // STOP at every stage
  ['sent, STOP', { invitation: sent, text: 'STOP' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['helped, stop.', { invitation: helped, text: 'stop.' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['answered, Unsubscribe', { invitation: answered(), text: 'Unsubscribe' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['commented, STOPALL', { invitation: commented(), text: 'STOPALL' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['answered long ago, STOP', { invitation: answered(ago(30 * 24 * HOUR)), text: 'STOP' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['closed, quit', { invitation: closed, text: 'quit' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['sent, "Stop please"', { invitation: sent, text: 'Stop please' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['sent, "please stop texting me"', { invitation: sent, text: 'please stop texting me' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['answered, "unsubscribe me"', { invitation: answered(), text: 'unsubscribe me' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['sent, "STOP it\'s annoying"', { invitation: sent, text: "STOP it's annoying" }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['helped, "Stop I don\'t want these"', { invitation: helped, text: "Stop I don't want these" }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['no invitation, "Unsubscribe, wrong number"', { invitation: null, text: 'Unsubscribe, wrong number' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['closed, "STOP messaging me I was never there"', { invitation: closed, text: 'STOP messaging me I was never there' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['answered 2 days ago, "Stop, it was ages ago"', { invitation: answered(ago(48 * HOUR)), text: 'Stop, it was ages ago' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['answered, "Stop the noise at night" is a comment', { invitation: answered(), text: 'Stop the noise at night' }, { kind: 'attachComment', comment: 'Stop the noise at night', append: false }, 'thanks'],
  ['no invitation, STOP', { invitation: null, text: 'STOP' }, { kind: 'optOut' }, 'optOutConfirmed'],
  ['already opted out, STOP again: confirmed only once', { invitation: sent, optedOut: true, text: 'STOP' }, { kind: 'none', reason: 'already-opted-out' }, null],
  ['already opted out, no invitation, STOP', { invitation: null, optedOut: true, text: 'stop' }, { kind: 'none', reason: 'already-opted-out' }, null],

  // START (UNSTOP, YES) from an opted-out number: opted back in, whatever the conversation
  ['opted out, sent, START', { invitation: sent, optedOut: true, text: 'START' }, { kind: 'optIn' }, 'optInConfirmed'],
  ['opted out, no invitation, "unstop"', { invitation: null, optedOut: true, text: 'unstop' }, { kind: 'optIn' }, 'optInConfirmed'],
  ['opted out, closed, "Start."', { invitation: closed, optedOut: true, text: 'Start.' }, { kind: 'optIn' }, 'optInConfirmed'],
  ['opted out, answered, "Yes" is the opt-in, not a comment', { invitation: answered(), optedOut: true, text: 'Yes' }, { kind: 'optIn' }, 'optInConfirmed'],
  ['opted out, "Start again please" is not the keyword: no help, no reply', { invitation: sent, optedOut: true, text: 'Start again please' }, { kind: 'none', reason: 'opted-out' }, null],
  // ...and from a number that is not opted out: nothing changes
  ['sent, START: nothing changes, acknowledged', { invitation: sent, text: 'START' }, { kind: 'none', reason: 'not-opted-out' }, 'optInConfirmed'],
  ['answered, "Unstop" is not a comment', { invitation: answered(), text: 'Unstop' }, { kind: 'none', reason: 'not-opted-out' }, 'optInConfirmed'],
  ['no invitation, start', { invitation: null, text: 'start' }, { kind: 'none', reason: 'not-opted-out' }, 'optInConfirmed'],
  ['sent, "yes" is not an answer: help, as before', { invitation: sent, text: 'yes' }, { kind: 'help' }, 'help'],
  ['answered, "Yes" is a comment, as before', { invitation: answered(), text: 'Yes' }, { kind: 'attachComment', comment: 'Yes', append: false }, 'thanks'],

  // after the answer: a comment is expected
  ['answered, a comment that starts with a number', { invitation: answered(), text: '5 stars, lovely staff' }, { kind: 'attachComment', comment: '5 stars, lovely staff', append: false }, 'thanks'],
  ['answered, "1 nurse was rude"', { invitation: answered(), text: '1 nurse was rude' }, { kind: 'attachComment', comment: '1 nurse was rude', append: false }, 'thanks'],
  ['answered, a bare digit is a comment too', { invitation: answered(), text: '5' }, { kind: 'attachComment', comment: '5', append: false }, 'thanks'],
  ['answered exactly 24 h ago', { invitation: answered(ago(COMMENT_WINDOW_MS)), text: 'Kind nurses' }, { kind: 'attachComment', comment: 'Kind nurses', append: false }, 'thanks'],
  ['answered 24 h and 1 ms ago: not attached', { invitation: answered(ago(COMMENT_WINDOW_MS + 1)), text: 'Kind nurses' }, { kind: 'none', reason: 'comment-window-closed' }, 'commentTooLate'],
  ['answered a week ago: not attached', { invitation: answered(ago(7 * 24 * HOUR)), text: 'Kind nurses' }, { kind: 'none', reason: 'comment-window-closed' }, 'commentTooLate'],
  ['answered, an empty text', { invitation: answered(), text: '  ' }, { kind: 'none', reason: 'empty' }, null],
  ['commented, a second comment: appended, not thanked again', { invitation: commented(), text: 'And the food was cold' }, { kind: 'attachComment', comment: 'And the food was cold', append: true }, null],
  ['commented 25 h ago, another comment: not attached', { invitation: commented(ago(25 * HOUR)), text: 'One more thing' }, { kind: 'none', reason: 'comment-window-closed' }, 'commentTooLate'],

  // nothing open
  ['closed, an answer', { invitation: closed, text: '5' }, { kind: 'none', reason: 'invitation-closed' }, 'noInvitation'],
  ['no invitation, an answer', { invitation: null, text: '5' }, { kind: 'none', reason: 'no-invitation' }, 'noInvitation'],
  ['no invitation, a question', { invitation: null, text: 'Who is this?' }, { kind: 'none', reason: 'no-invitation' }, 'noInvitation'],

  // opted out: what they give is kept, but they get no texts
  ['opted out, sent, "5": recorded silently', { invitation: sent, optedOut: true, text: '5' }, { kind: 'record', answer: 5 }, null],
  ['opted out, sent, "4: long wait": both recorded silently', { invitation: sent, optedOut: true, text: '4: long wait' }, { kind: 'record', answer: 4, comment: 'long wait' }, null],
  ['opted out, sent, not understood: no help', { invitation: sent, optedOut: true, text: 'hmm' }, { kind: 'none', reason: 'opted-out' }, null],
  ['opted out, answered, a comment: attached silently', { invitation: answered(), optedOut: true, text: 'Thanks all' }, { kind: 'attachComment', comment: 'Thanks all', append: false }, null],
  ['opted out, no invitation: silence', { invitation: null, optedOut: true, text: 'hello' }, { kind: 'none', reason: 'no-invitation' }, null],
  ['opted out, late comment: silence', { invitation: answered(ago(48 * HOUR)), optedOut: true, text: 'late' }, { kind: 'none', reason: 'comment-window-closed' }, null],
];

describe('decide', () => {
  it.each(rows)('%s', (_name, situation, action, reply) => {
    const invitation = situation.invitation === undefined ? sent : situation.invitation;
    const decision = decide({ optedOut: false, now: NOW, ...situation, invitation });
    expect(decision.action).toEqual(action);
    if (reply === null) {
      expect(decision.reply).toBeNull();
    } else {
      expect(decision.reply).toEqual({
        message: reply,
        text: smsText(reply, { language: invitation?.language ?? 'en', question: invitation?.question ?? 'fft-2020' }),
      });
    }
  });

  it('the table reaches every action and every reason for doing nothing', () => {
    const kinds = new Set(rows.map((r) => r[2].kind));
    expect([...kinds].sort()).toEqual(['attachComment', 'help', 'none', 'optIn', 'optOut', 'record']);
    const reasons = new Set(rows.flatMap((r) => (r[2].kind === 'none' ? [r[2].reason] : [])));
    const all: NoneReason[] = ['no-invitation', 'invitation-closed', 'comment-window-closed', 'already-opted-out', 'not-opted-out', 'opted-out', 'empty', 'not-understood'];
    expect([...reasons].sort()).toEqual([...all].sort());
  });

  it('replies in the invitation’s language', () => {
    const pl = decide({ invitation: { ...sent, language: 'pl' }, optedOut: false, text: 'pięć', now: NOW });
    expect(pl).toEqual({ action: { kind: 'record', answer: 5 }, reply: { message: 'askComment', text: smsText('askComment', { language: 'pl' }) } });
    const cy = decide({ invitation: { ...answered(), language: 'cy-GB' }, optedOut: false, text: 'Staff caredig iawn', now: NOW });
    expect(cy.reply).toEqual({ message: 'thanks', text: smsText('thanks', { language: 'cy' }) });
    const help = decide({ invitation: { ...sent, language: 'cy', question: 'fft-2013' }, optedOut: false, text: '??', now: NOW });
    expect(help.reply?.text).toContain('1 Tebygol iawn');
  });

  it('confirms an opt-in in the invitation’s language', () => {
    const cy = decide({ invitation: { ...sent, language: 'cy' }, optedOut: true, text: 'START', now: NOW });
    expect(cy).toEqual({ action: { kind: 'optIn' }, reply: { message: 'optInConfirmed', text: smsText('optInConfirmed', { language: 'cy' }) } });
    expect(cy.reply?.text).not.toBe(smsText('optInConfirmed', { language: 'en' }));
  });

  it('leaves the confirmation of its own keywords to Twilio, and confirms what Twilio does not act on', () => {
    const on = (provider: 'twilio' | 'notify', text: string, optedOut = false) => decide({ invitation: sent, optedOut, text, now: NOW, provider });
    // Twilio has blocked (or unblocked) the number and confirmed: ours would be refused (21610) or a second one.
    expect(on('twilio', 'STOP')).toEqual({ action: { kind: 'optOut' }, reply: null });
    expect(on('twilio', ' quit ')).toEqual({ action: { kind: 'optOut' }, reply: null });
    expect(on('twilio', 'start', true)).toEqual({ action: { kind: 'optIn' }, reply: null });
    expect(on('twilio', 'YES', true)).toEqual({ action: { kind: 'optIn' }, reply: null });
    expect(on('twilio', 'Unstop')).toEqual({ action: { kind: 'none', reason: 'not-opted-out' }, reply: null });
    // Twilio reads only the bare keyword: anything else is ours to confirm.
    expect(on('twilio', 'Stop please').reply?.message).toBe('optOutConfirmed');
    expect(on('twilio', 'Start.', true).reply?.message).toBe('optInConfirmed');
    // Notify acts on no keyword.
    expect(on('notify', 'STOP').reply?.message).toBe('optOutConfirmed');
    expect(on('notify', 'START', true).reply?.message).toBe('optInConfirmed');
    // Other replies on Twilio are ours as ever, a YES that is no opt-in included.
    expect(on('twilio', 'yes').reply?.message).toBe('help');
  });

  it('keeps the comment as written: emoji and any script', () => {
    const text = 'Personel był bardzo miły 🙏🏽 شكراً';
    expect(decide({ invitation: answered(), optedOut: false, text, now: NOW }).action).toEqual({ kind: 'attachComment', comment: text, append: false });
  });

  it('is pure: the same situation gives the same decision and nothing is changed', () => {
    const situation = Object.freeze({ invitation: Object.freeze(answered()), optedOut: false, text: 'Lovely', now: NOW });
    expect(decide(situation)).toEqual(decide(situation));
  });

  it('cannot tell a redelivered text from a new one, which is why the caller dedupes on the provider’s message id', () => {
    // Notify retries a callback that timed out. Applied twice, the same "5" first records the
    // score, then (the invitation now answered) would be attached as the comment "5".
    const first = decide({ invitation: sent, optedOut: false, text: '5', now: NOW });
    expect(first.action).toEqual({ kind: 'record', answer: 5 });
    const redelivered = decide({ invitation: answered(NOW), optedOut: false, text: '5', now: NOW });
    expect(redelivered.action).toEqual({ kind: 'attachComment', comment: '5', append: false });
  });
});
