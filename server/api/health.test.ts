import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempSqlite, type TestDb } from '../../db/testing.ts';
import type { Store } from '../../db/store.ts';
import { createApp } from '../app.ts';
import { createLogger } from '../logger.ts';
import { MIN_FREE_BYTES, type DiskCheck } from './health.ts';

let db: TestDb;
let store: Store;
let root: string;
beforeAll(async () => {
  db = tempSqlite();
  store = db.open();
  await store.migrate();
  root = mkdtempSync(join(tmpdir(), 'fft-health-'));
});
afterAll(async () => {
  await store.close();
  await db.cleanup();
  rmSync(root, { recursive: true, force: true });
});

const MIB = 1024 * 1024;

async function readyz(disk: DiskCheck) {
  const { app, alerts } = createApp({ store, logger: createLogger('silent'), disk });
  alerts.stop();
  const res = await app.request('/readyz');
  return { status: res.status, body: (await res.json()) as any };
}

/** A file system with `free` bytes for the named directories and plenty elsewhere; paths that do not exist are ENOENT. */
function statfsWith(free: Record<string, number>, missing: string[] = []): NonNullable<DiskCheck['statfs']> {
  return async (path) => {
    if (missing.includes(path)) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
    return { bsize: 4096, bavail: BigInt(Math.floor((free[path] ?? 10_000 * MIB) / 4096)) };
  };
}

describe('/readyz and the free disk space', () => {
  it('is ready with room to write, and not (503, naming where) once the database’s or the spool’s volume is nearly full', async () => {
    const paths = { database: '/data/fft.sqlite', spool: '/spool/fft' };
    expect(await readyz({ paths, statfs: statfsWith({ '/data/fft.sqlite': 65 * MIB, '/spool/fft': MIN_FREE_BYTES }) })).toEqual({ status: 200, body: { status: 'ready', database: 'sqlite' } });
    const full = await readyz({ paths, statfs: statfsWith({ '/data/fft.sqlite': 12 * MIB }) });
    expect(full.status).toBe(503);
    expect(full.body.error).toMatchObject({ code: 'disk_full', issues: [{ path: 'database', message: '12 MiB free where the database is written; at least 64 MiB are needed' }] });
    const both = await readyz({ paths, statfs: statfsWith({ '/data/fft.sqlite': 0, '/spool/fft': MIN_FREE_BYTES - 1 }) });
    expect(both.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['database', 'spool']);
  });

  it('measures a spool directory not made yet on the file system it will be made on, and is not ready if that cannot be read', async () => {
    const paths = { spool: '/srv/fft/data/spool' };
    const notYet = statfsWith({ '/srv/fft': 1 * MIB }, ['/srv/fft/data/spool', '/srv/fft/data']);
    expect((await readyz({ paths, statfs: notYet })).body.error.issues).toEqual([{ path: 'spool', message: '1 MiB free where the spool is written; at least 64 MiB are needed' }]);
    const unreadable = async () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect((await readyz({ paths, statfs: unreadable })).body.error.issues).toEqual([{ path: 'spool', message: 'the free space where the spool is written cannot be read' }]);
  });

  it('reads the real file system (fs.statfs), against the threshold given', async () => {
    const paths = { database: db.target, spool: join(root, 'not', 'made', 'yet') };
    expect((await readyz({ paths, minFreeBytes: 0 })).status).toBe(200);
    expect((await readyz({ paths, minFreeBytes: Number.MAX_SAFE_INTEGER })).body.error.issues.map((i: { path: string }) => i.path)).toEqual(['database', 'spool']);
  });
});
