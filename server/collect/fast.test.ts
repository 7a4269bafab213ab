/**
 * The lean node:http ingestion path must answer exactly as the Hono route does: the same
 * requests are sent to a server with it and one without, each on its own fresh store with the
 * same tokens, and statuses, bodies and the headers clients read are compared.
 */
import { getRequestListener } from '@hono/node-server';
import { createServer, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG } from '../../db/store.contract.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import type { Store } from '../../db/store.ts';
import { createApp, type FftApp } from '../app.ts';
import { hashToken } from '../auth/tokens.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { withFastIngest } from './fast.ts';

const TOKENS = {
  integration: { token: 'fft_test-integration-token-aaaaaaaaaaaaaaaaaaaaaaaaaaa', role: 'integration' as const, scopes: [] },
  kiosk: { token: 'fft_test-kiosk-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb', role: 'kiosk' as const, scopes: ['unit:W1'] },
  matron: { token: 'fft_test-matron-token-ccccccccccccccccccccccccccccccccccc', role: 'matron' as const, scopes: ['unit:W1'] },
};

interface Running {
  db: TestDb;
  store: Store;
  fft: FftApp;
  server: Server;
  url: string;
  /** Requests the Hono app answered. */
  viaApp: string[];
}

async function start(fast: boolean): Promise<Running> {
  const db = tempSqlite();
  const store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  for (const [label, t] of Object.entries(TOKENS)) {
    await store.createToken({ id: `tok-${label}`, role: t.role, scopes: t.scopes, label, createdAt: '2026-11-01T00:00:00.000Z', revokedAt: null, tokenHash: hashToken(t.token) });
  }
  const clock = fixedClock('2026-11-22T10:00:00.000Z');
  const logger = createLogger('silent');
  const fft = createApp({ store, clock, logger, alertDelayMs: 60_000 });
  const viaApp: string[] = [];
  const app = getRequestListener(fft.app.fetch);
  const plain: RequestListener = (req, res) => {
    viaApp.push(`${req.method} ${req.url}`);
    return app(req, res);
  };
  const listener: RequestListener = fast ? withFastIngest({ store, ingest: fft.ingest, logger }, plain) : plain;
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { db, store, fft, server, viaApp, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

async function stop(r: Running) {
  await new Promise<void>((resolve) => r.server.close(() => resolve()));
  r.fft.alerts.stop();
  await r.fft.writer.drain();
  await r.fft.comments.flush();
  await r.store.close();
  await r.db.cleanup();
}

const ID1 = '0193a2b4-0000-7000-8000-000000000001';
const ID2 = '0193a2b4-0000-7000-8000-000000000002';
const ID3 = '0193a2b4-0000-7000-8000-000000000003';
const ID5 = '0193a2b4-0000-7000-8000-000000000005';
const auth = (t: keyof typeof TOKENS) => ({ authorization: `Bearer ${TOKENS[t].token}` });
const json = { 'content-type': 'application/json' };

const CASES: { name: string; headers: Record<string, string>; body: string }[] = [
  { name: 'one new response', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ id: ID1, unit: 'W1', answer: 1, channel: 'kiosk', answeredAt: '2026-11-22T09:00:00Z' }) },
  { name: 'the same again (duplicate)', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ id: ID1, unit: 'W1', answer: 1, channel: 'kiosk', answeredAt: '2026-11-22T09:00:00Z' }) },
  { name: 'a batch', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ responses: [{ id: ID2, unit: 'ED', answer: 2, channel: 'sms' }, { id: ID3, unit: 'DN', answer: 5, channel: 'web', comment: 'Kind 😊' }] }) },
  { name: 'a kiosk for its own unit', headers: { ...json, ...auth('kiosk') }, body: JSON.stringify({ id: '0193a2b4-0000-7000-8000-000000000004', unit: 'W1', answer: 3, channel: 'kiosk' }) },
  { name: 'a kiosk for another unit', headers: { ...json, ...auth('kiosk') }, body: JSON.stringify({ unit: 'ED', answer: 3, channel: 'kiosk' }) },
  { name: 'a role that may not write', headers: { ...json, ...auth('matron') }, body: JSON.stringify({ unit: 'W1', answer: 3, channel: 'kiosk' }) },
  { name: 'an unknown token', headers: { ...json, authorization: 'Bearer fft_nope' }, body: JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk' }) },
  { name: 'a malformed authorization header', headers: { ...json, authorization: 'Basic abc' }, body: '{}' },
  { name: 'not JSON', headers: { ...json, ...auth('integration') }, body: '{"unit": "W1", ' },
  { name: 'not declared JSON', headers: { 'content-type': 'text/plain', ...auth('integration') }, body: '{}' },
  { name: 'too large', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk', comment: 'x'.repeat(1024 * 1024) }) },
  { name: 'an unknown unit', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ unit: 'NOPE', answer: 1, channel: 'kiosk' }) },
  { name: 'an answer the question does not have', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ unit: 'W1', answer: 9, channel: 'kiosk' }) },
  { name: 'fields missing and wrong', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ responses: [{ unit: 'W1', answer: 1, channel: 'kiosk' }, { unit: 'W1', channel: 'pigeon' }] }) },
  { name: 'a future answeredAt', headers: { ...json, ...auth('integration') }, body: JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk', answeredAt: '2027-01-01T00:00:00Z' }) },
  {
    name: 'a tablet whose clock is 20 minutes fast (X-FFT-Sent-At)',
    headers: { ...json, ...auth('kiosk'), 'x-fft-sent-at': '2026-11-22T10:20:00.000Z' },
    body: JSON.stringify({ id: ID5, unit: 'W1', answer: 2, channel: 'kiosk', answeredAt: '2026-11-22T10:18:30.000+00:00' }),
  },
  { name: 'an X-FFT-Sent-At that is not a time', headers: { ...json, ...auth('kiosk'), 'x-fft-sent-at': 'yesterday' }, body: JSON.stringify({ unit: 'W1', answer: 2, channel: 'kiosk' }) },
];

