import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  classifyPoints,
  outsideLimits,
  shift,
  spc,
  trend,
  twoOfThreeBeyondTwoSigma,
  type SpcInput,
  type SpcResult,
} from './spc.ts';

/** Monthly periods 'YYYY-MM' from `first` on, one per value. */
function monthly(values: readonly (number | null)[], first = '2024-01', n?: readonly number[]): SpcInput[] {
  const [year, month] = first.split('-').map(Number);
  return values.map((value, i) => {
    const m = month - 1 + i;
    const period = `${year + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
    return n ? { period, value, n: n[i] } : { period, value };
  });
}

const signals = (result: SpcResult) => result.points.map((p) => (p.rule ? `${p.signal}:${p.rule}` : p.signal));
const repeat = <T>(times: number, ...values: T[]): T[] => Array.from({ length: times }, () => values).flat();

describe('the four rules, one at a time', () => {
  it('outsideLimits flags points beyond either limit', () => {
    expect(outsideLimits([1, 5, -3, 4], [-2, -2, -2, -2], [4, 4, 4, 4])).toEqual([null, 'high', 'low', null]);
  });

  it('twoOfThreeBeyondTwoSigma flags two of three past the 2σ line on one side', () => {
    // centre 0, σ 1: 2.5 and 2.1 are two of [2.5, 0.5, 2.1]; −2.2 and −2.4 two of [−2.2, 1, −2.4]
    expect(twoOfThreeBeyondTwoSigma([0, 2.5, 0.5, 2.1, 0, -2.2, 1, -2.4], 0, repeat(8, 1))).toEqual([
      null, 'high', null, 'high', null, 'low', null, 'low',
    ]);
    // one high and one low in a window is not the same side; two beyond but four apart is not a window
    expect(twoOfThreeBeyondTwoSigma([2.5, -2.5, 0], 0, [1, 1, 1])).toEqual([null, null, null]);
    expect(twoOfThreeBeyondTwoSigma([2.5, 0, 0, 2.5], 0, [1, 1, 1, 1])).toEqual([null, null, null, null]);
  });

  it('shift needs seven on one side; a point on the centre line breaks the run', () => {
    expect(shift([1, 1, 1, 1, 1, 1, 1], 0)).toEqual(repeat(7, 'high'));
    expect(shift([1, 1, 1, 1, 1, 1], 0)).toEqual(repeat(6, null));
    expect(shift([-1, -1, -1, 0, -1, -1, -1, -1], 0)).toEqual(repeat(8, null));
    expect(shift([5, -1, -2, -1, -3, -1, -1, -1], 0)).toEqual([null, ...repeat(7, 'low')]);
  });

  it('trend needs seven points each rising (or falling); a repeat breaks it', () => {
    expect(trend([1, 2, 3, 4, 5, 6, 7])).toEqual(repeat(7, 'high'));
    expect(trend([1, 2, 3, 4, 5, 6])).toEqual(repeat(6, null));
    expect(trend([7, 6, 5, 4, 3, 2, 1, 2])).toEqual([...repeat(7, 'low'), null]);
    expect(trend([1, 2, 3, 3, 4, 5, 6, 7])).toEqual(repeat(8, null));
    // a peak shared by a rising and a falling trend keeps the first
    expect(trend([1, 2, 3, 4, 5, 6, 7, 6, 5, 4, 3, 2, 1])).toEqual([...repeat(7, 'high'), ...repeat(6, 'low')]);
  });

  it('classifyPoints takes the first rule in precedence and colours by improvement', () => {
    // 9 is outside the limits and also the 7th of a rising run: outside-limits wins
    const values = [1, 2, 3, 4, 5, 6, 9];
    const lines = { centre: 5, sigma: repeat(7, 1), lcl: repeat(7, 2), ucl: repeat(7, 8) };
    expect(classifyPoints(values, lines, 'up').at(-1)).toEqual({ signal: 'improving', rule: 'outside-limits' });
    expect(classifyPoints(values, lines, 'down').at(-1)).toEqual({ signal: 'concerning', rule: 'outside-limits' });
    // 1 is below the lower limit: for % negative ('down') that is improving
    expect(classifyPoints(values, lines, 'down')[0]).toEqual({ signal: 'improving', rule: 'outside-limits' });
    // 3 is inside the limits but part of the trend
    expect(classifyPoints(values, lines, 'up')[2]).toEqual({ signal: 'improving', rule: 'trend' });
    // without limits (run chart) only shift and trend apply
    expect(classifyPoints([5, 5, 9], { centre: 5 }, 'up')).toEqual(repeat(3, { signal: 'common' }));
  });
});

describe('spc: XmR chart', () => {
  it('finds no special cause in common-cause variation', () => {
    // 10, 14 alternating, 15 points: mean = (8·10 + 7·14)/15 = 178/15 = 11.8667
    // every moving range is 4, so limits = 11.8667 ± 2.66·4 = 11.8667 ± 10.64 → [1.2267, 22.5067]
    const result = spc(monthly(repeat(8, 10, 14).slice(0, 15)), { improvement: 'up' });
    expect(result.chart).toBe('xmr');
    expect(result.mean).toBeCloseTo(11.8667, 4);
    expect(result.lowerLimit).toBeCloseTo(1.2267, 4);
    expect(result.upperLimit).toBeCloseTo(22.5067, 4);
    expect(signals(result)).toEqual(repeat(15, 'common'));
    expect(result.points[3]).toMatchObject({ period: '2024-04', value: 14, lcl: result.lowerLimit, ucl: result.upperLimit });
  });

  it('flags a point outside the limits', () => {
    // 10, 14 × 7 then 40: mean = (70 + 98 + 40)/15 = 13.8667
    // moving ranges: 13 × 4 and |40 − 14| = 26 → mean MR = 78/14 = 5.5714; 2.66 × 5.5714 = 14.82
    // UCL = 28.6867, so 40 is outside; the 14s stay under the 2σ line 13.8667 + 9.88 = 23.75
    const values = [...repeat(7, 10, 14), 40];
    const up = spc(monthly(values), { improvement: 'up' });
    expect(up.upperLimit).toBeCloseTo(28.6867, 4);
    expect(signals(up)).toEqual([...repeat(14, 'common'), 'improving:outside-limits']);
    expect(signals(spc(monthly(values), { improvement: 'down' })).at(-1)).toBe('concerning:outside-limits');
  });

  it('flags two of three beyond two-thirds of the way to a limit', () => {
    // 11, 13 × 8 then 18, 12, 18, 12: mean = (192 + 60)/20 = 12.6
    // moving ranges: 15 × 2, then 5, 6, 6, 6 → 53/19 = 2.7895; 2.66 × 2.7895 = 7.42 → UCL 20.02
    // 2σ line = 12.6 + (2/3)·7.42 = 17.547: both 18s are beyond it, inside the limit, two of three
    const result = spc(monthly([...repeat(8, 11, 13), 18, 12, 18, 12]), { improvement: 'down' });
    expect(result.upperLimit).toBeCloseTo(20.02, 4);
    expect(signals(result)).toEqual([...repeat(16, 'common'), 'concerning:two-of-three', 'common', 'concerning:two-of-three', 'common']);
  });

  it('flags a shift of seven points above the mean', () => {
    // 14, 10 × 4 then 13 × 7: mean = (96 + 91)/15 = 12.4667; MRs 7 × 4, 3, 6 × 0 → 31/14 = 2.2143
    // limits 12.4667 ± 5.89; 2σ line 16.39. The seven 13s sit above the mean and nothing else fires.
    const result = spc(monthly([...repeat(4, 14, 10), ...repeat(7, 13)]), { improvement: 'up' });
    expect(result.mean).toBeCloseTo(12.4667, 4);
    expect(signals(result)).toEqual([...repeat(8, 'common'), ...repeat(7, 'improving:shift')]);
  });

  it('flags a trend of seven rising points', () => {
    // 14, 10 × 4 then 9 … 15: mean = (96 + 84)/15 = 12; MRs 7 × 4, 1, 6 × 1 → 35/14 = 2.5
    // limits 12 ± 6.65 = [5.35, 18.65]; 2σ lines 12 ± 4.43. Only the rising run fires.
    const result = spc(monthly([...repeat(4, 14, 10), 9, 10, 11, 12, 13, 14, 15]), { improvement: 'down' });
    expect([result.lowerLimit, result.upperLimit]).toEqual([expect.closeTo(5.35, 4), expect.closeTo(18.65, 4)]);
    expect(signals(result)).toEqual([...repeat(8, 'common'), ...repeat(7, 'concerning:trend')]);
  });

  it('skips missing values in the sums and the runs, but keeps their place', () => {
    // the shift series with a gap inside the run: same mean, and the run of 13s still counts 7
    const values = [...repeat(4, 14, 10), 13, 13, 13, null, 13, 13, 13, 13];
    const result = spc(monthly(values), { improvement: 'up' });
    expect(result.points).toHaveLength(16);
    expect(result.mean).toBeCloseTo(12.4667, 4);
    expect(result.points[11]).toMatchObject({ period: '2024-12', value: null, signal: 'common', mean: result.mean, ucl: result.upperLimit });
    expect(result.points[11].rule).toBeUndefined();
    expect(signals(result).filter((s) => s === 'improving:shift')).toHaveLength(7);
  });

  it('refuses unordered periods', () => {
    expect(() => spc([{ period: '2024-02', value: 1 }, { period: '2024-01', value: 1 }], { improvement: 'up' })).toThrow(RangeError);
  });
});

describe('spc: p-chart', () => {
  it('uses p̄ = Σx/Σn and per-point limits, clamped to [0, 1]', () => {
    // 14 months of n = 10 alternating 0.8 and 1.0 (x = 8, 10), and one month n = 100 with x = 90:
    // p̄ = (7·8 + 7·10 + 90)/(140 + 100) = 216/240 = 0.9
    // n = 10: σ = sqrt(0.9·0.1/10) = 0.094868; 0.9 ± 0.2846 → [0.6154, 1.1846] → UCL clamped to 1
    // n = 100: σ = 0.03; 0.9 ± 0.09 → [0.81, 0.99]
    const values = [...repeat(7, 0.8, 1.0), 0.9];
    const n = [...repeat(14, 10), 100];
    const result = spc(monthly(values, '2024-01', n), { improvement: 'up' });
    expect(result.chart).toBe('p');
    expect(result.mean).toBeCloseTo(0.9, 10);
    expect(result.lowerLimit).toBeNull(); // per point on a p-chart
    expect(result.points[0].lcl).toBeCloseTo(0.6154, 4);
    expect(result.points[0].ucl).toBe(1);
    expect(result.points[14].lcl).toBeCloseTo(0.81, 10);
    expect(result.points[14].ucl).toBeCloseTo(0.99, 10);
    expect(signals(result)).toEqual(repeat(15, 'common'));
  });

  it('clamps the lower limit at 0 for a rare outcome such as % negative', () => {
    // 0.0 and 0.1 alternating, n = 20: x = 8 × 0 + 7 × 2 = 14 of 300 → p̄ = 0.04667
    // σ = sqrt(0.04667·0.95333/20) = 0.04716; LCL = 0.04667 − 0.1415 < 0 → 0; UCL = 0.1882
    const values = repeat(8, 0.0, 0.1).slice(0, 15);
    const n = repeat(15, 20);
    const result = spc(monthly(values, '2024-01', n), { improvement: 'down' });
    expect(result.mean).toBeCloseTo(14 / 300, 10);
    expect(result.points[0].lcl).toBe(0);
    expect(result.points[0].ucl).toBeCloseTo(14 / 300 + 3 * 0.04716, 4);
  });

  it('flags a large month far below p̄ even though small months swing more', () => {
    // the first example with the n = 100 month at 0.7 instead of 0.9:
    // p̄ = (126 + 70)/240 = 0.81667; n = 100: σ = sqrt(0.81667·0.18333/100) = 0.038694 → LCL 0.70058
    // 0.7 is just below it; the n = 10 months (LCL 0.45) are not
    const result = spc(monthly([...repeat(7, 0.8, 1.0), 0.7], '2024-01', [...repeat(14, 10), 100]), { improvement: 'up' });
    expect(result.points[14].lcl).toBeCloseTo(0.70058, 4);
    expect(signals(result).at(-1)).toBe('concerning:outside-limits');
  });

  it('falls back to XmR when some point has no n, and refuses a forced p-chart without n', () => {
    const series = monthly(repeat(8, 0.8, 0.9).slice(0, 15));
    expect(spc(series, { improvement: 'up' }).chart).toBe('xmr');
    expect(() => spc(series, { improvement: 'up', chart: 'p' })).toThrow(/n > 0/);
  });
});

describe('spc: run charts and phases', () => {
  it('draws a run chart under 15 points: no limits, shift and trend against the mean', () => {
    // 1, 2, 1, 2, 1 then 5 × 7: mean = (7 + 35)/12 = 3.5; the seven 5s are a shift
    const result = spc(monthly([1, 2, 1, 2, 1, ...repeat(7, 5)]), { improvement: 'up' });
    expect(result.chart).toBe('run');
    expect(result.mean).toBe(3.5);
    expect([result.lowerLimit, result.upperLimit]).toEqual([null, null]);
    expect(result.points.every((p) => p.lcl === null && p.ucl === null)).toBe(true);
    expect(signals(result)).toEqual([...repeat(5, 'common'), ...repeat(7, 'improving:shift')]);
  });

  it('recalculates limits at a known break, such as the April 2020 question change', () => {
    // 16 months at 0.93/0.95 then 16 at 0.83/0.85. As one phase the first half is a long shift
    // above the mean 0.89 (and the second below); split at 2020-04 each half is common cause.
    const values = [...repeat(8, 0.93, 0.95), ...repeat(8, 0.83, 0.85)];
    const series = monthly(values, '2018-12');
    expect(series[16].period).toBe('2020-04');

    const unsplit = spc(series, { improvement: 'up' });
    expect(signals(unsplit).filter((s) => s !== 'common').length).toBeGreaterThan(0);

    const split = spc(series, { improvement: 'up', breaks: ['2020-04'] });
    expect(split.phases.map((p) => [p.start, p.chart])).toEqual([['2018-12', 'xmr'], ['2020-04', 'xmr']]);
    expect(split.phases[0].mean).toBeCloseTo(0.94, 10);
    expect(split.phases[1].mean).toBeCloseTo(0.84, 10);
    expect(split.mean).toBeCloseTo(0.84, 10); // the latest phase judges new points
    // each phase: MR = 0.02 throughout, limits = mean ± 0.0532
    expect(split.phases[1].upperLimit).toBeCloseTo(0.8932, 10);
    expect(signals(split)).toEqual(repeat(32, 'common'));
  });

  it('draws a short new phase as a run chart while the old phase keeps its limits', () => {
    const series = monthly([...repeat(8, 0.93, 0.95), 0.8, 0.81, 0.82], '2018-12');
    const result = spc(series, { improvement: 'up', breaks: ['2020-04'] });
    expect(result.chart).toBe('xmr');
    expect(result.phases.map((p) => p.chart)).toEqual(['xmr', 'run']);
    expect(result.upperLimit).toBeNull();
    expect(result.points.at(-1)!.ucl).toBeNull();
  });

  it('handles an empty series and an all-missing series', () => {
    expect(spc([], { improvement: 'up' })).toEqual({ chart: 'run', mean: null, lowerLimit: null, upperLimit: null, phases: [], points: [] });
    const gaps = spc(monthly([null, null]), { improvement: 'up' });
    expect(gaps.points.map((p) => p.signal)).toEqual(['common', 'common']);
    expect(gaps.mean).toBeNull();
  });
});

describe('spc: a period not over yet', () => {
  const partialAtEnd = (series: SpcInput[]) => series.map((point, i) => (i === series.length - 1 ? { ...point, partial: true } : point));

  it('shows a partial count but neither judges it nor lets it move the limits', () => {
    // 20 whole days alternating 40 and 44: mean 42, mean moving range 4, limits 42 ± 10.64.
    // Today's 6 so far would be far below the lower limit 31.36: a false fall.
    const result = spc(partialAtEnd(monthly([...repeat(10, 40, 44), 6])), { improvement: 'up' });
    expect(result.chart).toBe('xmr');
    expect(result.mean).toBe(42);
    expect(result.lowerLimit).toBeCloseTo(31.36, 10);
    expect(result.upperLimit).toBeCloseTo(52.64, 10);
    expect(signals(result)).toEqual(repeat(21, 'common'));
    expect(result.points.at(-1)).toEqual({ period: result.points.at(-1)!.period, value: 6, mean: 42, lcl: result.lowerLimit, ucl: result.upperLimit, partial: true, signal: 'common' });
    expect(result.points.slice(0, -1).every((p) => p.partial === false)).toBe(true);
  });

  it('does not let a partial share complete a shift on a p-chart, where its wide limits alone would not flag it', () => {
    // 10 whole days alternating 0.9 and 0.8, then six at 0.9 (n = 50 each): p̄ = 695/800 = 0.86875,
    // six in a row above it. Today's 3 of 3 so far (limits too wide to judge) would be the seventh.
    const values = [...repeat(5, 0.9, 0.8), ...repeat(6, 0.9), 1];
    const result = spc(partialAtEnd(monthly(values, '2024-01', [...repeat(16, 50), 3])), { improvement: 'up' });
    expect(result.chart).toBe('p');
    expect(result.mean).toBeCloseTo(695 / 800, 10);
    expect(signals(result)).toEqual(repeat(17, 'common'));
    expect(result.points.at(-1)).toMatchObject({ value: 1, partial: true, lcl: null, ucl: null });
  });

  it('draws a run chart until 15 whole periods, however many partial ones there are', () => {
    const result = spc(partialAtEnd(monthly([...repeat(7, 40, 44), 40])), { improvement: 'up' });
    expect(result.chart).toBe('run');
  });
});

describe('spc: the same charts as before it was made fast', () => {
  // Values on a coarse grid, so points sit on centre lines, repeat and run often; some missing.
  const value = fc.option(fc.integer({ min: 0, max: 20 }).map((v) => v / 20), { freq: 6 });
  const series = fc.array(fc.record({ value, n: fc.integer({ min: 1, max: 60 }) }), { maxLength: 40 });

  it('twoOfThreeBeyondTwoSigma flags what the rule as first written flagged', () => {
    // The first version: each window's points beyond the 2σ line on a side, collected afresh.
    const before = (values: readonly number[], centre: number, sigma: readonly number[]) => {
      const beyond = values.map((v, i) => (v > centre + 2 * sigma[i]! ? 'high' : v < centre - 2 * sigma[i]! ? 'low' : null));
      const flags: ('high' | 'low' | null)[] = values.map(() => null);
      for (let start = 0; start + 3 <= values.length; start++) {
        for (const side of ['high', 'low'] as const) {
          const window = [start, start + 1, start + 2].filter((i) => beyond[i] === side);
          if (window.length >= 2) for (const i of window) flags[i] = side;
        }
      }
      return flags;
    };
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 30 }), fc.constantFrom(0.5, 1, 2), (values, s) => {
        const sigma = values.map((_, i) => s * (1 + (i % 3) / 2));
        expect(twoOfThreeBeyondTwoSigma(values, 0, sigma)).toEqual(before(values, 0, sigma));
      }),
      { numRuns: 500, seed: 3 },
    );
  });

  it('gives each point its fields in the same order, with a rule exactly when one fired', () => {
    fc.assert(
      fc.property(series, fc.constantFrom('xmr' as const, 'p' as const, undefined), fc.boolean(), (points, chart, withBreak) => {
        const input = monthly(points.map((p) => p.value), '2019-01', points.map((p) => p.n));
        const result = spc(input, { improvement: 'up', chart, breaks: withBreak ? ['2020-04'] : [] });
        for (const point of result.points) {
          const fired = point.signal !== 'common';
          expect(Object.keys(point)).toEqual(['period', 'value', 'mean', 'lcl', 'ucl', 'partial', 'signal', ...(fired ? ['rule'] : [])]);
          if (fired) expect(point.rule).toEqual(expect.any(String));
        }
      }),
      { numRuns: 300, seed: 4 },
    );
  });
});
