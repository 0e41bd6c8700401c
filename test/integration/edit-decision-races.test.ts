/**
 * Decisions on edits against the log's races, with the real adapter and SDK client on dynalite: an edit's
 * decision that reaches the log between the first decision's claim and its state transition (or while that
 * transition failed and waits for its retry) is kept pending and applied after it, never overwritten by it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DetailOf, InteractionAssessed, InteractionEdited, InteractionReassessed, InteractionReceived } from '../../events';
import { DynamoDbInteractionLog } from '../../functions/adapters/dynamodb-interaction-log';
import { matrixView } from '../../functions/core/interactions/matrix-view';
import { redactPii } from '../../functions/core/pii/redact';
import { reassessEdit } from '../../functions/core/triage/reassess-edit';
import { defaultMatrix } from '../unit/matrix/fixtures';
import { localTables } from './support';

const SAMPLES = join(__dirname, '..', '..', 'events', 'samples');
const received: DetailOf<typeof InteractionReceived> = JSON.parse(readFileSync(join(SAMPLES, 'InteractionReceived.json'), 'utf8')).detail;
const assessed: DetailOf<typeof InteractionAssessed> = JSON.parse(readFileSync(join(SAMPLES, 'InteractionAssessed.json'), 'utf8')).detail;
const ID = received.data.id;
const view = matrixView(defaultMatrix);
const tables = localTables('edit-races');

beforeAll(() => tables.start());
afterAll(() => tables.stop());

/** The edit (a risk to life added) decided before its interaction reached the log: on its own words. */
function unloggedDecision(): DetailOf<typeof InteractionReassessed> {
  const edit: DetailOf<typeof InteractionEdited> = {
    metadata: { schemaVersion: 1, idempotencyKey: 'e', correlationId: 'edit-1', occurredAt: '2026-11-24T10:15:01.000Z' },
    data: {
      id: ID,
      platform: 'facebook',
      nativeId: received.data.nativeId,
      accountId: received.data.accountId,
      text: 'We waited 6 hours in A&E. I cannot go on, I am going to end my life tonight',
      editedAt: '2026-11-24T10:15:00.000Z',
      receivedAt: '2026-11-24T10:15:01.000Z',
    },
  };
  const outcome = reassessEdit(edit, undefined, defaultMatrix, '2026-11-24T10:15:02.000Z');
  if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
  return outcome.events[0]!.detail as DetailOf<typeof InteractionReassessed>;
}

/** A client that fails the first decision's state write once, or runs `afterClaim` right after its claim. */
function interleaving(real: DynamoDBDocumentClient, options: { failAssessedWrite?: boolean; afterClaim?: () => Promise<void> }): DynamoDBDocumentClient {
  let failed = false;
  let ran = false;
  return {
    send: async (command: { input?: { ExpressionAttributeValues?: Record<string, unknown>; ExpressionAttributeNames?: Record<string, string> } }) => {
      const input = command.input ?? {};
      const action = input.ExpressionAttributeValues?.[':action'];
      if (options.failAssessedWrite && !failed && action instanceof Set && action.has('assessed')) {
        failed = true;
        throw new Error('throttled after the claim');
      }
      const output = await (real.send as (c: unknown) => Promise<unknown>)(command);
      if (options.afterClaim && !ran && input.ExpressionAttributeNames?.['#claim'] === 'assessedBy') {
        ran = true;
        await options.afterClaim();
      }
      return output;
    },
  } as unknown as DynamoDBDocumentClient;
}

const logOn = (client: DynamoDBDocumentClient, table: string) => new DynamoDbInteractionLog(client, table, 'Europe/London', (text) => redactPii(text).text);

describe('a decision on an edit racing the first decision', () => {
  it('waits when the first decision was claimed but its state write failed, and is applied after its retry', async () => {
    const table = await tables.next();
    const log = logOn(tables.documents, table);
    await log.recordReceived(received);
    await expect(logOn(interleaving(tables.documents, { failAssessedWrite: true }), table).recordAssessed(assessed, view)).rejects.toThrow('throttled');
    expect(await log.recordReassessed(unloggedDecision(), view)).toBe('pending');
    expect(await log.get(ID)).not.toMatchObject({ priority: 'P0' });
    await log.recordAssessed(assessed, view);
    expect(await log.get(ID)).toMatchObject({ category: 'safeguarding', priority: 'P0', slaDueAt: '2026-11-24T10:30:01Z', clockFrom: '2026-11-24T10:15:01.000Z' });
  });

  it('arriving between the claim and the state write, is applied after the write', async () => {
    const table = await tables.next();
    const log = logOn(tables.documents, table);
    await log.recordReceived(received);
    const racing = logOn(interleaving(tables.documents, { afterClaim: async () => void (await log.recordReassessed(unloggedDecision(), view)) }), table);
    await racing.recordAssessed(assessed, view);
    const item = await log.get(ID);
    expect(item).toMatchObject({ category: 'safeguarding', priority: 'P0' });
    expect((await log.auditTrail(ID)).map((entry) => entry.kind).sort()).toEqual(['assessed', 'reassessed', 'received']);
    // Nothing left waiting.
    const raw = await tables.documents.send(new GetCommand({ TableName: table, Key: { pk: `INT#${ID}`, sk: 'INTERACTION' } }));
    expect(raw.Item?.pendingReassessments).toBeUndefined();
  });
});

