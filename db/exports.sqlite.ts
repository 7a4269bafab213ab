/** The export-log store methods on SQLite (see `exports-store.ts`). */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { ExportsStore } from './exports-store.ts';

export function exportsSqlite(_db: BetterSQLite3Database, _sqlite: Database.Database): ExportsStore {
  return {};
}
