/**
 * When texts may go out: only between set London wall-clock times (09:00–20:00 by default),
 * so that nobody is woken or disturbed late in the evening by a feedback request. A text due
 * outside the window waits for the next opening. Times are London local time through the
 * clock changes: 09:00 is 08:00 UTC in summer (BST) and 09:00 UTC in winter (GMT).
 */
import { TZDate } from '@date-fns/tz';
import { LONDON } from '../../analytics/periods.ts';

export interface SendWindow {
  /** Opening time, 'HH:MM' London local time, inclusive. */
  start: string;
  /** Closing time, 'HH:MM' London local time, exclusive. */
  end: string;
}

export const DEFAULT_SEND_WINDOW: SendWindow = { start: '09:00', end: '20:00' };

/**
 * `now` if it is inside the window, otherwise the next opening. Keep both times outside
 * 01:00–02:00, the hour that is skipped or repeated when the clocks change.
 */
export function nextSendTime(now: Date, window: SendWindow = DEFAULT_SEND_WINDOW): Date {
  const [start, end] = bounds(window);
  const local = new TZDate(now.getTime(), LONDON);
  const msOfDay = ((local.getHours() * 60 + local.getMinutes()) * 60 + local.getSeconds()) * 1000 + local.getMilliseconds();
  if (msOfDay >= start * 60_000 && msOfDay < end * 60_000) return new Date(now.getTime());
  const days = msOfDay < start * 60_000 ? 0 : 1;
  const opening = new TZDate(local.getFullYear(), local.getMonth(), local.getDate() + days, Math.floor(start / 60), start % 60, LONDON);
  return new Date(opening.getTime());
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
