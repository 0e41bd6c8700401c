import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { BatchGetCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DigestHistory } from '../core/ops/digests';
import type { DigestClaim, DigestRecord, DigestStore, WeekSummary } from '../core/ports';

/**
 * The digest's own items in the interaction-log table (no week-index keys, so listWeek never sees them):
 *   digest record  pk=DIGEST#<week>  sk=SENT#<recipients key>   one per week and recipient list
 *   week summary   pk=DIGEST#<week>  sk=SUMMARY                 comparison figures of a settled week
 * The record is the exactly-once guard: a conditional write claims the send before SES is called.
 */
export class DynamoDbDigestStore implements DigestStore, DigestHistory {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  private key(week: string, recipientsKey: string) {
    return { pk: `DIGEST#${week}`, sk: `SENT#${recipientsKey}` };
  }

  /** The console's digest pages: every recipient list's record of each week, one key query per week. */
  async recordsOf(weeks: readonly string[]): Promise<Map<string, DigestRecord[]>> {
    const entries = await Promise.all(
      weeks.map(async (week): Promise<[string, DigestRecord[]]> => {
        const { Items = [] } = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sent)',
            ExpressionAttributeValues: { ':pk': this.key(week, '').pk, ':sent': this.key(week, '').sk },
          }),
        );
        return [week, Items as unknown as DigestRecord[]];
      }),
    );
    return new Map(entries);
  }

  async claim(claim: DigestClaim): Promise<{ claimed: true } | { claimed: false; record: DigestRecord }> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(claim.week, claim.recipientsKey),
          UpdateExpression:
            'SET entity = :entity, week = :week, recipientsKey = :rk, recipientCount = :count, #status = :sending, attemptId = :attempt, claimedAt = :now, leaseUntil = :lease ADD attempts :one',
          // First claim, or a retry after SES refused; a re-send may also replace a sent or in-doubt record.
          ConditionExpression: claim.resend
            ? 'attribute_not_exists(pk) OR #status <> :sending OR leaseUntil < :now'
            : 'attribute_not_exists(pk) OR #status = :failed',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':entity': 'digest',
            ':week': claim.week,
            ':rk': claim.recipientsKey,
            ':count': claim.recipientCount,
            ':sending': 'sending',
            ':attempt': claim.attemptId,
            ':now': claim.now,
            ':lease': claim.leaseUntil,
            ':one': 1,
            ...(claim.resend ? {} : { ':failed': 'failed' }),
          },
        }),
      );
      return { claimed: true };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(
        new GetCommand({ TableName: this.tableName, Key: this.key(claim.week, claim.recipientsKey), ConsistentRead: true }),
      );
      if (!Item) throw error;
      return { claimed: false, record: Item as unknown as DigestRecord };
    }
  }

  async markSent(week: string, recipientsKey: string, attemptId: string, messageId: string, sentAt: string): Promise<void> {
    await this.client.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: this.key(week, recipientsKey),
        UpdateExpression: 'SET #status = :sent, messageId = :id, sentAt = :at, published = :false ADD sendCount :one',
        ConditionExpression: 'attemptId = :attempt',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId, ':at': sentAt, ':false': false, ':one': 1, ':attempt': attemptId },
      }),
    );
  }

  async markFailed(week: string, recipientsKey: string, attemptId: string, at: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(week, recipientsKey),
          UpdateExpression: 'SET #status = :failed, failedAt = :at',
          ConditionExpression: 'attemptId = :attempt AND #status = :sending',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':failed': 'failed', ':at': at, ':attempt': attemptId, ':sending': 'sending' },
        }),
      );
    } catch (error) {
      // Someone else's claim now: theirs to settle.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async markPublished(week: string, recipientsKey: string, messageId: string): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(week, recipientsKey),
          UpdateExpression: 'SET published = :true',
          ConditionExpression: 'messageId = :id',
          ExpressionAttributeValues: { ':true': true, ':id': messageId },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  async getWeekSummaries(weeks: string[]): Promise<Map<string, WeekSummary>> {
    const found = new Map<string, WeekSummary>();
    if (weeks.length === 0) return found;
    let keys: Record<string, unknown>[] | undefined = weeks.map((week) => ({ pk: `DIGEST#${week}`, sk: 'SUMMARY' }));
    // BatchGet may return some keys unprocessed under load: ask again for those.
    for (let attempt = 0; keys && keys.length > 0 && attempt < 5; attempt++) {
      const result = await this.client.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keys } } }));
      for (const item of result.Responses?.[this.tableName] ?? []) found.set(String(item.week), item.summary as WeekSummary);
      keys = result.UnprocessedKeys?.[this.tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
    return found;
  }

  async putWeekSummary(summary: WeekSummary): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: `DIGEST#${summary.week}`, sk: 'SUMMARY', entity: 'digest-week-summary', week: summary.week, summary },
      }),
    );
  }
}
