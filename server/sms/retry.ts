/**
 * When to try a failed send again: exponential back-off (1, 2, 4 … minutes) capped at an hour,
 * with jitter so that texts that failed together during a provider outage do not all return
 * together the moment it recovers. After `maxAttempts` the text is given up.
 *
 * Only temporary failures are retried (`SmsSendError.permanent === false`). The time this
 * gives is then pushed into the send window by the caller: `nextSendTime(nextAttemptAt(…))`.
 */

export interface RetryPolicy {
  /** The wait after the first failed attempt. */
  baseMs: number;
  /** No wait is longer than this. */
  capMs: number;
  /** Give up once this many attempts have failed. */
  maxAttempts: number;
}

/** 1, 2, 4, 8, 16, 32, 60, 60, 60 minutes: ten attempts over about five hours. */
export const DEFAULT_RETRY: RetryPolicy = { baseMs: 60_000, capMs: 3_600_000, maxAttempts: 10 };

export interface NextAttemptOptions {
  policy?: RetryPolicy;
  /** A number in [0, 1); injectable so tests are exact. */
  random?: () => number;
  /** The provider asked us to wait at least this long (Retry-After). */
  atLeastMs?: number;
}

/**
 * When to try again after `attempts` failed attempts (1 after the first failure). The wait is
 * the capped exponential delay, jittered into its upper half ("equal jitter"): never less
 * than half the delay, so a retry storm is spread without ever retrying at once.
 */
export function nextAttemptAt(attempts: number, now: Date, options: NextAttemptOptions = {}): Date {
  const policy = options.policy ?? DEFAULT_RETRY;
  const random = options.random ?? Math.random;
  const n = Math.max(1, Math.floor(attempts));
  // 2 ** 60 would be Infinity-adjacent noise; cap the exponent well before it matters.
  const delay = Math.min(policy.capMs, policy.baseMs * 2 ** Math.min(n - 1, 30));
  const r = Math.min(Math.max(random(), 0), 1);
  const jittered = delay / 2 + r * (delay / 2);
  const wait = Math.max(jittered, options.atLeastMs ?? 0);
  return new Date(now.getTime() + Math.round(wait));
}

/** Whether `attempts` failed attempts are enough to stop trying. */
export function shouldGiveUp(attempts: number, policy: RetryPolicy = DEFAULT_RETRY): boolean {
  return attempts >= policy.maxAttempts;
}
