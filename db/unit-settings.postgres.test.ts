/**
 * Re-setting units on PostgreSQL while something else writes them: an org import locks the units
 * it reads the settings of, and must take those locks in one order (by code), or two writers at
 * once can each hold a unit the other waits for and one of them fails with a deadlock.
 */
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ORG } from './store.contract.ts';
import { pgTestUrl, tempPostgres } from './testing.ts';

const url = pgTestUrl();

describe('unit settings on PostgreSQL', () => {
  (url ? it : it.skip)('an org import waits for a unit another transaction holds without holding a unit that one waits for next', async () => {
    const db = await tempPostgres(url!);
    const store = db.open();
    const other = new pg.Client({ connectionString: db.target });
    await other.connect();
    try {
      await store.migrate();
      // Rows lie on disk in the file's order, W1 before DN: the order an unordered lock would take.
      await store.upsertOrg(ORG);
      // Another writer (an import already under way) holds DN and will want W1 next.
      await other.query('BEGIN');
      await other.query(`SELECT code FROM units WHERE code = 'DN' FOR UPDATE`);
      const imported = store.upsertOrg(ORG.map((r) => (r.unitCode === 'W1' ? { ...r, setting: 'daycase' as const } : r)), '2026-12');
      const outcome = imported.then(
        () => 'imported',
        (error: unknown) => `failed: ${String((error as { cause?: unknown }).cause ?? error)}`,
      );
      // Once the import is waiting for DN, the other writer takes W1 and finishes.
      for (let tries = 0; ; tries++) {
        const { rows } = await other.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`);
        if (rows[0].n > 0) break;
        if (tries > 200) throw new Error('the import never waited for DN');
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      await other.query(`SELECT code FROM units WHERE code = 'W1' FOR UPDATE`);
      await other.query(`UPDATE units SET name = 'Ward 1 (Surgery)' WHERE code = 'W1'`);
      await other.query('COMMIT');
      expect(await outcome).toBe('imported');
      expect((await store.getUnit('W1'))?.setting).toBe('daycase');
      expect((await store.unitSettings({ fromMonth: '2026-11', toMonth: '2026-12' })).filter((s) => s.unitCode === 'W1').map((s) => s.setting)).toEqual(['inpatient', 'daycase']);
    } finally {
      await other.query('ROLLBACK').catch(() => {});
      await other.end();
      await store.close();
      await db.cleanup();
    }
  }, 30_000);
});
