import { nhsDefaultCalendar, workingCalendar } from '../../../functions/core/sla/calendar';
import { slaDueAt } from '../../../functions/core/sla/clock';
import type { SlaTarget } from '../../../functions/core/sla/target';

// Dates are 2026 unless noted. London is GMT (UTC+0) until 29 March, BST (UTC+1) from then until
// 25 October. Bank holidays used: Good Friday 3 Apr, Easter Monday 6 Apr, early May 4 May,
// Christmas 25 Dec, Boxing Day (substitute) 28 Dec.
const calendar = nhsDefaultCalendar();
const oneWorkingHour: SlaTarget = { kind: 'workingHours', value: 1 };

describe('slaDueAt: working hours', () => {
  it.each([
    ['in hours: Tue 10:15 GMT', '2026-03-10T10:15:00Z', '2026-03-10T11:15:00Z'],
    ['uses up the day exactly: due at the close, not the next opening', '2026-03-10T16:00:00Z', '2026-03-10T17:00:00Z'],
    ['Friday 16:30 -> Monday 09:30', '2026-03-06T16:30:00Z', '2026-03-09T09:30:00Z'],
    ['Friday 16:30 before an early May bank holiday Monday -> Tuesday 09:30 BST', '2026-05-01T15:30:00Z', '2026-05-05T08:30:00Z'],
    ['Thursday before Easter -> Tuesday after (Good Friday and Easter Monday closed)', '2026-04-02T15:30:00Z', '2026-04-07T08:30:00Z'],
    ['Saturday -> Monday 10:00', '2026-03-07T11:00:00Z', '2026-03-09T10:00:00Z'],
    ['Sunday night -> Monday 10:00', '2026-03-08T23:59:00Z', '2026-03-09T10:00:00Z'],
    ['after hours: Tue 18:00 -> Wed 10:00', '2026-03-10T18:00:00Z', '2026-03-11T10:00:00Z'],
    ['arriving exactly at the close counts as after hours', '2026-03-10T17:00:00Z', '2026-03-11T10:00:00Z'],
    ['before opening: Tue 07:00 -> Tue 10:00', '2026-03-10T07:00:00Z', '2026-03-10T10:00:00Z'],
    ['on a bank holiday: Christmas Eve after hours -> Tue 29 Dec', '2026-12-24T17:30:00Z', '2026-12-29T10:00:00Z'],
    ['spring DST weekend: Fri 16:30 GMT -> Mon 09:30 BST', '2026-03-27T16:30:00Z', '2026-03-30T08:30:00Z'],
    ['autumn DST weekend: Fri 16:30 BST -> Mon 09:30 GMT', '2026-10-23T15:30:00Z', '2026-10-26T09:30:00Z'],
    ['a start with an offset is the same instant', '2026-03-06T17:30:00+01:00', '2026-03-09T09:30:00Z'],
  ])('%s', (_case, start, due) => {
    expect(slaDueAt(start, oneWorkingHour, calendar)).toBe(due);
  });

  it('counts fractional hours', () => {
    expect(slaDueAt('2026-03-10T16:45:00Z', { kind: 'workingHours', value: 0.5 }, calendar)).toBe('2026-03-11T09:15:00Z');
  });
});

describe('slaDueAt: minutes', () => {
  it.each([
    ['P0 at 3 a.m. on Christmas Day still runs', '2026-12-25T03:00:00Z', '2026-12-25T03:15:00Z'],
    ['P0 on a Saturday night', '2026-03-07T22:50:00Z', '2026-03-07T23:05:00Z'],
    ['P0 across the spring-forward hour: 15 real minutes, not wall-clock', '2026-03-29T00:50:00Z', '2026-03-29T01:05:00Z'],
    ['P0 across the fall-back hour', '2026-10-25T00:55:00Z', '2026-10-25T01:10:00Z'],
  ])('allDay: %s', (_case, start, due) => {
    expect(slaDueAt(start, { kind: 'minutes', value: 15, allDay: true }, calendar)).toBe(due);
  });

  it('without allDay, minutes are monitored minutes (Fri 16:45 + 30 -> Mon 09:15)', () => {
    expect(slaDueAt('2026-03-06T16:45:00Z', { kind: 'minutes', value: 30, allDay: false }, calendar)).toBe(
      '2026-03-09T09:15:00Z',
    );
  });
});

