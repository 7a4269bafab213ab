/** The export-log store methods on PostgreSQL (see `exports-store.ts`). */
import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { and, desc, eq, type SQL } from 'drizzle-orm';
import * as t from './schema.pg.ts';
import { MAX_EXPORTS_LISTED, toExportRecord, type ExportQuery, type ExportsStore } from './exports-store.ts';

function where(q: ExportQuery): SQL | undefined {
  const e = t.exportsLog;
  return and(eq(e.month, q.month), eq(e.setting, q.setting), q.variant === undefined ? undefined : eq(e.variant, q.variant));
}

export function exportsPostgres(db: NodePgDatabase, _pool: pg.Pool): ExportsStore {
  const e = t.exportsLog;
  const newestFirst = [desc(e.createdAt), desc(e.id)];
  return {
    async saveExport(record) {
      await db.insert(e).values({ ...record, content: JSON.stringify(record.content) });
    },

    async lastExport(q) {
      const [row] = await db.select().from(e).where(where(q)).orderBy(...newestFirst).limit(1);
      return row ? toExportRecord(row) : undefined;
    },

    async listExports(q) {
      const limit = Math.min(Math.max(Math.floor(q.limit ?? MAX_EXPORTS_LISTED), 1), MAX_EXPORTS_LISTED);
      return (await db.select().from(e).where(where(q)).orderBy(...newestFirst).limit(limit)).map(toExportRecord);
    },
  };
}
