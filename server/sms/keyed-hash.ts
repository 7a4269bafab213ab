/**
 * A keyed hash of a phone number: what remains of a patient's number once the number itself
 * is erased, so that an opt-out is honoured and a number is not texted twice in a week
 * without keeping the number. A plain SHA-256 would not do: there are only about 10⁹ UK
 * mobile numbers, so an unkeyed hash is reversed by trying them all in minutes.
 *
 * The domain prefix keeps these hashes apart from any other HMAC made with the same secret
 * (session cookies, CSRF tokens), so one can never stand in for another.
 *
 * Changing FFT_SECRET changes every hash: opt-outs recorded under the old secret would no
 * longer match. Rotate it only with a migration that re-hashes from numbers still held.
 */
import { createHmac } from 'node:crypto';

const DOMAIN = 'fft/sms/phone/v1\n';
const E164 = /^\+[1-9]\d{6,14}$/;

/**
 * HMAC-SHA256 (hex) of an E.164 number under the service secret. Refuses anything not in
 * E.164, since "07700 900123" and "+447700900123" would hash differently and an opt-out
 * recorded under one would miss the other: normalise with `normaliseUkMobile` first.
 */
export function phoneHash(secret: string, e164: string): string {
  if (!secret) throw new TypeError('phoneHash needs a non-empty secret');
  if (!E164.test(e164)) throw new TypeError('phoneHash needs a number in E.164 form (+447…); normalise it first');
  return createHmac('sha256', secret).update(DOMAIN + e164, 'utf8').digest('hex');
}
