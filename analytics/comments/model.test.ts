import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hashComment, newScratch, newSparseVector, weighFeatures } from './features.ts';
import { LABELLING_NOT_POSSIBLE, SUB_CATEGORIES } from './framework.ts';
import { classify, isNonAnswer, loadModel, scoreComment } from './model.ts';

const ARTEFACT = fileURLToPath(new URL('./model.json', import.meta.url));
const model = loadModel(readFileSync(ARTEFACT, 'utf8'));
const names = (comment: string, question?: string, fftAnswer?: number) =>
  classify(model, { comment, question, fftAnswer }).labels.map((l) => l.subCategory);

describe('isNonAnswer', () => {
  it('catches blanks and the forms\' ways of saying nothing was written', () => {
    for (const comment of ['', '   ', '.', '-', 'Did not answer', 'did not answer.', 'N/A', 'n/a/', 'No comment.', 'Not answered', null, undefined]) {
      expect(isNonAnswer(comment)).toBe(true);
    }
  });

  it('leaves "Nothing" and real comments to the model', () => {
    for (const comment of ['Nothing', 'None.', 'No.', 'Nothing to improve', 'The nurses were so kind and caring']) {
      expect(isNonAnswer(comment)).toBe(false);
    }
  });
});

describe('the committed artefact', () => {
  it('loads, is compact and carries the attribution', () => {
    expect(statSync(ARTEFACT).size).toBeLessThan(3 * 1024 * 1024);
    const stored = JSON.parse(readFileSync(ARTEFACT, 'utf8'));
    expect(stored.attribution).toMatch(/pxtextmining/);
    expect(stored.attribution).toMatch(/NHS England/);
    expect(stored.labels.map((l: { subCategory: string }) => l.subCategory)).toEqual(SUB_CATEGORIES.map((s) => s.subCategory));
  });

  it('carries the VADER lexicon its sentiment features were trained with', () => {
    expect(model.lexicon?.get('superb')).toBeGreaterThan(model.lexicon?.get('good') ?? Infinity);
    expect(model.lexicon?.get('rude')).toBeLessThan(0);
    expect(JSON.parse(readFileSync(ARTEFACT, 'utf8')).attribution).toMatch(/VADER/);
  });

  it('gives blanks and "Did not answer" Labelling not possible, neutral', () => {
    for (const comment of ['', 'Did not answer']) {
      const result = classify(model, { comment, fftAnswer: 1 });
      expect(result.labels.map((l) => l.subCategory)).toEqual([LABELLING_NOT_POSSIBLE]);
      expect(result.sentiment).toBe(3);
    }
  });

  it('hears kind nurses as staff manner, and positive', () => {
    const result = classify(model, { comment: 'The nurses were so kind and caring', question: 'What was good?', fftAnswer: 1 });
    expect(result.labels.map((l) => l.subCategory)).toContain('Staff manner & personal attributes');
    expect(result.labels[0].category).toBe('Staff');
    expect(result.sentiment).toBeLessThanOrEqual(2);
  });

  it('hears a six-hour wait as timeliness, and negative', () => {
    const result = classify(model, { comment: 'Waited 6 hours in A&E', question: 'What could we do better?', fftAnswer: 5 });
    expect(result.labels.map((l) => l.subCategory)).toContain('Timeliness of care');
    expect(result.sentiment).toBeGreaterThanOrEqual(4);
  });

  it('finds the other obvious themes', () => {
    expect(names('The food was cold and there was no choice', 'What could we do better?', 4)).toContain('Food & drink provision & facilities');
    expect(names('The ambulance driver got me to my appointment and home again safely', 'FFT Why?', 1)).toContain('Transport to/ from services');
    expect(names('Could not get through on the phone, it just rang and rang', 'How could we improve?', 4)).toContain('Contacting services');
    expect(names('Nothing, it was all excellent. Thank you', 'What could we do better?', 1)).toContain('Positive experience & gratitude');
  });

  it('finds a theme raised in one sentence of a long comment', () => {
    const comment = 'The staff were lovely and explained everything to me. The food was cold every single day.';
    expect(names(comment, 'What could we do better?', 2)).toContain('Food & drink provision & facilities');
  });

  it('reads "Nothing" by the question asked', () => {
    expect(classify(model, { comment: 'Nothing', question: 'What could we do better?', fftAnswer: 1 }).sentiment).toBeLessThanOrEqual(2);
    expect(classify(model, { comment: 'Nothing', question: 'What was good?', fftAnswer: 5 }).sentiment).toBeGreaterThanOrEqual(4);
  });

  it('returns scores and sentiment probabilities that make sense', () => {
    const result = classify(model, { comment: 'Staff were friendly but I waited too long', fftAnswer: 2, question: 'FFT Why?' });
    const p = Object.values(result.sentimentScores);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    for (const label of result.labels) expect(label.score).toBeGreaterThan(0);
    for (let i = 1; i < result.labels.length; i++) expect(result.labels[i - 1].score).toBeGreaterThanOrEqual(result.labels[i].score);
  });

  it('scores a comment exactly as the vector it was trained on', () => {
    const input = { comment: "Didn't wait long at all; the crew were brilliant!", fftAnswer: 1, question: 'FFT Why?' };
    const scores = scoreComment(model, input);
    const vector = weighFeatures(hashComment(input, model.spec, newScratch(), model.lexicon), model.rowOf, model.idf, model.weighting, newSparseVector());
    const labelCount = model.labels.length;
    const logit = (k: number) => {
      let z = model.bias[k];
      for (let i = 0; i < vector.n; i++) z += vector.values[i] * model.weights[vector.rows[i] * model.outputs + k] * model.scales[k];
      return z;
    };
    for (let s = 0; s < 5; s++) expect(scores.sentimentLogits[s]).toBeCloseTo(logit(labelCount + s), 4);
  });
});
