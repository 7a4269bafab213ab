import { describe, expect, it } from 'vitest';
import {
  BLOCKS, CHAR, CONTEXT, DEFAULT_FEATURE_SPEC, WORD, fftAnswerCode, hashComment, mix32, newScratch,
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
