/**
 * What every staff page shares: the signed-in user (from the session cookie), role checks that
 * answer 404 rather than "forbidden" (a matron guessing another ward's URL learns nothing),
 * and CSRF checks on every form POST (the hidden `csrf` field, or `X-CSRF-Token` from page scripts).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { Role } from '../../analytics/fft.ts';
import type { UserRecord } from '../../db/store.ts';
import type { Principal } from '../auth/scope.ts';
import { CSRF_HEADER } from '../auth/bearer.ts';
import { csrfField, csrfValid, CSRF_FIELD } from '../pages/csrf.ts';
import { currentUser, principalOf, type SessionDeps } from './session.ts';
import { NotFoundPage } from './layout.tsx';

export type WebEnv = { Variables: { principal: Principal; user: UserRecord; csrf: string } };

export interface WebDeps extends SessionDeps {
  secret: string;
}

/** Where each role lands after signing in. */
export function homeFor(role: Role): string {
  return role === 'commissioner' ? '/returns' : '/dashboard';
}

/**
 * Only a path on this site (`/…`) may be a post-sign-in destination: not `//host`, not `/\\host`,
 * not `/..//host` (dot segments resolved), and no control characters (a browser drops a tab or
 * newline, which turns `/\t/host` into `//host`).
 */
export function safeNext(next: string | undefined | null): string | null {
  if (!next || next.length > 500 || !next.startsWith('/') || /[\u0000-\u001f\u007f\\]/.test(next)) return null;
  try {
    const base = 'http://fft.invalid';
    const url = new URL(next, base);
    // Dot segments are resolved here: `/..//host` comes out as `//host`, another site again.
    if (url.origin !== base || url.pathname.startsWith('//')) return null;
    return url.pathname + url.search + url.hash;
  } catch {
    return null;
  }
}

/**
 * Pages for signed-in staff with one of `roles`: no session → the sign-in page (coming back
 * here after); a role that may not see the page → 404. Sets `user`, `principal` and `csrf`.
 * Every POST must carry a valid CSRF token.
 */
export function requireStaff(deps: WebDeps, roles: readonly Role[]): MiddlewareHandler<WebEnv> {
  return createMiddleware<WebEnv>(async (c, next) => {
    const signedIn = await currentUser(c, deps);
    if (!signedIn) {
      if (c.req.method !== 'GET') return c.text('Your session has ended: sign in again.', 401);
      const url = new URL(c.req.url);
      return c.redirect(`/signin?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    const { user } = signedIn;
    c.set('user', user);
    c.set('principal', principalOf(user));
    c.set('csrf', csrfField(c, deps.secret));
    if (!roles.includes(user.role)) return notFound(c);
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !(await csrfOk(c, deps.secret))) {
      return c.text('This form has expired: go back, reload the page and try again.', 403);
    }
    await next();
    // Patients' comments, staff emails, tokens: no browser or proxy keeps a copy (the back button
    // on a shared ward computer after signing out), unless the page chose its own caching.
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
}

async function csrfOk(c: Context, secret: string): Promise<boolean> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return csrfValid(c, secret, header);
  const type = c.req.header('content-type') ?? '';
  if (!type.startsWith('application/x-www-form-urlencoded') && !type.startsWith('multipart/form-data')) return false;
  const body = await c.req.parseBody();
  return csrfValid(c, secret, body[CSRF_FIELD]);
}

/** The staff "page not found", for missing things and things this user may not see alike. */
export function notFound(c: Context<WebEnv>) {
  return c.html(NotFoundPage({ user: c.get('user') }), 404);
}
