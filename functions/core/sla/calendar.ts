import { bankHolidays, type BankHolidayDivision } from './bank-holidays';

/** ISO weekday: 1 = Monday … 7 = Sunday (luxon's `weekday`). */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** When the trust's accounts are monitored. Pure data plus one lookup, so tests can build their own. */
export interface WorkingCalendar {
  /** IANA zone the hours are reckoned in, e.g. Europe/London. */
  readonly timeZone: string;
  readonly workingDays: ReadonlySet<IsoWeekday>;
  /** Minutes after local midnight the monitored day opens (09:00 = 540) and closes (17:00 = 1020). */
  readonly opensAtMinute: number;
  readonly closesAtMinute: number;
  /** True when the local date (YYYY-MM-DD) is a holiday on which nobody monitors. */
  isHoliday(isoDate: string): boolean;
}

/** Which UK division's bank holidays close the monitored day, or none. */
export type BankHolidayRegion = BankHolidayDivision | 'none';

export interface WorkingCalendarOptions {
  timeZone: string;
  workingDays: readonly IsoWeekday[];
  /** Local times as HH:mm. */
  opensAt: string;
  closesAt: string;
  bankHolidays: BankHolidayRegion;
  /** Extra closed dates (YYYY-MM-DD), e.g. a trust's own closure days. */
  extraHolidays?: readonly string[];
}

export function workingCalendar(options: WorkingCalendarOptions): WorkingCalendar {
  const opensAtMinute = minuteOfDay(options.opensAt);
  const closesAtMinute = minuteOfDay(options.closesAt);
  if (closesAtMinute <= opensAtMinute) {
    throw new RangeError(`closesAt ${options.closesAt} must be after opensAt ${options.opensAt}`);
  }
  if (options.workingDays.length === 0) throw new RangeError('at least one working day is needed');
  const extra = new Set(options.extraHolidays ?? []);
  const byYear = new Map<number, ReadonlySet<string>>();
  const bankHolidaysOf = (year: number): ReadonlySet<string> => {
    let days = byYear.get(year);
    if (!days) {
      const region = options.bankHolidays;
      days = new Set(region === 'none' ? [] : bankHolidays(region, year));
      byYear.set(year, days);
    }
    return days;
  };
  return {
    timeZone: options.timeZone,
    workingDays: new Set(options.workingDays),
    opensAtMinute,
    closesAtMinute,
    isHoliday: (isoDate) => extra.has(isoDate) || bankHolidaysOf(Number(isoDate.slice(0, 4))).has(isoDate),
  };
}

/** The NHS default: Mon–Fri 09:00–17:00 Europe/London, England and Wales bank holidays off. */
export function nhsDefaultCalendar(): WorkingCalendar {
  return workingCalendar({
    timeZone: 'Europe/London',
    workingDays: [1, 2, 3, 4, 5],
    opensAt: '09:00',
    closesAt: '17:00',
    bankHolidays: 'england-and-wales',
  });
}

const HH_MM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isHhMm(value: string): boolean {
  return HH_MM.test(value);
}

function minuteOfDay(hhmm: string): number {
  const match = HH_MM.exec(hhmm);
  if (!match) throw new RangeError(`"${hhmm}" is not a time of day as HH:mm`);
  return Number(match[1]) * 60 + Number(match[2]);
}
