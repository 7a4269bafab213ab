/**
 * While the database is unavailable (SQLite locked by another process or its disk full,
 * PostgreSQL stopped), a client gets 503 and a browser a page, never a 500 for something it sent;
 * a patient's web form comes back with the answer still in it.
 */
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFastIngest } from './collect/fast.ts';
import { createLogger } from './logger.ts';
import { testApp } from './testing.ts';
import { createIngest } from './collect/index.ts';
import { createResponseWriter } from '../db/group-commit.ts';
import { createSettings } from './settings.ts';
import { createBurstGuard } from './collect/burst.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeEach(async () => {
  t = await testApp();
});
afterEach(async () => {
  await t.cleanup();
});

/** What better-sqlite3 throws when another process holds the write lock past the busy timeout. */
const locked = () => Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' });

function lockWrites() {
  t.store.insertResponses = async () => {
    throw locked();
  };
}

describe('database unavailable', () => {
  it('answers an ingestion request 503 database_unavailable with Retry-After, and stores it once it is back', async () => {
    const insert = t.store.insertResponses;
    lockWrites();
    const body = { id: '0196a2b4-1111-7000-8000-000000000001', unit: 'W1', answer: 1, channel: 'kiosk' };
    const res = await t.post(body);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBe('5');
    expect(((await res.json()) as any).error.code).toBe('database_unavailable');
    t.store.insertResponses = insert;
    expect((await t.post(body)).status).toBe(201);
  });

  it('answers 503 on the lean node:http ingestion path too', async () => {
    lockWrites();
    const writer = createResponseWriter(t.store);
    const ingest = createIngest({ store: t.store, writer, clock: t.clock, settings: createSettings(t.store, t.clock), burst: createBurstGuard() });
    const server = createServer(withFastIngest({ store: t.store, ingest, logger: createLogger('silent') }, getRequestListener(t.app.fetch)));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/api/v1/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${t.tokens.integration}` },
        body: JSON.stringify({ unit: 'W1', answer: 1, channel: 'kiosk' }),
      });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(((await res.json()) as any).error.code).toBe('database_unavailable');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('gives the web form back to the patient with their answer and the same id (503), not JSON', async () => {
    const page = await t.app.request('/f/W1');
    const html = await page.text();
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0]!;
    const csrf = /name="csrf" value="([^"]+)"/.exec(html)![1]!;
    const id = /name="id" value="([^"]+)"/.exec(html)![1]!;
    lockWrites();
    const res = await t.app.request('/f/W1', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrf, id, answer: '2', comment: 'Kind nurses' }).toString(),
    });
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const again = await res.text();
    expect(again).toContain('Your answer has not been sent yet');
    expect(again).toContain('Kind nurses');
    expect(again).toMatch(/value="2"[^>]*checked/);
    expect(again).toContain(`name="id" value="${id}"`);
  });

  it('shows a browser a page saying so when a page cannot be read, and an API client JSON', async () => {
    t.store.getUnit = async () => {
      throw locked();
    };
    t.store.listUnits = async () => {
      throw locked();
    };
    const page = await t.app.request('/f/W1', { headers: { accept: 'text/html,application/xhtml+xml' } });
    expect(page.status).toBe(503);
    const html = await page.text();
    expect(html).toContain('Sorry, there is a problem with the service');
    expect(html).not.toContain('SQLITE');
    const api = await t.app.request('/api/v1/scores/today?level=trust&code=RAA', { headers: { authorization: `Bearer ${t.tokens.admin}`, accept: 'text/html' } });
    expect(api.status).toBe(503);
    expect(((await api.json()) as any).error.code).toBe('database_unavailable');
  });
});
