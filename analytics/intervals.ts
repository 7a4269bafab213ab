/**
 * Confidence intervals for FFT scores, exactly as written in shared/reference/FFT.md §2:
 * the Wilson score interval for % positive / % negative, and the normal-approximation interval
 * for NPS. Pure arithmetic; callers decide how to round and display.
 */

/** A closed interval `[lower, upper]`. */
export type Interval = [lower: number, upper: number];

/** z for a two-sided 95% interval, as NHS England and the reference use. */
export const Z_95 = 1.96;

/**
 * Wilson score interval for a proportion x/n:
 * `(p + z²/2n ± z·sqrt(p(1−p)/n + z²/4n²)) / (1 + z²/n)`.
 * Chosen over p ± z·se because wards often have small n and proportions near 100%, where the
 * simple interval runs past 1 or collapses to zero width. Null when n = 0 (nothing to estimate).
 */
export function wilson(x: number, n: number, z: number = Z_95): Interval | null {
  assertCount(x, 'x');
  assertCount(n, 'n');
  if (x > n) throw new RangeError(`wilson: x (${x}) exceeds n (${n})`);
  if (n === 0) return null;
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const halfWidth = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denominator = 1 + z2 / n;
  // Clamp only to absorb floating-point dust at x = 0 or x = n; the formula itself stays in [0, 1].
  return [clamp((centre - halfWidth) / denominator, 0, 1), clamp((centre + halfWidth) / denominator, 0, 1)];
}

/**
 * Interval for a Net Promoter Score: with shares P = promoters/n and D = detractors/n,
 * `var = (P + D − (P − D)²) / n` and NPS ± z·sqrt(var), on the −100…+100 scale, clipped to ±100.
 * n is the number of responses that are not "Don't know". Null when n = 0.
 */
export function npsInterval(promoters: number, detractors: number, n: number, z: number = Z_95): Interval | null {
  assertCount(promoters, 'promoters');
  assertCount(detractors, 'detractors');
  assertCount(n, 'n');
  if (promoters + detractors > n) throw new RangeError(`npsInterval: promoters + detractors exceed n (${n})`);
  if (n === 0) return null;
  const P = promoters / n;
  const D = detractors / n;
  const variance = (P + D - (P - D) ** 2) / n;
  const nps = (P - D) * 100;
  const halfWidth = z * Math.sqrt(Math.max(variance, 0)) * 100;
  return [clamp(nps - halfWidth, -100, 100), clamp(nps + halfWidth, -100, 100)];
}

function clamp(value: number, lower: number, upper: number): number {
  return Math.min(upper, Math.max(lower, value));
}

function assertCount(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 0) throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
}
