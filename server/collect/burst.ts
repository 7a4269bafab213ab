/**
 * The gaming guard: answers from one tablet faster than patients give them (more than
 * `count` within `seconds`, by the tablet's own clock, so a burst is seen even when it arrives
 * late from an offline outbox) are stored but flagged. Kept in memory per process: a tablet
 * talks to one server at a time, and a missed flag after a restart costs little.
 */
export interface BurstRule {
  count: number;
  seconds: number;
}

export function createBurstGuard(options: { maxDevices?: number } = {}) {
  const recent = new Map<string, number[]>();
  const maxDevices = options.maxDevices ?? 10_000;

  /** Flags for answers given at `times` (ms) on one device, in the order given. */
  function check(deviceId: string, times: number[], rule: BurstRule): boolean[] {
    const windowMs = rule.seconds * 1000;
    let seen = recent.get(deviceId) ?? [];
    const flags = times.map((at) => {
      seen.push(at);
      seen.sort((a, b) => a - b);
      const near = seen.filter((t) => t > at - windowMs && t < at + windowMs);
      // Flagged when some window of `seconds` holding this answer holds more than `count`.
      return near.some((start) => start <= at && near.filter((t) => t >= start && t < start + windowMs).length > rule.count);
    });
    // Keep only what can still matter: the last couple of windows' worth.
    const newest = seen[seen.length - 1] ?? 0;
    seen = seen.filter((t) => t > newest - 2 * windowMs).slice(-4 * (rule.count + 1));
    if (recent.size >= maxDevices && !recent.has(deviceId)) recent.clear();
    recent.set(deviceId, seen);
    return flags;
  }

  return { check };
}
