// Plain data, kept apart from the detector so config validation does not load franc's language models.

/**
 * Languages the detector chooses between, as ISO 639-1 (what the assessment records) and ISO 639-3
 * (what franc returns). English and Welsh always; the others are the languages most often written to
 * UK trusts after them. Restricting the choice is what makes short posts reliable.
 */
export const LANGUAGES = {
  en: 'eng',
  cy: 'cym',
  pl: 'pol',
  ro: 'ron',
  pa: 'pan',
  ur: 'urd',
  bn: 'ben',
  pt: 'por',
  es: 'spa',
  fr: 'fra',
  it: 'ita',
  lt: 'lit',
  ar: 'arb',
  so: 'som',
  tr: 'tur',
  gd: 'gla',
  ga: 'gle',
} as const;
export type LanguageCode = keyof typeof LANGUAGES;
export const LANGUAGE_CODES = Object.keys(LANGUAGES) as LanguageCode[];
