import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testApp } from '../testing.ts';
import { NHSUK_DIR } from './index.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

const pairWith = (code: string) => t.app.request('/kiosk/api/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) });
const asDevice = (token: string, path: string, init: RequestInit = {}) =>
  t.app.request(path, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...(init.headers ?? {}) } });

describe('ward tablets', () => {
  it('enrol with a one-time code, then answer for their own unit only', async () => {
    const created = await t.send('POST', '/api/v1/kiosks', { unit: 'W1', label: 'Bay 2 tablet' });
    expect(created.status).toBe(201);
    expect(created.body.pairingCode).toMatch(/^[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}$/);
    expect(created.body.link).toBe(`http://localhost:3000/kiosk/#pair=${created.body.pairingCode}`);
    expect(created.body.kiosk).toMatchObject({ unit: 'W1', label: 'Bay 2 tablet', status: 'waiting-to-pair' });

    // Codes are forgiving of case and dashes when typed.
    const paired = await pairWith(created.body.pairingCode.toLowerCase().replace('-', ' '));
    expect(paired.status).toBe(200);
    const { token, unit } = (await paired.json()) as { token: string; unit: unknown };
    expect(unit).toEqual({ code: 'W1', name: 'Ward 1', question: 'fft-2020', setting: 'inpatient' });
    expect((await pairWith(created.body.pairingCode)).status).toBe(404);

    const config = await asDevice(token, '/kiosk/api/config');
    expect(config.status).toBe(200);
    expect(await config.json()).toMatchObject({ unit: { code: 'W1', name: 'Ward 1' }, idleSeconds: 60, youSaidWeDid: [] });

    const answer = await t.post({ unit: 'W1', answer: 2, channel: 'kiosk' }, token);
    expect(answer.status).toBe(201);
    const { id } = (await answer.json()) as { id: string };
    expect(await t.store.getResponse(id)).toMatchObject({ unitCode: 'W1', mode: 'electronic-discharge', channel: 'kiosk' });
    expect((await t.post({ unit: 'ED', answer: 2, channel: 'kiosk' }, token)).status).toBe(403);

    expect((await asDevice(token, '/kiosk/api/heartbeat', { method: 'POST', body: JSON.stringify({ unsent: 3 }) })).status).toBe(204);
    const listed = await t.get('/api/v1/kiosks?level=unit&code=W1');
    expect(listed.body.kiosks[0]).toMatchObject({ status: 'paired', unsent: 3, lastSeenAt: '2026-11-22T10:00:00.000Z' });

    // Revoked: the tablet is told to be set up again, and its answers are refused until it is.
    const revoked = await t.send('DELETE', `/api/v1/kiosks/${created.body.kiosk.id}`, {});
    expect(revoked.body.kiosk.status).toBe('revoked');
    expect((await asDevice(token, '/kiosk/api/config')).status).toBe(401);
    expect((await t.post({ unit: 'W1', answer: 2, channel: 'kiosk' }, token)).status).toBe(401);

    // A new code pairs the tablet again; the old token stays dead.
    const renewed = await t.send('POST', `/api/v1/kiosks/${created.body.kiosk.id}/pairing`, {});
    const again = (await (await pairWith(renewed.body.pairingCode)).json()) as { token: string };
    expect((await asDevice(again.token, '/kiosk/api/config')).status).toBe(200);
    expect((await asDevice(token, '/kiosk/api/config')).status).toBe(401);
  });

  it('refuses expired codes, unknown units and non-admins', async () => {
    const created = await t.send('POST', '/api/v1/kiosks', { unit: 'ED' });
    t.clock.advance(25 * 60 * 60 * 1000);
    expect((await pairWith(created.body.pairingCode)).status).toBe(404);
    t.clock.set('2026-11-22T10:00:00.000Z');
    expect((await t.send('POST', '/api/v1/kiosks', { unit: 'NOPE' })).status).toBe(404);
    expect((await t.send('POST', '/api/v1/kiosks', { unit: 'W1' }, t.tokens.matron)).status).toBe(403);
    expect((await t.send('POST', '/api/v1/kiosks', { unit: 'W1', colour: 'blue' })).body.error.issues[0].path).toBe('colour');
    // A label is one line: a control character is refused, naming it (PostgreSQL cannot hold U+0000 at all).
    const before = (await t.store.listKiosks(['W1'])).length;
    const nul = await t.send('POST', '/api/v1/kiosks', { unit: 'W1', label: 'Bay\u00002' });
    expect(nul.status).toBe(400);
    expect(nul.body.error.issues.map((i: { path: string }) => i.path)).toEqual(['label']);
    expect((await t.store.listKiosks(['W1'])).length).toBe(before);
    expect((await t.app.request('/kiosk/api/config', { headers: { authorization: `Bearer ${t.tokens.integration}` } })).status).toBe(401);
  });

  it('records each step of a tablet’s life in the audit log, with its unit and the address it came from', async () => {
    const s = await testApp();
    try {
      // As @hono/node-server hands a request over: the connection's address in the env.
      const from = (address: string, method: string, path: string, body: unknown, token?: string) =>
        s.app.request(path, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify(body) }, { incoming: { socket: { remoteAddress: address } } });
      const created = (await (await from('10.0.0.1', 'POST', '/api/v1/kiosks', { unit: 'W1' }, s.tokens.admin)).json()) as { kiosk: { id: string }; pairingCode: string };
      const kioskId = created.kiosk.id;
      expect((await from('10.0.0.2', 'POST', '/kiosk/api/pair', { code: created.pairingCode })).status).toBe(200);
      const first = (await s.store.getKiosk(kioskId))!.tokenId!;
      const renewed = (await (await from('10.0.0.1', 'POST', `/api/v1/kiosks/${kioskId}/pairing`, {}, s.tokens.admin)).json()) as { pairingCode: string };
      expect((await from('10.0.0.3', 'POST', '/kiosk/api/pair', { code: renewed.pairingCode })).status).toBe(200);
      const second = (await s.store.getKiosk(kioskId))!.tokenId!;
      expect((await from('10.0.0.1', 'DELETE', `/api/v1/kiosks/${kioskId}`, {}, s.tokens.admin)).status).toBe(200);

      const admin = `token:${(await s.store.listTokens()).find((t) => t.role === 'admin')!.id}`;
      // Within a millisecond the log's order is not the order of events: compared as a set.
      const log = (await s.store.findAudit({ action: 'kiosk', limit: 10 })).map(({ actor, action, target, detail }) => ({ actor, action, target, detail }));
      expect(log).toHaveLength(5);
      expect(log).toEqual(expect.arrayContaining([
        { actor: admin, action: 'kiosk.create', target: kioskId, detail: { unit: 'W1', address: '10.0.0.1' } },
        { actor: `token:${first}`, action: 'kiosk.paired', target: kioskId, detail: { unit: 'W1', address: '10.0.0.2' } },
        { actor: admin, action: 'kiosk.pairing', target: kioskId, detail: { unit: 'W1', address: '10.0.0.1' } },
        // The tablet it replaced was unpaired by it: its token is named.
        { actor: `token:${second}`, action: 'kiosk.paired', target: kioskId, detail: { unit: 'W1', address: '10.0.0.3', replacedToken: first } },
        { actor: admin, action: 'kiosk.revoke', target: kioskId, detail: { unit: 'W1', address: '10.0.0.1' } },
      ]));
    } finally {
      await s.cleanup();
    }
  });

  it('limits pairing attempts per address', async () => {
    const s = await testApp();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      statuses.push((await s.app.request('/kiosk/api/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: 'AAAA-AAAA' }) })).status);
    }
    expect(statuses.slice(0, 10).every((x) => x === 404)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    await s.cleanup();
  });
});

describe('a closed ward', () => {
  it('gets no new tablet, while one already paired still sends the answers it holds', async () => {
    const made = await t.send('POST', '/api/v1/kiosks', { unit: 'ED' });
    const { token } = (await (await pairWith(made.body.pairingCode)).json()) as { token: string };
    expect(await t.store.updateUnit('ED', { active: false })).toBe(true);
    try {
      const refused = await t.send('POST', '/api/v1/kiosks', { unit: 'ED' });
      expect(refused.status).toBe(409);
      expect(refused.body.error.issues[0].path).toBe('unit');
      // Nor a new pairing code for a tablet it had.
      expect((await t.send('POST', `/api/v1/kiosks/${made.body.kiosk.id}/pairing`, {})).status).toBe(409);
      // The tablet learns the unit is closed, and stops asking (kiosk/app/app.js).
      expect((await (await asDevice(token, '/kiosk/api/config')).json()).unit.active).toBe(false);
      const backlog = await asDevice(token, '/api/v1/responses', { method: 'POST', body: JSON.stringify({ unit: 'ED', answer: 1, channel: 'kiosk', answeredAt: '2026-11-22T09:00:00Z' }) });
      expect(backlog.status).toBe(201);
    } finally {
      await t.store.updateUnit('ED', { active: true });
    }
  });
});

describe('"You said, we did"', () => {
  it('a matron records actions for her ward, and the tablet shows them', async () => {
    const made = await t.send('POST', '/api/v1/you-said', { unit: 'W1', youSaid: 'It was noisy at night', weDid: 'Quiet hours from 11pm, with eye masks and ear plugs', owner: 'Sister Jones', dueDate: '2026-12-01' }, t.tokens.matron);
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ unitCode: 'W1', status: 'planned' });
    const done = await t.send('PATCH', `/api/v1/you-said/${made.body.id}`, { status: 'done' }, t.tokens.matron);
    expect(done.body.status).toBe('done');
    expect((await t.send('POST', '/api/v1/you-said', { unit: 'ED', youSaid: 'x', weDid: 'y' }, t.tokens.matron)).status).toBe(404);
    expect((await t.send('POST', '/api/v1/you-said', { unit: 'W1', youSaid: '', weDid: 'y' }, t.tokens.matron)).body.error.issues[0].path).toBe('youSaid');
    const kiosk = await t.send('POST', '/api/v1/kiosks', { unit: 'W1' });
    const { token } = (await (await pairWith(kiosk.body.pairingCode)).json()) as { token: string };
    const config = (await (await asDevice(token, '/kiosk/api/config')).json()) as { youSaidWeDid: unknown[] };
    expect(config.youSaidWeDid).toEqual([{ youSaid: 'It was noisy at night', weDid: 'Quiet hours from 11pm, with eye masks and ear plugs', date: '2026-11-22' }]);
  });

  it('dates an action by its London day: done at 00:30 BST is that day, not the UTC day before', async () => {
    const s = await testApp();
    try {
      s.clock.set('2026-07-14T23:30:00.000Z');
      const made = await s.send('POST', '/api/v1/you-said', { unit: 'W1', youSaid: 'Too hot', weDid: 'Fans on every bay' });
      await s.send('PATCH', `/api/v1/you-said/${made.body.id}`, { status: 'done' });
      const kiosk = await s.send('POST', '/api/v1/kiosks', { unit: 'W1' });
      const paired = await s.app.request('/kiosk/api/pair', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: kiosk.body.pairingCode }) });
      const { token } = (await paired.json()) as { token: string };
      const config = (await (await s.app.request('/kiosk/api/config', { headers: { authorization: `Bearer ${token}` } })).json()) as { youSaidWeDid: { date: string }[] };
      expect(config.youSaidWeDid.map((y) => y.date)).toEqual(['2026-07-15']);
    } finally {
      await s.cleanup();
    }
  });

  it('shows patients only what is done, redacted as for publication', async () => {
    const post = (body: object) => t.send('POST', '/api/v1/you-said', { unit: 'W1', ...body }, t.tokens.matron);
    expect((await post({ youSaid: 'Complaint about Nurse Jane Smith', weDid: 'Investigation pending (HR)', status: 'planned' })).status).toBe(201);
    expect((await post({ youSaid: 'Mrs Ann Lee said her call bell went unanswered', weDid: 'Call bells answered within 5 minutes, ring 07700 900123 if not', status: 'done' })).status).toBe(201);
    const kiosk = await t.send('POST', '/api/v1/kiosks', { unit: 'W1' });
    const { token } = (await (await pairWith(kiosk.body.pairingCode)).json()) as { token: string };
    const config = (await (await asDevice(token, '/kiosk/api/config')).json()) as { youSaidWeDid: { youSaid: string; weDid: string }[] };
    const shown = JSON.stringify(config.youSaidWeDid);
    expect(shown).not.toMatch(/Jane|Smith|Investigation|Ann Lee|07700/);
    expect(config.youSaidWeDid[0]).toMatchObject({ youSaid: 'Mrs [NAME] said her call bell went unanswered', weDid: 'Call bells answered within 5 minutes, ring [PHONE] if not' });
  });
});

