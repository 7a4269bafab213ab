/** Liveness and readiness for load balancers and orchestrators. */
import { statfs as fsStatfs } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Hono } from 'hono';
import type { Store } from '../../db/store.ts';
import { errorJson } from '../middleware/errors.ts';

/**
 * Less free space than this where the data is written, and the service is not ready: a SQLite
 * database on a full volume refuses every write, so a load balancer should send the traffic
 * elsewhere before it fails, and the spool must have room for the texts an outage leaves.
 */
export const MIN_FREE_BYTES = 64 * 1024 * 1024;

export interface DiskCheck {
  /** The places written to, by name (`database`: the SQLite file; `spool`: the inbound spool directory). */
  paths: Record<string, string>;
  minFreeBytes?: number;
  /** `fs.statfs`, replaceable in tests (a full disk is not made for real). */
  statfs?: (path: string) => Promise<{ bavail: number | bigint; bsize: number | bigint }>;
}

export function healthRoutes({ store, disk }: { store: Store; disk?: DiskCheck }) {
  const app = new Hono();
  // Constant on purpose: it is also the baseline `bench/ingest` compares ingestion with.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
    } catch {
      return errorJson(c, 503, 'database_unavailable', 'The database is not reachable');
    }
    const short = disk ? await shortOfSpace(disk) : [];
    if (short.length > 0) return errorJson(c, 503, 'disk_full', 'There is too little free disk space to write to', short);
    return c.json({ status: 'ready', database: store.dialect });
  });
  return app;
}

/** One issue per place with less than the minimum free (or whose file system cannot be read). */
async function shortOfSpace({ paths, minFreeBytes = MIN_FREE_BYTES, statfs = fsStatfs }: DiskCheck) {
  const issues: { path: string; message: string }[] = [];
  for (const [name, path] of Object.entries(paths)) {
    try {
      const stats = await nearest(path, statfs);
      // bavail, not bfree: the blocks reserved for root are no use to the service.
      const free = Number(stats.bavail) * Number(stats.bsize);
      if (free < minFreeBytes) issues.push({ path: name, message: `${mib(free)} MiB free where the ${name} is written; at least ${mib(minFreeBytes)} MiB are needed` });
    } catch {
      issues.push({ path: name, message: `the free space where the ${name} is written cannot be read` });
    }
  }
  return issues;
}

/** The file system the path is on, found through its nearest ancestor that exists: the spool directory is made only when first needed. */
async function nearest(path: string, statfs: NonNullable<DiskCheck['statfs']>) {
  for (let p = resolve(path); ; p = dirname(p)) {
    try {
      return await statfs(p);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' || dirname(p) === p) throw err;
    }
  }
}

const mib = (bytes: number) => Math.floor(bytes / (1024 * 1024));
