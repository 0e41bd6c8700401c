import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  DetailOf,
  EventMetadata,
  Interaction,
  InteractionAssessed,
  InteractionDeleted,
  InteractionEdited,
  InteractionReceived,
} from '../../events';
import type { InteractionChangeLog, InteractionLog, LoggedInteractionSummary, WriteOutcome } from '../core/ports';
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
 *
 * Edits and deletions (InteractionEdited / InteractionDeleted) change the same item:
 *   edit      sets interaction.text and flags.edited, `editedAt`; only a newer edit replaces an older one,
 *             and never after a deletion. Before the interaction is logged it waits as `pendingEdit`.
 *   deletion  a tombstone: `deletedAt`, flags.deleted, interaction.text purged (and any pending edit).
 *             Before the interaction is logged the tombstone alone is written (no week index, so the
 *             digest never sees it); when the interaction arrives its text is purged at once.
 * Each writes one append-only audit item (`AUDIT#<time>#edited|deleted`), so retries add nothing.
 */
/** Edits and deletions retry this often when they race with their interaction's first write. */
const MAX_RACE_ATTEMPTS = 3;

export class DynamoDbInteractionLog implements InteractionLog, InteractionChangeLog {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
    /** Stored text is redacted of personal data before it is written. */
    private readonly redact: (text: string) => string,
  ) {}

  async recordReceived({ metadata, data }: DetailOf<typeof InteractionReceived>): Promise<WriteOutcome> {
    const interaction = { ...data, text: this.redact(data.text) };
    const claimed = await this.claim(interaction, 'received', metadata, {
      set: ['#status = if_not_exists(#status, :status)'],
      values: { ':status': 'received' },
    });
    if (!claimed) return 'duplicate';
    await this.reconcile(interaction.id, claimed);
    await this.appendAudit(interaction.id, {
      at: String(claimed.receivedLoggedAt ?? metadata.occurredAt),
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
    const claimed = await this.claim(interaction, 'assessed', metadata, {
      set: ['assessment = :assessment', 'category = :category', 'priority = :priority', '#status = :status'],
      values: {
        ':assessment': assessment,
        ':category': assessment.category,
        ':priority': assessment.priority,
        ':status': 'assessed',
      },
    });
    if (!claimed) return 'duplicate';
    await this.reconcile(interaction.id, claimed);
    await this.appendAudit(interaction.id, {
      at: String(claimed.assessedLoggedAt ?? metadata.occurredAt),
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
   * only where absent (so arrival order does not matter). Returns the item as it is after the claim,
   * or undefined when another delivery claimed it.
   */
  private async claim(
    interaction: Interaction,
    kind: 'received' | 'assessed',
    metadata: EventMetadata,
    extra: { set: string[]; values: Record<string, unknown> },
  ): Promise<Record<string, unknown> | undefined> {
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
          ReturnValues: 'ALL_NEW',
        }),
      );
      return result.Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  async recordEdited({ metadata, data }: DetailOf<typeof InteractionEdited>): Promise<WriteOutcome> {
    const text = this.redact(data.text);
    const audit = () =>
      this.appendAudit(data.id, {
        at: data.editedAt,
        kind: 'edited',
        actor: 'system:intake',
        what: `edited on ${data.platform}: stored text replaced`,
        eventId: metadata.correlationId,
      });
    for (let attempt = 0; attempt < MAX_RACE_ATTEMPTS; attempt++) {
      // The interaction is logged: this edit replaces its text if it is the newest so far.
      const applied = await this.update(data.id, {
        UpdateExpression: 'SET #i.#text = :text, #i.#flags.#edited = :true, editedAt = :at',
        ConditionExpression: 'attribute_exists(#i) AND attribute_not_exists(deletedAt) AND (attribute_not_exists(editedAt) OR editedAt < :at)',
        ExpressionAttributeNames: { '#i': 'interaction', '#text': 'text', '#flags': 'flags', '#edited': 'edited' },
        ExpressionAttributeValues: { ':text': text, ':true': true, ':at': data.editedAt },
      });
      if (applied) {
        await audit();
        return 'written';
      }
      // Not logged yet: keep the newest edit for when it is.
      const pending = await this.update(data.id, {
        UpdateExpression: 'SET pendingEdit = :edit, interactionId = if_not_exists(interactionId, :id), platform = if_not_exists(platform, :platform)',
        ConditionExpression: 'attribute_not_exists(#i) AND attribute_not_exists(deletedAt) AND (attribute_not_exists(pendingEdit) OR pendingEdit.editedAt < :at)',
        ExpressionAttributeNames: { '#i': 'interaction' },
        ExpressionAttributeValues: { ':edit': { text, editedAt: data.editedAt }, ':id': data.id, ':platform': data.platform, ':at': data.editedAt },
      });
      if (pending) {
        await audit();
        return 'pending';
      }
      // Neither applied: deleted, or not newer than what is there, or the interaction arrived in between.
      const item = await this.read(data.id);
      if (item?.deletedAt !== undefined) return 'duplicate';
      const latest = item?.interaction !== undefined ? item.editedAt : (item?.pendingEdit as { editedAt?: string } | undefined)?.editedAt;
      if (typeof latest === 'string' && latest >= data.editedAt) {
        // A retry of this same edit still gets its audit item (append-only: written at most once).
        if (latest === data.editedAt) await audit();
        return 'duplicate';
      }
    }
    throw new Error(`edit of ${data.id} kept racing with its interaction's arrival`);
  }

  async recordDeleted({ metadata, data }: DetailOf<typeof InteractionDeleted>): Promise<WriteOutcome> {
    const names = { '#i': 'interaction' };
    const values = { ':at': data.deletedAt };
    for (let attempt = 0; attempt < MAX_RACE_ATTEMPTS; attempt++) {
      // Logged: tombstone it and purge its text.
      let old = await this.update(data.id, {
        UpdateExpression: 'SET deletedAt = if_not_exists(deletedAt, :at), #i.#text = :empty, #i.#flags.#deleted = :true REMOVE pendingEdit',
        ConditionExpression: 'attribute_exists(#i)',
        ExpressionAttributeNames: { ...names, '#text': 'text', '#flags': 'flags', '#deleted': 'deleted' },
        ExpressionAttributeValues: { ...values, ':empty': '', ':true': true },
        ReturnValues: 'UPDATED_OLD',
      });
      let outcome: WriteOutcome = 'written';
      if (!old) {
        // Not logged (yet): the tombstone alone, so the interaction's text is purged if it arrives later.
        old = await this.update(data.id, {
          UpdateExpression: 'SET deletedAt = if_not_exists(deletedAt, :at), interactionId = if_not_exists(interactionId, :id), platform = if_not_exists(platform, :platform) REMOVE pendingEdit',
          ConditionExpression: 'attribute_not_exists(#i)',
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ...values, ':id': data.id, ':platform': data.platform },
          ReturnValues: 'UPDATED_OLD',
        });
        outcome = 'pending';
      }
      if (!old) continue; // the interaction arrived in between: tombstone it as logged
      const deletedAt = typeof old.deletedAt === 'string' ? old.deletedAt : data.deletedAt;
      await this.appendAudit(data.id, {
        at: deletedAt,
        kind: 'deleted',
        actor: 'system:intake',
        what: `deleted on ${data.platform}: stored text purged`,
        eventId: metadata.correlationId,
      });
      return old.deletedAt === undefined ? outcome : 'duplicate';
    }
    throw new Error(`deletion of ${data.id} kept racing with its interaction's arrival`);
  }

  /**
   * After a receipt or assessment wrote the interaction: a deletion or an edit that arrived first
   * is applied now (text purged, or the pending edit's text), so arrival order never matters.
   */
  private async reconcile(id: string, item: Record<string, unknown>): Promise<void> {
    const names = { '#i': 'interaction', '#text': 'text', '#flags': 'flags' };
    if (item.deletedAt !== undefined) {
      await this.update(id, {
        UpdateExpression: 'SET #i.#text = :empty, #i.#flags.#deleted = :true REMOVE pendingEdit',
        ConditionExpression: 'attribute_exists(#i)',
        ExpressionAttributeNames: { ...names, '#deleted': 'deleted' },
        ExpressionAttributeValues: { ':empty': '', ':true': true },
      });
      return;
    }
    const pending = item.pendingEdit as { text?: unknown; editedAt?: unknown } | undefined;
    if (typeof pending?.editedAt !== 'string' || typeof pending.text !== 'string') return;
    const applied = await this.update(id, {
      UpdateExpression: 'SET #i.#text = :text, #i.#flags.#edited = :true, editedAt = :at REMOVE pendingEdit',
      ConditionExpression:
        'attribute_exists(#i) AND attribute_not_exists(deletedAt) AND pendingEdit.editedAt = :at AND (attribute_not_exists(editedAt) OR editedAt < :at)',
      ExpressionAttributeNames: { ...names, '#edited': 'edited' },
      ExpressionAttributeValues: { ':text': pending.text, ':true': true, ':at': pending.editedAt },
    });
    // A newer edit got there first: this one is stale, drop it (its audit item stays).
    if (!applied) {
      await this.update(id, {
        UpdateExpression: 'REMOVE pendingEdit',
        ConditionExpression: 'pendingEdit.editedAt = :at',
        ExpressionAttributeValues: { ':at': pending.editedAt },
      });
    }
  }

  /** A conditional UpdateItem on the interaction item: its returned attributes, or undefined if the condition failed. */
  private async update(
    id: string,
    input: Omit<UpdateCommandInput, 'TableName' | 'Key'>,
  ): Promise<Record<string, unknown> | undefined> {
    try {
      const result = await this.client.send(
        new UpdateCommand({ TableName: this.tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' }, ReturnValues: 'ALL_NEW', ...input }),
      );
      return result.Attributes ?? {};
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return undefined;
      throw error;
    }
  }

  private async read(id: string): Promise<Record<string, unknown> | undefined> {
    const result = await this.client.send(
      new GetCommand({ TableName: this.tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' }, ConsistentRead: true }),
    );
    return result.Item;
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
