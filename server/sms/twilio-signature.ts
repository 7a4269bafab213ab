/**
 * Twilio's request signature (X-Twilio-Signature), so that only Twilio can post patients'
 * replies to us: Base64(HMAC-SHA1(auth token, URL + each POST parameter's name and value,
 * sorted by name)) — shared/reference/FFT.md §7 and Twilio's "Webhooks security" page.
 *
 * The URL must be the one Twilio was told to call, exactly: scheme, host, port, path and
 * query string. Behind a proxy or load balancer the request's own URL differs, so build it
 * from FFT_PUBLIC_URL plus the path and query, never from the Host header.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The signature Twilio sends for a form-encoded POST of `params` to `url`. */
export function twilioSignature(authToken: string, url: string, params: Record<string, string>): string {
  // Plain code-unit order, as Twilio's own libraries sort (Object.keys(params).sort()).
  let data = url;
  for (const name of Object.keys(params).sort()) data += name + params[name];
  return createHmac('sha1', authToken).update(data, 'utf8').digest('base64');
}

/**
 * Whether `header` (the X-Twilio-Signature value) is Twilio's signature of this request.
 * A missing header, an empty auth token, another URL or any changed parameter fails.
 * Compared in constant time so that the signature cannot be guessed byte by byte.
 */
export function verifyTwilioSignature(
  authToken: string,
  url: string,
  params: Record<string, string>,
  header: string | null | undefined,
): boolean {
  if (!authToken || !header) return false;
  const expected = Buffer.from(twilioSignature(authToken, url, params), 'utf8');
  const given = Buffer.from(header.trim(), 'utf8');
  // Every HMAC-SHA1 in Base64 is 28 characters, so checking the length first reveals nothing.
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The parameters of a form-encoded body (`application/x-www-form-urlencoded`), as Twilio
 * signs them. A name sent twice keeps its last value; Twilio's SMS webhooks send none twice.
 */
export function formParams(body: string): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(body));
}
