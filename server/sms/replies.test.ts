import { describe, expect, it } from 'vitest';
import { MAX_COMMENT_CHARS } from '../collect/schema.ts';
import { SMS_LANGUAGES, SMS_QUESTIONS } from './languages.ts';
import { ANSWER_WORDS, answerLabels, answerVocabulary, matchKey, opensWithStop, parseFirstReply, parseFollowUp, parseReply, startWord } from './replies.ts';

describe('parseFirstReply: STOP at any moment, in any language', () => {
  const stops = ['STOP', 'stop', 'Stop', ' STOP ', 'STOP.', 'Stop!', '"stop"', 'STOPALL', 'stop all', 'UNSUBSCRIBE', 'Unsubscribe.', 'CANCEL', 'end', 'QUIT', 'REVOKE', 'OPTOUT', 'opt-out', 'Opt out', 'STOP STOP', 'ＳＴＯＰ', 'stop 🛑', 'Stop please', 'please stop', 'STOP texting me', 'stop sending me texts', 'Unsubscribe me now', 'stop it thanks'];
  it.each(stops)('%j → stop', (text) => {
    for (const lang of ['en', 'pl', 'cy', 'ur']) expect(parseFirstReply(text, lang)).toEqual({ kind: 'stop' });
  });

  it.each(['stop texting me about my leg', 'please end', 'the end of the ward', 'STOPPED', 'non-stop care', 'stop the noise at night', 'STOP 1'])('%j is not a stop word', (text) => {
    expect(parseFirstReply(text, 'en').kind).toBe('text');
  });
});

