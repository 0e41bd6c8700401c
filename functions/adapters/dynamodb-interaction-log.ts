import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import type { QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import type {
  Assessment,
  DetailOf,
  EventMetadata,
  Interaction,
  InteractionAssessed,
  InteractionDeleted,
  InteractionEdited,
  InteractionReassessed,
  InteractionReceived,
} from '../../events';
import type { InteractionChangeLog, InteractionLog, LoggedInteraction, LoggedInteractionReader, LoggedInteractionSummary, WriteOutcome } from '../core/ports';
import { laterOf } from '../core/time/instants';
import { isoWeekOf } from '../core/time/iso-week';
import { toInteractionSummary, WEEK_PROJECTION } from './week-projection';
import { ConcurrentUpdateError, NotFoundError, ValidationError } from '../core/interactions/errors';
import { isOpen, unchanged, type AuditDraft, type AuditEntry, type InteractionRecord, type InteractionStatus, type Transition } from '../core/interactions/record';
import { auditExpiresAt, contentExpiresAt, DEFAULT_RETENTION, recordExpiresAt, type RetentionPolicy } from '../core/interactions/retention';
import { INTAKE_ACTOR } from '../core/interactions/own-reply';
import {
  assessed as assessedTransition,
  reassessed as reassessedTransition,
  received as receivedTransition,
  reply as replyTransition,
  type MatrixView,
} from '../core/interactions/transitions';
import type { ApplyOutcome, ErasureRecord, InteractionPage, InteractionQuery, InteractionStore, PendingOwnReply } from '../core/ports';
import { weekRange } from '../core/time/iso-week';
import { channelName, platformName } from '../core/interactions/wording';

/**
 * Single-table interaction log (design: docs/ARCHITECTURE.md#interaction-log).
 *   interaction  pk=INT#<id>  sk=INTERACTION                 gsi1pk=WEEK#<iso week>  gsi1sk=<receivedAt>#<id>
 *                  open (sparse)      gsi2pk=OPEN                         gsi2sk=<slaDueAt|~>#<id>
 *                  by team            gsi3pk=TEAM#<ownerTeam>             gsi3sk=<receivedAt>#<id>
 *                  by author (sparse) gsi4pk=AUTHOR#<platform>#<authorId> gsi4sk=<receivedAt>#<id>
 *                  content expiry     gsi5pk=EXPIRE                       gsi5sk=<contentExpiresAt>#<id>
 *   audit        pk=INT#<id>  sk=AUDIT#<at>#<kind>[#<action hash>]   (append-only, never updated)
 *   erasure      pk=ERASURE#<erasureId>  sk=ERASURE          (who, when, anonymised counts)
 *
 * The queue's state (status, ownerTeam, slaDueAt, firstResponse*, closedAt...) is top-level on the
 * interaction item and changes only through `apply` (read, pure transition, write conditional on
 * `version`, action ids recorded in `appliedActions`); the index keys and the TTL follow from it, so an
 * item leaves the open-items and author indexes by losing their keys.
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
/** How long a decision on an edit waits for an interaction that never arrives (the bus archive keeps events 30 days). */
const PENDING_DAYS = 30;

/** A decision on an edit waiting for its interaction (InteractionReassessed's data, without the id). */
interface PendingReassessment {
  editedAt: string;
  receivedAt: string;
  assessment: Assessment;
  occasion?: string;
}

const WAITING_ATTRIBUTES = ['pendingReassessments', 'pendingOwnReplies'] as const;
type WaitingAttribute = (typeof WAITING_ATTRIBUTES)[number];

/** The entries waiting in one of the item's maps. */
function waitingIn<T>(item: Record<string, unknown> | undefined, attribute: WaitingAttribute): T[] {
  const waiting = item?.[attribute];
  return waiting && typeof waiting === 'object' ? Object.values(waiting as Record<string, T>) : [];
}

/**
 * Logged and decided: the assessment's state transition has run (not only its claim, which writes
 * `assessment` first), so a decision on an edit applied now cannot be overwritten by the first decision.
 */
function decided(item: Record<string, unknown> | undefined): boolean {
  return item?.interaction !== undefined && hasAction(item.appliedActions, 'assessed');
}

export class DynamoDbInteractionLog implements InteractionLog, InteractionChangeLog, InteractionStore, LoggedInteractionReader {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly timeZone: string,
    /** Stored text is redacted of personal data before it is written. */
    private readonly redact: (text: string) => string,
    /** Retention (config/org.yaml `retention`): TTL of records and audit items, platform content limits. */
    private readonly retention: RetentionPolicy = DEFAULT_RETENTION,
  ) {}

  async recordReceived({ metadata, data }: DetailOf<typeof InteractionReceived>): Promise<WriteOutcome> {
    const interaction = { ...data, text: this.redact(data.text) };
    const claimed = await this.claim(interaction, 'received', metadata, {
      set: ['#status = if_not_exists(#status, :status)'],
      values: { ':status': 'received' },
    });
    if (!claimed) return 'duplicate';
    await this.reconcile(interaction.id, claimed);
    // Queue indexes, retention: once per interaction (a retry finds the action applied).
    await this.apply(interaction.id, 'received', receivedTransition);
    await this.appendAudit(interaction.id, {
      at: String(claimed.receivedLoggedAt ?? metadata.occurredAt),
      kind: 'received',
      actor: 'system:intake',
      what: `received from ${platformName(interaction.platform)} (${channelName(interaction.channel)})`,
      eventId: metadata.correlationId,
    });
    return 'written';
  }

  /** `matrix`: to apply decisions on edits that came before this one (pendingReassessments); without it they wait. */
  async recordAssessed({ metadata, data }: DetailOf<typeof InteractionAssessed>, matrix?: MatrixView): Promise<WriteOutcome> {
    const { assessment } = data;
    const interaction = { ...data.interaction, text: this.redact(data.interaction.text) };
    const claimed = await this.claim(interaction, 'assessed', metadata, {
      // The decision itself is kept as logged; status, category, priority, owner and due time are the
      // queue's state, set once by the transition below so a retry never undoes a person's override.
      // if_not_exists: a decision on a later edit (InteractionReassessed) may have replaced it since.
      set: ['assessment = if_not_exists(assessment, :assessment)', '#status = if_not_exists(#status, :status)'],
      values: { ':assessment': assessment, ':status': 'received' },
    });
    if (!claimed) return 'duplicate';
    await this.reconcile(interaction.id, claimed);
    const decision = await this.applyToItem(interaction.id, 'assessed', (record) => assessedTransition(record, assessment));
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
    // What waited for this decision: on the item its state write left (an entry kept later is applied by
    // its own writer, which then finds the item decided); a retry, not knowing, reads the item again.
    const waiting = decision.outcome !== 'written' || !decision.item || WAITING_ATTRIBUTES.some((attribute) => decision.item![attribute] !== undefined);
    if (matrix && waiting) await this.applyWaiting(interaction.id, matrix);
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
          ProjectionExpression: WEEK_PROJECTION.expression,
          ExpressionAttributeNames: WEEK_PROJECTION.names,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) items.push(toInteractionSummary(item));
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
    // Keyed by the platform's edit time (a redelivery of the same edit finds its item), told at the time
    // we received it, so the trail reads in the order things happened to us.
    const audit = () =>
      this.appendAudit(
        data.id,
        {
          at: laterOf(data.receivedAt, data.editedAt),
          kind: 'edited',
          actor: 'system:intake',
          what: `edited on ${platformName(data.platform)} (at ${data.editedAt} by the platform's clock): stored text replaced`,
          eventId: metadata.correlationId,
        },
        data.editedAt,
      );
    for (let attempt = 0; attempt < MAX_RACE_ATTEMPTS; attempt++) {
      // The interaction is logged: this edit replaces its text if it is the newest so far.
      const applied = await this.update(data.id, {
        UpdateExpression: 'SET #i.#text = :text, #i.#flags.#edited = :true, editedAt = :at',
        ConditionExpression:
          'attribute_exists(#i) AND attribute_not_exists(deletedAt) AND attribute_not_exists(erasedAt) AND attribute_not_exists(contentExpiredAt) AND (attribute_not_exists(editedAt) OR editedAt < :at)',
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
      // Deleted, erased on request or past the platform's storage limit: the text stays gone.
      if (item?.deletedAt !== undefined || item?.erasedAt !== undefined || item?.contentExpiredAt !== undefined) return 'duplicate';
      const latest = item?.interaction !== undefined ? item.editedAt : (item?.pendingEdit as { editedAt?: string } | undefined)?.editedAt;
      if (typeof latest === 'string' && latest >= data.editedAt) {
        // A retry of this same edit still gets its audit item (append-only: written at most once).
        if (latest === data.editedAt) await audit();
        return 'duplicate';
      }
    }
    throw new Error(`edit of ${data.id} kept racing with its interaction's arrival`);
  }

  /**
   * The matrix's decision on an edit, through the state engine (once per edit: the action id is the
   * edit's time). The transition raises the item or only audits it; its audit item carries the signals.
   * Before the interaction is logged and decided, the decision waits on the item (`pendingReassessments`:
   * decisions only, no message text) and is applied when the interaction's decision is logged. Each side
   * writes, then reads the other's write, so one of them always applies it.
   */
  async recordReassessed({ data }: DetailOf<typeof InteractionReassessed>, matrix: MatrixView): Promise<WriteOutcome> {
    const decision: PendingReassessment = {
      editedAt: data.editedAt,
      receivedAt: data.receivedAt,
      assessment: data.assessment,
      ...(data.occasion ? { occasion: data.occasion } : {}),
    };
    if (decided(await this.read(data.interactionId))) return this.applyReassessment(data.interactionId, decision, matrix);
    await this.keepUntilDecided(data.interactionId, 'pendingReassessments', data.editedAt, decision, data.receivedAt, { platform: data.platform });
    await this.applyWaiting(data.interactionId, matrix);
    return 'pending';
  }

  private async applyReassessment(id: string, decision: PendingReassessment & { appliedAt?: string }, matrix: MatrixView): Promise<WriteOutcome> {
    const result = await this.apply(id, `reassessed:${decision.editedAt}`, (record) => reassessedTransition(record, decision, matrix));
    return result.outcome === 'written' ? 'written' : 'duplicate';
  }

  async keepOwnReply(targetId: string, pending: PendingOwnReply, matrix: MatrixView): Promise<void> {
    await this.keepUntilDecided(targetId, 'pendingOwnReplies', pending.replyInteractionId, pending, pending.receivedAt, {});
    await this.applyWaiting(targetId, matrix);
  }

  /**
   * Keeps `value` under `key` in the item's `attribute` map until the interaction is logged and decided
   * (a redelivery rewrites its own entry). The item may not exist yet: it is made with the interaction's id
   * and a TTL, so what waits for an interaction never delivered goes in 30 days. Nothing kept holds text.
   */
  private async keepUntilDecided(id: string, attribute: WaitingAttribute, key: string, value: unknown, since: string, extra: { platform?: string }): Promise<void> {
    for (let attempt = 0; attempt < MAX_RACE_ATTEMPTS; attempt++) {
      // The map is there: add (or rewrite) this entry in it.
      const added = await this.update(id, {
        UpdateExpression: `SET ${attribute}.#key = :value`,
        ConditionExpression: `attribute_type(${attribute}, :map)`,
        ExpressionAttributeNames: { '#key': key },
        ExpressionAttributeValues: { ':value': value, ':map': 'M' },
        ReturnValues: 'NONE',
      });
      if (added) return;
      // No map (yet, or no longer: emptied and removed meanwhile): make it with this entry.
      const sets = [`${attribute} = :entry`, 'interactionId = if_not_exists(interactionId, :id)', 'expiresAt = if_not_exists(expiresAt, :expires)'];
      if (extra.platform) sets.push('platform = if_not_exists(platform, :platform)');
      const made = await this.update(id, {
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `attribute_not_exists(${attribute})`,
        ExpressionAttributeValues: {
          ':entry': { [key]: value },
          ':id': id,
          ':expires': Math.floor(Date.parse(since) / 1000) + PENDING_DAYS * 86_400,
          ...(extra.platform ? { ':platform': extra.platform } : {}),
        },
        ReturnValues: 'NONE',
      });
      if (made) return;
    }
    throw new Error(`${attribute} of ${id} kept changing while an entry was kept`);
  }

  /**
   * What waited for the interaction's decision, applied once it is logged and decided: decisions on edits
   * that came first (audited now, after the interaction's own decision, so the trail reads in order), then
   * the trust's own replies that came first. Each is applied once (its action id); both the writer of a
   * waiting entry and the interaction's decision call this after their own write, so one of them applies it.
   */
  private async applyWaiting(id: string, matrix: MatrixView): Promise<void> {
    const item = await this.read(id);
    if (!decided(item)) return;
    const now = new Date().toISOString();
    const decisions = waitingIn<PendingReassessment>(item, 'pendingReassessments').sort((a, b) => a.editedAt.localeCompare(b.editedAt));
    for (const decision of decisions) await this.applyReassessment(id, { ...decision, appliedAt: now }, matrix);
    const replies = waitingIn<PendingOwnReply>(item, 'pendingOwnReplies');
    for (const reply of replies) {
      await this.apply(id, `own-reply:${reply.replyInteractionId}`, (record) =>
        record.status === 'closed' || record.ownAccount
          ? unchanged
          : replyTransition(record, { at: laterOf(reply.at, record.receivedAt), visibility: reply.visibility, replyInteractionId: reply.replyInteractionId }, INTAKE_ACTOR, now, matrix),
      );
    }
    const applied = [
      ['pendingReassessments', decisions.map((decision) => decision.editedAt)],
      ['pendingOwnReplies', replies.map((reply) => reply.replyInteractionId)],
    ] as const;
    for (const [attribute, keys] of applied) {
      if (keys.length === 0) continue;
      // Only the entries applied here: one kept meanwhile stays for its writer, who applies it after its own write.
      await this.update(id, {
        UpdateExpression: `REMOVE ${keys.map((_, n) => `${attribute}.#k${n}`).join(', ')}`,
        ConditionExpression: `attribute_exists(${attribute})`,
        ExpressionAttributeNames: Object.fromEntries(keys.map((key, n) => [`#k${n}`, key])),
        ReturnValues: 'NONE',
      });
      // Then the map itself, if nothing else is waiting in it (a writer racing this makes it again).
      await this.update(id, {
        UpdateExpression: `REMOVE ${attribute}`,
        ConditionExpression: `size(${attribute}) = :none`,
        ExpressionAttributeValues: { ':none': 0 },
        ReturnValues: 'NONE',
      });
    }
  }

  async waitingDecisions(id: string): Promise<Array<{ category: string; priority: string; editedAt: string }>> {
    return waitingIn<PendingReassessment>(await this.read(id), 'pendingReassessments')
      .map(({ assessment, editedAt }) => ({ category: assessment.category, priority: assessment.priority, editedAt }))
      .sort((a, b) => a.editedAt.localeCompare(b.editedAt));
  }

  async loggedInteraction(id: string): Promise<LoggedInteraction | 'deleted' | undefined> {
    const item = await this.read(id);
    const record = item ? toRecord(item) : undefined;
    if (item && !record && item.deletedAt !== undefined) return 'deleted';
    if (!item || !record) return undefined;
    const applied = item.appliedActions instanceof Set ? (item.appliedActions as Set<string>) : new Set<string>();
    return { interaction: item.interaction as Interaction, record, appliedActions: applied };
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

  /** `keyAt`: the time in the item's key when it is not `at` (the fact's own time, so a redelivery finds it). */
  private async appendAudit(interactionId: string, audit: { at: string; kind: string } & Record<string, unknown>, keyAt: string = audit.at) {
    try {
      await this.client.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `INT#${interactionId}`,
            sk: `AUDIT#${keyAt}#${audit.kind}`,
            entity: 'audit',
            ...audit,
            expiresAt: auditExpiresAt(this.retention, audit.at),
          },
          // Append-only: a retry of the same event finds its audit item already there.
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }

  // ---- The queue (InteractionStore): state changes, indexes, reads. ----

  async get(id: string): Promise<InteractionRecord | undefined> {
    const item = await this.read(id);
    return item ? toRecord(item) : undefined;
  }

  async auditTrail(id: string): Promise<AuditEntry[]> {
    const items = await this.queryAll({
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :audit)',
      ExpressionAttributeValues: { ':pk': `INT#${id}`, ':audit': 'AUDIT#' },
    });
    const trail = items.map(toAuditEntry);
    // An audit item written with its state change but not yet copied out (see apply) is part of the trail.
    const pending = (await this.read(id))?.pendingAudit as Record<string, unknown> | undefined;
    if (pending && !items.some((item) => item.sk === pending.sk)) trail.push(toAuditEntry(pending));
    return trail.sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Read, decide (pure core), write: one conditional UpdateItem on the version read, which also records
   * the action id (so it is applied at most once) and the audit item as `pendingAudit`. The audit item is
   * then put (append-only) and the pending copy removed; if that step is cut short, the next state change
   * of the item (or a retry of this one) puts it first, so no state change is ever left without its audit item.
   */
  async apply(id: string, actionId: string, decide: (record: InteractionRecord) => Transition): Promise<ApplyOutcome> {
    const { outcome, record } = await this.applyToItem(id, actionId, decide);
    return { outcome, record };
  }

  /** `apply`, also giving the item as its state write left it (`written` only): what else is on it then. */
  private async applyToItem(
    id: string,
    actionId: string,
    decide: (record: InteractionRecord) => Transition,
  ): Promise<ApplyOutcome & { item?: Record<string, unknown> }> {
    for (let attempt = 0; attempt < MAX_APPLY_ATTEMPTS; attempt++) {
      const item = await this.read(id);
      const record = item ? toRecord(item) : undefined;
      if (!item || !record) throw new NotFoundError(`no interaction ${id}`);
      if (item.pendingAudit) await this.flushAudit(id, item.pendingAudit as Record<string, unknown>);
      if (hasAction(item.appliedActions, actionId)) return { outcome: 'duplicate', record };
      const transition = decide(record);
      if (transition.kind === 'unchanged') return { outcome: 'unchanged', record };
      const audit = transition.audit ? this.auditItem(id, transition.audit, actionId) : undefined;
      const next = { ...transition.next, version: record.version + 1 };
      let written: Record<string, unknown> | undefined;
      try {
        const result = await this.client.send(
          new UpdateCommand({ TableName: this.tableName, Key: interactionKey(id), ...this.stateUpdate(item, record, next, actionId, audit), ReturnValues: 'ALL_NEW' }),
        );
        written = result.Attributes;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException) continue; // changed since read: decide again
        throw error;
      }
      if (audit) await this.flushAudit(id, audit);
      return { outcome: 'written', record: next, item: written };
    }
    throw new ConcurrentUpdateError(`interaction ${id} kept changing while ${actionId} was applied; try again`);
  }

  async list(query: InteractionQuery): Promise<InteractionPage> {
    const plan = this.plan(query);
    const cursor = decodeCursor(query.cursor, plan);
    const filter = filterOf(query, plan.kind);
    const items: InteractionRecord[] = [];
    let partitionIndex = cursor?.partition ?? 0;
    let startKey = cursor?.key;
    while (partitionIndex < plan.partitions.length) {
      const partition = plan.partitions[partitionIndex]!;
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: plan.index,
          KeyConditionExpression: partition.condition,
          ...(filter.expression ? { FilterExpression: filter.expression } : {}),
          ...nonEmpty('ExpressionAttributeNames', { ...partition.names, ...filter.names }),
          ExpressionAttributeValues: { ...partition.values, ...filter.values },
          ExclusiveStartKey: startKey,
          Limit: Math.max(query.limit, 25),
        }),
      );
      for (const item of page.Items ?? []) {
        const record = toRecord(item);
        if (!record) continue;
        items.push(record);
        if (items.length === query.limit) {
          const last = keyOf(item, plan.index);
          const more = page.LastEvaluatedKey !== undefined || item !== page.Items?.at(-1) || partitionIndex + 1 < plan.partitions.length;
          return { items, ...(more ? { nextCursor: encodeCursor({ plan: plan.kind, partition: partitionIndex, key: last }) } : {}) };
        }
      }
      startKey = page.LastEvaluatedKey;
      if (!startKey) partitionIndex += 1;
    }
    return { items };
  }

  async *range(from: string, to: string): AsyncIterable<InteractionRecord[]> {
    for (const week of weeksBetween(from, to, this.timeZone)) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await this.client.send(
          new QueryCommand({
            TableName: this.tableName,
            IndexName: 'gsi1',
            KeyConditionExpression: 'gsi1pk = :week AND gsi1sk BETWEEN :from AND :to',
            ExpressionAttributeValues: { ':week': `WEEK#${week}`, ':from': instant(from), ':to': `${instant(to)}` },
            ExclusiveStartKey: startKey,
          }),
        );
        const records = (page.Items ?? [])
          .map(toRecord)
          .filter((record): record is InteractionRecord => record !== undefined && record.receivedAt < to);
        if (records.length > 0) yield records;
        startKey = page.LastEvaluatedKey;
      } while (startKey);
    }
  }

  byAuthor(platform: string, authorId: string): Promise<InteractionRecord[]> {
    return this.queryRecords('gsi4', 'gsi4pk = :pk', { ':pk': authorKey(platform, authorId) });
  }

  overdue(now: string): Promise<InteractionRecord[]> {
    return this.queryRecords('gsi2', 'gsi2pk = :pk AND gsi2sk < :until', { ':pk': OPEN_PARTITION, ':until': instant(now) });
  }

  contentExpiring(before: string): Promise<InteractionRecord[]> {
    return this.queryRecords('gsi5', 'gsi5pk = :pk AND gsi5sk < :until', { ':pk': EXPIRY_PARTITION, ':until': instant(before) });
  }

  /** Every interaction record an index query finds (all pages). */
  private async queryRecords(indexName: string, keyCondition: string, values: Record<string, unknown>): Promise<InteractionRecord[]> {
    const items = await this.queryAll({ IndexName: indexName, KeyConditionExpression: keyCondition, ExpressionAttributeValues: values });
    return items.map(toRecord).filter((record): record is InteractionRecord => record !== undefined);
  }

  async recordErasure(erasure: ErasureRecord): Promise<void> {
    await this.client.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: `ERASURE#${erasure.erasureId}`,
          sk: 'ERASURE',
          entity: 'erasure',
          ...erasure,
          expiresAt: auditExpiresAt(this.retention, erasure.at),
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    );
  }

  /** Which index answers a list query, and its partitions in order (never a scan). */
  private plan(query: InteractionQuery): Plan {
    if (query.status === 'open' || isOpenStatus(query.status)) {
      // The open-items index is small (only what still runs a clock): filters on it are cheap.
      return {
        kind: 'open',
        index: 'gsi2',
        partitions: [{ condition: 'gsi2pk = :pk', names: {}, values: { ':pk': OPEN_PARTITION } }],
      };
    }
    const from = instant(query.from ?? '1970-01-01T00:00:00Z');
    const to = instant(query.to ?? '9999-12-31T00:00:00Z');
    if (query.ownerTeam !== undefined) {
      return {
        kind: 'team',
        index: 'gsi3',
        partitions: [
          {
            condition: 'gsi3pk = :pk AND gsi3sk BETWEEN :from AND :to',
            names: {},
            values: { ':pk': `TEAM#${query.ownerTeam}`, ':from': from, ':to': to },
          },
        ],
      };
    }
    if (query.from === undefined || query.to === undefined) throw new ValidationError('query.from: a time range is needed for this status', ['query.from', 'query.to']);
    return {
      kind: 'week',
      index: 'gsi1',
      partitions: weeksBetween(query.from, query.to, this.timeZone).map((week) => ({
        condition: 'gsi1pk = :pk AND gsi1sk BETWEEN :from AND :to',
        names: {},
        values: { ':pk': `WEEK#${week}`, ':from': from, ':to': to },
      })),
    };
  }

  /** SET / REMOVE only what changed: state fields, the content inside `interaction`, the derived index keys and TTL. */
  private stateUpdate(
    item: Record<string, unknown>,
    before: InteractionRecord,
    after: InteractionRecord,
    actionId: string,
    audit: Record<string, unknown> | undefined,
  ): Omit<UpdateCommandInput, 'TableName' | 'Key'> {
    const names: Record<string, string> = { '#i': 'interaction', '#version': 'version', '#applied': 'appliedActions' };
    const values: Record<string, unknown> = { ':version': after.version, ':action': new Set([actionId]) };
    const set: string[] = ['#version = :version'];
    const remove: string[] = [];
    let n = 0;
    const change = (path: string, value: unknown) => {
      if (value === undefined) remove.push(path);
      else {
        const placeholder = `:v${n++}`;
        values[placeholder] = value;
        set.push(`${path} = ${placeholder}`);
      }
    };
    // Compared with the item as stored (not the record read from it, which fills gaps from the assessment).
    for (const field of STATE_FIELDS) {
      if (!sameValue(item[field], after[field])) {
        names[`#${field}`] = field;
        change(`#${field}`, after[field]);
      }
    }
    const stored = (item.interaction ?? {}) as Record<string, unknown>;
    for (const [field, inner] of CONTENT_FIELDS) {
      if (!sameValue(stored[inner], after[field])) {
        names[`#c_${inner}`] = inner;
        change(`#i.#c_${inner}`, after[field]);
      }
    }
    for (const [name, value] of Object.entries(this.derived(after))) {
      if (!sameValue(item[name], value)) {
        names[`#${name}`] = name;
        change(`#${name}`, value);
      }
    }
    if (audit) {
      values[':audit'] = audit;
      set.push('pendingAudit = :audit');
    }
    return {
      UpdateExpression: `SET ${set.join(', ')}${remove.length ? ` REMOVE ${remove.join(', ')}` : ''} ADD #applied :action`,
      ConditionExpression: before.version === 0 ? 'attribute_exists(#i) AND attribute_not_exists(#version)' : 'attribute_exists(#i) AND #version = :expected',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: before.version === 0 ? values : { ...values, ':expected': before.version },
    };
  }

  /** Index keys and TTL that follow from the record: an item leaves an index by losing its keys (sparse indexes). */
  private derived(record: InteractionRecord): Record<string, string | number | undefined> {
    const queued = !record.ownAccount && isOpen(record.status);
    const contentHeld = record.erasedAt === undefined && record.contentExpiredAt === undefined;
    // By person: what they wrote, and the trust's side of a private conversation with them (its thread is
    // named after them), so subject access and erasure cover the whole conversation.
    const person = record.ownAccount ? (record.channel === 'direct_message' ? record.threadId : undefined) : record.author.id;
    const authored = contentHeld && person !== undefined && person !== '';
    const team = !record.ownAccount && record.ownerTeam !== undefined;
    const contentLimit = contentHeld ? contentExpiresAt(this.retention, record.platform, record.receivedAt) : undefined;
    return {
      gsi2pk: queued ? OPEN_PARTITION : undefined,
      gsi2sk: queued ? `${record.slaDueAt ? instant(record.slaDueAt) : NO_DUE_TIME}#${record.id}` : undefined,
      gsi3pk: team ? `TEAM#${record.ownerTeam}` : undefined,
      gsi3sk: team ? `${instant(record.receivedAt)}#${record.id}` : undefined,
      gsi4pk: authored ? authorKey(record.platform, person!) : undefined,
      gsi4sk: authored ? `${instant(record.receivedAt)}#${record.id}` : undefined,
      gsi5pk: contentLimit ? EXPIRY_PARTITION : undefined,
      gsi5sk: contentLimit ? `${contentLimit}#${record.id}` : undefined,
      expiresAt: recordExpiresAt(this.retention, record.receivedAt, record.category),
    };
  }

  private auditItem(id: string, audit: AuditDraft, actionId: string): Record<string, unknown> {
    return {
      pk: `INT#${id}`,
      // The action's id in the key: two changes of one kind in the same millisecond stay two items.
      sk: `AUDIT#${audit.at}#${audit.kind}#${shortHash(actionId)}`,
      entity: 'audit',
      ...audit,
      actionId,
      expiresAt: auditExpiresAt(this.retention, audit.at),
    };
  }

  private async flushAudit(id: string, audit: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: audit, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    await this.update(id, {
      UpdateExpression: 'REMOVE pendingAudit',
      ConditionExpression: 'pendingAudit.sk = :sk',
      ExpressionAttributeValues: { ':sk': audit.sk },
      ReturnValues: 'NONE',
    });
  }

  private async queryAll(input: Omit<QueryCommandInput, 'TableName'>): Promise<Array<Record<string, unknown>>> {
    const items: Array<Record<string, unknown>> = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(new QueryCommand({ TableName: this.tableName, ...input, ExclusiveStartKey: startKey }));
      items.push(...(page.Items ?? []));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items;
  }
}

