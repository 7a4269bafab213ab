import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { sameSiteForms } from './origin.ts';

const FORM = 'application/x-www-form-urlencoded';

function app(trustProxy = false) {
  return new Hono()
    .use('*', sameSiteForms({ publicUrl: 'https://fft.example.nhs.uk', trustProxy }))
    .all('/x', (c) => c.text('ok'))
    .all('/api/v1/x', (c) => c.json({}))
    .all('/kiosk/api/x', (c) => c.json({}))
    .all('/sms/x', (c) => c.json({}));
}

async function send(headers: Record<string, string>, options: { method?: string; url?: string; trustProxy?: boolean } = {}) {
  const res = await app(options.trustProxy).request(options.url ?? 'http://localhost:3000/x', { method: options.method ?? 'POST', headers, body: options.method === 'GET' ? undefined : 'a=1' });
  return res.status;
}

describe('sameSiteForms', () => {
  it('refuses a form posted from another site, by Origin or by Sec-Fetch-Site', async () => {
    expect(await send({ 'content-type': FORM, origin: 'https://evil.example' })).toBe(403);
    expect(await send({ 'content-type': 'multipart/form-data; boundary=x', origin: 'https://fft.example.nhs.uk.evil.example' })).toBe(403);
    expect(await send({ 'content-type': 'text/plain', origin: 'http://localhost:3001' })).toBe(403);
    expect(await send({ 'content-type': FORM, 'sec-fetch-site': 'cross-site' })).toBe(403);
    expect(await send({ 'content-type': FORM, 'sec-fetch-site': 'cross-site', origin: 'null' })).toBe(403);
    expect(await send({ 'content-type': FORM, origin: 'not a url' })).toBe(403);
    expect(await send({ origin: 'https://evil.example' }, { method: 'DELETE' })).toBe(403);
  });

  it('lets through our own forms: the same host (any scheme, for a TLS proxy in front), the public address, Origin null, or no header at all', async () => {
    expect(await send({ 'content-type': FORM, origin: 'http://localhost:3000', 'sec-fetch-site': 'same-origin' })).toBe(200);
    expect(await send({ 'content-type': FORM, origin: 'https://localhost:3000' })).toBe(200);
    expect(await send({ 'content-type': FORM, origin: 'https://FFT.example.nhs.uk' })).toBe(200);
    expect(await send({ 'content-type': FORM, origin: 'null', 'sec-fetch-site': 'same-origin' })).toBe(200);
    expect(await send({ 'content-type': FORM })).toBe(200);
  });

  it('believes X-Forwarded-Host only behind a trusted proxy', async () => {
    const headers = { 'content-type': FORM, origin: 'https://fft.other-trust.nhs.uk', 'x-forwarded-host': 'fft.other-trust.nhs.uk' };
    expect(await send(headers, { trustProxy: true })).toBe(200);
    expect(await send(headers)).toBe(403);
  });

  it('leaves reads and JSON (which another site cannot send without asking first) alone', async () => {
    expect(await send({ origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }, { method: 'GET' })).toBe(200);
    expect(await send({ 'content-type': 'application/json', origin: 'https://evil.example' })).toBe(200);
  });

  it('refuses a request to the API, the tablet\'s API or a webhook in the API\'s error shape, not as a page', async () => {
    for (const path of ['/api/v1/x', '/kiosk/api/x', '/sms/x']) {
      const res = await app().request(`http://localhost:3000${path}`, { method: 'POST', headers: { 'content-type': FORM, 'sec-fetch-site': 'cross-site' }, body: 'a=1' });
      expect(res.status, path).toBe(403);
      expect(await res.json(), path).toEqual({ error: { code: 'cross_site', message: expect.any(String), issues: [] } });
    }
    const page = await app().request('http://localhost:3000/x', { method: 'POST', headers: { 'content-type': FORM, 'sec-fetch-site': 'cross-site' }, body: 'a=1' });
    expect(page.headers.get('content-type')).toMatch(/^text\/plain/);
  });
});
