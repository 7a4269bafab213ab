import { describe, expect, it } from 'vitest';
import { notifyJwt, parseNotifyApiKey, verifyBearer } from './notify-auth.ts';
import { decodeJwt } from './testing.ts';

const SERVICE = '26785a09-ab16-4eb0-8407-a37497a57506';
const SECRET = '3d844edf-8d35-48ac-975b-e847b4f122b0';
const KEY = `my_test_key-${SERVICE}-${SECRET}`;

describe('parseNotifyApiKey', () => {
  it('splits name, service id and secret key', () => {
    expect(parseNotifyApiKey(KEY)).toEqual({ keyName: 'my_test_key', serviceId: SERVICE, secretKey: SECRET });
  });

  it('copes with hyphens in the key name and surrounding whitespace', () => {
    expect(parseNotifyApiKey(` fft-live-key-2026-${SERVICE}-${SECRET}\n`)).toEqual({ keyName: 'fft-live-key-2026', serviceId: SERVICE, secretKey: SECRET });
  });

  it('refuses a truncated or malformed key without echoing it', () => {
    for (const bad of ['', KEY.slice(0, -1), `name-${SERVICE}`, `name-${SERVICE}-not-a-uuid`, 'just-some-text']) {
      expect(() => parseNotifyApiKey(bad)).toThrow(/form <key name>-<service id>-<secret key>/);
    }
    try {
      parseNotifyApiKey(`name-${SERVICE}-${SECRET.slice(0, -2)}`);
    } catch (error) {
      expect((error as Error).message).not.toContain(SERVICE);
    }
  });
});

describe('notifyJwt', () => {
  const now = new Date('2026-11-22T10:00:00.750Z');

  it('is an HS256 JWT with iss = service id and iat = unix seconds, signed with the secret key', () => {
    const token = notifyJwt(KEY, now);
    const jwt = decodeJwt(token, SECRET);
    expect(jwt.header).toEqual({ typ: 'JWT', alg: 'HS256' });
    expect(jwt.claims).toEqual({ iss: SERVICE, iat: Math.floor(now.getTime() / 1000) });
    expect(jwt.claims.iat).toBe(1795341600);
    expect(jwt.signatureValid).toBe(true);
    expect(decodeJwt(token, 'another-secret').signatureValid).toBe(false);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/); // base64url, no padding
  });

  it('is made fresh for each moment (Notify refuses an iat more than 30 s off)', () => {
    const later = new Date(now.getTime() + 31_000);
    expect(decodeJwt(notifyJwt(KEY, later), SECRET).claims.iat).toBe(1795341631);
    expect(notifyJwt(KEY, later)).not.toBe(notifyJwt(KEY, now));
  });

  it('accepts an already parsed key', () => {
    expect(notifyJwt(parseNotifyApiKey(KEY), now)).toBe(notifyJwt(KEY, now));
  });
});

describe('verifyBearer', () => {
  const token = 'callback-token-0123456789';

  it('accepts the configured token, whatever the case of "Bearer"', () => {
    expect(verifyBearer(token, `Bearer ${token}`)).toBe(true);
    expect(verifyBearer(token, `bearer ${token}`)).toBe(true);
  });

  it('refuses a wrong, longer, shorter or missing token and other schemes', () => {
    expect(verifyBearer(token, 'Bearer callback-token-0123456780')).toBe(false);
    expect(verifyBearer(token, `Bearer ${token}x`)).toBe(false);
    expect(verifyBearer(token, `Bearer ${token.slice(0, -1)}`)).toBe(false);
    expect(verifyBearer(token, token)).toBe(false);
    expect(verifyBearer(token, `Basic ${token}`)).toBe(false);
    expect(verifyBearer(token, 'Bearer ')).toBe(false);
    expect(verifyBearer(token, '')).toBe(false);
    expect(verifyBearer(token, undefined)).toBe(false);
    expect(verifyBearer(token, null)).toBe(false);
  });

  it('never matches when no token is configured', () => {
    expect(verifyBearer('', 'Bearer ')).toBe(false);
    expect(verifyBearer('', 'Bearer x')).toBe(false);
  });
});
