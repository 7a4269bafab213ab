/**
 * `fft serve` stopping (SIGTERM) while a client keeps sending on a keep-alive connection: every
 * request it sent is answered, the last with `Connection: close`, and the next finds the port
 * closed — no request is cut off without an answer, and the server does not wait for the client
 * to stop before it can exit.
 */
import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../db/store.contract.ts';
import { tempSqlite, type TestDb } from '../db/testing.ts';
import { issueToken } from './auth/tokens.ts';
import { loadConfig } from './config.ts';
import { startServer } from './main.ts';

let db: TestDb;
let token: string;
beforeAll(async () => {
  db = tempSqlite();
  const store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  token = (await issueToken(store, () => new Date(), { role: 'integration', label: 'shutdown test' })).token;
  await store.close();
});
afterAll(async () => {
  await db.cleanup();
});

/** One POST; `beforeRest` runs once its headers and half its body are with the server. */
function post(port: number, agent: Agent, body: string, beforeRest?: () => Promise<void>) {
  return new Promise<{ status: number; connection: string | undefined; id: string }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/v1/responses', method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, connection: res.headers.connection, id: (JSON.parse(Buffer.concat(chunks).toString()) as { id: string }).id }));
    });
    req.on('error', reject);
    if (!beforeRest) return void req.end(body);
    req.write(body.slice(0, 10));
    void beforeRest().then(() => req.end(body.slice(10)));
  });
}

describe('stopping the server', () => {
  it('answers every request a keep-alive client sent, closes its connection, and stops while the client is still sending', async () => {
    const server = await startServer(loadConfig({ FFT_DB: db.target, FFT_SECRET: 'shutdown-test-secret-0123456789abcdef', PORT: '0', FFT_ANALYSIS_THREAD: '0' }), { port: 0, host: '127.0.0.1' });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const answered: string[] = [];
    const statuses = new Set<number>();
    let closeSeen = false;
    let ending: Error | undefined;
    let stopped: Promise<void> | undefined;
    let stopReturned = false;
    for (let i = 0; i < 5000; i++) {
      // The 21st request is part-way in when the server is told to stop (as SIGTERM would).
      const stopNow = i === 20 ? async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        stopped = server.stop().then(() => void (stopReturned = true));
      } : undefined;
      try {
        const res = await post(server.port, agent, JSON.stringify({ id: crypto.randomUUID(), unit: 'W1', answer: 1, channel: 'kiosk' }), stopNow);
        statuses.add(res.status);
        answered.push(res.id);
        if (res.connection === 'close') closeSeen = true;
      } catch (e) {
        ending = e as Error;
        break;
      }
    }
    agent.destroy();
    await stopped;
    expect([...statuses]).toEqual([201]);
    expect(closeSeen).toBe(true);
    // The client found the port closed: it was not cut off mid-request, and the server did not wait for it.
    expect((ending as NodeJS.ErrnoException | undefined)?.code).toBe('ECONNREFUSED');
    expect(answered.length).toBeLessThan(5000);
    expect(stopReturned).toBe(true);
    const store = db.open();
    try {
      for (const id of answered) expect(await store.getResponse(id), id).toBeDefined();
    } finally {
      await store.close();
    }
  }, 60_000);
});
