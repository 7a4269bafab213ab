import { describe, expect, it } from 'vitest';
import {
  BLOCKS, CHAR, CONTEXT, DEFAULT_FEATURE_SPEC, LEXICON_BUCKETS, QUESTION_KINDS, WORD, fftAnswerCode, hashComment,
  lexiconSummary, mix32, newScratch,
  newSparseVector, questionKind, tokenise, unigramBucket, weighFeatures,
} from './features.ts';

describe('tokenise', () => {
  it('lower-cases, drops apostrophes and keeps A&E whole', () => {
    expect(tokenise("Didn't wait long in A&E — the NURSES were great!")).toEqual([
      'didnt', 'wait', 'long', 'in', 'a&e', 'the', 'nurses', 'were', 'great',
    ]);
  });

  it('handles the scanned-form capital I mid-word', () => {
    expect(tokenise('FrIendly and carIng')).toEqual(['friendly', 'and', 'caring']);
  });

  it('starts a new sentence after . ! ? ; a line break, and at "but"', () => {
    const segments: number[] = [];
    tokenise('Lovely staff. Food cold; parking\nawful but nurses kind 3.5 stars', [], segments);
    expect(segments).toEqual([0, 0, 1, 1, 2, 3, 4, 4, 4, 4, 4, 4]);
  });
});

