import type { SpikeLog, SpikeRecord } from '../ports';
import type { SeriesRef } from './series';
import type { TimeWindow } from './windows';

/** One series' count in one bucket, with how many of its interactions carried each term. */
export interface BucketCount {
  series: SeriesRef;
  bucketStart: string;
  count: number;
  terms: Readonly<Record<string, number>>;
}

/** One interaction to count: its bucket, the series it belongs to, its terms. */
export interface CountEntry {
  interactionId: string;
  bucketStart: string;
  series: readonly SeriesRef[];
  terms: readonly string[];
  /** When the counters may be deleted (epoch seconds, TTL). */
  expiresAt: number;
}

/** The spike counters. Counting is idempotent per interaction and series: a redelivery changes nothing. */
export interface SpikeCounter {
  /** Adds the entry to each series' bucket that has not counted it yet; the series counted now. */
  count(entry: CountEntry): Promise<SeriesRef[]>;
  /**
   * Every series' buckets in the window (bucket starts in [start, end)). `withTerms: false` (the baseline
   * windows, whose words are never used) reads the counts alone: `terms` come back empty.
   */
  bucketsIn(window: TimeWindow, options?: { withTerms: boolean }): Promise<BucketCount[]>;
  /** The first bucket ever counted (the baseline never reaches before it); undefined before any count. */
  countingSince(): Promise<string | undefined>;
}

/** A spike as stored: the record the digest lists, plus what detection needs to finish its work. */
export interface StoredSpike extends SpikeRecord {
  threshold: number;
  baselineWindows: number;
  /** SpikeDetected went out (set after PutEvents succeeded). */
  published: boolean;
}

/** Spike records: claimed once per spikeId, listed by detection time. */
export interface SpikeStore extends SpikeLog {
  /** Stores the spike unless its spikeId exists: true when this call created it. */
  claim(spike: StoredSpike): Promise<boolean>;
  markPublished(spike: Pick<StoredSpike, 'spikeId' | 'windowStart' | 'series'>): Promise<void>;
  listStoredBetween(from: string, to: string): Promise<StoredSpike[]>;
}

/** The owner team's email about one spike: claimed once per spikeId (pending -> sent). */
export interface SpikeNotice {
  spikeId: string;
  status: 'pending' | 'sent';
  owner: string;
  leaseUntil: string;
  messageId?: string;
  sentAt?: string;
}

export interface SpikeNoticeStore {
  claimNotice(claim: { spikeId: string; windowStart: string; owner: string; now: string; leaseUntil: string; expiresAt: number }): Promise<{ claimed: boolean; notice: SpikeNotice }>;
  /** pending -> sent (only while `owner` holds the claim). */
  markNoticeSent(spikeId: string, windowStart: string, owner: string, messageId: string, at: string): Promise<void>;
}
