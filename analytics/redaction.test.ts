import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  REDACTION_TAGS,
  expectedRedactions,
  formatRedactionScore,
  plainNumbers,
  isValidNhsNumber,
  redact,
  scoreRedaction,
  type RedactOptions,
} from './redaction.ts';
import { HELD_OUT_REDACTION_CASES, REDACTION_CASES } from './redaction.testset.ts';

const REDACT: RedactOptions = { staffNames: 'redact' };
const KEEP: RedactOptions = { staffNames: 'keep' };

describe('the hand-labelled set', () => {
  it('is big and varied enough to mean something', () => {
    expect(REDACTION_CASES.length).toBeGreaterThanOrEqual(200);
    const clean = REDACTION_CASES.filter((c) => expectedRedactions(c.comment, c.redacted).length === 0);
    expect(clean.length).toBeGreaterThanOrEqual(60);
    for (const tag of REDACTION_TAGS) {
      const count = REDACTION_CASES.flatMap((c) => expectedRedactions(c.comment, c.redacted)).filter((r) => r.tag === tag).length;
      expect(count, tag).toBeGreaterThanOrEqual(10);
    }
  });

  it('keeps staff names only where the redact-all output has a [NAME]', () => {
    for (const c of REDACTION_CASES) {
      if (c.keepingStaff === undefined) continue;
      const all = expectedRedactions(c.comment, c.redacted);
      const kept = expectedRedactions(c.comment, c.keepingStaff);
      for (const k of kept) expect(all, c.comment).toContainEqual(k);
      for (const a of all) if (a.tag !== 'NAME') expect(kept, c.comment).toContainEqual(a);
    }
  });

  for (const options of [REDACT, KEEP]) {
    it(`meets recall ≥ 0.95 and precision ≥ 0.90, overall and per tag (staffNames '${options.staffNames}')`, () => {
      const score = scoreRedaction(REDACTION_CASES, options);
      console.log(`redaction, staffNames '${options.staffNames}', ${REDACTION_CASES.length} comments\n${formatRedactionScore(score)}`);
      const heldOut = scoreRedaction(HELD_OUT_REDACTION_CASES, options);
      console.log(`of which written after tuning (${HELD_OUT_REDACTION_CASES.length}):\n${formatRedactionScore(heldOut)}`);
      for (const m of score.mismatches) console.log(`mismatch\n  comment:  ${m.comment}\n  expected: ${m.expected}\n  actual:   ${m.actual}`);
      expect(score.overall.recall).toBeGreaterThanOrEqual(0.95);
      expect(score.overall.precision).toBeGreaterThanOrEqual(0.9);
      for (const tag of REDACTION_TAGS) {
        expect(score.perTag[tag].recall, `${tag} recall`).toBeGreaterThanOrEqual(0.95);
        expect(score.perTag[tag].precision, `${tag} precision`).toBeGreaterThanOrEqual(0.9);
      }
    });
  }
});

describe('isValidNhsNumber', () => {
  it('accepts a number whose modulus-11 check digit is right, with or without spaces', () => {
    expect(isValidNhsNumber('943 476 5919')).toBe(true);
    expect(isValidNhsNumber('9434765919')).toBe(true);
    expect(isValidNhsNumber('943-476-5919')).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('943 476 5918')).toBe(false);
  });

  it('reads a computed check of 11 as 0, and never issues one whose check is 10', () => {
    expect(isValidNhsNumber('4010232110')).toBe(true);
    for (let last = 0; last <= 9; last++) expect(isValidNhsNumber(`401023217${last}`)).toBe(false);
  });

  it('rejects anything that is not ten digits', () => {
    expect(isValidNhsNumber('943 476 591')).toBe(false);
    expect(isValidNhsNumber('94347659190')).toBe(false);
    expect(isValidNhsNumber('943a765919')).toBe(false);
  });

  it('redacts only a valid number, unless the writer says it is their NHS number', () => {
    expect(redact('ref 943 476 5919 please', REDACT).text).toBe('ref [NHS NUMBER] please');
    expect(redact('ref 943 476 5918 please', REDACT).text).toBe('ref 943 476 5918 please');
    expect(redact('my NHS no is 943 476 5918', REDACT).text).toBe('my NHS no is [NHS NUMBER]');
  });
});

describe('staffNames', () => {
  const comment = 'Nurse Kelly and a lovely HCA called Sam looked after my husband Peter and my mum Jean';

  it("'redact' removes every name", () => {
    expect(redact(comment, REDACT).text).toBe(
      'Nurse [NAME] and a lovely HCA called [NAME] looked after my husband [NAME] and my mum [NAME]',
    );
  });

  it("'keep' keeps staff and still removes relatives", () => {
    expect(redact(comment, KEEP).text).toBe(
      'Nurse Kelly and a lovely HCA called Sam looked after my husband [NAME] and my mum [NAME]',
    );
  });

  it("'keep' redacts a name with no sign of being staff, since keeping a patient's name is the worse error", () => {
    expect(redact('Jean was so scared on her own', KEEP).text).toBe('[NAME] was so scared on her own');
  });

  it('reports only what it replaced, in order, with offsets into the original', () => {
    const { found } = redact(comment, KEEP);
    expect(found.map((f) => [f.tag, comment.slice(f.start, f.end)])).toEqual([
      ['NAME', 'Peter'],
      ['NAME', 'Jean'],
    ]);
  });
});

