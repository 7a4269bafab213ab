/** The server itself runs the SMS loop: started with `fft serve`'s startServer, stopped with it. */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORG } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { phoneHash } from './keyed-hash.ts';

let db: TestDb;
let store: Store;

beforeAll(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
});
afterAll(async () => {
  await store.close();
  await db.cleanup();
});

describe('startServer', () => {
  it('starts the SMS loop, which erases numbers past their retention at once, and stops it on close', async () => {
    const past = new Date(Date.now() - 60_000).toISOString();
    const hash = phoneHash('loop-secret', '+447700900777');
    const id = crypto.randomUUID();
    await store.createSmsInvitations(
      [{ id, unitCode: 'W1', phone: '+447700900777', phoneHash: hash, question: 'fft-2020', language: 'en', visitDate: past.slice(0, 10), sendAt: '2099-01-01T09:00:00.000Z', createdAt: past, eraseAfter: past }],
      { throttleSince: past },
    );
    const server = await startServer(loadConfig({ FFT_DB: db.target, FFT_SECRET: 'loop-secret', PORT: '0' }), { port: 0, host: '127.0.0.1' });
    try {
      await vi.waitFor(async () => expect(await store.getSmsInvitation(id)).toMatchObject({ phone: null, status: 'closed', phoneHash: hash }), { timeout: 10_000, interval: 50 });
    } finally {
      await server.stop();
    }
  });
});
