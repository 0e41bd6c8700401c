import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { claimLeased, settleLeased } from './leased-claim';
import type { EscalationNotice, EscalationNoticeClaim, EscalationNoticeStore } from '../core/ports';
import { recordExpiresAt, type RetentionPolicy } from '../core/interactions/retention';

/**
 * notify-owner's notices in the interaction-log table, next to the interaction they are about (no
 * index keys, so no week, queue or author query ever sees them):
 *   escalation notice  pk=INT#<id>  sk=NOTIFIED#<level>   one per interaction and escalation level (priority,
 *                                                          and `#edit:<editedAt>` when an edit raised it)
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
    const { claimed, item } = await claimLeased<EscalationNotice>(this.client, this.tableName, this.key(claim.interactionId, claim.level), {
      owner: claim.owner,
      now: claim.now,
      leaseUntil: claim.leaseUntil,
      set: 'entity = :entity, interactionId = :id, #level = :level, expiresAt = if_not_exists(expiresAt, :expires)',
      names: { '#level': 'level' },
      values: {
        ':entity': 'escalation-notice',
        ':id': claim.interactionId,
        ':level': claim.level,
        ':expires': recordExpiresAt(this.retention, claim.receivedAt, claim.category),
      },
    });
    return { claimed, notice: item };
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

  private async settle(interactionId: string, level: string, owner: string, update: string, values: Record<string, unknown>): Promise<void> {
    await settleLeased(this.client, this.tableName, this.key(interactionId, level), owner, update, values);
  }
}
