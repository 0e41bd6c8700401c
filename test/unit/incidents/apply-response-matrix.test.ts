/**
 * apply-response-matrix with major-incident mode: the incident in force reaches the matrix as
 * assessInteraction's context, is read once per 30 s, and a failed read never loses the interaction.
 * SDK clients mocked at the boundary; the cache is module state, so the steps run in order.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { assessInteraction } from '../../../functions/core/triage/assess-interaction';
import { lambdaContext } from '../../support/lambda';

jest.mock('../../../functions/core/triage/assess-interaction', () => {
  const actual = jest.requireActual('../../../functions/core/triage/assess-interaction');
  return { ...actual, assessInteraction: jest.fn(actual.assessInteraction) };
});

const REPO = join(__dirname, '..', '..', '..');
const sample = JSON.parse(readFileSync(join(REPO, 'events', 'samples', 'InteractionReceived.json'), 'utf8'));
const dynamo = mockClient(DynamoDBDocumentClient);
const eventBridge = mockClient(EventBridgeClient);
const assessSpy = assessInteraction as jest.MockedFunction<typeof assessInteraction>;

const INCIDENT = {
  pk: 'INCIDENT',
  sk: 'CURRENT',
  entity: 'incident-current',
  id: 'incident-2026-11-24T09:00:00.000Z',
  name: 'Power outage at the General',
  holdingLine: 'We know about the power cut at the General and are working to restore services.',
  startedAt: '2026-11-24T09:00:00.000Z',
  startedBy: 'user:comms.lead@example.nhs.uk',
  reason: 'EPRR declared',
  startRequestKey: 'ops:incident-start:k1',
};
const CONTEXT = { incident: { id: INCIDENT.id, name: INCIDENT.name, holdingLine: INCIDENT.holdingLine } };

let handler: typeof import('../../../functions/handlers/apply-response-matrix').handler;
let logger: typeof import('../../../functions/shared/logger').logger;
let clock = Date.parse('2026-11-24T10:15:05.000Z');

/** Only Date is faked: the SDK and middy keep real timers. */
const setClock = (ms: number) => {
  clock = ms;
  jest.setSystemTime(clock);
};

beforeAll(async () => {
  jest.useFakeTimers({ doNotFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate', 'nextTick', 'queueMicrotask', 'hrtime', 'performance'] });
  setClock(clock);
  process.env.EVENT_BUS_NAME = 'test-bus';
  process.env.TABLE_NAME = 'test-table';
  process.env.MATRIX_PATH = join(REPO, 'config', 'response-matrix.yaml');
  ({ handler } = await import('../../../functions/handlers/apply-response-matrix'));
  ({ logger } = await import('../../../functions/shared/logger'));
});

afterAll(() => jest.useRealTimers());

beforeEach(() => {
  dynamo.reset();
  eventBridge.reset();
  assessSpy.mockClear();
  eventBridge.on(PutEventsCommand).callsFake((input: { Entries: unknown[] }) => ({ FailedEntryCount: 0, Entries: input.Entries.map((_, i) => ({ EventId: `e-${i}` })) }));
});

const invoke = (text = sample.detail.data.text as string) =>
  handler({ ...sample, detail: { ...sample.detail, data: { ...sample.detail.data, text } } }, lambdaContext('apply-response-matrix'));

/** The assessments published in InteractionAssessed events so far. */
const published = () =>
  eventBridge
    .commandCalls(PutEventsCommand)
    .flatMap((call) => call.args[0].input.Entries ?? [])
    .filter((entry) => entry.DetailType === 'InteractionAssessed')
    .map((entry) => JSON.parse(entry.Detail!).data.assessment as Record<string, unknown>);

describe('apply-response-matrix in major-incident mode', () => {
  it('fails for a retry when the mode cannot be read and none was read before: nothing is decided or lost', async () => {
    dynamo.on(GetCommand).rejects(Object.assign(new Error('connect ECONNREFUSED'), { name: 'TimeoutError' }));
    await expect(invoke()).rejects.toThrow('ECONNREFUSED');
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('hands the incident in force to the matrix: holding line as the reply, the incident named, the flag set', async () => {
    dynamo.on(GetCommand, { TableName: 'test-table', Key: { pk: 'INCIDENT', sk: 'CURRENT' } }).resolves({ Item: INCIDENT });
    await invoke();
    expect(assessSpy).toHaveBeenCalledTimes(1);
    expect(assessSpy.mock.calls[0]![3]).toEqual(CONTEXT);
    const [assessment] = published();
    expect(assessment).toMatchObject({
      category: 'complaint',
      incident: { id: INCIDENT.id, name: INCIDENT.name },
      replyTemplate: INCIDENT.holdingLine,
      flags: expect.arrayContaining(['major-incident-mode']),
    });
    // Who switched it on, and why, stay in the log: never in the decision.
    expect(JSON.stringify(assessment)).not.toContain('comms.lead');
    expect(JSON.stringify(assessment)).not.toContain('EPRR');
  });

  it('reads the mode once for a burst within 30 seconds', async () => {
    dynamo.on(GetCommand).resolves({ Item: INCIDENT });
    setClock(clock + 10_000);
    await Promise.all([invoke(), invoke('Where is the car park?'), invoke('Is the hospital open?')]);
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(0); // still the value read in the step before
    expect(assessSpy.mock.calls.map((call) => call[3])).toEqual([CONTEXT, CONTEXT, CONTEXT]);
  });

  it('sees the mode switched off once the 30 seconds have passed', async () => {
    dynamo.on(GetCommand).resolves({});
    setClock(clock + 25_000);
    await invoke();
    expect(dynamo.commandCalls(GetCommand)).toHaveLength(1);
    expect(assessSpy.mock.calls[0]![3]).toEqual({});
    expect(published()[0]).not.toHaveProperty('incident');
  });

  it('an end cut short (CURRENT marked ended) is off', async () => {
    dynamo.on(GetCommand).resolves({ Item: { ...INCIDENT, endedAt: '2026-11-24T10:15:40.000Z', endedBy: 'user:x' } });
    setClock(clock + 31_000);
    await invoke();
    expect(assessSpy.mock.calls[0]![3]).toEqual({});
  });

  it('keeps deciding with the last value read when a later read fails, and warns without personal data', async () => {
    dynamo.on(GetCommand).resolves({ Item: INCIDENT });
    setClock(clock + 31_000);
    await invoke();
    dynamo.reset();
    dynamo.on(GetCommand).rejects(Object.assign(new Error('Throughput exceeds the current capacity'), { name: 'ProvisionedThroughputExceededException' }));
    const warn = jest.spyOn(logger, 'warn');
    setClock(clock + 31_000);
    assessSpy.mockClear();
    eventBridge.resetHistory();
    await invoke();
    expect(assessSpy.mock.calls[0]![3]).toEqual(CONTEXT);
    expect(published()[0]).toMatchObject({ incident: { id: INCIDENT.id } });
    expect(warn).toHaveBeenCalledWith('major-incident mode unreadable: using the last value read', {
      interactionId: sample.detail.data.id,
      errorName: 'ProvisionedThroughputExceededException',
      staleForSeconds: 31,
      incidentId: INCIDENT.id,
    });
    const logged = JSON.stringify(warn.mock.calls);
    for (const personal of [sample.detail.data.text, sample.detail.data.author.id, sample.detail.data.author.displayName]) expect(logged).not.toContain(personal);
    warn.mockRestore();
  });
});
