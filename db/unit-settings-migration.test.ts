/**
 * Migration 0010: every unit stored before it gets its setting as held since the start, so an
 * existing database reads every month's return as it did, and a later change of setting leaves
 * the months before it where they were.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import { ORG } from './store.contract.ts';
import type { TestDb } from './testing.ts';
import { migrationTests, type RawRun } from './migration-testing.ts';

/** The migration's last statement, after the table and its key are made: what gives the units already there their history. */
function seed(dialect: 'sqlite' | 'pg'): string {
  const file = fileURLToPath(new URL(`./migrations/${dialect}/0010_unit_settings.sql`, import.meta.url));
  return readFileSync(file, 'utf8').split('--> statement-breakpoint').at(-1)!;
}

/** Runs the seed over the units as migration 0009 left them (no history), then re-sets a ward in November. */
async function check(db: TestDb, run: RawRun) {
  const store = db.open();
  try {
    await store.migrate();
    await store.upsertOrg(ORG);
    await run('DELETE FROM unit_settings');
    await run(seed(db.target.startsWith('postgres') ? 'pg' : 'sqlite'));
    expect(await store.unitSettings({ fromMonth: '2026-10', toMonth: '2026-10' })).toEqual([
      { unitCode: 'DN', month: '2026-10', setting: 'community' },
      { unitCode: 'ED', month: '2026-10', setting: 'ae' },
      { unitCode: 'W1', month: '2026-10', setting: 'inpatient' },
    ]);
    expect(await store.updateUnit('W1', { setting: 'ae' }, '2026-11')).toBe(true);
    const w1 = (await store.unitSettings({ fromMonth: '2000-01', toMonth: '2026-12' })).filter((s) => s.unitCode === 'W1');
    expect(w1).toHaveLength(27 * 12);
    expect(w1.filter((s) => s.setting === 'inpatient').map((s) => s.month).at(-1)).toBe('2026-10');
    expect(w1.filter((s) => s.setting === 'ae').map((s) => s.month)).toEqual(['2026-11', '2026-12']);
  } finally {
    await store.close();
  }
}

describe('migration 0010 gives the units already stored their setting since the start', () => {
  migrationTests(check);
});
