import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SPIKE_RECORD_DAYS } from '../core/spikes/notify-spike';
import type { BucketCount, CountEntry, SpikeCounter, SpikeNotice, SpikeNoticeStore, SpikeStore, StoredSpike } from '../core/spikes/ports';
import { parseSeriesId, seriesId, type SeriesRef } from '../core/spikes/series';
import { claimLeased, settleLeased } from './leased-claim';
import type { TimeWindow } from '../core/spikes/windows';

const TERM_PREFIX = 't:';
const DAY_MS = 86_400_000;

/**
 * Spike detection's items in the interaction-log table (no index keys: no week, queue or author query
 * ever sees them). Partitions are UTC days, so one Query returns a window's buckets of every series:
 *   counter       pk=SPIKECOUNT#<yyyy-mm-dd>  sk=<bucket start>#<kind>:<key>    n, ids, t:<term>..., expiresAt
 *   counting since pk=SPIKECOUNT#SINCE        sk=SINCE                           since (first bucket counted)
 *   spike         pk=SPIKE#<yyyy-mm-dd>       sk=REC#<window start>#<kind>:<key> the SpikeDetected data, published
 *   spike notice  pk=SPIKE#<yyyy-mm-dd>       sk=NOTICE#<spikeId>                pending -> sent
 * (days of the bucket's or the window's start). A counter remembers the interactions it counted as a
 * string set of short hashes of their ids, and each ADD is conditional on the hash not being in it:
 * each series' count is idempotent on its own, without transactions (dynalite has none), and a retry
 * after a partial run adds only what is missing. Terms are flattened attributes (`t:<term>`) ADDed in
 * the same write: how many of the bucket's interactions carried each.
 */
