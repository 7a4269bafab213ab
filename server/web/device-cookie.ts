/**
 * Device cookies (OWASP, "Slow Down Online Guessing Attacks with Device Cookies"): a browser
 * that has signed in to an account is given a long-lived cookie naming that account, signed
 * with FFT_SECRET. Sign-ins from it are counted and locked on their own (by its random nonce),
 * so that anyone can still lock a known address against guesses from everywhere else without
 * keeping its owner, at her usual computer, out of her dashboard.
 *
 * The signature covers the user's `deviceGeneration`, which an admin's change of password,
 * role or standing raises: cookies issued before are then worth nothing.
 *
 * One cookie per user, as OWASP has it, so that each of the matrons and nurses in charge who
 * share a ward's computer is trusted there, not only whoever signed in at it last. Its name is
 * `fft_device_` (`__Host-fft_device_` where the session cookie is `__Host-`) and 16 characters
 * of base64url HMAC of the user's id under a key of its own: stable for a user, the same in
 * every browser, and not her id. `trusted(c, user)` reads that user's cookie alone (and checks
 * the id inside it all the same); `issue` sets it alone. An unknown email never gets this far,
 * so it is answered exactly as before.
 *
 * The value is `userId.deviceGeneration.nonce.order`: `order` is one more than the highest held
 * by this browser's other device cookies, so it says which was issued (at a sign-in) longest
 * ago, which a server cannot otherwise read. A browser keeps at most MAX_DEVICE_COOKIES: issuing
 * one that would make more deletes the others with the lowest order (those whose users have not
 * signed in there for longest), one whose signature fails (say from before FFT_SECRET changed)
 * going first.
 *
 * Before there was one cookie per browser, `fft_device` / `__Host-fft_device`
 * (`userId.deviceGeneration.nonce`, the same key). One still in a browser is read as a fallback
 * for the user it names, so nobody lost trust at the upgrade; it counts as the oldest device
 * cookie there, and is deleted when its user is given a cookie of her own (or by the cap).
 */
import { createHmac, randomBytes } from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, getSignedCookie, setSignedCookie } from 'hono/cookie';
import type { UserRecord } from '../../db/store.ts';
import { isSecure } from '../middleware/secure-cookies.ts';

/** A year: long enough to outlast the holidays and a secondment, under browsers' 400-day cap. */
const MAX_AGE_S = 365 * 24 * 60 * 60;

/** Device cookies one browser keeps: a ward computer's regular staff, well under cookie-header limits. */
export const MAX_DEVICE_COOKIES = 10;

/** The single cookie of before, and the start of every per-user cookie's name. */
function baseName(secure: boolean): string {
  return secure ? '__Host-fft_device' : 'fft_device';
}

function nameKey(secret: string): Buffer {
  return createHmac('sha256', secret).update('fft/staff/device-cookie-name/v1').digest();
}

function nameWith(key: Buffer, userId: string, secure: boolean): string {
  return `${baseName(secure)}_${createHmac('sha256', key).update(userId).digest('base64url').slice(0, 16)}`;
}

/** The name of `userId`'s device cookie (`secure`: over HTTPS, with the `__Host-` prefix). */
export function deviceCookieName(secret: string, userId: string, secure: boolean): string {
  return nameWith(nameKey(secret), userId, secure);
}

interface DeviceValue {
  id: string;
  generation: string;
  nonce: string;
  /** 0 for the single cookie of before, which had none. */
  order: number;
}

function parse(value: string | false | undefined): DeviceValue | undefined {
  if (!value) return undefined;
  const parts = value.split('.');
  if (parts.length !== 3 && parts.length !== 4) return undefined;
  const [id, generation, nonce, order = '0'] = parts as [string, string, string, string?];
  if (!id || !generation || !nonce || !/^\d{1,15}$/.test(order)) return undefined;
  return { id, generation, nonce, order: Number(order) };
}

export function deviceCookies(secret: string) {
  // A key of its own, so that no other HMAC made with FFT_SECRET (CSRF tokens, phone hashes)
  // can ever pass for a device cookie's signature.
  const key = createHmac('sha256', secret).update('fft/staff/device-cookie/v1').digest();
  const names = nameKey(secret);

  const good = (held: DeviceValue | undefined, user: UserRecord) =>
    held && held.id === user.id && held.generation === String(user.deviceGeneration) ? held.nonce : undefined;

  /** Every device cookie this request carries under this scheme's names, with what each holds (undefined: not a good one). */
  async function held(c: Context, secure: boolean) {
    const base = baseName(secure);
    const found: { name: string; value: DeviceValue | undefined }[] = [];
    for (const name of Object.keys(getCookie(c))) {
      if (name !== base && !name.startsWith(`${base}_`)) continue;
      found.push({ name, value: parse(await getSignedCookie(c, key, name)) });
    }
    return found;
  }

  return {
    /**
     * Gives this browser a new device cookie for `user` (at each sign-in, as OWASP has it),
     * leaving other users' alone but for the oldest beyond MAX_DEVICE_COOKIES.
     */
    async issue(c: Context, user: UserRecord): Promise<void> {
      const secure = isSecure(c);
      const own = nameWith(names, user.id, secure);
      const others = (await held(c, secure)).filter((h) => h.name !== own);
      const order = Math.max(0, ...others.map((h) => h.value?.order ?? 0)) + 1;
      const nonce = randomBytes(16).toString('base64url');
      await setSignedCookie(c, own, `${user.id}.${user.deviceGeneration}.${nonce}.${order}`, key, {
        httpOnly: true,
        sameSite: 'Lax',
        secure,
        path: '/',
        maxAge: MAX_AGE_S,
      });
      const drop = (name: string) => deleteCookie(c, name, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
      // The single cookie of before, once its user has one of her own.
      const kept = others.filter((h) => {
        const stale = h.name === baseName(secure) && h.value?.id === user.id;
        if (stale) drop(h.name);
        return !stale;
      });
      const age = (h: (typeof kept)[number]) => h.value?.order ?? -1;
      kept.sort((a, b) => age(a) - age(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const h of kept.slice(0, Math.max(0, kept.length - (MAX_DEVICE_COOKIES - 1)))) drop(h.name);
    },

    /**
     * The nonce of this browser's device cookie for `user` if it is a good one for her as she is
     * now; undefined for none, a forged or altered one, another user's, or one revoked since.
     */
    async trusted(c: Context, user: UserRecord): Promise<string | undefined> {
      const secure = isSecure(c);
      const own = good(parse(await getSignedCookie(c, key, nameWith(names, user.id, secure))), user);
      return own ?? good(parse(await getSignedCookie(c, key, baseName(secure))), user);
    },
  };
}
