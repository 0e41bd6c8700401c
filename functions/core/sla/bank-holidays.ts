import { z } from 'zod';
import govUkData from './uk-bank-holidays.json';

/**
 * UK bank holidays for the three divisions GOV.UK publishes: England and Wales, Scotland and
 * Northern Ireland.
 *
 * The dates are data (`uk-bank-holidays.json`, in GOV.UK's own format, https://www.gov.uk/bank-holidays.json)
 * and win, because one-off holidays (a coronation, a jubilee, a state funeral) appear only there.
 * Years not in the file fall back to each division's statutory pattern below, so the clock never
 * silently treats a future bank holiday as a working day. To update the file:
 * `npm run bank-holidays -- --update` (downloads GOV.UK's file) or `-- --file downloaded.json`.
 */
export const BANK_HOLIDAY_DIVISIONS = ['england-and-wales', 'scotland', 'northern-ireland'] as const;
export type BankHolidayDivision = (typeof BANK_HOLIDAY_DIVISIONS)[number];

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** GOV.UK's bank-holidays.json, as published (extra fields are kept, unknown divisions ignored). */
export const govUkBankHolidaysSchema = z.object(
  Object.fromEntries(
    BANK_HOLIDAY_DIVISIONS.map((division) => [
      division,
      z.looseObject({
        division: z.literal(division),
        events: z.array(
          z.looseObject({
            title: z.string().min(1),
            date: z.string().regex(ISO_DATE, 'must be a date as YYYY-MM-DD'),
            notes: z.string().default(''),
            bunting: z.boolean().default(false),
          }),
        ),
      }),
    ]),
  ) as unknown as Record<BankHolidayDivision, z.ZodType<GovUkDivision>>,
);
export interface GovUkDivision {
  division: string;
  events: Array<{ title: string; date: string; notes: string; bunting: boolean }>;
}
export type GovUkBankHolidays = Record<BankHolidayDivision, GovUkDivision>;

/** The shipped dates, by division and year. Parsed once; a bad edit of the JSON fails at cold start. */
export const UK_BANK_HOLIDAYS: Readonly<Record<BankHolidayDivision, Readonly<Record<number, readonly string[]>>>> =
  byDivisionAndYear(govUkBankHolidaysSchema.parse(govUkData) as GovUkBankHolidays);

/** England and Wales, by year (the first-cut export; kept for callers and tests). */
export const ENGLAND_AND_WALES_BANK_HOLIDAYS = UK_BANK_HOLIDAYS['england-and-wales'];

export function byDivisionAndYear(data: GovUkBankHolidays): Record<BankHolidayDivision, Record<number, string[]>> {
  const result = {} as Record<BankHolidayDivision, Record<number, string[]>>;
  for (const division of BANK_HOLIDAY_DIVISIONS) {
    const years: Record<number, string[]> = {};
    for (const { date } of data[division].events) (years[Number(date.slice(0, 4))] ??= []).push(date);
    for (const dates of Object.values(years)) dates.sort();
    result[division] = years;
  }
  return result;
}

/** One division's bank holidays in one year: the GOV.UK list where we have it, else the statutory pattern. */
export function bankHolidays(division: BankHolidayDivision, year: number): readonly string[] {
  return UK_BANK_HOLIDAYS[division][year] ?? statutoryBankHolidays(year, division);
}

export function englandAndWalesBankHolidays(year: number): readonly string[] {
  return bankHolidays('england-and-wales', year);
}

/**
 * The usual pattern (Banking and Financial Dealings Act 1971, St Andrew's Day Bank Holiday (Scotland)
 * Act 2007 and the standing proclamations), with a day that falls on a weekend moved to the next free
 * weekday:
 * - England and Wales: New Year's Day, Good Friday, Easter Monday, first and last Mondays of May, last
 *   Monday of August, Christmas Day, Boxing Day.
 * - Scotland: New Year's Day, 2 January, Good Friday, first and last Mondays of May, first Monday of
 *   August, St Andrew's Day (30 November), Christmas Day, Boxing Day. No Easter Monday.
 * - Northern Ireland: as England and Wales, plus St Patrick's Day (17 March) and the Battle of the
 *   Boyne (12 July).
 */
export function statutoryBankHolidays(year: number, division: BankHolidayDivision = 'england-and-wales'): string[] {
  const easter = easterSunday(year);
  const days: Date[] = [];
  if (division === 'scotland') {
    days.push(...substitute([utc(year, 1, 1), utc(year, 1, 2)]));
    days.push(addDays(easter, -2), firstMonday(year, 5), lastMonday(year, 5), firstMonday(year, 8));
    days.push(...substitute([utc(year, 11, 30)]));
  } else {
    days.push(...substitute([utc(year, 1, 1)]));
    if (division === 'northern-ireland') days.push(...substitute([utc(year, 3, 17)]));
    days.push(addDays(easter, -2), addDays(easter, 1), firstMonday(year, 5), lastMonday(year, 5));
    if (division === 'northern-ireland') days.push(...substitute([utc(year, 7, 12)]));
    days.push(lastMonday(year, 8));
  }
  days.push(...substitute([utc(year, 12, 25), utc(year, 12, 26)]));
  return days.map(isoDate).sort();
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
