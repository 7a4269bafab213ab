import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v4 as uuidv4, version as uuidVersion } from 'uuid';
import { testApp } from '../testing.ts';
import { issueToken } from '../auth/tokens.ts';

type T = Awaited<ReturnType<typeof testApp>>;
let t: T;

beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

const valid = (extra: Record<string, unknown> = {}) => ({ unit: 'W1', answer: 1, channel: 'kiosk', ...extra });

async function expectRejected(res: Response, status: number, path?: string) {
  expect(res.status).toBe(status);
  const body = (await res.json()) as { error: { code: string; message: string; issues: { path: string; message: string }[] } };
  expect(body.error.code).toEqual(expect.any(String));
  expect(body.error.message).toEqual(expect.any(String));
  if (path) expect(body.error.issues.map((i) => i.path)).toContain(path);
  return body;
}

describe('POST /api/v1/responses: accepted', () => {
  it('stores a new response (201) and a replay of its id is a duplicate (200)', async () => {
    const id = uuidv4();
    const first = await t.post(valid({ id, comment: 'Lovely staff' }));
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ id, duplicate: false });
    const again = await t.post(valid({ id, comment: 'Lovely staff' }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, duplicate: true });
    expect(await t.store.getResponse(id)).toMatchObject({ unitCode: 'W1', answer: 1, channel: 'kiosk', mode: 'electronic-discharge', question: 'fft-2020', language: 'en', comment: 'Lovely staff' });
  });

  it('refuses an id already used by another unit\'s response (409), alone or in a batch, rather than call it a replay', async () => {
    const id = uuidv4();
    expect((await t.post(valid({ id }))).status).toBe(201);
    const other = await t.post(valid({ id, unit: 'ED' }));
    expect(other.status).toBe(409);
    expect((await other.json()).error).toMatchObject({ code: 'id_conflict', issues: [{ path: 'id' }] });
    const fresh = uuidv4();
    const before = await t.store.countResponses();
    const mixed = await t.post({ responses: [valid({ id: fresh, unit: 'ED' }), valid({ id, unit: 'ED' }), valid({ id })] });
    expect(mixed.status).toBe(409);
    expect((await mixed.json()).error.issues).toEqual([{ path: 'responses.1.id', message: expect.any(String) }]);
    // All or nothing: the fresh one was not stored either.
    expect(await t.store.countResponses()).toBe(before);
    const twice = uuidv4();
    const within = await t.post({ responses: [valid({ id: twice }), valid({ id: twice, unit: 'ED' })] });
    expect(within.status).toBe(409);
    expect(await t.store.getResponse(twice)).toBeUndefined();
    expect((await t.post({ responses: [valid({ id, unit: 'ED' })] })).status).toBe(409);
    expect(await t.store.getResponse(id)).toMatchObject({ unitCode: 'W1' });
  });

  it('takes JSON declared as UTF-8 in any spelling', async () => {
    for (const type of ['application/json; charset=utf-8', 'application/json;charset=UTF8', 'application/json; charset="UTF-8"']) {
      expect((await t.post(valid({ comment: 'café' }), undefined, { 'content-type': type })).status, type).toBe(201);
    }
  });

  it('gives a response without an id a UUIDv7', async () => {
    const res = await t.post(valid());
    const { id } = (await res.json()) as { id: string };
    expect(uuidVersion(id)).toBe(7);
  });

  it('defaults the mode from channel and setting, and the question from the unit', async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{ unit: 'W1', channel: 'kiosk' }, 'electronic-discharge', 'fft-2020'],
      [{ unit: 'ED', channel: 'web' }, 'online', 'fft-2020'],
      [{ unit: 'ED', channel: 'sms' }, 'sms', 'fft-2020'],
      [{ unit: 'DN', channel: 'paper' }, 'paper-discharge', 'fft-2013'],
      [{ unit: 'DN', channel: 'web', mode: 'electronic-home' }, 'electronic-home', 'fft-2013'],
    ];
    for (const [body, mode, question] of cases) {
      const res = await t.post({ answer: 2, ...body });
      expect(res.status).toBe(201);
      const { id } = (await res.json()) as { id: string };
      expect(await t.store.getResponse(id)).toMatchObject({ mode, question });
    }
  });

  it('files a response by its London day: 23:30 UTC on 31 March is 1 April', async () => {
    const res = await t.post(valid({ answeredAt: '2026-03-31T23:30:00Z' }));
    const { id } = (await res.json()) as { id: string };
    expect(await t.store.getResponse(id)).toMatchObject({ answeredAt: '2026-03-31T23:30:00Z', answeredDay: '2026-04-01' });
    const cells = await t.store.dailyCounts({ unitCodes: ['W1'], from: '2026-04-01', to: '2026-04-01' });
    expect(cells).toEqual([{ unitCode: 'W1', day: '2026-04-01', question: 'fft-2020', answer: 1, mode: 'electronic-discharge', flagged: false, count: 1 }]);
  });

  it('moves answer times by the client clock’s error when X-FFT-Sent-At is over a minute off, keeping the offset', async () => {
    // The test clock says 10:00Z. A tablet 10 minutes fast sends an answer given a minute before.
    const fast = uuidv4();
    expect((await t.post(valid({ id: fast, answeredAt: '2026-11-22T10:09:00Z' }), undefined, { 'x-fft-sent-at': '2026-11-22T10:10:00Z' })).status).toBe(201);
    expect(await t.store.getResponse(fast)).toMatchObject({ answeredAt: '2026-11-22T09:59:00.000Z', answeredDay: '2026-11-22' });
    // A tablet reset to last autumn after a flat battery, sending its backlog: an answer of an hour ago, in BST.
    const reset = uuidv4();
    const later = uuidv4();
    const batch = { responses: [valid({ id: reset, answeredAt: '2025-10-01T11:00:00+01:00' }), valid({ id: later, answeredAt: '2025-10-01T11:45:00+01:00' })] };
    expect((await t.post(batch, undefined, { 'x-fft-sent-at': '2025-10-01T12:00:00+01:00' })).status).toBe(201);
    expect(await t.store.getResponse(reset)).toMatchObject({ answeredAt: '2026-11-22T10:00:00.000+01:00', answeredDay: '2026-11-22' });
    expect(await t.store.getResponse(later)).toMatchObject({ answeredAt: '2026-11-22T10:45:00.000+01:00' });
    // Within a minute: the answer's own time is kept exactly as sent.
    const near = uuidv4();
    expect((await t.post(valid({ id: near, answeredAt: '2026-11-22T09:30:00+05:30' }), undefined, { 'x-fft-sent-at': '2026-11-22T10:00:40Z' })).status).toBe(201);
    expect(await t.store.getResponse(near)).toMatchObject({ answeredAt: '2026-11-22T09:30:00+05:30' });
    // Without the header, a fast clock's answer is still refused, as before.
    expect((await t.post(valid({ answeredAt: '2026-11-22T10:09:00Z' }))).status).toBe(400);
  });

  it('keeps any language intact and strips control characters', async () => {
    const comment = 'شكراً جزيلاً 🙏🏽 — personel był miły\n👨‍👩‍👧 দারুণ\u0000\u0007\u001b[31m';
    const res = await t.post(valid({ comment, language: 'ar', equality: { ageBand: '65-74', ethnicity: 'K', completedBy: 'with-help' } }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    expect(await t.store.getResponse(id)).toMatchObject({
      comment: 'شكراً جزيلاً 🙏🏽 — personel był miły\n👨‍👩‍👧 দারুণ[31m',
      language: 'ar',
      ageBand: '65-74',
      ethnicity: 'K',
      completedBy: 'with-help',
    });
  });

  it('accepts a 5,000-character comment counted in characters, not bytes', async () => {
    const res = await t.post(valid({ comment: '😊'.repeat(5000) }));
    expect(res.status).toBe(201);
  });

  it('accepts answers 0–10 for the NPS question', async () => {
    expect((await t.post(valid({ question: 'nps-0-10', answer: 0 }))).status).toBe(201);
    expect((await t.post(valid({ question: 'nps-0-10', answer: 10 }))).status).toBe(201);
  });

  it('answers a batch per item and counts each new response once', async () => {
    const ids = [uuidv4(), uuidv4(), uuidv4()];
    const body = { responses: ids.map((id, i) => valid({ id, answer: i + 1 })) };
    const first = await t.post(body);
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ results: ids.map((id) => ({ id, duplicate: false })) });
    const replay = await t.post(body);
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ results: ids.map((id) => ({ id, duplicate: true })) });
  });

  it('stores one row when the same id arrives many times at once', async () => {
    const id = uuidv4();
    const before = await t.tableState();
    const results = await Promise.all(Array.from({ length: 25 }, () => t.post(valid({ id, answer: 3 }))));
    const statuses = results.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 200)).toHaveLength(24);
    const after = await t.tableState();
    expect(after.responses).toBe(before.responses + 1);
    expect(after.rollup).toBe(before.rollup + 1);
    expect(await t.store.dailyCounts()).toEqual(await t.store.recountDaily());
  });

  it('lets an integration token scoped to a site write only there', async () => {
    expect((await t.post({ unit: 'DN', answer: 1, channel: 'import' }, t.tokens.scopedIntegration)).status).toBe(201);
    await expectRejected(await t.post({ unit: 'W1', answer: 1, channel: 'import' }, t.tokens.scopedIntegration), 403, 'unit');
  });
});

