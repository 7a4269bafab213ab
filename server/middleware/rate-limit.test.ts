import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../clock.ts';
import { clientAddress, rateLimit } from './rate-limit.ts';

describe('rate limit', () => {
  it('limits per address within a window, and forgets after it', async () => {
    const clock = fixedClock('2026-11-22T10:00:00Z');
    const app = new Hono().post('/x', rateLimit({ windowMs: 60_000, max: 2, clock, trustProxy: true }), (c) => c.text('ok'));
    const send = (ip: string) => app.request('/x', { method: 'POST', headers: { 'x-forwarded-for': `203.0.113.9, ${ip}` } });
    expect([(await send('10.0.0.1')).status, (await send('10.0.0.1')).status, (await send('10.0.0.1')).status]).toEqual([200, 200, 429]);
    expect((await send('10.0.0.2')).status).toBe(200);
    clock.advance(60_000);
    expect((await send('10.0.0.1')).status).toBe(200);
  });

  it('uses the proxy’s last X-Forwarded-For entry only when told to trust the proxy', async () => {
    const app = new Hono().get('/ip', (c) => c.text(`${clientAddress(c, true)}|${clientAddress(c)}`));
    const res = await app.request('/ip', { headers: { 'x-forwarded-for': 'spoofed, 198.51.100.7' } });
    expect(await res.text()).toBe('198.51.100.7|local');
  });
});
