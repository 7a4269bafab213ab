/** Unit settings an admin changes through the API (the admin pages use the same store calls). */
import { Hono } from 'hono';
import { z } from 'zod';
import type { Store } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import type { Clock } from '../clock.ts';
import { ApiError, zodIssues } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import { audit } from '../audit.ts';
import { isolate } from '../bidi.ts';

// Above 0: a threshold of 0 would flag every day, and the alert check refuses it, which stopped
// every alert for the unit (SPC ones too). Below 1: a day alerts only above its threshold, so 1
// would never alert. null goes back to the service's default.
const settings = z.strictObject({ negativeThreshold: z.number().gt(0).lt(1).nullable() });

export function unitRoutes({ store, clock }: { store: Store; clock: Clock }) {
  const app = new Hono<AuthEnv>();
  app.patch('/units/:code', async (c) => {
    const principal = c.get('principal');
    if (principal.role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin may change unit settings');
    const parsed = settings.safeParse(await readJson(c, 64 * 1024));
    if (!parsed.success) throw new ApiError(400, 'invalid_settings', 'The settings were not accepted', zodIssues(parsed.error));
    const code = c.req.param('code');
    if (!(await store.setUnitThreshold(code, parsed.data.negativeThreshold))) throw new ApiError(404, 'unit_not_found', `No unit with code ${isolate(code)}`);
    await audit(store, clock, principal, 'unit.settings', code, parsed.data);
    return c.json(await store.getUnit(code));
  });
  return app;
}
