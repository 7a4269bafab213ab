import Database from 'better-sqlite3';
import { describe, expect, it, vi } from 'vitest';
import { SQLITE_CACHE_KIB } from './sqlite.ts';
import { describeStoreContract } from './store.contract.ts';
import { tempSqlite } from './testing.ts';

describeStoreContract('SQLite', async () => tempSqlite());
// As `fft serve` runs it: responses written on their own thread, everything else on this one.
describeStoreContract('SQLite, writer thread', async () => tempSqlite({ writerThread: true }));

describe('the SQLite connection', () => {
  it('keeps a page cache of 2 MB (better-sqlite3 builds SQLite with 16 MB)', async () => {
    const opened = vi.spyOn(Database.prototype, 'pragma');
    const db = tempSqlite();
    try {
      const store = db.open();
      await store.migrate();
      const connection = opened.mock.contexts[0] as Database.Database;
      expect(SQLITE_CACHE_KIB).toBe(2000);
      expect(connection.pragma('cache_size', { simple: true })).toBe(-SQLITE_CACHE_KIB);
      await store.close();
    } finally {
      opened.mockRestore();
      await db.cleanup();
    }
  });
});
