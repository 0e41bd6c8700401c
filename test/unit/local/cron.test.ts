import { DateTime } from 'luxon';
import { CronError, nextFireTime, parseField } from '../../../local/cron';
import { FUNCTIONS } from '../../../infra/wiring';
import { createLogger } from '../../../local/log';
import { startSchedules } from '../../../local/schedules';

const zone = 'Europe/London';
const at = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' });
const digestSchedule = FUNCTIONS.find((fn) => fn.name === 'send-weekly-digest')!.trigger;

describe('local schedules: cron fields in a time zone', () => {
  it('is the manifest schedule of the digest (Mondays 08:00 Europe/London)', () => {
    expect(digestSchedule).toMatchObject({ kind: 'schedule', cron: { minute: '0', hour: '8', weekDay: 'MON' }, timeZone: zone });
  });

  it.each([
    ['Thursday afternoon -> next Monday, GMT', '2026-11-26T14:00:00Z', '2026-11-30T08:00:00.000+00:00'],
    ['a minute before -> that same Monday', '2026-11-30T07:59:00Z', '2026-11-30T08:00:00.000+00:00'],
    ['exactly at the time -> the week after', '2026-11-30T08:00:00Z', '2026-12-07T08:00:00.000+00:00'],
    ['across the spring change -> 08:00 BST', '2026-03-26T12:00:00Z', '2026-03-30T08:00:00.000+01:00'],
    ['across the autumn change -> 08:00 GMT', '2026-10-24T12:00:00Z', '2026-10-26T08:00:00.000+00:00'],
  ])('%s', (_name, after, expected) => {
    const cron = { minute: '0', hour: '8', weekDay: 'MON' };
    expect(nextFireTime(cron, zone, at(after)).toISO()).toBe(expected);
  });

  it('supports steps, ranges and day ranges', () => {
    const cron = { minute: '*/15', hour: '9-17', weekDay: 'MON-FRI' };
    expect(nextFireTime(cron, zone, at('2026-11-27T17:50:00Z')).toISO()).toBe('2026-11-30T09:00:00.000+00:00');
  });

  it('numbers days as AWS does (1 = SUN)', () => {
    expect([...parseField('1,7', 1, 7, ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'])]).toEqual([1, 7]);
    const sunday = nextFireTime({ minute: '0', hour: '6', weekDay: '1' }, zone, at('2026-11-26T00:00:00Z'));
    expect(sunday.weekday).toBe(7);
  });

  it('rejects values out of range', () => {
    expect(() => parseField('61', 0, 59)).toThrow(CronError);
  });
});

describe('local schedule timers', () => {
  afterEach(() => jest.useRealTimers());

  it('fires the manifest schedule at its time with its input, then re-arms for the next week', () => {
    jest.useFakeTimers({ now: new Date('2026-11-30T07:59:30Z') });
    const fire = jest.fn();
    const digest = FUNCTIONS.filter((fn) => fn.name === 'send-weekly-digest');
    const schedules = startSchedules({ functions: digest, fire, log: createLogger('test', true) });
    try {
      expect(schedules.list().map((s) => [s.functionName, s.next.toISO()])).toEqual([['send-weekly-digest', '2026-11-30T08:00:00.000+00:00']]);
      jest.advanceTimersByTime(29_000);
      expect(fire).not.toHaveBeenCalled();
      jest.advanceTimersByTime(1_000);
      expect(fire).toHaveBeenCalledTimes(1);
      expect(fire.mock.calls[0][0].name).toBe('send-weekly-digest');
      expect(fire.mock.calls[0][1]).toEqual({ trigger: 'schedule' });
      expect(schedules.list()[0]!.next.toISO()).toBe('2026-12-07T08:00:00.000+00:00');
    } finally {
      schedules.stop();
    }
  });

  it('runs the Care Opinion connector every 15 minutes, every day', () => {
    jest.useFakeTimers({ now: new Date('2026-11-29T23:52:00Z') });
    const fire = jest.fn();
    const connector = FUNCTIONS.filter((fn) => fn.name === 'pull-care-opinion');
    const schedules = startSchedules({ functions: connector, fire, log: createLogger('test', true) });
    try {
      expect(schedules.list()[0]!.next.toISO()).toBe('2026-11-30T00:00:00.000+00:00');
      jest.advanceTimersByTime(8 * 60_000);
      expect(fire).toHaveBeenCalledTimes(1);
      expect(schedules.list()[0]!.next.toISO()).toBe('2026-11-30T00:15:00.000+00:00');
    } finally {
      schedules.stop();
    }
  });
});
