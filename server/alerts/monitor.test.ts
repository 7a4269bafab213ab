import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ORG, response } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import { fixedClock } from '../clock.ts';
import { createLogger } from '../logger.ts';
import { createAlertMonitor } from './monitor.ts';

// The test clock's yesterday, a whole day: the threshold is judged on it as on today.
const NOW = '2026-11-22T10:00:00.000Z';
const DAY = '2026-11-21';

let db: TestDb;
let store: Store;

beforeEach(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  await store.upsertOrg(ORG);
});

afterEach(async () => {
  await store.close();
  await db.cleanup();
});

/** `negative` very poor answers among `total`, the rest very good, on DAY. */
async function day(unitCode: string, total: number, negative: number) {
  await store.insertResponses(Array.from({ length: total }, (_, i) => response({ unitCode, answer: i < negative ? 5 : 1, answeredAt: `${DAY}T12:00:00.000Z`, answeredDay: DAY, receivedAt: `${DAY}T12:00:01.000Z` })));
}

describe('the % negative threshold alert', () => {
  it('is raised for a day above the threshold, not for one exactly at it', async () => {
    const monitor = createAlertMonitor({ store, clock: fixedClock(NOW), logger: createLogger('error'), defaultThreshold: 0.2 });
    // 10% as an admin types it on the thresholds page (stored as 1000 / 10000).
    await store.setUnitThreshold('W1', 0.1);
    await store.setUnitThreshold('ED', 0.1);
    await day('W1', 10, 1); // 1 of 10: exactly 10%
    await day('ED', 99, 10); // 10 of 99: 10.1%
    expect(await monitor.evaluate('W1')).toEqual([]);
    const raised = await monitor.evaluate('ED');
    expect(raised.map((a) => [a.kind, a.period])).toEqual([['negative-threshold', DAY]]);
    // Whole percentages would read "10%, above the ward's threshold of 10%".
    expect(raised[0]!.reason).toBe(`\u2068Emergency Department\u2069: 10.1% of answers on ${DAY} were negative, above the ward's threshold of 10%`);
    monitor.stop();
  });

  it('names a threshold with a fraction of a percent as it was typed', async () => {
    const monitor = createAlertMonitor({ store, clock: fixedClock(NOW), logger: createLogger('error'), defaultThreshold: 0.2 });
    await store.setUnitThreshold('W1', 0.125);
    await day('W1', 8, 1); // 12.5%: at the threshold
    expect(await monitor.evaluate('W1')).toEqual([]);
    await day('W1', 12, 4); // now 5 of 20: 25%
    const [alert] = await monitor.evaluate('W1');
    expect(alert?.reason).toBe(`\u2068Ward 1\u2069: 25% of answers on ${DAY} were negative, above the ward's threshold of 12.5%`);
    monitor.stop();
  });

  it('shows the day with as many decimals as it takes to read above a threshold of a third or a ninth', async () => {
    const monitor = createAlertMonitor({ store, clock: fixedClock(NOW), logger: createLogger('error'), defaultThreshold: 0.2 });
    // "A third" and "a ninth" as typed (33.33, 11.11): 2 of 6 and 1 of 9 are just above them.
    await store.setUnitThreshold('W1', 0.3333);
    await store.setUnitThreshold('ED', 0.1111);
    await day('W1', 6, 2);
    await day('ED', 9, 1);
    expect((await monitor.evaluate('W1'))[0]?.reason).toBe(`\u2068Ward 1\u2069: 33.333% of answers on ${DAY} were negative, above the ward's threshold of 33.33%`);
    expect((await monitor.evaluate('ED'))[0]?.reason).toBe(`\u2068Emergency Department\u2069: 11.111% of answers on ${DAY} were negative, above the ward's threshold of 11.11%`);
    monitor.stop();
  });
});
