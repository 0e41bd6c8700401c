import { BUILT_IN_THEME_VOCABULARY, MAX_SHOWN_TERMS, MIN_TERM_INTERACTIONS, themeTerms, type ThemeVocabulary } from '../text/themes';
import type { SpikeSettings } from './settings';
import { seriesId, type SeriesDescription, type SeriesRef } from './series';
import type { BucketCount } from './ports';
import type { TimeWindow } from './windows';


export interface SeriesVerdict {
  series: SeriesRef;
  count: number;
  /** Baseline mean. */
  expected: number;
  threshold: number;
  baselineWindows: number;
  spike: boolean;
  /** Why not, when it is not a spike (for logs and tests). */
  reason?: 'too-little-history' | 'below-threshold' | 'cooldown' | 'not-watched';
}

export interface SpikeFinding extends SeriesVerdict {
  spikeId: string;
  window: TimeWindow;
  topTerms: string[];
  label: string;
  ownerTeam: string;
  suggestIncidentMode: boolean;
}

export interface DetectInput {
  window: TimeWindow;
  /** Buckets of the window judged. */
  current: readonly BucketCount[];
  /** Buckets of each comparable earlier window (one array per window, possibly empty: a quiet window counts as 0). */
  baseline: ReadonlyArray<readonly BucketCount[]>;
  settings: SpikeSettings;
  /** Series alerted within the cooldown (series ids). */
  coolingDown: ReadonlySet<string>;
  watched: (series: SeriesRef) => boolean;
  describe: (series: SeriesRef) => SeriesDescription;
  /**
   * The theme vocabulary (themeVocabularyOf(matrix)); absent: the built-in words only. The counters hold
   * theme words only already; this check covers counters written before that, and any other counter.
   */
  vocabulary?: ThemeVocabulary;
}

/**
 * The decision, pure. A series spikes when its count in the window reaches all of `minCount`,
 * `minRatio` × the baseline mean and mean + `sensitivity` × sqrt(max(variance, mean)) (a Poisson floor:
 * a series that happened to be steady is not judged by a tiny variance), with at least
 * `minBaselineWindows` comparable windows behind it and no alert for it within the cooldown.
 */
export function judge(input: DetectInput): { verdicts: SeriesVerdict[]; spikes: SpikeFinding[] } {
  const { settings } = input;
  const current = bySeries(input.current, { withTerms: true });
  // Earlier windows give counts only: their words are never used (merging them was most of the run's time).
  const baseline = input.baseline.map((buckets) => bySeries(buckets, { withTerms: false }));
  const verdicts: SeriesVerdict[] = [];
  const spikes: SpikeFinding[] = [];
  for (const [id, now] of [...current].sort(([a], [b]) => a.localeCompare(b))) {
    const counts = baseline.map((window) => window.get(id)?.count ?? 0);
    const n = counts.length;
    const mean = n === 0 ? 0 : counts.reduce((a, b) => a + b, 0) / n;
    const variance = n === 0 ? 0 : counts.reduce((a, b) => a + (b - mean) ** 2, 0) / n;
    const threshold = Math.max(settings.minCount, settings.minRatio * mean, mean + settings.sensitivity * Math.sqrt(Math.max(variance, mean)));
    const verdict: SeriesVerdict = { series: now.series, count: now.count, expected: round(mean), threshold: round(threshold), baselineWindows: n, spike: false };
    if (!input.watched(now.series)) verdict.reason = 'not-watched';
    else if (n < settings.minBaselineWindows) verdict.reason = 'too-little-history';
    else if (now.count < threshold) verdict.reason = 'below-threshold';
    else if (input.coolingDown.has(id)) verdict.reason = 'cooldown';
    else verdict.spike = true;
    verdicts.push(verdict);
    if (!verdict.spike) continue;
    const description = input.describe(now.series);
    spikes.push({
      ...verdict,
      spikeId: `${id}:${input.window.start}`,
      window: input.window,
      topTerms: topTerms(now.terms, input.vocabulary),
      label: description.label,
      ownerTeam: description.ownerTeam,
      // Against a near-empty baseline any burst is a large multiple: measure it against at least one a window.
      suggestIncidentMode: now.count / Math.max(mean, 1) >= settings.suggestIncidentRatio,
    });
  }
  return { verdicts, spikes };
}

/** The most frequent theme words, each carried by at least MIN_TERM_INTERACTIONS interactions; ties alphabetical. */
export function topTerms(terms: ReadonlyMap<string, number>, vocabulary: ThemeVocabulary = BUILT_IN_THEME_VOCABULARY): string[] {
  const themes = new Set(themeTerms(terms.keys(), vocabulary));
  return [...terms]
    .filter(([term, n]) => n >= MIN_TERM_INTERACTIONS && themes.has(term))
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .slice(0, MAX_SHOWN_TERMS)
    .map(([term]) => term);
}

function bySeries(
  buckets: readonly BucketCount[],
  options: { withTerms: boolean },
): Map<string, { series: SeriesRef; count: number; terms: Map<string, number> }> {
  const totals = new Map<string, { series: SeriesRef; count: number; terms: Map<string, number> }>();
  for (const bucket of buckets) {
    const id = seriesId(bucket.series);
    let total = totals.get(id);
    if (!total) totals.set(id, (total = { series: bucket.series, count: 0, terms: new Map() }));
    total.count += bucket.count;
    if (!options.withTerms) continue;
    for (const [term, n] of Object.entries(bucket.terms)) total.terms.set(term, (total.terms.get(term) ?? 0) + n);
  }
  return totals;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
