/**
 * The two tests every migration test runs (vitest only: db/testing.ts stays free of vitest, for
 * the benches that use it).
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
import { it } from 'vitest';
import { pgTestUrl, tempPostgres, tempSqlite, type TestDb } from './testing.ts';

/**
 * Runs one SQL statement on a test database's own connection (to write rows as an older version
 * did, or read them back as stored): a SELECT's rows, nothing for anything else.
 */
export type RawRun = (statement: string) => Promise<Record<string, unknown>[]>;

/**
 * The dialect's migrations up to and including `tag` alone, in a folder of their own: the
 * database an older version left. Removed by the caller.
 */
function migrationsThrough(dialect: 'sqlite' | 'pg', tag: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'fft-migrations-'));
  cpSync(fileURLToPath(new URL(`./migrations/${dialect}`, import.meta.url)), dir, { recursive: true });
  const journal = JSON.parse(readFileSync(join(dir, 'meta/_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  const last = journal.entries.findIndex((e) => e.tag === tag);
  if (last < 0) throw new Error(`no migration ${tag} in ${dialect}`);
  journal.entries = journal.entries.slice(0, last + 1);
  writeFileSync(join(dir, 'meta/_journal.json'), JSON.stringify(journal));
  return dir;
}

/**
 * `check` on a fresh SQLite store and on a fresh PostgreSQL one, each with a raw connection beside
 * it (to leave rows as an older version stored them); the dialect is `db.target`'s. With
 * `olderThan`, the database is first migrated only through that migration, so `check` can write
 * what the older version did before the store migrates the rest. PostgreSQL runs wherever a URL
 * is given, as in CI always.
 */
export function migrationTests(check: (db: TestDb, run: RawRun) => Promise<void>, options: { olderThan?: string } = {}): void {
  it('on SQLite', async () => {
    const db = tempSqlite();
    const raw = new Database(db.target);
    const older = options.olderThan && migrationsThrough('sqlite', options.olderThan);
    try {
      if (older) migrateSqlite(drizzleSqlite(raw), { migrationsFolder: older });
      await check(db, async (statement) => (/^\s*select\b/i.test(statement) ? (raw.prepare(statement).all() as Record<string, unknown>[]) : (raw.exec(statement), [])));
    } finally {
      raw.close();
      if (older) rmSync(older, { recursive: true, force: true });
      await db.cleanup();
    }
  });

  const url = pgTestUrl();
  (url ? it : it.skip)('on PostgreSQL', async () => {
    const db = await tempPostgres(url!);
    const raw = new pg.Client({ connectionString: db.target });
    await raw.connect();
    const older = options.olderThan && migrationsThrough('pg', options.olderThan);
    try {
      if (older) await migratePg(drizzlePg(raw), { migrationsFolder: older });
      await check(db, async (statement) => (await raw.query(statement)).rows);
    } finally {
      await raw.end();
      if (older) rmSync(older, { recursive: true, force: true });
      await db.cleanup();
    }
  });
}
