import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { issueToken, verifyBearer } from '../auth/tokens.ts';
import { fixedClock } from '../clock.ts';
import { issueDemoToken } from './demo.ts';

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
