/** `PUT /api/v1/eligible` and `GET /api/v1/eligible`: the response-rate denominators. */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import { unitInScope } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import type { Clock } from '../clock.ts';
import { ApiError, zodIssues, type Issue } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import { resolveNode } from '../reads/node.ts';
import { eligibleItem, latestEligibleMonth, month, repeatedUnitMonths } from '../org/eligible.ts';
import { audit } from '../audit.ts';
import { nodeQuery, parseQuery } from './query.ts';

const batch = z.strictObject({ items: z.array(eligibleItem).min(1).max(10_000) });

export function eligibleRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new Hono<AuthEnv>();

  app.put('/eligible', async (c) => {
    const principal = c.get('principal');
    if (principal.role !== 'admin' && principal.role !== 'integration') throw new ApiError(403, 'forbidden', 'Only an admin or an integration may set eligible counts');
    const raw = await readJson(c, 1024 * 1024);
    // Read by its shape, as POST /responses reads a batch: a union of the two would answer a
    // field of the wrong type ("eligible": "70") or left out with "Invalid input" for the whole body.
    const isBatch = typeof raw === 'object' && raw !== null && !Array.isArray(raw) && 'items' in raw;
    const parsed = isBatch ? batch.safeParse(raw) : eligibleItem.safeParse(raw);
    if (!parsed.success) throw new ApiError(400, 'invalid_eligible', 'The eligible counts were not accepted', zodIssues(parsed.error));
    const items = isBatch ? (parsed.data as z.infer<typeof batch>).items : [parsed.data as z.infer<typeof eligibleItem>];
    const prefix = isBatch ? (i: number) => `items.${i}.` : () => '';
    // As the monthly return and trends refuse a month still to come; the current month is allowed.
    const latest = latestEligibleMonth(clock());
    const future: Issue[] = items.flatMap((item, i) => (item.month > latest ? [{ path: `${prefix(i)}month`, message: `${item.month} has not started yet` }] : []));
    if (future.length) throw new ApiError(400, 'invalid_eligible', 'The eligible counts were not accepted', future);
    const repeated: Issue[] = repeatedUnitMonths(items).map(({ index, first }) => ({ path: `${prefix(index)}unit`, message: `${isolate(items[index]!.unit)} ${items[index]!.month} is already at items.${first}` }));
    if (repeated.length) throw new ApiError(400, 'invalid_eligible', 'The eligible counts were not accepted', repeated);
    const units = new Map((await store.listUnits()).map((u) => [u.code, u]));
    const missing: Issue[] = [];
    items.forEach((item, i) => {
      const unit = units.get(item.unit);
      if (!unit || !unitInScope(principal, unit)) missing.push({ path: `${prefix(i)}unit`, message: `no unit ${isolate(item.unit)} that you can set` });
    });
    if (missing.length) throw new ApiError(404, 'unit_not_found', 'Some units were not found; nothing was written', missing);
    await store.setEligible(items.map((i) => ({ unitCode: i.unit, month: i.month, count: i.eligible })), clock().toISOString());
    await audit(store, clock, principal, 'eligible.set', null, { items: items.length });
    return c.json({ updated: items.length });
  });

  app.get('/eligible', async (c) => {
    const q = parseQuery(c, nodeQuery.extend({ from: month, to: month }));
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    const rows = await store.eligibleCounts({ unitCodes: node.units.map((u) => u.code), fromMonth: q.from, toMonth: q.to });
    return c.json({ level: node.level, code: node.code, eligible: rows.map((r) => ({ unit: r.unitCode, month: r.month, eligible: r.count })) });
  });

  return app;
}
