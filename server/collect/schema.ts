/**
 * What a channel may send to `POST /api/v1/responses`. One zod schema; unknown fields are
 * refused so that a typo in an integration shows up at once rather than as silently lost data.
 */
import { z } from 'zod';
import { AGE_BANDS, CHANNELS, COMPLETED_BY, DISABILITY, ETHNIC_CODES, MODES, QUESTIONS, SEXES } from '../../analytics/fft.ts';

export const MAX_COMMENT_CHARS = 5000;
export const MAX_BATCH = 500;

// C0 and C1 controls except tab and newline; DEL. Bidi marks and joiners are kept: they are
// part of how Arabic, Urdu and emoji sequences are written.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;

/**
 * A control character, for text kept as one line (names, codes, labels, addresses, ids): a line
 * break in a name would split a line of the returns CSV, and PostgreSQL cannot hold U+0000 at all.
 * Such text is refused, naming the field; free text (comments, actions) is cleaned instead.
 */
export const CONTROL_CHARACTER = /\p{Cc}/u;

/** Strips control characters and broken surrogates; keeps every script and emoji as sent. */
export function cleanText(text: string): string {
  return text.toWellFormed().replace(/\r\n?/g, '\n').replace(CONTROL, '');
}

const text = (max: number, label: string) =>
  z
    .string()
    .transform(cleanText)
    .refine((s) => [...s].length <= max, `${label} must be at most ${max} characters`);

export const equalitySchema = z.strictObject({
  ageBand: z.enum(AGE_BANDS).optional(),
  sex: z.enum(SEXES).optional(),
  ethnicity: z.enum(ETHNIC_CODES).optional(),
  disability: z.enum(DISABILITY).optional(),
  completedBy: z.enum(COMPLETED_BY).optional(),
});

/** An ISO 8601 date-time with an offset: `answeredAt`, and the `X-FFT-Sent-At` header (collect/index.ts). */
export const isoDateTime = z.iso.datetime({ offset: true, message: 'answeredAt must be an ISO 8601 date-time with an offset' });

export const responseInput = z.strictObject({
  id: z.uuid('id must be a UUID').optional(),
  unit: z.string().trim().min(1, 'unit is required').max(64),
  question: z.enum(QUESTIONS).optional(),
  answer: z.number('answer must be a number').int('answer must be a whole number'),
  comment: text(MAX_COMMENT_CHARS, 'comment').nullable().optional(),
  channel: z.enum(CHANNELS),
  mode: z.enum(MODES).optional(),
  answeredAt: isoDateTime.optional(),
  language: z
    .string()
    .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, 'language must be a language tag such as en or pl')
    .optional(),
  equality: equalitySchema.optional(),
});

export type ResponseInput = z.infer<typeof responseInput>;

export const batchInput = z.strictObject({
  responses: z.array(responseInput).min(1, 'responses must not be empty').max(MAX_BATCH, `at most ${MAX_BATCH} responses per request`),
});
