/** The export-log store methods on PostgreSQL (see `exports-store.ts`). */
import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { ExportsStore } from './exports-store.ts';

export function exportsPostgres(_db: NodePgDatabase, _pool: pg.Pool): ExportsStore {
  return {};
}
