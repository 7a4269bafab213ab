import { describe, expect, it } from 'vitest';
import { SMS_LANGUAGES, SMS_QUESTIONS } from './languages.ts';
import { invitationText, MAX_UNIT_NAME, MESSAGES, smsSegments, smsText, type SmsMessageKind } from './messages.ts';
import { ANSWER_WORDS, answerLabels } from './replies.ts';

const KINDS: SmsMessageKind[] = ['invitation', 'askComment', 'thanks', 'help', 'optOutConfirmed', 'optInConfirmed', 'commentTooLate', 'noInvitation'];
const LONGEST_UNIT = 'Royal Anytown Hospital, Ward 24 (Acute Medical Unit) North'.padEnd(MAX_UNIT_NAME, 'x');

describe('smsSegments', () => {
  const a = (n: number) => 'a'.repeat(n);
  it('GSM-7: 160 alone, 153 per joined segment', () => {
    expect(smsSegments('')).toEqual({ encoding: 'GSM-7', units: 0, segments: 1 });
    expect(smsSegments(a(160))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments(a(161))).toEqual({ encoding: 'GSM-7', units: 161, segments: 2 });
    expect(smsSegments(a(306))).toEqual({ encoding: 'GSM-7', units: 306, segments: 2 });
    expect(smsSegments(a(307))).toEqual({ encoding: 'GSM-7', units: 307, segments: 3 });
    expect(smsSegments(a(459)).segments).toBe(3);
    expect(smsSegments(a(460)).segments).toBe(4);
  });

  it('counts the GSM-7 extension characters twice and never splits their escape', () => {
    expect(smsSegments('€'.repeat(80))).toEqual({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(smsSegments('€'.repeat(81))).toEqual({ encoding: 'GSM-7', units: 162, segments: 2 });
    expect(smsSegments('{}[]~|^\\')).toMatchObject({ encoding: 'GSM-7', units: 16 });
    // 306 septets would be 2 segments, but the € cannot straddle the first boundary.
    expect(smsSegments(`${a(152)}€${a(152)}`)).toEqual({ encoding: 'GSM-7', units: 306, segments: 3 });
  });

  it('knows the GSM-7 alphabet beyond ASCII', () => {
    expect(smsSegments('£5 @ café, Ñoño, Øresund, ÄÖÜ äöü ß ¿¡ §')).toMatchObject({ encoding: 'GSM-7' });
  });

  it('UCS-2: one character outside GSM-7 makes the whole text 70 alone, 67 per joined segment', () => {
    expect(smsSegments('ą'.repeat(70))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments('ą'.repeat(71))).toEqual({ encoding: 'UCS-2', units: 71, segments: 2 });
    expect(smsSegments(`${a(100)}’`)).toEqual({ encoding: 'UCS-2', units: 101, segments: 2 }); // a curly apostrophe
    expect(smsSegments('Peidiwch â chynnwys')).toMatchObject({ encoding: 'UCS-2' }); // Welsh circumflex
  });

  it('UCS-2: an emoji is two units and is never split', () => {
    expect(smsSegments('🙂'.repeat(35))).toEqual({ encoding: 'UCS-2', units: 70, segments: 1 });
    expect(smsSegments(`${'ą'.repeat(66)}🙂${'ą'.repeat(66)}`)).toEqual({ encoding: 'UCS-2', units: 134, segments: 3 });
  });
});

describe('the invitation', () => {
  it('names the unit, asks the question, explains 1–6 and says how to opt out', () => {
    const text = invitationText({ unitName: 'Ward 4', language: 'en', question: 'fft-2020' });
    expect(text).toBe(
      "Ward 4: we would like your feedback. Overall, how was your experience of our service? Please reply with a number: 1 Very good, 2 Good, 3 Neither good nor poor, 4 Poor, 5 Very poor, 6 Don't know. Reply STOP to opt out.",
    );
  });

  it('asks the 2013 question with the unit’s service noun', () => {
    const text = invitationText({ unitName: 'Anytown A&E', language: 'en', question: 'fft-2013', serviceNoun: 'A&E department' });
    expect(text).toContain('How likely are you to recommend our A&E department to friends and family');
    expect(text).toContain('1 Extremely likely, 2 Likely, 3 Neither likely nor unlikely, 4 Unlikely, 5 Extremely unlikely, 6 Don\'t know');
    expect(invitationText({ unitName: 'Ward 4', question: 'fft-2013' })).toContain('recommend our service to');
  });

  it('in every language and question: unit, all six numbered labels, STOP, nothing left unfilled', () => {
    for (const language of SMS_LANGUAGES) {
      for (const question of SMS_QUESTIONS) {
        const text = invitationText({ unitName: 'Ward 4', language, question });
        expect(text.startsWith('Ward 4: ')).toBe(true);
        expect(text).toContain(MESSAGES[language].question[question].replace('{service}', 'service'));
        answerLabels(language, question).forEach((label, i) => expect(text).toContain(`${i + 1} ${label}`));
        expect(text).toContain('STOP');
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });

  it('English and Welsh fit 3 GSM-7 segments even with the longest unit name', () => {
    for (const language of ['en', 'cy']) {
      for (const question of SMS_QUESTIONS) {
        const seg = smsSegments(invitationText({ unitName: LONGEST_UNIT, language, question, serviceNoun: 'maternity service' }));
        expect(seg, `${language} ${question}`).toMatchObject({ encoding: 'GSM-7' });
        expect(seg.segments, `${language} ${question}`).toBeLessThanOrEqual(3);
      }
    }
  });

  it('Polish needs UCS-2 (ą, ę, ł …) and so more segments: 4 for 2020 (5 with the longest name), 6 for 2013', () => {
    const pl = (unitName: string, question: 'fft-2020' | 'fft-2013') => smsSegments(invitationText({ unitName, language: 'pl', question }));
    expect(pl('Ward 4', 'fft-2020')).toMatchObject({ encoding: 'UCS-2', segments: 4 });
    expect(pl(LONGEST_UNIT, 'fft-2020').segments).toBeLessThanOrEqual(5);
    expect(pl(LONGEST_UNIT, 'fft-2013').segments).toBeLessThanOrEqual(6);
  });

  it('keeps a unit name’s typography from turning the text into UCS-2', () => {
    const text = invitationText({ unitName: 'St Mary’s – “Rainbow” Ward…', language: 'en' });
    expect(text.startsWith('St Mary\'s - "Rainbow" Ward...: ')).toBe(true);
    expect(smsSegments(text).encoding).toBe('GSM-7');
  });

  it('shortens an over-long unit name, and prints a name as written even if it looks like a placeholder', () => {
    const text = invitationText({ unitName: 'W'.repeat(200), language: 'en' });
    expect(text.startsWith(`${'W'.repeat(MAX_UNIT_NAME - 3)}...: `)).toBe(true);
    expect(invitationText({ unitName: '{scale}', language: 'en' }).startsWith('{scale}: ')).toBe(true);
    expect(invitationText({ unitName: '  Ward\n\t 4\u0000 ', language: 'en' }).startsWith('Ward 4: ')).toBe(true);
  });

  it('needs a unit name', () => {
    expect(() => smsText('invitation', { language: 'en' })).toThrow(/unit name/);
    expect(() => invitationText({ unitName: '   ' })).toThrow(/unit name/);
  });
});

describe('the replies', () => {
  it('exist in every language, with nothing left unfilled', () => {
    for (const language of SMS_LANGUAGES) {
      for (const kind of KINDS.filter((k) => k !== 'invitation')) {
        const text = smsText(kind, { language });
        expect(text.length, `${language} ${kind}`).toBeGreaterThan(20);
        expect(text).not.toMatch(/[{}]/);
      }
    }
  });

  it('fall back to English for a language we do not write, and read regional tags', () => {
    for (const kind of KINDS.filter((k) => k !== 'invitation')) {
      expect(smsText(kind, { language: 'ur' })).toBe(smsText(kind, { language: 'en' }));
      expect(smsText(kind, { language: 'pl-PL' })).toBe(smsText(kind, { language: 'pl' }));
    }
    expect(smsText('thanks')).toBe(MESSAGES.en.thanks);
  });

  it('help repeats the scale of the invitation’s question', () => {
    expect(smsText('help', { language: 'en', question: 'fft-2020' })).toContain('1 Very good, 2 Good');
    expect(smsText('help', { language: 'en', question: 'fft-2013' })).toContain('1 Extremely likely, 2 Likely');
    expect(smsText('help', { language: 'cy', question: 'fft-2020' })).toContain('1 Da iawn, 2 Da');
  });

  it('signpost 111 and 999 wherever a patient may be writing to us about their health', () => {
    for (const language of SMS_LANGUAGES) {
      for (const kind of ['thanks', 'commentTooLate', 'noInvitation'] as const) {
        expect(smsText(kind, { language })).toMatch(/111.*999/);
      }
    }
  });

  it('English replies are single GSM-7 segments, help at most two', () => {
    for (const kind of ['askComment', 'thanks', 'optOutConfirmed', 'optInConfirmed', 'commentTooLate', 'noInvitation'] as const) {
      expect(smsSegments(smsText(kind, { language: 'en' })), kind).toMatchObject({ encoding: 'GSM-7', segments: 1 });
    }
    for (const question of SMS_QUESTIONS) expect(smsSegments(smsText('help', { language: 'en', question })).segments).toBeLessThanOrEqual(2);
  });

  it('a comment a day late is told why it is not kept and that the answer counts, not that nobody reads this number', () => {
    expect(smsText('commentTooLate', { language: 'en' })).toBe(
      'Sorry, we can only add comments sent within a day of your answer. Your answer has been counted. Thank you. For medical help call 111, or 999 in an emergency.',
    );
    for (const language of SMS_LANGUAGES) expect(smsText('commentTooLate', { language }), language).not.toBe(smsText('noInvitation', { language }));
  });

  it('the opt-in confirmation says how to opt out again, in every language', () => {
    for (const language of SMS_LANGUAGES) expect(smsText('optInConfirmed', { language }), language).toContain('STOP');
  });

  it('every language has both tables: words to read and texts to send', () => {
    expect(Object.keys(MESSAGES).sort()).toEqual(Object.keys(ANSWER_WORDS).sort());
  });
});
