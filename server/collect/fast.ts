/**
 * A lean way in for `POST /api/v1/responses` with a bearer token: straight from node:http,
 * without building web Request/Response objects or running the router and middleware chain
 * (together about three quarters of an ingestion request's cost, measured in bench/ingest).
 * It runs the very same steps as the Hono route — bearer check, role, JSON headers and size,
 * `ingest()` — and answers with the same status codes and JSON bodies (`fast.test.ts` sends
 * the same requests both ways and compares). Anything else goes to the Hono app.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { Store } from '../../db/store.ts';
import { verifyBearer } from '../auth/tokens.ts';
import type { Logger } from '../logger.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { ApiError, DATABASE_UNAVAILABLE, RETRY_AFTER_SECONDS } from '../middleware/errors.ts';
import { checkJsonHeaders, parseJson, readIncoming } from '../middleware/json-body.ts';
import { MAX_BODY_BYTES, SENT_AT_HEADER, WRITER_ROLES, type Ingest } from './index.ts';

export const INGEST_PATH = '/api/v1/responses';

function send(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
    ...extra,
  });
  res.end(text);
}

function error(res: ServerResponse, status: number, code: string, message: string, issues: unknown[] = [], extra: Record<string, string> = {}) {
  send(res, status, { error: { code, message, issues } }, extra);
}

async function handle(req: IncomingMessage, res: ServerResponse, deps: { store: Store; ingest: Ingest; logger: Logger }) {
  try {
    const record = await verifyBearer(deps.store, req.headers.authorization);
    if (!record) return error(res, 401, 'unauthorized', 'A valid bearer token is required', [], { 'www-authenticate': 'Bearer' });
    const principal = { kind: 'token' as const, id: record.id, role: record.role, scopes: record.scopes };
    if (!WRITER_ROLES.has(principal.role)) throw new ApiError(403, 'forbidden', 'This token may not write responses');
    checkJsonHeaders(req.headers['content-type'], req.headers['content-length'], MAX_BODY_BYTES);
    const sentAt = req.headers[SENT_AT_HEADER];
    const result = await deps.ingest(principal, parseJson(await readIncoming(req, MAX_BODY_BYTES)), Array.isArray(sentAt) ? sentAt[0] : sentAt);
    send(res, result.status, result.body);
  } catch (err) {
    if (err instanceof ApiError) return error(res, err.status, err.code, err.message, err.issues);
    if (isDatabaseUnavailable(err)) {
      deps.logger.warn({ err, path: INGEST_PATH }, 'database unavailable');
      if (!res.headersSent) error(res, 503, 'database_unavailable', DATABASE_UNAVAILABLE, [], { 'retry-after': String(RETRY_AFTER_SECONDS) });
      return;
    }
    deps.logger.error({ err, path: INGEST_PATH }, 'unhandled error');
    if (!res.headersSent) error(res, 500, 'internal_error', 'Something went wrong on our side; the request was not applied.');
  }
}

/** `fallback` (the Hono app) for everything but a bearer-token POST to the ingestion path. */
export function withFastIngest(deps: { store: Store; ingest: Ingest; logger: Logger }, fallback: RequestListener): RequestListener {
  return (req, res) => {
    if (req.method === 'POST' && req.url === INGEST_PATH && req.headers.authorization !== undefined) void handle(req, res, deps);
    else fallback(req, res);
  };
}
