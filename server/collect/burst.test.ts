import { describe, expect, it } from 'vitest';
import { createBurstGuard } from './burst.ts';
import { newId } from '../ids.ts';
import { testApp } from '../testing.ts';

const rule = { count: 10, seconds: 30 };

describe('burst guard', () => {
  it('flags answers beyond 10 within 30 seconds on one tablet, and nothing slower', () => {
    const guard = createBurstGuard();
    const fast = Array.from({ length: 12 }, (_, i) => 1_000_000 + i * 2000);
    expect(guard.check('tablet-1', fast, rule)).toEqual([...Array(10).fill(false), true, true]);
    const slow = Array.from({ length: 12 }, (_, i) => 5_000_000 + i * 4000);
    expect(guard.check('tablet-2', slow, rule).some(Boolean)).toBe(false);
  });

  it('sees a burst across requests, and in a late batch from an offline outbox', () => {
    const guard = createBurstGuard();
    const flags = Array.from({ length: 12 }, (_, i) => guard.check('tablet-3', [2_000_000 + i * 1000], rule)[0]);
    expect(flags.filter(Boolean)).toHaveLength(2);
    // An hour of answers every 5 minutes, then a burst, all sent at once when Wi-Fi returns.
    const outbox = [...Array.from({ length: 12 }, (_, i) => 9_000_000 + i * 300_000), ...Array.from({ length: 11 }, (_, i) => 20_000_000 + i * 500)];
    const late = guard.check('tablet-4', outbox, rule);
    expect(late.slice(0, 12).some(Boolean)).toBe(false);
    expect(late.slice(12).filter(Boolean).length).toBeGreaterThanOrEqual(1);
  });

  it('keeps tablets apart', () => {
    const guard = createBurstGuard();
    const times = Array.from({ length: 6 }, (_, i) => 3_000_000 + i * 1000);
    expect(guard.check('a', times, rule).some(Boolean)).toBe(false);
    expect(guard.check('b', times, rule).some(Boolean)).toBe(false);
  });
});

describe('flagged answers end to end', () => {
  it('are stored and counted apart, left out of scores by default, and back in when the admin says so', async () => {
    const t = await testApp();
    const responses = Array.from({ length: 12 }, (_, i) => ({ unit: 'W1', answer: 1, channel: 'kiosk', answeredAt: `2026-11-22T09:00:${String(i * 2).padStart(2, '0')}Z` }));
    const res = await t.post({ responses }, t.tokens.kiosk);
    expect(res.status).toBe(201);
    const ids = ((await res.json()) as { results: { id: string }[] }).results.map((r) => r.id);
    expect((await t.store.getResponse(ids[11]!))?.flagged).toBe(true);
    expect((await t.store.getResponse(ids[0]!))?.flagged).toBe(false);
    expect((await t.store.getResponse(ids[0]!))?.deviceId).toEqual(expect.any(String));
    const url = '/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-22&to=2026-11-22';
    expect((await t.get(url, t.tokens.matron)).body.series[0]).toMatchObject({ responses: 10, flagged: 2 });
    expect((await t.get('/api/v1/scores/today?level=unit&code=W1', t.tokens.matron)).body.units[0].today.responses).toBe(10);
    expect((await t.send('PUT', '/api/v1/settings', { excludeFlagged: false }, t.tokens.matron)).status).toBe(403);
    expect((await t.send('PUT', '/api/v1/settings', { excludeFlagged: 'no' })).status).toBe(400);
    expect((await t.send('PUT', '/api/v1/settings', { excludeFlagged: false })).body).toEqual({ excludeFlagged: false, burstCount: 10, burstSeconds: 30, staffNamesInternal: 'keep' });
    expect((await t.get(url, t.tokens.matron)).body.series[0]).toMatchObject({ responses: 12, flagged: 2 });
    expect(await t.store.dailyCounts()).toEqual(await t.store.recountDaily());
    await t.cleanup();
  });

  it('counts a tablet\'s resent answers once: a retry after a lost reply does not flag the next patient', async () => {
    const t = await testApp();
    const at = (s: number) => `2026-11-22T09:00:${String(s).padStart(2, '0')}Z`;
    const six = Array.from({ length: 6 }, (_, i) => ({ id: newId(), unit: 'W1', answer: 1, channel: 'kiosk', answeredAt: at(i * 2) }));
    expect((await t.post({ responses: six }, t.tokens.kiosk)).status).toBe(201);
    // The reply was lost: the outbox sends the same answers again, twice.
    expect((await t.post({ responses: six }, t.tokens.kiosk)).status).toBe(200);
    expect((await t.post({ responses: [...six, six[0]] }, t.tokens.kiosk)).status).toBe(200);
    const next = await t.post({ id: newId(), unit: 'W1', answer: 2, channel: 'kiosk', answeredAt: at(14) }, t.tokens.kiosk);
    expect(next.status).toBe(201);
    const { id } = (await next.json()) as { id: string };
    // Seven answers in 14 seconds: under the limit of 10 in 30.
    expect((await t.store.getResponse(id))?.flagged).toBe(false);
    expect((await t.get('/api/v1/scores?level=unit&code=W1&period=day&from=2026-11-22&to=2026-11-22', t.tokens.matron)).body.series[0]).toMatchObject({ responses: 7, flagged: 0 });
    await t.cleanup();
  });
});
