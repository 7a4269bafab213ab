/**
 * Two server processes on one PostgreSQL database, taking the same stream of responses at
 * once (replays included): every response stored once, rollups equal to a recount. This is
 * how a trust scales past one machine.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4 } from 'uuid';
import { ORG } from '../db/store.contract.ts';
import { pgTestUrl, tempPostgres, type TestDb } from '../db/testing.ts';
import type { Store } from '../db/store.ts';
import { startServerProcess, type RunningServer } from '../bench/lib/server.ts';
import { issueToken } from './auth/tokens.ts';
import { systemClock } from './clock.ts';

const baseUrl = pgTestUrl();

if (baseUrl) describe('two servers, one PostgreSQL database', () => {
  let db: TestDb;
  let store: Store;
  let servers: RunningServer[] = [];
  let token: string;

  beforeAll(async () => {
    db = await tempPostgres(baseUrl!);
    // Both start together: migrations must serialise themselves.
    servers = await Promise.all([startServerProcess({ FFT_DB: db.target }), startServerProcess({ FFT_DB: db.target })]);
    store = db.open();
    await store.upsertOrg(ORG);
    token = (await issueToken(store, systemClock, { role: 'integration' })).token;
  });

  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await store?.close();
    await db?.cleanup();
  });

  it('stores every response once and keeps rollups equal to a recount', async () => {
    const ids = Array.from({ length: 300 }, () => uuidv4());
    // Every id is sent three times, to alternating servers, in a shuffled order.
    const sends = ids.flatMap((id, i) => [0, 1, 2].map((k) => ({ id, server: servers[(i + k) % 2]!, answer: (i % 6) + 1, unit: ORG[i % 3]!.unitCode })));
    sends.sort(() => Math.random() - 0.5);
    const statuses = new Map<string, number[]>();
    let next = 0;
    await Promise.all(
      Array.from({ length: 24 }, async () => {
        while (next < sends.length) {
          const s = sends[next++]!;
          const res = await fetch(`${s.server.url}/api/v1/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: JSON.stringify({ id: s.id, unit: s.unit, answer: s.unit === 'DN' ? 2 : s.answer, channel: 'sms' }),
          });
          await res.arrayBuffer();
          statuses.set(s.id, [...(statuses.get(s.id) ?? []), res.status]);
        }
      }),
    );
    for (const id of ids) expect(statuses.get(id)!.sort()).toEqual([200, 200, 201]);
    expect(await store.countResponses()).toBe(ids.length);
    const cells = await store.dailyCounts();
    expect(cells.reduce((s, c) => s + c.count, 0)).toBe(ids.length);
    expect(cells).toEqual(await store.recountDaily());
  });
});

else describe('two servers, one PostgreSQL database', () => it.skip('FFT_TEST_PG_URL=off: left out on this machine', () => {}));