describe('static files', () => {
  it('serves NHS.UK styles locally, and nothing outside its folders', async () => {
    const css = await t.app.request('/assets/nhsuk/nhsuk-frontend.min.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toMatch(/text\/css/);
    // Every icon the stylesheet asks for is there (it asks at /assets/images/).
    const icons = [...new Set([...(await css.text()).matchAll(/url\((\/assets\/images\/[^)]+)\)/g)].map((m) => m[1]!))];
    expect(icons.length).toBeGreaterThan(0);
    for (const icon of icons) {
      const res = await t.app.request(icon);
      expect(res.status, icon).toBe(200);
      expect(res.headers.get('content-type'), icon).toMatch(/^image\/svg\+xml/);
    }
    for (const path of ['/assets/images/../../package.json', '/assets/images/%2e%2e/%2e%2e/package.json', '/kiosk/../package.json', '/kiosk/%2e%2e/package.json', '/kiosk/%2e%2e%2fpackage.json', '/assets/nhsuk/../../../package.json', '/kiosk/.hidden', '/kiosk/%E0%A4%A']) {
      expect((await t.app.request(path)).status, path).toBe(404);
    }
  });

  it('serves the NHS.UK stylesheet without the fonts it would fetch from assets.nhs.uk, and the rest of it byte for byte', async () => {
    const original = await readFile(join(NHSUK_DIR, 'nhsuk-frontend-10.6.1.min.css'), 'utf8');
    const fontRules: string[] = [];
    for (let at = original.indexOf('@font-face'); at >= 0; at = original.indexOf('@font-face', at + 1)) fontRules.push(original.slice(at, original.indexOf('}', at) + 1));
    expect(fontRules).toHaveLength(2);
    expect(fontRules.every((rule) => rule.includes('https://assets.nhs.uk/fonts/'))).toBe(true);
    const expected = fontRules.reduce((css, rule) => css.replace(rule, ''), original);
    for (const path of ['/assets/nhsuk/nhsuk-frontend.min.css', '/assets/nhsuk/nhsuk-frontend-10.6.1.min.css']) {
      // Twice: the second answer comes from what was kept.
      for (let i = 0; i < 2; i++) {
        const css = await (await t.app.request(path)).text();
        expect(css).not.toContain('assets.nhs.uk');
        expect(css).toContain('.nhsuk-button{');
        expect(css).toContain('font-family:Frutiger W01,arial,sans-serif');
        expect(css === expected, path).toBe(true);
      }
    }
  });
});
