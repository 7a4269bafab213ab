import { describe, expect, it } from 'vitest';
import { DEFAULT_SEND_WINDOW, isWithinSendWindow, nextSendTime } from './window.ts';

const next = (utc: string, window = DEFAULT_SEND_WINDOW) => nextSendTime(new Date(utc), window).toISOString();

describe('nextSendTime in winter (GMT = UTC)', () => {
  it.each([
    ['2026-11-23T09:00:00.000Z', '2026-11-23T09:00:00.000Z', 'at opening'],
    ['2026-11-23T12:34:56.789Z', '2026-11-23T12:34:56.789Z', 'midday, sent at once'],
    ['2026-11-23T19:59:59.999Z', '2026-11-23T19:59:59.999Z', 'the last moment'],
    ['2026-11-23T20:00:00.000Z', '2026-11-24T09:00:00.000Z', 'at closing: tomorrow'],
    ['2026-11-23T23:30:00.000Z', '2026-11-24T09:00:00.000Z', 'late evening: tomorrow'],
    ['2026-11-23T03:00:00.000Z', '2026-11-23T09:00:00.000Z', 'small hours: this morning'],
    ['2026-12-31T21:00:00.000Z', '2027-01-01T09:00:00.000Z', 'across the year end'],
  ])('%s → %s (%s)', (now, expected) => {
    expect(next(now)).toBe(expected);
  });
});

describe('nextSendTime in summer (BST = UTC+1)', () => {
  it.each([
    ['2026-07-01T07:59:00.000Z', '2026-07-01T08:00:00.000Z', '08:59 BST waits a minute'],
    ['2026-07-01T08:00:00.000Z', '2026-07-01T08:00:00.000Z', '09:00 BST'],
    ['2026-07-01T18:59:00.000Z', '2026-07-01T18:59:00.000Z', '19:59 BST'],
    ['2026-07-01T19:00:00.000Z', '2026-07-02T08:00:00.000Z', '20:00 BST'],
    ['2026-07-01T23:30:00.000Z', '2026-07-02T08:00:00.000Z', '00:30 BST is already the next London day'],
  ])('%s → %s (%s)', (now, expected) => {
    expect(next(now)).toBe(expected);
  });
});

describe('the clock changes', () => {
  // Sunday 29 March 2026: at 01:00 GMT clocks go forward to 02:00 BST.
  it('last Sunday of March: a text held from Saturday evening goes at 09:00 BST (08:00 UTC)', () => {
    expect(next('2026-03-28T20:30:00.000Z')).toBe('2026-03-29T08:00:00.000Z');
    expect(next('2026-03-29T00:30:00.000Z')).toBe('2026-03-29T08:00:00.000Z'); // 00:30 GMT, before the change
    expect(next('2026-03-29T01:30:00.000Z')).toBe('2026-03-29T08:00:00.000Z'); // 02:30 BST, after it
  });

  it('last Sunday of March: the window closes at 20:00 BST, which is 19:00 UTC', () => {
    expect(next('2026-03-29T18:59:00.000Z')).toBe('2026-03-29T18:59:00.000Z');
    expect(next('2026-03-29T19:00:00.000Z')).toBe('2026-03-30T08:00:00.000Z');
    // and on Saturday, still GMT, it closed at 20:00 UTC
    expect(next('2026-03-28T19:30:00.000Z')).toBe('2026-03-28T19:30:00.000Z');
  });

  // Sunday 25 October 2026: at 02:00 BST clocks go back to 01:00 GMT.
  it('last Sunday of October: a text held from Saturday evening goes at 09:00 GMT (09:00 UTC)', () => {
    expect(next('2026-10-24T19:30:00.000Z')).toBe('2026-10-25T09:00:00.000Z'); // 20:30 BST Saturday
    expect(next('2026-10-25T00:30:00.000Z')).toBe('2026-10-25T09:00:00.000Z'); // 01:30 BST, the first time
    expect(next('2026-10-25T01:30:00.000Z')).toBe('2026-10-25T09:00:00.000Z'); // 01:30 GMT, the second time
    expect(next('2026-10-25T08:30:00.000Z')).toBe('2026-10-25T09:00:00.000Z'); // 08:30 GMT: not yet open
  });

  it('last Sunday of October: open until 20:00 GMT, which is 20:00 UTC', () => {
    expect(next('2026-10-24T18:59:00.000Z')).toBe('2026-10-24T18:59:00.000Z'); // 19:59 BST Saturday
    expect(next('2026-10-24T19:00:00.000Z')).toBe('2026-10-25T09:00:00.000Z'); // 20:00 BST Saturday
    expect(next('2026-10-25T19:30:00.000Z')).toBe('2026-10-25T19:30:00.000Z'); // 19:30 GMT Sunday
    expect(next('2026-10-25T20:00:00.000Z')).toBe('2026-10-26T09:00:00.000Z');
  });

  it('across the end of a month (31 October 2026 → 1 November)', () => {
    expect(next('2026-10-31T21:00:00.000Z')).toBe('2026-11-01T09:00:00.000Z');
  });
});

