/**
 * Demo responses: a seeded, repeatable 90 days for the demo trust. Volumes, channels and
 * answer mixes follow each setting (A&E mostly by text, wards by tablet and card), one ward
 * has a recent dip so the SPC chart has something to say, and the same seed and day give the
 * same ids, so running the demo twice stores nothing twice.
 */
import { TZDate } from '@date-fns/tz';
import { v7 as uuidv7 } from 'uuid';
import type { Channel, Mode, Setting } from '../../analytics/fft.ts';
import { AGE_BANDS, COMPLETED_BY, DISABILITY, ETHNIC_CODES, SEXES } from '../../analytics/fft.ts';
import type { NewResponse, OrgRow } from '../../db/store.ts';
import { CRITICISM, MIXED, NON_ANSWERS, OTHER_LANGUAGE, PRAISE } from './comments.ts';

export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Mix = [Channel, Mode, number][];

function channelMix(setting: Setting): Mix {
  if (setting === 'ae') return [['sms', 'sms', 70], ['kiosk', 'electronic-discharge', 18], ['web', 'online', 10], ['import', 'other', 2]];
  if (setting === 'outpatient')
    return [['sms', 'sms', 55], ['kiosk', 'electronic-at-appointment', 28], ['web', 'electronic-after-appointment', 10], ['paper', 'paper-at-appointment', 5], ['import', 'other', 2]];
  if (setting.startsWith('maternity'))
    return [['kiosk', 'electronic-discharge', 40], ['sms', 'sms', 30], ['web', 'online', 18], ['paper', 'paper-discharge', 10], ['import', 'other', 2]];
  if (setting === 'community')
    return [['sms', 'sms', 40], ['paper', 'paper-home', 23], ['telephone', 'telephone', 20], ['web', 'electronic-home', 15], ['import', 'other', 2]];
  return [['kiosk', 'electronic-discharge', 45], ['paper', 'paper-discharge', 23], ['sms', 'sms', 20], ['web', 'online', 6], ['web', 'electronic-home', 4], ['import', 'other', 2]];
}

function dailyVolume(setting: Setting): [number, number] {
  if (setting === 'ae') return [20, 40];
  if (setting === 'outpatient') return [15, 30];
  if (setting === 'community') return [4, 10];
  if (setting.startsWith('maternity')) return [3, 9];
  return [4, 12];
}

const LANGUAGES = Object.keys(OTHER_LANGUAGE);

function pick<T>(rand: () => number, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)]!;
}

function weighted<T extends unknown[]>(rand: () => number, mix: T[]): T {
  const total = mix.reduce((s, m) => s + (m[m.length - 1] as number), 0);
  let r = rand() * total;
  for (const m of mix) {
    r -= m[m.length - 1] as number;
    if (r < 0) return m;
  }
  return mix[mix.length - 1]!;
}

function answerFor(rand: () => number, positiveRate: number): number {
  const r = rand();
  if (r < 0.02) return 6;
  if (r < 0.02 + positiveRate) return rand() < 0.72 ? 1 : 2;
  return rand() < 0.45 ? 3 : rand() < 0.6 ? 4 : 5;
}

function commentFor(rand: () => number, answer: number): string {
  if (rand() < 0.06) return pick(rand, NON_ANSWERS);
  if (answer <= 2) return rand() < 0.85 ? pick(rand, PRAISE) : pick(rand, MIXED);
  if (answer === 3 || answer === 6) return pick(rand, MIXED);
  return rand() < 0.8 ? pick(rand, CRITICISM) : pick(rand, MIXED);
}

/** London calendar days, oldest first, ending with `lastDay`. */
export function lastDays(lastDay: string, days: number): string[] {
  const [y, m, d] = lastDay.split('-').map(Number) as [number, number, number];
  const out: string[] = [];
  for (let i = days - 1; i >= 0; i--) out.push(new Date(Date.UTC(y, m - 1, d - i)).toISOString().slice(0, 10));
  return out;
}

export function generateDemoResponses(units: OrgRow[], opts: { lastDay: string; days: number; seed: number; now: Date }): NewResponse[] {
  const rand = seededRandom(opts.seed);
  const days = lastDays(opts.lastDay, opts.days);
  const out: NewResponse[] = [];
  for (const [u, unit] of units.entries()) {
    const baseline = 0.8 + rand() * 0.15;
    const mix = channelMix(unit.setting);
    const [lo, hi] = dailyVolume(unit.setting);
    for (const [i, day] of days.entries()) {
      // Ward 4 has a bad fortnight at the end: a real change for the SPC chart to catch.
      const dip = u === 3 && i >= days.length - 14 ? 0.25 : 0;
      const n = lo + Math.floor(rand() * (hi - lo + 1));
      for (let k = 0; k < n; k++) {
        const [y, m, d] = day.split('-').map(Number) as [number, number, number];
        const minutes = 8 * 60 + Math.floor(rand() * 13 * 60);
        const at = new TZDate(y, m - 1, d, Math.floor(minutes / 60), minutes % 60, Math.floor(rand() * 60), 'Europe/London');
        const [channel, mode] = weighted(rand, mix);
        const answer = answerFor(rand, baseline - dip);
        const foreign = rand() < 0.07;
        const language = foreign ? pick(rand, LANGUAGES) : 'en';
        const hasComment = rand() < 0.42;
        const comment = hasComment ? (foreign ? pick(rand, OTHER_LANGUAGE[language]!) : commentFor(rand, answer)) : null;
        const equality = (channel === 'kiosk' || channel === 'web') && rand() < 0.35;
        const random = new Uint8Array(16).map(() => Math.floor(rand() * 256));
        const response: NewResponse = {
          id: uuidv7({ msecs: at.getTime(), random }),
          unitCode: unit.unitCode,
          question: unit.question,
          answer,
          comment,
          channel,
          mode,
          answeredAt: new Date(at.getTime()).toISOString(),
          answeredDay: day,
          receivedAt: new Date(at.getTime() + (channel === 'import' ? 86_400_000 : 2_000)).toISOString(),
          language,
          ageBand: equality ? pick(rand, AGE_BANDS) : null,
          sex: equality ? pick(rand, SEXES) : null,
          ethnicity: equality ? pick(rand, ETHNIC_CODES) : null,
          disability: equality ? pick(rand, DISABILITY) : null,
          completedBy: equality ? pick(rand, COMPLETED_BY) : null,
          deviceId: null,
          flagged: false,
        };
        // Left out only after every draw for it: what follows must not depend on the time of day
        // the demo is loaded, or loading it again would add different responses.
        if (at.getTime() <= opts.now.getTime()) out.push(response);
      }
    }
  }
  return out;
}
