import { DateTime } from 'luxon';
import type { IsoWeekday, WorkingCalendar } from './calendar';
import type { SlaTarget } from './target';

/** Ten years of days: far beyond any target, it only stops a calendar with no open day looping forever. */
const MAX_DAYS_SCANNED = 3660;

/**
 * When an interaction that arrived at `startIso` must be handled by, as an ISO instant in UTC ('Z').
 * Working-time targets count only monitored time, in the calendar's zone (so DST is handled by the
 * zone, not by us); an interaction that arrives out of hours starts its clock at the next opening.
 * `null` means no clock (monitor only).
 */
export function slaDueAt(startIso: string, target: SlaTarget, calendar: WorkingCalendar): string | null {
  const start = DateTime.fromISO(startIso, { zone: calendar.timeZone });
  if (!start.isValid) throw new RangeError(`slaDueAt: "${startIso}" is not an ISO date-time`);

  switch (target.kind) {
    case 'none':
      return null;
    case 'minutes':
      // Elapsed minutes are absolute time, so a 24/7 clock is unaffected by the clocks changing.
      return toUtcIso(
        target.allDay ? start.plus({ minutes: target.value }) : addWorkingMs(start, target.value * 60_000, calendar),
      );
    case 'workingHours':
      return toUtcIso(addWorkingMs(start, target.value * 3_600_000, calendar));
    case 'workingDays':
      return toUtcIso(addWorkingMs(start, target.value * workingDayMs(calendar), calendar));
    case 'endOfWorkingDay':
      return toUtcIso(endOfWorkingDay(start, target.offsetDays, calendar));
  }
}

/** Walks forward through monitored windows, spending `ms` of monitored time. */
function addWorkingMs(start: DateTime, ms: number, calendar: WorkingCalendar): DateTime {
  let cursor = start;
  let remaining = ms;
  for (let day = 0; day < MAX_DAYS_SCANNED; day++) {
    const window = monitoredWindow(cursor, calendar);
    if (window && cursor < window.closes) {
      const from = cursor < window.opens ? window.opens : cursor;
      const available = window.closes.toMillis() - from.toMillis();
      // `<=` so a target that uses up the day exactly is due at the close, not at the next opening.
      if (remaining <= available) return from.plus({ milliseconds: remaining });
      remaining -= available;
    }
    cursor = cursor.startOf('day').plus({ days: 1 });
  }
  throw new RangeError(`no monitored time within ${MAX_DAYS_SCANNED} days of ${start.toISO()}`);
}

/** The close of the working day the interaction is first seen in, moved on by `offsetDays` working days. */
function endOfWorkingDay(start: DateTime, offsetDays: number, calendar: WorkingCalendar): DateTime {
  let cursor = start;
  let toSkip = offsetDays;
  for (let day = 0; day < MAX_DAYS_SCANNED; day++) {
    const window = monitoredWindow(cursor, calendar);
    if (window && cursor < window.closes) {
      if (toSkip === 0) return window.closes;
      toSkip -= 1;
    }
    cursor = cursor.startOf('day').plus({ days: 1 });
  }
  throw new RangeError(`no monitored day within ${MAX_DAYS_SCANNED} days of ${start.toISO()}`);
}

interface MonitoredWindow {
  opens: DateTime;
  closes: DateTime;
}

/** The monitored opening and close on the local date of `instant`, or undefined on a closed day. */
function monitoredWindow(instant: DateTime, calendar: WorkingCalendar): MonitoredWindow | undefined {
  const date = instant.toISODate();
  if (date === null) return undefined;
  if (!calendar.workingDays.has(instant.weekday as IsoWeekday) || calendar.isHoliday(date)) return undefined;
  const midnight = instant.startOf('day');
  return {
    opens: atMinute(midnight, calendar.opensAtMinute),
    closes: atMinute(midnight, calendar.closesAtMinute),
  };
}

/** Wall-clock time on that date (set, not plus, so a DST change earlier that day cannot shift it). */
function atMinute(midnight: DateTime, minuteOfDay: number): DateTime {
  return midnight.set({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 });
}

function workingDayMs(calendar: WorkingCalendar): number {
  return (calendar.closesAtMinute - calendar.opensAtMinute) * 60_000;
}

function toUtcIso(instant: DateTime): string {
  const iso = instant.toUTC().toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError('slaDueAt: the due time is out of range');
  return iso;
}
