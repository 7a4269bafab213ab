/** The sms store methods on SQLite (see `sms-store.ts`). */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type { SmsStore } from './sms-store.ts';

export function smsSqlite(_db: BetterSQLite3Database, _sqlite: Database.Database): SmsStore {
  return {};
}
