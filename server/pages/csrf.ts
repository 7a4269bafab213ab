/**
 * CSRF protection for server-rendered forms: a random token in an HttpOnly, SameSite=Lax cookie
 * (Secure and `__Host-` prefixed over HTTPS, so no other host can plant one), and in a hidden
 * field the HMAC (FFT_SECRET) of that token together with the staff session's cookie, if any.
 * A POST without both, or with a field signed for another cookie or another session, is refused:
 * a token pair obtained in someone else's browser or session is worth nothing in this one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { isSecure } from '../middleware/secure-cookies.ts';
import { sessionCookieName } from '../web/session.ts';

export const CSRF_COOKIE = 'fft_csrf';
export const CSRF_FIELD = 'csrf';

export function csrfCookieName(c: Context): string {
  return isSecure(c) ? `__Host-${CSRF_COOKIE}` : CSRF_COOKIE;
}

function sign(secret: string, token: string, session: string): string {
  return createHmac('sha256', secret).update(`csrf:${token}:${session}`).digest('base64url');
}

/**
 * The field value that matches a CSRF cookie value and, for a signed-in browser, its session
 * cookie value (for tests and scripts that hold the cookies).
 */
export function csrfTokenFor(secret: string, cookieValue: string, sessionCookieValue = ''): string {
  return sign(secret, cookieValue, sessionCookieValue);
}

function sessionOf(c: Context): string {
  return getCookie(c, sessionCookieName(c)) ?? '';
}

/** The field value for this browser's CSRF cookie, setting the cookie if it has none. */
export function csrfField(c: Context, secret: string): string {
  const name = csrfCookieName(c);
  let token = getCookie(c, name);
  if (!token || !/^[\w-]{20,64}$/.test(token)) {
    token = randomBytes(24).toString('base64url');
    setCookie(c, name, token, { httpOnly: true, sameSite: 'Lax', path: '/', secure: isSecure(c) });
  }
  return sign(secret, token, sessionOf(c));
}

export function csrfValid(c: Context, secret: string, field: unknown): boolean {
  const token = getCookie(c, csrfCookieName(c));
  if (!token || typeof field !== 'string') return false;
  const expected = Buffer.from(sign(secret, token, sessionOf(c)));
  const given = Buffer.from(field);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
