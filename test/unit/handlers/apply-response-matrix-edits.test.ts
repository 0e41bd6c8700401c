/**
 * apply-response-matrix on InteractionEdited: the edit is decided on with the interaction as logged (read
 * from the table), waits a moment for an interaction it overtook, and is retried only when the
 * interaction is logged but not yet decided. SDK clients mocked at the boundary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { lambdaContext } from '../../support/lambda';

const REPO = join(__dirname, '..', '..', '..');
const sample = (name: string) => JSON.parse(readFileSync(join(REPO, 'events', 'samples', `${name}.json`), 'utf8'));
const received = sample('InteractionReceived');
const assessed = sample('InteractionAssessed');
const dynamo = mockClient(DynamoDBDocumentClient);
const eventBridge = mockClient(EventBridgeClient);

const ID = received.detail.data.id as string;
const ITEM_KEY = { pk: `INT#${ID}`, sk: 'INTERACTION' };
/** The interaction as log-interaction keeps it: decided P2 (a complaint). */
const LOGGED = {
  ...ITEM_KEY,
  interaction: received.detail.data,
  interactionId: ID,
  platform: 'facebook',
  channel: 'public_post',
  receivedAt: received.detail.data.receivedAt,
  status: 'assessed',
  category: 'complaint',
  priority: 'P2',
  ownerTeam: 'pals',
  assessment: assessed.detail.data.assessment,
  version: 2,
};

const editEvent = (text: string) => {
  const edit = sample('InteractionEdited');
  return { ...edit, detail: { ...edit.detail, data: { ...edit.detail.data, id: ID, nativeId: received.detail.data.nativeId, text } } };
};

let handler: typeof import('../../../functions/handlers/apply-response-matrix').handler;
let logger: typeof import('../../../functions/shared/logger').logger;

beforeAll(async () => {
  process.env.EVENT_BUS_NAME = 'test-bus';
  process.env.TABLE_NAME = 'test-table';
  process.env.MATRIX_PATH = join(REPO, 'config', 'response-matrix.yaml');
  ({ handler } = await import('../../../functions/handlers/apply-response-matrix'));
  ({ logger } = await import('../../../functions/shared/logger'));
});

beforeEach(() => {
  dynamo.reset();
  eventBridge.reset();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })) }));
  dynamo.on(GetCommand, { Key: { pk: 'INCIDENT', sk: 'CURRENT' } }).resolves({});
});

const published = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .map((entry) => ({ detailType: entry.DetailType, detail: JSON.parse(entry.Detail!) as { data: Record<string, unknown> } }));
const itemReads = () => dynamo.commandCalls(GetCommand).filter((call) => (call.args[0].input.Key as { pk: string }).pk === ITEM_KEY.pk);

describe('apply-response-matrix on an edit', () => {
  it('decides on the edited words with the interaction as logged: a risk to life added raises it, and the team is told', async () => {
    dynamo.on(GetCommand, { Key: ITEM_KEY }).resolves({ Item: LOGGED });
    await handler(editEvent('We waited 6 hours. I cannot go on, I am going to end my life tonight'), lambdaContext('apply-response-matrix'));
    const events = published();
    expect(events.map((event) => event.detailType)).toEqual(['InteractionReassessed', 'EscalationRaised']);
    expect(events[0]!.detail.data).toMatchObject({ interactionId: ID, assessment: { category: 'safeguarding', priority: 'P0' } });
    expect(events[1]!.detail.data).toMatchObject({ interactionId: ID, priority: 'P0', page: true });
    // The message text goes nowhere in either event.
    expect(JSON.stringify(events)).not.toContain('end my life');
  });

  it('publishes the decision alone when the edit is no more urgent', async () => {
    dynamo.on(GetCommand, { Key: ITEM_KEY }).resolves({ Item: LOGGED });
    await handler(editEvent('We waited 7 hours in A&E, not 6.'), lambdaContext('apply-response-matrix'));
    expect(published().map((event) => event.detailType)).toEqual(['InteractionReassessed']);
  });

  it('waits a moment for an interaction the edit overtook, and decides once it is logged', async () => {
    dynamo.on(GetCommand, { Key: ITEM_KEY }).resolvesOnce({}).resolves({ Item: LOGGED });
    await handler(editEvent('I am going to end my life tonight'), lambdaContext('apply-response-matrix'));
    expect(itemReads()).toHaveLength(2);
    expect(published().map((event) => event.detailType)).toEqual(['InteractionReassessed', 'EscalationRaised']);
  });

  it('decides an edit of an interaction not in the log on its own words, and tells the team now', async () => {
    dynamo.on(GetCommand, { Key: ITEM_KEY }).resolves({ Item: { ...ITEM_KEY, pendingEdit: { text: 'x', editedAt: '2026-11-24T10:39:58.000Z' } } });
    await handler(editEvent('I am going to end my life tonight'), lambdaContext('apply-response-matrix'));
    expect(itemReads()).toHaveLength(3);
    const events = published();
    expect(events.map((event) => event.detailType)).toEqual(['InteractionReassessed', 'EscalationRaised']);
    expect(events[0]!.detail.data).toMatchObject({ interactionId: ID, assessment: { category: 'safeguarding', priority: 'P0' } });
    expect(events[1]!.detail.data).toMatchObject({ channel: 'public_comment', page: true });
    expect(events[1]!.detail.data.occasion).toBeUndefined();
    expect((events[1]!.detail.data.reasons as string[])[0]).toMatch(/^It was edited before we received the message itself/u);
    expect(JSON.stringify(events)).not.toContain('end my life');
  });

  it('fails for a retry when the interaction is logged but its decision has not been: nothing is published', async () => {
    const { assessment: _assessment, priority: _priority, ...undecided } = LOGGED;
    dynamo.on(GetCommand, { Key: ITEM_KEY }).resolves({ Item: { ...undecided, status: 'received' } });
    await expect(handler(editEvent('I am going to end my life tonight'), lambdaContext('apply-response-matrix'))).rejects.toThrow(
      /logged but not decided yet; retried/u,
    );
    expect(published()).toEqual([]);
  });
});
