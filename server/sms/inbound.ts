/**
 * An inbound text, whichever provider brought it: Notify's received-text callback (JSON,
 * FFT.md §7) or Twilio's incoming-message webhook (form-encoded). Check the request first
 * (`verifyBearer` for Notify, `verifyTwilioSignature` for Twilio), then read it here, dedupe
 * on `providerMessageId`, and hand `from`, `text` and `receivedAt` to `decide`.
 */
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { FUTURE_TOLERANCE_MS, MAX_AGE_MS } from '../collect/index.ts';
import { CONTROL_CHARACTER } from '../collect/schema.ts';
import { normaliseUkMobile } from './phone.ts';

export interface InboundSms {
  provider: 'notify' | 'twilio';
  /** Notify's `id` or Twilio's `MessageSid`: the key for de-duplicating redeliveries. */
  providerMessageId: string;
  /** The sender in E.164 form (+447…), as hashed and looked up. */
  from: string;
  /** Our number it was sent to, as the provider wrote it. */
  to: string;
  /** As received; `replies.ts` cleans it. */
  text: string;
  receivedAt: Date;
}

/** A refusal names the field at fault (`source_number`, `MessageSid`, or `(body)`), for a 400 that says which. */
export type InboundResult = { ok: true; sms: InboundSms } | { ok: false; problem: string; field: string };

// A message id is kept to recognise a callback sent again: no control characters (PostgreSQL cannot hold U+0000).
const messageId = z.string().min(1).refine((s) => !CONTROL_CHARACTER.test(s));

const notifyCallback = z.object({
  id: messageId,
  source_number: z.string().min(1),
  destination_number: z.string(),
  message: z.string(),
  date_received: z.string().optional(),
});

/**
 * Reads Notify's received-text callback: `{"id", "source_number": "447700912345",
 * "destination_number", "message", "date_received": "2017-05-14T12:15:30.000000Z"}`.
 */
export function notifyInbound(body: unknown, clock: Clock): InboundResult {
  const parsed = notifyCallback.safeParse(body);
  if (!parsed.success) {
    return {
      ok: false,
      problem: `not a Notify received-text callback: ${parsed.error.issues.map((i) => i.path.join('.') || i.message).join(', ')}`,
      field: parsed.error.issues[0]?.path.join('.') || '(body)',
    };
  }
  const from = senderE164(parsed.data.source_number);
  if (!from) return { ok: false, problem: 'source_number is not a phone number', field: 'source_number' };
  return {
    ok: true,
    sms: {
      provider: 'notify',
      providerMessageId: parsed.data.id,
      from,
      to: parsed.data.destination_number,
      text: parsed.data.message,
      receivedAt: receivedAt(parsed.data.date_received, clock()),
    },
  };
}

/**
 * Notify's `date_received` when it is a plausible ISO 8601 instant (no more than 5 minutes ahead,
 * no more than a year back, as for `POST /api/v1/responses`); otherwise now. "1" once read as
 * 2001-01-01 and 9999-12-31 was stored as the answer's day.
 */
function receivedAt(value: string | undefined, now: Date): Date {
  if (!value || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return now;
  const at = new Date(/(?:Z|[+-]\d{2}:?\d{2})$/.test(value) ? value : `${value}Z`);
  const ms = at.getTime();
  if (Number.isNaN(ms) || ms > now.getTime() + FUTURE_TOLERANCE_MS || ms < now.getTime() - MAX_AGE_MS) return now;
  return at;
}

/** Reads Twilio's incoming-message webhook parameters (`MessageSid`, `From`, `To`, `Body`, …). */
export function twilioInbound(params: Record<string, string>, clock: Clock): InboundResult {
  const id = params.MessageSid ?? params.SmsMessageSid;
  if (!id) return { ok: false, problem: 'MessageSid is missing', field: 'MessageSid' };
  if (!messageId.safeParse(id).success) return { ok: false, problem: 'MessageSid is not a message id', field: 'MessageSid' };
  const from = senderE164(params.From ?? '');
  if (!from) return { ok: false, problem: 'From is not a phone number', field: 'From' };
  return {
    ok: true,
    sms: { provider: 'twilio', providerMessageId: id, from, to: params.To ?? '', text: params.Body ?? '', receivedAt: clock() },
  };
}

/**
 * A sender as E.164: a UK mobile in any form, or another number given with its country
 * code (Notify writes numbers without the "+"). Null for anything else.
 */
export function senderE164(raw: string): string | null {
  const uk = normaliseUkMobile(raw);
  if (uk.ok) return uk.e164;
  const digits = raw.replace(/[\s\-().]/g, '');
  // A UK number that is not a mobile (some landlines can text).
  if (/^0[1-9]\d{8,9}$/.test(digits)) return `+44${digits.slice(1)}`;
  return /^\+?[1-9]\d{6,14}$/.test(digits) ? `+${digits.replace(/^\+/, '')}` : null;
}
