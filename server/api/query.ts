/** Query-string schemas shared by the read API, with errors that name the parameter. */
import type { Context } from 'hono';
import { z } from 'zod';
import { QUESTIONS, SETTINGS } from '../../analytics/fft.ts';
import { isDay, PERIOD_KINDS, periodsBetween, type PeriodKind } from '../../analytics/periods.ts';
import { ApiError, zodIssues } from '../middleware/errors.ts';
import { LEVELS } from '../reads/node.ts';

/** First and last days a query may name: the months' rule (1900–2099), and periods around them stay in 4-digit years. */
export const FIRST_DAY = '1900-01-01';
export const LAST_DAY = '2099-12-31';

export const day = z.string().refine((value) => isDay(value) && value >= FIRST_DAY && value <= LAST_DAY, `must be a date YYYY-MM-DD from ${FIRST_DAY} to ${LAST_DAY}`);

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

/** Refuses a series longer than `MAX_PERIODS` periods of `kind` (before anything is read). */
export function checkLength(kind: PeriodKind, from: string, to: string): void {
  if (periodsBetween(kind, from, to).length > MAX_PERIODS) {
    throw new ApiError(400, 'invalid_query', `At most ${MAX_PERIODS} periods per request`, [{ path: 'from', message: 'range too long for this period' }]);
  }
}
