import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { phoneHash } from './keyed-hash.ts';
import { normaliseUkMobile } from './phone.ts';

describe('phoneHash', () => {
  const secret = 'a-test-secret';

  it('is a stable 64-character hex HMAC', () => {
    const h = phoneHash(secret, '+447700900123');
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(phoneHash(secret, '+447700900123')).toBe(h);
  });

  it('is keyed: another secret gives another hash, and it is not a plain SHA-256 of the number', () => {
    expect(phoneHash('another-secret', '+447700900123')).not.toBe(phoneHash(secret, '+447700900123'));
    expect(phoneHash(secret, '+447700900123')).not.toBe(createHash('sha256').update('+447700900123').digest('hex'));
  });

  it('separates numbers', () => {
    expect(phoneHash(secret, '+447700900124')).not.toBe(phoneHash(secret, '+447700900123'));
  });

  it('is domain-separated: not the bare HMAC of the number under the same secret', async () => {
    const { createHmac } = await import('node:crypto');
    expect(phoneHash(secret, '+447700900123')).not.toBe(createHmac('sha256', secret).update('+447700900123').digest('hex'));
  });

  it('gives every written form of a number the same hash once normalised', () => {
    const forms = ['07700 900123', '+44 (0)7700 900123', '447700900123'];
    const hashes = forms.map((f) => {
      const n = normaliseUkMobile(f);
      if (!n.ok) throw new Error(n.message);
      return phoneHash(secret, n.e164);
    });
    expect(new Set(hashes).size).toBe(1);
  });

  it('refuses un-normalised numbers and an empty secret rather than hash them differently', () => {
    expect(() => phoneHash(secret, '07700900123')).toThrow(/E\.164/);
    expect(() => phoneHash(secret, '+44 7700 900123')).toThrow(/E\.164/);
    expect(() => phoneHash('', '+447700900123')).toThrow(/secret/);
  });
});
