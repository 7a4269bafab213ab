/**
 * Getting answers from the tablet's outbox to the server without ever losing one.
 * Pure logic only (no DOM, no IndexedDB, no timers of its own): the app and the service
 * worker hand it the items and a `send` function, and Node tests drive it directly.
 *
 * The server's batch endpoint is all-or-nothing and idempotent on `id`, so resending is
 * always safe; the only way an answer leaves the outbox is a 2xx that names its id, or the
 * service's own refusal (`{"error": …}`) of that answer sent on its own, which moves it to the
 * `rejected` store (kept forever).
 */

/** The server takes up to 500; 50 keeps a batch far below its 1 MB limit even with long comments. */
export const BATCH_SIZE = 50;

/** Back-off after a failed attempt: 2 s doubling to 5 min, ±20 % jitter so tablets do not retry in step. */
export const BACKOFF = Object.freeze({ baseMs: 2_000, maxMs: 5 * 60_000, jitter: 0.2 });

/** A server's Retry-After is honoured, but never beyond this. */
export const MAX_RETRY_AFTER_MS = 15 * 60_000;

/**
 * Milliseconds to wait before retry number `attempt` (0 for the first retry).
 * `random` is injectable for tests; it returns a number in [0, 1).
 */
export function backoffDelay(attempt, random = Math.random) {
  const exponent = Math.max(0, Math.min(30, Math.floor(attempt)));
  const plain = Math.min(BACKOFF.maxMs, BACKOFF.baseMs * 2 ** exponent);
  const factor = 1 - BACKOFF.jitter + 2 * BACKOFF.jitter * random();
  return Math.round(Math.min(BACKOFF.maxMs, plain * factor));
}

/** Splits the outbox, oldest first, into batches the server takes in one request. */
export function toBatches(items, size = BATCH_SIZE) {
  if (!(size >= 1)) throw new RangeError('batch size must be at least 1');
  const batches = [];
  for (let i = 0; i < items.length; i += size) batches.push(items.slice(i, i + size));
  return batches;
}

/**
 * What an HTTP status means for the items that were sent:
 * - `delivered`: stored (2xx; a duplicate counts as delivered);
 * - `revoked`: the device token no longer works: stop, keep everything;
 * - `refused`: the request itself was refused (400/403/404/413/415/422…): never retried as is;
 * - `retry`: try again later (429, 408, 5xx, network failure, anything unexpected).
 */
export function classifyStatus(status) {
  if (status >= 200 && status < 300) return 'delivered';
  if (status === 401) return 'revoked';
  if (status === 408 || status === 425 || status === 429) return 'retry';
  if (status >= 400 && status < 500) return 'refused';
  return 'retry';
}

/** Parses a Retry-After header (seconds or HTTP date) into milliseconds, or undefined. */
export function parseRetryAfter(value, now = Date.now()) {
  if (value == null || value === '') return undefined;
  const seconds = Number(value);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(MAX_RETRY_AFTER_MS, ms);
}

/** The ids a 2xx body says were stored: `{"results":[{"id","duplicate"}]}` (or a single `{"id"}`). */
export function deliveredIds(body) {
  if (body && Array.isArray(body.results)) {
    return body.results.map((result) => result && result.id).filter((id) => typeof id === 'string');
  }
  if (body && typeof body.id === 'string') return [body.id];
  return [];
}

/**
 * Sends every item, oldest first, in batches.
 *
 * - `items`: outbox records `{ id, response }`, already in the order to send.
 * - `send(responses)`: POSTs `{responses}`; resolves to `{ status, body, retryAfterMs? }`,
 *   rejects on a network failure.
 * - `onDelivered(ids)` / `onRejected(item, refusal)`: persist the outcome (awaited, so an item
 *   leaves the outbox only after its fate is recorded).
 *
 * Resolves to `{ outcome: 'done' | 'retry' | 'revoked', delivered, rejected, retryAfterMs? }`.
 */
