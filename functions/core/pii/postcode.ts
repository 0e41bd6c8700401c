import type { Span } from './nhs-number';

// The shapes of a full UK postcode (outward code, optional space, inward code), using the letters
// Royal Mail allows in each position. Case is ignored: people type "cf14 4xw".
const OUTWARD = String.raw`(?:[A-PR-UWYZ][0-9][0-9]?|[A-PR-UWYZ][A-HK-Y][0-9][0-9]?|[A-PR-UWYZ][0-9][A-HJKPSTUW]|[A-PR-UWYZ][A-HK-Y][0-9][ABEHMNPRVWXY])`;
const INWARD = String.raw`[0-9][ABD-HJLNP-UW-Z]{2}`;
const POSTCODE = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${OUTWARD}\s?${INWARD}|GIR\s?0AA)(?![\p{L}\p{N}])`, 'giu');
// "A1 1st", "M6 2nd": a road and an ordinal, not a postcode.
const ORDINAL_INWARD = /\s\d(?:st|nd|rd|th)$/iu;

/** Canonical form for comparing postcodes: upper case, no spaces. */
export function normalisePostcode(postcode: string): string {
  return postcode.replace(/\s+/gu, '').toUpperCase();
}

/**
 * Full UK postcodes in free text. A postcode is part of an address, so it is personal data, except
 * the trust's own sites' postcodes (`ignore`), which are public and turn up in every parking query.
 */
export function findPostcodes(text: string, ignore: ReadonlySet<string> = new Set()): Span[] {
  return [...text.matchAll(POSTCODE)]
    .filter((m) => !ORDINAL_INWARD.test(m[0]) && !ignore.has(normalisePostcode(m[0])))
    .map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
