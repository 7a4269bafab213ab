/**
 * Migration 0008: a device cookie's count kept from before it has no time of its last wrong
 * password. It is given the time of the migration, as an ISO instant the sweep compares like any
 * other, so the count stands for one more lock window instead of being swept at once.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect } from 'vitest';
import type { TestDb } from './testing.ts';
import { migrationTests, type RawRun } from './migration-testing.ts';

const LOCK_MS = 15 * 60 * 1000;

/** The migration's statements after the column is added: what gives the rows already there their time. */
function backfill(dialect: 'sqlite' | 'pg'): string[] {
  const file = fileURLToPath(new URL(`./migrations/${dialect}/0008_device_lockout_sweep.sql`, import.meta.url));
  return readFileSync(file, 'utf8').split('--> statement-breakpoint').slice(1);
}

/** Runs the backfill over a count as migration 0007 left it, and gives back the time it was given. */
async function check(db: TestDb, run: RawRun) {
  const store = db.open();
  try {
    await store.migrate();
    await store.countDeviceSignInAttempt('from-0007', '2026-01-01T09:00:00.000Z');
    await store.countDeviceSignInAttempt('from-0007', '2026-01-01T09:01:00.000Z');
    await run('UPDATE device_lockouts SET last_failure_at = NULL');
    for (const statement of backfill(db.target.startsWith('postgres') ? 'pg' : 'sqlite')) await run(statement);
    const given = (await run('SELECT last_failure_at FROM device_lockouts'))[0]!.last_failure_at as string | null;
    expect(given).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const at = Date.parse(given!);
    expect(new Date(at).toISOString()).toBe(given);
    const iso = (ms: number) => new Date(ms).toISOString();
    expect(await store.deleteEndedDeviceLockouts(iso(at + LOCK_MS - 1), iso(at - 1))).toBe(0);
    expect(await store.countDeviceSignInAttempt('from-0007', iso(at))).toBe(3);
    expect(await store.deleteEndedDeviceLockouts(iso(at + LOCK_MS), iso(at))).toBe(1);
  } finally {
    await store.close();
  }
}

describe('migration 0008 gives counts already kept a time of their last failure', () => {
  migrationTests(check);
});
