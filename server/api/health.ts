/** Liveness and readiness for load balancers and orchestrators. */
import { Hono } from 'hono';
import type { Store } from '../../db/store.ts';
import { errorJson } from '../middleware/errors.ts';

export function healthRoutes({ store }: { store: Store }) {
  const app = new Hono();
  // Constant on purpose: it is also the baseline `bench/ingest` compares ingestion with.
  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    try {
      await store.ping();
      return c.json({ status: 'ready', database: store.dialect });
    } catch {
      return errorJson(c, 503, 'database_unavailable', 'The database is not reachable');
    }
  });
  return app;
}
