import { findNhsNumbers, type Span } from './nhs-number';
import type { PiiKind } from './kinds';
import { findUkPhoneNumbers } from './phone';
import { findPostcodes, normalisePostcode } from './postcode';

export interface PiiFinding extends Span {
  kind: PiiKind;
}

export interface PiiOptions {
  /** Postcodes that are not personal data here: the trust's own sites. Any spacing or case. */
  ignorePostcodes?: readonly string[];
}

type Finder = (text: string, ignorePostcodes: ReadonlySet<string>) => Span[];

/** One finder per kind; order is the tie-break when two findings cover the same text. */
const FINDERS: ReadonlyArray<{ kind: PiiKind; find: Finder }> = [
  { kind: 'nhs-number', find: findNhsNumbers },
  { kind: 'email', find: (text) => spansOf(EMAIL, text) },
  { kind: 'uk-phone', find: findUkPhoneNumbers },
  { kind: 'date-of-birth', find: findDatesOfBirth },
  { kind: 'postcode', find: findPostcodes },
];

// Local part, @, a domain with at least one dot and a TLD. "@handle" mentions have no local part.
const DOMAIN_LABEL = String.raw`[a-z\d](?:[a-z\d-]*[a-z\d])?`;
const EMAIL = new RegExp(
  String.raw`(?<![\w.%+-])[\w.%+-]+@${DOMAIN_LABEL}(?:\.${DOMAIN_LABEL})*\.[a-z]{2,}(?![\w-])`,
  'giu',
);

// A date, numeric or with a month name, after words that say it is a date of birth.
const NUMERIC_DATE = String.raw`\d{1,2}[\/.\-]\d{1,2}[\/.\-](?:\d{4}|\d{2})`;
const MONTH = String.raw`(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;
const WORDED_DATE = String.raw`\d{1,2}(?:st|nd|rd|th)?\s+${MONTH},?\s+\d{4}`;
const DATE = `(?:${NUMERIC_DATE}|${WORDED_DATE})`;
const DATE_OF_BIRTH = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:d\.?o\.?b\.?|date\s+of\s+birth|born\s+on)(?:\s+is)?\s*[:\-]?\s*(${DATE})(?![\p{L}\p{N}])`,
  'giud',
);

/** Every piece of personal data in `text`, in order, never overlapping (the longest finding wins). */
export function findPii(text: string, options: PiiOptions = {}): PiiFinding[] {
  const ignore = new Set((options.ignorePostcodes ?? []).map(normalisePostcode));
  const all = FINDERS.flatMap(({ kind, find }, rank) => find(text, ignore).map((span) => ({ ...span, kind, rank })));
  const length = (span: Span) => span.end - span.start;
  all.sort((a, b) => a.start - b.start || length(b) - length(a) || a.rank - b.rank);
  const kept: PiiFinding[] = [];
  for (const { kind, start, end } of all) {
    const last = kept[kept.length - 1];
    if (last && start < last.end) continue;
    kept.push({ kind, start, end });
  }
  return kept;
}

function spansOf(pattern: RegExp, text: string): Span[] {
  return [...text.matchAll(pattern)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}

/** Only the date itself is personal data; "DOB" stays so the reader knows what was there. */
function findDatesOfBirth(text: string): Span[] {
  return [...text.matchAll(DATE_OF_BIRTH)].flatMap((m) => {
    const date = m.indices?.[1];
    return date ? [{ start: date[0], end: date[1] }] : [];
  });
}
