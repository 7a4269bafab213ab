import { describe, expect, it } from 'vitest';
import { alertCandidates, type AlertInput } from './alerts.ts';
import { score } from './scores.ts';
import { spc, type SpcPoint, type SpcResult } from './spc.ts';

const months = (count: number, first = 2024) =>
  Array.from({ length: count }, (_, i) => `${first + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`);

/** % negative for a ward: 14, 10 × 4 then a shift of 13s above the mean (worse, as down is better). */
function negativeChart(shiftLength: number): SpcResult {
  const values = [14, 10, 14, 10, 14, 10, 14, 10, ...Array.from({ length: shiftLength }, () => 13)];
  return spc(months(values.length).map((period, i) => ({ period, value: values[i] })), { improvement: 'down' });
}

const base: AlertInput = { unit: 'ward-7', measure: 'percent-negative', spc: null, negativeThreshold: null, daily: [] };

describe('alertCandidates: SPC', () => {
  it('raises one alert for a concerning shift, keyed by where it started', () => {
    // the seven 13s run 2024-09 … 2025-03
    expect(alertCandidates({ ...base, spc: negativeChart(7) })).toEqual([
      { kind: 'spc-concerning', period: '2025-03', key: 'spc-concerning:ward-7:percent-negative:2024-09', rule: 'shift' },
    ]);
  });

  it('keeps the same key as the shift grows, so it alerts once', () => {
    const first = alertCandidates({ ...base, spc: negativeChart(7) });
    const later = alertCandidates({ ...base, spc: negativeChart(9) });
    expect(later).toHaveLength(1);
    expect(later[0].key).toBe(first[0].key);
    expect(later[0].period).toBe('2025-05');
  });

  it('ignores improving signals', () => {
    const values = [14, 10, 14, 10, 14, 10, 14, 10, 13, 13, 13, 13, 13, 13, 13];
    const improving = spc(months(15).map((period, i) => ({ period, value: values[i] })), { improvement: 'up' });
    expect(alertCandidates({ ...base, spc: improving })).toEqual([]);
  });

  it('treats separate runs, and runs in different phases, as separate signals; gaps do not split', () => {
    const point = (period: string, signal: SpcPoint['signal'], value: number | null = 1): SpcPoint => ({
      period, value, mean: 0, lcl: null, ucl: null, partial: false, signal, ...(signal === 'common' ? {} : { rule: 'outside-limits' as const }),
    });
    const chart: SpcResult = {
      chart: 'xmr', mean: 0, lowerLimit: null, upperLimit: null,
      phases: [
        { start: '2024-01', chart: 'xmr', mean: 0, lowerLimit: -1, upperLimit: 1 },
        { start: '2024-06', chart: 'xmr', mean: 0, lowerLimit: -1, upperLimit: 1 },
      ],
      points: [
        point('2024-01', 'concerning'),
        point('2024-02', 'common', null), // a month with no data between two concerning months
        point('2024-03', 'concerning'),
        point('2024-04', 'common'),
        point('2024-05', 'concerning'),
        point('2024-06', 'concerning'), // new phase: a new signal
        point('2024-07', 'improving'),
      ],
    };
    expect(alertCandidates({ ...base, spc: chart }).map((a) => [a.key, a.period])).toEqual([
      ['spc-concerning:ward-7:percent-negative:2024-01', '2024-03'],
      ['spc-concerning:ward-7:percent-negative:2024-05', '2024-05'],
      ['spc-concerning:ward-7:percent-negative:2024-06', '2024-06'],
    ]);
  });

  it('raises nothing from a period not over yet, however its point is coloured', () => {
    // Daily responses alternating 40 and 44 for 20 days, then today's 6 so far: far below the
    // lower limit (31.36) were it a whole day.
    const days = Array.from({ length: 21 }, (_, i) => `2026-11-${String(i + 1).padStart(2, '0')}`);
    const counts = spc(days.map((period, i) => ({ period, value: i === 20 ? 6 : i % 2 ? 44 : 40, partial: i === 20 })), { improvement: 'up' });
    expect(alertCandidates({ ...base, measure: 'responses', spc: counts })).toEqual([]);
    // A chart drawn elsewhere that judged today anyway still raises nothing.
    const judged: SpcResult = { ...counts, points: counts.points.map((p) => (p.partial ? { ...p, signal: 'concerning', rule: 'outside-limits' } : p)) };
    expect(alertCandidates({ ...base, measure: 'responses', spc: judged })).toEqual([]);
  });
});

