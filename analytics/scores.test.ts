import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { londonDay, periodOf } from './periods.ts';
import { ANSWER_CODES, QUESTIONS } from './fft.ts';
import { addCounts, countsByPeriod, responseRate, score, shares, sharePercent, type Counts } from './scores.ts';

describe('score: fft-2020', () => {
  // n1..n6 = 50, 30, 10, 5, 3, 2; N = 100 (Don't know included)
  const result = score('fft-2020', { 1: 50, 2: 30, 3: 10, 4: 5, 5: 3, 6: 2 });

  it('puts Don\'t know in the % positive and % negative denominator', () => {
    expect(result.responses).toBe(100);
    expect(result.positive).toBe(0.8); // (50 + 30) / 100
    expect(result.negative).toBe(0.08); // (5 + 3) / 100
  });

  it('leaves Don\'t know out of NPS', () => {
    // promoters = n1 = 50; detractors = n3 + n4 + n5 = 18; base = 100 − 2 = 98
    // NPS = (50 − 18) / 98 × 100 = 32.653
    expect(result.nps).toBeCloseTo(32.653, 3);
    // P = 50/98 = 0.510204, D = 18/98 = 0.183673, var = (0.693878 − 0.326531²)/98 = 0.0059924
    // half = 1.96 · sqrt(0.0059924) · 100 = 15.1725 → [17.481, 47.826]
    expect(result.npsCi![0]).toBeCloseTo(17.481, 2);
    expect(result.npsCi![1]).toBeCloseTo(47.826, 2);
  });

  it('gives Wilson intervals for both shares', () => {
    // 80/100: centre = 0.8 + 0.019208, half = 1.96·sqrt(0.0016 + 0.00009604) = 0.080719, ÷ 1.038416
    expect(result.positiveCi![0]).toBeCloseTo(0.711169, 5);
    expect(result.positiveCi![1]).toBeCloseTo(0.866634, 5);
    // 8/100: centre = 0.099208, half = 1.96·sqrt(0.000736 + 0.00009604) = 0.056536, ÷ 1.038416
    expect(result.negativeCi![0]).toBeCloseTo(0.041093, 5);
    expect(result.negativeCi![1]).toBeCloseTo(0.149983, 5);
  });

  it('shows the effect of Don\'t know on each measure', () => {
    // 8 Very good + 2 Don't know: % positive = 8/10 = 0.8, but NPS = (8 − 0)/8 × 100 = 100
    const withDontKnow = score('fft-2020', { 1: 8, 6: 2 });
    expect(withDontKnow.positive).toBe(0.8);
    expect(withDontKnow.nps).toBe(100);
    expect(withDontKnow.npsCi).toEqual([100, 100]); // var = (1 + 0 − 1²)/8 = 0
  });

  it('is null, not zero, when nobody answered', () => {
    expect(score('fft-2020', {})).toEqual({
      responses: 0,
      counts: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0, 6: 0 },
      positive: null,
      negative: null,
      nps: null,
      positiveCi: null,
      negativeCi: null,
      npsCi: null,
      suppressed: false,
    });
  });

  it('has no NPS when every answer is Don\'t know', () => {
    const allDontKnow = score('fft-2020', { 6: 4 });
    expect(allDontKnow.positive).toBe(0);
    expect(allDontKnow.nps).toBeNull();
    expect(allDontKnow.npsCi).toBeNull();
  });

  it('flags 1–4 responses as suppressed, but not 0 or 5', () => {
    expect(score('fft-2020', { 1: 1 }).suppressed).toBe(true);
    expect(score('fft-2020', { 1: 3, 5: 1 }).suppressed).toBe(true);
    expect(score('fft-2020', { 1: 4, 5: 1 }).suppressed).toBe(false);
    expect(score('fft-2020', { 1: 0 }).suppressed).toBe(false);
    // the score is still computed; blanking it is for whoever publishes
    expect(score('fft-2020', { 1: 3 }).positive).toBe(1);
  });

  it('refuses answers from another question version and impossible counts', () => {
    expect(() => score('fft-2020', { 7: 1 })).toThrow(/never mixed/);
    expect(() => score('fft-2020', { 0: 2 })).toThrow(RangeError);
    expect(score('fft-2020', { 7: 0, 1: 1 }).responses).toBe(1);
    expect(() => score('fft-2020', { 1: -1 })).toThrow(RangeError);
    expect(() => score('fft-2020', { 1: 1.5 })).toThrow(RangeError);
  });
});

