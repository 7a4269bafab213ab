/** Query-string schemas shared by the read API, with errors that name the parameter. */
import type { Context } from 'hono';
import { z } from 'zod';
import { QUESTIONS, SETTINGS } from '../../analytics/fft.ts';
import { isDay, PERIOD_KINDS } from '../../analytics/periods.ts';
import { ApiError, zodIssues } from '../middleware/errors.ts';
import { LEVELS } from '../reads/node.ts';

export const day = z.string().refine(isDay, 'must be a date YYYY-MM-DD');

export const nodeQuery = z.object({
  level: z.enum(LEVELS),
  code: z.string().min(1).max(64),
  setting: z.enum(SETTINGS).optional(),
});

export const rangeQuery = z.object({
  from: day,
  to: day,
  question: z.enum(QUESTIONS).optional(),
});

/** Longest range a series may cover, per period kind, so a typo cannot ask for a century of days. */
export const MAX_PERIODS = 1500;

export function parseQuery<T extends z.ZodType>(c: Context, schema: T): z.infer<T> {
  const parsed = schema.safeParse(c.req.query());
  if (!parsed.success) throw new ApiError(400, 'invalid_query', 'The query is not valid', zodIssues(parsed.error));
  const data = parsed.data as { from?: string; to?: string };
  if (data.from && data.to && data.from > data.to) {
    throw new ApiError(400, 'invalid_query', 'from must not be after to', [{ path: 'from', message: 'after to' }]);
  }
  return parsed.data;
}

export const periodKind = z.enum(PERIOD_KINDS);
