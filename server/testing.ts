/** Test support: an app on a fresh store with the test org and a token for each role. */
import { ORG } from '../db/store.contract.ts';
import { tempSqlite, type TestDb } from '../db/testing.ts';
import type { Store } from '../db/store.ts';
import { createApp } from './app.ts';
import { issueToken } from './auth/tokens.ts';
import { fixedClock } from './clock.ts';

export const TEST_NOW = '2026-11-22T10:00:00.000Z';

export async function testApp(options: { db?: TestDb } = {}) {
  const db = options.db ?? tempSqlite();
  const store: Store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  const clock = fixedClock(TEST_NOW);
  const { app, writer } = createApp({ store, clock });
  const tokens = {
    kiosk: (await issueToken(store, clock, { role: 'kiosk', scopes: ['unit:W1'] })).token,
    integration: (await issueToken(store, clock, { role: 'integration' })).token,
    scopedIntegration: (await issueToken(store, clock, { role: 'integration', scopes: ['site:RAA02'] })).token,
    matron: (await issueToken(store, clock, { role: 'matron', scopes: ['unit:W1'] })).token,
  };

  /** POSTs a JSON body (or a raw string) to the ingestion endpoint. */
  function post(body: unknown, token: string | null = tokens.integration, headers: Record<string, string> = {}) {
    return app.request('/api/v1/responses', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
  }

  /** A cheap fingerprint of everything ingestion can write. */
  async function tableState() {
    const cells = await store.dailyCounts();
    return { responses: await store.countResponses(), rollup: cells.reduce((s, c) => s + c.count, 0), cells: cells.length };
  }

  return {
    app,
    store,
    clock,
    writer,
    tokens,
    post,
    tableState,
    async cleanup() {
      await writer.drain();
      await store.close();
      await db.cleanup();
    },
  };
}
