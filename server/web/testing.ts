/**
 * Test support for staff pages: add a user with a password, sign in through the real form,
 * and make requests as that browser would (its cookies, its CSRF token).
 */
import type { Hono } from 'hono';
import { v7 as uuidv7 } from 'uuid';
import type { Role } from '../../analytics/fft.ts';
import type { Store } from '../../db/store.ts';
import { hashPassword, type ScryptCost } from '../auth/passwords.ts';

export const TEST_PASSWORD = 'correct horse battery staple';

/**
 * A cheap scrypt cost (a few ms a hash, 1 MiB) for test users and test apps (`testApp` passes it to
 * `createApp`): the sign-in tests check hundreds of passwords, which at the service's cost
 * (PASSWORD_COST) took them from about 40 s to 180 s.
 */
export const TEST_PASSWORD_COST: ScryptCost = { N: 1024, r: 8, p: 1 };

/** A user whose password is hashed at `TEST_PASSWORD_COST` (a server at the service's cost re-hashes it at the first sign-in). */
export async function addUser(store: Store, email: string, role: Role, scopes: string[] = [], password = TEST_PASSWORD) {
  const id = uuidv7();
  await store.createUser({ id, email, role, scopes, passwordHash: await hashPassword(password, TEST_PASSWORD_COST), active: true, failedSignIns: 0, lockedUntil: null, createdAt: '2026-11-01T09:00:00.000Z' });
  return id;
}

/** A cookie jar over `app.request`, like one browser. */
export function browser(app: Hono<any, any, any>) {
  const jar = new Map<string, string>();
  function remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1);
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') jar.delete(name);
      else jar.set(name, value);
    }
  }
  const cookie = () => [...jar.entries()].map(([k, v]) => `${k}=${v}`).join('; ');
  async function request(path: string, init: RequestInit = {}) {
    const headers = new Headers(init.headers);
    if (jar.size) headers.set('cookie', cookie());
    const res = await app.request(path, { ...init, headers, redirect: 'manual' });
    remember(res);
    return res;
  }
  /** The CSRF token a page handed out (from its form field or meta tag). */
  async function csrfFrom(path: string): Promise<string> {
    const html = await (await request(path)).text();
    const m = html.match(/name="csrf" value="([^"]+)"/) ?? html.match(/name="csrf-token" content="([^"]+)"/);
    if (!m) throw new Error(`no CSRF token on ${path}`);
    return m[1]!;
  }
  async function form(path: string, fields: Record<string, string>, csrf?: string) {
    const body = new URLSearchParams({ ...fields, ...(csrf === undefined ? {} : { csrf }) });
    return request(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
  }
  async function signIn(email: string, password = TEST_PASSWORD) {
    const csrf = await csrfFrom('/signin');
    return form('/signin', { email, password }, csrf);
  }
  return { request, form, csrfFrom, signIn, jar };
}
