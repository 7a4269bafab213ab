/**
 * A second line against cross-site form posts, beside the signed CSRF field: browsers say where a
 * form was sent from (`Sec-Fetch-Site`, `Origin`), and one sent from another site is refused with
 * a 403 before anything reads it. Hosts are compared, not schemes, so a TLS-terminating proxy in
 * front (Origin `https://…`, the request seen as `http://…`) does not lock staff out. `Origin: null`
 * (what browsers send for our own forms, since pages say `Referrer-Policy: no-referrer`) and clients
 * that send neither header (scripts, older browsers) are left to the CSRF field. Bodies no form can
 * send (JSON: another site's script must ask first) pass untouched.
 */
import type { MiddlewareHandler } from 'hono';
import { errorJson } from './errors.ts';

const SAFE_METHOD = /^(GET|HEAD|OPTIONS)$/;
/** What an HTML form (or another site's script, without asking first) can send; JSON needs a preflight. */
const FORM_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;
/** Routes machines call (the JSON API, the tablet's, providers' webhooks): refused in the API's one error shape, not as a page. */
const MACHINE_PATH = /^\/(api|kiosk\/api|sms)\//;

export function sameSiteForms(options: { publicUrl: string; trustProxy?: boolean }): MiddlewareHandler {
  const publicHost = new URL(options.publicUrl).host.toLowerCase();
  return async (c, next) => {
    if (SAFE_METHOD.test(c.req.method) || !FORM_TYPE.test(c.req.header('content-type') ?? 'text/plain')) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    let foreign = site === 'cross-site';
    if (!foreign && origin && origin !== 'null') {
      const allowed = new Set([publicHost, new URL(c.req.url).host.toLowerCase()]);
      const forwardedHost = options.trustProxy ? c.req.header('x-forwarded-host')?.split(',')[0]?.trim().toLowerCase() : undefined;
      if (forwardedHost) allowed.add(forwardedHost);
      let host: string | null = null;
      try {
        host = new URL(origin).host.toLowerCase();
      } catch {
        host = null;
      }
      foreign = host === null || !allowed.has(host);
    }
    if (foreign && MACHINE_PATH.test(c.req.path)) return errorJson(c, 403, 'cross_site', 'This request was sent from another website, so it was not accepted.');
    if (foreign) return c.text('This form was sent from another website, so it was not accepted. Open the page on this service and send it from there.', 403);
    return next();
  };
}
