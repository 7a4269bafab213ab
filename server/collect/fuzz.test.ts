/**
 * Fuzzing the ingestion endpoint: 10,000 generated bodies, near-valid and wild. None may get a
 * 5xx, and a refused body must leave the tables exactly as they were.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import fc from 'fast-check';
import { testApp } from '../testing.ts';

let t: Awaited<ReturnType<typeof testApp>>;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => {
  await t.cleanup();
});

const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string() },
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme' }) },
  { weight: 4, arbitrary: fc.string({ unit: 'binary' }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 4990, maxLength: 5010 }) },
);
const instant = fc.oneof(
  fc.integer({ min: -10 * 60_000, max: 400 * 86_400_000 }).map((ago) => new Date(Date.parse('2026-11-22T10:00:00Z') - ago).toISOString()),
  fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
  fc.constantFrom('2026-11-22T09:00:00+01:00', '2026-11-22T09:00:00', '2026-02-30T10:00:00Z', 'yesterday', ''),
  text,
);

// Mostly right, a little wrong: so that most bodies reach the deeper checks and the write path.
const mostly = <T, U>(good: fc.Arbitrary<T>, bad: fc.Arbitrary<U>) => fc.oneof({ weight: 5, arbitrary: good }, { weight: 1, arbitrary: bad });

const nearValid = fc
  .record(
    {
      id: maybe(mostly(fc.uuid(), text)),
      unit: mostly(fc.constantFrom('W1', 'ED', 'DN'), fc.oneof(fc.constantFrom('NOPE', ' W1 ', ''), text)),
      question: maybe(mostly(fc.constantFrom('fft-2020', 'fft-2013', 'nps-0-10'), fc.oneof(fc.constant('fft-2030'), text))),
      answer: mostly(fc.integer({ min: 1, max: 6 }), fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.constantFrom('1', null, true, [1]))),
      comment: maybe(mostly(text, fc.oneof(fc.constant(null), fc.integer()))),
      channel: mostly(fc.constantFrom('kiosk', 'sms', 'web', 'paper', 'telephone', 'import'), fc.oneof(fc.constant('fax'), text)),
      mode: maybe(mostly(fc.constantFrom('sms', 'online', 'electronic-home', 'paper-home'), fc.oneof(fc.constant('mode sms'), text))),
      answeredAt: maybe(instant),
      language: maybe(mostly(fc.constantFrom('en', 'pl', 'ar', 'zh-Hans', 'cy-GB'), fc.oneof(fc.constant('en_GB'), text))),
      equality: maybe(
        mostly(
          fc.record({ ageBand: maybe(fc.constantFrom('16-24', '85+', 'old')), ethnicity: maybe(fc.constantFrom('A', 'K', 'Z', 'Y')), sex: maybe(fc.constantFrom('female', 'male', 'x')) }, { requiredKeys: [] }),
          fc.anything(),
        ),
      ),
    },
    { requiredKeys: [] },
  )
  .chain((body) => fc.oneof({ weight: 6, arbitrary: fc.constant(body) }, { weight: 1, arbitrary: fc.dictionary(text, fc.jsonValue(), { minKeys: 1, maxKeys: 3 }).map((extra) => ({ ...extra, ...body })) }));

const body = fc.oneof(
  { weight: 6, arbitrary: nearValid.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: fc.array(nearValid, { maxLength: 4 }).map((responses) => JSON.stringify({ responses })) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.oneof(text, fc.json().map((j) => j.slice(0, -1))) },
);
const contentType = fc.oneof(
  { weight: 9, arbitrary: fc.constant('application/json') },
  { weight: 1, arbitrary: fc.constantFrom('text/plain', 'application/json; charset=utf-8', 'application/problem+json', 'multipart/form-data', '') },
);

it('never answers 5xx and never half-writes, over 10,000 bodies', async () => {
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(body, contentType, async (payload, type) => {
      const before = await t.tableState();
      const res = await t.post(payload, t.tokens.integration, { 'content-type': type });
      expect(res.status).toBeLessThan(500);
      if (res.status >= 400) {
        const json = (await res.json()) as { error: { code: string } };
        expect(json.error.code).toEqual(expect.any(String));
        expect(await t.tableState()).toEqual(before);
      } else accepted++;
    }),
    { numRuns: 10_000, seed: 20261122 },
  );
  // The generator must reach the write path too, or the property proves little.
  expect(accepted).toBeGreaterThan(200);
  expect(await t.store.dailyCounts()).toEqual(await t.store.recountDaily());
}, 300_000);
