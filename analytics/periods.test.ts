// Run under TZ=UTC and TZ=America/New_York: nothing here may depend on the host's zone.
import { tz, TZDate } from '@date-fns/tz';
import { endOfMonth, endOfQuarter, format, getISOWeek, getISOWeekYear, getQuarter, startOfISOWeek } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, addMonths, isDay, londonDay, londonDayBounds, monthOf, monthsFrom, PERIOD_KINDS, periodOf, periodsBetween, today } from './periods.ts';

const HOUR = 3_600_000;

describe('londonDay', () => {
  it('agrees with a zoned date-fns format for any instant from 1975 to 2100 (its hourly offset cache is exact)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1975, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(londonDay(new Date(ms))).toBe(format(new Date(ms), 'yyyy-MM-dd', { in: tz('Europe/London') }));
      }),
      { numRuns: 5000 },
    );
    // Either side of each 2026 clock change, to the millisecond.
    for (const iso of ['2026-03-29T00:59:59.999Z', '2026-03-29T01:00:00.000Z', '2026-10-24T22:59:59.999Z', '2026-10-24T23:00:00.000Z', '2026-10-25T00:59:59.999Z', '2026-10-25T01:00:00.000Z']) {
      expect(londonDay(iso)).toBe(format(new Date(iso), 'yyyy-MM-dd', { in: tz('Europe/London') }));
    }
  });

  it('puts 23:30 UTC on 31 March 2026 on 1 April (BST began on 29 March)', () => {
    expect(londonDay('2026-03-31T23:30:00Z')).toBe('2026-04-01');
    expect(londonDay(new Date('2026-03-31T22:59:59Z'))).toBe('2026-03-31');
  });

  it('is the UTC day in winter (GMT)', () => {
    expect(londonDay('2026-01-15T23:30:00Z')).toBe('2026-01-15');
    expect(londonDay('2026-01-16T00:00:00Z')).toBe('2026-01-16');
  });

  it('reads explicit offsets', () => {
    // 20:30 in New York (EDT, −04:00) on 31 March is 00:30 BST on 1 April
    expect(londonDay('2026-03-31T20:30:00-04:00')).toBe('2026-04-01');
  });

  it('handles the last Sunday of October (clocks back at 02:00 BST = 01:00 UTC)', () => {
    expect(londonDay('2026-10-24T23:30:00Z')).toBe('2026-10-25'); // 00:30 BST
    expect(londonDay('2026-10-25T00:30:00Z')).toBe('2026-10-25'); // 01:30 BST, first time round
    expect(londonDay('2026-10-25T01:30:00Z')).toBe('2026-10-25'); // 01:30 GMT, second time round
    expect(londonDay('2026-10-25T23:30:00Z')).toBe('2026-10-25'); // 23:30 GMT
  });

  it('refuses timestamps without an offset, which the host would read in its own zone', () => {
    expect(() => londonDay('2026-03-31T23:30:00')).toThrow(RangeError);
    expect(() => londonDay('2026-03-31')).toThrow(RangeError);
    expect(() => londonDay(new Date(Number.NaN))).toThrow(RangeError);
  });

  it('today is London\'s day at the injected clock', () => {
    expect(today(new Date('2026-03-31T23:30:00Z'))).toBe('2026-04-01');
  });
});

