import { describe, expect, it } from 'vitest';
import { withReadCache } from './cache.ts';
import { ORG } from './store.contract.ts';
import { tempSqlite } from './testing.ts';
import { openSqlite } from './sqlite.ts';

describe('read cache', () => {
  it('serves look-ups from memory, sees its own changes at once and others’ after the TTL', async () => {
    const db = tempSqlite();
    const raw = openSqlite(db.target);
    await raw.migrate();
    await raw.upsertOrg(ORG);
    let clock = 0;
    const cached = withReadCache(openSqlite(db.target), { ttlMs: 5000, now: () => clock });
    await raw.createToken({ id: 't1', tokenHash: 'h1', role: 'kiosk', scopes: ['unit:W1'], label: null, createdAt: '2026-01-01T00:00:00Z', revokedAt: null });

    expect((await cached.findTokenByHash('h1'))?.revokedAt).toBeNull();
    expect(await cached.findTokenByHash('unknown')).toBeUndefined();
    // Revoked by another process: still cached until the TTL passes.
    await raw.revokeToken('t1', '2026-01-02T00:00:00Z');
    expect((await cached.findTokenByHash('h1'))?.revokedAt).toBeNull();
    clock += 5001;
    expect((await cached.findTokenByHash('h1'))?.revokedAt).toBe('2026-01-02T00:00:00Z');

    // Revoked through the cached store itself: seen at once.
    await raw.createToken({ id: 't2', tokenHash: 'h2', role: 'kiosk', scopes: ['unit:W1'], label: null, createdAt: '2026-01-01T00:00:00Z', revokedAt: null });
    expect((await cached.findTokenByHash('h2'))?.revokedAt).toBeNull();
    await cached.revokeToken('t2', '2026-01-03T00:00:00Z');
    expect((await cached.findTokenByHash('h2'))?.revokedAt).toBe('2026-01-03T00:00:00Z');

    expect((await cached.getUnit('W1'))?.name).toBe('Ward 1');
    await cached.upsertOrg([{ ...ORG[0]!, unitName: 'Ward One' }]);
    expect((await cached.getUnit('W1'))?.name).toBe('Ward One');
    // A unit carries its site's name: renaming the site through the cached store is seen at once.
    expect((await cached.listUnits()).find((u) => u.code === 'W1')?.siteName).toBe('General');
    await cached.renameSite('RAA01', 'General Hospital');
    expect((await cached.getUnit('W1'))?.siteName).toBe('General Hospital');
    expect((await cached.listUnits()).find((u) => u.code === 'W1')?.siteName).toBe('General Hospital');

    await raw.close();
    await cached.close();
    await db.cleanup();
  });
});
