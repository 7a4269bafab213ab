/** The staff store methods on SQLite (see `staff-store.ts`). */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { StaffStore } from './staff-store.ts';

export function staffSqlite(_db: BetterSQLite3Database, _sqlite: Database.Database): StaffStore {
  return {};
}