describe('parseFirstReply: answers', () => {
  const answers: [string, number][] = [
    ['5', 5], [' 5 ', 5], ['5.', 5], ['5!', 5], ['(5)', 5], ['"5"', 5], ['5 👍', 5], ['５', 5], ['1', 1], ['6', 6],
    ['five', 5], ['FIVE', 5], ['Five.', 5], ['one', 1], ['six', 6],
    ['Very good', 1], ['very good!', 1], ['VERY GOOD', 1], ['very  good', 1], ['Good', 2], ['good.', 2],
    ['Neither good nor poor', 3], ['neither', 3], ['Poor', 4], ['very poor', 5], ["Don't know", 6], ['Don’t know', 6], ['dont know', 6], ['not sure', 6],
    ['1 Very good', 1], ['1. Very good', 1], ['5 - Very poor', 5], ['6 Don’t know', 6],
    ['٥', 5], ['۵', 5], ['৫', 5], // Arabic, Urdu and Bengali digits
  ];
  it.each(answers)('%j → %i', (text, answer) => {
    expect(parseFirstReply(text, 'en')).toEqual({ kind: 'answer', answer });
  });

  it('reads an answer with a comment after a line break or a separator, as written', () => {
    const cases: [string, number, string][] = [
      ['1\nThe staff were great', 1, 'The staff were great'],
      ['2 - good but slow', 2, 'good but slow'],
      ['2 – good but slow 😊', 2, 'good but slow 😊'],
      ['Very good, thank you', 1, 'thank you'],
      ['5. Waited 6 hours, nobody came', 5, 'Waited 6 hours, nobody came'],
      ['4: food cold\nand late', 4, 'food cold\nand late'],
      ['1 - Very good - lovely nurses', 1, 'lovely nurses'],
      ['Poor! Nobody listened', 4, 'Nobody listened'],
    ];
    for (const [text, answer, comment] of cases) expect(parseFirstReply(text, 'en'), text).toEqual({ kind: 'answer', answer, comment });
    // Not an answer and a comment: a bare space, no such answer, a decimal, or nothing after the separator.
    for (const text of ['1 nurse was rude', '7 - great', '1.5', 'Good but slow, sorry', '5 stars, lovely staff']) expect(parseFirstReply(text, 'en').kind, text).toBe('text');
    expect(parseFirstReply('5 - 👍', 'en')).toEqual({ kind: 'answer', answer: 5 });
  });

  it('does not take the number when the words after it name another answer: "5 - Very good" is not Very poor', () => {
    const unread: [string, string, 'fft-2020' | 'fft-2013' | undefined][] = [
      ['5 - Very good', 'en', undefined],
      ['5. Very good', 'en', 'fft-2020'],
      ['5\nVery good', 'en', 'fft-2020'],
      ['5, very good thanks', 'en', 'fft-2020'],
      ['5 - very good, lovely staff', 'en', 'fft-2020'],
      ['1 - Very poor', 'en', 'fft-2020'],
      ['Very good - 5', 'en', 'fft-2020'],
      ['5 - Extremely likely', 'en', 'fft-2013'],
      ['5 - bardzo dobre', 'pl', 'fft-2020'],
      ['5 - Da iawn', 'cy', 'fft-2020'],
    ];
    for (const [text, lang, question] of unread) expect(parseFirstReply(text, lang, question), text).toEqual({ kind: 'text', text });
    // The number with its own words, or words that are no answer, read as before.
    expect(parseFirstReply('1 - Very good - lovely nurses', 'en')).toEqual({ kind: 'answer', answer: 1, comment: 'lovely nurses' });
    expect(parseFirstReply('5 - Very poor', 'en')).toEqual({ kind: 'answer', answer: 5 });
    expect(parseFirstReply('4 - Poor, the food was cold', 'en')).toEqual({ kind: 'answer', answer: 4, comment: 'the food was cold' });
    expect(parseFirstReply('1 - Good food, kind staff', 'en')).toEqual({ kind: 'answer', answer: 1, comment: 'Good food, kind staff' });
    expect(parseFirstReply('5. Waited 6 hours', 'en')).toEqual({ kind: 'answer', answer: 5, comment: 'Waited 6 hours' });
  });

  it('reads an answer followed by thanks with no separator as it reads ", thank you"', () => {
    const cases: [string, number, string][] = [
      ['Very good thank you', 1, 'thank you'],
      ['Good thanks', 2, 'thanks'],
      ['1 thanks', 1, 'thanks'],
      ['very good thank you very much!', 1, 'thank you very much!'],
      ['1 Very good many thanks x', 1, 'many thanks x'],
      ['two cheers 😊', 2, 'cheers 😊'],
    ];
    for (const [text, answer, comment] of cases) expect(parseFirstReply(text, 'en'), text).toEqual({ kind: 'answer', answer, comment });
    expect(parseFirstReply('Da iawn diolch yn fawr', 'cy', 'fft-2020')).toEqual({ kind: 'answer', answer: 1, comment: 'diolch yn fawr' });
    expect(parseFirstReply('Dobrze dziękuję', 'pl', 'fft-2020')).toEqual({ kind: 'answer', answer: 2, comment: 'dziękuję' });
    // Anything but thanks after a bare space is still not read.
    for (const text of ['1 nurse was rude', '1 thanks to the nurse who was rude', 'very very good thanks', '7 thanks']) expect(parseFirstReply(text, 'en').kind, text).toBe('text');
  });

  it('does not read a number written with stars as the answer: five stars is the best, 5 on the FFT Very poor', () => {
    for (const text of ['5⭐', '5 ⭐⭐⭐⭐⭐', '⭐⭐⭐⭐⭐ 5', '5*', '5 *****', '5★', 'five ⭐', '1 ⭐', '5 - ⭐⭐⭐⭐⭐', '5 ⭐ thanks', '5 - ⭐⭐⭐⭐⭐ lovely staff']) {
      expect(parseFirstReply(text, 'en'), text).toEqual({ kind: 'text', text });
    }
    // Words leave no doubt, and stars in the comment are the comment's.
    expect(parseFirstReply('Very good ⭐⭐⭐⭐⭐', 'en')).toEqual({ kind: 'answer', answer: 1 });
    expect(parseFirstReply('1 - lovely nurses ⭐⭐⭐⭐⭐', 'en')).toEqual({ kind: 'answer', answer: 1, comment: 'lovely nurses ⭐⭐⭐⭐⭐' });
  });

  it('reads the 2013 question’s labels', () => {
    expect(parseFirstReply('Extremely likely', 'en', 'fft-2013')).toEqual({ kind: 'answer', answer: 1 });
    expect(parseFirstReply('likely', 'en', 'fft-2013')).toEqual({ kind: 'answer', answer: 2 });
    expect(parseFirstReply('Extremely unlikely!', 'en', 'fft-2013')).toEqual({ kind: 'answer', answer: 5 });
    expect(parseFirstReply('4', 'en', 'fft-2013')).toEqual({ kind: 'answer', answer: 4 });
  });

  it('does not take one version’s label as the other’s score when the question is known', () => {
    expect(parseFirstReply('Very good', 'en', 'fft-2013').kind).toBe('text');
    expect(parseFirstReply('Likely', 'en', 'fft-2020').kind).toBe('text');
    expect(parseFirstReply('Likely', 'en')).toEqual({ kind: 'answer', answer: 2 }); // either version when unknown
  });

  it('parseReply is parseFirstReply', () => {
    expect(parseReply('five', 'en')).toEqual(parseFirstReply('five', 'en'));
  });
});

