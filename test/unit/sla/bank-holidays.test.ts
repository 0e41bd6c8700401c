import {
  BANK_HOLIDAY_DIVISIONS,
  ENGLAND_AND_WALES_BANK_HOLIDAYS,
  UK_BANK_HOLIDAYS,
  bankHolidays,
  englandAndWalesBankHolidays,
  statutoryBankHolidays,
} from '../../../functions/core/sla/bank-holidays';
import { mergeBankHolidays } from '../../../tools/bank-holidays';
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

describe('all three UK divisions', () => {
  it.each(BANK_HOLIDAY_DIVISIONS.flatMap((division) => [2025, 2026, 2027, 2028].map((year) => [division, year] as const)))(
    '%s %i: the shipped GOV.UK-format list agrees with the statutory pattern',
    (division, year) => {
      expect(UK_BANK_HOLIDAYS[division][year]).toEqual(statutoryBankHolidays(year, division));
    },
  );

  it.each([
    ['scotland', 2026, ['2026-01-01', '2026-01-02', '2026-04-03', '2026-05-04', '2026-05-25', '2026-08-03', '2026-11-30', '2026-12-25', '2026-12-28']],
    ['northern-ireland', 2026, ['2026-01-01', '2026-03-17', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-07-13', '2026-08-31', '2026-12-25', '2026-12-28']],
    ['scotland', 2028, ['2028-01-03', '2028-01-04', '2028-04-14', '2028-05-01', '2028-05-29', '2028-08-07', '2028-11-30', '2028-12-25', '2028-12-26']],
  ] as const)('%s %i', (division, year, dates) => {
    expect(bankHolidays(division, year)).toEqual(dates);
  });

  it('falls back to the pattern beyond the data, with each division’s substitutes', () => {
    // 2032: St Andrew's Day is a Tuesday; 12 July a Monday; 17 March a Wednesday.
    expect(bankHolidays('scotland', 2032)).toContain('2032-11-30');
    expect(bankHolidays('northern-ireland', 2032)).toEqual(expect.arrayContaining(['2032-03-17', '2032-07-12']));
    expect(bankHolidays('scotland', 2032)).not.toContain('2032-03-29'); // no Easter Monday in Scotland
  });

  it('the update tool merges GOV.UK’s file by year, keeping years it does not mention', () => {
    const current = { 'england-and-wales': { division: 'england-and-wales', events: [ev('2025-01-01'), ev('2026-01-01')] }, scotland: { division: 'scotland', events: [] }, 'northern-ireland': { division: 'northern-ireland', events: [] } };
    const incoming = { 'england-and-wales': { division: 'england-and-wales', events: [ev('2026-01-01'), ev('2026-06-01')] }, scotland: { division: 'scotland', events: [ev('2027-01-04')] }, 'northern-ireland': { division: 'northern-ireland', events: [] } };
    const merged = mergeBankHolidays(current, incoming);
    expect(merged['england-and-wales'].events.map((e) => e.date)).toEqual(['2025-01-01', '2026-01-01', '2026-06-01']);
    expect(merged.scotland.events.map((e) => e.date)).toEqual(['2027-01-04']);
  });
});

function ev(date: string) {
  return { title: 'Bank holiday', date, notes: '', bunting: true };
}
