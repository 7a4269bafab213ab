/** `GET` / `PUT /api/v1/settings`: service-wide settings (admin only), e.g. the gaming guard. */
import { Hono } from 'hono';
import type { Store } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import type { Clock } from '../clock.ts';
import { ApiError, zodIssues } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import { audit } from '../audit.ts';
import { serviceSettings, type Settings } from '../settings.ts';

export function settingsRoutes({ store, clock, settings }: { store: Store; clock: Clock; settings: Settings }) {
  const app = new Hono<AuthEnv>();
  const adminOnly = (role: string) => {
    if (role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin may see or change settings');
  };
  app.get('/settings', async (c) => {
    adminOnly(c.get('principal').role);
    return c.json(await settings.get());
  });
  app.put('/settings', async (c) => {
    adminOnly(c.get('principal').role);
    const parsed = serviceSettings.partial().safeParse(await readJson(c, 16 * 1024));
    if (!parsed.success) throw new ApiError(400, 'invalid_settings', 'The settings were not accepted', zodIssues(parsed.error));
    const value = await settings.set(parsed.data);
    await audit(store, clock, c.get('principal'), 'settings.update', 'service', parsed.data);
    return c.json(value);
  });
  return app;
}
