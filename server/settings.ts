/** Service-wide settings an admin changes, read with a short cache (they change rarely). */
import { z } from 'zod';
import type { Store } from '../db/store.ts';
import type { Clock } from './clock.ts';

/** A London wall-clock time, 24-hour `HH:MM`. */
const londonTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a 24-hour time HH:MM, like 09:00');

/** When invitation texts may go out, London time: opens at `start` (inclusive), closes at `end` (exclusive), the same day. */
export const smsWindowSetting = z
  .strictObject({ start: londonTime, end: londonTime })
  // Zero-padded HH:MM strings sort as the times do.
  .refine((w) => w.start < w.end, { message: 'the send window must open before it closes', path: ['end'] });

export const serviceSettings = z.strictObject({
  /** Leave answers flagged by the gaming guard out of every score. */
  excludeFlagged: z.boolean(),
  /** More than this many answers from one tablet … */
  burstCount: z.number().int().min(2).max(1000),
  /** … within this many seconds is a burst. */
  burstSeconds: z.number().int().min(1).max(3600),
  /** Staff names in comments on internal views: kept (praise by name matters to ward teams) or redacted. Exports and public pages always redact them. */
  staffNamesInternal: z.enum(['keep', 'redact']),
  /**
   * When invitation texts may go out, set by an admin; null or absent: FFT_SMS_WINDOW from the
   * environment (default 09:00–20:00). Absent rather than defaulted, so that settings saved or
   * read before SMS was configurable here look exactly as they did.
   */
  smsWindow: smsWindowSetting.nullable().optional(),
  /** True: no invitation text is sent; they stay queued and go when this is false again (absent: false). Replies from patients are received and answered either way. */
  smsPaused: z.boolean().optional(),
});
export type ServiceSettings = z.infer<typeof serviceSettings>;

export const DEFAULT_SETTINGS: ServiceSettings = { excludeFlagged: true, burstCount: 10, burstSeconds: 30, staffNamesInternal: 'keep' };
const KEY = 'service';

export function createSettings(store: Store, clock: Clock, ttlMs = 5000) {
  let cached: { at: number; value: ServiceSettings } | null = null;
  return {
    async get(): Promise<ServiceSettings> {
      const now = clock().getTime();
      if (cached && now - cached.at < ttlMs) return cached.value;
      const stored = serviceSettings.partial().safeParse((await store.getSetting(KEY)) ?? {});
      const value = { ...DEFAULT_SETTINGS, ...(stored.success ? stored.data : {}) };
      cached = { at: now, value };
      return value;
    },
    async set(patch: Partial<ServiceSettings>): Promise<ServiceSettings> {
      const value = { ...(await this.get()), ...patch };
      await store.setSetting(KEY, value, clock().toISOString());
      cached = { at: clock().getTime(), value };
      return value;
    },
  };
}

export type Settings = ReturnType<typeof createSettings>;
