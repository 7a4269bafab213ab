/**
 * The tablet's conversations with the server (pairing, config, heartbeat, sending answers),
 * shared by the page and the service worker. No DOM: everything it needs is passed in.
 * API calls are never cached: the service worker lets them through to the network.
 */
import { deliver, parseRetryAfter } from './delivery.js';

export const API = Object.freeze({
  pair: '/kiosk/api/pair',
  config: '/kiosk/api/config',
  heartbeat: '/kiosk/api/heartbeat',
  responses: '/api/v1/responses',
});

/** The tablet's clock when it sends answers (see server/collect/index.ts `clockCorrection`). */
export const SENT_AT_HEADER = 'x-fft-sent-at';

/** A hung request (a captive portal, a dropped Wi-Fi) must not stall the outbox for ever. */
export const REQUEST_TIMEOUT_MS = 30_000;

/** The one lock name the page and the service worker take before touching the outbox. */
export const OUTBOX_LOCK = 'fft-outbox';

function timeoutSignal(ms) {
  if (typeof AbortSignal !== 'undefined' && typeof AbortSignal.timeout === 'function') return AbortSignal.timeout(ms);
  const controller = new AbortController();
  setTimeout(() => controller.abort(), ms);
  return controller.signal;
}

/**
 * One JSON request. Resolves to `{status, body, retryAfterMs}` for any HTTP reply; rejects on a
 * network failure or timeout (which callers treat as "try again later").
 */
export async function callApi({ fetchFn = globalThis.fetch, origin, path, method = 'GET', token, body, extraHeaders = {} }) {
  const headers = { accept: 'application/json', ...extraHeaders };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const url = origin ? new URL(path, origin).href : path;
  const response = await fetchFn(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    cache: 'no-store',
    credentials: 'omit',
    signal: timeoutSignal(REQUEST_TIMEOUT_MS),
  });
  let parsed = null;
  const text = await response.text().catch(() => '');
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  return { status: response.status, body: parsed, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) };
}

/** Runs `work` holding the outbox lock; `{outcome: 'busy'}` if someone else holds it. */
async function withOutboxLock(locks, work) {
  if (!locks || typeof locks.request !== 'function') return work();
  return locks.request(OUTBOX_LOCK, { ifAvailable: true }, (lock) => (lock ? work() : { outcome: 'busy' }));
}

/**
 * Sends this unit's outbox. Answers queued under another unit (the tablet was re-paired
 * elsewhere) stay in the outbox until it is paired to that unit again.
 * Resolves to `deliver`'s result, `{outcome: 'idle'}` when the tablet is not paired (or its
 * token was revoked), or `{outcome: 'busy'}`.
 */
export async function flushOutbox({ store, fetchFn, origin, locks = globalThis.navigator?.locks }) {
  return withOutboxLock(locks, async () => {
    const [token, unit, revoked] = await Promise.all([store.getMeta('token'), store.getMeta('unit'), store.getMeta('revoked')]);
    if (!token || !unit || revoked) return { outcome: 'idle', delivered: 0, rejected: 0 };
    const items = await store.outboxItems(unit.code);
    if (items.length === 0) return { outcome: 'done', delivered: 0, rejected: 0 };
    const result = await deliver({
      items,
      // The tablet's clock as it sends: answers are stamped by the same clock, so if it is wrong
      // (fast, or reset after a flat battery) the server moves them by its error instead of
      // refusing them as "in the future" or "more than a year ago".
      send: (responses) => callApi({ fetchFn, origin, path: API.responses, method: 'POST', token, body: { responses }, extraHeaders: { [SENT_AT_HEADER]: new Date().toISOString() } }),
      onDelivered: (ids) => store.removeFromOutbox(ids),
      onRejected: (item, refusal) => store.rejectItem(item, refusal),
    });
    if (result.outcome === 'revoked') await store.setMeta('revoked', true);
    return result;
  });
}

/** Every unsent answer on the tablet: the outbox (every unit) and those refused. */
export async function unsentCount(store) {
  const { outbox, rejected } = await store.counts();
  return outbox + rejected;
}

/** Tells the server the tablet is alive and how many answers it holds. Resolves to the HTTP status, or 0 offline. */
export async function sendHeartbeat({ store, fetchFn, origin }) {
  const [token, revoked] = await Promise.all([store.getMeta('token'), store.getMeta('revoked')]);
  if (!token || revoked) return 0;
  try {
    const reply = await callApi({ fetchFn, origin, path: API.heartbeat, method: 'POST', token, body: { unsent: await unsentCount(store) } });
    if (reply.status === 401) await store.setMeta('revoked', true);
    return reply.status;
  } catch {
    return 0;
  }
}

/**
 * Trades a pairing code for a device token.
 * Resolves to `{ok: true, unit}` or `{ok: false, reason: 'notFound' | 'rateLimited' | 'network'}`.
 */
export async function pairTablet({ store, fetchFn, origin, code }) {
  let reply;
  try {
    reply = await callApi({ fetchFn, origin, path: API.pair, method: 'POST', body: { code } });
  } catch {
    return { ok: false, reason: 'network' };
  }
  const { status, body } = reply;
  if (status === 200 || status === 201) {
    if (!body || typeof body.token !== 'string' || !body.unit || typeof body.unit.code !== 'string') return { ok: false, reason: 'network' };
    await store.setMeta('token', body.token);
    await store.setMeta('unit', body.unit);
    await store.setMeta('revoked', false);
    await store.setMeta('pairedAt', new Date().toISOString());
    return { ok: true, unit: body.unit };
  }
  if (status === 429) return { ok: false, reason: 'rateLimited' };
  if (status === 400 || status === 404 || status === 409 || status === 410) return { ok: false, reason: 'notFound' };
  return { ok: false, reason: 'network' };
}

/**
 * Fetches the unit, "You said, we did" and the idle time; keeps the last good copy for offline
 * starts. Resolves to `{ok: true, config}`, `{ok: false, revoked: true}` or `{ok: false}`.
 */
export async function fetchConfig({ store, fetchFn, origin }) {
  const token = await store.getMeta('token');
  if (!token) return { ok: false };
  let reply;
  try {
    reply = await callApi({ fetchFn, origin, path: API.config, token });
  } catch {
    return { ok: false };
  }
  if (reply.status === 401) {
    await store.setMeta('revoked', true);
    return { ok: false, revoked: true };
  }
  if (reply.status !== 200 || !reply.body || !reply.body.unit) return { ok: false };
  const config = {
    unit: reply.body.unit,
    youSaidWeDid: Array.isArray(reply.body.youSaidWeDid) ? reply.body.youSaidWeDid : [],
    idleSeconds: Number(reply.body.idleSeconds) > 0 ? Number(reply.body.idleSeconds) : 60,
    fetchedAt: new Date().toISOString(),
  };
  await store.setMeta('config', config);
  await store.setMeta('unit', config.unit);
  return { ok: true, config };
}
