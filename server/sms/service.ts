/**
 * The outbound side of the SMS channel: taking patients to invite (checked row by row, so
 * one bad row never stops the good ones), sending what is due inside the send window with
 * retries and back-off, and erasing phone numbers once the retention period is over. A
 * background loop does the last two; tests call `runDue()` and `erase()` with their own clock.
 * The send window and a pause an admin sets at /admin/settings are read afresh on every round,
 * invitation and retry, so a change there applies within seconds, without a restart.
 */
import { z } from 'zod';
import { addDays, isDay, londonDay } from '../../analytics/periods.ts';
import type { SmsInvitation, NewSmsInvitation } from '../../db/sms-store.ts';
import type { Store, Unit } from '../../db/store.ts';
import { unitInScope, type Principal } from '../auth/scope.ts';
import { isolate } from '../bidi.ts';
import { systemClock, type Clock } from '../clock.ts';
import { newId } from '../ids.ts';
import type { Logger } from '../logger.ts';
import type { Issue } from '../middleware/errors.ts';
import type { Settings } from '../settings.ts';
import { phoneHash } from './keyed-hash.ts';
import { isSmsQuestion } from './languages.ts';
import { invitationText } from './messages.ts';
import { maskPhone, normaliseUkMobile } from './phone.ts';
import { createProvider, SmsSendError, type SmsProvider } from './providers.ts';
import type { SmsSettings } from './config.ts';
import { DEFAULT_RETRY, nextAttemptAt, shouldGiveUp, type RetryPolicy } from './retry.ts';
import { COMMENT_WINDOW_MS } from './conversation.ts';
import { DEFAULT_SEND_WINDOW, isWithinSendWindow, nextSendTime, type SendWindow } from './window.ts';
import { periodic } from '../periodic.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
/** One invitation per number per unit in this time. */
export const THROTTLE_MS = 30 * DAY_MS;
/** How long a phone number is kept after its invitation is due to go. */
export const RETENTION_MS = 7 * DAY_MS;
/** A visit longer ago than this is too old to ask about. */
export const MAX_VISIT_AGE_DAYS = 30;
/** At most this many rows in one call (the API's and a CSV file's limit). */
export const MAX_INVITATIONS = 5000;
/** A sender's claim on an invitation lapses after this (a sender that died mid-send). */
const LEASE_MS = 5 * 60 * 1000;
const BATCH = 50;

export interface InviteRow {
  phone: string;
  unit: string;
  visitDate: string;
  language?: string;
}

/** What became of one row, in the order given. Issue paths are the row's own fields. */
export type InviteResult =
  | { status: 'queued'; id: string; sendAt: string }
  | { status: 'throttled' | 'opted-out' }
  | { status: 'invalid'; issues: Issue[] };

/** How many rows came to each end: for the API's answer, the CLI's last line and the audit log. */
export function summariseInvites(results: InviteResult[]) {
  const summary = { queued: 0, throttled: 0, optedOut: 0, invalid: 0 };
  for (const r of results) {
    if (r.status === 'opted-out') summary.optedOut += 1;
    else summary[r.status] += 1;
  }
  return summary;
}

export interface SendSummary {
  sent: number;
  /** Not sent yet: a temporary failure, or the number's conversation about another unit still open. */
  retried: number;
  failed: number;
  undeliverable: number;
  skipped: number;
}

export interface SmsServiceDeps {
  store: Store;
  provider: SmsProvider;
  clock: Clock;
  logger: Logger;
  /** FFT_SECRET: keys the phone-number hash. */
  secret: string;
  /** When texts may go out (default 09:00–20:00): fixed, or read afresh before each round, invitation and retry. */
  window?: SendWindow | (() => Promise<SendWindow>);
  /** Read before each round: while it answers true nothing is sent, and what is due stays queued (default: never paused). */
  paused?: () => Promise<boolean>;
  retry?: RetryPolicy;
  /** For the back-off's jitter; injectable so tests are exact. */
  random?: () => number;
}

