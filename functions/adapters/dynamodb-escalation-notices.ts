import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EscalationNotice, EscalationNoticeClaim, EscalationNoticeStore } from '../core/ports';
import { recordExpiresAt, type RetentionPolicy } from '../core/interactions/retention';

/**
 * notify-owner's notices in the interaction-log table, next to the interaction they are about (no
 * index keys, so no week, queue or author query ever sees them):
 *   escalation notice  pk=INT#<id>  sk=NOTIFIED#<level>   one per interaction and escalation level (priority)
 * The claim is a conditional write made before anyone is paged or emailed (as watch-sla claims an item
 * and level): the first delivery creates it `pending`; its retries continue it; another delivery may
 * take it over only once the lease has passed; `sent` is final. It holds ids, times and message ids
 * only, and expires with the interaction's record (TTL `expiresAt`).
 */
export class DynamoDbEscalationNotices implements EscalationNoticeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly retention: RetentionPolicy,
  ) {}

  private key(interactionId: string, level: string) {
    return { pk: `INT#${interactionId}`, sk: `NOTIFIED#${level}` };
  }

  async claim(claim: EscalationNoticeClaim): Promise<{ claimed: boolean; notice: EscalationNotice }> {
    const key = this.key(claim.interactionId, claim.level);
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET entity = :entity, interactionId = :id, #level = :level, #status = :pending, #owner = :owner, claimedAt = :now, leaseUntil = :lease, expiresAt = if_not_exists(expiresAt, :expires) ADD attempts :one',
          // New; or still pending and either ours (a retry, redrive or replay of the same delivery) or past its lease.
          ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND (#owner = :owner OR leaseUntil < :now))',
          ExpressionAttributeNames: { '#level': 'level', '#status': 'status', '#owner': 'owner' },
          ExpressionAttributeValues: {
            ':entity': 'escalation-notice',
            ':id': claim.interactionId,
            ':level': claim.level,
            ':pending': 'pending',
            ':owner': claim.owner,
            ':now': claim.now,
            ':lease': claim.leaseUntil,
            ':expires': recordExpiresAt(this.retention, claim.receivedAt, claim.category),
            ':one': 1,
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { claimed: true, notice: Attributes as unknown as EscalationNotice };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
      if (!Item) throw error;
      return { claimed: false, notice: Item as unknown as EscalationNotice };
    }
  }

  async markPaged(interactionId: string, level: string, owner: string, pageMessageId: string, at: string): Promise<void> {
    await this.settle(interactionId, level, owner, 'SET pageMessageId = :message, pagedAt = :at', { ':message': pageMessageId, ':at': at });
  }

  async markSent(interactionId: string, level: string, owner: string, messageId: string, at: string): Promise<void> {
    await this.settle(interactionId, level, owner, 'SET #status = :sent, messageId = :message, sentAt = :at', {
      ':sent': 'sent',
      ':message': messageId,
      ':at': at,
    });
  }

  /**
   * Writes progress while `owner` still holds the claim. If another delivery took it over (ours was past
   * its lease), theirs is the claim now: ours went out too, and nothing is overwritten.
   */
  private async settle(interactionId: string, level: string, owner: string, update: string, values: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: this.key(interactionId, level),
          UpdateExpression: update,
          ConditionExpression: '#owner = :owner AND #status = :pending',
          ExpressionAttributeNames: { '#owner': 'owner', '#status': 'status' },
          ExpressionAttributeValues: { ...values, ':owner': owner, ':pending': 'pending' },
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