// ---- Item layout of the queue (see the class comment and docs/ARCHITECTURE.md#interaction-log). ----

const MAX_APPLY_ATTEMPTS = 5;
/** The open-items index has one partition: its write rate is a trust's interaction rate, far below a partition's limit. */
const OPEN_PARTITION = 'OPEN';
const EXPIRY_PARTITION = 'EXPIRE';
/** Sorts after every ISO instant: open items with no clock come last in the queue and are never "overdue". */
const NO_DUE_TIME = '~';

/** Top-level state attributes, by the same names as the record (the digest reads them). */
const STATE_FIELDS = [
  'status',
  'category',
  'priority',
  'ownerTeam',
  'assignee',
  'assignedAt',
  'slaDueAt',
  'needsReply',
  'ruleId',
  'matrixVersion',
  'firstResponseAt',
  'firstResponseWorkingMinutes',
  'firstResponseElapsedMinutes',
  'firstResponseBy',
  'replyVisibility',
  'replies',
  'closedAt',
  'closedBy',
  'overridden',
  'slaBreachLevel',
  'slaBreachedAt',
  'slaNotifyPending',
  'erasedAt',
  'contentExpiredAt',
  'clockFrom',
  'reopenedAt',
  'raisedByEdits',
  // The decision in force: set by the assessment's claim, replaced only by a more urgent decision on an edit.
  'assessment',
] as const satisfies ReadonlyArray<keyof InteractionRecord>;

