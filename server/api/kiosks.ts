/** Admin API for ward tablets: create (with a pairing code and link), new code, revoke, list. */
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import type { KioskRecord, Store } from '../../db/store.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import { unitInScope } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import type { Clock } from '../clock.ts';
import { ApiError, zodIssues } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import { createKiosk, pairingLink, renewPairing, revokeKiosk, type KioskActor } from '../kiosk/pairing.ts';
import { clientAddress } from '../middleware/rate-limit.ts';
import { CONTROL_CHARACTER } from '../collect/schema.ts';
import { resolveNode } from '../reads/node.ts';
import { nodeQuery, parseQuery } from './query.ts';

const createBody = z.strictObject({
  unit: z.string().trim().min(1).max(64),
  label: z.string().trim().max(100).refine((s) => !CONTROL_CHARACTER.test(s), 'must be on one line, with no line breaks, tabs or other control characters').optional(),
});

/** What an admin sees of a kiosk (never the code's hash). */
export function kioskView(k: KioskRecord) {
  return {
    id: k.id,
    unit: k.unitCode,
    label: k.label,
    status: k.revokedAt ? 'revoked' : k.tokenId ? 'paired' : 'waiting-to-pair',
    pairedAt: k.pairedAt,
    lastSeenAt: k.lastSeenAt,
    unsent: k.unsent,
    revokedAt: k.revokedAt,
    createdAt: k.createdAt,
  };
}

export function kioskAdminRoutes({ store, clock, publicUrl, trustProxy = false }: { store: Store; clock: Clock; publicUrl: string; trustProxy?: boolean }) {
  const app = new Hono<AuthEnv>();
  const by = (c: Context<AuthEnv>): KioskActor => ({ principal: c.get('principal'), address: clientAddress(c, trustProxy) });

  function requireAdmin(role: string) {
    if (role !== 'admin') throw new ApiError(403, 'forbidden', 'Only an admin may manage kiosks');
  }

  async function kioskFor(c: { get(key: 'principal'): AuthEnv['Variables']['principal'] }, id: string) {
    const kiosk = await store.getKiosk(id);
    const unit = kiosk && (await store.getUnit(kiosk.unitCode));
    if (!kiosk || !unit || !unitInScope(c.get('principal'), unit)) throw new ApiError(404, 'not_found', 'No such kiosk');
    return kiosk;
  }

  app.post('/kiosks', async (c) => {
    requireAdmin(c.get('principal').role);
    const parsed = createBody.safeParse(await readJson(c, 4096));
    if (!parsed.success) throw new ApiError(400, 'invalid_kiosk', 'The kiosk was not created', zodIssues(parsed.error));
    const unit = await store.getUnit(parsed.data.unit);
    if (!unit || !unitInScope(c.get('principal'), unit)) throw new ApiError(404, 'unit_not_found', `No unit ${isolate(parsed.data.unit)}`, [{ path: 'unit', message: 'unknown unit' }]);
    // As the admin pages: a closed ward gets no new tablet (ones already paired still send their backlog).
    if (!unit.active) throw new ApiError(409, 'unit_inactive', `Unit ${unit.code} is no longer active`, [{ path: 'unit', message: 'unit is not active' }]);
    const { kiosk, code } = await createKiosk(store, clock, unit, parsed.data.label ?? null, by(c));
    return c.json({ kiosk: kioskView(kiosk), pairingCode: code, link: pairingLink(publicUrl, code), expiresAt: kiosk.pairingExpiresAt }, 201);
  });

  app.post('/kiosks/:id/pairing', async (c) => {
    requireAdmin(c.get('principal').role);
    const kiosk = await kioskFor(c, c.req.param('id'));
    const unit = await store.getUnit(kiosk.unitCode);
    if (!unit?.active) throw new ApiError(409, 'unit_inactive', `Unit ${kiosk.unitCode} is no longer active`, [{ path: 'unit', message: 'unit is not active' }]);
    const code = await renewPairing(store, clock, kiosk, by(c));
    return c.json({ kiosk: kioskView((await store.getKiosk(kiosk.id))!), pairingCode: code, link: pairingLink(publicUrl, code) });
  });

  app.delete('/kiosks/:id', async (c) => {
    requireAdmin(c.get('principal').role);
    const kiosk = await kioskFor(c, c.req.param('id'));
    await revokeKiosk(store, clock, kiosk, by(c));
    return c.json({ kiosk: kioskView((await store.getKiosk(kiosk.id))!) });
  });

  app.get('/kiosks', async (c) => {
    const q = parseQuery(c, nodeQuery);
    const node = await resolveNode(store, c.get('principal'), q.level, q.code, q.setting ?? null);
    return c.json({ kiosks: (await store.listKiosks(node.units.map((u) => u.code))).map(kioskView) });
  });

  return app;
}
