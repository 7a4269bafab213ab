import { describe, expect, it } from 'vitest';
import { demoOrg } from './org.ts';
import { generateDemoResponses } from './generate.ts';

describe('demo responses', () => {
  it('loaded later the same day are the earlier ones plus those answered since (so loading again adds only those)', () => {
    const org = demoOrg();
    const morning = generateDemoResponses(org, { lastDay: '2026-12-01', days: 5, seed: 1, now: new Date('2026-12-01T10:00:00Z') });
    const evening = generateDemoResponses(org, { lastDay: '2026-12-01', days: 5, seed: 1, now: new Date('2026-12-01T16:10:00Z') });
    const later = new Map(evening.map((r) => [r.id, r]));
    for (const r of morning) expect(later.get(r.id)).toEqual(r);
    const added = evening.filter((r) => !morning.some((m) => m.id === r.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.every((r) => r.answeredAt > '2026-12-01T10:00:00.000Z' && r.answeredAt <= '2026-12-01T16:10:00.000Z')).toBe(true);
  });
});