describe('questionKind and fftAnswerCode', () => {
  it('recognises the forms\' wording', () => {
    expect(questionKind('FFT Why?')).toBe('fft-why');
    expect(questionKind('What was good?')).toBe('what-was-good');
    expect(questionKind('How could we improve?')).toBe('how-could-we-improve');
    expect(questionKind('What could we do better?')).toBe('what-could-we-do-better');
    expect(questionKind('Please describe any things about the 111 service that\nyou were particularly satisfied and/or dissatisfied with'))
      .toBe('satisfied-dissatisfied');
    expect(questionKind(undefined)).toBe('other');
    expect(questionKind('Anything else?')).toBe('other');
  });

  it('treats 7 (undocumented) and blanks as unknown', () => {
    expect([1, 2, 3, 4, 5, 6].map(fftAnswerCode)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(fftAnswerCode(7)).toBe(0);
    expect(fftAnswerCode(null)).toBe(0);
    expect(fftAnswerCode(2.5)).toBe(0);
  });
});

describe('hashComment', () => {
  const spec = { ...DEFAULT_FEATURE_SPEC, bits: 12 };

  it('is deterministic and stays inside 2^bits buckets', () => {
    const a = hashComment({ comment: 'The nurses were kind', fftAnswer: 1, question: 'FFT Why?' }, spec, newScratch());
    const b = hashComment({ comment: 'The nurses were kind', fftAnswer: 1, question: 'FFT Why?' }, spec, newScratch());
    for (let block = 0; block < BLOCKS.length; block++) {
      const bucketsA = Array.from(a.buckets[block].subarray(0, a.counts[block]));
      expect(bucketsA).toEqual(Array.from(b.buckets[block].subarray(0, b.counts[block])));
      for (const bucket of bucketsA) {
        expect(bucket).toBeGreaterThanOrEqual(0);
        expect(bucket).toBeLessThan(1 << 12);
      }
    }
    expect(Array.from(a.meta.subarray(0, a.nMeta))).toEqual(Array.from(b.meta.subarray(0, b.nMeta)));
  });

  it('counts word, pair, character n-gram and context features', () => {
    const s = hashComment({ comment: 'kind staff', question: 'What was good?', fftAnswer: 1 }, spec, newScratch());
    // Two unigrams, three pairs (with the comment's start and end).
    expect(s.counts[WORD]).toBe(5);
    expect(Array.from(s.buckets[WORD].subarray(0, s.counts[WORD]))).toContain(unigramBucket('kind', 12));
    // " kind " has 4 trigrams and 3 four-grams; " staff " 5 and 4.
    expect(s.counts[CHAR]).toBe(16);
    // Each word with the question and with the answer band.
    expect(s.counts[CONTEXT]).toBe(4);
    // Question, answer, both, length, length × question, and word × question / answer for a short comment.
    expect(s.nMeta).toBe(9);
  });

  it('gives the same meta features whatever the answer when it is unknown', () => {
    const seven = hashComment({ comment: 'ok', fftAnswer: 7 }, spec, newScratch());
    const none = hashComment({ comment: 'ok' }, spec, newScratch());
    expect(Array.from(seven.meta.subarray(0, seven.nMeta))).toEqual(Array.from(none.meta.subarray(0, none.nMeta)));
  });

  it('mixes bits (murmur finaliser)', () => {
    expect(mix32(1)).not.toBe(mix32(2));
    expect(mix32(0)).toBe(0);
  });
});

describe('lexicon features', () => {
  const lexicon = new Map([['good', 1.9], ['superb', 3.1], ['rude', -2.0], ['wait', -0.5]]);
  const spec = { ...DEFAULT_FEATURE_SPEC, bits: 16 };
  const meta = (comment: string, question = 'FFT Why?', fftAnswer = 1) => {
    const s = hashComment({ comment, question, fftAnswer }, spec, newScratch(), lexicon);
    return Array.from(s.meta.subarray(0, s.nMeta));
  };

  it('sums valences, with boosters strengthening and negators flipping and halving', () => {
    expect(lexiconSummary(['staff', 'good'], lexicon)).toEqual({ sum: 1.9, max: 1.9, min: 0, strong: 0, positive: 1, negative: 0 });
    const boosted = lexiconSummary(['very', 'superb'], lexicon);
    expect(boosted.max).toBeCloseTo(4.1);
    expect(boosted.strong).toBe(1);
    expect(lexiconSummary(['very', 'rude'], lexicon).min).toBeCloseTo(-3);
    const negated = lexiconSummary(['was', 'not', 'very', 'good'], lexicon);
    expect(negated.sum).toBeCloseTo(-1.45);
    expect(negated).toMatchObject({ max: 0, positive: 0, negative: 1 });
    // A negator more than three words back no longer reaches.
    expect(lexiconSummary(['not', 'the', 'staff', 'who', 'were', 'good'], lexicon).sum).toBeCloseTo(1.9);
    expect(lexiconSummary(['nurses', 'kind'], lexicon)).toEqual({ sum: 0, max: 0, min: 0, strong: 0, positive: 0, negative: 0 });
  });

  it('adds nine meta features, which tell superb from good and good from not good', () => {
    const plain = hashComment({ comment: 'the staff were good', question: 'FFT Why?', fftAnswer: 1 }, spec, newScratch());
    expect(meta('the staff were good').length).toBe(plain.nMeta + 9);
    expect(Array.from(plain.meta.subarray(0, plain.nMeta))).toEqual(meta('the staff were good').slice(0, plain.nMeta));
    expect(meta('the staff were superb')).not.toEqual(meta('the staff were good'));
    expect(meta('the staff were not good')).not.toEqual(meta('the staff were good'));
    // Words the lexicon does not know leave the same features as no words at all.
    expect(meta('the nurses were kind')).toEqual(meta('the doctors were caring'));
    // Strength is crossed with the question asked.
    expect(meta('good', 'What was good?')).not.toEqual(meta('good', 'FFT Why?'));
  });

  it('gives lexicon features their own buckets past the hashed ones, nine distinct, in range', () => {
    const comments = ['', 'good', 'very very superb superb superb superb superb', 'rude rude rude rude rude rude rude rude rude rude not superb',
      'not rude', 'good rude wait'];
    const seen = new Set<number>();
    for (const comment of comments) {
      for (const question of [...QUESTION_KINDS, 'FFT Why?']) {
        for (const fftAnswer of [0, 1, 3, 5, 6, 7]) {
          const lexiconPart = meta(comment, question, fftAnswer).slice(-9);
          expect(new Set(lexiconPart).size).toBe(9);
          for (const bucket of lexiconPart) {
            expect(bucket).toBeGreaterThanOrEqual(1 << spec.bits);
            expect(bucket).toBeLessThan((1 << spec.bits) + LEXICON_BUCKETS);
            seen.add(bucket);
          }
        }
      }
    }
    expect(seen.size).toBeGreaterThan(50);
  });
});

describe('weighFeatures', () => {
  it('L2-normalises each block and drops buckets the model does not know', () => {
    const spec = { ...DEFAULT_FEATURE_SPEC, bits: 10 };
    const scratch = hashComment({ comment: 'kind kind staff', question: 'FFT Why?', fftAnswer: 2 }, spec, newScratch());
    const rowOf = Int32Array.from({ length: 1 << 10 }, (_, bucket) => (bucket % 3 === 0 ? -1 : bucket));
    const idf = new Float32Array(1 << 10).fill(1.5);
    const vector = weighFeatures(scratch, rowOf, idf, { word: 1, char: 0.5, context: 0.25, meta: 0.3 }, newSparseVector(4));
    expect(vector.n).toBeGreaterThan(0);
    for (let i = 0; i < vector.n; i++) expect(rowOf[vector.rows[i]]).toBeGreaterThanOrEqual(0);
    // Meta features come last, binary.
    const last = vector.values[vector.n - 1];
    expect(last).toBeCloseTo(0.3);
  });
});