describe('londonDayBounds', () => {
  it('is 23 hours on the last Sunday of March', () => {
    const [start, end] = londonDayBounds('2026-03-29');
    expect(start.toISOString()).toBe('2026-03-29T00:00:00.000Z'); // midnight GMT
    expect(end.toISOString()).toBe('2026-03-29T23:00:00.000Z'); // midnight BST on the 30th
    expect(end.getTime() - start.getTime()).toBe(23 * HOUR);
  });

  it('is 25 hours on the last Sunday of October', () => {
    const [start, end] = londonDayBounds('2026-10-25');
    expect(start.toISOString()).toBe('2026-10-24T23:00:00.000Z'); // midnight BST
    expect(end.toISOString()).toBe('2026-10-26T00:00:00.000Z'); // midnight GMT on the 26th
    expect(end.getTime() - start.getTime()).toBe(25 * HOUR);
  });

  it('is 24 hours on an ordinary summer day, offset by BST', () => {
    const [start, end] = londonDayBounds('2026-04-01');
    expect(start.toISOString()).toBe('2026-03-31T23:00:00.000Z');
    expect(end.getTime() - start.getTime()).toBe(24 * HOUR);
  });

  it('does not depend on the host time zone, even one whose own clocks change at midnight', () => {
    const host = process.env.TZ;
    try {
      // Asia/Beirut goes forward at midnight on the same Sunday as London; Scoresbysund (UTC−2) is far from it.
      for (const zone of ['Asia/Beirut', 'America/Scoresbysund', 'Australia/Lord_Howe', 'UTC']) {
        process.env.TZ = zone;
        const days = ['2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26'];
        expect(days.map((d) => londonDayBounds(d).map((at) => at.toISOString())), zone).toEqual([
          ['2026-03-28T00:00:00.000Z', '2026-03-29T00:00:00.000Z'],
          ['2026-03-29T00:00:00.000Z', '2026-03-29T23:00:00.000Z'],
          ['2026-03-29T23:00:00.000Z', '2026-03-30T23:00:00.000Z'],
          ['2026-10-23T23:00:00.000Z', '2026-10-24T23:00:00.000Z'],
          ['2026-10-24T23:00:00.000Z', '2026-10-26T00:00:00.000Z'],
          ['2026-10-26T00:00:00.000Z', '2026-10-27T00:00:00.000Z'],
        ]);
      }
    } finally {
      if (host === undefined) delete process.env.TZ;
      else process.env.TZ = host;
    }
  });

  it('contains every instant whose London day it is', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(2019, 0, 1), max: Date.UTC(2031, 0, 1) }), (ms) => {
        const [start, end] = londonDayBounds(londonDay(new Date(ms)));
        expect(start.getTime()).toBeLessThanOrEqual(ms);
        expect(ms).toBeLessThan(end.getTime());
      }),
      { numRuns: 200 },
    );
  });
});

describe('addDays', () => {
  it('steps calendar days across clock changes, month ends and leap days', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30'); // over the 23-hour day
    expect(addDays('2026-10-24', 2)).toBe('2026-10-26'); // over the 25-hour day
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-05-05', 0)).toBe('2026-05-05');
  });

  it('refuses days that do not exist', () => {
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addDays('2026-4-1', 1)).toThrow(RangeError);
    expect(() => addDays('2026-04-01', 0.5)).toThrow(RangeError);
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
  });
});