describe('parseFirstReply: Polish and Welsh', () => {
  const polish: [string, number][] = [
    ['pięć', 5], ['PIĘĆ', 5], ['piec', 5], ['jeden', 1], ['jedynka', 1], ['dwie', 2], ['sześć', 6], ['szesc', 6],
    ['Bardzo dobre', 1], ['bardzo dobrze!', 1], ['Dobrze', 2], ['Ani dobre, ani złe', 3], ['ani dobrze ani zle', 3], ['Złe', 4], ['zle', 4],
    ['Bardzo źle', 5], ['Nie wiem', 6], ['3 Ani dobre, ani złe', 3], ['Five', 5], ['very good', 1],
  ];
  it.each(polish)('pl %j → %i', (text, answer) => {
    expect(parseFirstReply(text, 'pl', 'fft-2020')).toEqual({ kind: 'answer', answer });
  });

  const welsh: [string, number][] = [
    ['un', 1], ['dau', 2], ['dwy', 2], ['tri', 3], ['tair', 3], ['pedwar', 4], ['pump', 5], ['Pump.', 5], ['chwech', 6],
    ['Da iawn', 1], ['da iawn!', 1], ['Da', 2], ['Ddim yn dda nac yn wael', 3], ['Gwael', 4], ['Gwael iawn', 5], ['Ddim yn gwybod', 6], ['dim yn gwybod', 6],
  ];
  it.each(welsh)('cy %j → %i', (text, answer) => {
    expect(parseFirstReply(text, 'cy', 'fft-2020')).toEqual({ kind: 'answer', answer });
  });

  it('reads the 2013 labels in Polish and Welsh', () => {
    expect(parseFirstReply('Bardzo prawdopodobne', 'pl', 'fft-2013')).toEqual({ kind: 'answer', answer: 1 });
    expect(parseFirstReply('malo prawdopodobne', 'pl', 'fft-2013')).toEqual({ kind: 'answer', answer: 4 });
    expect(parseFirstReply('Tebygol iawn', 'cy', 'fft-2013')).toEqual({ kind: 'answer', answer: 1 });
    expect(parseFirstReply('Annhebygol', 'cy', 'fft-2013')).toEqual({ kind: 'answer', answer: 4 });
  });

  it('takes a regional tag as its language and anything else as English', () => {
    expect(parseFirstReply('pięć', 'pl-PL')).toEqual({ kind: 'answer', answer: 5 });
    expect(parseFirstReply('pump', 'cy-GB')).toEqual({ kind: 'answer', answer: 5 });
    expect(parseFirstReply('five', 'ur')).toEqual({ kind: 'answer', answer: 5 });
    expect(parseFirstReply('pięć', 'en').kind).toBe('text'); // Polish words only for a Polish invitation
  });
});

describe('parseFirstReply: everything else is text, kept as written', () => {
  it.each([
    '0', '7', '10', '55', '5/6', '1-2', '4 or 5', '5 stars', '5 stars, lovely staff', '1 nurse was rude', '5 very good',
    'not good', 'very very good', 'thanks', 'Who is this?', '👍', '', '   ',
  ])('%j → text', (text) => {
    expect(parseFirstReply(text, 'en').kind).toBe('text');
  });

  it('keeps emoji and non-Latin scripts intact, trims, and strips control characters', () => {
    const text = '  شكراً جزيلاً 🙏🏽 — personel był miły\n👨‍👩‍👧 দারুণ\u0000\u0007 ';
    expect(parseFirstReply(text, 'en')).toEqual({ kind: 'text', text: 'شكراً جزيلاً 🙏🏽 — personel był miły\n👨‍👩‍👧 দারুণ' });
  });

  it(`clips text to ${MAX_COMMENT_CHARS} characters without splitting an emoji`, () => {
    const long = '🙂'.repeat(MAX_COMMENT_CHARS + 10);
    const result = parseFirstReply(long, 'en');
    expect(result.kind).toBe('text');
    if (result.kind === 'text') {
      expect([...result.text]).toHaveLength(MAX_COMMENT_CHARS);
      expect(result.text.isWellFormed()).toBe(true);
    }
  });
});

