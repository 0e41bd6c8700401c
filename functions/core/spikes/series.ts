import type { Assessment, Interaction } from '../../../events';
import type { SpikeSeries } from '../../../events/spike-detected';
import { categoryLabel } from '../categories';
import type { ResponseMatrix } from '../matrix/schema';
import { spikeOwner, type SpikeSettings } from './settings';

/** A counted series without its label: what the counters are keyed by. */
export interface SeriesRef {
  kind: SpikeSeries['kind'];
  /** `all` for overall; the category's or programme's id otherwise. */
  key: string;
}

export const OVERALL: SeriesRef = { kind: 'overall', key: 'all' };

/** `overall:all`, `category:complaint`, `programme:<id>`: a series' id in keys, metrics and spike ids. */
export function seriesId(series: SeriesRef): string {
  return `${series.kind}:${series.key}`;
}

export function parseSeriesId(id: string): SeriesRef {
  const at = id.indexOf(':');
  const kind = id.slice(0, at);
  if (at < 1 || !['overall', 'category', 'programme'].includes(kind)) throw new RangeError(`"${id}" is not a series id`);
  return { kind: kind as SeriesRef['kind'], key: id.slice(at + 1) };
}

/**
 * The series one assessed interaction counts in: everything inbound (the trust's own posts are not
 * what the public is saying, so they count nowhere), its category and each programme it concerns.
 * Every series is counted, watched or not, so changing `spikes.series` needs no new history.
 */
export function seriesOf(interaction: Pick<Interaction, 'flags'>, assessment: Pick<Assessment, 'category' | 'programmes'>): SeriesRef[] {
  if (interaction.flags.ownAccount) return [];
  const programmes = [...new Set((assessment.programmes ?? []).map((p) => p.id))];
  return [OVERALL, { kind: 'category', key: assessment.category }, ...programmes.map((key) => ({ kind: 'programme' as const, key }))];
}

/** Whether the matrix's `spikes.series` settings watch this series. */
export function isWatched(series: SeriesRef, settings: SpikeSettings): boolean {
  if (series.kind === 'overall') return settings.series.overall;
  if (series.kind === 'programme') return settings.series.programmes;
  const { categories } = settings.series;
  return categories === 'all' || categories.includes(series.key);
}

/** How a series reads in an email, and which team is told about its spikes. */
export interface SeriesDescription {
  label: string;
  ownerTeam: string;
}

/** Labels and owners from the matrix: programmes go to their owner, the rest to the spike owner. */
export function seriesDescriber(matrix: Pick<ResponseMatrix, 'programmes' | 'spikes' | 'teams'>): (series: SeriesRef) => SeriesDescription {
  const fallbackOwner = spikeOwner(matrix.spikes, matrix.teams.map((team) => team.id));
  return (series) => {
    if (series.kind === 'overall') return { label: 'All inbound messages', ownerTeam: fallbackOwner };
    if (series.kind === 'category') return { label: categoryLabel(series.key), ownerTeam: fallbackOwner };
    const programme = matrix.programmes.find((p) => p.id === series.key);
    return { label: programme?.name ?? series.key, ownerTeam: programme?.owner ?? fallbackOwner };
  };
}
