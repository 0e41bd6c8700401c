import { DateTime } from 'luxon';
import fc from 'fast-check';
import { localDate } from '../../../functions/core/time/local-date';

describe('localDate', () => {
  it('gives the calendar date in the zone, across the clock changes', () => {
    expect(localDate('2026-03-28T23:30:00Z', 'Europe/London')).toBe('2026-03-28'); // GMT: still the 28th
    expect(localDate('2026-06-30T23:30:00Z', 'Europe/London')).toBe('2026-07-01'); // BST: already the 1st
    expect(localDate('2026-10-25T00:30:00Z', 'Europe/London')).toBe('2026-10-25');
    expect(localDate('2026-06-30T23:30:00Z', 'UTC')).toBe('2026-06-30');
  });

  it('is undefined for text that is not an instant', () => {
    expect(localDate('not a date', 'Europe/London')).toBeUndefined();
  });

  it('agrees with luxon for any instant and zone', () => {
    const zones = ['Europe/London', 'UTC', 'America/New_York', 'Australia/Sydney'];
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }), fc.constantFrom(...zones), (at, zone) => {
        const iso = at.toISOString();
        expect(localDate(iso, zone)).toBe(DateTime.fromISO(iso, { zone }).toISODate());
      }),
    );
  });
});
