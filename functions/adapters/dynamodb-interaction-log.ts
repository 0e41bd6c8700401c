import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DetailOf, EventMetadata, Interaction, InteractionAssessed, InteractionReceived } from '../../events';
import type { InteractionLog, LoggedInteractionSummary, WriteOutcome } from '../core/ports';
import { isoWeekOf } from '../core/time/iso-week';

/**
 * Single-table interaction log (design: docs/ARCHITECTURE.md#interaction-log).
 *   interaction  pk=INT#<id>  sk=INTERACTION                 gsi1pk=WEEK#<iso week>  gsi1sk=<receivedAt>#<id>
 *   audit        pk=INT#<id>  sk=AUDIT#<occurredAt>#<kind>   (append-only, never updated)
 *
 * Idempotency: the first event of each kind claims the item (`receivedBy` / `assessedBy` = that
 * event's correlationId, and the claim's time). A retry of the same event passes the condition,
 * rewrites the same values and reuses the claimed time for its audit item's key, so it cannot add
 * a second audit item; a duplicate delivery (new correlationId) fails it: 'duplicate'.
 * Events may arrive in either order: each sets the interaction only if it is not there yet.
 */
export class DynamoDbInteractionLog implements InteractionLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
    /** Stored text is redacted of personal data before it is written. */
    private readonly redact: (text: string) => string,
  ) {}

  async recordReceived({ metadata, data }: DetailOf<typeof InteractionReceived>): Promise<WriteOutcome> {
    const interaction = { ...data, text: this.redact(data.text) };
    const claimedAt = await this.claim(interaction, 'received', metadata, {
      set: ['#status = if_not_exists(#status, :status)'],
      values: { ':status': 'received' },
    });
    if (!claimedAt) return 'duplicate';
    await this.appendAudit(interaction.id, {
      at: claimedAt,
      kind: 'received',
      actor: 'system:intake',
      what: `received from ${interaction.platform} (${interaction.channel})`,
      eventId: metadata.correlationId,
    });
    return 'written';
  }

  async recordAssessed({ metadata, data }: DetailOf<typeof InteractionAssessed>): Promise<WriteOutcome> {
    const { assessment } = data;
    const interaction = { ...data.interaction, text: this.redact(data.interaction.text) };
    const claimedAt = await this.claim(interaction, 'assessed', metadata, {
      set: ['assessment = :assessment', 'category = :category', 'priority = :priority', '#status = :status'],
      values: {
        ':assessment': assessment,
        ':category': assessment.category,
        ':priority': assessment.priority,
        ':status': 'assessed',
      },
    });
    if (!claimedAt) return 'duplicate';
    await this.appendAudit(interaction.id, {
      at: claimedAt,
      kind: 'assessed',
      actor: 'system:response-matrix',
      what: `${assessment.category} ${assessment.priority}: ${assessment.action}`,
      why: assessment.rationale,
      ruleId: assessment.ruleId,
      matrixVersion: assessment.matrixVersion,
      signals: assessment.signals,
      eventId: metadata.correlationId,
    });
    return 'written';
  }

  async listWeek(week: string): Promise<LoggedInteractionSummary[]> {
    const items: LoggedInteractionSummary[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: 'gsi1',
          KeyConditionExpression: 'gsi1pk = :week',
          ExpressionAttributeValues: { ':week': `WEEK#${week}` },
          ProjectionExpression: 'interactionId, platform, channel, receivedAt, ownAccount, category, priority',
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) {
        items.push({
          id: String(item.interactionId),
          platform: String(item.platform),
          channel: String(item.channel),
          receivedAt: String(item.receivedAt),
          ownAccount: item.ownAccount === true,
          category: item.category === undefined ? undefined : String(item.category),
          priority: item.priority === undefined ? undefined : String(item.priority),
        });
      }
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }

  /**
   * One conditional UpdateItem: claims the item for this event and sets the interaction's fields
   * only where absent (so arrival order does not matter). Returns the time of the first claim, or
   * undefined when another delivery claimed it.
   */
  private async claim(
    interaction: Interaction,
    kind: 'received' | 'assessed',
    metadata: EventMetadata,
    extra: { set: string[]; values: Record<string, unknown> },
  ): Promise<string | undefined> {
    const ifAbsent: Record<string, unknown> = {
      interaction,
      interactionId: interaction.id,
      platform: interaction.platform,
      channel: interaction.channel,
      receivedAt: interaction.receivedAt,
      ownAccount: interaction.flags.ownAccount,
      gsi1pk: `WEEK#${isoWeekOf(interaction.receivedAt, this.timeZone)}`,
      gsi1sk: `${interaction.receivedAt}#${interaction.id}`,
    };
    const set = [
      '#claim = :claim',
      '#claimAt = if_not_exists(#claimAt, :claimAt)',
      ...Object.keys(ifAbsent).map((name) => `${name} = if_not_exists(${name}, :${name})`),
      ...extra.set,
    ];
    const values = Object.fromEntries(Object.entries(ifAbsent).map(([name, value]) => [`:${name}`, value]));
    try {
      const result = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: `INT#${interaction.id}`, sk: 'INTERACTION' },
          UpdateExpression: `SET ${set.join(', ')}`,
          ConditionExpression: 'attribute_not_exists(#claim) OR #claim = :claim',
          ExpressionAttributeNames: { '#claim': `${kind}By`, '#claimAt': `${kind}LoggedAt`, '#status': 'status' },
          ExpressionAttributeValues: {
            ...values,
            ...extra.values,
            ':claim': metadata.correlationId,
            ':claimAt': metadata.occurredAt,
          },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return String(result.Attributes?.[`${kind}LoggedAt`] ?? metadata.occurredAt);
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async appendAudit(interactionId: string, audit: { at: string; kind: string } & Record<string, unknown>) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { pk: `INT#${interactionId}`, sk: `AUDIT#${audit.at}#${audit.kind}`, entity: 'audit', ...audit },
          // Append-only: a retry of the same event finds its audit item already there.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}