describe('slaDueAt: end of working day', () => {
  it.each([
    ['same day, in hours (GMT)', '2026-03-10T10:00:00Z', 0, '2026-03-10T17:00:00Z'],
    ['same day, in hours (BST: 17:00 local is 16:00Z)', '2026-06-02T09:00:00Z', 0, '2026-06-02T16:00:00Z'],
    ['same day, before opening', '2026-03-10T06:00:00Z', 0, '2026-03-10T17:00:00Z'],
    ['after hours: the first day it can be seen is tomorrow', '2026-03-10T18:00:00Z', 0, '2026-03-11T17:00:00Z'],
    ['arriving exactly at the close: tomorrow', '2026-03-10T17:00:00Z', 0, '2026-03-11T17:00:00Z'],
    ['Saturday: Monday', '2026-03-07T12:00:00Z', 0, '2026-03-09T17:00:00Z'],
    ['next working day, from Tuesday', '2026-03-10T10:00:00Z', 1, '2026-03-11T17:00:00Z'],
    ['next working day, from Friday', '2026-03-06T10:00:00Z', 1, '2026-03-09T17:00:00Z'],
    ['next working day from Christmas Eve skips 25, the weekend and 28 Dec', '2026-12-24T10:00:00Z', 1, '2026-12-29T17:00:00Z'],
    ['next working day, arriving Saturday: Monday is the same day, Tuesday the next', '2026-03-07T12:00:00Z', 1, '2026-03-10T17:00:00Z'],
  ])('%s', (_case, start, offsetDays, due) => {
    expect(slaDueAt(start, { kind: 'endOfWorkingDay', offsetDays }, calendar)).toBe(due);
  });
});

describe('slaDueAt: working days', () => {
  it.each([
    ['Tue 16:30 + 2 -> Thu 16:30', '2026-03-10T16:30:00Z', '2026-03-12T16:30:00Z'],
    ['Thu 10:00 + 2 -> Mon 10:00 over the weekend', '2026-03-12T10:00:00Z', '2026-03-16T10:00:00Z'],
    ['Saturday + 2 -> Tue close', '2026-03-07T12:00:00Z', '2026-03-10T17:00:00Z'],
    ['Thu before Easter + 2 -> Wed after', '2026-04-02T09:00:00Z', '2026-04-08T09:00:00Z'],
  ])('%s', (_case, start, due) => {
    expect(slaDueAt(start, { kind: 'workingDays', value: 2 }, calendar)).toBe(due);
  });
});

describe('slaDueAt: other calendars and inputs', () => {
  it('is null for monitor-only', () => {
    expect(slaDueAt('2026-03-10T10:00:00Z', { kind: 'none' }, calendar)).toBeNull();
  });

  it('works on bank holidays when the calendar has none', () => {
    const noHolidays = workingCalendar({
      timeZone: 'Europe/London',
      workingDays: [1, 2, 3, 4, 5],
      opensAt: '09:00',
      closesAt: '17:00',
      bankHolidays: 'none',
    });
    expect(slaDueAt('2026-05-01T15:30:00Z', oneWorkingHour, noHolidays)).toBe('2026-05-04T08:30:00Z');
  });

  it('honours other hours, days and extra closures', () => {
    const sevenDays = workingCalendar({
      timeZone: 'Europe/London',
      workingDays: [1, 2, 3, 4, 5, 6, 7],
      opensAt: '08:00',
      closesAt: '20:00',
      bankHolidays: 'england-and-wales',
      extraHolidays: ['2026-03-07'],
    });
    // Friday 19:30 -> 30 min Friday, Saturday closed by the trust, Sunday 08:30.
    expect(slaDueAt('2026-03-06T19:30:00Z', oneWorkingHour, sevenDays)).toBe('2026-03-08T08:30:00Z');
  });

  it('rejects a start that is not an ISO date-time', () => {
    expect(() => slaDueAt('last Tuesday', oneWorkingHour, calendar)).toThrow(RangeError);
  });

  it('rejects a calendar whose day closes before it opens', () => {
    expect(() =>
      workingCalendar({ timeZone: 'Europe/London', workingDays: [1], opensAt: '17:00', closesAt: '09:00', bankHolidays: 'none' }),
    ).toThrow(/closesAt/);
  });
});

