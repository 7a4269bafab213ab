/**
 * Migration 0011: units stored before it have no month they were added in (null: there all
 * along), so every month's return keeps them as it did; a unit stored after it gets its month.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle as drizzleSqlite } from 'drizzle-orm/better-sqlite3';
import { migrate as migrateSqlite } from 'drizzle-orm/better-sqlite3/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { ORG } from './store.contract.ts';
import type { TestDb } from './testing.ts';
import { pgTestUrl, tempPostgres, tempSqlite } from './testing.ts';

const BEFORE = '0010_unit_settings';
const folders: string[] = [];
afterAll(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

/** The dialect's migrations up to 0010 alone: the database an older version left. */
function migrationsBefore0011(dialect: 'sqlite' | 'pg'): string {
  const from = fileURLToPath(new URL(`./migrations/${dialect}`, import.meta.url));
  const dir = mkdtempSync(join(tmpdir(), 'fft-migrations-'));
  folders.push(dir);
  cpSync(from, dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === BEFORE);
  expect(last).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

/** The test org as an older version stored it: its units, with their settings since the start. */
const OLDER_ORG = [
  `INSERT INTO icbs (code, name) VALUES ('QAA', 'Test ICB')`,
  `INSERT INTO trusts (code, name, icb_code) VALUES ('RAA', 'Test Trust', 'QAA')`,
  `INSERT INTO sites (code, name, trust_code) VALUES ('RAA01', 'General', 'RAA'), ('RAA02', 'Community', 'RAA')`,
  ...ORG.map((u) => `INSERT INTO units (code, name, site_code, setting, question) VALUES ('${u.unitCode}', '${u.unitName}', '${u.siteCode}', '${u.setting}', '${u.question}')`),
  ...ORG.map((u) => `INSERT INTO unit_settings (unit_code, from_month, setting) VALUES ('${u.unitCode}', '0000-01', '${u.setting}')`),
];

/** Migrates the older database to now and reads its units' months; a unit added after gets its own. */
async function check(db: TestDb) {
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
  it('on SQLite', async () => {
    const db = tempSqlite();
    const raw = new Database(db.target);
    try {
      migrateSqlite(drizzleSqlite(raw), { migrationsFolder: migrationsBefore0011('sqlite') });
      for (const statement of OLDER_ORG) raw.exec(statement);
      await check(db);
    } finally {
      raw.close();
      await db.cleanup();
    }
  });

  const url = pgTestUrl();
  (url ? it : it.skip)('on PostgreSQL', async () => {
    const db = await tempPostgres(url!);
    const raw = new pg.Client({ connectionString: db.target });
    await raw.connect();
    try {
      await migratePg(drizzlePg(raw), { migrationsFolder: migrationsBefore0011('pg') });
      for (const statement of OLDER_ORG) await raw.query(statement);
      await check(db);
    } finally {
      await raw.end();
      await db.cleanup();
    }
  });
});