export interface SmsService {
  /**
   * Checks, normalises and stores invitations. `principal` limits the units to its scope
   * (the API); the CLI passes none. Never throws for a bad row: that row is `invalid`.
   */
  invite(rows: unknown[], principal?: Principal): Promise<InviteResult[]>;
  /** Sends every invitation that is due, if the send window is open and sending is not paused. */
  runDue(): Promise<SendSummary>;
  /** Erases phone numbers (and response links) past their retention; returns how many. */
  erase(): Promise<number>;
  /** Starts the background loop (runDue, then erase, now and every `intervalMs`); it never keeps the process alive. */
  start(intervalMs?: number): void;
  /** Stops the loop and waits for a round in progress. */
  stop(): Promise<void>;
}

const languageTag = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/, 'language must be a language tag such as en or pl');

const inviteRow = z.strictObject({
  phone: z.string('phone must be text').max(64, 'phone is too long'),
  unit: z.string('unit must be text').trim().min(1, 'unit is required').max(64),
  visitDate: z.string('visitDate must be a date YYYY-MM-DD').refine(isDay, 'visitDate must be a date YYYY-MM-DD'),
  language: languageTag.optional(),
});

export function createSmsService(deps: SmsServiceDeps): SmsService {
  const { store, provider, clock, logger, secret } = deps;
  const fixedWindow = deps.window;
  const currentWindow = typeof fixedWindow === 'function' ? fixedWindow : async () => fixedWindow ?? DEFAULT_SEND_WINDOW;
  const isPaused = deps.paused ?? (async () => false);
  let wasPaused = false;
  const policy = deps.retry ?? DEFAULT_RETRY;
  const iso = (ms: number) => new Date(ms).toISOString();

  async function checkRow(input: unknown, now: Date, window: SendWindow, units: Map<string, Unit | undefined>, principal: Principal | undefined): Promise<NewSmsInvitation | Issue[]> {
    const parsed = inviteRow.safeParse(input);
    if (!parsed.success) {
      return parsed.error.issues.map((i) => {
        if (i.code === 'unrecognized_keys') return { path: i.keys.join(','), message: `unknown field${i.keys.length > 1 ? 's' : ''}: ${i.keys.join(', ')}` };
        return { path: i.path.map(String).join('.') || '(row)', message: i.path.length ? i.message : 'each invitation must be an object {phone, unit, visitDate, language?}' };
      });
    }
    const row = parsed.data;
    const issues: Issue[] = [];
    const phone = normaliseUkMobile(row.phone);
    if (!phone.ok) issues.push({ path: 'phone', message: phone.message });
    if (!units.has(row.unit)) units.set(row.unit, await store.getUnit(row.unit));
    const unit = units.get(row.unit);
    if (!unit || (principal && !unitInScope(principal, unit))) issues.push({ path: 'unit', message: `no unit ${isolate(row.unit)} that you can invite patients for` });
    else if (!unit.active) issues.push({ path: 'unit', message: `unit ${row.unit} is no longer active` });
    else if (!isSmsQuestion(unit.question)) issues.push({ path: 'unit', message: `unit ${row.unit} asks ${unit.question}, which cannot be answered by text` });
    const today = londonDay(now);
    if (row.visitDate > today) issues.push({ path: 'visitDate', message: 'visitDate is in the future' });
    else if (row.visitDate < addDays(today, -MAX_VISIT_AGE_DAYS)) issues.push({ path: 'visitDate', message: `visitDate is more than ${MAX_VISIT_AGE_DAYS} days ago` });
    if (issues.length || !phone.ok || !unit) return issues;
    const sendAt = nextSendTime(now, window);
    return {
      id: newId(),
      unitCode: unit.code,
      phone: phone.e164,
      phoneHash: phoneHash(secret, phone.e164),
      question: unit.question,
      language: row.language ?? 'en',
      visitDate: row.visitDate,
      sendAt: sendAt.toISOString(),
      createdAt: now.toISOString(),
      eraseAfter: iso(sendAt.getTime() + RETENTION_MS),
    };
  }

  async function invite(rows: unknown[], principal?: Principal): Promise<InviteResult[]> {
    const now = clock();
    const window = await currentWindow();
    const units = new Map<string, Unit | undefined>();
    const results: InviteResult[] = [];
    const valid: { at: number; row: NewSmsInvitation }[] = [];
    for (const [i, input] of rows.entries()) {
      const checked = await checkRow(input, now, window, units, principal);
      if (Array.isArray(checked)) results[i] = { status: 'invalid', issues: checked };
      else valid.push({ at: i, row: checked });
    }
    const outcomes = await store.createSmsInvitations(valid.map((v) => v.row), { throttleSince: iso(now.getTime() - THROTTLE_MS) });
    valid.forEach(({ at, row }, j) => {
      const outcome = outcomes[j]!;
      results[at] = outcome.status === 'queued' ? { status: 'queued', id: outcome.id, sendAt: row.sendAt } : { status: outcome.status };
    });
    return results;
  }

  /** Sends one claimed invitation and records how it went. */
  async function send(invitation: SmsInvitation, window: SendWindow, summary: SendSummary): Promise<void> {
    const stop = async (status: 'failed' | 'undeliverable' | 'skipped-opted-out' | 'closed', error: string | null) => {
      await store.recordSmsSend(invitation.id, { kind: 'stopped', status, error });
      if (status === 'skipped-opted-out' || status === 'closed') summary.skipped += 1;
      else summary[status] += 1;
    };
    // A claim that lapsed after its sender died still counted an attempt: this ends a loop of crashes.
    if (invitation.attempts > policy.maxAttempts) return stop('failed', `gave up after ${policy.maxAttempts} attempts`);
    if (!invitation.phone) return stop('closed', null);
    if (await store.isSmsOptedOut(invitation.phoneHash)) return stop('skipped-opted-out', null);
    const unit = await store.getUnit(invitation.unitCode);
    if (!unit || !isSmsQuestion(invitation.question)) return stop('failed', 'the unit no longer exists or cannot be answered by text');
    // Deactivated after the invitation was queued: the unit takes no new answers, so nothing is sent.
    if (!unit.active) return stop('closed', 'the unit was deactivated before the text was sent');
    // Held (a pause, retries, another unit's conversation) until its number is nearly due for
    // erasure: sent now, the reply would find the number gone, be lost and be answered "this
    // number is not monitored". A patient gets a day to answer, or no text at all.
    if (Date.parse(invitation.eraseAfter) - clock().getTime() < COMMENT_WINDOW_MS) {
      return stop('closed', 'not sent: its number is erased within a day, before a reply could be kept');
    }
    // The number's texts about another unit still open: a reply now could not be told apart ("Good"
    // as the first one's comment, or the second's score?), so this one waits until that closes.
    const open = openConversationUntil(await store.findSmsConversation(invitation.phoneHash), invitation.id, clock());
    if (open) {
      const at = nextSendTime(open, window);
      await store.recordSmsSend(invitation.id, { kind: 'retry', nextAttemptAt: at.toISOString(), error: 'waiting: the number is still answering an invitation about another unit' });
      logger.info({ invitation: invitation.id, to: maskPhone(invitation.phone), until: at }, 'text held: the number is still answering another invitation');
      summary.retried += 1;
      return;
    }
    const body = invitationText({ unitName: unit.name, language: invitation.language, question: invitation.question });
    try {
      const { providerId } = await provider.send({ to: invitation.phone, body, reference: invitation.id });
      await store.recordSmsSend(invitation.id, { kind: 'sent', at: clock().toISOString(), provider: provider.name, providerMessageId: providerId });
      summary.sent += 1;
    } catch (thrown) {
      const error = thrown instanceof SmsSendError ? thrown : new SmsSendError(`The text could not be sent (${(thrown as Error)?.message ?? thrown})`, { permanent: false, cause: thrown });
      const log = { invitation: invitation.id, to: maskPhone(invitation.phone), attempts: invitation.attempts, status: error.status, code: error.code };
      if (error.recipientOptedOut) {
        // The provider itself has the number opted out (Twilio 21610): honour it here too.
        await store.optOutSms(invitation.phoneHash, clock().toISOString());
        logger.info(log, 'text not sent: the number has opted out with the provider');
        return stop('skipped-opted-out', error.message);
      }
      if (error.permanent) {
        logger.warn(log, `text not sent, not retried: ${error.message}`);
        return stop('undeliverable', error.message);
      }
      if (shouldGiveUp(invitation.attempts, policy)) {
        logger.warn(log, `text not sent, giving up: ${error.message}`);
        return stop('failed', error.message);
      }
      const retryAt = nextSendTime(nextAttemptAt(invitation.attempts, clock(), { policy, random: deps.random, atLeastMs: error.retryAfterMs }), window);
      await store.recordSmsSend(invitation.id, { kind: 'retry', nextAttemptAt: retryAt.toISOString(), error: error.message });
      logger.info({ ...log, retryAt }, `text not sent, will retry: ${error.message}`);
      summary.retried += 1;
    }
  }

  /**
   * Until when the number's latest conversation (another invitation than `id`) is open, or null:
   * a day from its sending while it waits for a score, and a day from the score while a comment may
   * still come (the receiver's COMMENT_WINDOW_MS).
   */
  function openConversationUntil(latest: SmsInvitation | undefined, id: string, now: Date): Date | null {
    if (!latest || latest.id === id) return null;
    const from = latest.conversation === 'awaiting-answer' ? latest.sentAt : latest.answeredAt;
    if (!from) return null;
    const until = Date.parse(from) + COMMENT_WINDOW_MS;
    return until > now.getTime() ? new Date(until) : null;
  }

  async function runDue(): Promise<SendSummary> {
    const summary: SendSummary = { sent: 0, retried: 0, failed: 0, undeliverable: 0, skipped: 0 };
    // Bounded, so that a store that keeps answering with due rows cannot spin forever.
    for (let round = 0; round < 1000; round++) {
      // Read each round, so that a pause or a new window set mid-run takes effect at the next batch.
      const paused = await isPaused();
      if (paused !== wasPaused) logger.info({ paused }, paused ? 'invitation texts paused by an admin: they stay queued' : 'invitation texts resumed');
      wasPaused = paused;
      if (paused) break;
      const window = await currentWindow();
      const now = clock();
      if (!isWithinSendWindow(now, window)) break;
      const due = await store.claimDueSmsInvitations({ now: now.toISOString(), leaseUntil: iso(now.getTime() + LEASE_MS), limit: BATCH });
      for (const invitation of due) await send(invitation, window, summary);
      if (due.length < BATCH) break;
    }
    return summary;
  }

  async function erase(): Promise<number> {
    const now = clock();
    const erased = await store.eraseSmsPhones({ now: now.toISOString(), inboundBefore: iso(now.getTime() - RETENTION_MS) });
    if (erased) logger.info({ erased }, 'phone numbers erased after the retention period');
    return erased;
  }

  async function tick() {
    try {
      const summary = await runDue();
      if (summary.sent || summary.retried || summary.failed || summary.undeliverable) logger.info({ sms: summary }, 'invitations sent');
      await erase();
    } catch (err) {
      logger.error({ err }, 'sms background round failed');
    }
  }

  const loop = periodic(tick);
  return {
    invite,
    runDue,
    erase,
    // A slow round (a provider timing out) is not overlapped by the next.
    start: (intervalMs = 15_000) => loop.start(intervalMs),
    stop: loop.stop,
  };
}

