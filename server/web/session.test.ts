import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import type { Store } from '../../db/store.ts';
import { fixedClock } from '../clock.ts';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { startServer } from '../main.ts';
import { sessionSweeper } from './session.ts';
import { LOCK_MS } from './signin.tsx';

const HOUR = 3600_000;

let db: TestDb;
let store: Store;
let userId: string;
beforeEach(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  userId = uuidv7();
  await store.createUser({ id: userId, email: 'matron@nhs.test', role: 'matron', scopes: ['unit:W1'], passwordHash: 'scrypt$x', active: true, failedSignIns: 0, lockedUntil: null, createdAt: '2026-11-01T09:00:00.000Z' });
});
afterEach(async () => {
  vi.useRealTimers();
  await store.close();
  await db.cleanup();
});

/** A session signed in at `at`, last seen then, so idle from 12 hours later. */
async function sessionFrom(at: Date): Promise<string> {
  const idHash = uuidv7();
  await store.createSession({ idHash, userId, createdAt: at.toISOString(), lastSeenAt: at.toISOString(), expiresAt: new Date(at.getTime() + 12 * HOUR).toISOString() });
  return idHash;
}

describe('FFT_SESSION_MAX_HOURS', () => {
  it('is 12 hours unless set, and takes whole or part hours up to a week', () => {
    expect(loadConfig({}).sessionMaxHours).toBe(12);
    expect(loadConfig({ FFT_SESSION_MAX_HOURS: '' }).sessionMaxHours).toBe(12);
    expect(loadConfig({ FFT_SESSION_MAX_HOURS: '8.5' }).sessionMaxHours).toBe(8.5);
    expect(loadConfig({ FFT_SESSION_MAX_HOURS: ' 168 ' }).sessionMaxHours).toBe(168);
  });

  it('stops start-up with a message naming it when it is not a number of hours the service can use', () => {
    for (const value of ['twelve', '12h', '0', '-4', '1e3', '0x10', 'Infinity', '169', '720']) {
      expect(() => loadConfig({ FFT_SESSION_MAX_HOURS: value }), value).toThrow(`FFT_SESSION_MAX_HOURS must be a number of hours above 0 and at most 168 (e.g. 12 or 8.5), not "${value}"`);
    }
  });
});

describe('the session sweep', () => {
  it('deletes ended sessions when started and every interval after, until stopped', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const clock = fixedClock('2026-11-22T10:00:00.000Z');
    const sweeper = sessionSweeper({ store, clock, logger: createLogger('silent'), sessionMaxMs: 12 * HOUR, lockMs: LOCK_MS });
    const idle = await sessionFrom(new Date(clock().getTime() - 13 * HOUR));
    const live = await sessionFrom(clock());
    sweeper.start(HOUR);
    await vi.waitFor(async () => expect(await store.findSession(idle)).toBeUndefined());
    expect(await store.findSession(live)).toBeDefined();

    clock.advance(12 * HOUR);
    await vi.advanceTimersByTimeAsync(HOUR);
    await vi.waitFor(async () => expect(await store.findSession(live)).toBeUndefined());

    await sweeper.stop();
    const later = await sessionFrom(clock());
    clock.advance(13 * HOUR);
    await vi.advanceTimersByTimeAsync(2 * HOUR);
    expect(await store.findSession(later)).toBeDefined();
  });

  it('deletes device cookies’ sign-in counts once no lock is left and no wrong password is within the lock window', async () => {
    const clock = fixedClock('2026-11-22T10:00:00.000Z');
    const sweeper = sessionSweeper({ store, clock, logger: createLogger('silent'), sessionMaxMs: 12 * HOUR, lockMs: LOCK_MS });
    const minutesAgo = (minutes: number) => new Date(clock().getTime() - minutes * 60_000).toISOString();
    await store.countDeviceSignInAttempt('stale', minutesAgo(16));
    // Four wrong guesses from a stolen cookie, the last a minute ago: one more locks it.
    for (const minutes of [20, 10, 5, 1]) await store.countDeviceSignInAttempt('guessing', minutesAgo(minutes));
    await store.countDeviceSignInAttempt('locked', minutesAgo(15));
    await store.lockDevice('locked', minutesAgo(-1));
    expect(await sweeper.sweep()).toEqual({ sessions: 0, deviceLockouts: 1 });
    expect(await store.countDeviceSignInAttempt('stale', clock().toISOString())).toBe(1);
    expect(await store.countDeviceSignInAttempt('guessing', clock().toISOString())).toBe(5);
    expect(await store.countDeviceSignInAttempt('locked', clock().toISOString())).toBeUndefined();

    clock.advance(LOCK_MS);
    expect(await sweeper.sweep()).toEqual({ sessions: 0, deviceLockouts: 3 });
  });

  it('is started by the server', async () => {
    const ended = await sessionFrom(new Date(Date.now() - 13 * HOUR));
    const server = await startServer(loadConfig({ FFT_DB: db.target, PORT: '0', FFT_ANALYSIS_THREAD: '0' }), { port: 0, host: '127.0.0.1' });
    try {
      await vi.waitFor(async () => expect(await store.findSession(ended)).toBeUndefined(), { timeout: 10_000, interval: 50 });
    } finally {
      await server.stop();
    }
  });
});
