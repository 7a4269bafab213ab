/**
 * Calendar periods in Europe/London (shared/reference/FFT.md §3). A response belongs to the
 * London calendar day on which the patient answered, so 00:30 BST on 1 April is April even
 * though it is still 31 March in UTC. Days are passed around as plain 'YYYY-MM-DD' strings.
 *
 * The zone matters only where an instant meets a day (`londonDay`, `londonDayBounds`), and there
 * everything goes through @date-fns/tz. Between days it is calendar arithmetic, done on UTC day
 * numbers: exact for dates, blind to the host's zone, and ~50× faster than zoned date-fns calls,
 * which matters when a dashboard rolls up a year of days for hundreds of wards.
 */
import { tzOffset } from '@date-fns/tz';

export const LONDON = 'Europe/London';

export const PERIOD_KINDS = ['day', 'week', 'month', 'quarter', 'year'] as const;
/** `year` is the NHS financial year, 1 April – 31 March. `week` is the ISO week (Monday start). */
export type PeriodKind = (typeof PERIOD_KINDS)[number];

/** One calendar period: its label and its first and last London calendar days (inclusive). */
export interface Period {
  label: string;
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;
const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
// An instant must say which offset it is in; "2026-03-31T23:30" alone would be read in the host zone.
const INSTANT_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

/**
 * The London calendar day ('YYYY-MM-DD') on which an instant falls, e.g.
 * '2026-03-31T23:30:00Z' → '2026-04-01' (00:30 BST). Strings must carry 'Z' or an offset.
 */
export function londonDay(instant: Date | string): string {
  const ms = toInstant(instant).getTime();
  return new Date(ms + londonOffsetMs(ms)).toISOString().slice(0, 10);
}

// London changes clocks at 01:00 UTC, always on the hour, so the offset is constant within a
// UTC hour and can be looked up once per hour: every ingested response needs its London day,
// and a zoned format() per call was a tenth of the ingestion path's time (bench/ingest).
const offsetByHour = new Map<number, number>();

function londonOffsetMs(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    if (offsetByHour.size > 50_000) offsetByHour.clear();
    offset = tzOffset(LONDON, new Date(hour * 3_600_000)) * 60_000;
    offsetByHour.set(hour, offset);
  }
  return offset;
}

/** Today's London calendar day at the injected instant `now` (the service's one clock). */
export function today(now: Date): string {
  return londonDay(now);
}

/** The London month ('YYYY-MM') `n` months after the one `now` falls in (n may be negative). */
export function monthOf(now: Date, n = 0): string {
  return addMonths(londonDay(now).slice(0, 7), n);
}

