import { describe, expect, it } from 'vitest';
import { DEFAULT_FEATURE_SPEC } from './features.ts';
import { loadModel, scoreComment } from './model.ts';
import {
  evaluate, frameworkExamples, respondentDraw, seededRandom, sentimentAgreement, splitByRespondent, trainModel, vaderLexicon, type LabelledComment,
} from './train.ts';

/** A small made-up set: three themes, each with praise and complaint, two comments per respondent. */
function syntheticComments(): LabelledComment[] {
  const themes = [
    { label: 'Timeliness of care', good: ['ambulance came quickly', 'seen on time, no wait'], bad: ['waited hours for the ambulance', 'long wait in a&e'] },
    { label: 'Staff manner & personal attributes', good: ['nurses kind and caring', 'friendly polite staff'], bad: ['rude receptionist', 'staff were dismissive and rude'] },
    { label: 'Food & drink provision & facilities', good: ['lovely hot meals', 'good food and drinks'], bad: ['food was cold', 'no choice of meals'] },
  ];
  const rows: LabelledComment[] = [];
  let respondent = 0;
  for (let repeat = 0; repeat < 4; repeat++) {
    for (const theme of themes) {
      for (const [i, comment] of [...theme.good, ...theme.bad].entries()) {
        const good = i < theme.good.length;
        rows.push({
          respondentId: `R${respondent++ >> 1}`,
          comment: `${comment} ${['', 'really', 'today', 'again'][repeat]}`.trim(),
          fftAnswer: good ? 1 : 4,
          question: good ? 'What was good?' : 'What could we do better?',
          labels: [theme.label],
          sentiment: good ? 1 : 4,
        });
      }
    }
  }
  rows.push({ respondentId: 'R-blank', comment: 'Did not answer', fftAnswer: 1, question: 'FFT Why?', labels: ['Labelling not possible'], sentiment: null });
  return rows;
}

const SMALL = {
  spec: { ...DEFAULT_FEATURE_SPEC, bits: 12 },
  minDf: 1,
  epochs: 4,
  innerFolds: 2,
  frameworkExamples: [{ subCategory: 'Parking', text: 'Not enough parking spaces' }],
};

describe('trainModel', () => {
  it('is deterministic: same rows and seed give a byte-identical artefact', () => {
    const a = JSON.stringify(trainModel(syntheticComments(), SMALL));
    const b = JSON.stringify(trainModel(syntheticComments(), SMALL));
    expect(a).toBe(b);
    expect(JSON.stringify(trainModel(syntheticComments(), { ...SMALL, seed: 7 }))).not.toBe(a);
  });

  it('does not depend on row order for the split', () => {
    const rows = syntheticComments();
    const forward = splitByRespondent(rows, 1, 0.3);
    const backward = splitByRespondent([...rows].reverse(), 1, 0.3);
    expect(new Set(forward.validation.map((r) => r.comment))).toEqual(new Set(backward.validation.map((r) => r.comment)));
  });

  it('learns the synthetic themes', () => {
    const rows = syntheticComments();
    const model = loadModel(trainModel(rows, { ...SMALL, epochs: 10 }));
    const result = evaluate(model, rows);
    expect(result.microF1).toBeGreaterThan(0.9);
    expect(result.sentimentAccuracy).toBeGreaterThan(0.9);
  });

  it('scales only the sentiment head by NB log-count ratios: the sub-categories are untouched', () => {
    const plain = trainModel(syntheticComments(), { ...SMALL, sentimentNbPower: 0 });
    const scaled = trainModel(syntheticComments(), { ...SMALL, sentimentNbPower: 1 });
    const labelCount = plain.labels.length;
    const outputs = labelCount + 5;
    const columns = (json: typeof plain, from: number, to: number) => {
      const bytes = new Int8Array(Buffer.from(json.weights, 'base64'));
      const out: number[] = [];
      for (let i = 0; i < bytes.length; i++) if (i % outputs >= from && i % outputs < to) out.push(bytes[i]);
      return out;
    };
    expect(scaled.labels).toEqual(plain.labels);
    expect(scaled.bias.slice(0, labelCount)).toEqual(plain.bias.slice(0, labelCount));
    expect(scaled.scales.slice(0, labelCount)).toEqual(plain.scales.slice(0, labelCount));
    expect(columns(scaled, 0, labelCount)).toEqual(columns(plain, 0, labelCount));
    expect(columns(scaled, labelCount, outputs)).not.toEqual(columns(plain, labelCount, outputs));
    expect(evaluate(loadModel(scaled), syntheticComments()).sentimentAccuracy).toBeGreaterThan(0.9);
  });

  it('stores the lexicon it was trained with, and scores with it', () => {
    const lexicon = { caring: 2.2, cold: -0.8, kind: 2.4, rude: -2.0 };
    const plain = trainModel(syntheticComments(), SMALL);
    const json = trainModel(syntheticComments(), { ...SMALL, lexicon });
    expect(plain.lexicon).toBeUndefined();
    expect(json.lexicon).toEqual(lexicon);
    expect(JSON.stringify(trainModel(syntheticComments(), { ...SMALL, lexicon }))).toBe(JSON.stringify(json));
    const model = loadModel(json);
    expect(model.lexicon?.get('rude')).toBe(-2);
    expect(evaluate(model, syntheticComments()).sentimentAccuracy).toBeGreaterThan(0.9);
    // The same weights read without their lexicon see different features, so score differently.
    const input = { comment: 'nurses kind and caring', fftAnswer: 1, question: 'What was good?' };
    const withLexicon = Array.from(scoreComment(model, input).sentimentLogits);
    const without = Array.from(scoreComment(loadModel({ ...json, lexicon: undefined }), input).sentimentLogits);
    expect(without).not.toEqual(withLexicon);
  });

  it('keeps the lexicon features to the sentiment head: the sub-categories are untouched', () => {
    const lexicon = { caring: 2.2, cold: -0.8, kind: 2.4, rude: -2.0 };
    const plain = trainModel(syntheticComments(), SMALL);
    const json = trainModel(syntheticComments(), { ...SMALL, lexicon });
    const labelCount = plain.labels.length;
    const outputs = labelCount + 5;
    // Lexicon rows come after every hashed row, so the hashed rows keep their indices.
    expect(json.rows).toBeGreaterThan(plain.rows);
    const bytes = (j: typeof plain) => new Int8Array(Buffer.from(j.weights, 'base64'));
    const themes = (b: Int8Array, rows: number) => {
      const out: number[] = [];
      for (let row = 0; row < rows; row++) for (let k = 0; k < labelCount; k++) out.push(b[row * outputs + k]);
      return out;
    };
    expect(themes(bytes(json), plain.rows)).toEqual(themes(bytes(plain), plain.rows));
    expect(themes(bytes(json), json.rows).slice(plain.rows * labelCount).every((w) => w === 0)).toBe(true);
    expect(json.labels).toEqual(plain.labels);
    expect(json.bias.slice(0, labelCount)).toEqual(plain.bias.slice(0, labelCount));
  });

  it('stores no comment text in the artefact', () => {
    const json = JSON.stringify(trainModel(syntheticComments(), SMALL));
    expect(json).not.toContain('receptionist');
    expect(json).not.toContain('parking spaces');
  });
});

