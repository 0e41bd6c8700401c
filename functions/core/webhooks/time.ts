/**
 * Platform timestamps to ISO 8601 UTC (`2026-11-24T10:15:01.512Z`). Platforms send seconds (Facebook
 * feed, Instagram, TikTok), milliseconds (Messenger, X DMs, LinkedIn; sometimes as strings), RFC 822
 * style text (X v1.1 `created_at`) and ISO strings with any offset form (`Z`, `+00:00`, `+0000`, none =
 * UTC as Care Opinion documents). Every reader returns undefined for anything that is not a real
 * instant between 1970 and 9999, never an invalid or out-of-range date: odd values are absent, not errors.
 */

const MAX_MS = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
/** Below this an epoch number is seconds (year 5138), above it milliseconds (March 1973). */
const SECONDS_MILLIS_BOUNDARY = 1e11;

function isoOf(ms: number): string | undefined {
  return Number.isFinite(ms) && ms > 0 && ms <= MAX_MS ? new Date(Math.trunc(ms)).toISOString() : undefined;
}

function epochNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\d{1,16}(\.\d{1,9})?$/.test(value)) return Number(value);
  return undefined;
}

export function fromEpochSeconds(value: unknown): string | undefined {
  const seconds = epochNumber(value);
  return seconds === undefined ? undefined : isoOf(seconds * 1000);
}

export function fromEpochMillis(value: unknown): string | undefined {
  const millis = epochNumber(value);
  return millis === undefined ? undefined : isoOf(millis);
}

/** An epoch number whose unit the field does not fix (Meta's `entry.time` is seconds for feed, ms for Messenger). */
export function fromEpoch(value: unknown): string | undefined {
  const number = epochNumber(value);
  if (number === undefined) return undefined;
  return number >= SECONDS_MILLIS_BOUNDARY ? isoOf(number) : isoOf(number * 1000);
}

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
/** RFC 822 / 2822: `Wed, 05 Feb 2020 08:39:31 +0000` (day name optional). */
const RFC822 = /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3})\s+(\d{2}|\d{4})\s+(\d{2}):(\d{2})(?::(\d{2}))?\s*([A-Za-z]{1,3}|[+-]\d{4})?$/;
/** X v1.1 `created_at`: `Wed Feb 05 08:39:31 +0000 2020`. */
const TWITTER = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+([+-]\d{4})\s+(\d{4})$/;
const ZONES: Record<string, number> = { Z: 0, UT: 0, UTC: 0, GMT: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420 };

/** Minutes east of UTC for `Z`, `+01`, `+0100`, `+01:00`, or a named RFC 822 zone; undefined if unknown. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === '') return 0;
  const named = ZONES[zone.toUpperCase()];
  if (named !== undefined) return named;
  const match = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!match) return undefined;
  const hours = Number(match[2]);
  const minutes = Number(match[3] ?? '0');
  if (hours > 23 || minutes > 59) return undefined;
  return (match[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
}

/** Builds the instant, refusing field overflow (Feb 30, 25:00...) instead of rolling over as Date.UTC does. */
function instant(year: number, month: number, day: number, hour: number, minute: number, second: number, millis: number, zone: string | undefined) {
  const offset = offsetMinutes(zone);
  if (offset === undefined || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 60) return undefined;
  const local = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  const check = new Date(local);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return isoOf(local - offset * 60_000);
}

export function fromDateText(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  let m = ISO.exec(text);
  if (m) {
    const fraction = (m[7] ?? '').padEnd(3, '0').slice(0, 3);
    return instant(Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0), Number(fraction), m[8]);
  }
  m = TWITTER.exec(text);
  if (m) {
    const month = MONTHS.indexOf((m[1] ?? '').toLowerCase()) + 1;
    return month === 0 ? undefined : instant(Number(m[7]), month, Number(m[2]), Number(m[3]), Number(m[4]), Number(m[5]), 0, m[6]);
  }
  m = RFC822.exec(text);
  if (m) {
    const month = MONTHS.indexOf((m[2] ?? '').toLowerCase()) + 1;
    const shortYear = Number(m[3]);
    const year = (m[3] ?? '').length === 2 ? (shortYear < 50 ? 2000 + shortYear : 1900 + shortYear) : shortYear;
    return month === 0 ? undefined : instant(year, month, Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0), 0, m[7]);
  }
  return undefined;
}

/** Whatever a platform put in a timestamp field: an epoch number (seconds or ms), or date text. */
export function anyTimestamp(value: unknown): string | undefined {
  return epochNumber(value) !== undefined ? fromEpoch(value) : fromDateText(value);
}
