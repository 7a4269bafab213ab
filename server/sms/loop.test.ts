/** The server itself runs the SMS loop and the spool's replay: started with `fft serve`'s startServer, stopped with it. */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ORG } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { loadConfig } from '../config.ts';
import { startServer } from '../main.ts';
import { createLogger } from '../logger.ts';
import { phoneHash } from './keyed-hash.ts';
import { createInboundSpool } from './spool.ts';

let db: TestDb;
let store: Store;
// FFT_SECRET: at least 32 characters, or the service will not start.
const SECRET = 'loop-test-secret-0123456789abcdef';

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
    const hash = phoneHash(SECRET, '+447700900777');
    const id = crypto.randomUUID();
    await store.createSmsInvitations(
      [{ id, unitCode: 'W1', phone: '+447700900777', phoneHash: hash, question: 'fft-2020', language: 'en', visitDate: past.slice(0, 10), sendAt: '2099-01-01T09:00:00.000Z', createdAt: past, eraseAfter: past }],
      { throttleSince: past },
    );
    const server = await startServer(loadConfig({ FFT_DB: db.target, FFT_SECRET: SECRET, PORT: '0' }), { port: 0, host: '127.0.0.1' });
    try {
      await vi.waitFor(async () => expect(await store.getSmsInvitation(id)).toMatchObject({ phone: null, status: 'closed', phoneHash: hash }), { timeout: 10_000, interval: 50 });
    } finally {
      await server.stop();
    }
  });

  it('applies the texts a previous run spooled, and says not ready while the disk is short of the free space set', async () => {
    const spoolDir = mkdtempSync(join(tmpdir(), 'fft-loop-spool-'));
    const phone = '+447700900778';
    const id = crypto.randomUUID();
    const now = new Date().toISOString();
    await store.createSmsInvitations(
      [{ id, unitCode: 'W1', phone, phoneHash: phoneHash(SECRET, phone), question: 'fft-2020', language: 'en', visitDate: now.slice(0, 10), sendAt: now, createdAt: now, eraseAfter: '2099-01-01T00:00:00.000Z' }],
      { throttleSince: now },
    );
    await store.claimDueSmsInvitations({ now, leaseUntil: now, limit: 10 });
    await store.recordSmsSend(id, { kind: 'sent', at: now, provider: 'twilio', providerMessageId: 'SMloop-invitation' });
    await createInboundSpool({ dir: spoolDir, clock: () => new Date(), logger: createLogger('silent') }).append({ provider: 'twilio', providerMessageId: 'SMloop-1', from: phone, to: '+447700900999', text: '1', receivedAt: new Date() });
    const server = await startServer(loadConfig({ FFT_DB: db.target, FFT_SECRET: SECRET, PORT: '0', FFT_ANALYSIS_THREAD: '0', FFT_SPOOL_DIR: spoolDir, FFT_MIN_FREE_MB: String(2 ** 40) }), { port: 0, host: '127.0.0.1' });
    try {
      // Committed first, and only then removed from the spool.
      await vi.waitFor(async () => expect(readdirSync(spoolDir)).toEqual([]), { timeout: 10_000, interval: 50 });
      expect(await store.getSmsInvitation(id)).toMatchObject({ conversation: 'awaiting-comment' });
      const ready = await fetch(`http://127.0.0.1:${server.port}/readyz`);
      expect(ready.status).toBe(503);
      expect(((await ready.json()) as any).error.issues.map((i: { path: string }) => i.path)).toEqual(['database', 'spool']);
    } finally {
      await server.stop();
      rmSync(spoolDir, { recursive: true, force: true });
    }
  });
});
