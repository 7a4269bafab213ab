/** Service-wide settings an admin changes, read with a short cache (they change rarely). */
import { z } from 'zod';
import type { Store } from '../db/store.ts';
import type { Clock } from './clock.ts';

export const serviceSettings = z.strictObject({
  /** Leave answers flagged by the gaming guard out of every score. */
  excludeFlagged: z.boolean(),
  /** More than this many answers from one tablet … */
  burstCount: z.number().int().min(2).max(1000),
  /** … within this many seconds is a burst. */
  burstSeconds: z.number().int().min(1).max(3600),
  /** Staff names in comments on internal views: kept (praise by name matters to ward teams) or redacted. Exports and public pages always redact them. */
  staffNamesInternal: z.enum(['keep', 'redact']),
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