describe('opensWithStop', () => {
  it.each(["STOP it's annoying", 'Stop. I never agreed to this', 'stop texting me about my leg', 'Unsubscribe, wrong person', 'Opt out I have moved', 'STOPALL now!!', 'STOP 1'])('%j opens with STOP', (text) => {
    for (const lang of ['en', 'pl', 'cy']) expect(opensWithStop(text, lang)).toBe(true);
  });

  it.each(['1 stop', 'STOPPED', 'non-stop care', 'Please could you stop', 'End of life care was good', 'Cancel my appointment', 'Quit smoking clinic', ''])('%j does not', (text) => {
    expect(opensWithStop(text, 'en')).toBe(false);
  });
});

describe('startWord: the opt-in keywords, as the whole text', () => {
  it.each([['START', 'start'], ['start', 'start'], [' Start. ', 'start'], ['UNSTOP', 'unstop'], ['Unstop!', 'unstop'], ['YES', 'yes'], ['yes 👍', 'yes'], ['ＳＴＡＲＴ', 'start']] as const)('%j → %s', (text, word) => {
    expect(startWord(text)).toBe(word);
  });

  it.each(['Start again please', 'yes the nurse was lovely', 'restart', 'STARTED', 'STOP', 'un stop', '5', ''])('%j is not one', (text) => {
    expect(startWord(text)).toBeNull();
  });
});

describe('parseFollowUp: a comment is expected, so only STOP is special', () => {
  it.each(['5 stars, lovely staff', '1 nurse was rude', '5', 'five', 'Very good', 'Da iawn'])('%j stays a comment', (text) => {
    expect(parseFollowUp(text, 'en')).toEqual({ kind: 'text', text });
  });

  it.each(['STOP', 'stop.', 'Unsubscribe', 'STOPALL'])('%j → stop', (text) => {
    expect(parseFollowUp(text, 'cy')).toEqual({ kind: 'stop' });
  });

  it('cleans the comment as the write path does', () => {
    expect(parseFollowUp('Lovely\r\nstaff 🙏\u0000', 'en')).toEqual({ kind: 'text', text: 'Lovely\nstaff 🙏' });
  });
});

describe('the answer-word table', () => {
  it('has every language, with six labels per question', () => {
    expect(Object.keys(ANSWER_WORDS).sort()).toEqual([...SMS_LANGUAGES].sort());
    for (const lang of SMS_LANGUAGES) {
      for (const q of SMS_QUESTIONS) expect(answerLabels(lang, q)).toHaveLength(6);
    }
  });

  it('never lets one word mean two answers, in any language and question', () => {
    for (const lang of SMS_LANGUAGES) {
      for (const q of SMS_QUESTIONS) expect(() => answerVocabulary(lang, q)).not.toThrow();
    }
  });

  it('reads back every label it prints, with and without its digit', () => {
    for (const lang of SMS_LANGUAGES) {
      for (const q of SMS_QUESTIONS) {
        answerLabels(lang, q).forEach((label, i) => {
          expect(parseFirstReply(label, lang, q)).toEqual({ kind: 'answer', answer: i + 1 });
          expect(parseFirstReply(`${i + 1} ${label}`, lang, q)).toEqual({ kind: 'answer', answer: i + 1 });
        });
      }
    }
  });

  it('matchKey folds what phones and people vary', () => {
    expect(matchKey('  Don’t KNOW!! ')).toBe('dont know');
    expect(matchKey('Ani dobre, ani złe')).toBe('ani dobre ani zle');
    expect(matchKey('ŵ ŷ â')).toBe('w y a');
    expect(matchKey('5 👍🏽')).toBe('5');
  });
});
