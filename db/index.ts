/** Opens the store named by `FFT_DB`: a `postgres://` URL, or else a SQLite file path. */
import { openPostgres } from './postgres.ts';
import { openSqlite } from './sqlite.ts';
import { withReadCache } from './cache.ts';
import type { Store } from './store.ts';

export type { Store } from './store.ts';

export interface OpenOptions {
  sqliteSynchronous?: 'NORMAL' | 'FULL';
  /** SQLite: write responses on their own thread (the server does; tests and the CLI need not). */
  sqliteWriterThread?: boolean;
}

/** Whether FFT_DB names a PostgreSQL database (else it is a SQLite file). */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

export function openStore(target: string, options: OpenOptions = {}): Store {
  const store = isPostgresUrl(target) ? openPostgres(target) : openSqlite(target, { synchronous: options.sqliteSynchronous, writerThread: options.sqliteWriterThread });
  return withReadCache(store);
}