describe('score: fft-2013 and nps-0-10', () => {
  it('scores fft-2013 like fft-2020, by position (% recommend / % not recommend)', () => {
    const counts = { 1: 6, 2: 2, 3: 1, 4: 1, 6: 1 };
    const legacy = score('fft-2013', counts);
    expect(legacy).toEqual(score('fft-2020', counts));
    // N = 11; % recommend = 8/11; % not recommend = 1/11; NPS = (6 − 2)/10 × 100 = 40
    expect(legacy.positive).toBeCloseTo(8 / 11, 12);
    expect(legacy.negative).toBeCloseTo(1 / 11, 12);
    expect(legacy.nps).toBeCloseTo(40, 12);
  });

  it('scores nps-0-10 with promoters 9–10 and detractors 0–6', () => {
    // promoters = 3 + 2 = 5; passives = 1 + 1 = 2; detractors = 1 + 2 = 3; N = 10 (no Don't know)
    const staff = score('nps-0-10', { 10: 3, 9: 2, 8: 1, 7: 1, 6: 1, 0: 2 });
    expect(staff.responses).toBe(10);
    expect(staff.positive).toBe(0.5); // promoter share, our reading of "positive" for 0–10
    expect(staff.negative).toBe(0.3); // detractor share
    expect(staff.nps).toBe(20); // (5 − 3)/10 × 100
    expect(Object.keys(staff.counts).map(Number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });
});

describe('addCounts', () => {
  it('adds code by code without changing its inputs', () => {
    const a = { 1: 2, 2: 3 };
    const b = { 2: 1, 6: 4 };
    expect(addCounts(a, b)).toEqual({ 1: 2, 2: 4, 6: 4 });
    expect(a).toEqual({ 1: 2, 2: 3 });
    expect(b).toEqual({ 2: 1, 6: 4 });
  });
});

describe('responseRate', () => {
  it('is responses over eligible, null without a usable eligible count', () => {
    expect(responseRate(25, 100)).toBe(0.25);
    expect(responseRate(25, null)).toBeNull();
    expect(responseRate(0, 0)).toBeNull();
    expect(responseRate(120, 100)).toBe(1.2); // shown, not capped: the activity data is wrong
  });
});

describe('countsByPeriod', () => {
  it('puts 23:30 UTC on 31 March into April (00:30 BST)', () => {
    const daily: { day: string; counts: Counts }[] = [
      { day: londonDay('2026-03-31T22:30:00Z'), counts: { 1: 1 } }, // 23:30 BST, still March
      { day: londonDay('2026-03-31T23:30:00Z'), counts: { 5: 1 } }, // 00:30 BST on 1 April
    ];
    expect(countsByPeriod('month', daily).map(({ period, counts }) => [period.label, counts])).toEqual([
      ['2026-03', { 1: 1 }],
      ['2026-04', { 5: 1 }],
    ]);
    expect(countsByPeriod('year', daily).map(({ period }) => period.label)).toEqual(['2025/26', '2026/27']);
  });

  it('adds days split by London day back up to the whole month, week and year', () => {
    const response = fc.record({
      // 2026-02-01 to 2026-12-01 UTC: both clock changes and a financial-year boundary
      at: fc.integer({ min: Date.UTC(2026, 1, 1), max: Date.UTC(2026, 11, 1) }),
      answer: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(response, { maxLength: 120 }), (responses) => {
        const byDay = new Map<string, Counts>();
        const byMonth = new Map<string, Counts>();
        for (const { at, answer } of responses) {
          const day = londonDay(new Date(at));
          byDay.set(day, addCounts(byDay.get(day) ?? {}, { [answer]: 1 }));
          const month = periodOf('month', day).label;
          byMonth.set(month, addCounts(byMonth.get(month) ?? {}, { [answer]: 1 }));
        }
        const daily = [...byDay].map(([day, counts]) => ({ day, counts }));

        const months = countsByPeriod('month', daily);
        expect(Object.fromEntries(months.map(({ period, counts }) => [period.label, counts]))).toEqual(Object.fromEntries(byMonth));
        for (const kind of ['week', 'quarter', 'year'] as const) {
          const total = countsByPeriod(kind, daily).reduce((sum, { counts }) => addCounts(sum, counts), {} as Counts);
          expect(score('fft-2020', total).responses).toBe(responses.length);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('shares', () => {
  const question = fc.constantFrom(...QUESTIONS);
  const counts = fc.array(fc.oneof(fc.constant(0), fc.nat(40)), { minLength: 11, maxLength: 11 });

  it('gives the N, % positive and % negative that score gives, or throws where it throws', () => {
    fc.assert(
      // Counts as an object or an array indexed by code, now and then with answers of another version.
      fc.property(question, counts, fc.boolean(), fc.boolean(), (q, drawn, asArray, stray) => {
        const all = drawn.map((n, code) => (stray || ANSWER_CODES[q].includes(code) ? n : 0));
        const given: Counts = asArray ? all : Object.fromEntries(all.map((n, code) => [code, n]).filter(([, n]) => n > 0));
        let scored: ReturnType<typeof score> | Error;
        try {
          scored = score(q, given);
        } catch (error) {
          scored = error as Error;
        }
        if (scored instanceof Error) expect(() => shares(q, given)).toThrow(scored.message);
        else expect(shares(q, given)).toStrictEqual({ responses: scored.responses, positive: scored.positive, negative: scored.negative });
      }),
      { numRuns: 500, seed: 9 },
    );
  });

  it('refuses counts that are not whole and non-negative, in an array as in an object', () => {
    expect(() => shares('fft-2020', [0, 1, 2.5, 0, 0, 0, 0])).toThrow('count for answer 2 must be a non-negative integer, got 2.5');
    expect(() => shares('fft-2020', { 2: 2.5 })).toThrow('count for answer 2 must be a non-negative integer, got 2.5');
    expect(() => shares('fft-2013', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3])).toThrow('answer 10 is not a fft-2013 answer');
  });
});

describe('sharePercent', () => {
  it('rounds halves away from zero, as Excel does, whatever float error the share carries', () => {
    expect(0.285 * 100).toBeLessThan(28.5); // why: Math.round(0.285 * 100) is 28
    expect(sharePercent(57 / 200)).toBe(29);
    expect(sharePercent(201 / 400, 1)).toBe(50.3);
    expect(sharePercent(-0.285)).toBe(-29);
    expect(sharePercent(0.125)).toBe(13);
    expect(sharePercent(2 / 3)).toBe(67);
    expect(sharePercent(2 / 3, 1)).toBe(66.7);
    expect(sharePercent(0)).toBe(0);
    expect(sharePercent(1)).toBe(100);
    expect(sharePercent(0.004)).toBe(0);
    expect(sharePercent(-0.004)).toBe(0);
  });

  it('agrees with rounding the exact fraction x/n half up, for every count up to 400', () => {
    for (let n = 1; n <= 400; n++) {
      for (let x = 0; x <= n; x++) {
        // Exact: 1000x/n rounded half up is floor((2000x + n) / 2n) in integers.
        const tenths = Math.floor((2000 * x + n) / (2 * n));
        expect(sharePercent(x / n, 1), `${x}/${n}`).toBe(tenths / 10);
      }
    }
  });
});
