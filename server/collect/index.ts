/**
 * `POST /api/v1/responses`: the one way in for every channel. Thin: parse, check, hand to the
 * write path, answer only after the commit. A batch is all-or-nothing at validation: if any
 * item is refused, none is stored, and the error names each bad item's field.
 */
import { Hono } from 'hono';
import { newId } from '../ids.ts';
import { defaultMode, isValidAnswer } from '../../analytics/fft.ts';
import { londonDay } from '../../analytics/periods.ts';
import type { ResponseWriter } from '../../db/group-commit.ts';
import type { NewResponse, Store, Unit } from '../../db/store.ts';
import type { Clock } from '../clock.ts';
import { ApiError, zodIssues, type Issue } from '../middleware/errors.ts';
import { readJson } from '../middleware/json-body.ts';
import type { AuthEnv } from '../auth/bearer.ts';
import { unitInScope, type Principal } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import { batchInput, isoDateTime, responseInput, type ResponseInput } from './schema.ts';
import type { createBurstGuard } from './burst.ts';
import type { Settings } from '../settings.ts';

export const MAX_BODY_BYTES = 1024 * 1024;
/** How far ahead of the server's clock an answer's time may be, and how far back. */
export const FUTURE_TOLERANCE_MS = 5 * 60 * 1000;
export const MAX_AGE_MS = 365 * 24 * 60 * 60 * 1000;
export const WRITER_ROLES = new Set(['kiosk', 'integration', 'admin']);

/**
 * `X-FFT-Sent-At`: the client's clock when it sent the request. A tablet whose clock is wrong
 * (fast, or reset to last year after a flat battery) stamps every answer with that wrong clock,
 * and ingestion would refuse each as "in the future" or "more than a year ago": answers lost.
 * When the header is more than this far from the server's clock, every `answeredAt` of the
 * request is moved by the difference — the answer's age as the client's own clock measured it.
 */
export const SENT_AT_HEADER = 'x-fft-sent-at';
export const CLOCK_SKEW_TOLERANCE_MS = 60 * 1000;

/** The correction (ms) to add to this request's answer times, from its `X-FFT-Sent-At` header. */
export function clockCorrection(sentAt: string | undefined, now: Date): number {
  if (sentAt === undefined) return 0;
  // The same form as `answeredAt` (schema.ts), so the two are read alike.
  const at = isoDateTime.safeParse(sentAt).success ? Date.parse(sentAt) : Number.NaN;
  if (!Number.isFinite(at)) {
    throw new ApiError(400, 'invalid_header', 'X-FFT-Sent-At must be an ISO 8601 date-time with an offset', [{ path: 'headers.x-fft-sent-at', message: 'not an ISO 8601 date-time with an offset' }]);
  }
  const skew = now.getTime() - at;
  return Math.abs(skew) > CLOCK_SKEW_TOLERANCE_MS ? skew : 0;
}

/** `iso` moved by `ms`, written with the offset it had (so a tablet's local time stays local). */
export function shiftIso(iso: string, ms: number): string {
  if (ms === 0) return iso;
  const at = Date.parse(iso) + ms;
  const offset = /([+-])(\d{2}):?(\d{2})$/.exec(iso);
  if (!offset) return new Date(at).toISOString();
  const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
  return `${new Date(at + minutes * 60_000).toISOString().slice(0, -1)}${offset[1]}${offset[2]}:${offset[3]}`;
}

export interface IngestDeps {
  store: Store;
  writer: ResponseWriter;
  clock: Clock;
  settings: Settings;
  burst: ReturnType<typeof createBurstGuard>;
}

/** Turns one validated input into a row, or the issues that refuse it. */
function toRow(input: ResponseInput, unit: Unit, now: Date, prefix: string, correction: number): NewResponse | Issue[] {
  const question = input.question ?? unit.question;
  const issues: Issue[] = [];
  if (!isValidAnswer(question, input.answer)) {
    issues.push({ path: `${prefix}answer`, message: `answer ${input.answer} is not a valid answer to question ${question}` });
  }
  const answeredAt = input.answeredAt === undefined ? now.toISOString() : shiftIso(input.answeredAt, correction);
  const at = Date.parse(answeredAt);
  if (at > now.getTime() + FUTURE_TOLERANCE_MS) issues.push({ path: `${prefix}answeredAt`, message: 'answeredAt is in the future' });
  else if (at < now.getTime() - MAX_AGE_MS) issues.push({ path: `${prefix}answeredAt`, message: 'answeredAt is more than a year ago' });
  if (issues.length) return issues;
  const comment = input.comment?.trim() ? input.comment : null;
  return {
    id: input.id?.toLowerCase() ?? newId(),
    unitCode: unit.code,
    question,
    answer: input.answer,
    comment,
    channel: input.channel,
    mode: input.mode ?? defaultMode(input.channel, unit.setting),
    answeredAt,
    answeredDay: londonDay(answeredAt),
    receivedAt: now.toISOString(),
    language: input.language ?? 'en',
    ageBand: input.equality?.ageBand ?? null,
    sex: input.equality?.sex ?? null,
    ethnicity: input.equality?.ethnicity ?? null,
    disability: input.equality?.disability ?? null,
    completedBy: input.equality?.completedBy ?? null,
    deviceId: null,
    flagged: false,
  };
}

