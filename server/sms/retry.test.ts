import { describe, expect, it } from 'vitest';
import { DEFAULT_RETRY, nextAttemptAt, shouldGiveUp } from './retry.ts';

const now = new Date('2026-11-22T10:00:00.000Z');
const waitMin = (attempts: number, random: number, extra = {}) => (nextAttemptAt(attempts, now, { random: () => random, ...extra }).getTime() - now.getTime()) / 60_000;

describe('nextAttemptAt', () => {
  it('doubles the wait from one minute, jittered into the upper half of each delay', () => {
    // random → 0 gives the floor (half the delay), random → 1 the full delay
    expect([1, 2, 3, 4, 5].map((a) => waitMin(a, 0))).toEqual([0.5, 1, 2, 4, 8]);
    expect([1, 2, 3, 4, 5].map((a) => waitMin(a, 1))).toEqual([1, 2, 4, 8, 16]);
    expect(waitMin(3, 0.5)).toBe(3);
  });

  it('caps the wait at an hour however many attempts have failed', () => {
    expect(waitMin(7, 1)).toBe(60);
    expect(waitMin(8, 1)).toBe(60);
    expect(waitMin(1000, 1)).toBe(60);
    expect(waitMin(1000, 0)).toBe(30);
  });

  it('spreads texts that failed together', () => {
    const times = new Set(Array.from({ length: 50 }, () => nextAttemptAt(4, now).getTime()));
    expect(times.size).toBeGreaterThan(10);
    for (const t of times) {
      expect(t - now.getTime()).toBeGreaterThanOrEqual(4 * 60_000);
      expect(t - now.getTime()).toBeLessThanOrEqual(8 * 60_000);
    }
  });

  it('waits at least as long as the provider asked (Retry-After)', () => {
    expect(waitMin(1, 0, { atLeastMs: 10 * 60_000 })).toBe(10);
    expect(waitMin(5, 1, { atLeastMs: 60_000 })).toBe(16);
  });

  it('treats 0 or fewer attempts as the first, and keeps a bad random in range', () => {
    expect(waitMin(0, 0)).toBe(0.5);
    expect(waitMin(-3, 0)).toBe(0.5);
    expect(waitMin(1, 7)).toBe(1);
    expect(waitMin(1, -1)).toBe(0.5);
  });

  it('follows a given policy', () => {
    const policy = { baseMs: 1_000, capMs: 5_000, maxAttempts: 3 };
    expect([1, 2, 3, 4].map((a) => nextAttemptAt(a, now, { policy, random: () => 1 }).getTime() - now.getTime())).toEqual([1_000, 2_000, 4_000, 5_000]);
  });
});

describe('shouldGiveUp', () => {
  it('gives up after ten failed attempts by default (about five hours of trying)', () => {
    expect(DEFAULT_RETRY.maxAttempts).toBe(10);
    expect(shouldGiveUp(9)).toBe(false);
    expect(shouldGiveUp(10)).toBe(true);
    expect(shouldGiveUp(11)).toBe(true);
    const totalMin = Array.from({ length: 9 }, (_, i) => waitMin(i + 1, 1)).reduce((a, b) => a + b, 0);
    expect(totalMin).toBe(1 + 2 + 4 + 8 + 16 + 32 + 60 + 60 + 60);
  });

  it('follows a given policy', () => {
    expect(shouldGiveUp(2, { baseMs: 1, capMs: 1, maxAttempts: 3 })).toBe(false);
    expect(shouldGiveUp(3, { baseMs: 1, capMs: 1, maxAttempts: 3 })).toBe(true);
  });
});
