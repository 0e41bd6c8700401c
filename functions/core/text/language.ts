import { franc } from 'franc-all';

import { LANGUAGE_CODES, LANGUAGES, type LanguageCode } from './language-codes';

export { LANGUAGE_CODES, LANGUAGES, type LanguageCode } from './language-codes';

/** Shorter than this (letters only) and trigram statistics say little: only the marker words decide. */
const MIN_LETTERS = 12;

// Very short posts ("Diolch!", "Bore da") carry too few trigrams; these words are Welsh and not English.
const WELSH_MARKERS =
  /(?<![\p{L}])(?:diolch|bore da|prynhawn da|noswaith dda|os gwelwch yn dda|plis|ysbyty|meddyg|nyrs|apwyntiad|iechyd|croeso|gwych|hwyl|shwmae|sut mae|ble mae|pryd mae|mae'r|dw i|rydw i|ydy|ddim|gyda|wedi|hefyd)(?![\p{L}])/giu;

export interface LanguageResult {
  /** ISO 639-1 code, or 'und' when the text is too short or has no letters. */
  code: LanguageCode | 'und';
  /** How it was decided, for the rationale. */
  method: 'trigrams' | 'marker-words' | 'too-short';
}

/**
 * The language of a post: franc (trigram statistics, the `franc-all` data so Welsh is included),
 * restricted to `allowed`. Posts too short for trigrams are Welsh only if they contain Welsh marker
 * words, else undetermined. Links, handles and hashtags are removed first: they are not language.
 */
export function languageOf(text: string, allowed: readonly LanguageCode[] = ['en', 'cy']): LanguageResult {
  const prose = text
    .replace(/https?:\/\/\S+/giu, ' ')
    .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
    .replace(/\p{Extended_Pictographic}/gu, ' ');
  const letters = prose.replace(/[^\p{L}]/gu, '').length;
  const welshWords = prose.match(WELSH_MARKERS)?.length ?? 0;
  if (letters < MIN_LETTERS) {
    if (welshWords > 0 && allowed.includes('cy')) return { code: 'cy', method: 'marker-words' };
    return { code: 'und', method: 'too-short' };
  }
  const only = allowed.map((code) => LANGUAGES[code]);
  const guess = franc(prose, { only, minLength: MIN_LETTERS });
  const code = LANGUAGE_CODES.find((candidate) => LANGUAGES[candidate] === guess);
  return code ? { code, method: 'trigrams' } : { code: 'und', method: 'too-short' };
}
