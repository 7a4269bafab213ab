/** The export-log store methods on SQLite (see `exports-store.ts`). */
import type Database from 'better-sqlite3';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import * as t from './schema.sqlite.ts';
import { MAX_EXPORTS_LISTED, toExportRecord, type ExportQuery, type ExportsStore } from './exports-store.ts';

function where(q: ExportQuery): SQL | undefined {
  const e = t.exportsLog;
  return and(eq(e.month, q.month), eq(e.setting, q.setting), q.variant === undefined ? undefined : eq(e.variant, q.variant));
}

export function exportsSqlite(db: BetterSQLite3Database, _sqlite: Database.Database): ExportsStore {
  const e = t.exportsLog;
  const newestFirst = [desc(e.createdAt), desc(e.id)];
  return {
    async saveExport(record) {
      db.insert(e).values({ ...record, content: JSON.stringify(record.content) }).run();
    },

    async lastExport(q) {
      const row = db.select().from(e).where(where(q)).orderBy(...newestFirst).limit(1).get();
      return row ? toExportRecord(row) : undefined;
    },

    async listExports(q) {
      const limit = Math.min(Math.max(Math.floor(q.limit ?? MAX_EXPORTS_LISTED), 1), MAX_EXPORTS_LISTED);
      return db.select().from(e).where(where(q)).orderBy(...newestFirst).limit(limit).all().map(toExportRecord);
    },
  };
}
