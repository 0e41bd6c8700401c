import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { IncidentMode, IncidentModeStore } from '../core/incidents/incident-mode';
import { overlaps } from '../core/incidents/operations';
import { ConflictError } from '../core/interactions/errors';

const PK = 'INCIDENT';
const CURRENT = 'CURRENT';
const HISTORY = 'HISTORY#';

/**
 * Major-incident mode in the interaction-log table, one partition (no index keys, so no week, queue or
 * author query ever sees it):
 *   pk=INCIDENT  sk=CURRENT                          the incident in force: written with
 *                                                    `attribute_not_exists`, so two operators cannot both start one
 *   pk=INCIDENT  sk=HISTORY#<startedAt>              one per incident, its end added when it ends
 *                                                    (`overlapping` is one Query on this range, never a Scan)
 *   pk=INCIDENT  sk=AUDIT#<at>#<kind>#<incidentId>   who switched it on or off, when and why
 *                                                    (kind incident-started | incident-ended; never updated)
 * CURRENT is the commit point; the history and audit items follow it and are idempotent, so a call cut
 * short is completed by its retry (or, for a start, by the end; for an end, by the next start).
 * The start's request key is kept on CURRENT: a retry of the same request gets the incident it started.
 * Ending first marks CURRENT ended (conditional: only one end wins), then writes history and audit, then
 * deletes CURRENT. No personal data beyond the operator's `user:<name>` (as in every audit item); no TTL:
 * incident periods are the trust's record, and the digest reports them.
 */
