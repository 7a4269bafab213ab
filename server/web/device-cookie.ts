/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an account is given a long-lived cookie naming that account, signed
 * with FFT_SECRET. Sign-ins from it are counted and locked on their own (by its random nonce),
 * so that anyone can still lock a known address against guesses from everywhere else without
 * keeping its owner, at her usual computer, out of her dashboard.
 *
 * The signature covers the user's `deviceGeneration`, which an admin's change of password,
 * role or standing raises: cookies issued before are then worth nothing.
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { UserRecord } from '../../db/store.ts';
import { isSecure } from '../middleware/secure-cookies.ts';

/** A year: long enough to outlast the holidays and a secondment, under browsers' 400-day cap. */
const MAX_AGE_S = 365 * 24 * 60 * 60;

function deviceCookieName(c: Context): string {
  return isSecure(c) ? '__Host-fft_device' : 'fft_device';
}

export function deviceCookies(secret: string) {
  // A key of its own, so that no other HMAC made with FFT_SECRET (CSRF tokens, phone hashes)
  // can ever pass for a device cookie's signature.
  const key = createHmac('sha256', secret).update('fft/staff/device-cookie/v1').digest();

  return {
    /** Gives this browser a new device cookie for `user` (at each sign-in, as OWASP has it). */
    async issue(c: Context, user: UserRecord): Promise<void> {
      const nonce = randomBytes(16).toString('base64url');
      await setSignedCookie(c, deviceCookieName(c), `${user.id}.${user.deviceGeneration}.${nonce}`, key, {
        httpOnly: true,
        sameSite: 'Lax',
        secure: isSecure(c),
        path: '/',
        maxAge: MAX_AGE_S,
      });
    },

    /**
     * The nonce of this browser's device cookie if it is a good one for `user` as they are now;
     * undefined for none, a forged or altered one, another user's, or one revoked since.
     */
    async trusted(c: Context, user: UserRecord): Promise<string | undefined> {
      const value = await getSignedCookie(c, key, deviceCookieName(c));
      if (!value) return undefined;
      const [id, generation, nonce] = value.split('.');
      return id === user.id && generation === String(user.deviceGeneration) && nonce ? nonce : undefined;
    },
  };
}
