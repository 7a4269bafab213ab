import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { issueToken, verifyBearer } from '../auth/tokens.ts';
import { fixedClock } from '../clock.ts';
import { RETURN_DEFINITIONS } from '../../analytics/returns.ts';
import { buildMonthlyReturn } from '../exports/monthly.ts';
import { demoOrg } from '../demo/org.ts';
import { issueDemoToken, runDemo } from './demo.ts';

let db: TestDb;
let store: Store;

beforeEach(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
});

afterEach(async () => {
  await store.close();
  await db.cleanup();
});

describe('the demo integration token', () => {
  it('is one live token however often the demo is loaded, each earlier one revoked and audit-logged', async () => {
    const clock = fixedClock('2026-11-22T10:00:00.000Z');
    // Tokens the demo did not issue stay live: a matron's labelled 'demo', and an integration token with another label.
    const { token: matron } = await issueToken(store, clock, { role: 'matron', label: 'demo' });
    const { token: handMade } = await issueToken(store, clock, { role: 'integration', label: 'feed from PAS' });

    const first = await issueDemoToken(store, clock);
    expect(first.revoked).toBe(0);
    clock.advance(60_000);
    const second = await issueDemoToken(store, clock);
    expect(second.revoked).toBe(1);
    expect(await verifyBearer(store, `Bearer ${first.token}`)).toBeUndefined();
    expect(await verifyBearer(store, `Bearer ${second.token}`)).toMatchObject({ role: 'integration', label: 'demo' });
    for (const other of [matron, handMade]) expect(await verifyBearer(store, `Bearer ${other}`)).toBeDefined();

    const tokens = await store.listTokens();
    const demo = tokens.filter((t) => t.role === 'integration' && t.label === 'demo');
    expect(demo.map((t) => t.revokedAt)).toEqual(expect.arrayContaining(['2026-11-22T10:01:00.000Z', null]));
    expect(demo.filter((t) => !t.revokedAt)).toHaveLength(1);
    const revokedId = demo.find((t) => t.revokedAt)!.id;
    expect((await store.listAudit()).filter((a) => a.action === 'token.revoke')).toEqual([
      expect.objectContaining({ actor: 'cli', action: 'token.revoke', target: revokedId, detail: { label: 'demo' }, at: '2026-11-22T10:01:00.000Z' }),
    ]);

    // A third load revokes only the second's, leaving one live demo token still.
    const third = await issueDemoToken(store, clock);
    expect(third.revoked).toBe(1);
    expect((await store.listTokens()).filter((t) => t.role === 'integration' && t.label === 'demo' && !t.revokedAt)).toHaveLength(1);
  });
});

describe('the demo’s units', () => {
  it('are added in the month it is loaded, and are in the earlier months’ returns its back data covers, not before', async () => {
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      // Loaded on 22 November with 30 days of answers: from 24 October on.
      expect(await runDemo(store, ['--days', '30'], fixedClock('2026-11-22T10:00:00.000Z'))).toBe(0);
    } finally {
      vi.restoreAllMocks();
    }
    const inpatient: readonly string[] = RETURN_DEFINITIONS.inpatient.parts.flatMap((p) => p.settings);
    const wards = demoOrg().filter((u) => inpatient.includes(u.setting)).map((u) => `unit:${u.unitCode}`).sort();
    expect(wards.length).toBeGreaterThan(1);
    for (const u of await store.listUnits()) expect(u.addedMonth).toBe('2026-11');
    const inReturn = async (month: string) =>
      (await buildMonthlyReturn(store, { month, setting: 'inpatient', scope: 'all', variant: 'full', excludeFlagged: true })).sheets
        .find((s) => s.name === 'Wards')!
        .rows.filter((r) => r.level === 'ward')
        .map((r) => r.key)
        .sort();
    expect(await inReturn('2026-10')).toEqual(wards);
    expect(await inReturn('2026-11')).toEqual(wards);
    expect(await inReturn('2026-09')).toEqual([]);
  }, 60_000);
});
