/**
 * England and Wales bank holidays, as ISO dates.
 *
 * Listed years are copied from GOV.UK (https://www.gov.uk/bank-holidays) and win, because one-off
 * holidays (a coronation, a jubilee) appear only there. Years not listed fall back to the statutory
 * pattern below, so the clock never silently treats a future bank holiday as a working day.
 * Add each year here when GOV.UK publishes it.
 */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS: Readonly<Record<number, readonly string[]>> = {
  2025: [
    '2025-01-01', // New Year's Day
    '2025-04-18', // Good Friday
    '2025-04-21', // Easter Monday
    '2025-05-05', // Early May bank holiday
    '2025-05-26', // Spring bank holiday
    '2025-08-25', // Summer bank holiday
    '2025-12-25', // Christmas Day
    '2025-12-26', // Boxing Day
  ],
  2026: [
    '2026-01-01',
    '2026-04-03',
    '2026-04-06',
    '2026-05-04',
    '2026-05-25',
    '2026-08-31',
    '2026-12-25',
    '2026-12-28', // Boxing Day (substitute day: 26 December is a Saturday)
  ],
  2027: [
    '2027-01-01',
    '2027-03-26',
    '2027-03-29',
    '2027-05-03',
    '2027-05-31',
    '2027-08-30',
    '2027-12-27', // Christmas Day (substitute day)
    '2027-12-28', // Boxing Day (substitute day)
  ],
  2028: [
    '2028-01-03', // New Year's Day (substitute day: 1 January is a Saturday)
    '2028-04-14',
    '2028-04-17',
    '2028-05-01',
    '2028-05-29',
    '2028-08-28',
    '2028-12-25',
    '2028-12-26',
  ],
};

/** The bank holidays of one year: the GOV.UK list where we have it, else the statutory pattern. */
export function englandAndWalesBankHolidays(year: number): readonly string[] {
  return ENGLAND_AND_WALES_BANK_HOLIDAYS[year] ?? statutoryBankHolidays(year);
}

/**
 * The usual England and Wales pattern (Banking and Financial Dealings Act 1971 plus the standing
 * proclamations): New Year's Day, Good Friday, Easter Monday, first and last Mondays of May, last
 * Monday of August, Christmas Day and Boxing Day, with weekend days moved to the next free weekday.
 */
export function statutoryBankHolidays(year: number): string[] {
  const easter = easterSunday(year);
  const fixed = substitute([utc(year, 1, 1)]);
  const christmas = substitute([utc(year, 12, 25), utc(year, 12, 26)]);
  return [
    ...fixed,
    addDays(easter, -2),
    addDays(easter, 1),
    firstMonday(year, 5),
    lastMonday(year, 5),
    lastMonday(year, 8),
    ...christmas,
  ].map(isoDate);
}

/** Easter Sunday (Gregorian), by the anonymous "Meeus/Jones/Butcher" algorithm. */
function easterSunday(year: number): Date {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return utc(year, month, day);
}

/** Moves each day that falls on a weekend (or on an earlier holiday of the group) to the next free weekday. */
function substitute(days: Date[]): Date[] {
  const taken: Date[] = [];
  for (const day of days) {
    let actual = day;
    while (isWeekend(actual) || taken.some((t) => t.getTime() === actual.getTime())) actual = addDays(actual, 1);
    taken.push(actual);
  }
  return taken;
}

function firstMonday(year: number, month: number): Date {
  const first = utc(year, month, 1);
  return addDays(first, (8 - first.getUTCDay()) % 7);
}

function lastMonday(year: number, month: number): Date {
  const last = utc(year, month + 1, 0);
  return addDays(last, -((last.getUTCDay() + 6) % 7));
}

function utc(year: number, month: number, day: number): Date {
  return new Date(Date.UTC(year, month - 1, day));
}

function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * 86_400_000);
}

function isWeekend(date: Date): boolean {
  return date.getUTCDay() === 0 || date.getUTCDay() === 6;
}

function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}