describe('monthOf and addMonths', () => {
  it('gives the London month, across the clock change and the year', () => {
    // 23:30 UTC on 31 March 2027 is 00:30 on 1 April in London (BST).
    expect(monthOf(new Date('2027-03-31T23:30:00Z'))).toBe('2027-04');
    expect(monthOf(new Date('2026-12-31T23:30:00Z'))).toBe('2026-12');
    expect(monthOf(new Date('2026-01-15T12:00:00Z'), -1)).toBe('2025-12');
    expect(addMonths('2026-11', 2)).toBe('2027-01');
    expect(addMonths('2026-01', -13)).toBe('2024-12');
    expect(monthsFrom('2026-11', '2027-02')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(monthsFrom('2026-11', '2026-10')).toEqual([]);
  });
});

describe('periodOf', () => {
  it('labels the day itself', () => {
    expect(periodOf('day', '2026-03-29')).toEqual({ label: '2026-03-29', start: '2026-03-29', end: '2026-03-29' });
  });

  it('uses the ISO week-year: 31 Dec 2026 and 1 Jan 2027 are both in 2026-W53', () => {
    // 1 Jan 2026 is a Thursday, so 2026 has 53 ISO weeks; W53 runs Mon 28 Dec – Sun 3 Jan
    const week53 = { label: '2026-W53', start: '2026-12-28', end: '2027-01-03' };
    expect(periodOf('week', '2026-12-31')).toEqual(week53);
    expect(periodOf('week', '2027-01-01')).toEqual(week53);
    expect(periodOf('week', '2027-01-03')).toEqual(week53);
    expect(periodOf('week', '2027-01-04')).toEqual({ label: '2027-W01', start: '2027-01-04', end: '2027-01-10' });
  });

  it('puts 30 Dec 2024 in 2025-W01 (the other edge of the week-year)', () => {
    expect(periodOf('week', '2024-12-30')).toEqual({ label: '2025-W01', start: '2024-12-30', end: '2025-01-05' });
  });

  it('starts weeks on Monday', () => {
    expect(periodOf('week', '2026-03-29')).toEqual({ label: '2026-W13', start: '2026-03-23', end: '2026-03-29' }); // Sunday
    expect(periodOf('week', '2026-03-30')).toEqual({ label: '2026-W14', start: '2026-03-30', end: '2026-04-05' }); // Monday
  });

  it('gives calendar months and quarters', () => {
    expect(periodOf('month', '2024-02-10')).toEqual({ label: '2024-02', start: '2024-02-01', end: '2024-02-29' });
    expect(periodOf('quarter', '2026-03-31')).toEqual({ label: '2026-Q1', start: '2026-01-01', end: '2026-03-31' });
    expect(periodOf('quarter', '2026-04-01')).toEqual({ label: '2026-Q2', start: '2026-04-01', end: '2026-06-30' });
  });

  it('agrees with date-fns (in Europe/London) on ISO weeks, months and quarters', () => {
    const inLondon = { in: tz('Europe/London') };
    const day = fc.integer({ min: 0, max: 40 * 366 }).map((n) => addDays('2000-01-01', n));
    fc.assert(
      fc.property(day, (d) => {
        const date = new TZDate(`${d}T12:00:00Z`, 'Europe/London');
        const ymd = (x: Date) => format(x, 'yyyy-MM-dd', inLondon);
        const week = `${getISOWeekYear(date, inLondon)}-W${String(getISOWeek(date, inLondon)).padStart(2, '0')}`;
        expect(periodOf('week', d)).toEqual({ label: week, start: ymd(startOfISOWeek(date, inLondon)), end: addDays(ymd(startOfISOWeek(date, inLondon)), 6) });
        expect(periodOf('month', d).end).toBe(ymd(endOfMonth(date, inLondon)));
        expect(periodOf('quarter', d).label).toBe(`${d.slice(0, 4)}-Q${getQuarter(date, inLondon)}`);
        expect(periodOf('quarter', d).end).toBe(ymd(endOfQuarter(date, inLondon)));
      }),
      { numRuns: 300 },
    );
  });

  it('gives NHS financial years: 31 March is 2025/26, 1 April is 2026/27', () => {
    expect(periodOf('year', '2026-03-31')).toEqual({ label: '2025/26', start: '2025-04-01', end: '2026-03-31' });
    expect(periodOf('year', '2026-04-01')).toEqual({ label: '2026/27', start: '2026-04-01', end: '2027-03-31' });
    expect(periodOf('year', '2000-01-15').label).toBe('1999/00');
    expect(periodOf('year', '2099-12-31').label).toBe('2099/00');
  });
});

describe('periodsBetween', () => {
  it('lists every month in the range, even empty ones', () => {
    expect(periodsBetween('month', '2026-01-15', '2026-04-02').map((p) => p.label)).toEqual([
      '2026-01', '2026-02', '2026-03', '2026-04',
    ]);
  });

  it('crosses the ISO week-year', () => {
    expect(periodsBetween('week', '2026-12-24', '2027-01-05').map((p) => p.label)).toEqual([
      '2026-W52', '2026-W53', '2027-W01',
    ]);
  });

  it('lists financial years across 31 March / 1 April', () => {
    expect(periodsBetween('year', '2025-03-31', '2026-04-01').map((p) => p.label)).toEqual(['2024/25', '2025/26', '2026/27']);
  });

  it('lists days across the clock change one by one', () => {
    expect(periodsBetween('day', '2026-03-28', '2026-03-31').map((p) => p.label)).toEqual([
      '2026-03-28', '2026-03-29', '2026-03-30', '2026-03-31',
    ]);
  });

  it('is empty for a backwards range', () => {
    expect(periodsBetween('month', '2026-05-01', '2026-04-30')).toEqual([]);
  });

  it('tiles the range with no gaps or overlaps', () => {
    const kind = fc.constantFrom(...PERIOD_KINDS);
    const day = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2025-01-01', n));
    fc.assert(
      fc.property(kind, day, day, (k, a, b) => {
        const [from, to] = a <= b ? [a, b] : [b, a];
        if (k === 'day' && to > addDays(from, 60)) return; // keep the run quick
        const periods = periodsBetween(k, from, to);
        expect(periods[0].start <= from && from <= periods[0].end).toBe(true);
        expect(periods.at(-1)!.start <= to && to <= periods.at(-1)!.end).toBe(true);
        for (let i = 1; i < periods.length; i++) expect(periods[i].start).toBe(addDays(periods[i - 1].end, 1));
      }),
      { numRuns: 150 },
    );
  });
});
