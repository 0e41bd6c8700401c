import type { ResponseMatrix, SignalSet } from '../matrix/schema';
import { wordsOf } from './terms';
import { BUILT_IN_THEME_WORDS } from './theme-vocabulary';

/**
 * Which content words may leave the system. An assessment's `terms` (termsOf) are whatever the message
 * said, names and places included; they stay in the log. Everything that shows words outside it (the
 * digest's "what people are asking" and spike list, SpikeDetected.topTerms, the spike email) shows only
 * words of the THEME VOCABULARY: the built-in service words (theme-vocabulary.ts) and the words the
 * trust itself chose in its matrix. No count threshold can stop a name that many people mention; a
 * closed vocabulary can.
 */
export type ThemeVocabulary = ReadonlySet<string>;

/** The built-in words alone: the safe default wherever the matrix is not at hand. */
/**
 * The rule for words that leave the log (the digest's themes, spike alerts): a theme word (below), carried
 * by at least this many different interactions, so no one person's words are shown...
 */
export const MIN_TERM_INTERACTIONS = 3;
/** ...and at most this many words in one list. */
export const MAX_SHOWN_TERMS = 8;

export const BUILT_IN_THEME_VOCABULARY: ThemeVocabulary = new Set(BUILT_IN_THEME_WORDS);

/** The parts of the matrix whose words are the trust's own vocabulary. */
export type VocabularySource = Partial<Pick<ResponseMatrix, 'rules' | 'misinformation' | 'programmes'>>;

/**
 * The built-in words plus every word of the trust's matrix phrases: rule signal phrases (with their
 * combinations, escalations and `unless`), misinformation claims' `about` and `says` and the debunking
 * phrases, and each programme's keywords, hashtags (without #), key-message phrases and claims' `about`
 * and `says`. Not the free text (actions, replies, corrections, key-message wording: they may name a
 * site or a person), not author phrases (they describe who posts), not regular expressions.
 */
export function themeVocabularyOf(matrix: VocabularySource): ThemeVocabulary {
  const phrases: string[] = [];
  const signals = (set: Partial<SignalSet> | undefined) => phrases.push(...(set?.phrases ?? []), ...(set?.ifNegative ?? []), ...(set?.ifPositive ?? []));
  for (const rule of matrix.rules ?? []) {
    signals(rule.signals);
    for (const combination of rule.signals?.combinations ?? []) combination.all.forEach(signals);
    for (const escalation of rule.escalate) signals(escalation.when);
    phrases.push(...rule.unless);
  }
  for (const claim of matrix.misinformation?.claims ?? []) phrases.push(...claim.about, ...claim.says);
  phrases.push(...(matrix.misinformation?.debunking ?? []));
  for (const programme of matrix.programmes ?? []) {
    phrases.push(...programme.keywords, ...programme.hashtags.map((tag) => tag.replace(/^#/u, '')));
    for (const message of programme.keyMessages) phrases.push(...message.phrases);
    for (const claim of programme.claims) phrases.push(...(claim.about ?? []), ...claim.says);
  }
  return new Set([...BUILT_IN_THEME_WORDS, ...phrases.flatMap(wordsOf)]);
}

/** A term is a theme word when the vocabulary lists it, or it is a hyphenated word of listed words ("hyper-acute"). */
export function isThemeWord(term: string, vocabulary: ThemeVocabulary): boolean {
  const word = term.toLowerCase();
  if (vocabulary.has(word)) return true;
  const parts = word.split('-');
  return parts.length > 1 && parts.every((part) => part.length > 0 && vocabulary.has(part));
}

/** The terms that may leave the system, in their order: the single filter the digest, spike events and emails share. */
export function themeTerms(terms: Iterable<string>, vocabulary: ThemeVocabulary): string[] {
  return [...terms].filter((term) => isThemeWord(term, vocabulary));
}
