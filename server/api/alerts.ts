/** `GET /api/v1/alerts` and acknowledging one: what needs the matron's attention. */
import { Hono } from 'hono';
import { z } from 'zod';
import { ALERT_KINDS } from '../../analytics/alerts.ts';
import type { Store } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import type { Clock } from '../clock.ts';
import { ApiError } from '../middleware/errors.ts';
import { mayRead, resolveNode, visibleUnits } from '../reads/node.ts';
import { actorOf, audit } from '../audit.ts';
import { nodeQuery, parseQuery } from './query.ts';

export function alertRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new Hono<AuthEnv>();

  app.get('/alerts', async (c) => {
    const principal = c.get('principal');
    const q = parseQuery(
      c,
      nodeQuery.partial({ level: true, code: true }).extend({
        open: z.enum(['0', '1']).optional(),
        kind: z.enum(ALERT_KINDS).optional(),
        page: z.coerce.number().int().min(1).max(100_000).default(1),
        pageSize: z.coerce.number().int().min(1).max(500).default(200),
      }),
    );
    if ((q.level === undefined) !== (q.code === undefined)) {
      throw new ApiError(400, 'invalid_query', 'level and code go together', [{ path: q.level ? 'code' : 'level', message: 'required with the other' }]);
    }
    const units = q.level && q.code ? (await resolveNode(store, principal, q.level, q.code, q.setting ?? null)).units : await visibleUnits(store, principal);
    const which = { unitCodes: units.map((u) => u.code), openOnly: q.open === '1', kind: q.kind };
    const alerts = await store.listAlerts({ ...which, limit: q.pageSize, offset: (q.page - 1) * q.pageSize });
    // How many there are in all: a caller reading only the first page can tell there are more.
    return c.json({ total: await store.countAlerts(which), page: q.page, pageSize: q.pageSize, alerts });
  });

  app.post('/alerts/:id/acknowledge', async (c) => {
    const principal = c.get('principal');
    const alert = await store.getAlert(c.req.param('id'));
    const unit = alert && (await store.getUnit(alert.unitCode));
    if (!alert || !unit || !mayRead(principal, 'unit', unit)) throw new ApiError(404, 'not_found', 'No such alert');
    if (principal.role !== 'admin' && principal.role !== 'matron') throw new ApiError(403, 'forbidden', 'Only a matron or an admin may acknowledge alerts');
    const done = await store.acknowledgeAlert(alert.id, actorOf(principal), clock().toISOString());
    if (done) await audit(store, clock, principal, 'alert.acknowledge', alert.id);
    return c.json({ ...(await store.getAlert(alert.id)), changed: done });
  });

  return app;
}