describe('waiting entries racing their clean-up', () => {
  /** Runs `before` once, just before the first command whose UpdateExpression matches. */
  const before = (real: DynamoDBDocumentClient, match: RegExp, run: () => Promise<void>): DynamoDBDocumentClient => {
    let ran = false;
    return {
      send: async (command: { input?: { UpdateExpression?: string } }) => {
        if (!ran && match.test(command.input?.UpdateExpression ?? '')) {
          ran = true;
          await run();
        }
        return (real.send as (c: unknown) => Promise<unknown>)(command);
      },
    } as unknown as DynamoDBDocumentClient;
  };
  const decisionOn = (text: string, editedAt: string): DetailOf<typeof InteractionReassessed> => {
    const outcome = reassessEdit(
      {
        metadata: { schemaVersion: 1, idempotencyKey: `e${editedAt}`, correlationId: `edit-${editedAt}`, occurredAt: editedAt },
        data: { id: ID, platform: 'facebook', nativeId: received.data.nativeId, accountId: received.data.accountId, text, editedAt, receivedAt: editedAt },
      },
      undefined,
      defaultMatrix,
      editedAt,
    );
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    return outcome.events[0]!.detail as DetailOf<typeof InteractionReassessed>;
  };

  it('an edit decision kept while an earlier one is being cleaned up is not thrown away with it', async () => {
    const table = await tables.next();
    const log = logOn(tables.documents, table);
    const benign = decisionOn('We waited 6 hours in A&E, thank you to the nurses', '2026-11-24T10:15:00.000Z');
    const risk = decisionOn('We waited 6 hours in A&E. I cannot go on, I am going to end my life tonight', '2026-11-24T10:16:00.000Z');
    await log.recordReceived(received);
    expect(await log.recordReassessed(benign, view)).toBe('pending');
    // The first decision applies the benign edit. Before it cleans up: the benign edit's own writer cleans up
    // from the same read, and the risk's writer (which read "not decided" a moment before) keeps its decision.
    // The steps are the adapter's own, driven in that order (the interleaving cannot be forced otherwise).
    const steps = log as unknown as {
      applyWaiting(id: string, matrix: typeof view): Promise<void>;
      keepUntilDecided(id: string, attribute: string, key: string, value: unknown, since: string, extra: { platform?: string }): Promise<void>;
    };
    const racing = logOn(
      before(tables.documents, /^REMOVE pendingReassessments/u, async () => {
        await steps.applyWaiting(ID, view);
        const { editedAt, receivedAt, assessment } = risk.data;
        await steps.keepUntilDecided(ID, 'pendingReassessments', editedAt, { editedAt, receivedAt, assessment }, receivedAt, { platform: 'facebook' });
      }),
      table,
    );
    await racing.recordAssessed(assessed, view);
    // The risk's writer then applies what waits (its own write done).
    await steps.applyWaiting(ID, view);
    expect(await log.get(ID)).toMatchObject({ category: 'safeguarding', priority: 'P0' });
  });

  it('keeping an entry survives the map being emptied and removed between its writes', async () => {
    const table = await tables.next();
    const log = logOn(tables.documents, table);
    const reply = (n: number) => ({ replyInteractionId: `facebook:own-${n}`, at: '2026-11-24T10:20:00.000Z', visibility: 'public' as const, receivedAt: '2026-11-24T10:20:00.000Z' });
    await log.keepOwnReply(ID, reply(1), view);
    await log.recordReceived(received);
    const racing = logOn(before(tables.documents, /^SET pendingOwnReplies\.#key/u, async () => void (await log.recordAssessed(assessed, view))), table);
    await racing.keepOwnReply(ID, reply(2), view);
    const record = await log.get(ID);
    expect(record?.replies.map((r) => r.replyInteractionId).sort()).toEqual(['facebook:own-1', 'facebook:own-2']);
    expect(record).toMatchObject({ status: 'replied' });
  });
});

