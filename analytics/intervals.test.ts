import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npsInterval, wilson } from './intervals.ts';

describe('wilson', () => {
  it('matches the hand-worked interval for 8 of 10', () => {
    // p = 0.8, z² = 3.8416, z²/2n = 0.19208, p(1−p)/n = 0.016, z²/4n² = 0.009604
    // half = 1.96·sqrt(0.025604) = 1.96·0.160012 = 0.313624; denominator = 1 + 0.38416 = 1.38416
    // lower = (0.8 + 0.19208 − 0.313624) / 1.38416 = 0.678456 / 1.38416 = 0.49016
    // upper = (0.8 + 0.19208 + 0.313624) / 1.38416 = 1.305704 / 1.38416 = 0.94332
    const [lower, upper] = wilson(8, 10)!;
    expect(lower).toBeCloseTo(0.49016, 4);
    expect(upper).toBeCloseTo(0.94332, 4);
  });

  it('stays inside [0, 1] at 0 of 10 and 10 of 10, where p ± z·se would not', () => {
    // x = 0: centre − half = 0 exactly; upper = 2·0.19208 / 1.38416 = 0.27754
    expect(wilson(0, 10)![0]).toBe(0);
    expect(wilson(0, 10)![1]).toBeCloseTo(0.27754, 4);
    // x = n mirrors it: [1 − 0.27754, 1]
    expect(wilson(10, 10)![0]).toBeCloseTo(0.72246, 4);
    expect(wilson(10, 10)![1]).toBe(1);
  });

  it('is null with no responses and rejects impossible counts', () => {
    expect(wilson(0, 0)).toBeNull();
    expect(() => wilson(11, 10)).toThrow(RangeError);
    expect(() => wilson(-1, 10)).toThrow(RangeError);
    expect(() => wilson(1.5, 10)).toThrow(RangeError);
  });

  it('narrows with a smaller z', () => {
    // z = 1: half = sqrt(0.016 + 1/400) = 0.136015; centre = 0.8 + 0.05 = 0.85; denominator = 1.1
    const [lower, upper] = wilson(8, 10, 1)!;
    expect(lower).toBeCloseTo((0.85 - 0.136015) / 1.1, 5);
    expect(upper).toBeCloseTo((0.85 + 0.136015) / 1.1, 5);
  });

  it('always contains the observed proportion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.double({ min: 0, max: 1, noNaN: true }), (n, share) => {
        const x = Math.round(share * n);
        const [lower, upper] = wilson(x, n)!;
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(upper).toBeLessThanOrEqual(1);
        expect(lower).toBeLessThanOrEqual(x / n + 1e-12);
        expect(upper).toBeGreaterThanOrEqual(x / n - 1e-12);
      }),
    );
  });
});

describe('npsInterval', () => {
  it('matches the hand-worked interval for 50 promoters and 20 detractors of 100', () => {
    // P = 0.5, D = 0.2, NPS = 30; var = (0.7 − 0.3²) / 100 = 0.0061
    // half = 1.96 · sqrt(0.0061) · 100 = 1.96 · 0.0781025 · 100 = 15.3081
    const [lower, upper] = npsInterval(50, 20, 100)!;
    expect(lower).toBeCloseTo(30 - 15.3081, 3);
    expect(upper).toBeCloseTo(30 + 15.3081, 3);
  });

  it('clips to ±100', () => {
    // 9 promoters, 0 detractors of 10: NPS 90, var = (0.9 − 0.81)/10 = 0.009, half = 1.96·0.094868·100 = 18.59
    expect(npsInterval(9, 0, 10)).toEqual([expect.closeTo(71.406, 2), 100]);
    // all detractors: var = (1 − 1)/n = 0, so the interval is the point −100
    expect(npsInterval(0, 4, 4)).toEqual([-100, -100]);
  });

  it('is null with no responses outside Don\'t know', () => {
    expect(npsInterval(0, 0, 0)).toBeNull();
    expect(() => npsInterval(6, 5, 10)).toThrow(RangeError);
  });
});
