/**
 * A per-client fixed-window rate limit, in memory (per process). Enough to stop a script
 * guessing pairing codes or flooding the public form; not a replacement for a proxy's limits.
 */
import type { Context, MiddlewareHandler } from 'hono';
import type { Clock } from '../clock.ts';
import { errorJson } from './errors.ts';

/**
 * The client's address. Behind a reverse proxy (`trustProxy`), every connection comes from the
 * proxy, so the address the proxy appended to X-Forwarded-For (the last one) is used instead;
 * earlier entries are whatever the client claimed and are ignored.
 */
export function clientAddress(c: Context, trustProxy = false): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').map((s) => s.trim()).filter(Boolean);
    if (forwarded?.length) return forwarded.at(-1)!;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * `onLimit` answers a request over the limit instead of the JSON 429 (Retry-After is already set;
 * the answer should keep status 429), e.g. the patient form giving back a page in the patient's language.
 * `counts`, if given, decides after the answer whether a request counts toward the limit (e.g. only
 * failed sign-ins, so staff behind one trust address signing in at a shift change are never refused).
 */
export function rateLimit(options: { windowMs: number; max: number; clock: Clock; trustProxy?: boolean; key?: (c: Context) => string; onLimit?: (c: Context) => Response | Promise<Response>; counts?: (c: Context) => boolean }): MiddlewareHandler {
  const hits = new Map<string, { start: number; count: number }>();
  return async (c, next) => {
    const now = options.clock().getTime();
    const key = options.key?.(c) ?? clientAddress(c, options.trustProxy);
    let entry = hits.get(key);
    if (!entry || now - entry.start >= options.windowMs) {
      if (hits.size > 50_000) hits.clear();
      entry = { start: now, count: 0 };
      hits.set(key, entry);
    }
    if (!options.counts) entry.count++;
    if (entry.count > options.max || (options.counts && entry.count >= options.max)) {
      c.header('Retry-After', String(Math.ceil((entry.start + options.windowMs - now) / 1000)));
      if (options.onLimit) return options.onLimit(c);
      return errorJson(c, 429, 'rate_limited', 'Too many requests; try again shortly');
    }
    await next();
    if (options.counts?.(c)) entry.count++;
  };
}
