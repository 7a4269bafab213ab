/**
 * GOV.UK Notify's authentication, both ways.
 *
 * Outbound: every API call carries `Authorization: Bearer <JWT>`, a JWT signed HS256 with the
 * API key's secret and claims `{ iss: <service id>, iat: <unix seconds> }`. Notify refuses a
 * token whose `iat` is more than 30 seconds from its own clock, so one is made per request.
 * An API key reads `<key name>-<service id>-<secret key>`; both ids are UUIDs and the key
 * name may itself contain hyphens, so the two UUIDs are taken from the end.
 *
 * Inbound: Notify posts received texts to our callback with `Authorization: Bearer <token>`,
 * the token we gave it when setting up the callback (FFT_NOTIFY_INBOUND_TOKEN).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export interface NotifyApiKey {
  keyName: string;
  serviceId: string;
  secretKey: string;
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const API_KEY = new RegExp(`^(?:(.+)-)?(${UUID})-(${UUID})$`, 'i');

/**
 * Splits a Notify API key into its service id and secret key. Throws, without echoing the
 * key, if it is not `<name>-<uuid>-<uuid>`: a truncated paste is the usual cause.
 */
export function parseNotifyApiKey(apiKey: string): NotifyApiKey {
  const match = API_KEY.exec(apiKey.trim());
  if (!match) {
    throw new Error('The Notify API key is not in the form <key name>-<service id>-<secret key> (two UUIDs at the end)');
  }
  return { keyName: match[1] ?? '', serviceId: match[2].toLowerCase(), secretKey: match[3] };
}

const base64url = (data: string | Buffer) => Buffer.from(data).toString('base64url');
const JWT_HEADER = base64url(JSON.stringify({ typ: 'JWT', alg: 'HS256' }));

/** A fresh bearer token for one Notify API request made at `now`. */
export function notifyJwt(apiKey: string | NotifyApiKey, now: Date): string {
  const { serviceId, secretKey } = typeof apiKey === 'string' ? parseNotifyApiKey(apiKey) : apiKey;
  const claims = base64url(JSON.stringify({ iss: serviceId, iat: Math.floor(now.getTime() / 1000) }));
  const signature = createHmac('sha256', secretKey).update(`${JWT_HEADER}.${claims}`).digest('base64url');
  return `${JWT_HEADER}.${claims}.${signature}`;
}

/**
 * Whether an Authorization header is `Bearer <expected>`. Both sides are hashed before the
 * constant-time compare, so neither the token nor its length leaks through timing. An empty
 * `expected` (callback token not configured) never matches: a missing setting must not open
 * the door.
 */
export function verifyBearer(expected: string, header: string | null | undefined): boolean {
  if (!expected || !header) return false;
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
  if (!match) return false;
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(match[1]), digest(expected));
}
