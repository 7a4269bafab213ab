/**
 * CSRF protection for server-rendered forms: a random token in an HttpOnly, SameSite=Lax cookie,
 * and the same token, signed with FFT_SECRET, in a hidden field. A POST without both, or with
 * a field that was not signed for that cookie, is refused.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

export const CSRF_COOKIE = 'fft_csrf';
export const CSRF_FIELD = 'csrf';

function sign(secret: string, token: string): string {
  return createHmac('sha256', secret).update(`csrf:${token}`).digest('base64url');
}

/** The field value that matches a CSRF cookie value (for tests and scripts that hold the cookie). */
export function csrfTokenFor(secret: string, cookieValue: string): string {
  return sign(secret, cookieValue);
}

/** The field value for this browser's CSRF cookie, setting the cookie if it has none. */
export function csrfField(c: Context, secret: string): string {
  let token = getCookie(c, CSRF_COOKIE);
  if (!token || !/^[\w-]{20,64}$/.test(token)) {
    token = randomBytes(24).toString('base64url');
    setCookie(c, CSRF_COOKIE, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: new URL(c.req.url).protocol === 'https:' });
  }
  return sign(secret, token);
}

export function csrfValid(c: Context, secret: string, field: unknown): boolean {
  const token = getCookie(c, CSRF_COOKIE);
  if (!token || typeof field !== 'string') return false;
  const expected = Buffer.from(sign(secret, token));
  const given = Buffer.from(field);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
