import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, expect, it } from 'vitest';
import { ORG, response } from './store.contract.ts';
import { tempSqlite } from './testing.ts';

const db = tempSqlite();
afterAll(() => db.cleanup());

it('migration 0004 rebuilds organisation rollups an earlier version left under a moved unit\'s old parents', async () => {
  const store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  await store.insertResponses([response({ unitCode: 'W1' }), response({ unitCode: 'W1', answer: 2 }), response({ unitCode: 'ED' })]);
  const month = { unitCodes: ['W1', 'ED'], from: '2026-04', to: '2026-04', grain: 'month' as const };
  const total = async (level: 'site' | 'trust', code: string) => (await store.sumCounts({ ...month, org: { level, code } })).reduce((n, r) => n + r.count, 0);
  expect(await total('site', 'RAA01')).toBe(3);
  await store.close();

  // What an earlier version left behind: W1 moved to the community site without a rebuild.
  // Then the migration's own statements, as the migrator runs them (in one transaction); later
  // migrations, already applied here, are not run again.
  const raw = new Database(db.target);
  raw.prepare(`UPDATE units SET site_code = 'RAA02' WHERE code = 'W1'`).run();
  const statements = readFileSync(fileURLToPath(new URL('./migrations/sqlite/0004_rebuild_org_rollups.sql', import.meta.url)), 'utf8').split('--> statement-breakpoint');
  raw.transaction(() => {
    for (const statement of statements) raw.exec(statement);
  })();
  raw.close();

  const again = db.open();
  await again.migrate();
  const site = async (code: string) => (await again.sumCounts({ ...month, org: { level: 'site', code } })).reduce((n, r) => n + r.count, 0);
  expect(await site('RAA01')).toBe(1);
  expect(await site('RAA02')).toBe(2);
  await again.close();
});
