import { DateTime } from 'luxon';
import type { WorkingCalendar } from '../sla/calendar';
import type { SpikeSettings } from './settings';

/** [start, end) as UTC ISO instants (`...Z`, milliseconds), bucket-aligned. */
export interface TimeWindow {
  start: string;
  end: string;
}

const MINUTE = 60_000;

/** The start of the bucket holding `instant`: buckets are aligned on UTC minutes since the epoch. */
export function bucketStartOf(instant: string, bucketMinutes: number): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new RangeError(`"${instant}" is not an instant`);
  const size = bucketMinutes * MINUTE;
  return new Date(Math.floor(ms / size) * size).toISOString();
}

/**
 * The window judged at `now`: the `windowMinutes` that end with the bucket in progress. Including the
 * bucket in progress lets a burst be seen minutes after it starts; the baseline's windows are complete,
 * so a partial bucket only ever makes the comparison more cautious.
 */
export function currentWindow(now: string, settings: Pick<SpikeSettings, 'windowMinutes' | 'bucketMinutes'>): TimeWindow {
  const end = Date.parse(bucketStartOf(now, settings.bucketMinutes)) + settings.bucketMinutes * MINUTE;
  return { start: new Date(end - settings.windowMinutes * MINUTE).toISOString(), end: new Date(end).toISOString() };
}

/** Working days are compared with working days; weekends and bank holidays with each other. */
export type DayType = 'working' | 'rest';

export function dayTypeOf(instant: string, calendar: WorkingCalendar): DayType {
  const local = DateTime.fromISO(instant, { zone: calendar.timeZone });
  const working = calendar.workingDays.has(local.weekday as 1) && !calendar.isHoliday(local.toISODate()!);
  return working ? 'working' : 'rest';
}

/**
 * The same window of the day (local clock time in the trust's zone, so a clock change keeps "14:00" at
 * 14:00) on each earlier day of the same type within `lookbackDays`, newest first, and none before
 * `since` (when counting began: before it, an empty window means no data, not a quiet hour).
 */
export function baselineWindows(
  window: TimeWindow,
  calendar: WorkingCalendar,
  settings: Pick<SpikeSettings, 'lookbackDays' | 'windowMinutes'>,
  since: string | undefined,
): TimeWindow[] {
  if (since === undefined) return [];
  const type = dayTypeOf(window.start, calendar);
  const start = DateTime.fromISO(window.start, { zone: calendar.timeZone });
  const windows: TimeWindow[] = [];
  for (let days = 1; days <= settings.lookbackDays; days += 1) {
    const earlier = start.minus({ days });
    const earlierStart = earlier.toUTC().toISO()!;
    if (Date.parse(earlierStart) < Date.parse(since)) break;
    if (dayTypeOf(earlierStart, calendar) !== type) continue;
    windows.push({ start: new Date(earlier.toMillis()).toISOString(), end: new Date(earlier.toMillis() + settings.windowMinutes * MINUTE).toISOString() });
  }
  return windows;
}

/** Every bucket start in [from, to). */
export function bucketStartsIn(window: TimeWindow, bucketMinutes: number): string[] {
  const starts: string[] = [];
  for (let t = Date.parse(window.start); t < Date.parse(window.end); t += bucketMinutes * MINUTE) starts.push(new Date(t).toISOString());
  return starts;
}
