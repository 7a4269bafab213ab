/**
 * When texts may go out: only between set London wall-clock times (09:00–20:00 by default),
 * so that nobody is woken or disturbed late in the evening by a feedback request. A text due
 * outside the window waits for the next opening. Times are London local time through the
 * clock changes: 09:00 is 08:00 UTC in summer (BST) and 09:00 UTC in winter (GMT).
 */
import { TZDate, tzOffset } from '@date-fns/tz';
import { addDays, LONDON, londonDay } from '../../analytics/periods.ts';

export interface SendWindow {
  /** Opening time, 'HH:MM' London local time, inclusive. */
  start: string;
  /** Closing time, 'HH:MM' London local time, exclusive. */
  end: string;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { start: '09:00', end: '20:00' };

/**
 * `now` if it is inside the window, otherwise the first moment after it that is: the next
 * opening. Where the clocks change inside the window's hours (01:00–02:00 London time), the
 * window opens at the first 01:xx in October (BST), and in March, when that hour is skipped, at
 * 02:00 BST if the window is still open then. Whatever the host's time zone.
 */
export function nextSendTime(now: Date, window: SendWindow = DEFAULT_SEND_WINDOW): Date {
  const [start, end] = bounds(window);
  const inside = (at: Date) => {
    const local = new TZDate(at.getTime(), LONDON);
    const msOfDay = ((local.getHours() * 60 + local.getMinutes()) * 60 + local.getSeconds()) * 1000 + local.getMilliseconds();
    return msOfDay >= start * 60_000 && msOfDay < end * 60_000;
  };
  if (inside(now)) return new Date(now.getTime());
  // Today's opening if it is still to come, else the next day's (the day after on the one day
  // a window within 01:00–02:00 does not happen at all). 01:00 UTC too: when the clocks go back
  // then, a window around 01:00 that has just closed opens again.
  for (let day = londonDay(now); ; day = addDays(day, 1)) {
    const moments = [...londonWallClock(day, start), new Date(`${day}T01:00:00Z`)].sort((a, b) => a.getTime() - b.getTime());
    const opening = moments.find((at) => at.getTime() > now.getTime() && inside(at));
    if (opening) return opening;
  }
}

/**
 * The moments of London calendar day `day` at which the wall clock first reads `minutes` past
 * midnight or later, in order: two in October's repeated hour, one otherwise. Worked out from
 * the zone's offsets, not with the host's local time (a TZDate built from fields goes through it,
 * which moved openings near a clock change).
 */
function londonWallClock(day: string, minutes: number): Date[] {
  const wall = Date.parse(`${day}T00:00:00Z`) + minutes * 60_000;
  // BST first: in October's repeated hour that is the earlier of the two moments.
  const moments = [60, 0].map((offset) => new Date(wall - offset * 60_000)).filter((at) => tzOffset(LONDON, at) * 60_000 === wall - at.getTime());
  // A time in March's skipped hour: the clocks reach it as they go forward, at 01:00 UTC.
  return moments.length ? moments : [new Date(Math.floor(wall / 3_600_000) * 3_600_000)];
}

/** Whether a text may be sent at `now`. */
export function isWithinSendWindow(now: Date, window: SendWindow = DEFAULT_SEND_WINDOW): boolean {
  return nextSendTime(now, window).getTime() === now.getTime();
}

function bounds(window: SendWindow): [number, number] {
  const start = minutes(window.start, 'start');
  const end = minutes(window.end, 'end');
  if (start >= end) throw new RangeError(`The send window must open before it closes (${window.start}–${window.end})`);
  return [start, end];
}

function minutes(time: string, which: string): number {
  const match = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time);
  if (!match) throw new RangeError(`The send window's ${which} must be HH:MM, not "${time}"`);
  return Number(match[1]) * 60 + Number(match[2]);
}
