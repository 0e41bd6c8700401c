import type { Assessment, Interaction } from '../../../events';
import { BUILT_IN_THEME_VOCABULARY, themeTerms, type ThemeVocabulary } from '../text/themes';
import type { CountEntry, SpikeCounter } from './ports';
import { seriesOf, type SeriesRef } from './series';
import type { SpikeSettings } from './settings';
import { bucketStartOf } from './windows';

/** Counters outlive the baseline by this much, then TTL removes them. */
export const COUNTER_MARGIN_DAYS = 7;
/** Longer terms are not counted (they would make unwieldy attribute names and are never common). */
const MAX_TERM_LENGTH = 60;

/**
 * What one assessed interaction adds to the counters; undefined when it counts nowhere (the trust's own
 * posts). Only theme words are counted (themes.ts): the counters, which outlive the window by weeks and
 * keep a term in an attribute name, never hold a name or a place someone wrote.
 */
export function countEntryFor(
  interaction: Pick<Interaction, 'id' | 'receivedAt' | 'flags'>,
  assessment: Pick<Assessment, 'category' | 'programmes' | 'terms'>,
  settings: Pick<SpikeSettings, 'bucketMinutes' | 'lookbackDays'>,
  vocabulary: ThemeVocabulary = BUILT_IN_THEME_VOCABULARY,
): CountEntry | undefined {
  const series = seriesOf(interaction, assessment);
  if (series.length === 0) return undefined;
  const bucketStart = bucketStartOf(interaction.receivedAt, settings.bucketMinutes);
  const words = (assessment.terms ?? []).map((t) => t.toLowerCase()).filter((t) => t.length > 0 && t.length <= MAX_TERM_LENGTH);
  const terms = [...new Set(themeTerms(words, vocabulary))];
  const expiresAt = Math.floor(Date.parse(bucketStart) / 1000) + (settings.lookbackDays + COUNTER_MARGIN_DAYS) * 86_400;
  return { interactionId: interaction.id, bucketStart, series, terms, expiresAt };
}

/**
 * Counts one assessed interaction in its bucket of every series it belongs to, once: the counter
 * remembers which interactions it counted, so a redelivery or a replay counts nothing again.
 * Returns the series counted by this call (empty for a repeat).
 */
export async function countInteraction(
  data: { interaction: Pick<Interaction, 'id' | 'receivedAt' | 'flags'>; assessment: Pick<Assessment, 'category' | 'programmes' | 'terms'> },
  settings: SpikeSettings,
  counter: SpikeCounter,
  /** The theme vocabulary (themeVocabularyOf(matrix)): the only words counted. */
  vocabulary: ThemeVocabulary,
): Promise<SeriesRef[]> {
  if (!settings.enabled) return [];
  const entry = countEntryFor(data.interaction, data.assessment, settings, vocabulary);
  return entry ? counter.count(entry) : [];
}
