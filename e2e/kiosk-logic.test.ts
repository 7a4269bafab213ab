/**
 * The ward tablet's pure logic, run in Node against the very files the browser loads
 * (kiosk/app/*.js are plain ES modules with no DOM in them): back-off, batching and the
 * all-or-nothing fallback, the retry scheduler, the idle timer, the equality codes, and the
 * translations' key parity.
 */
import { createHash, randomFillSync } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AGE_BANDS, COMPLETED_BY, DISABILITY, ETHNIC_CODES, SEXES } from '../analytics/fft.ts';

const APP = fileURLToPath(new URL('../kiosk/app/', import.meta.url));

/** Plain JS modules have no type declarations: these describe the parts the tests use. */
type OutboxItem = { id: string; unit: string; queuedAt: number; response: Record<string, unknown> };
type Reply = { status: number; body?: unknown; retryAfterMs?: number };
type DeliverResult = { outcome: string; delivered: number; rejected: number; retryAfterMs?: number };
type Timers = { setTimeout(fn: () => void, ms: number): number; clearTimeout(id: number | null): void };
interface Delivery {
  BATCH_SIZE: number;
  BACKOFF: { baseMs: number; maxMs: number; jitter: number };
  backoffDelay(attempt: number, random?: () => number): number;
  toBatches<T>(items: T[], size?: number): T[][];
  classifyStatus(status: number): string;
  parseRetryAfter(value: string | null, now?: number): number | undefined;
  deliver(options: {
    items: OutboxItem[];
    send(responses: unknown[]): Promise<Reply>;
    onDelivered(ids: string[]): Promise<void>;
    onRejected(item: OutboxItem, refusal: { status: number; error: unknown }): Promise<void>;
    batchSize?: number;
  }): Promise<DeliverResult>;
  createRetryScheduler(options: { run(): Promise<{ outcome: string; retryAfterMs?: number }>; onOutcome?(result: unknown): void; random?: () => number; timers?: Timers }): {
    now(options?: { resetBackoff?: boolean }): Promise<void>;
    stop(): void;
    readonly attempt: number;
    readonly pending: boolean;
  };
  isoWithOffset(date: Date): string;
  newResponseId(cryptoImpl?: { randomUUID?: () => string; getRandomValues(bytes: Uint8Array): Uint8Array }): string;
}
interface Idle {
  WARNING_MS: number;
  idleSchedule(seconds: number): { warnMs: number; resetMs: number };
  createIdleTimer(options: { idleSeconds?: number; onWarn?(seconds: number): void; onReset?(): void; timers?: Timers }): {
    poke(): void;
    stop(): void;
    setIdleSeconds(seconds: number): void;
    readonly armed: boolean;
  };
}
interface I18n {
  LANGUAGES: Array<{ code: string; name: string; english: string }>;
  LANGUAGE_CODES: string[];
  RTL_LANGUAGES: string[];
  REQUIRED_KEYS: string[];
  ENGLISH_FALLBACK_KEYS: string[];
  NPS_ENDS: number[];
  answerCodes(version: string): number[];
  answerKey(version: string, code: number | string, easyRead: boolean): string;
  format(template: string, values?: Record<string, unknown>): string;
  translator(dictionary: Record<string, string>, fallback?: Record<string, string>): ((key: string, values?: Record<string, unknown>) => string) & { isFallback(key: string): boolean };
  questionText(t: (key: string, values?: Record<string, unknown>) => string, unit: { question?: string; setting?: string } | null, easyRead: boolean): string;
  questionVersion(question: string | undefined): string;
  serviceKind(setting: string): string;
  waitingLabel(t: (key: string, values?: Record<string, unknown>) => string, n: number): string;
  loadDictionary(code: string, options: { fetchFn: (url: string) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>; base?: string }): Promise<Record<string, string>>;
}
interface Equality {
  AGE_BANDS: string[];
  SEXES: string[];
  ETHNIC_CODES: string[];
  DISABILITY: string[];
  COMPLETED_BY: string[];
  EQUALITY_QUESTIONS: Array<{ field: string; prefix: string; codes: string[] }>;
  equalityKeys(): string[];
  equalityFromChoices(choices: Record<string, string>): Record<string, string> | undefined;
}
interface KioskStore {
  kind: string;
  getMeta(key: string): Promise<unknown>;
  setMeta(key: string, value: unknown): Promise<void>;
  addToOutbox(record: OutboxItem): Promise<string>;
  outboxItems(unit?: string): Promise<OutboxItem[]>;
  rejectedItems(): Promise<Array<OutboxItem & { refusal: { status: number } }>>;
  counts(): Promise<{ outbox: number; rejected: number }>;
}
interface Db {
  openKioskStore(options?: { factory?: unknown }): Promise<KioskStore>;
}
type FetchFn = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string }) => Promise<Response>;
interface Sender {
  flushOutbox(options: { store: KioskStore; fetchFn: FetchFn; origin?: string; locks?: null }): Promise<DeliverResult>;
  sendHeartbeat(options: { store: KioskStore; fetchFn: FetchFn; origin?: string }): Promise<number>;
  pairTablet(options: { store: KioskStore; fetchFn: FetchFn; origin?: string; code: string }): Promise<{ ok: boolean; reason?: string; unit?: unknown }>;
  fetchConfig(options: { store: KioskStore; fetchFn: FetchFn; origin?: string }): Promise<{ ok: boolean; revoked?: boolean }>;
}