describe('vaderLexicon', () => {
  it('keeps single words the tokeniser yields as they are, sorted, and drops emoticons and phrases', () => {
    const text = [
      'superb\t3.1\t0.7\t[3, 4, 3]',
      ':-)\t1.3\t0.46\t[1, 1, 2]',
      "can't stand\t-2.0\t0.63\t[-2, -2]",
      'abandon\t-1.9\t0.53\t[-2, -1]',
      'broken line',
      '',
    ].join('\n');
    const lexicon = vaderLexicon(text);
    expect(lexicon).toEqual({ abandon: -1.9, superb: 3.1 });
    expect(Object.keys(lexicon)).toEqual(['abandon', 'superb']);
  });
});

describe('splitByRespondent', () => {
  it('keeps each respondent\'s comments on one side', () => {
    const { train, validation } = splitByRespondent(syntheticComments(), 42, 0.25);
    const trainRespondents = new Set(train.map((r) => r.respondentId));
    for (const row of validation) expect(trainRespondents.has(row.respondentId)).toBe(false);
    expect(validation.length).toBeGreaterThan(0);
    expect(respondentDraw('NEAS PTS 528', 1)).toBe(respondentDraw('NEAS PTS 528', 1));
  });

  it('has a seeded, repeatable random source', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe('sentimentAgreement', () => {
  const row = (comment: string, sentiment: number | null, fftAnswer = 1, question = 'What was good?'): LabelledComment =>
    ({ respondentId: comment, comment, fftAnswer, question, labels: [], sentiment });
  it('groups the same words under the same question and answer, and counts the comments that carry their group\'s commonest sentiment', () => {
    const rows = [
      row('Great staff', 1), row('great staff!', 1), row('GREAT  staff.', 2), // one group of three, two agree
      row('Nothing', 3), row('nothing', 3), // agree
      row('Nothing', 1, 1, 'What could we do better?'), // another question: alone, left out
      row('Nothing', 3, 2), // another answer: alone, left out
      row('Rude', 5), row('Rude', null), // the second is not rated: alone, left out
      row('', 3), row('  ', 3), // blank: left out
    ];
    expect(sentimentAgreement(rows)).toEqual({ groups: 2, comments: 5, withMajority: 4, disagreeing: 1 });
    expect(sentimentAgreement([])).toEqual({ groups: 0, comments: 0, withMajority: 0, disagreeing: 0 });
  });
});

describe('evaluate', () => {
  it('computes micro-F1, macro-F1 over present labels, exact match and sentiment accuracy', () => {
    const rows = syntheticComments();
    const model = loadModel(trainModel(rows, SMALL));
    const result = evaluate(model, rows);
    expect(result.comments).toBe(rows.length);
    expect(result.labelsPresent).toBe(4);
    expect(result.sentimentRated).toBe(rows.length - 1);
    const present = result.perLabel.filter((l) => l.support > 0);
    expect(result.macroF1).toBeCloseTo(present.reduce((sum, l) => sum + l.f1, 0) / present.length, 10);
    for (const l of result.perLabel) {
      expect(l.f1).toBeGreaterThanOrEqual(0);
      expect(l.f1).toBeLessThanOrEqual(1);
    }
    expect(result.exactMatch).toBeGreaterThanOrEqual(0);
    expect(result.exactMatch).toBeLessThanOrEqual(1);
  });
});

describe('frameworkExamples', () => {
  it('splits quoted examples and strips tone headings', () => {
    const examples = frameworkExamples([{
      subCategory: 'Parking',
      examples: "NEGATIVE: 'More parking spaces.', 'Parking is too expensive'",
      longerExamples: "Positive: ‘Easy to park’\nNegative/ wishlist: 'More parking spaces.', 'Free parking for carers'",
    }, { subCategory: 'Not a sub-category', examples: "'x y z'", longerExamples: '' }]);
    expect(examples.map((e) => e.text)).toEqual(['Easy to park', 'More parking spaces.', 'Free parking for carers', 'Parking is too expensive']);
    expect(examples.every((e) => e.subCategory === 'Parking')).toBe(true);
  });
});
