/**
 * Staff sessions: a random id in an HttpOnly, SameSite=Lax cookie (Secure, with the `__Host-`
 * prefix, when the service is reached over HTTPS); only its SHA-256 is stored. Sessions slide:
 * each request seen at least a minute after the last pushes the expiry on, so the ward-office
 * screen stays signed in while it is in use and a forgotten one ends after `IDLE_MS`.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Store, UserRecord } from '../../db/store.ts';
import type { Principal } from '../auth/scope.ts';
import type { Clock } from '../clock.ts';

export const IDLE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;

export function isSecure(c: Context): boolean {
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function sessionCookieName(c: Context): string {
  return isSecure(c) ? '__Host-fft_session' : 'fft_session';
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export async function startSession(c: Context, store: Store, clock: Clock, user: UserRecord): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  const now = clock();
  await store.createSession({
    idHash: hashSessionId(id),
    userId: user.id,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + IDLE_MS).toISOString(),
  });
  setCookie(c, sessionCookieName(c), id, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/' });
}

/** The signed-in user, or undefined (no cookie, unknown, expired, or the user deactivated). */
export async function currentUser(c: Context, store: Store, clock: Clock): Promise<{ user: UserRecord; idHash: string } | undefined> {
  const id = getCookie(c, sessionCookieName(c));
  if (!id || id.length > 100) return undefined;
  const idHash = hashSessionId(id);
  const found = await store.findSession(idHash);
  if (!found) return undefined;
  const now = clock();
  if (Date.parse(found.session.expiresAt) <= now.getTime() || !found.user.active) {
    await store.deleteSession(idHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(found.session.lastSeenAt) >= TOUCH_EVERY_MS) {
    await store.touchSession(idHash, now.toISOString(), new Date(now.getTime() + IDLE_MS).toISOString());
  }
  return { user: found.user, idHash };
}

export async function endSession(c: Context, store: Store): Promise<void> {
  const name = sessionCookieName(c);
  const id = getCookie(c, name);
  if (id) await store.deleteSession(hashSessionId(id));
  deleteCookie(c, name, { path: '/', secure: isSecure(c) });
}

/** Who a signed-in user is, for role and scope checks. */
export function principalOf(user: UserRecord): Principal {
  return { kind: 'user', id: user.id, role: user.role, scopes: user.scopes };
}
