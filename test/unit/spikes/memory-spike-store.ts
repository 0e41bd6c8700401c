import type { BucketCount, CountEntry, SpikeCounter, SpikeNotice, SpikeNoticeStore, SpikeStore, StoredSpike } from '../../../functions/core/spikes/ports';
import { seriesId, type SeriesRef } from '../../../functions/core/spikes/series';
import { bucketStartsIn, type TimeWindow } from '../../../functions/core/spikes/windows';

/** In-memory spike ports with the same rules as the DynamoDB adapter (once per interaction and series, claims). */
export class MemorySpikeStore implements SpikeCounter, SpikeStore, SpikeNoticeStore {
  constructor(private readonly bucketMinutes = 15) {}
  readonly buckets = new Map<string, Map<string, { series: SeriesRef; count: number; ids: Set<string>; terms: Map<string, number> }>>();
  readonly spikes = new Map<string, StoredSpike>();
  readonly notices = new Map<string, SpikeNotice>();
  private since?: string;

  async count(entry: CountEntry): Promise<SeriesRef[]> {
    if (this.since === undefined || entry.bucketStart < this.since) this.since = entry.bucketStart;
    let bucket = this.buckets.get(entry.bucketStart);
    if (!bucket) this.buckets.set(entry.bucketStart, (bucket = new Map()));
    const counted: SeriesRef[] = [];
    for (const series of entry.series) {
      let item = bucket.get(seriesId(series));
      if (!item) bucket.set(seriesId(series), (item = { series, count: 0, ids: new Set(), terms: new Map() }));
      if (item.ids.has(entry.interactionId)) continue;
      item.ids.add(entry.interactionId);
      item.count += 1;
      for (const term of entry.terms) item.terms.set(term, (item.terms.get(term) ?? 0) + 1);
      counted.push(series);
    }
    return counted;
  }

  async bucketsIn(window: TimeWindow, options: { withTerms: boolean } = { withTerms: true }): Promise<BucketCount[]> {
    return bucketStartsIn(window, this.bucketMinutes).flatMap((start) =>
      [...(this.buckets.get(start)?.values() ?? [])].map((item) => ({
        series: item.series,
        bucketStart: start,
        count: item.count,
        terms: options.withTerms ? Object.fromEntries(item.terms) : {},
      })),
    );
  }

  async countingSince() {
    return this.since;
  }

  async claim(spike: StoredSpike) {
    if (this.spikes.has(spike.spikeId)) return false;
    this.spikes.set(spike.spikeId, { ...spike });
    return true;
  }

  async markPublished(spike: Pick<StoredSpike, 'spikeId'>) {
    this.spikes.get(spike.spikeId)!.published = true;
  }

  async listStoredBetween(from: string, to: string) {
    return [...this.spikes.values()].filter((s) => s.detectedAt >= from && s.detectedAt < to).sort((a, b) => a.detectedAt.localeCompare(b.detectedAt));
  }

  async listBetween(from: string, to: string) {
    return this.listStoredBetween(from, to);
  }

  async claimNotice(claim: Parameters<SpikeNoticeStore['claimNotice']>[0]) {
    const existing = this.notices.get(claim.spikeId);
    const allowed = !existing || (existing.status === 'pending' && (existing.owner === claim.owner || existing.leaseUntil < claim.now));
    if (!allowed) return { claimed: false, notice: { ...existing! } };
    const notice: SpikeNotice = { spikeId: claim.spikeId, status: 'pending', owner: claim.owner, leaseUntil: claim.leaseUntil };
    this.notices.set(claim.spikeId, notice);
    return { claimed: true, notice: { ...notice } };
  }

  async markNoticeSent(spikeId: string, _windowStart: string, owner: string, messageId: string, at: string) {
    const notice = this.notices.get(spikeId);
    if (notice?.owner !== owner) throw new Error('conditional check failed');
    Object.assign(notice, { status: 'sent', messageId, sentAt: at });
  }
}