// A variable specifier keeps TypeScript from looking for declarations of the plain JS files.
const load = <T>(name: string): Promise<T> => import(/* @vite-ignore */ new URL(`../kiosk/app/${name}`, import.meta.url).href) as Promise<T>;
const delivery = await load<Delivery>('delivery.js');
const idle = await load<Idle>('idle.js');
const i18n = await load<I18n>('i18n.js');
const equality = await load<Equality>('equality.js');
const db = await load<Db>('db.js');
const sender = await load<Sender>('sender.js');

/** Timers you move by hand. */
function fakeTimers() {
  let now = 0;
  let nextId = 1;
  const due = new Map<number, { at: number; fn: () => void }>();
  return {
    setTimeout(fn: () => void, ms: number) {
      const id = nextId++;
      due.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimeout(id: number | null) {
      if (id !== null) due.delete(id);
    },
    /** Runs every timer due within `ms`, in order. */
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        const next = [...due.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        due.delete(next[0]);
        now = next[1].at;
        next[1].fn();
        await new Promise((resolve) => setImmediate(resolve));
      }
      now = until;
    },
    get pendingDelays() {
      return [...due.values()].map((t) => t.at - now);
    },
  };
}

function item(n: number, unit = 'RZZ01-W04', extra: Record<string, unknown> = {}): OutboxItem {
  const id = `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  return { id, unit, queuedAt: n, response: { id, unit, answer: 1, channel: 'kiosk', answeredAt: '2026-11-22T09:30:00.000+00:00', language: 'en', question: 'fft-2020', ...extra } };
}

const accepted = (responses: unknown[]): Reply => ({ status: 201, body: { results: (responses as Array<{ id: string }>).map((r) => ({ id: r.id, duplicate: false })) } });

describe('back-off', () => {
  it('starts at 2 s, doubles, and stops at 5 minutes', () => {
    const middle = () => 0.5;
    const delays = Array.from({ length: 12 }, (_, attempt) => delivery.backoffDelay(attempt, middle));
    expect(delays.slice(0, 8)).toEqual([2_000, 4_000, 8_000, 16_000, 32_000, 64_000, 128_000, 256_000]);
    expect(delays.slice(8)).toEqual([300_000, 300_000, 300_000, 300_000]);
  });

  it('jitters by ±20 % so tablets on one ward do not retry in step, never beyond the cap', () => {
    expect(delivery.backoffDelay(0, () => 0)).toBe(1_600);
    expect(delivery.backoffDelay(0, () => 0.999_999)).toBe(2_400);
    expect(delivery.backoffDelay(20, () => 0)).toBe(240_000);
    expect(delivery.backoffDelay(20, () => 0.999_999)).toBe(300_000);
    for (let attempt = 0; attempt < 40; attempt++) {
      const d = delivery.backoffDelay(attempt);
      expect(d).toBeGreaterThanOrEqual(1_600);
      expect(d).toBeLessThanOrEqual(300_000);
    }
  });

  it('reads Retry-After in seconds or as a date, and caps it', () => {
    expect(delivery.parseRetryAfter('30')).toBe(30_000);
    expect(delivery.parseRetryAfter(new Date(60_000).toUTCString(), 0)).toBe(60_000);
    expect(delivery.parseRetryAfter('999999')).toBe(15 * 60_000);
    expect(delivery.parseRetryAfter(null)).toBeUndefined();
    expect(delivery.parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('batches', () => {
  it('splits the outbox in order into batches of at most 50', () => {
    const items = Array.from({ length: 120 }, (_, i) => i);
    const batches = delivery.toBatches(items);
    expect(batches.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(batches.flat()).toEqual(items);
    expect(delivery.toBatches([])).toEqual([]);
    expect(() => delivery.toBatches(items, 0)).toThrow(RangeError);
  });

  it('classifies replies as the contract says', () => {
    expect([200, 201].map(delivery.classifyStatus)).toEqual(['delivered', 'delivered']);
    expect(delivery.classifyStatus(401)).toBe('revoked');
    expect([400, 403, 404, 413, 415].map(delivery.classifyStatus)).toEqual(Array(5).fill('refused'));
    expect([429, 408, 500, 502, 503, 504].map(delivery.classifyStatus)).toEqual(Array(6).fill('retry'));
  });
});

describe('deliver', () => {
  async function run(items: OutboxItem[], send: (responses: unknown[]) => Promise<Reply>) {
    const delivered: string[] = [];
    const rejected: Array<{ id: string; status: number }> = [];
    const sent: unknown[][] = [];
    const result = await delivery.deliver({
      items,
      send: (responses) => {
        sent.push(responses);
        return send(responses);
      },
      onDelivered: async (ids) => void delivered.push(...ids),
      onRejected: async (outboxItem, refusal) => void rejected.push({ id: outboxItem.id, status: refusal.status }),
    });
    return { result, delivered, rejected, sent };
  }

  it('sends everything in batches of 50 and removes what the server names', async () => {
    const items = Array.from({ length: 120 }, (_, i) => item(i));
    const { result, delivered, sent } = await run(items, async (r) => accepted(r));
    expect(result).toMatchObject({ outcome: 'done', delivered: 120, rejected: 0 });
    expect(sent.map((b) => b.length)).toEqual([50, 50, 20]);
    expect(delivered).toEqual(items.map((i) => i.id));
  });

  it('counts a duplicate as delivered', async () => {
    const { result, delivered } = await run([item(1)], async () => ({ status: 200, body: { results: [{ id: item(1).id, duplicate: true }] } }));
    expect(result.outcome).toBe('done');
    expect(delivered).toEqual([item(1).id]);
  });

  it('when a batch is refused, resends one by one and moves only the refused answer to rejected', async () => {
    const items = [item(1), item(2, 'RZZ01-W04', { answer: 9 }), item(3)];
    const { result, delivered, rejected, sent } = await run(items, async (responses) => {
      const bad = (responses as Array<{ answer: number }>).some((r) => r.answer === 9);
      return bad ? { status: 400, body: { error: { code: 'invalid', message: 'answer', issues: [] } } } : accepted(responses);
    });
    expect(result).toMatchObject({ outcome: 'done', delivered: 2, rejected: 1 });
    expect(sent.map((b) => b.length)).toEqual([3, 1, 1, 1]);
    expect(delivered).toEqual([item(1).id, item(3).id]);
    expect(rejected).toEqual([{ id: item(2).id, status: 400 }]);
  });

  it.each([403, 404, 413])('treats %i on a batch the same way', async (status) => {
    const { result, rejected, delivered } = await run([item(1), item(2)], async (responses) => (responses.length > 1 ? { status } : accepted(responses)));
    expect(result.outcome).toBe('done');
    expect(delivered).toHaveLength(2);
    expect(rejected).toEqual([]);
  });

  it('rejects an answer only on the service\'s own refusal, not on a proxy\'s bare 4xx', async () => {
    const { result, delivered, rejected } = await run([item(1), item(2)], async () => ({ status: 404, body: null }));
    expect(result.outcome).toBe('retry');
    expect(delivered).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('keeps everything and asks for a retry on a network failure, 429 or 5xx', async () => {
    for (const send of [
      async (): Promise<Reply> => {
        throw new TypeError('Failed to fetch');
      },
      async (): Promise<Reply> => ({ status: 429, retryAfterMs: 30_000 }),
      async (): Promise<Reply> => ({ status: 503 }),
    ]) {
      const { result, delivered, rejected } = await run([item(1), item(2)], send);
      expect(result.outcome).toBe('retry');
      expect(delivered).toEqual([]);
      expect(rejected).toEqual([]);
    }
    const { result } = await run([item(1)], async () => ({ status: 429, retryAfterMs: 30_000 }));
    expect(result.retryAfterMs).toBe(30_000);
  });

  it('stops at once on 401 and keeps the outbox', async () => {
    const { result, delivered, rejected, sent } = await run([item(1), ...Array.from({ length: 60 }, (_, i) => item(i + 2))], async () => ({ status: 401 }));
    expect(result.outcome).toBe('revoked');
    expect(sent).toHaveLength(1);
    expect(delivered).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it('never drops answers on a "200 OK" that does not name them (a captive portal, a proxy)', async () => {
    const { result, delivered } = await run([item(1), item(2)], async () => ({ status: 200, body: null }));
    expect(result.outcome).toBe('retry');
    expect(delivered).toEqual([]);
  });

  it('keeps what was already delivered when the network fails part way through the one-by-one resend', async () => {
    let calls = 0;
    const { result, delivered, rejected } = await run([item(1), item(2), item(3)], async (responses) => {
      calls += 1;
      if (calls === 1) return { status: 413 };
      if (calls === 2) return accepted(responses);
      throw new TypeError('Failed to fetch');
    });
    expect(result.outcome).toBe('retry');
    expect(delivered).toEqual([item(1).id]);
    expect(rejected).toEqual([]);
  });
});

describe('retry scheduler', () => {
  it('backs off after failures, resets after a success, and honours Retry-After', async () => {
    const timers = fakeTimers();
    const outcomes = [{ outcome: 'retry' }, { outcome: 'retry' }, { outcome: 'retry', retryAfterMs: 60_000 }, { outcome: 'done', delivered: 1, rejected: 0 }];
    let runs = 0;
    const scheduler = delivery.createRetryScheduler({ run: async () => outcomes[runs++] ?? { outcome: 'done' }, random: () => 0.5, timers });
    await scheduler.now();
    expect(runs).toBe(1);
    expect(timers.pendingDelays).toEqual([2_000]);
    await timers.advance(2_000);
    expect(runs).toBe(2);
    expect(timers.pendingDelays).toEqual([4_000]);
    await timers.advance(4_000);
    expect(runs).toBe(3);
    expect(timers.pendingDelays).toEqual([60_000]);
    await timers.advance(60_000);
    expect(runs).toBe(4);
    expect(timers.pendingDelays).toEqual([]);
    expect(scheduler.attempt).toBe(0);
  });

  it('runs one flush at a time and runs again if asked while busy', async () => {
    const timers = fakeTimers();
    let release: () => void = () => {};
    let runs = 0;
    const scheduler = delivery.createRetryScheduler({
      run: () => {
        runs += 1;
        return runs === 1 ? new Promise((resolve) => (release = () => resolve({ outcome: 'done' }))) : Promise.resolve({ outcome: 'done' });
      },
      timers,
    });
    const first = scheduler.now();
    await scheduler.now();
    expect(runs).toBe(1);
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(runs).toBe(2);
  });

  it('"online" skips the wait: now() with resetBackoff runs at once and starts the back-off again', async () => {
    const timers = fakeTimers();
    let runs = 0;
    const scheduler = delivery.createRetryScheduler({ run: async () => (runs++ < 3 ? { outcome: 'retry' } : { outcome: 'done' }), random: () => 0.5, timers });
    await scheduler.now();
    await timers.advance(2_000);
    await timers.advance(4_000);
    expect(scheduler.attempt).toBe(3);
    await scheduler.now({ resetBackoff: true });
    expect(runs).toBe(4);
    expect(scheduler.attempt).toBe(0);
    expect(scheduler.pending).toBe(false);
  });

  it('waits briefly, without counting a failure, while the service worker holds the outbox', async () => {
    const timers = fakeTimers();
    let runs = 0;
    const scheduler = delivery.createRetryScheduler({ run: async () => (runs++ === 0 ? { outcome: 'busy' } : { outcome: 'done' }), timers });
    await scheduler.now();
    expect(timers.pendingDelays).toEqual([2_000]);
    expect(scheduler.attempt).toBe(0);
    await timers.advance(2_000);
    expect(runs).toBe(2);
  });
});

describe('idle timer', () => {
  it('warns 20 s before clearing, with idleSeconds from the server', async () => {
    expect(idle.idleSchedule(60)).toEqual({ warnMs: 40_000, resetMs: 60_000 });
    expect(idle.idleSchedule(90)).toEqual({ warnMs: 70_000, resetMs: 90_000 });
    expect(idle.idleSchedule(Number.NaN)).toEqual({ warnMs: 40_000, resetMs: 60_000 });
    const timers = fakeTimers();
    const events: string[] = [];
    const timer = idle.createIdleTimer({ idleSeconds: 60, onWarn: (s) => events.push(`warn ${s}`), onReset: () => events.push('reset'), timers });
    timer.poke();
    await timers.advance(39_999);
    expect(events).toEqual([]);
    await timers.advance(1);
    expect(events).toEqual(['warn 20']);
    await timers.advance(20_000);
    expect(events).toEqual(['warn 20', 'reset']);
    expect(timer.armed).toBe(false);
  });

  it('starts again on every touch, and stays quiet once stopped', async () => {
    const timers = fakeTimers();
    const events: string[] = [];
    const timer = idle.createIdleTimer({ idleSeconds: 60, onWarn: () => events.push('warn'), onReset: () => events.push('reset'), timers });
    timer.poke();
    await timers.advance(30_000);
    timer.poke();
    await timers.advance(30_000);
    expect(events).toEqual([]);
    await timers.advance(30_000);
    expect(events).toEqual(['warn', 'reset']);
    timer.poke();
    timer.stop();
    await timers.advance(120_000);
    expect(events).toEqual(['warn', 'reset']);
    timer.setIdleSeconds(30);
    timer.poke();
    await timers.advance(30_000);
    expect(events).toEqual(['warn', 'reset', 'warn', 'reset']);
  });
});

describe('equality codes', () => {
  it('are exactly the codes the server takes (analytics/fft.ts)', () => {
    expect(equality.AGE_BANDS).toEqual([...AGE_BANDS]);
    expect(equality.SEXES).toEqual([...SEXES]);
    expect(equality.ETHNIC_CODES).toEqual([...ETHNIC_CODES]);
    expect(equality.DISABILITY).toEqual([...DISABILITY]);
    expect(equality.COMPLETED_BY).toEqual([...COMPLETED_BY]);
  });

  it('every question has a "prefer not to say" option', () => {
    for (const question of equality.EQUALITY_QUESTIONS) {
      expect(question.codes.some((code) => code === 'prefer-not-to-say' || (question.field === 'ethnicity' && code === 'Z'))).toBe(true);
    }
  });

  it('keeps only known codes and leaves equality out when nothing was chosen', () => {
    expect(equality.equalityFromChoices({})).toBeUndefined();
    expect(equality.equalityFromChoices({ ageBand: '65-74', ethnicity: 'Z', sex: 'robot' })).toEqual({ ageBand: '65-74', ethnicity: 'Z' });
  });
});

const files = Object.fromEntries(
  await Promise.all(i18n.LANGUAGE_CODES.map(async (code) => [code, JSON.parse(await readFile(join(APP, 'i18n', `${code}.json`), 'utf8')) as Record<string, unknown>] as const)),
);

describe('translations', () => {
  const en = files.en as Record<string, string>;
  const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

  it('has one file for each of the 12 languages, and no others', async () => {
    const onDisk = (await readdir(join(APP, 'i18n'))).filter((name) => name.endsWith('.json')).map((name) => name.slice(0, -5)).sort();
    expect(onDisk).toEqual([...i18n.LANGUAGE_CODES].sort());
    expect(i18n.LANGUAGE_CODES).toEqual(['en', 'pl', 'ur', 'bn', 'pa', 'gu', 'ar', 'ro', 'pt', 'so', 'zh', 'cy']);
  });

  it('English has every key the app and the equality questions use', () => {
    for (const key of [...i18n.REQUIRED_KEYS, ...equality.equalityKeys()]) expect(en, key).toHaveProperty([key]);
  });

  it.each(i18n.LANGUAGE_CODES)('%s has the same keys as English, all non-empty strings, with the same placeholders', (code) => {
    const dictionary = files[code];
    // Only the keys listed as falling back to English may be left out.
    const expected = Object.keys(en).filter((key) => key in dictionary || !i18n.ENGLISH_FALLBACK_KEYS.includes(key));
    expect(Object.keys(dictionary).sort()).toEqual(expected.sort());
    for (const [key, value] of Object.entries(dictionary)) {
      expect(typeof value, `${code} ${key}`).toBe('string');
      expect((value as string).trim(), `${code} ${key}`).not.toBe('');
      expect(placeholders(value as string), `${code} ${key}`).toEqual(placeholders(en[key]));
    }
  });

  it.each(i18n.LANGUAGES.map((language) => [language.code, language.name]))('%s names itself %s and has the right direction', (code, name) => {
    expect(files[code].languageName).toBe(name);
    expect(files[code].dir).toBe(i18n.RTL_LANGUAGES.includes(code) ? 'rtl' : 'ltr');
  });

  it('words the 2013 question with the service noun for every setting, in every language', () => {
    const settings = ['inpatient', 'daycase', 'ae', 'maternity-birth', 'outpatient', 'community', 'mental-health', 'ambulance-pts', 'gp', 'dental', 'staff'];
    for (const code of i18n.LANGUAGE_CODES) {
      const t = i18n.translator(files[code] as Record<string, string>, en);
      for (const setting of settings) {
        for (const easyRead of [false, true]) {
          const text = i18n.questionText(t, { question: 'fft-2013', setting }, easyRead);
          expect(text, `${code} ${setting}`).not.toMatch(/[{}]/);
        }
      }
    }
    const t = i18n.translator(en);
    expect(i18n.questionText(t, { question: 'fft-2013', setting: 'ae' }, false)).toBe(
      'How likely are you to recommend our A&E department to friends and family if they needed similar care or treatment?',
    );
    expect(i18n.questionText(t, { question: 'fft-2020', setting: 'ae' }, false)).toBe('Overall, how was your experience of our service?');
    expect(i18n.questionText(t, { question: 'fft-2020', setting: 'ae' }, true)).toBe('How was your visit?');
  });

  it('asks a unit its own question: fft-2013 and nps-0-10 as they are, anything else fft-2020', () => {
    expect(i18n.questionVersion('fft-2020')).toBe('fft-2020');
    expect(i18n.questionVersion('fft-2013')).toBe('fft-2013');
    expect(i18n.questionVersion('nps-0-10')).toBe('nps-0-10');
    expect(i18n.questionVersion(undefined)).toBe('fft-2020');
    expect(i18n.questionVersion('something-else')).toBe('fft-2020');
    expect(i18n.answerCodes('fft-2020')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(i18n.answerCodes('fft-2013')).toEqual([1, 2, 3, 4, 5, 6]);
    expect(i18n.answerCodes('nps-0-10')).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it('words the 0–10 question and its two ends in every language, in English where not yet translated', () => {
    const t = i18n.translator(en);
    expect(i18n.questionText(t, { question: 'nps-0-10', setting: 'inpatient' }, false)).toBe(
      'How likely are you to recommend our ward to friends and family if they needed similar care or treatment?',
    );
    expect(i18n.NPS_ENDS.map((code) => t(i18n.answerKey('nps-0-10', code, false)))).toEqual(['Not at all likely', 'Extremely likely']);
    for (const code of i18n.LANGUAGE_CODES) {
      const tl = i18n.translator(files[code] as Record<string, string>, en);
      for (const easyRead of [false, true]) {
        const text = i18n.questionText(tl, { question: 'nps-0-10', setting: 'ae' }, easyRead);
        expect(text, `${code} ${easyRead}`).not.toMatch(/[{}]|nps-0-10/);
        for (const end of i18n.NPS_ENDS) {
          const key = i18n.answerKey('nps-0-10', end, easyRead);
          expect(tl(key), `${code} ${key}`).not.toBe(key);
          expect(tl.isFallback(key), `${code} ${key}`).toBe(!(key in files[code]));
        }
      }
    }
    // The 2013 question, word for word, and its "Extremely likely", already translated.
    for (const code of i18n.LANGUAGE_CODES) {
      expect(files[code]['nps-0-10.question'], code).toBe(files[code]['fft-2013.question']);
      expect(files[code]['nps-0-10.10'], code).toBe(files[code]['fft-2013.1']);
    }
  });

  it('labels the staff indicator in the singular and plural', () => {
    const t = i18n.translator(en);
    expect(i18n.waitingLabel(t, 1)).toBe('1 answer waiting to send');
    expect(i18n.waitingLabel(t, 12)).toBe('12 answers waiting to send');
  });

  it('loads a dictionary through the fetch it is given', async () => {
    const urls: string[] = [];
    const dictionary = await i18n.loadDictionary('cy', {
      base: 'http://tablet.test/kiosk/app.js',
      fetchFn: async (url) => {
        urls.push(url);
        return { ok: true, status: 200, json: async () => files.cy };
      },
    });
    expect(urls).toEqual(['http://tablet.test/kiosk/i18n/cy.json']);
    expect(dictionary.languageName).toBe('Cymraeg');
    await expect(i18n.loadDictionary('xx', { fetchFn: async () => ({ ok: true, status: 200, json: async () => ({}) }) })).rejects.toThrow(RangeError);
  });
});

describe('sending from the outbox (sender.js over the in-memory store)', () => {
  const unit = { code: 'RZZ01-W04', name: 'Ward 4', question: 'fft-2020', setting: 'inpatient' };

  function fakeServer(handler: (path: string, body: unknown, headers: Record<string, string>) => { status: number; body?: unknown; headers?: Record<string, string> } | 'offline') {
    const calls: Array<{ path: string; body: unknown; authorization?: string; sentAt?: string }> = [];
    const fetchFn: FetchFn = async (url, init = {}) => {
      const path = new URL(url).pathname;
      const body = init.body ? JSON.parse(init.body) : undefined;
      const headers = init.headers ?? {};
      calls.push({ path, body, authorization: headers.authorization, sentAt: headers['x-fft-sent-at'] });
      const reply = handler(path, body, headers);
      if (reply === 'offline') throw new TypeError('Failed to fetch');
      return new Response(reply.body === undefined ? null : JSON.stringify(reply.body), { status: reply.status, headers: reply.headers });
    };
    return { fetchFn, calls };
  }

  async function pairedStore() {
    const store = await db.openKioskStore({ factory: null });
    await store.setMeta('token', 'fft_test');
    await store.setMeta('unit', unit);
    return store;
  }

  it('sends this unit\'s answers with the device token, and holds another unit\'s until paired back', async () => {
    const store = await pairedStore();
    expect(store.kind).toBe('memory');
    await store.addToOutbox(item(1));
    await store.addToOutbox(item(2, 'RZZ01-W09'));
    await store.addToOutbox(item(3));
    const server = fakeServer((path, body) => (path === '/api/v1/responses' ? accepted((body as { responses: unknown[] }).responses) : { status: 204 }));
    const result = await sender.flushOutbox({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test', locks: null });
    expect(result).toMatchObject({ outcome: 'done', delivered: 2 });
    expect(server.calls[0]).toMatchObject({ path: '/api/v1/responses', authorization: 'Bearer fft_test' });
    // The tablet's own clock as it sends, so the server can correct answer times if that clock is wrong.
    expect(Math.abs(Date.parse(server.calls[0].sentAt!) - Date.now())).toBeLessThan(60_000);
    expect((server.calls[0].body as { responses: Array<{ id: string }> }).responses.map((r) => r.id)).toEqual([item(1).id, item(3).id]);
    expect((await store.outboxItems()).map((i) => i.unit)).toEqual(['RZZ01-W09']);
    expect(await store.counts()).toEqual({ outbox: 1, rejected: 0 });
  });

  it('keeps a refused answer in `rejected`, and counts it in the heartbeat', async () => {
    const store = await pairedStore();
    await store.addToOutbox(item(1));
    await store.addToOutbox(item(2, 'RZZ01-W04', { comment: 'x'.repeat(6000) }));
    const heartbeats: unknown[] = [];
    const server = fakeServer((path, body) => {
      if (path === '/kiosk/api/heartbeat') {
        heartbeats.push(body);
        return { status: 204 };
      }
      const responses = (body as { responses: Array<{ comment?: string }> }).responses;
      return responses.some((r) => (r.comment ?? '').length > 5000) ? { status: 400, body: { error: { code: 'invalid_response', message: 'comment too long', issues: [{ path: 'comment', message: 'too long' }] } } } : accepted(responses);
    });
    const result = await sender.flushOutbox({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test', locks: null });
    expect(result).toMatchObject({ outcome: 'done', delivered: 1, rejected: 1 });
    const [rejected] = await store.rejectedItems();
    expect(rejected.id).toBe(item(2).id);
    expect(rejected.refusal.status).toBe(400);
    expect(await sender.sendHeartbeat({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test' })).toBe(204);
    expect(heartbeats).toEqual([{ unsent: 1 }]);
  });

  it('on 401 marks the tablet revoked, keeps the outbox, and sends nothing more until paired again', async () => {
    const store = await pairedStore();
    await store.addToOutbox(item(1));
    const server = fakeServer(() => ({ status: 401, body: { error: { code: 'unauthorized', message: 'no' } } }));
    expect((await sender.flushOutbox({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test', locks: null })).outcome).toBe('revoked');
    expect(await store.getMeta('revoked')).toBe(true);
    expect(await store.counts()).toEqual({ outbox: 1, rejected: 0 });
    expect((await sender.flushOutbox({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test', locks: null })).outcome).toBe('idle');

    const again = fakeServer((path, body) =>
      path === '/kiosk/api/pair' ? { status: 200, body: { token: 'fft_new', unit } } : accepted((body as { responses: unknown[] }).responses),
    );
    expect(await sender.pairTablet({ store, fetchFn: again.fetchFn, origin: 'http://tablet.test', code: 'ABCD-EFGH' })).toMatchObject({ ok: true });
    expect(await store.getMeta('revoked')).toBe(false);
    expect((await sender.flushOutbox({ store, fetchFn: again.fetchFn, origin: 'http://tablet.test', locks: null })).outcome).toBe('done');
    expect(again.calls.at(-1)?.authorization).toBe('Bearer fft_new');
    expect(await store.counts()).toEqual({ outbox: 0, rejected: 0 });
  });

  it('offline: keeps everything and says to retry', async () => {
    const store = await pairedStore();
    await store.addToOutbox(item(1));
    const server = fakeServer(() => 'offline');
    expect((await sender.flushOutbox({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test', locks: null })).outcome).toBe('retry');
    expect(await store.counts()).toEqual({ outbox: 1, rejected: 0 });
    expect(await sender.sendHeartbeat({ store, fetchFn: server.fetchFn, origin: 'http://tablet.test' })).toBe(0);
  });

  it('explains a failed pairing: unknown or used code, too many tries, no network', async () => {
    const store = await db.openKioskStore({ factory: null });
    const reason = async (reply: { status: number } | 'offline') =>
      (await sender.pairTablet({ store, fetchFn: fakeServer(() => reply).fetchFn, origin: 'http://tablet.test', code: 'ABCD-EFGH' })).reason;
    expect(await reason({ status: 404 })).toBe('notFound');
    expect(await reason({ status: 410 })).toBe('notFound');
    expect(await reason({ status: 429 })).toBe('rateLimited');
    expect(await reason({ status: 503 })).toBe('network');
    expect(await reason('offline')).toBe('network');
    expect(await store.getMeta('token')).toBeUndefined();
  });

  it('config: keeps the last good copy and notices a revoked token', async () => {
    const store = await pairedStore();
    const ok = fakeServer(() => ({ status: 200, body: { unit: { ...unit, name: 'Ward 4 (Cardiology)' }, youSaidWeDid: [{ youSaid: 'a', weDid: 'b', date: '2026-10-01' }], idleSeconds: 90 } }));
    expect((await sender.fetchConfig({ store, fetchFn: ok.fetchFn, origin: 'http://tablet.test' })).ok).toBe(true);
    expect(await store.getMeta('config')).toMatchObject({ idleSeconds: 90, youSaidWeDid: [{ youSaid: 'a' }] });
    expect(await store.getMeta('unit')).toMatchObject({ name: 'Ward 4 (Cardiology)' });
    const revoked = fakeServer(() => ({ status: 401 }));
    expect(await sender.fetchConfig({ store, fetchFn: revoked.fetchFn, origin: 'http://tablet.test' })).toEqual({ ok: false, revoked: true });
  });
});

describe('answers', () => {
  it('are timed with the tablet\'s UTC offset', () => {
    const date = new Date('2026-07-01T08:30:15.250Z');
    const iso = delivery.isoWithOffset(date);
    expect(iso).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}[+-]\d\d:\d\d$/);
    expect(new Date(iso).getTime()).toBe(date.getTime());
  });

  it('get a v4 UUID even where crypto.randomUUID is missing (plain HTTP)', () => {
    const id = delivery.newResponseId({ getRandomValues: (bytes: Uint8Array) => randomFillSync(bytes) });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(delivery.newResponseId()).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('the app as shipped', () => {
  it('loads under 150 KB of JavaScript', async () => {
    const js = (await readdir(APP)).filter((name) => name.endsWith('.js'));
    const bytes = (await Promise.all(js.map(async (name) => (await stat(join(APP, name))).size))).reduce((a, b) => a + b, 0);
    expect(bytes).toBeLessThan(150 * 1024);
  });

  it('names its cache after the app\'s files, so every change reaches the tablets', async () => {
    const hash = createHash('sha256');
    const files = async (dir: string): Promise<string[]> =>
      (await Promise.all((await readdir(join(APP, dir), { withFileTypes: true })).map((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)])))).flat();
    for (const name of (await files('.')).filter((f) => f !== 'sw.js' && !f.endsWith('.md')).sort()) {
      hash.update(`${name}\n`).update(await readFile(join(APP, name))).update('\n');
    }
    const version = hash.digest('hex').slice(0, 12);
    const sw = await readFile(join(APP, 'sw.js'), 'utf8');
    expect(/const VERSION = '([0-9a-f]{12})'/.exec(sw)?.[1], `set VERSION in kiosk/app/sw.js to '${version}'`).toBe(version);
  });

  it('precaches every file it serves (so it works offline after a reload)', async () => {
    const sw = await readFile(join(APP, 'sw.js'), 'utf8');
    const top = (await readdir(APP, { withFileTypes: true })).filter((e) => e.isFile() && e.name !== 'sw.js' && !e.name.endsWith('.md')).map((e) => e.name);
    for (const name of top) expect(sw, name).toContain(`'${name}'`);
    const faces = (await readdir(join(APP, 'faces'))).sort();
    expect(faces).toEqual(['1.svg', '2.svg', '3.svg', '4.svg', '5.svg', '6.svg']);
    expect(sw).toContain('[1, 2, 3, 4, 5, 6].map((n) => `faces/${n}.svg`)');
    expect(sw).toContain('LANGUAGE_CODES.map((code) => `i18n/${code}.json`)');
    expect(sw).toContain("'/assets/nhsuk/nhsuk-frontend.min.css'");
  });
});