async function resolveRows(store: Store, principal: Principal, inputs: ResponseInput[], now: Date, batch: boolean, correction: number): Promise<NewResponse[]> {
  const units = new Map<string, Unit | undefined>();
  const rows: NewResponse[] = [];
  const issues: Issue[] = [];
  for (const [i, input] of inputs.entries()) {
    const prefix = batch ? `responses.${i}.` : '';
    // A kiosk learns nothing about other units: refused before the unit is even looked up.
    if (principal.role === 'kiosk' && !principal.scopes.includes(`unit:${input.unit}`)) {
      throw new ApiError(403, 'forbidden', 'This token may not write responses for that unit', [{ path: `${prefix}unit`, message: 'not this token’s unit' }]);
    }
    if (!units.has(input.unit)) units.set(input.unit, await store.getUnit(input.unit));
    const unit = units.get(input.unit);
    if (!unit) throw new ApiError(404, 'unit_not_found', `No unit with code ${isolate(input.unit)}`, [{ path: `${prefix}unit`, message: 'unknown unit' }]);
    if (!unitInScope(principal, unit)) {
      throw new ApiError(403, 'forbidden', 'This token may not write responses for that unit', [{ path: `${prefix}unit`, message: 'outside this token’s scope' }]);
    }
    const row = toRow(input, unit, now, prefix, correction);
    if (Array.isArray(row)) issues.push(...row);
    else rows.push(row);
  }
  if (issues.length) throw new ApiError(400, 'invalid_response', 'The response was not accepted', issues);
  return rows;
}

export interface IngestResult {
  status: 200 | 201;
  body: unknown;
}

/**
 * The whole of ingestion after authentication and body parsing, without HTTP objects: shared
 * by the Hono route and the lean node:http path in `fast.ts`.
 */
export function createIngest({ store, writer, clock, settings, burst }: IngestDeps) {
  /** `sentAt`: the request's `X-FFT-Sent-At` header, if any. */
  return async function ingest(principal: Principal, body: unknown, sentAt?: string): Promise<IngestResult> {
    if (!WRITER_ROLES.has(principal.role)) throw new ApiError(403, 'forbidden', 'This token may not write responses');
    const now = clock();
    const correction = clockCorrection(sentAt, now);
    const batch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'responses' in body;
    const parsed = batch ? batchInput.safeParse(body) : responseInput.safeParse(body);
    if (!parsed.success) throw new ApiError(400, 'invalid_response', 'The response was not accepted', zodIssues(parsed.error));
    const inputs = batch ? (parsed.data as { responses: ResponseInput[] }).responses : [parsed.data as ResponseInput];
    const rows = await resolveRows(store, principal, inputs, now, batch, correction);
    // A replay is a replay of the same unit's response: an id another unit's response already has
    // is refused before anything is written (a batch stays all-or-nothing), not acknowledged as if
    // this answer were stored.
    const conflict = (indexes: number[]) =>
      new ApiError(409, 'id_conflict', ID_CONFLICT, indexes.map((i) => ({ path: batch ? `responses.${i}.id` : 'id', message: 'already used by another unit\'s response' })));
    const taken = await Promise.all(inputs.map(async (input, i) => (input.id === undefined ? null : ((await store.getResponse(rows[i]!.id))?.unitCode ?? null))));
    const firstUnit = new Map<string, string>();
    const clashes = rows.flatMap((row, i) => {
      const unit = taken[i] ?? firstUnit.get(row.id) ?? null;
      if (!firstUnit.has(row.id)) firstUnit.set(row.id, row.unitCode);
      return unit !== null && unit !== row.unitCode ? [i] : [];
    });
    if (clashes.length) throw conflict(clashes);
    if (principal.role === 'kiosk') {
      // A tablet resends its outbox when a reply is lost: an answer already stored, or repeated
      // in this request, is the same patient again, not one more answer in the burst.
      const seen = new Set<string>();
      const fresh = rows.map((row, i) => !seen.has(row.id) && (seen.add(row.id), taken[i] === null));
      const { burstCount, burstSeconds } = await settings.get();
      const flags = burst.check(principal.id, rows.filter((_, i) => fresh[i]).map((r) => Date.parse(r.answeredAt)), { count: burstCount, seconds: burstSeconds });
      let next = 0;
      rows.forEach((r, i) => Object.assign(r, { deviceId: principal.id, flagged: fresh[i] ? flags[next++]! : false }));
    }
    const outcomes = await writer.write(rows);
    // Two clients sending one id for two units at the same moment: the later is told, not acknowledged.
    const raced = await Promise.all(outcomes.map(async (o, i) => o.duplicate && taken[i] === null && (await store.getResponse(o.id))?.unitCode !== rows[i]!.unitCode));
    if (raced.some(Boolean)) throw conflict(raced.flatMap((r, i) => (r ? [i] : [])));
    const anyNew = outcomes.some((o) => !o.duplicate);
    return { status: anyNew ? 201 : 200, body: batch ? { results: outcomes } : outcomes[0]! };
  };
}

const ID_CONFLICT = 'This id is already used by another unit\'s response: send the answer with a new id';

export type Ingest = ReturnType<typeof createIngest>;

export function collectRoutes(ingest: Ingest) {
  const app = new Hono<AuthEnv>();

  app.post('/responses', async (c) => {
    const principal = c.get('principal');
    // Role first: a token that may not write learns nothing from its body being read.
    if (!WRITER_ROLES.has(principal.role)) throw new ApiError(403, 'forbidden', 'This token may not write responses');
    const result = await ingest(principal, await readJson(c, MAX_BODY_BYTES), c.req.header(SENT_AT_HEADER));
    return c.json(result.body, result.status);
  });

  return app;
}
