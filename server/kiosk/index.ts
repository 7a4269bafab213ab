/**
 * The ward tablet's side of the server: its static app at /kiosk/, NHS.UK styles at
 * /assets/nhsuk/, and the small API the app uses (pair, config, heartbeat). Answers themselves
 * go through the one write path, `POST /api/v1/responses`, with the device token.
 */
import { Hono } from 'hono';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Store } from '../../db/store.ts';
import { verifyBearer } from '../auth/tokens.ts';
import type { Clock } from '../clock.ts';
import { ApiError, errorJson, zodIssues } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import { staticFolder, withoutRemoteFonts } from '../middleware/static.ts';
import { clientAddress, rateLimit } from '../middleware/rate-limit.ts';
import { pair } from './pairing.ts';
import { publishedYouSaid } from '../api/you-said.ts';
import { londonDay } from '../../analytics/periods.ts';
import { REPO_ROOT } from '../../repo.ts';

export const KIOSK_APP_DIR = join(REPO_ROOT, 'kiosk/app');
export const NHSUK_DIR = join(dirname(createRequire(import.meta.url).resolve('nhsuk-frontend/package.json')), 'dist/nhsuk');
export const PAGES_STATIC_DIR = join(REPO_ROOT, 'server/pages/static');
export const IDLE_SECONDS = 60;

export function kioskRoutes({ store, clock, trustProxy = false }: { store: Store; clock: Clock; trustProxy?: boolean }) {
  const app = new Hono();
  const kioskFiles = staticFolder(KIOSK_APP_DIR, {
    // The app shell and service worker must be revalidated so an update reaches every tablet.
    cacheControl: (path) => (path === 'index.html' || path === 'sw.js' ? 'no-cache' : 'public, max-age=300'),
  });
  const nhsuk = staticFolder(NHSUK_DIR, {
    aliases: { 'nhsuk-frontend.min.css': 'nhsuk-frontend-10.6.1.min.css', 'nhsuk-frontend.min.js': 'nhsuk-frontend-10.6.1.min.js' },
    rewrite: { '.css': withoutRemoteFonts },
  });

  app.get('/assets/nhsuk/*', async (c) => (await nhsuk(c, c.req.path.slice('/assets/nhsuk/'.length))) ?? errorJson(c, 404, 'not_found', 'No such file'));
  // The NHS.UK stylesheet asks for its icons (select arrows, the error cross) at /assets/images/.
  app.get('/assets/images/*', async (c) => (await nhsuk(c, `assets/images/${c.req.path.slice('/assets/images/'.length)}`)) ?? errorJson(c, 404, 'not_found', 'No such file'));
  const pageFiles = staticFolder(PAGES_STATIC_DIR);
  app.get('/static/*', async (c) => (await pageFiles(c, c.req.path.slice('/static/'.length))) ?? errorJson(c, 404, 'not_found', 'No such file'));
  app.get('/kiosk', (c) => c.redirect('/kiosk/', 301));

  const pairBody = z.strictObject({ code: z.string().trim().min(4).max(32) });
  app.post('/kiosk/api/pair', rateLimit({ windowMs: 60_000, max: 10, clock, trustProxy }), async (c) => {
    const parsed = pairBody.safeParse(await readJson(c, 4096));
    if (!parsed.success) throw new ApiError(400, 'invalid_pairing', 'Send the pairing code', zodIssues(parsed.error));
    const paired = await pair(store, clock, parsed.data.code, clientAddress(c, trustProxy));
    if (!paired) throw new ApiError(404, 'pairing_not_found', 'That code is not valid: it may have been used already or have expired. Ask for a new one.', [{ path: 'code', message: 'unknown, used or expired' }]);
    const { unit, token } = paired;
    return c.json({ token, unit: { code: unit.code, name: unit.name, question: unit.question, setting: unit.setting } });
  });

  async function device(authorization: string | undefined) {
    const token = await verifyBearer(store, authorization);
    if (!token || token.role !== 'kiosk') return undefined;
    const kiosk = await store.findKioskByToken(token.id);
    const unitCode = token.scopes[0]?.replace(/^unit:/, '');
    const unit = unitCode ? await store.getUnit(unitCode) : undefined;
    return unit ? { token, kiosk, unit } : undefined;
  }

  app.get('/kiosk/api/config', async (c) => {
    const d = await device(c.req.header('authorization'));
    if (!d) return errorJson(c, 401, 'unauthorized', 'This tablet needs setting up again');
    const youSaid = await publishedYouSaid(store, [d.unit.code], 5);
    return c.json({
      unit: { code: d.unit.code, name: d.unit.name, question: d.unit.question, setting: d.unit.setting, active: d.unit.active },
      // The London day it was done (an update at 00:30 BST is that day, not the UTC day before).
      youSaidWeDid: youSaid.map((y) => ({ youSaid: y.youSaid, weDid: y.weDid, date: londonDay(y.updatedAt) })),
      idleSeconds: IDLE_SECONDS,
    });
  });

  const heartbeat = z.strictObject({ unsent: z.number().int().min(0).max(10_000_000) });
  app.post('/kiosk/api/heartbeat', async (c) => {
    const d = await device(c.req.header('authorization'));
    if (!d) return errorJson(c, 401, 'unauthorized', 'This tablet needs setting up again');
    const parsed = heartbeat.safeParse(await readJson(c, 4096));
    if (!parsed.success) throw new ApiError(400, 'invalid_heartbeat', 'Send {"unsent": n}', zodIssues(parsed.error));
    if (d.kiosk) await store.updateKiosk(d.kiosk.id, { lastSeenAt: clock().toISOString(), unsent: parsed.data.unsent });
    return c.body(null, 204);
  });

  app.get('/kiosk/*', async (c) => (await kioskFiles(c, c.req.path.slice('/kiosk/'.length))) ?? errorJson(c, 404, 'not_found', 'No such file'));
  return app;
}
