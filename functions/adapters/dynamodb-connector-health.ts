import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { ConnectorHealthChanged, DetailOf } from '../../events';
import type { ConnectorHealthEntry, ConnectorHealthLog, WriteOutcome } from '../core/ports';
import { DynamoDbWeekPartition } from './dynamodb-week-partition';

/**
 * Connector health changes, one small item each, filed under the ISO week (trust time zone) they
 * happened in, so the digest reads one partition per week and never scans:
 *   pk=HEALTH#<week>  sk=<occurredAt>#<platform>#<status>#<accountId or ->
 * Ids and statuses only (no names). Written once: a redelivery finds it there.
 */
export class DynamoDbConnectorHealthLog implements ConnectorHealthLog {
  private readonly partition: DynamoDbWeekPartition;

  constructor(client: DynamoDBDocumentClient, tableName: string, timeZone: string) {
    this.partition = new DynamoDbWeekPartition(client, tableName, timeZone, 'HEALTH');
  }

  recordHealthChange({ data }: DetailOf<typeof ConnectorHealthChanged>): Promise<WriteOutcome> {
    return this.partition.putOnce(data.occurredAt, `${data.occurredAt}#${data.platform}#${data.status}#${data.accountId ?? '-'}`, {
      entity: 'connector-health',
      platform: data.platform,
      status: data.status,
      signal: data.signal,
      ...(data.accountId ? { accountId: data.accountId } : {}),
      occurredAt: data.occurredAt,
      detectedAt: data.detectedAt,
    });
  }

  async listWeek(week: string): Promise<ConnectorHealthEntry[]> {
    return (await this.partition.listWeek(week)).map((item) => ({
      platform: String(item.platform),
      status: String(item.status),
      signal: String(item.signal),
      ...(typeof item.accountId === 'string' ? { accountId: item.accountId } : {}),
      occurredAt: String(item.occurredAt),
    }));
  }
}
