import { anyTimestamp, fromDateText, fromEpoch, fromEpochMillis, fromEpochSeconds } from '../../../functions/core/webhooks/time';

describe('platform timestamps to ISO UTC', () => {
  it.each([
    ['seconds (Facebook created_time)', fromEpochSeconds(1449135003), '2015-12-03T09:30:03.000Z'],
    ['seconds as a string', fromEpochSeconds('1449135003'), '2015-12-03T09:30:03.000Z'],
    ['milliseconds (Messenger timestamp)', fromEpochMillis(1457764197627), '2016-03-12T06:29:57.627Z'],
    ['milliseconds as a string (X created_timestamp)', fromEpochMillis('1516403560557'), '2018-01-19T23:12:40.557Z'],
    ['an entry.time in seconds', fromEpoch(1454707020), '2016-02-05T21:17:00.000Z'],
    ['an entry.time in milliseconds', fromEpoch(1457764198246), '2016-03-12T06:29:58.246Z'],
    ['X v1.1 created_at', fromDateText('Wed Feb 05 08:39:31 +0000 2020'), '2020-02-05T08:39:31.000Z'],
    ['RFC 822 with a day name', fromDateText('Wed, 05 Feb 2020 09:39:31 +0100'), '2020-02-05T08:39:31.000Z'],
    ['RFC 822 with a zone name', fromDateText('5 Feb 20 03:39:31 EST'), '2020-02-05T08:39:31.000Z'],
    ['ISO with Z', fromDateText('2026-07-24T21:23:23.000Z'), '2026-07-24T21:23:23.000Z'],
    ['ISO with +0000 (Threads)', fromDateText('2024-08-07T10:33:16+0000'), '2024-08-07T10:33:16.000Z'],
    ['ISO with +01:00 and nanoseconds (YouTube)', fromDateText('2015-03-09T19:05:24.552394234+01:00'), '2015-03-09T18:05:24.552Z'],
    ['ISO without a zone, read as UTC (Care Opinion)', fromDateText('2024-04-17T10:00:00'), '2024-04-17T10:00:00.000Z'],
    ['a date alone', fromDateText('2024-04-17'), '2024-04-17T00:00:00.000Z'],
    ['anything: a number', anyTimestamp(1784928224372), '2026-07-24T21:23:44.372Z'],
    ['anything: text', anyTimestamp('2018-05-24T09:48:12+00:00'), '2018-05-24T09:48:12.000Z'],
  ])('reads %s', (_name, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it.each([
    ['no value', undefined],
    ['zero', 0],
    ['a negative number', -5],
    ['beyond the year 9999', 1e15],
    ['Infinity', Infinity],
    ['NaN', NaN],
    ['a boolean', true],
    ['February 30th', '2024-02-30T00:00:00Z'],
    ['hour 25', '2024-02-01T25:00:00Z'],
    ['an unknown zone', 'Wed, 05 Feb 2020 09:39:31 XYZ'],
    ['free text', 'yesterday'],
    ['a year beyond 9999 as a numeric string', '9999999999999999'],
  ])('gives no time for %s', (_name, value) => {
    expect(anyTimestamp(value)).toBeUndefined();
    expect(fromEpochSeconds(value)).toBeUndefined();
  });
});
