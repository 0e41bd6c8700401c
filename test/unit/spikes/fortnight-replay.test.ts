import { assess } from '../../../functions/core/matrix/assess';
import { matrixCalendar } from '../../../functions/core/matrix/calendar';
import { countInteraction } from '../../../functions/core/spikes/count-interaction';
import { detectSpikes } from '../../../functions/core/spikes/detect-spikes';
import { seriesDescriber, seriesId } from '../../../functions/core/spikes/series';
import { themeVocabularyOf } from '../../../functions/core/text/themes';
import { loadMatrixFile } from '../../../functions/shared/matrix-file';
import { syntheticFortnight } from '../../support/fortnight';
import { RecordingPublisher } from '../../support/in-memory';
import { MemorySpikeStore } from './memory-spike-store';

/**
 * The proof: a synthetic fortnight replayed through the default matrix and the spike counter,
 * detection stepped every 5 simulated minutes. The detector fires for the planted spike and the planted
 * misinformation wave within one window of their start, and never on the ordinary pattern.
 */
const matrix = loadMatrixFile('config/response-matrix.yaml');
const settings = matrix.spikes;
const vocabulary = themeVocabularyOf(matrix);
const fortnight = syntheticFortnight({ start: '2026-11-09', seed: 20261109 });
const STEP_MS = 5 * 60_000;
const WINDOW_MS = settings.windowMinutes * 60_000;

interface Replay {
  alerts: Array<{ spikeId: string; series: string; detectedAt: string; count: number; expected: number; topTerms: string[]; ownerTeam: string; suggestIncidentMode: boolean }>;
  categoryOf: Map<string, string>;
  programmesOf: Map<string, string[]>;
}

async function replay(): Promise<Replay> {
  const store = new MemorySpikeStore(settings.bucketMinutes);
  const publisher = new RecordingPublisher();
  const config = { settings, calendar: matrixCalendar(matrix), describe: seriesDescriber(matrix), vocabulary };
  const categoryOf = new Map<string, string>();
  const programmesOf = new Map<string, string[]>();
  const interactions = fortnight.interactions;
  let next = 0;
  for (let t = Date.parse(fortnight.from) + STEP_MS; t <= Date.parse(fortnight.to); t += STEP_MS) {
    const now = new Date(t).toISOString();
    while (next < interactions.length && Date.parse(interactions[next]!.receivedAt) < t) {
      const interaction = interactions[next++]!;
      const { assessment } = assess(interaction, matrix, interaction.receivedAt);
      categoryOf.set(interaction.id, assessment.category);
      programmesOf.set(interaction.id, (assessment.programmes ?? []).map((p) => p.id));
      await countInteraction({ interaction, assessment }, settings, store, vocabulary);
    }
    await detectSpikes(now, config, { counter: store, spikes: store, publisher, newId: () => `run-${t}` });
  }
  const alerts = publisher.ofType('SpikeDetected').map((event) => {
    const data = event.detail.data as Replay['alerts'][number] & { series: { kind: string; key: string } };
    return { ...data, series: `${data.series.kind}:${data.series.key}` };
  });
  return { alerts, categoryOf, programmesOf };
}

function mostCommon(values: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0];
}

describe('a synthetic fortnight replayed through the matrix and the spike detector', () => {
  let result: Replay;
  beforeAll(async () => {
    result = await replay();
  }, 120_000);

  const within = (iso: string, start: string, end: string) => Date.parse(iso) >= Date.parse(start) && Date.parse(iso) <= Date.parse(end);

  it('fires for the planted spike within one window of its start: overall and its category', () => {
    const { spike } = fortnight.planted;
    const category = mostCommon(spike.ids.map((id) => result.categoryOf.get(id)!));
    const deadline = new Date(Date.parse(spike.start) + WINDOW_MS).toISOString();
    const fired = result.alerts.filter((a) => within(a.detectedAt, spike.start, deadline));
    expect(fired.map((a) => a.series)).toEqual(expect.arrayContaining(['overall:all', `category:${category}`]));
    const overall = fired.find((a) => a.series === 'overall:all')!;
    expect(overall.count).toBeGreaterThan(overall.expected * settings.minRatio);
    // Its top terms are the burst's topic.
    expect(overall.topTerms).toEqual(expect.arrayContaining(spike.words));
  });

  it('fires for the misinformation wave within one window of its start: its category and the programme', () => {
    const wave = fortnight.planted.misinformationWave;
    const deadline = new Date(Date.parse(wave.start) + WINDOW_MS).toISOString();
    const fired = result.alerts.filter((a) => within(a.detectedAt, wave.start, deadline)).map((a) => a.series);
    const category = mostCommon(wave.ids.map((id) => result.categoryOf.get(id)!));
    expect(category).toBe('misinformation');
    expect(wave.ids.every((id) => result.programmesOf.get(id)!.includes(wave.programmeId))).toBe(true);
    expect(fired).toEqual(expect.arrayContaining(['category:misinformation', `programme:${wave.programmeId}`]));
    const programme = result.alerts.find((a) => a.series === `programme:${wave.programmeId}`)!;
    expect(programme.ownerTeam).toBe(matrix.programmes.find((p) => p.id === wave.programmeId)!.owner);
    expect(programme.topTerms).toEqual(expect.arrayContaining(wave.words));
  });

  it('never fires on the ordinary pattern: every alert belongs to a planted burst', () => {
    const { spike, misinformationWave: wave } = fortnight.planted;
    const planted = (iso: string) =>
      within(iso, spike.start, new Date(Date.parse(spike.end) + WINDOW_MS).toISOString()) ||
      within(iso, wave.start, new Date(Date.parse(wave.end) + WINDOW_MS).toISOString());
    expect(result.alerts.filter((a) => !planted(a.detectedAt))).toEqual([]);
    // Each series alerts at most once per burst (the cooldown).
    const ids = result.alerts.map((a) => `${a.series}@${Date.parse(a.detectedAt) < Date.parse(wave.start) ? 'spike' : 'wave'}`);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('counts the trust\'s own posts nowhere', () => {
    const own = new Set(fortnight.planted.ownPosts.ids);
    expect(own.size).toBeGreaterThan(0);
    expect(fortnight.interactions.filter((i) => own.has(i.id)).every((i) => i.flags.ownAccount)).toBe(true);
    expect(seriesId({ kind: 'overall', key: 'all' })).toBe('overall:all');
  });
});
