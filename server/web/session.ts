/**
 * Staff sessions: a random id in an HttpOnly, SameSite=Lax cookie (Secure, with the `__Host-`
 * prefix, when the service is reached over HTTPS); only its SHA-256 is stored. Sessions slide:
 * each request seen at least a minute after the last pushes the expiry on, so the ward-office
 * screen stays signed in while it is in use and a forgotten one ends after `IDLE_MS`. However
 * active, a session ends `sessionMaxMs` after sign-in (FFT_SESSION_MAX_HOURS, a clinical shift by
 * default): a screen left signed in on a ward is not someone else's on the next shift.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { Store, UserRecord } from '../../db/store.ts';
import type { Principal } from '../auth/scope.ts';
import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import { isSecure } from '../middleware/secure-cookies.ts';
import { periodic } from '../periodic.ts';

export const IDLE_MS = 12 * 60 * 60 * 1000;
const TOUCH_EVERY_MS = 60 * 1000;
/** How often sessions past either limit are deleted (those presented are deleted at once anyway). */
export const SWEEP_EVERY_MS = 60 * 60 * 1000;

export interface SessionDeps {
  store: Store;
  clock: Clock;
  /** The longest a session lasts from sign-in, however active. */
  sessionMaxMs: number;
}

export function sessionCookieName(c: Context): string {
  return isSecure(c) ? '__Host-fft_session' : 'fft_session';
}

export function hashSessionId(id: string): string {
  return createHash('sha256').update(id).digest('base64url');
}

export async function startSession(c: Context, deps: SessionDeps, user: UserRecord): Promise<void> {
  const id = randomBytes(32).toString('base64url');
  const now = deps.clock();
  await deps.store.createSession({
    idHash: hashSessionId(id),
    userId: user.id,
    createdAt: now.toISOString(),
    lastSeenAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + IDLE_MS).toISOString(),
  });
  setCookie(c, sessionCookieName(c), id, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/' });
}

/** The signed-in user, or undefined (no cookie, unknown, idle or past its absolute end, or the user deactivated). */
export async function currentUser(c: Context, deps: SessionDeps): Promise<{ user: UserRecord; idHash: string } | undefined> {
  const { store } = deps;
  const id = getCookie(c, sessionCookieName(c));
  if (!id || id.length > 100) return undefined;
  const idHash = hashSessionId(id);
  const found = await store.findSession(idHash);
  if (!found) return undefined;
  const now = deps.clock();
  const { session } = found;
  // The stored expiry is the idle one; the absolute end is counted from sign-in here, so a
  // limit set lower takes effect on sessions already open.
  const ended = Date.parse(session.expiresAt) <= now.getTime() || Date.parse(session.createdAt) + deps.sessionMaxMs <= now.getTime();
  if (ended || !found.user.active) {
    await store.deleteSession(idHash);
    return undefined;
  }
  if (now.getTime() - Date.parse(session.lastSeenAt) >= TOUCH_EVERY_MS) {
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

/**
 * Deletes sessions past either limit, at server start and every `SWEEP_EVERY_MS`: one never
 * presented again (a browser closed, a cookie cleared) would otherwise stay in the table for ever.
 * So too device cookies' sign-in counts (see `device-cookie.ts`) with no lock left and no wrong
 * password within `lockMs`, which only a right password deleted before: a count that still stands
 * against a stolen cookie stays until its guesses are as old as a lock would have made them.
 */
export function sessionSweeper(deps: SessionDeps & { logger: Logger; lockMs: number }) {
  async function sweep(): Promise<{ sessions: number; deviceLockouts: number }> {
    const now = deps.clock();
    const sessions = await deps.store.deleteEndedSessions(now.toISOString(), new Date(now.getTime() - deps.sessionMaxMs).toISOString());
    const deviceLockouts = await deps.store.deleteEndedDeviceLockouts(now.toISOString(), new Date(now.getTime() - deps.lockMs).toISOString());
    return { sessions, deviceLockouts };
  }

  async function tick() {
    try {
      const deleted = await sweep();
      if (deleted.sessions || deleted.deviceLockouts) deps.logger.info(deleted, 'deleted ended sessions and device lockouts');
    } catch (err) {
      deps.logger.error({ err }, 'session sweep failed');
    }
  }

  const loop = periodic(tick);
  return {
    sweep,
    start: (everyMs = SWEEP_EVERY_MS) => loop.start(everyMs),
    /** Stops the timer and waits for a sweep under way (before the store closes). */
    stop: loop.stop,
  };
}

export type SessionSweeper = ReturnType<typeof sessionSweeper>;