/** Record fields kept inside the `interaction` map (the canonical interaction as received). */
const CONTENT_FIELDS = [
  ['text', 'text'],
  ['author', 'author'],
  ['permalink', 'permalink'],
  ['threadId', 'threadId'],
  ['parentId', 'parentId'],
] as const satisfies ReadonlyArray<readonly [keyof InteractionRecord, string]>;

const INDEX_KEYS: Record<string, [string, string]> = {
  gsi1: ['gsi1pk', 'gsi1sk'],
  gsi2: ['gsi2pk', 'gsi2sk'],
  gsi3: ['gsi3pk', 'gsi3sk'],
  gsi4: ['gsi4pk', 'gsi4sk'],
  gsi5: ['gsi5pk', 'gsi5sk'],
};

type PlanKind = 'open' | 'team' | 'week';
interface Plan {
  kind: PlanKind;
  index: string;
  partitions: Array<{ condition: string; names: Record<string, string>; values: Record<string, unknown> }>;
}

const interactionKey = (id: string) => ({ pk: `INT#${id}`, sk: 'INTERACTION' });
const authorKey = (platform: string, authorId: string) => `AUTHOR#${platform}#${authorId}`;

/** Index sort keys compare ISO instants as text: one canonical form (UTC, milliseconds) for all of them. */
function instant(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new ValidationError(`not an ISO date-time: ${iso}`, []);
  return new Date(ms).toISOString();
}