describe('alertCandidates: % negative threshold', () => {
  const daily = [
    { day: '2026-04-01', score: score('fft-2020', { 1: 7, 4: 2, 5: 1 }) }, // 3/10 = 0.3 > 0.2
    { day: '2026-04-02', score: score('fft-2020', { 1: 1, 5: 2 }) }, // 2/3 but only 3 responses
    { day: '2026-04-03', score: score('fft-2020', { 1: 8, 4: 2 }) }, // 2/10 = 0.2, exactly at the threshold
    { day: '2026-04-04', score: score('fft-2020', { 1: 9, 5: 1 }) }, // 1/10 = 0.1
    { day: '2026-04-05', score: score('fft-2020', {}) }, // no responses
  ];

  it('raises one alert per day above the threshold, skipping small days', () => {
    expect(alertCandidates({ ...base, negativeThreshold: 0.2, daily })).toEqual([
      { kind: 'negative-threshold', period: '2026-04-01', key: 'negative-threshold:ward-7:2026-04-01', value: 0.3 },
    ]);
  });

  it('raises nothing for a day exactly at the threshold, and alerts just above it', () => {
    // The threshold as an admin types it (parseThreshold stores 10% as 1000 / 10000).
    const tenPercent = Math.round(10 * 100) / 10000;
    const days = [
      { day: '2026-04-06', score: score('fft-2020', { 1: 9, 4: 1 }) }, // 1/10: 10%, at the threshold
      { day: '2026-04-07', score: score('fft-2020', { 1: 27, 4: 2, 5: 1 }) }, // 3/30: 10% again
      { day: '2026-04-08', score: score('fft-2020', { 1: 70, 4: 7 }) }, // 7/77: 9.1%
      { day: '2026-04-09', score: score('fft-2020', { 1: 89, 4: 10 }) }, // 10/99: 10.1%, just above
    ];
    expect(alertCandidates({ ...base, negativeThreshold: tenPercent, daily: days }).map((a) => [a.period, a.value])).toEqual([['2026-04-09', 10 / 99]]);
    // The same from a threshold sent to the API as 0.1, and for thresholds with a fraction of a percent.
    expect(alertCandidates({ ...base, negativeThreshold: 0.1, daily: days }).map((a) => a.period)).toEqual(['2026-04-09']);
    const eighth = [{ day: '2026-04-10', score: score('fft-2020', { 1: 7, 5: 1 }) }]; // 1/8 = 12.5%
    expect(alertCandidates({ ...base, negativeThreshold: Math.round(12.5 * 100) / 10000, daily: eighth })).toEqual([]);
    expect(alertCandidates({ ...base, negativeThreshold: Math.round(12.49 * 100) / 10000, daily: eighth }).map((a) => a.period)).toEqual(['2026-04-10']);
  });

  it('lets a unit lower the minimum number of responses', () => {
    const alerts = alertCandidates({ ...base, negativeThreshold: 0.2, daily, minResponses: 1 });
    expect(alerts.map((a) => a.period)).toEqual(['2026-04-01', '2026-04-02']);
  });

  it('raises nothing without a threshold and refuses a percentage given as 0–100', () => {
    expect(alertCandidates({ ...base, daily })).toEqual([]);
    expect(() => alertCandidates({ ...base, negativeThreshold: 20, daily })).toThrow(RangeError);
  });

  it('combines both kinds', () => {
    const alerts = alertCandidates({ ...base, spc: negativeChart(7), negativeThreshold: 0.25, daily });
    expect(alerts.map((a) => a.kind)).toEqual(['spc-concerning', 'negative-threshold']);
  });
});
