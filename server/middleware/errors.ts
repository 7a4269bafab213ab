/**
 * The one error shape: `{"error": {"code", "message", "issues": [{"path", "message"}]}}`.
 * Anything a client sent wrong is a 4xx naming the field; only our own faults are 5xx.
 */
import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { z } from 'zod';
import type { Logger } from '../logger.ts';
import { isDatabaseUnavailable } from '../../db/unavailable.ts';
import { ProblemPage } from '../pages/layout.tsx';

export interface Issue {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly issues: Issue[] = [],
  ) {
    super(message);
  }
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string, issues: Issue[] = []) {
  return c.json({ error: { code, message, issues } }, status);
}

/** zod's issues as `{path, message}` with dotted paths (`responses.3.answer`). */
export function zodIssues(error: z.ZodError, prefix: (string | number)[] = []): Issue[] {
  return error.issues.map((i) => {
    const path = [...prefix, ...i.path].map(String);
    if (i.code === 'unrecognized_keys') {
      return { path: [...path, ...i.keys].join('.'), message: `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}` };
    }
    // zod says "Invalid input: expected string, received undefined" for a field left out.
    if (i.code === 'invalid_type' && /received undefined$/.test(i.message) && path.length) {
      return { path: path.join('.'), message: `${path.at(-1)} is required (${i.expected})` };
    }
    return { path: path.join('.') || '(body)', message: i.message };
  });
}

export function errorHandler(logger: Logger): ErrorHandler {
  return (err, c) => {
    if (err instanceof ApiError) return errorJson(c, err.status, err.code, err.message, err.issues);
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return errorJson(c, status, status === 413 ? 'payload_too_large' : 'http_error', err.message || 'Request failed');
    }
    // The database stopped, locked or full: nothing was applied and the same request may be sent again.
    const unavailable = isDatabaseUnavailable(err);
    if (unavailable) logger.warn({ err, path: c.req.path }, 'database unavailable');
    else logger.error({ err, path: c.req.path }, 'unhandled error');
    const status = unavailable ? 503 : 500;
    if (unavailable) c.header('Retry-After', String(RETRY_AFTER_SECONDS));
    // A page a browser asked for gets a page, not JSON.
    if (!c.req.path.startsWith('/api/') && /\btext\/html\b/.test(c.req.header('accept') ?? '')) return c.html(ProblemPage({ status }), status);
    if (unavailable) return errorJson(c, 503, 'database_unavailable', DATABASE_UNAVAILABLE);
    return errorJson(c, 500, 'internal_error', 'Something went wrong on our side; the request was not applied.');
  };
}

/** Seconds a client is asked to wait before sending again while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;
export const DATABASE_UNAVAILABLE = 'The database is not available just now; the request was not applied. Send it again in a few seconds.';

export const notFoundHandler: NotFoundHandler = (c) => errorJson(c, 404, 'not_found', 'No such route');
