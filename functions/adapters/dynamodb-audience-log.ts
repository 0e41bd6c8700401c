import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AudienceChanged, DetailOf } from '../../events';
import type { AudienceEntry, AudienceLog, WriteOutcome } from '../core/ports';
import { DynamoDbWeekPartition } from './dynamodb-week-partition';

/**
 * Follows and unfollows of the trust's accounts, one small item each, filed under the ISO week (trust
 * time zone) they happened in, so the digest reads one partition per week and never scans:
 *   pk=AUDIENCE#<week>  sk=<platform>#<id>
 * The sort key is the event's deterministic id, not its time: X's Activity API gives no time for a
 * follow, so the receipt time stands in and differs on a redelivery; the id does not. Counts only: no
 * follower id, handle or name is in the event or here. Written once: a redelivery finds it there.
 */
export class DynamoDbAudienceLog implements AudienceLog {
  private readonly partition: DynamoDbWeekPartition;

  constructor(client: DynamoDBDocumentClient, tableName: string, timeZone: string) {
    this.partition = new DynamoDbWeekPartition(client, tableName, timeZone, 'AUDIENCE');
  }

  recordAudienceChange({ data }: DetailOf<typeof AudienceChanged>): Promise<WriteOutcome> {
    return this.partition.putOnce(data.occurredAt, `${data.platform}#${data.id}`, {
      entity: 'audience-change',
      platform: data.platform,
      accountId: data.accountId,
      change: data.change,
      occurredAt: data.occurredAt,
    });
  }

  async listWeek(week: string): Promise<AudienceEntry[]> {
    const entries: AudienceEntry[] = [];
    for (const item of await this.partition.listWeek(week)) {
      if (item.change !== 'follow' && item.change !== 'unfollow') continue;
      entries.push({ platform: String(item.platform), accountId: String(item.accountId), change: item.change, occurredAt: String(item.occurredAt) });
    }
    return entries;
  }
}
