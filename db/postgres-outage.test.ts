/**
 * PostgreSQL going away under the server: a connection that ends in the middle of a transaction
 * fails that transaction (a "database unavailable" error, so a 503), and must not take the
 * process down with it; the store goes on once the database answers again.
 */
import pg from 'pg';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORG, response } from './store.contract.ts';
import type { Store } from './store.ts';
import { pgTestUrl, tempPostgres, type TestDb } from './testing.ts';
import { isDatabaseUnavailable } from './unavailable.ts';
import { openPostgres } from './postgres.ts';

const url = pgTestUrl();
let db: TestDb;
let store: Store;
beforeEach(async () => {
  if (!url) return;
  db = await tempPostgres(url);
  store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
});
afterEach(async () => {
  if (!url) return;
  await store.close();
  await db.cleanup();
});

describe.skipIf(!url)('PostgreSQL connection lost', () => {
  it('fails the transaction it cut, keeps the process up, and writes again afterwards', async () => {
    const unhandled: unknown[] = [];
    const onUncaught = (e: unknown) => unhandled.push(e);
    process.on('uncaughtException', onUncaught);
    const other = new pg.Client({ connectionString: db.target });
    await other.connect();
    try {
      // Holds the lock the write path takes inside its transaction, so that transaction waits there.
      await other.query('BEGIN');
      await other.query('LOCK TABLE rollup_org_monthly IN ACCESS EXCLUSIVE MODE');
      const write = store.insertResponses([response()]).then(
        () => null,
        (e: unknown) => e,
      );
      let pid: number | undefined;
      for (let i = 0; i < 100 && pid === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        const waiting = await other.query("SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()");
        pid = waiting.rows[0]?.pid;
      }
      expect(pid).toBeDefined();
      // What a database restart does to each connection ("terminating connection due to administrator command").
      await other.query('SELECT pg_terminate_backend($1)', [pid]);
      const error = await write;
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error)).toBe(true);
      await other.query('ROLLBACK');
      // The connection's 'error' event comes after the query's failure: give it time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(unhandled).toEqual([]);
      const outcomes = await store.insertResponses([response()]);
      expect(outcomes[0]!.duplicate).toBe(false);
      expect(await store.countResponses()).toBe(1);
      expect(await store.dailyCounts()).toEqual(await store.recountDaily());
    } finally {
      process.off('uncaughtException', onUncaught);
      await other.end();
    }
  });
});

describe('PostgreSQL not answering', () => {
  it('fails a request after the connect timeout (a database-unavailable error, so a 503) instead of holding it for ever', async () => {
    // Accepts the connection and then says nothing, as a hung server or a dropped route would.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const hung = openPostgres(`postgres://postgres@127.0.0.1:${(silent.address() as AddressInfo).port}/fft`, { connectTimeoutMs: 300 });
    try {
      const error = await hung.ping().then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      await hung.close().catch(() => {});
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  }, 20_000);
});