describe('the lean ingestion path answers exactly as the Hono route', () => {
  let plain: Running;
  let fast: Running;
  beforeAll(async () => {
    [plain, fast] = await Promise.all([start(false), start(true)]);
  });
  afterAll(async () => {
    await Promise.all([stop(plain), stop(fast)]);
  });

  it.each(CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const send = async (r: Running) => {
      const res = await fetch(`${r.url}/api/v1/responses`, { method: 'POST', headers: c.headers, body: c.body });
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        nosniff: res.headers.get('x-content-type-options'),
        challenge: res.headers.get('www-authenticate'),
        body: await res.json(),
      };
    };
    const a = await send(plain);
    const b = await send(fast);
    expect(b).toEqual(a);
    expect(a.type).toMatch(/^application\/json/);
  });

  it('stored the same rows and rollups both ways', async () => {
    await plain.fft.writer.drain();
    await fast.fft.writer.drain();
    expect(await fast.store.countResponses()).toBe(5);
    // Every one of them took the lean path on the fast server, and the app on the other.
    expect(fast.viaApp).toEqual([]);
    expect(plain.viaApp).toHaveLength(CASES.length);
    expect(await fast.store.dailyCounts()).toEqual(await plain.store.dailyCounts());
    for (const id of [ID1, ID2, ID3, ID5]) expect(await fast.store.getResponse(id)).toEqual(await plain.store.getResponse(id));
    expect(await fast.store.getResponse(ID5)).toMatchObject({ answeredAt: '2026-11-22T09:58:30.000+00:00', answeredDay: '2026-11-22' });
  });

  it('leaves every other request to the app (GET, other paths, session cookies)', async () => {
    const health = await fetch(`${fast.url}/healthz`);
    expect(health.status).toBe(200);
    const noAuth = await fetch(`${fast.url}/api/v1/responses`, { method: 'POST', headers: json, body: '{}' });
    expect(noAuth.status).toBe(401);
    const get = await fetch(`${fast.url}/api/v1/responses`, { headers: auth('integration') });
    expect(get.status).toBe(404);
    expect(fast.viaApp).toEqual(['GET /healthz', 'POST /api/v1/responses', 'GET /api/v1/responses']);
  });
});