describe('a window within 01:00–02:00, the hour the clocks skip or repeat', () => {
  it('in March, when that hour is skipped, opens as the clocks go forward if still open at 02:00 BST, else the next day', () => {
    expect(next('2026-03-28T12:00:00.000Z', { start: '01:30', end: '08:00' })).toBe('2026-03-29T01:00:00.000Z'); // 02:00 BST
    expect(next('2026-03-28T12:00:00.000Z', { start: '01:30', end: '02:30' })).toBe('2026-03-29T01:00:00.000Z');
    // 01:00–02:00 does not happen on 29 March: not at 02:00 BST, outside it, but on the 30th.
    expect(next('2026-03-28T12:00:00.000Z', { start: '01:00', end: '02:00' })).toBe('2026-03-30T00:00:00.000Z');
  });

  it('in October opens at the first 01:xx (BST), and again when the clocks go back', () => {
    expect(next('2026-10-24T12:00:00.000Z', { start: '01:00', end: '02:00' })).toBe('2026-10-25T00:00:00.000Z'); // 01:00 BST
    expect(next('2026-10-25T01:05:00.000Z', { start: '01:30', end: '02:00' })).toBe('2026-10-25T01:30:00.000Z'); // 01:30 GMT, the second time
    expect(next('2026-10-25T00:05:00.000Z', { start: '00:30', end: '01:01' })).toBe('2026-10-25T01:00:00.000Z'); // back to 01:00 GMT
  });

  it('is the same whatever the host time zone', () => {
    const host = process.env.TZ;
    const cases: [string, { start: string; end: string }][] = [
      ['2026-10-24T12:00:00.000Z', { start: '01:00', end: '02:00' }],
      ['2026-03-28T12:00:00.000Z', { start: '01:30', end: '08:00' }],
      ['2026-03-28T20:30:00.000Z', DEFAULT_SEND_WINDOW],
      ['2026-10-24T19:30:00.000Z', DEFAULT_SEND_WINDOW],
    ];
    const results = (zone: string) => {
      process.env.TZ = zone;
      return cases.map(([now, window]) => next(now, window));
    };
    try {
      const expected = ['2026-10-25T00:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T08:00:00.000Z', '2026-10-25T09:00:00.000Z'];
      for (const zone of ['UTC', 'Europe/London', 'America/New_York', 'America/Scoresbysund', 'Australia/Lord_Howe']) expect(results(zone), zone).toEqual(expected);
    } finally {
      if (host === undefined) delete process.env.TZ;
      else process.env.TZ = host;
    }
  });
});

describe('other windows and checks', () => {
  it('honours a configured window', () => {
    const window = { start: '10:30', end: '18:00' };
    expect(next('2026-11-23T10:29:00.000Z', window)).toBe('2026-11-23T10:30:00.000Z');
    expect(next('2026-07-01T09:29:00.000Z', window)).toBe('2026-07-01T09:30:00.000Z');
    expect(next('2026-07-01T17:00:00.000Z', window)).toBe('2026-07-02T09:30:00.000Z');
  });

  it('isWithinSendWindow', () => {
    expect(isWithinSendWindow(new Date('2026-07-01T08:00:00Z'))).toBe(true);
    expect(isWithinSendWindow(new Date('2026-07-01T07:59:59Z'))).toBe(false);
    expect(isWithinSendWindow(new Date('2026-11-23T19:59:59Z'))).toBe(true);
    expect(isWithinSendWindow(new Date('2026-11-23T20:00:00Z'))).toBe(false);
  });

  it('refuses a malformed or inverted window', () => {
    expect(() => next('2026-11-23T12:00:00Z', { start: '9:00', end: '20:00' })).toThrow(/HH:MM/);
    expect(() => next('2026-11-23T12:00:00Z', { start: '09:00', end: '24:00' })).toThrow(/HH:MM/);
    expect(() => next('2026-11-23T12:00:00Z', { start: '20:00', end: '09:00' })).toThrow(/open before it closes/);
    expect(() => next('2026-11-23T12:00:00Z', { start: '09:00', end: '09:00' })).toThrow(/open before it closes/);
  });
});
