/** Test support: an app on a fresh store with the test org and a token for each role. */
import { ORG } from '../db/store.contract.ts';
import { tempSqlite, type TestDb } from '../db/testing.ts';
import type { Store } from '../db/store.ts';
import { createApp } from './app.ts';
import { issueToken } from './auth/tokens.ts';
import { fixedClock } from './clock.ts';
import { TEST_PASSWORD_COST } from './web/testing.ts';
import type { ScryptCost } from './auth/passwords.ts';
import type { Logger } from './logger.ts';
import type { SmsOptions } from './sms/routes.ts';

export const TEST_NOW = '2026-11-22T10:00:00.000Z';

/**
 * `publicUrl` and `sessionMaxHours` as their FFT_ variables would set them; passwords hashed at
 * `TEST_PASSWORD_COST` unless `passwordCost` says otherwise (the service's own, to test it);
 * `logger` to see what the app logs (silent otherwise); `sms` for the SMS channel's webhook secrets.
 */
export async function testApp(options: { db?: TestDb; publicUrl?: string; sessionMaxHours?: number; passwordCost?: ScryptCost; logger?: Logger; sms?: SmsOptions } = {}) {
  const db = options.db ?? tempSqlite();
  const store: Store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
  const clock = fixedClock(TEST_NOW);
  const { app, writer, alerts, comments, sessions } = createApp({ store, clock, alertDelayMs: 60_000, publicUrl: options.publicUrl, sessionMaxHours: options.sessionMaxHours, passwordCost: options.passwordCost ?? TEST_PASSWORD_COST, logger: options.logger, sms: options.sms });
  const tokens = {
    kiosk: (await issueToken(store, clock, { role: 'kiosk', scopes: ['unit:W1'] })).token,
    integration: (await issueToken(store, clock, { role: 'integration' })).token,
    scopedIntegration: (await issueToken(store, clock, { role: 'integration', scopes: ['site:RAA02'] })).token,
    matron: (await issueToken(store, clock, { role: 'matron', scopes: ['unit:W1'] })).token,
    commissioner: (await issueToken(store, clock, { role: 'commissioner', scopes: ['trust:RAA'] })).token,
    otherCommissioner: (await issueToken(store, clock, { role: 'commissioner', scopes: ['trust:RBB'] })).token,
    admin: (await issueToken(store, clock, { role: 'admin' })).token,
  };

  /** Stores answers for a unit on a London day (at noon UTC), as an integration would send them. */
  async function give(unit: string, day: string, answers: number[], extra: Record<string, unknown> = {}) {
    if (answers.length === 0) return;
    const res = await post({ responses: answers.map((answer) => ({ unit, answer, channel: 'kiosk', answeredAt: `${day}T${day === TEST_NOW.slice(0, 10) ? '09' : '12'}:00:00Z`, ...extra })) });
    if (res.status !== 201) throw new Error(`give failed: ${res.status} ${await res.text()}`);
  }

  /** GETs a path with a token and returns status and JSON. */
  async function get(path: string, token: string | null = tokens.admin) {
    const res = await app.request(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    return { status: res.status, body: (await res.json()) as any };
  }

  async function send(method: string, path: string, body: unknown, token: string | null = tokens.admin) {
    const res = await app.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as any };
  }

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
    alerts,
    comments,
    sessions,
    tokens,
    post,
    give,
    get,
    send,
    tableState,
    async cleanup() {
      alerts.stop();
      await writer.drain();
      await comments.flush();
      await store.close();
      await db.cleanup();
    },
  };
}
