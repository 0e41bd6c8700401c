import { findNumbers, parsePhoneNumberFromString } from 'libphonenumber-js';
import type { Span } from './nhs-number';

/** libphonenumber-js reads this option at run time; its type declarations leave it out. */
interface MatcherOptions {
  defaultCountry: 'GB';
  v2: true;
  leniency: 'POSSIBLE';
}

// How people write a UK number: a trunk 0 (maybe in brackets), +44 or 0044. Without it, ten digits
// are a reference or an order number far more often than a phone number.
const WRITTEN_AS_UK = /^(?:\+\s?44|0044|\(?0)/u;

// Candidates the library's own matcher misses: a number followed by more digits after a space
// ("07700 900123 943 476 5919") makes it give up on the whole run. 0 or +44 (optionally "(0)"),
// then 9 or 10 national digits with spaces, dashes or a bracketed area code.
const UK_SHAPED = /(?<![\w+])(?:\+44[ \-]?(?:\(0\)[ \-]?)?|0044[ \-]?|\(?0)\d(?:[ \-)]{0,2}\d){8,9}(?!\d)/gu;

/**
 * UK phone numbers in free text. Candidates come from libphonenumber-js's matcher (Google's
 * libphonenumber rules, UK as the default country) and from the UK number shape above; each is kept
 * only if libphonenumber parses it as a possible +44 number. Possible, not valid, on purpose: a number
 * in a range Ofcom has not allocated yet (or one of its drama ranges) still reads as somebody's number,
 * and for redaction removing too much is the safe mistake. 999, 111 and 116 123 are too short.
 */
export function findUkPhoneNumbers(text: string): Span[] {
  const options: MatcherOptions = { defaultCountry: 'GB', v2: true, leniency: 'POSSIBLE' };
  const fromLibrary = findNumbers(text, options as unknown as { defaultCountry: 'GB'; v2: true }).map((found) => ({
    start: found.startsAt,
    end: found.endsAt,
  }));
  const fromShape = [...text.matchAll(UK_SHAPED)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
  const kept: Span[] = [];
  for (const span of [...fromLibrary, ...fromShape].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (kept.some((k) => span.start < k.end && k.start < span.end)) continue;
    if (isUkNumber(text.slice(span.start, span.end))) kept.push(span);
  }
  return kept;
}

function isUkNumber(candidate: string): boolean {
  if (!WRITTEN_AS_UK.test(candidate)) return false;
  const parsed = parsePhoneNumberFromString(candidate, 'GB');
  return parsed !== undefined && parsed.countryCallingCode === '44' && parsed.isPossible();
}