const isOpenStatus = (status: string): boolean => isOpen(status as InteractionStatus);

function filterOf(query: InteractionQuery, kind: PlanKind): { expression?: string; names: Record<string, string>; values: Record<string, unknown> } {
  const parts: string[] = ['(attribute_not_exists(ownAccount) OR ownAccount = :false)'];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':false': false };
  const equal = (attribute: string, value: string | undefined) => {
    if (value === undefined) return;
    names[`#f_${attribute}`] = attribute;
    values[`:f_${attribute}`] = value;
    parts.push(`#f_${attribute} = :f_${attribute}`);
  };
  if (query.status !== 'open' && query.status !== 'all') equal('status', query.status);
  if (kind !== 'team') equal('ownerTeam', query.ownerTeam);
  equal('priority', query.priority);
  equal('platform', query.platform);
  equal('category', query.category);
  if (kind === 'open' && (query.from !== undefined || query.to !== undefined)) {
    names['#f_receivedAt'] = 'receivedAt';
    if (query.from !== undefined) {
      values[':f_from'] = query.from;
      parts.push('#f_receivedAt >= :f_from');
    }
    if (query.to !== undefined) {
      values[':f_to'] = query.to;
      parts.push('#f_receivedAt < :f_to');
    }
  }
  return { expression: parts.join(' AND '), names, values };
}

