/** Bearer-token middleware: a live token or a 401, before anything else is read. */
import { createMiddleware } from 'hono/factory';
import type { Store } from '../../db/store.ts';
import { errorJson } from '../middleware/errors.ts';
import type { Principal } from './scope.ts';
import { verifyBearer } from './tokens.ts';

export type AuthEnv = { Variables: { principal: Principal } };

export function requireBearer(store: Store) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const record = await verifyBearer(store, c.req.header('authorization'));
    if (!record) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorJson(c, 401, 'unauthorized', 'A valid bearer token is required');
    }
    c.set('principal', { kind: 'token', id: record.id, role: record.role, scopes: record.scopes });
    await next();
  });
}
