import { InvalidWeekError, isoWeekOf, previousWeek, weekRange } from '../../../functions/core/time/iso-week';

const LONDON = 'Europe/London';

describe('ISO weeks in Europe/London', () => {
  it.each([
    ['2026-11-26T14:00:00Z', '2026-W48'],
    // Sunday 23:30 UTC in summer is Monday 00:30 in London: the next week.
    ['2026-06-28T23:30:00Z', '2026-W27'],
    ['2026-06-28T22:59:59Z', '2026-W26'],
    // Winter: London is UTC.
    ['2026-11-29T23:59:59Z', '2026-W48'],
    ['2026-11-30T00:00:00Z', '2026-W49'],
    // ISO week-year differs from the calendar year around New Year.
    ['2026-12-31T12:00:00Z', '2026-W53'],
    ['2027-01-04T00:00:00Z', '2027-W01'],
    ['2025-12-29T12:00:00Z', '2026-W01'],
  ])('%s falls in %s', (instant, week) => {
    expect(isoWeekOf(instant, LONDON)).toBe(week);
  });

  it.each([
    // A week containing the spring-forward Sunday (29 March 2026) is 167 hours long.
    ['2026-W13', '2026-03-23T00:00:00.000Z', '2026-03-29T23:00:00.000Z', 167],
    // The autumn change (25 October 2026) makes a 169-hour week.
    ['2026-W43', '2026-10-18T23:00:00.000Z', '2026-10-26T00:00:00.000Z', 169],
    ['2026-W48', '2026-11-23T00:00:00.000Z', '2026-11-30T00:00:00.000Z', 168],
  ])('%s runs from local Monday midnight to the next (DST-safe)', (week, from, to, hours) => {
    const range = weekRange(week, LONDON);
    expect(range).toEqual({ week, from, to });
    expect((Date.parse(range.to) - Date.parse(range.from)) / 3_600_000).toBe(hours);
  });

  it.each(['2026-W54', '2025-W53', '2026-48', 'W48', ''])('refuses %j', (week) => {
    expect(() => weekRange(week, LONDON)).toThrow(InvalidWeekError);
  });

  it('has the Monday 08:00 schedule report the week that just ended', () => {
    expect(previousWeek('2026-11-30T08:00:00Z', LONDON)).toBe('2026-W48');
    expect(previousWeek('2027-01-04T08:00:00Z', LONDON)).toBe('2026-W53');
  });
});
