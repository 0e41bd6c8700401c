import {
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  englandAndWalesBankHolidays,
  statutoryBankHolidays,
} from '../../../functions/core/sla/bank-holidays';
import { nhsDefaultCalendar } from '../../../functions/core/sla/calendar';

describe('England and Wales bank holidays', () => {
  it.each([
    [2026, ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28']],
    [2027, ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28']],
  ])('%i matches the GOV.UK list', (year, dates) => {
    expect(englandAndWalesBankHolidays(year)).toEqual(dates);
  });

  it('covers 2025 to 2028', () => {
    expect(Object.keys(ENGLAND_AND_WALES_BANK_HOLIDAYS).map(Number)).toEqual(expect.arrayContaining([2025, 2026, 2027, 2028]));
  });

  it.each([2025, 2026, 2027, 2028])('the %i list agrees with the statutory pattern (no one-off holidays that year)', (year) => {
    expect(ENGLAND_AND_WALES_BANK_HOLIDAYS[year]).toEqual(statutoryBankHolidays(year));
  });

  it.each(Object.values(ENGLAND_AND_WALES_BANK_HOLIDAYS).flat())('%s is a weekday', (date) => {
    const day = new Date(`${date}T12:00:00Z`).getUTCDay();
    expect([1, 2, 3, 4, 5]).toContain(day);
  });

  it.each([
    [2028, '2028-01-03', 'New Year substitute: 1 Jan 2028 is a Saturday'],
    [2030, '2030-04-19', 'Good Friday 2030 (Easter Sunday 21 April), beyond the list'],
    [2030, '2030-04-22', 'Easter Monday 2030, beyond the list'],
    [2032, '2032-12-27', 'Christmas 2032 is a Saturday: substitute Monday'],
    [2032, '2032-12-28', 'Boxing Day 2032 is a Sunday: substitute Tuesday'],
  ])('%i includes %s (%s)', (year, date) => {
    expect(englandAndWalesBankHolidays(year)).toContain(date);
  });

  it('the default calendar closes on them', () => {
    const calendar = nhsDefaultCalendar();
    expect(calendar.isHoliday('2026-12-28')).toBe(true);
    expect(calendar.isHoliday('2030-04-22')).toBe(true);
    expect(calendar.isHoliday('2026-12-29')).toBe(false);
  });
});
