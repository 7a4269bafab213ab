/**
 * Test support for stores: a fresh SQLite file, or a fresh PostgreSQL database per suite.
 * PostgreSQL is required: CI must never pass by skipping it. Only a developer who sets
 * FFT_TEST_PG_URL=off outside CI may leave it out.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openStore } from './index.ts';
import type { Store } from './store.ts';

export const DEFAULT_PG_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function pgTestUrl(): string | null {
  const url = process.env.FFT_TEST_PG_URL ?? DEFAULT_PG_URL;
  if (url === 'off') {
    if (process.env.CI) throw new Error('FFT_TEST_PG_URL=off is not allowed in CI: the PostgreSQL suite is required');
    return null;
  }
  return url;
}

export interface TestDb {
  target: string;
  open(): Store;
  cleanup(): Promise<void>;
}

export function tempSqlite(options: { writerThread?: boolean } = {}): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'fft-test-'));
  const target = join(dir, 'fft.sqlite');
  return { target, open: () => openStore(target, { sqliteWriterThread: options.writerThread }), cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new, empty PostgreSQL database on the test server, dropped by cleanup(). */
export async function tempPostgres(baseUrl: string): Promise<TestDb> {
  const name = `fft_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  const target = url.toString();
  return {
    target,
    open: () => openStore(target),
    async cleanup() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
