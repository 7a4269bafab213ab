/**
 * API authentication: a live bearer token, or else a staff member's session cookie (the web
 * pages call the same API). A session-authenticated request that changes anything must also
 * carry the page's CSRF token in `X-CSRF-Token`, and none may come from another site
 * (`Sec-Fetch-Site`). Anything else is a 401 before the body is read.
 */
import { createMiddleware } from 'hono/factory';
import type { Store } from '../../db/store.ts';
import type { Clock } from '../clock.ts';
import { errorJson } from '../middleware/errors.ts';
import { csrfValid } from '../pages/csrf.ts';
import { currentUser, principalOf } from '../web/session.ts';
import type { Principal } from './scope.ts';
import { verifyBearer } from './tokens.ts';

export type AuthEnv = { Variables: { principal: Principal } };

export const CSRF_HEADER = 'x-csrf-token';

export function requireBearer(store: Store, sessions?: { clock: Clock; secret: string; sessionMaxMs: number }) {
  return createMiddleware<AuthEnv>(async (c, next) => {
    const header = c.req.header('authorization');
    if (header === undefined && sessions) {
      const signedIn = await currentUser(c, { store, ...sessions });
      if (signedIn) {
        // The API takes a session only from this site's own pages: another site's link or form
        // (the cookie is SameSite=Lax, so a top-level GET carries it) must not act as the user,
        // e.g. add an export to her log.
        const site = c.req.header('sec-fetch-site');
        if (site === 'cross-site' || site === 'same-site') {
          return errorJson(c, 403, 'cross_site', 'The API accepts a signed-in session only from this site’s own pages');
        }
        const method = c.req.method;
        if (method !== 'GET' && method !== 'HEAD' && !csrfValid(c, sessions.secret, c.req.header(CSRF_HEADER))) {
          return errorJson(c, 403, 'csrf', 'This request needs the page’s CSRF token in the X-CSRF-Token header');
        }
        c.set('principal', principalOf(signedIn.user));
        await next();
        // As for the staff pages: what a signed-in browser reads (comments too) is not kept.
        if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
        return;
      }
    }
    const record = await verifyBearer(store, header);
    if (!record) {
      c.header('WWW-Authenticate', 'Bearer');
      return errorJson(c, 401, 'unauthorized', 'A valid bearer token is required');
    }
    c.set('principal', { kind: 'token', id: record.id, role: record.role, scopes: record.scopes });
    await next();
  });
}
