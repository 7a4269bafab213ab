/** The sms store methods on PostgreSQL (see `sms-store.ts`). */
import type pg from 'pg';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import type { SmsStore } from './sms-store.ts';

export function smsPostgres(_db: NodePgDatabase, _pool: pg.Pool): SmsStore {
  return {};
}
