import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONCERN_REASONS, CONCERN_RULES, detectConcern, formatConcernScore, scoreConcerns } from './concerns.ts';
import { BLIND_CONCERN_CASES, CONCERN_CASES, EIGHTH_HELD_OUT_CONCERN_CASES, ELEVENTH_HELD_OUT_CONCERN_CASES, FIFTH_HELD_OUT_CONCERN_CASES, FOURTH_HELD_OUT_CONCERN_CASES, HELD_OUT_CONCERN_CASES, NINTH_HELD_OUT_CONCERN_CASES, SECOND_HELD_OUT_CONCERN_CASES, SEVENTH_HELD_OUT_CONCERN_CASES, SIXTH_HELD_OUT_CONCERN_CASES, TENTH_HELD_OUT_CONCERN_CASES, THIRD_HELD_OUT_CONCERN_CASES, THIRTEENTH_HELD_OUT_CONCERN_CASES, TWELFTH_HELD_OUT_CONCERN_CASES } from './concerns.testset.ts';

describe('the hand-labelled set', () => {
  it('is big enough, and about half of it is tricky non-concerns', () => {
    expect(CONCERN_CASES.length).toBeGreaterThanOrEqual(150);
    const none = CONCERN_CASES.filter((c) => c.expected === null).length;
    expect(none / CONCERN_CASES.length).toBeGreaterThanOrEqual(0.45);
    for (const reason of CONCERN_REASONS) {
      expect(CONCERN_CASES.filter((c) => c.expected === reason).length, reason).toBeGreaterThanOrEqual(10);
    }
  });

  // The rules were widened on every batch up to the eleventh; the twelfth and thirteenth only
  // trained the learned model and led to the general past-or-prevented guard (the rules with the
  // model flag all of them: analytics/comments/concern-model.test.ts).
  const notWidenedOn = new Set([...TWELFTH_HELD_OUT_CONCERN_CASES, ...THIRTEENTH_HELD_OUT_CONCERN_CASES]);
  const tuned = CONCERN_CASES.filter((c) => !notWidenedOn.has(c));

  it('flags every clear concern the rules were widened on, with the right reason, and false-alarms on at most 5% of the rest', () => {
    const score = scoreConcerns(tuned);
    console.log(`concerns, ${tuned.length} comments\n${formatConcernScore(score)}`);
    for (const [label, cases] of [
      ['first batch written after tuning', HELD_OUT_CONCERN_CASES],
      ['second batch written after tuning', SECOND_HELD_OUT_CONCERN_CASES],
      ['third batch, written blind', THIRD_HELD_OUT_CONCERN_CASES],
      ['fourth batch, written blind', FOURTH_HELD_OUT_CONCERN_CASES],
      ['fifth batch, written blind', FIFTH_HELD_OUT_CONCERN_CASES],
      ['sixth batch, written blind', SIXTH_HELD_OUT_CONCERN_CASES],
      ['seventh batch, written blind', SEVENTH_HELD_OUT_CONCERN_CASES],
      ['eighth batch, written blind', EIGHTH_HELD_OUT_CONCERN_CASES],
      ['ninth batch, written blind', NINTH_HELD_OUT_CONCERN_CASES],
      ['tenth batch, written blind', TENTH_HELD_OUT_CONCERN_CASES],
      ['eleventh batch, written blind', ELEVENTH_HELD_OUT_CONCERN_CASES],
      ['twelfth batch, written blind', TWELFTH_HELD_OUT_CONCERN_CASES],
      ['thirteenth batch, written blind in real comments\' style', THIRTEENTH_HELD_OUT_CONCERN_CASES],
    ] as const) {
      console.log(`of which ${label} (${cases.length}):\n${formatConcernScore(scoreConcerns(cases))}`);
    }
    for (const m of score.missed) console.log(`missed (${m.expected}): ${m.comment}`);
    for (const f of score.falselyFlagged) console.log(`false alarm (${f.reason}): ${f.comment}`);
    for (const w of score.wrongReason) console.log(`wrong reason (${w.expected} → ${w.reason}): ${w.comment}`);
    expect(score.recall).toBe(1);
    expect(score.falseAlarmRate).toBeLessThanOrEqual(0.05);
    expect(score.reasonAgreement).toBeGreaterThanOrEqual(0.95);
  });
});

describe('the batches the rules were never tuned on', () => {
  it('catches at least as many concerns as when they were scored (38 of 90), with no more false alarms (8 of 90)', () => {
    expect(BLIND_CONCERN_CASES.length).toBe(180);
    const score = scoreConcerns(BLIND_CONCERN_CASES);
    console.log(`blind batch, ${BLIND_CONCERN_CASES.length} comments\n${formatConcernScore(score)}`);
    expect(score.caught).toBeGreaterThanOrEqual(38);
    expect(score.falseAlarms).toBeLessThanOrEqual(8);
  });
});

describe('idioms and negations are not concerns', () => {
  const notConcerns = [
    'the staff killed it, brilliant',
    'I was dying to get home',
    'painless',
    'no pain at all',
    "didn't fall once thanks to the physios",
    'the food was criminal lol',
    'the steak pie is to die for',
    'I could have killed for a cup of tea',
    'drop-dead gorgeous doctors',
    'the wait was torture',
    'nothing to flag',
    'that sandwich hit the spot',
    'I fell asleep during the film',
    'had a heart attack in 2019 and they saved me',
    'I was never left in pain',
    'my back was killing me on those chairs',
  ];
  for (const text of notConcerns) {
    it(JSON.stringify(text), () => expect(detectConcern(text)).toEqual({ concern: false }));
  }
});

describe('detectConcern', () => {
  it('gives the sentence that raised the concern as evidence', () => {
    const result = detectConcern('Lovely ward. Mum was left in soiled sheets all morning! Food was good.');
    expect(result).toEqual({ concern: true, reason: 'unsafe-care', evidence: 'Mum was left in soiled sheets all morning!' });
  });

  it('reports the most serious reason when several apply', () => {
    const result = detectConcern('They left me in pain all night and I want to die');
    expect(result.concern && result.reason).toBe('self-harm');
  });

  it('counts violence by staff as abuse, and by another patient as violence', () => {
    const byStaff = detectConcern('I was attacked by a nurse');
    const byPatient = detectConcern('I was attacked by another patient');
    expect(byStaff.concern && byStaff.reason).toBe('abuse-neglect');
    expect(byPatient.concern && byPatient.reason).toBe('violence-threat');
  });

  it('never throws and answers the same way twice, on any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const first = detectConcern(text);
        expect(detectConcern(text)).toEqual(first);
        if (first.concern) expect(text).toContain(first.evidence.replace(/…$/, ''));
      }),
      { numRuns: 300 },
    );
  });
});

describe('rule gates', () => {
  // A gate is a cheap test that lets a rule's full pattern be skipped; a gate that missed a
  // word its pattern needs would silently drop concerns, so check each against every comment.
  it('are a necessary condition of their pattern on every labelled comment', () => {
    for (const rule of CONCERN_RULES) {
      const pattern = new RegExp(rule.pattern.source, rule.pattern.flags.replace('g', ''));
      for (const c of CONCERN_CASES) {
        const lower = c.comment.toLowerCase().replace(/[’‘]/g, "'");
        if (pattern.test(lower)) expect(rule.gate.test(lower), `${rule.name}: ${c.comment}`).toBe(true);
      }
    }
  });
});
