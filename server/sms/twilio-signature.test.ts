import { describe, expect, it } from 'vitest';
import { formParams, twilioSignature, verifyTwilioSignature } from './twilio-signature.ts';

// shared/reference/FFT.md §7
const TOKEN = '12345';
const URL = 'https://mycompany.com/myapp.php?foo=1&bar=2';
const PARAMS = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
const EXPECTED = '0/KCTR6DLpKmkAf8muzZqo1nDgQ=';

describe('twilioSignature', () => {
  it('matches the reference test vector', () => {
    expect(twilioSignature(TOKEN, URL, PARAMS)).toBe(EXPECTED);
  });

  it('does not depend on the order the parameters arrive in', () => {
    const reversed = Object.fromEntries(Object.entries(PARAMS).reverse());
    expect(twilioSignature(TOKEN, URL, reversed)).toBe(EXPECTED);
  });

  it('signs the URL alone when there are no parameters', async () => {
    const { createHmac } = await import('node:crypto');
    expect(twilioSignature(TOKEN, URL, {})).toBe(createHmac('sha1', TOKEN).update(URL).digest('base64'));
  });
});

describe('verifyTwilioSignature', () => {
  it('accepts the genuine signature', () => {
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, EXPECTED)).toBe(true);
  });

  it('refuses a forged signature, even one of the right length', () => {
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=')).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, `1${EXPECTED.slice(1)}`)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, 'short')).toBe(false);
    expect(verifyTwilioSignature('54321', URL, PARAMS, twilioSignature('54321', URL, PARAMS).replace(/^./, 'x'))).toBe(false);
  });

  it('refuses a replayed signature over a changed body', () => {
    expect(verifyTwilioSignature(TOKEN, URL, { ...PARAMS, Digits: '1235' }, EXPECTED)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, { ...PARAMS, Body: 'STOP' }, EXPECTED)).toBe(false);
    const { Digits: _dropped, ...fewer } = PARAMS;
    expect(verifyTwilioSignature(TOKEN, URL, fewer, EXPECTED)).toBe(false);
  });

  it('refuses the right signature for another URL', () => {
    expect(verifyTwilioSignature(TOKEN, 'https://mycompany.com/myapp.php?foo=1&bar=3', PARAMS, EXPECTED)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, 'http://mycompany.com/myapp.php?foo=1&bar=2', PARAMS, EXPECTED)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, 'https://evil.example/myapp.php?foo=1&bar=2', PARAMS, EXPECTED)).toBe(false);
  });

  it('refuses a missing header, an empty header, or an unset auth token', () => {
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, undefined)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, null)).toBe(false);
    expect(verifyTwilioSignature(TOKEN, URL, PARAMS, '')).toBe(false);
    expect(verifyTwilioSignature('', URL, PARAMS, twilioSignature('', URL, PARAMS))).toBe(false);
  });

  it('checks a real form-encoded inbound SMS body, with non-Latin text and emoji', () => {
    const body = 'ToCountry=GB&Body=Dzi%C4%99kuj%C4%99+%F0%9F%99%8F&From=%2B447700900123&To=%2B447700900999&MessageSid=SM123&NumMedia=0';
    const params = formParams(body);
    expect(params.Body).toBe('Dziękuję 🙏');
    const url = 'https://fft.example.nhs.uk/sms/twilio';
    const header = twilioSignature('secret-token', url, params);
    expect(verifyTwilioSignature('secret-token', url, formParams(body), header)).toBe(true);
    expect(verifyTwilioSignature('secret-token', url, formParams(body.replace('Body=Dzi', 'Body=Xzi')), header)).toBe(false);
  });
});
