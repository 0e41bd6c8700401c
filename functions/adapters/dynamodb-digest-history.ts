import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DigestHistory } from '../core/ops/digests';
import type { DigestRecord } from '../core/ports';

/**
 * Reads the digest records send-weekly-digest keeps (pk=DIGEST#<week>, sk=SENT#<recipients key>): one
 * key query per week, every recipient list of that week. Read-only.
 */
export class DynamoDbDigestHistory implements DigestHistory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async recordsOf(weeks: readonly string[]): Promise<Map<string, DigestRecord[]>> {
    const entries = await Promise.all(
      weeks.map(async (week): Promise<[string, DigestRecord[]]> => {
        const { Items = [] } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sent)',
            ExpressionAttributeValues: { ':pk': `DIGEST#${week}`, ':sent': 'SENT#' },
          }),
        );
        return [week, Items as unknown as DigestRecord[]];
      }),
    );
    return new Map(entries);
  }
}