describe('names written with initials', () => {
  it('takes the initials and the surname whole, with or without full stops', () => {
    for (const [comment, redacted] of [
      ['Mrs A Jones was in the next bed', 'Mrs [NAME] was in the next bed'],
      ['Mr. A. Patel explained everything', 'Mr. [NAME] explained everything'],
      ['Dr J. Smith was kind', 'Dr [NAME] was kind'],
      ['Dr J.Smith was kind', 'Dr [NAME] was kind'],
      ['Thank you Dr. A. B. Smith', 'Thank you Dr. [NAME]'],
      ['Nurse J. Smith was kind', 'Nurse [NAME] was kind'],
    ]) {
      expect(redact(comment, REDACT).text, comment).toBe(redacted);
    }
  });

  it('leaves a capital letter that starts a sentence or names a department alone', () => {
    expect(redact('Seen by Dr A and E was busy', REDACT).text).toBe('Seen by Dr A and E was busy');
    expect(redact('Saw the nurse. A Doctor came later', REDACT).text).toBe('Saw the nurse. A Doctor came later');
  });
});

describe('numbers typed in unusual characters', () => {
  it('finds NHS and phone numbers with non-breaking, thin or zero-width spaces, en dashes or full-width digits, keeping the rest as written', () => {
    const cases: [string, string][] = [
      ['NHS no 943\u00a0476\u00a05919 please', 'NHS no [NHS NUMBER] please'],
      ['my number 943\u2009476\u20095919.', 'my number [NHS NUMBER].'],
      ['number 943\u2013476\u20135919', 'number [NHS NUMBER]'],
      ['call 07700\u200b900123 anytime', 'call [PHONE] anytime'],
      ['call ０７７００ ９００１２３ anytime', 'call [PHONE] anytime'],
      ['ring 07700\u202f900\u202f123 — thanks', 'ring [PHONE] — thanks'],
    ];
    for (const [comment, expected] of cases) expect(redact(comment, REDACT).text, comment).toBe(expected);
  });

  it("finds numbers written in other scripts' digits (Devanagari, Bengali, Gurmukhi, Gujarati, Tamil, Arabic-Indic)", () => {
    const cases: [string, string][] = [
      ['मेरा नंबर ०७७०० ९००१२३ है', 'मेरा नंबर [PHONE] है'],
      ['আমার নম্বর ০৭৭০০ ৯০০১২৩', 'আমার নম্বর [PHONE]'],
      ['ਨੰਬਰ ੦੭੭੦੦ ੯੦੦੧੨੩', 'ਨੰਬਰ [PHONE]'],
      ['NHS no ૯૪૩ ૪૭૬ ૫૯૧૯', 'NHS no [NHS NUMBER]'],
      ['எண் ௦௭௭௦௦ ௯௦௦௧௨௩', 'எண் [PHONE]'],
      ['رقمي ٠٧٧٠٠ ٩٠٠١٢٣', 'رقمي [PHONE]'],
    ];
    for (const [comment, expected] of cases) expect(redact(comment, REDACT).text, comment).toBe(expected);
  });

  it('keeps offsets: the plain copy is as long as the text, a digit outside the BMP kept as written', () => {
    const text = 'call ०७७००\u00a0९००१२३ or 𝟎𝟕𝟕 — ok';
    const plain = plainNumbers(text);
    expect(plain.length).toBe(text.length);
    expect(plain).toBe('call 07700 900123 or 𝟎𝟕𝟕 - ok');
  });

  it('takes a date of birth written year first whole', () => {
    expect(redact('DOB 1956-03-12, seen on ward 4', REDACT).text).toBe('DOB [DATE OF BIRTH], seen on ward 4');
    expect(redact('born 1956/3/2 and still here', REDACT).text).toBe('born [DATE OF BIRTH] and still here');
    expect(redact('born in 1956, still going', REDACT).text).toBe('born in [DATE OF BIRTH], still going');
  });
});

describe('text with no personal data', () => {
  it('comes back byte-identical, with nothing found', () => {
    const clean = REDACTION_CASES.filter((c) => expectedRedactions(c.comment, c.redacted).length === 0);
    for (const c of clean) {
      for (const options of [REDACT, KEEP]) {
        const result = redact(c.comment, options);
        expect(result.found, c.comment).toEqual([]);
        expect(result.text === c.comment, c.comment).toBe(true);
      }
    }
  });

  it('leaves other scripts, emoji and combining marks alone', () => {
    const text = '病房很干净 😊 Pielęgniarki były miłe 👨‍⚕️ ਸਟਾਫ ਵਧੀਆ 🙏🏽 café Zoë';
    expect(redact(text, REDACT).text).toBe('病房很干净 😊 Pielęgniarki były miłe 👨‍⚕️ ਸਟਾਫ ਵਧੀਆ 🙏🏽 café [NAME]');
  });
});

describe('on any input', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'grapheme', maxLength: 120 }),
    fc.array(fc.constantFrom('Dr', 'Smith', 'my', 'husband', 'Peter', 'nurse', 'jo', '07700', '900123', 'LS1', '4AB', 'DOB',
      '12/03/1954', '943', '476', '5919', '@', 'x.com', '12', 'High', 'Street', 'called', 'Sam', ',', '.', '😊', 'and', 'Will'),
    { maxLength: 30 }).map((words) => words.join(' ')),
  );

  it('never throws, finds spans in order without overlap, and changes nothing else', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom<RedactOptions>(REDACT, KEEP), (text, options) => {
        const { text: out, found } = redact(text, options);
        let rebuilt = '';
        let at = 0;
        for (const f of found) {
          expect(f.start).toBeGreaterThanOrEqual(at);
          expect(f.end).toBeGreaterThan(f.start);
          rebuilt += text.slice(at, f.start) + `[${f.tag}]`;
          at = f.end;
        }
        expect(rebuilt + text.slice(at)).toBe(out);
      }),
      { numRuns: 500 },
    );
  });
});