interface Cursor {
  plan: PlanKind;
  partition: number;
  key: Record<string, string>;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** A cursor from another query (or made up) is refused with a 400, never passed on to DynamoDB. */
function decodeCursor(value: string | undefined, plan: Plan): { partition: number; key: Record<string, string> } | undefined {
  if (value === undefined) return undefined;
  const refuse = () => new ValidationError('query.cursor: not a cursor of this query (use the nextCursor of the previous page, with the same filters)', ['query.cursor']);
  let cursor: Partial<Cursor>;
  try {
    cursor = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Partial<Cursor>;
  } catch {
    throw refuse();
  }
  const keyNames = ['pk', 'sk', ...(INDEX_KEYS[plan.index] ?? [])];
  const key = cursor.key;
  const partition = plan.partitions[cursor.partition ?? -1];
  if (
    cursor.plan !== plan.kind ||
    !partition ||
    typeof key !== 'object' ||
    key === null ||
    Object.keys(key).sort().join() !== [...keyNames].sort().join() ||
    !Object.values(key).every((part) => typeof part === 'string') ||
    key[keyNames[2]!] !== partition.values[':pk']
  ) {
    throw refuse();
  }
  return { partition: cursor.partition!, key };
}

function keyOf(item: Record<string, unknown>, index: string): Record<string, string> {
  const names = ['pk', 'sk', ...(INDEX_KEYS[index] ?? [])];
  return Object.fromEntries(names.map((name) => [name, String(item[name])]));
}

/** The ISO weeks (trust time zone) that [from, to) touches, in order. */
function weeksBetween(from: string, to: string, zone: string): string[] {
  const weeks: string[] = [];
  let week = isoWeekOf(from, zone);
  for (let guard = 0; guard < 600; guard++) {
    weeks.push(week);
    const next = weekRange(week, zone).to;
    if (Date.parse(next) >= Date.parse(to)) break;
    week = isoWeekOf(next, zone);
  }
  return weeks;
}

/** DynamoDB refuses an empty ExpressionAttributeNames: leave it out instead. */
function nonEmpty<K extends string>(name: K, value: Record<string, string>): Partial<Record<K, Record<string, string>>> {
  return Object.keys(value).length > 0 ? ({ [name]: value } as Record<K, Record<string, string>>) : {};
}

function hasAction(applied: unknown, actionId: string): boolean {
  return applied instanceof Set && applied.has(actionId);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  // An absent list and an empty one are the same: no need to write `replies: []`.
  if ((a === undefined && Array.isArray(b) && b.length === 0) || (b === undefined && Array.isArray(a) && a.length === 0)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

function shortHash(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 12);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : undefined);

/** The item as the queue's record; undefined for a tombstone or pending edit with no interaction yet. */
export function toRecord(item: Record<string, unknown>): InteractionRecord | undefined {
  const interaction = item.interaction as Interaction | undefined;
  if (!interaction || typeof interaction !== 'object') return undefined;
  const assessment = item.assessment as Assessment | undefined;
  const record: InteractionRecord = {
    id: String(item.interactionId ?? interaction.id),
    platform: String(item.platform ?? interaction.platform),
    channel: String(item.channel ?? interaction.channel),
    receivedAt: String(item.receivedAt ?? interaction.receivedAt),
    occurredAt: interaction.occurredAt,
    ownAccount: item.ownAccount === true,
    private: interaction.flags?.private,
    text: interaction.text ?? '',
    author: interaction.author ?? {},
    permalink: interaction.permalink,
    parentId: interaction.parentId,
    threadId: interaction.threadId,
    language: interaction.language,
    mediaKinds: interaction.mediaKinds,
    status: (str(item.status) as InteractionStatus | undefined) ?? 'received',
    category: str(item.category),
    priority: str(item.priority),
    ownerTeam: str(item.ownerTeam),
    assignee: str(item.assignee),
    assignedAt: str(item.assignedAt),
    slaDueAt: str(item.slaDueAt),
    needsReply: typeof item.needsReply === 'boolean' ? item.needsReply : undefined,
    ruleId: str(item.ruleId) ?? assessment?.ruleId,
    matrixVersion: str(item.matrixVersion) ?? assessment?.matrixVersion,
    firstResponseAt: str(item.firstResponseAt),
    firstResponseWorkingMinutes: num(item.firstResponseWorkingMinutes),
    firstResponseElapsedMinutes: num(item.firstResponseElapsedMinutes),
    firstResponseBy: str(item.firstResponseBy),
    replyVisibility: item.replyVisibility === 'public' || item.replyVisibility === 'private' ? item.replyVisibility : undefined,
    replies: Array.isArray(item.replies) ? (item.replies as InteractionRecord['replies']) : [],
    closedAt: str(item.closedAt),
    closedBy: str(item.closedBy),
    overridden: item.overridden === true ? true : undefined,
    slaBreachLevel: num(item.slaBreachLevel),
    slaBreachedAt: str(item.slaBreachedAt),
    slaNotifyPending: num(item.slaNotifyPending),
    editedAt: str(item.editedAt),
    clockFrom: str(item.clockFrom),
    raisedByEdits: item.raisedByEdits && typeof item.raisedByEdits === 'object' ? (item.raisedByEdits as Record<string, string>) : undefined,
    reopenedAt: str(item.reopenedAt),
    deletedAt: str(item.deletedAt),
    erasedAt: str(item.erasedAt),
    contentExpiredAt: str(item.contentExpiredAt),
    assessment,
    version: num(item.version) ?? 0,
  };
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined)) as unknown as InteractionRecord;
}

function toAuditEntry(item: Record<string, unknown>): AuditEntry {
  return {
    at: String(item.at),
    kind: String(item.kind) as AuditEntry['kind'],
    actor: String(item.actor),
    what: String(item.what ?? ''),
    ...(str(item.why) ? { why: str(item.why) } : {}),
    ...(str(item.matrixVersion) ? { matrixVersion: str(item.matrixVersion) } : {}),
    ...(str(item.ruleId) ? { ruleId: str(item.ruleId) } : {}),
    ...(item.changes && typeof item.changes === 'object' ? { changes: item.changes as AuditEntry['changes'] } : {}),
    ...(Array.isArray(item.signals) ? { signals: item.signals } : {}),
  };
}