/**
 * The window and pause an admin sets at /admin/settings, as the getters `createSmsService` reads:
 * the admin's window, or `fallback` (FFT_SMS_WINDOW) while none is set there. `settings` caches
 * for a few seconds, so a change made on the page applies that soon.
 */
export function adminSmsControls(settings: Pick<Settings, 'get'>, fallback: SendWindow): { window: () => Promise<SendWindow>; paused: () => Promise<boolean> } {
  return {
    window: async () => (await settings.get()).smsWindow ?? fallback,
    paused: async () => (await settings.get()).smsPaused === true,
  };
}

/**
 * The service as configured: the provider the environment names, and its window; with `admin`
 * (the service settings), the window and pause an admin sets at /admin/settings, read live, the
 * environment's window applying while the admin has set none.
 */
export function smsServiceFromSettings(deps: { store: Store; logger: Logger; secret: string; settings: SmsSettings; clock?: Clock; admin?: Pick<Settings, 'get'> }): SmsService {
  const clock = deps.clock ?? systemClock;
  const provider = createProvider(deps.settings.provider, { logger: deps.logger, clock });
  const controls = deps.admin ? adminSmsControls(deps.admin, deps.settings.window) : { window: deps.settings.window };
  return createSmsService({ store: deps.store, provider, clock, logger: deps.logger, secret: deps.secret, ...controls });
}
