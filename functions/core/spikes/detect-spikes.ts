import { SpikeDetected, type DataOf } from '../../../events';
import type { EventPublisher } from '../ports';
import type { WorkingCalendar } from '../sla/calendar';
import { themeTerms, type ThemeVocabulary } from '../text/themes';
import { judge, type SeriesVerdict } from './detect';
import type { SpikeCounter, SpikeStore, StoredSpike } from './ports';
import { isWatched, seriesId, type SeriesDescription, type SeriesRef } from './series';
import type { SpikeSettings } from './settings';
import { baselineWindows, currentWindow, type TimeWindow } from './windows';

export interface DetectSpikesConfig {
  settings: SpikeSettings;
  calendar: WorkingCalendar;
  describe: (series: SeriesRef) => SeriesDescription;
  /** The theme vocabulary (themeVocabularyOf(matrix)): the only words a spike's topTerms may hold. */
  vocabulary: ThemeVocabulary;
}

export interface DetectSpikesDeps {
  counter: SpikeCounter;
  spikes: SpikeStore;
  publisher: EventPublisher;
  newId: () => string;
}

export interface DetectSpikesResult {
  window?: TimeWindow;
  baselineWindows: number;
  verdicts: SeriesVerdict[];
  /** SpikeDetected published by this run (new spikes, and earlier ones whose publishing was cut short). */
  published: string[];
}

const MINUTE = 60_000;

/**
 * One detection run at `now`: the window ending with the bucket in progress against the same window
 * on comparable earlier days. Each spike is claimed once by its spikeId (`<kind>:<key>:<window start>`)
 * before SpikeDetected goes out, and marked published after; a run that died in between is finished by
 * the next one (at least once; the consumer claims per spikeId, so the owner hears once).
 */
export async function detectSpikes(now: string, config: DetectSpikesConfig, deps: DetectSpikesDeps): Promise<DetectSpikesResult> {
  const { settings } = config;
  if (!settings.enabled) return { baselineWindows: 0, verdicts: [], published: [] };
  const published: string[] = [];
  const correlationId = deps.newId();

  const lookBack = Math.max(settings.cooldownMinutes, settings.windowMinutes * 2);
  const recent = await deps.spikes.listStoredBetween(new Date(Date.parse(now) - lookBack * MINUTE).toISOString(), new Date(Date.parse(now) + 1).toISOString());
  for (const unfinished of recent.filter((spike) => !spike.published)) {
    await publish(unfinished, now, correlationId, config.vocabulary, deps);
    published.push(unfinished.spikeId);
  }
  const coolSince = Date.parse(now) - settings.cooldownMinutes * MINUTE;
  const coolingDown = new Set(recent.filter((spike) => Date.parse(spike.detectedAt) > coolSince).map((spike) => seriesId(spike.series)));

  const window = currentWindow(now, settings);
  const earlier = baselineWindows(window, config.calendar, settings, await deps.counter.countingSince());
  const [current, ...baseline] = await Promise.all([
    deps.counter.bucketsIn(window, { withTerms: true }),
    ...earlier.map((w) => deps.counter.bucketsIn(w, { withTerms: false })),
  ]);
  const { verdicts, spikes } = judge({
    window,
    current: current!,
    baseline,
    settings,
    coolingDown,
    watched: (series) => isWatched(series, settings),
    describe: config.describe,
    vocabulary: config.vocabulary,
  });

  for (const finding of spikes) {
    const spike: StoredSpike = {
      spikeId: finding.spikeId,
      series: { ...finding.series, label: finding.label },
      windowStart: window.start,
      windowEnd: window.end,
      count: finding.count,
      expected: finding.expected,
      threshold: finding.threshold,
      baselineWindows: finding.baselineWindows,
      topTerms: finding.topTerms,
      ownerTeam: finding.ownerTeam,
      suggestIncidentMode: finding.suggestIncidentMode,
      detectedAt: now,
      published: false,
    };
    if (!(await deps.spikes.claim(spike))) continue; // another run has it (and publishes it)
    await publish(spike, now, correlationId, config.vocabulary, deps);
    published.push(spike.spikeId);
  }
  return { window, baselineWindows: earlier.length, verdicts, published };
}

/** The event's data; its topTerms once more through the vocabulary (a spike stored before the vocabulary existed, finished now). */
export function spikeDetectedData(spike: StoredSpike, vocabulary: ThemeVocabulary): DataOf<typeof SpikeDetected> {
  return {
    spikeId: spike.spikeId,
    series: spike.series,
    windowStart: spike.windowStart,
    windowEnd: spike.windowEnd,
    count: spike.count,
    expected: spike.expected,
    threshold: spike.threshold,
    baselineWindows: spike.baselineWindows,
    topTerms: themeTerms(spike.topTerms, vocabulary),
    ownerTeam: spike.ownerTeam,
    suggestIncidentMode: spike.suggestIncidentMode,
    detectedAt: spike.detectedAt,
  };
}

async function publish(spike: StoredSpike, now: string, correlationId: string, vocabulary: ThemeVocabulary, deps: DetectSpikesDeps): Promise<void> {
  await deps.publisher.publish([
    {
      contract: SpikeDetected,
      detail: {
        metadata: { schemaVersion: SpikeDetected.schemaVersion, idempotencyKey: `SpikeDetected:${spike.spikeId}`, correlationId, occurredAt: now },
        data: spikeDetectedData(spike, vocabulary),
      },
    },
  ]);
  await deps.spikes.markPublished(spike);
}
