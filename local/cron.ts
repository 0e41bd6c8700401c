/**
 * EventBridge Scheduler cron fields (minute, hour, day-of-week) evaluated in a time zone, pure.
 * Supports `*`, `?`, numbers, `a-b` ranges, `/step`, comma lists and day names (`MON`, `MON-FRI`);
 * AWS numbers days 1 = SUN ... 7 = SAT. `L` and `#` are not supported here.
 */
import { DateTime } from 'luxon';

export interface CronFields {
  minute: string;
  hour: string;
  weekDay: string;
}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export class CronError extends Error {
  override name = 'CronError';
}

export function parseField(field: string, min: number, max: number, names: readonly string[] = []): Set<number> {
  const values = new Set<number>();
  const toNumber = (token: string) => {
    const named = names.indexOf(token.toUpperCase());
    const value = named >= 0 ? named + min : Number(token);
    if (!Number.isInteger(value) || value < min || value > max) throw new CronError(`"${token}" is out of range in "${field}"`);
    return value;
  };
  for (const part of field.split(',')) {
    const [range = '', stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new CronError(`bad step in "${field}"`);
    let from: number;
    let to: number;
    if (range === '*' || range === '?') [from, to] = [min, max];
    else if (range.includes('-')) {
      const [a = '', b = ''] = range.split('-');
      [from, to] = [toNumber(a), toNumber(b)];
    } else {
      from = toNumber(range);
      to = stepText === undefined ? from : max;
    }
    for (let value = from; value <= to; value += step) values.add(value);
  }
  return values;
}

/** The first fire time strictly after `after`, in `timeZone` (DST-safe: wall-clock time in that zone). */
export function nextFireTime(cron: CronFields, timeZone: string, after: DateTime): DateTime {
  const minutes = [...parseField(cron.minute, 0, 59)].sort((a, b) => a - b);
  const hours = [...parseField(cron.hour, 0, 23)].sort((a, b) => a - b);
  // AWS 1..7 = SUN..SAT; luxon weekday 1..7 = MON..SUN.
  const weekDays = new Set([...parseField(cron.weekDay, 1, 7, DAY_NAMES)].map((day) => (day === 1 ? 7 : day - 1)));
  const start = after.setZone(timeZone);
  if (!start.isValid) throw new CronError(`invalid time zone ${timeZone}`);
  for (let offset = 0; offset <= 8; offset += 1) {
    const day = start.startOf('day').plus({ days: offset });
    if (!weekDays.has(day.weekday)) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const candidate = DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute }, { zone: timeZone });
        if (candidate > start) return candidate;
      }
    }
  }
  throw new CronError(`no fire time within 8 days for ${JSON.stringify(cron)}`);
}

export function describeCron(cron: CronFields, timeZone: string): string {
  return `cron(${cron.minute} ${cron.hour} ? * ${cron.weekDay} *) ${timeZone}`;
}
