/** The staff store methods on PostgreSQL (see `staff-store.ts`). */
import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { StaffStore } from './staff-store.ts';

export function staffPostgres(_db: NodePgDatabase, _pool: pg.Pool): StaffStore {
  return {};
}
