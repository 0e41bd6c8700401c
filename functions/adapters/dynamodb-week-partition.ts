import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { WriteOutcome } from '../core/ports';
import { isoWeekOf } from '../core/time/iso-week';

/**
 * Small write-once facts filed under the ISO week (trust time zone) they happened in, so a week is one
 * partition to read and nothing scans: `pk=<prefix>#<week>`, `sk` chosen by the caller so that a
 * redelivery of the same fact finds its item there ('duplicate').
 */
export class DynamoDbWeekPartition {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
    private readonly prefix: string,
  ) {}

  async putOnce(occurredAt: string, sk: string, attributes: Record<string, unknown>): Promise<WriteOutcome> {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...attributes, pk: `${this.prefix}#${isoWeekOf(occurredAt, this.timeZone)}`, sk },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return 'written';
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return 'duplicate';
      throw error;
    }
  }

  /** Every item of one week's partition (all pages). */
  async listWeek(week: string): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': `${this.prefix}#${week}` },
          ExclusiveStartKey: startKey,
        }),
      );
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}
