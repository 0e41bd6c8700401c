import { DateTime } from 'luxon';

/** ISO weeks reckoned in a named time zone (DST-safe: boundaries are local midnights, not fixed offsets). */

const WEEK = /^(\d{4})-W(\d{2})$/;

export class InvalidWeekError extends Error {
  override name = 'InvalidWeekError';
}

export function isoWeekOf(instantIso: string, zone: string): string {
  const local = DateTime.fromISO(instantIso, { zone: 'utc' }).setZone(zone);
  if (!local.isValid) throw new InvalidWeekError(`not an instant: ${instantIso}`);
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}

export interface WeekRange {
  week: string;
  /** Monday 00:00 local, as a UTC ISO instant. */
  from: string;
  /** The next Monday 00:00 local (exclusive), as a UTC ISO instant. */
  to: string;
}

export function weekRange(week: string, zone: string): WeekRange {
  const match = WEEK.exec(week);
  const start = match
    ? DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 }, { zone })
    : undefined;
  if (!start?.isValid || isoWeekOfLocal(start) !== week) {
    throw new InvalidWeekError(`not an ISO week (YYYY-Www): ${week}`);
  }
  return {
    week,
    from: start.startOf('day').toUTC().toISO()!,
    to: start.plus({ weeks: 1 }).startOf('day').toUTC().toISO()!,
  };
}

/** The last complete week before the one containing `instantIso` (what the Monday schedule reports). */
export function previousWeek(instantIso: string, zone: string): string {
  const local = DateTime.fromISO(instantIso, { zone: 'utc' }).setZone(zone).minus({ weeks: 1 });
  return isoWeekOfLocal(local);
}

function isoWeekOfLocal(local: DateTime): string {
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`;
}
