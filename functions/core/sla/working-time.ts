import { DateTime } from 'luxon';
import type { IsoWeekday, WorkingCalendar } from './calendar';

/** Ten years of days: far beyond any response time, it only bounds a pathological range. */
const MAX_DAYS_SCANNED = 3660;

/**
 * Monitored (working) minutes between two instants: only the time inside the calendar's monitored
 * windows counts, in its zone (DST handled by the zone), bank holidays and closed days skipped.
 * The inverse of `slaDueAt` for working-time targets: a reply at the due time of a one-working-hour
 * target took 60 working minutes. Rounded to the nearest minute; 0 when `end` is not after `start`.
 */
export function workingMinutesBetween(startIso: string, endIso: string, calendar: WorkingCalendar): number {
  const start = DateTime.fromISO(startIso, { zone: calendar.timeZone });
  const end = DateTime.fromISO(endIso, { zone: calendar.timeZone });
  if (!start.isValid) throw new RangeError(`workingMinutesBetween: "${startIso}" is not an ISO date-time`);
  if (!end.isValid) throw new RangeError(`workingMinutesBetween: "${endIso}" is not an ISO date-time`);
  if (end <= start) return 0;

  let total = 0;
  let day = start.startOf('day');
  for (let scanned = 0; scanned < MAX_DAYS_SCANNED && day < end; scanned++) {
    const date = day.toISODate();
    if (date !== null && calendar.workingDays.has(day.weekday as IsoWeekday) && !calendar.isHoliday(date)) {
      // Wall-clock opening and close on that date (set, not plus, so a DST change that day cannot shift them).
      const opens = day.set({ hour: Math.floor(calendar.opensAtMinute / 60), minute: calendar.opensAtMinute % 60 });
      const closes = day.set({ hour: Math.floor(calendar.closesAtMinute / 60), minute: calendar.closesAtMinute % 60 });
      const from = Math.max(opens.toMillis(), start.toMillis());
      const to = Math.min(closes.toMillis(), end.toMillis());
      if (to > from) total += to - from;
    }
    day = day.plus({ days: 1 }).startOf('day');
  }
  return Math.round(total / 60_000);
}

/** Whole elapsed minutes between two instants (24/7), 0 when `end` is not after `start`. */
export function elapsedMinutesBetween(startIso: string, endIso: string): number {
  const ms = Date.parse(endIso) - Date.parse(startIso);
  if (Number.isNaN(ms)) throw new RangeError(`elapsedMinutesBetween: not ISO date-times: ${startIso}, ${endIso}`);
  return ms > 0 ? Math.round(ms / 60_000) : 0;
}
