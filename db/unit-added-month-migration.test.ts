/**
 * Migration 0011: units stored before it have no month they were added in (null: there all
 * along), so every month's return keeps them as it did; a unit stored after it gets its month.
 */
import { describe, expect } from 'vitest';
import { migrationTests, type RawRun } from './migration-testing.ts';
import { ORG } from './store.contract.ts';
import type { TestDb } from './testing.ts';

/** The test org as an older version stored it: its units, with their settings since the start. */
const OLDER_ORG = [
  `INSERT INTO icbs (code, name) VALUES ('QAA', 'Test ICB')`,
  `INSERT INTO trusts (code, name, icb_code) VALUES ('RAA', 'Test Trust', 'QAA')`,
  `INSERT INTO sites (code, name, trust_code) VALUES ('RAA01', 'General', 'RAA'), ('RAA02', 'Community', 'RAA')`,
  ...ORG.map((u) => `INSERT INTO units (code, name, site_code, setting, question) VALUES ('${u.unitCode}', '${u.unitName}', '${u.siteCode}', '${u.setting}', '${u.question}')`),
  ...ORG.map((u) => `INSERT INTO unit_settings (unit_code, from_month, setting) VALUES ('${u.unitCode}', '0000-01', '${u.setting}')`),
];

/** Migrates the older database to now and reads its units' months; a unit added after gets its own. */
async function check(db: TestDb, run: RawRun) {
  for (const statement of OLDER_ORG) await run(statement);
  const store = db.open();
  try {
    await store.migrate();
    expect((await store.listUnits()).map((u) => [u.code, u.addedMonth])).toEqual([['DN', null], ['ED', null], ['W1', null]]);
    expect(await store.getUnit('W1')).toMatchObject({ code: 'W1', addedMonth: null });
    // A re-import of the same units leaves them as they were; a new one has the import's month.
    await store.upsertOrg([...ORG, { ...ORG[0]!, unitCode: 'W2', unitName: 'Ward 2' }], '2026-12');
    expect((await store.listUnits()).map((u) => [u.code, u.addedMonth])).toEqual([['DN', null], ['ED', null], ['W1', null], ['W2', '2026-12']]);
  } finally {
    await store.close();
  }
}

describe('migration 0011 leaves the units already stored without a month added', () => {
  migrationTests(check, { olderThan: '0010_unit_settings' });
});