describe('slaDueAt: Scotland and Northern Ireland', () => {
  const calendarFor = (bankHolidays: 'scotland' | 'northern-ireland' | 'england-and-wales') =>
    workingCalendar({ timeZone: 'Europe/London', workingDays: [1, 2, 3, 4, 5], opensAt: '09:00', closesAt: '17:00', bankHolidays });

  it.each([
    // 2 January is a Scottish bank holiday (2026: a Friday), not in England and Wales.
    ['scotland', '2026-01-01T16:30:00Z', '2026-01-05T10:00:00Z', 'New Year and 2 January closed, then the weekend'],
    ['england-and-wales', '2026-01-01T16:30:00Z', '2026-01-02T10:00:00Z', 'only New Year closed'],
    // Easter Monday is not a Scottish bank holiday.
    ['scotland', '2026-04-02T15:30:00Z', '2026-04-06T08:30:00Z', 'Good Friday closed, Easter Monday open'],
    ['northern-ireland', '2026-04-02T15:30:00Z', '2026-04-07T08:30:00Z', 'Good Friday and Easter Monday closed'],
    // St Patrick's Day, Tuesday 17 March 2026 (GMT).
    ['northern-ireland', '2026-03-16T16:30:00Z', '2026-03-18T09:30:00Z', "St Patrick's Day closed"],
    ['scotland', '2026-03-16T16:30:00Z', '2026-03-17T09:30:00Z', "St Patrick's Day open"],
    // Battle of the Boyne: 12 July 2026 is a Sunday, so Monday 13 July (BST) is the holiday.
    ['northern-ireland', '2026-07-10T15:30:00Z', '2026-07-14T08:30:00Z', 'Boyne substitute Monday closed'],
    // First Monday of August is Scotland's summer bank holiday (3 Aug 2026); late August is not.
    ['scotland', '2026-07-31T15:30:00Z', '2026-08-04T08:30:00Z', 'summer bank holiday, first Monday of August'],
    ['scotland', '2026-08-28T15:30:00Z', '2026-08-31T08:30:00Z', 'late August Monday is open in Scotland'],
    // St Andrew's Day: Monday 30 November 2026 (GMT).
    ['scotland', '2026-11-27T16:30:00Z', '2026-12-01T09:30:00Z', "St Andrew's Day closed"],
  ] as const)('%s: %s -> %s (%s)', (region, start, due, _why) => {
    expect(slaDueAt(start, { kind: 'workingHours', value: 1 }, calendarFor(region))).toBe(due);
  });

  it('end of the next working day across the Scottish New Year (1, 2 Jan and a weekend)', () => {
    expect(slaDueAt('2025-12-31T10:00:00Z', { kind: 'endOfWorkingDay', offsetDays: 1 }, calendarFor('scotland'))).toBe('2026-01-05T17:00:00Z');
  });

  it('P0 runs 24/7 on a Scottish bank holiday across the spring DST change', () => {
    expect(slaDueAt('2026-03-29T00:55:00Z', { kind: 'minutes', value: 15, allDay: true }, calendarFor('scotland'))).toBe('2026-03-29T01:10:00Z');
  });
});