export class DynamoDbIncidentMode implements IncidentModeStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async current(): Promise<IncidentMode | undefined> {
    const item = await this.currentItem();
    // An item marked ended is an end that was cut short: the mode is off.
    return item && item.endedAt === undefined ? incidentOf(item) : undefined;
  }

  async start(incident: IncidentMode, requestKey: string): Promise<IncidentMode> {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await this.client.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { pk: PK, sk: CURRENT, entity: 'incident-current', ...incident, startRequestKey: requestKey },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        await this.recordStart(incident);
        return incident;
      } catch (error) {
        if (!(error instanceof ConditionalCheckFailedException)) throw error;
      }
      const existing = await this.currentItem();
      if (!existing) continue; // ended meanwhile: try again
      if (existing.endedAt !== undefined) {
        // An end that was cut short: finish it, then start.
        await this.finishEnd(existing);
        continue;
      }
      if (existing.startRequestKey === requestKey) {
        // A retry of the request that started it: the same incident, its records completed.
        const started = incidentOf(existing);
        await this.recordStart(started);
        return started;
      }
      throw new ConflictError(`major-incident mode is already on (${String(existing.id)}): switch it off before starting another`);
    }
    throw new ConflictError('major-incident mode kept changing meanwhile: try again');
  }

  async end(id: string, endedAt: string, endedBy: string, endReason?: string): Promise<IncidentMode> {
    let item: Record<string, unknown>;
    try {
      const { Attributes } = await this.client.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: PK, sk: CURRENT },
          UpdateExpression: endReason === undefined ? 'SET endedAt = :at, endedBy = :by' : 'SET endedAt = :at, endedBy = :by, endReason = :why',
          ConditionExpression: '#id = :id AND attribute_not_exists(endedAt)',
          ExpressionAttributeNames: { '#id': 'id' },
          ExpressionAttributeValues: { ':id': id, ':at': endedAt, ':by': endedBy, ...(endReason === undefined ? {} : { ':why': endReason }) },
          ReturnValues: 'ALL_NEW',
        }),
      );
      item = Attributes!;
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      const existing = await this.currentItem();
      // The same incident, already marked ended: an end cut short (or a concurrent one) is finished.
      if (existing?.id !== id || existing.endedAt === undefined) {
        throw new ConflictError(existing ? `${id} is not the incident in force` : 'major-incident mode is not on: there is nothing to switch off');
      }
      item = existing;
    }
    return this.finishEnd(item);
  }

  async overlapping(from: string, to: string): Promise<IncidentMode[]> {
    const byId = new Map<string, IncidentMode>();
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await this.client.send(
        new QueryCommand({
          TableName: this.tableName,
          // Started before `to` (the sort key is the start); ended ones are filtered below.
          KeyConditionExpression: 'pk = :pk AND sk BETWEEN :first AND :last',
          ExpressionAttributeValues: { ':pk': PK, ':first': HISTORY, ':last': `${HISTORY}${new Date(to).toISOString()}` },
          ConsistentRead: true,
          ExclusiveStartKey: startKey,
        }),
      );
      for (const item of page.Items ?? []) byId.set(String(item.id), incidentOf(item));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    // The incident in force, even if its history item was not written yet (a start cut short).
    const current = await this.currentItem();
    if (current && byId.get(String(current.id))?.endedAt === undefined) byId.set(String(current.id), incidentOf(current));
    return [...byId.values()].filter((incident) => overlaps(incident, from, to)).sort((a, b) => a.startedAt.localeCompare(b.startedAt));
  }

  private async currentItem(): Promise<Record<string, unknown> | undefined> {
    const { Item } = await this.client.send(new GetCommand({ TableName: this.tableName, Key: { pk: PK, sk: CURRENT }, ConsistentRead: true }));
    return Item;
  }

  /** The history item and the `incident-started` audit item of a started incident (idempotent). */
  private async recordStart(incident: IncidentMode): Promise<void> {
    await this.putOnce({ pk: PK, sk: `${HISTORY}${incident.startedAt}`, entity: 'incident', ...incident });
    await this.putAudit(incident, 'incident-started');
  }

  /** From a CURRENT item marked ended: the history and audit items, then CURRENT removed. */
  private async finishEnd(item: Record<string, unknown>): Promise<IncidentMode> {
    const ended = incidentOf(item);
    // The ended incident overwrites its history item: its values come from CURRENT, the same on every retry.
    await this.client.send(new PutCommand({ TableName: this.tableName, Item: { pk: PK, sk: `${HISTORY}${ended.startedAt}`, entity: 'incident', ...ended } }));
    await this.putAudit(ended, 'incident-started');
    await this.putAudit(ended, 'incident-ended');
    try {
      await this.client.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: { pk: PK, sk: CURRENT },
          ConditionExpression: '#id = :id AND attribute_exists(endedAt)',
          ExpressionAttributeNames: { '#id': 'id' },
          ExpressionAttributeValues: { ':id': ended.id },
        }),
      );
    } catch (error) {
      // Gone already: a concurrent or earlier finish of the same end.
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    return ended;
  }

  private putAudit(incident: IncidentMode, kind: 'incident-started' | 'incident-ended'): Promise<void> {
    const started = kind === 'incident-started';
    const at = started ? incident.startedAt : incident.endedAt!;
    const why = started ? incident.reason : incident.endReason;
    return this.putOnce({
      pk: PK,
      sk: `AUDIT#${at}#${kind}#${incident.id}`,
      entity: 'incident-audit',
      kind,
      at,
      actor: started ? incident.startedBy : incident.endedBy,
      incidentId: incident.id,
      what: started ? `major-incident mode on: ${incident.name}` : `major-incident mode off: ${incident.name}`,
      ...(why ? { why } : {}),
      ...(started && incident.spikeId ? { spikeId: incident.spikeId } : {}),
    });
  }

  private async putOnce(item: Record<string, unknown>): Promise<void> {
    try {
      await this.client.send(new PutCommand({ TableName: this.tableName, Item: item, ConditionExpression: 'attribute_not_exists(pk)' }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
}

/** The stored item as an IncidentMode: its own fields only (no keys, no request key). */
function incidentOf(item: Record<string, unknown>): IncidentMode {
  const text = (name: string) => (typeof item[name] === 'string' ? { [name]: item[name] as string } : {});
  return {
    id: String(item.id),
    name: String(item.name),
    holdingLine: String(item.holdingLine),
    startedAt: String(item.startedAt),
    startedBy: String(item.startedBy),
    ...text('reason'),
    ...text('spikeId'),
    ...text('endedAt'),
    ...text('endedBy'),
    ...text('endReason'),
  };
}
