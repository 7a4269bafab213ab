/**
 * A real server for browser tests: a fresh SQLite database with the test organisation, an
 * admin token, and `fft serve` on a fixed loopback port, so that it can be killed and started
 * again at the same origin (the tablet's service worker and IndexedDB belong to the origin).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../db/index.ts';
import { ORG } from '../../db/store.contract.ts';
import type { Store } from '../../db/store.ts';
import { issueToken } from '../../server/auth/tokens.ts';
import { systemClock } from '../../server/clock.ts';
import { startServerProcess, type RunningServer } from '../../bench/lib/server.ts';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface E2eServer {
  url: string;
  adminToken: string;
  /** A store on the same database, for checking what arrived. */
  store: Store;
  kill9(): Promise<void>;
  start(): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eServer(): Promise<E2eServer> {
  const dir = mkdtempSync(join(tmpdir(), 'fft-e2e-'));
  const path = join(dir, 'fft.sqlite');
  const store = openStore(path);
  await store.migrate();
  await store.upsertOrg(ORG);
  const { token: adminToken } = await issueToken(store, systemClock, { role: 'admin', label: 'e2e' });
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const env = { FFT_DB: path, FFT_PUBLIC_URL: url, FFT_SECRET: 'e2e-test-secret-0123456789abcdef' };
  let server: RunningServer | null = await startServerProcess(env, { port });
  return {
    url,
    adminToken,
    store,
    async kill9() {
      await server?.kill9();
      server = null;
    },
    async start() {
      server = await startServerProcess(env, { port });
    },
    async close() {
      await server?.stop();
      server = null;
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates a kiosk for a unit through the admin API and returns its pairing code and link. */
export async function createKiosk(server: E2eServer, unit: string): Promise<{ id: string; code: string; link: string }> {
  const res = await fetch(`${server.url}/api/v1/kiosks`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify({ unit }),
  });
  if (res.status !== 201) throw new Error(`kiosk create failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { kiosk: { id: string }; pairingCode: string; link: string };
  return { id: body.kiosk.id, code: body.pairingCode, link: body.link };
}