export async function deliver({ items, send, onDelivered, onRejected, batchSize = BATCH_SIZE }) {
  const tally = { delivered: 0, rejected: 0 };
  const stop = (outcome, extra = {}) => ({ outcome, ...tally, ...extra });

  for (const batch of toBatches(items, batchSize)) {
    const result = await attempt(send, batch);
    if (result.kind === 'delivered') {
      tally.delivered += await record(onDelivered, batch, result.ids);
      if (result.ids.length < batch.length) return stop('retry');
      continue;
    }
    if (result.kind === 'revoked') return stop('revoked');
    if (result.kind === 'retry') return stop('retry', { retryAfterMs: result.retryAfterMs });

    // Refused. The batch is all-or-nothing, so one bad answer sinks the rest: find it alone.
    for (const item of batch) {
      const single = batch.length === 1 ? result : await attempt(send, [item]);
      if (single.kind === 'delivered') {
        tally.delivered += await record(onDelivered, [item], single.ids);
        if (single.ids.length === 0) return stop('retry');
      } else if (single.kind === 'revoked') {
        return stop('revoked');
      } else if (single.kind === 'retry') {
        return stop('retry', { retryAfterMs: single.retryAfterMs });
      } else if (!single.error) {
        // Not the service's own refusal (its errors are {"error": {…}}): a proxy, a captive portal,
        // a half-deployed server. Such a 4xx says nothing about this answer, so keep it and retry.
        return stop('retry');
      } else {
        await onRejected(item, { status: single.status, error: single.error, rejectedAt: new Date().toISOString() });
        tally.rejected += 1;
      }
    }
  }
  return stop('done');
}

async function attempt(send, batch) {
  let reply;
  try {
    reply = await send(batch.map((item) => item.response));
  } catch {
    return { kind: 'retry' };
  }
  const kind = classifyStatus(reply.status);
  if (kind === 'delivered') {
    const sent = new Set(batch.map((item) => item.id));
    // Only ids the server names leave the outbox: a captive portal's "200 OK" page names none.
    const ids = deliveredIds(reply.body).filter((id) => sent.has(id));
    return { kind, ids };
  }
  if (kind === 'retry') return { kind, retryAfterMs: reply.retryAfterMs };
  const error = reply.body && typeof reply.body.error === 'object' && reply.body.error !== null ? reply.body.error : null;
  return { kind, status: reply.status, error };
}

async function record(onDelivered, batch, ids) {
  if (ids.length > 0) await onDelivered(ids);
  return ids.length;
}

/**
 * Runs `run()` now and again after failures, with back-off; one run at a time.
 * `run` resolves to a `deliver`-style result (`outcome`, optional `retryAfterMs`), or
 * `{outcome: 'busy'}` when another flush (e.g. the service worker's) holds the outbox.
 * Timers and randomness are injectable so tests can drive it with a fake clock.
 */
export function createRetryScheduler({ run, onOutcome = () => {}, random = Math.random, timers = globalThis }) {
  let attempt = 0;
  let timer = null;
  let running = false;
  let again = false;
  let stopped = false;

  function schedule(ms) {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      void go();
    }, ms);
  }

  async function go() {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    let result;
    try {
      result = await run();
    } catch {
      result = { outcome: 'retry' };
    }
    running = false;
    onOutcome(result);
    if (stopped) return;
    if (result.outcome === 'retry') {
      const wait = Math.max(backoffDelay(attempt, random), result.retryAfterMs ?? 0);
      attempt += 1;
      again = false;
      schedule(wait);
    } else if (result.outcome === 'busy') {
      schedule(BACKOFF.baseMs);
    } else {
      attempt = 0;
      if (again) {
        again = false;
        void go();
      }
    }
  }

  return {
    /** Flush as soon as possible (after a new answer, on `online`, on a message from the SW). */
    now({ resetBackoff = false } = {}) {
      stopped = false;
      if (resetBackoff) attempt = 0;
      if (timer !== null) {
        timers.clearTimeout(timer);
        timer = null;
      }
      return go();
    },
    stop() {
      stopped = true;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
    },
    get attempt() {
      return attempt;
    },
    get pending() {
      return timer !== null;
    },
  };
}

/** ISO 8601 with the tablet's own UTC offset, e.g. 2026-11-22T09:30:00.000+00:00. */
export function isoWithOffset(date) {
  const pad = (n, width = 2) => String(Math.abs(n)).padStart(width, '0');
  const offset = -date.getTimezoneOffset();
  const sign = offset >= 0 ? '+' : '-';
  return (
    `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}` +
    `T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}` +
    `${sign}${pad(Math.trunc(offset / 60))}:${pad(offset % 60)}`
  );
}

/**
 * A version 4 UUID. `crypto.randomUUID` only exists in secure contexts, and a ward tablet
 * may reach the service over plain HTTP on the trust network; `getRandomValues` always works.
 */
export function newResponseId(cryptoImpl = globalThis.crypto) {
  if (typeof cryptoImpl.randomUUID === 'function') return cryptoImpl.randomUUID();
  const bytes = cryptoImpl.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
