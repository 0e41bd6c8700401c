import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AudienceChanged, DetailOf } from '../../events';
import type { AudienceEntry, AudienceLog, WriteOutcome } from '../core/ports';
import { isoWeekOf } from '../core/time/iso-week';

/**
 * Follows and unfollows of the trust's accounts, one small item each, filed under the ISO week (trust
 * time zone) they happened in, so the digest reads one partition per week and never scans:
 *   pk=AUDIENCE#<week>  sk=<platform>#<id>
 * The sort key is the event's deterministic id, not its time: X's Activity API gives no time for a
 * follow, so the receipt time stands in and differs on a redelivery; the id does not. Counts only: no
 * follower id, handle or name is in the event or here. Written once: a redelivery finds it there.
 */
export class DynamoDbAudienceLog implements AudienceLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
  ) {}

  async recordAudienceChange({ data }: DetailOf<typeof AudienceChanged>): Promise<WriteOutcome> {
    const week = isoWeekOf(data.occurredAt, this.timeZone);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `AUDIENCE#${week}`,
            sk: `${data.platform}#${data.id}`,
            entity: 'audience-change',
            platform: data.platform,
            accountId: data.accountId,
            change: data.change,
            occurredAt: data.occurredAt,
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  async listWeek(week: string): Promise<AudienceEntry[]> {
    const entries: AudienceEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `AUDIENCE#${week}` },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        if (item.change !== 'follow' && item.change !== 'unfollow') continue;
        entries.push({ platform: String(item.platform), accountId: String(item.accountId), change: item.change, occurredAt: String(item.occurredAt) });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
