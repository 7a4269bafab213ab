/**
 * Whether this service's cookies (the staff session, the CSRF token) are Secure, with the
 * `__Host-` prefix. Where `FFT_PUBLIC_URL` is https they always are: a TLS-terminating proxy
 * that forgets X-Forwarded-Proto must not turn them into plain cookies. Otherwise (plain
 * http://localhost in development) they follow the request's scheme or X-Forwarded-Proto.
 */
import type { Context, MiddlewareHandler } from 'hono';

declare module 'hono' {
  interface ContextVariableMap {
    /** Set for every request when the public URL is https (see `secureCookies`). */
    httpsPublicUrl: boolean;
  }
}

/** Mounted once, in front of every route that may set a cookie. */
export function secureCookies(publicUrl: string): MiddlewareHandler {
  const https = new URL(publicUrl).protocol === 'https:';
  return async (c, next) => {
    c.set('httpsPublicUrl', https);
    await next();
  };
}

export function isSecure(c: Context): boolean {
  return c.get('httpsPublicUrl') === true || new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}
