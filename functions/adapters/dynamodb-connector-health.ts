import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConnectorHealthChanged, DetailOf } from '../../events';
import type { ConnectorHealthEntry, ConnectorHealthLog, WriteOutcome } from '../core/ports';
import { isoWeekOf } from '../core/time/iso-week';

/**
 * Connector health changes, one small item each, filed under the ISO week (trust time zone) they
 * happened in, so the digest reads one partition per week and never scans:
 *   pk=HEALTH#<week>  sk=<occurredAt>#<platform>#<status>#<accountId or ->
 * Ids and statuses only (no names). Written once: a redelivery finds it there.
 */
export class DynamoDbConnectorHealthLog implements ConnectorHealthLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
  ) {}

  async recordHealthChange({ data }: DetailOf<typeof ConnectorHealthChanged>): Promise<WriteOutcome> {
    const week = isoWeekOf(data.occurredAt, this.timeZone);
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `HEALTH#${week}`,
            sk: `${data.occurredAt}#${data.platform}#${data.status}#${data.accountId ?? '-'}`,
            entity: 'connector-health',
            platform: data.platform,
            status: data.status,
            signal: data.signal,
            ...(data.accountId ? { accountId: data.accountId } : {}),
            occurredAt: data.occurredAt,
            detectedAt: data.detectedAt,
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

  async listWeek(week: string): Promise<ConnectorHealthEntry[]> {
    const entries: ConnectorHealthEntry[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `HEALTH#${week}` },
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        entries.push({
          platform: String(item.platform),
          status: String(item.status),
          signal: String(item.signal),
          ...(typeof item.accountId === 'string' ? { accountId: item.accountId } : {}),
          occurredAt: String(item.occurredAt),
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return entries;
  }
}