describe('POST /api/v1/responses: refused, and nothing written', () => {
  const cases: [string, () => Response | Promise<Response>, number, string?][] = [
    ['unknown unit', () => t.post(valid({ unit: 'NOPE' })), 404, 'unit'],
    ['answer outside the question version', () => t.post(valid({ answer: 7 })), 400, 'answer'],
    ['answer 0 for fft-2020', () => t.post(valid({ answer: 0 })), 400, 'answer'],
    ['answer 6 for the 0–10 question is fine but 11 is not', () => t.post(valid({ question: 'nps-0-10', answer: 11 })), 400, 'answer'],
    ['non-integer answer', () => t.post(valid({ answer: 1.5 })), 400, 'answer'],
    ['answer as a string', () => t.post(valid({ answer: '1' })), 400, 'answer'],
    ['unknown field', () => t.post(valid({ nhsNumber: '9434765919' })), 400, 'nhsNumber'],
    ['unknown equality field', () => t.post(valid({ equality: { religion: 'x' } })), 400, 'equality.religion'],
    ['bad ethnic code', () => t.post(valid({ equality: { ethnicity: 'Q' } })), 400, 'equality.ethnicity'],
    ['comment over 5,000 characters', () => t.post(valid({ comment: 'a'.repeat(5001) })), 400, 'comment'],
    ['answeredAt more than 5 minutes ahead', () => t.post(valid({ answeredAt: '2026-11-22T10:06:00Z' })), 400, 'answeredAt'],
    ['answeredAt over a year old', () => t.post(valid({ answeredAt: '2025-11-21T09:00:00Z' })), 400, 'answeredAt'],
    ['answeredAt without an offset', () => t.post(valid({ answeredAt: '2026-11-22T09:00:00' })), 400, 'answeredAt'],
    ['bad id', () => t.post(valid({ id: 'not-a-uuid' })), 400, 'id'],
    ['an X-FFT-Sent-At that is not an ISO time with an offset', () => t.post(valid(), undefined, { 'x-fft-sent-at': '2026-11-22 10:00' }), 400, 'headers.x-fft-sent-at'],
    ['unknown channel', () => t.post(valid({ channel: 'pigeon' })), 400, 'channel'],
    ['unknown mode', () => t.post(valid({ mode: 'carrier-pigeon' })), 400, 'mode'],
    ['bad language tag', () => t.post(valid({ language: 'english please' })), 400, 'language'],
    ['missing unit', () => t.post({ answer: 1, channel: 'kiosk' }), 400, 'unit'],
    ['a JSON array', () => t.post([valid()]), 400],
    ['JSON null', () => t.post('null'), 400],
    ['malformed JSON', () => t.post('{"unit": "W1", '), 400],
    ['not JSON', () => t.post('unit=W1&answer=1', undefined, { 'content-type': 'application/x-www-form-urlencoded' }), 415],
    ['JSON declared in Latin-1', () => t.post(valid({ comment: 'café' }), undefined, { 'content-type': 'application/json; charset=iso-8859-1' }), 415],
    ['no content type', () => t.app.request('/api/v1/responses', { method: 'POST', headers: { authorization: `Bearer ${t.tokens.integration}` }, body: '{}' }), 415],
    ['body over 1 MB', () => t.post(JSON.stringify(valid({ comment: 'x'.repeat(1024 * 1024) }))), 413],
    ['an empty batch', () => t.post({ responses: [] }), 400, 'responses'],
    ['a batch of 501', () => t.post({ responses: Array.from({ length: 501 }, () => valid()) }), 400, 'responses'],
    ['a batch with one bad item', () => t.post({ responses: [valid(), valid({ answer: 9 }), valid()] }), 400, 'responses.1.answer'],
    ['a batch with an unknown unit', () => t.post({ responses: [valid(), valid({ unit: 'NOPE' })] }), 404, 'responses.1.unit'],
    ['a kiosk token for another unit', () => t.post(valid({ unit: 'ED' }), t.tokens.kiosk), 403, 'unit'],
    ['a kiosk token for an unknown unit (no hint it does not exist)', () => t.post(valid({ unit: 'NOPE' }), t.tokens.kiosk), 403, 'unit'],
    ['a matron token', () => t.post(valid(), t.tokens.matron), 403],
    ['no token', () => t.post(valid(), null), 401],
    ['a made-up token', () => t.post(valid(), 'fft_not-a-real-token'), 401],
    ['a Basic header', () => t.post(valid(), null, { authorization: 'Basic dXNlcjpwYXNz' }), 401],
  ];

  for (const [name, send, status, path] of cases) {
    it(`${name} → ${status}`, async () => {
      const before = await t.tableState();
      await expectRejected(await send(), status, path);
      expect(await t.tableState()).toEqual(before);
    });
  }

  it('a revoked token → 401', async () => {
    const { token, record } = await issueToken(t.store, t.clock, { role: 'kiosk', scopes: ['unit:W1'] });
    expect((await t.post(valid(), token)).status).toBe(201);
    await t.store.revokeToken(record.id, t.clock().toISOString());
    await expectRejected(await t.post(valid(), token), 401);
  });

  it('a kiosk token may write its own unit', async () => {
    expect((await t.post(valid(), t.tokens.kiosk)).status).toBe(201);
  });
});

describe('rollups', () => {
  it('equal a recount of the responses after all of the above', async () => {
    expect(await t.store.dailyCounts()).toEqual(await t.store.recountDaily());
  });
});

describe('health', () => {
  it('answers /healthz and /readyz', async () => {
    expect(await (await t.app.request('/healthz')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.request('/readyz');
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready', database: 'sqlite' });
  });

  it('says not ready when the database is gone', async () => {
    const other = await testApp();
    await other.store.close();
    const res = await other.app.request('/readyz');
    expect(res.status).toBe(503);
    await other.cleanup();
  });
});