/** The month ('YYYY-MM') `n` months after `month` (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Months ('YYYY-MM') from `from` to `to` inclusive, oldest first. */
export function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/** The day `n` calendar days after `day` (n may be negative); clock changes do not matter. */
export function addDays(day: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${n}`);
  return fromDayNumber(toDayNumber(day) + n);
}

/**
 * The UTC instants `[start, end)` of a London calendar day, for querying stored timestamps.
 * The last Sunday of March is 23 hours long and the last Sunday of October 25 hours.
 */
export function londonDayBounds(day: string): [start: Date, end: Date] {
  const start = londonMidnight(day);
  const end = londonMidnight(addDays(day, 1));
  return [new Date(start.getTime()), new Date(end.getTime())];
}

/**
 * The period of the given kind containing a London calendar day. Labels: 'YYYY-MM-DD',
 * ISO week 'YYYY-Www' (ISO week-year, so 2027-01-01 is '2026-W53'), 'YYYY-MM',
 * calendar quarter 'YYYY-Qn', and financial year 'YYYY/YY' (2026-04-01 is '2026/27').
 */
export function periodOf(kind: PeriodKind, day: string): Period {
  const [year, month] = parseDay(day);
  switch (kind) {
    case 'day':
      return { label: day, start: day, end: day };
    case 'week': {
      const n = toDayNumber(day);
      const monday = n - isoWeekday(n);
      // ISO 8601: a week belongs to the year of its Thursday, and week 1 holds the first Thursday.
      const thursday = monday + 3;
      const weekYear = Number(fromDayNumber(thursday).slice(0, 4));
      const week = Math.floor((thursday - toDayNumber(`${pad4(weekYear)}-01-01`)) / 7) + 1;
      return {
        label: `${pad4(weekYear)}-W${String(week).padStart(2, '0')}`,
        start: fromDayNumber(monday),
        end: fromDayNumber(monday + 6),
      };
    }
    case 'month':
      return { label: day.slice(0, 7), start: `${day.slice(0, 7)}-01`, end: lastDayOfMonth(year, month) };
    case 'quarter': {
      const quarter = Math.ceil(month / 3);
      const firstMonth = String(quarter * 3 - 2).padStart(2, '0');
      return { label: `${pad4(year)}-Q${quarter}`, start: `${pad4(year)}-${firstMonth}-01`, end: lastDayOfMonth(year, quarter * 3) };
    }
    case 'year': {
      const first = month >= 4 ? year : year - 1;
      return {
        label: `${pad4(first)}/${String((first + 1) % 100).padStart(2, '0')}`,
        start: `${pad4(first)}-04-01`,
        end: `${pad4(first + 1)}-03-31`,
      };
    }
  }
}

/**
 * Every period of a kind that overlaps `fromDay`…`toDay` (inclusive), in order, including
 * periods with no responses, so charts and returns show gaps rather than hiding them.
 * Empty when fromDay is after toDay.
 */
export function periodsBetween(kind: PeriodKind, fromDay: string, toDay: string): Period[] {
  parseDay(toDay);
  if (fromDay > toDay) return [];
  const periods: Period[] = [];
  for (let period = periodOf(kind, fromDay); period.start <= toDay; period = periodOf(kind, addDays(period.end, 1))) {
    periods.push(period);
  }
  return periods;
}

/** Whether a string is a real calendar day in 'YYYY-MM-DD' form. */
export function isDay(value: string): boolean {
  const match = DAY_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC is host-zone independent; it rolls 30 February over to March (and maps years
  // 0–99 to 1900s), which the round trip detects.
  const probe = new Date(Date.UTC(year, month - 1, day));
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function parseDay(day: string): [year: number, month: number, dayOfMonth: number] {
  if (!isDay(day)) throw new RangeError(`not a calendar day 'YYYY-MM-DD': ${JSON.stringify(day)}`);
  return [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
}

// UK clocks change at 01:00 UTC, so London midnight always exists and is unique, and the offset
// at UTC midnight is the one at London midnight (an hour either side). Worked out from the offset
// rather than with a TZDate built from fields, which goes through the host's zone and was an hour
// out on the clock-change days on a host whose own clocks change at midnight (e.g. Asia/Beirut).
function londonMidnight(day: string): Date {
  const utcMidnight = toDayNumber(day) * DAY_MS;
  return new Date(utcMidnight - londonOffsetMs(utcMidnight));
}

/** Days since 1970-01-01 (a Thursday). */
function toDayNumber(day: string): number {
  const [year, month, dayOfMonth] = parseDay(day);
  return Date.UTC(year, month - 1, dayOfMonth) / DAY_MS;
}

function fromDayNumber(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday 0 … Sunday 6. */
function isoWeekday(n: number): number {
  return (((n + 3) % 7) + 7) % 7;
}

function lastDayOfMonth(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one.
  return fromDayNumber(Date.UTC(year, month, 0) / DAY_MS);
}

function toInstant(instant: Date | string): Date {
  if (typeof instant === 'string') {
    if (!INSTANT_PATTERN.test(instant)) {
      throw new RangeError(`instant must be ISO 8601 with 'Z' or an offset: ${JSON.stringify(instant)}`);
    }
    instant = new Date(instant);
  }
  if (Number.isNaN(instant.getTime())) throw new RangeError('invalid instant');
  return instant;
}

function pad4(year: number): string {
  return String(year).padStart(4, '0');
}
