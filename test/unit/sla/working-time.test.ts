import fc from 'fast-check';
import { nhsDefaultCalendar } from '../../../functions/core/sla/calendar';
import { slaDueAt } from '../../../functions/core/sla/clock';
import { elapsedMinutesBetween, workingMinutesBetween } from '../../../functions/core/sla/working-time';

// Mon–Fri 09:00–17:00 Europe/London, England and Wales bank holidays off (2026: Good Friday 3 Apr,
// Easter Monday 6 Apr, 25 and 28 Dec). London is GMT until 29 March, BST until 25 October.
const calendar = nhsDefaultCalendar();

describe('workingMinutesBetween', () => {
  it.each([
    ['within one working day (GMT)', '2026-03-10T10:00:00Z', '2026-03-10T11:30:00Z', 90],
    ['before opening counts from 09:00', '2026-03-10T07:00:00Z', '2026-03-10T09:45:00Z', 45],
    ['after the close counts nothing more', '2026-03-10T16:30:00Z', '2026-03-10T20:00:00Z', 30],
    ['overnight: 16:30 to 09:30 next day', '2026-03-10T16:30:00Z', '2026-03-11T09:30:00Z', 60],
    ['Friday 16:30 to Monday 09:30', '2026-03-06T16:30:00Z', '2026-03-09T09:30:00Z', 60],
    ['a whole weekend is nothing', '2026-03-07T08:00:00Z', '2026-03-08T20:00:00Z', 0],
    ['Easter: Thursday 16:30 to Tuesday 09:30 BST', '2026-04-02T15:30:00Z', '2026-04-07T08:30:00Z', 60],
    ['BST: 09:00 local is 08:00Z', '2026-06-02T08:00:00Z', '2026-06-02T16:00:00Z', 480],
    ['spring DST weekend', '2026-03-27T16:30:00Z', '2026-03-30T08:30:00Z', 60],
    ['end before start', '2026-03-10T11:00:00Z', '2026-03-10T10:00:00Z', 0],
    ['a start with an offset is the same instant', '2026-03-10T11:00:00+01:00', '2026-03-10T11:00:00Z', 60],
  ])('%s', (_case, start, end, minutes) => {
    expect(workingMinutesBetween(start, end, calendar)).toBe(minutes);
  });

  it('is the inverse of slaDueAt for working-hour targets (any start, any target)', () => {
    const start = fc.date({ min: new Date('2026-01-01T00:00:00Z'), max: new Date('2027-12-31T00:00:00Z'), noInvalidDate: true });
    const quarterHours = fc.integer({ min: 1, max: 160 });
    fc.assert(
      fc.property(start, quarterHours, (date, quarters) => {
        const from = date.toISOString();
        const due = slaDueAt(from, { kind: 'workingHours', value: quarters / 4 }, calendar)!;
        expect(workingMinutesBetween(from, due, calendar)).toBe(quarters * 15);
      }),
      { numRuns: 200 },
    );
  });

  it('refuses a value that is not an instant', () => {
    expect(() => workingMinutesBetween('yesterday', '2026-03-10T10:00:00Z', calendar)).toThrow(RangeError);
  });
});

describe('elapsedMinutesBetween', () => {
  it('counts all minutes, 24/7, rounded, never negative', () => {
    expect(elapsedMinutesBetween('2026-12-25T03:00:00Z', '2026-12-25T03:15:29Z')).toBe(15);
    expect(elapsedMinutesBetween('2026-12-25T03:15:00Z', '2026-12-25T03:00:00Z')).toBe(0);
  });
});