export class DynamoDbSpikeStore implements SpikeCounter, SpikeStore, SpikeNoticeStore {
  /** The earliest bucket this container has recorded as "counting since" (one write per container, mostly). */
  private sinceRecorded?: string;

  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async count(entry: CountEntry): Promise<SeriesRef[]> {
    await this.recordSince(entry.bucketStart);
    const hash = shortHash(entry.interactionId);
    const termNames = Object.fromEntries(entry.terms.map((term, i) => [`#t${i}`, `${TERM_PREFIX}${term}`]));
    const adds = ['#n :one', '#ids :idset', ...entry.terms.map((_, i) => `#t${i} :one`)].join(', ');
    const counted = await Promise.all(
      entry.series.map(async (series) => {
        try {
          await this.client.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: { pk: `SPIKECOUNT#${entry.bucketStart.slice(0, 10)}`, sk: `${entry.bucketStart}#${seriesId(series)}` },
              UpdateExpression: `SET entity = :entity, seriesKind = :kind, seriesKey = :key, bucketStart = :bucket, expiresAt = :expires ADD ${adds}`,
              ConditionExpression: 'attribute_not_exists(#ids) OR NOT contains(#ids, :hash)',
              ExpressionAttributeNames: { '#n': 'n', '#ids': 'ids', ...termNames },
              ExpressionAttributeValues: {
                ':entity': 'spike-counter',
                ':kind': series.kind,
                ':key': series.key,
                ':bucket': entry.bucketStart,
                ':expires': entry.expiresAt,
                ':one': 1,
                ':idset': new Set([hash]),
                ':hash': hash,
              },
            }),
          );
          return series;
        } catch (error) {
          if (error instanceof ConditionalCheckFailedException) return undefined; // counted before
          throw error;
        }
      }),
    );
    return counted.filter((series): series is SeriesRef => series !== undefined);
  }

  async bucketsIn(window: TimeWindow, options: { withTerms: boolean } = { withTerms: true }): Promise<BucketCount[]> {
    const buckets: BucketCount[] = [];
    // Counts alone leave out the `ids` set and the words (less to send and parse; DynamoDB still bills the
    // read by item size). With words, every attribute: the `t:<term>` names are not known in advance.
    const projection = options.withTerms ? undefined : { expression: 'seriesKind, seriesKey, bucketStart, #n', names: { '#n': 'n' } };
    for (const day of utcDays(window.start, new Date(Date.parse(window.end) - 1).toISOString())) {
      // sk BETWEEN start AND end: `<end>#...` sorts after `<end>`, so the end bucket is left out.
      for (const item of await this.query(`SPIKECOUNT#${day}`, 'sk BETWEEN :from AND :to', { ':from': window.start, ':to': window.end }, projection)) {
        const terms: Record<string, number> = {};
        for (const [name, value] of Object.entries(item)) if (name.startsWith(TERM_PREFIX)) terms[name.slice(TERM_PREFIX.length)] = Number(value);
        buckets.push({ series: { kind: item.seriesKind, key: item.seriesKey }, bucketStart: item.bucketStart, count: Number(item.n), terms });
      }
    }
    return buckets;
  }

  async countingSince(): Promise<string | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: 'SPIKECOUNT#SINCE', sk: 'SINCE' } }));
    return Item?.since as string | undefined;
  }

  private async recordSince(bucketStart: string): Promise<void> {
    if (this.sinceRecorded !== undefined && this.sinceRecorded <= bucketStart) return;
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: 'SPIKECOUNT#SINCE', sk: 'SINCE' },
          UpdateExpression: 'SET since = :bucket, entity = :entity',
          ConditionExpression: 'attribute_not_exists(since) OR since > :bucket',
          ExpressionAttributeValues: { ':bucket': bucketStart, ':entity': 'spike-counting-since' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    this.sinceRecorded = bucketStart;
  }

  async claim(spike: StoredSpike): Promise<boolean> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...this.recordKey(spike), entity: 'spike', ...spike, expiresAt: expiresAt(spike.windowStart) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async markPublished(spike: Pick<StoredSpike, 'spikeId' | 'windowStart' | 'series'>): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.recordKey(spike),
        UpdateExpression: 'SET published = :yes',
        ConditionExpression: 'attribute_exists(pk)',
        ExpressionAttributeValues: { ':yes': true },
      }),
    );
  }

  /** Spikes detected in [from, to): detection happens inside the window, so the window's start is at most a window (6 h) earlier. */
  async listStoredBetween(from: string, to: string): Promise<StoredSpike[]> {
    const spikes: StoredSpike[] = [];
    for (const day of utcDays(new Date(Date.parse(from) - DAY_MS).toISOString(), to)) {
      for (const item of await this.query(`SPIKE#${day}`, 'begins_with(sk, :rec)', { ':rec': 'REC#' })) {
        if (item.detectedAt >= from && item.detectedAt < to) spikes.push(storedSpike(item));
      }
    }
    return spikes.sort((a, b) => a.detectedAt.localeCompare(b.detectedAt) || a.spikeId.localeCompare(b.spikeId));
  }

  async listBetween(from: string, to: string) {
    return (await this.listStoredBetween(from, to)).map(({ threshold: _t, baselineWindows: _b, published: _p, ...record }) => record);
  }

  async claimNotice(claim: Parameters<SpikeNoticeStore['claimNotice']>[0]): Promise<{ claimed: boolean; notice: SpikeNotice }> {
    const { claimed, item } = await claimLeased<SpikeNotice>(this.client, this.tableName, this.noticeKey(claim.spikeId, claim.windowStart), {
      owner: claim.owner,
      now: claim.now,
      leaseUntil: claim.leaseUntil,
      set: 'entity = :entity, spikeId = :id, expiresAt = :expires',
      values: { ':entity': 'spike-notice', ':id': claim.spikeId, ':expires': claim.expiresAt },
    });
    return { claimed, notice: item };
  }

  async markNoticeSent(spikeId: string, windowStart: string, owner: string, messageId: string, at: string): Promise<void> {
    await settleLeased(this.client, this.tableName, this.noticeKey(spikeId, windowStart), owner, 'SET #status = :sent, messageId = :message, sentAt = :at', {
      ':sent': 'sent',
      ':message': messageId,
      ':at': at,
    });
  }

  private recordKey(spike: { windowStart: string; series: SeriesRef }) {
    return { pk: `SPIKE#${spike.windowStart.slice(0, 10)}`, sk: `REC#${spike.windowStart}#${seriesId(spike.series)}` };
  }

  private noticeKey(spikeId: string, windowStart: string) {
    return { pk: `SPIKE#${windowStart.slice(0, 10)}`, sk: `NOTICE#${spikeId}` };
  }

  private async query(
    pk: string,
    skCondition: string,
    values: Record<string, unknown>,
    projection?: { expression: string; names: Record<string, string> },
  ): Promise<Record<string, any>[]> {
    const items: Record<string, any>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: `pk = :pk AND ${skCondition}`,
          ExpressionAttributeValues: { ':pk': pk, ...values },
          ...(projection ? { ProjectionExpression: projection.expression, ExpressionAttributeNames: projection.names } : {}),
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }
}

function storedSpike(item: Record<string, any>): StoredSpike {
  const series = parseSeriesId(`${item.series.kind}:${item.series.key}`);
  return {
    spikeId: item.spikeId,
    series: { ...series, label: item.series.label },
    windowStart: item.windowStart,
    windowEnd: item.windowEnd,
    count: Number(item.count),
    expected: Number(item.expected),
    threshold: Number(item.threshold),
    baselineWindows: Number(item.baselineWindows),
    topTerms: [...(item.topTerms ?? [])],
    ownerTeam: item.ownerTeam,
    suggestIncidentMode: Boolean(item.suggestIncidentMode),
    detectedAt: item.detectedAt,
    published: Boolean(item.published),
  };
}

/** 72 bits of SHA-256: unique enough within one bucket of one series, and short enough to keep thousands. */
function shortHash(id: string): string {
  return createHash('sha256').update(id).digest('base64url').slice(0, 12);
}

function expiresAt(windowStart: string): number {
  return Math.floor(Date.parse(windowStart) / 1000) + SPIKE_RECORD_DAYS * 86_400;
}

/** UTC dates (yyyy-mm-dd) from the day of `from` to the day of `to`, inclusive. */
function utcDays(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(from.slice(0, 10)); t <= Date.parse(to); t += DAY_MS) days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
