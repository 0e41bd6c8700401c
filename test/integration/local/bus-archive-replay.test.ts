/**
 * The local bus archive and StartReplay/DescribeReplay over the real SDK client: the archive keeps
 * every event (the stack's archive pattern), and a replay re-sends the events of a time window to the
 * rules they match, marked with `replay-name`, without archiving them again.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DescribeReplayCommand, EventBridgeClient, PutEventsCommand, StartReplayCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { InteractionAssessed, InteractionReceived } from '../../../events';
import type { RuleSpec } from '../../../infra/wiring';
import { LOCAL_CREDENTIALS } from '../../../local/account';
import { AsyncDelivery } from '../../../local/async-delivery';
import { createLocalBus, localBusArn, localRuleArn, type LocalBus } from '../../../local/event-bus';
import { startEventBridge, type LocalEventBridge } from '../../../local/eventbridge-server';
import { createLogger } from '../../../local/log';
import { tempDir } from '../support';

const BUS = 'replay-bus';
const REGION = 'eu-west-2';
const log = createLogger('test', true);
/** Fixed rules (not the manifest's, which grows): two functions, one of them on two events. */
const RULES: RuleSpec[] = [
  { id: 'MatrixOnInteractionReceived', functionName: 'matrix', event: InteractionReceived, retryAttempts: 0 },
  { id: 'LogOnInteractionReceived', functionName: 'log', event: InteractionReceived, retryAttempts: 0 },
  { id: 'LogOnInteractionAssessed', functionName: 'log', event: InteractionAssessed, retryAttempts: 0 },
];

const entry = (contract: typeof InteractionReceived | typeof InteractionAssessed, time: string, tag: string): PutEventsRequestEntry => ({
  Source: contract.source,
  DetailType: contract.detailType,
  Detail: JSON.stringify({ metadata: { schemaVersion: contract.schemaVersion }, data: { tag } }),
  Time: new Date(time),
  EventBusName: BUS,
});

describe('local bus archive and replay', () => {
  const dir = tempDir('bus-replay');
  const archiveFile = join(dir.path, 'archive/events.jsonl');
  const calls: Array<{ functionName: string; event: any }> = [];
  let bus: LocalBus;
  let server: LocalEventBridge;
  let client: EventBridgeClient;
  let delivery: AsyncDelivery;
  let replays = 0;

  const replay = async (from: string, to: string, filterRuleIds?: string[]) => {
    const name = `test-replay-${++replays}`;
    const started = await client.send(
      new StartReplayCommand({
        ReplayName: name,
        EventSourceArn: bus.archiveArn,
        EventStartTime: new Date(from),
        EventEndTime: new Date(to),
        Destination: { Arn: bus.arn, FilterArns: filterRuleIds?.map((id) => localRuleArn(REGION, BUS, id)) },
      }),
    );
    expect(started.State).toBe('STARTING');
    for (;;) {
      const described = await client.send(new DescribeReplayCommand({ ReplayName: name }));
      if (described.State === 'COMPLETED' || described.State === 'FAILED') {
        await bus.idle();
        return { name, described };
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };

  beforeAll(async () => {
    delivery = new AsyncDelivery({ invoke: async (functionName, event) => void calls.push({ functionName, event }), log });
    bus = createLocalBus({ name: BUS, region: REGION, rules: RULES, delivery, archiveFile, log });
    server = await startEventBridge({ bus, log });
    client = new EventBridgeClient({ endpoint: server.url, region: REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
    await client.send(
      new PutEventsCommand({
        Entries: [
          entry(InteractionReceived, '2026-11-24T09:00:00Z', 'monday'),
          entry(InteractionAssessed, '2026-11-25T09:00:00Z', 'tuesday'),
          entry(InteractionReceived, '2026-11-26T09:00:00Z', 'wednesday'),
        ],
      }),
    );
    await bus.idle();
  });

  afterAll(async () => {
    client.destroy();
    delivery.stop();
    await server.close();
    dir.remove();
  });

  beforeEach(() => {
    calls.length = 0;
  });

  it('archives every accepted event, as its envelope, in the archive file', () => {
    const lines = readFileSync(archiveFile, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(lines.map((event) => event.detail.data.tag)).toEqual(['monday', 'tuesday', 'wednesday']);
    expect(lines[0]).toMatchObject({ version: '0', source: InteractionReceived.source, 'detail-type': 'InteractionReceived', time: '2026-11-24T09:00:00Z', region: REGION });
  });

  it('replays the events of the window (from inclusive, to exclusive) to the rules they match', async () => {
    const { name, described } = await replay('2026-11-25T09:00:00Z', '2026-11-26T09:00:00Z');
    expect(described).toMatchObject({ State: 'COMPLETED', StateReason: 'Replayed 1 archived events (1 rule deliveries).', EventSourceArn: bus.archiveArn });
    expect(calls).toEqual([{ functionName: 'log', event: expect.objectContaining({ 'replay-name': name, detail: expect.objectContaining({ data: { tag: 'tuesday' } }) }) }]);
  });

  it('keeps the original event id and envelope', async () => {
    const original = bus.archived()[0]!;
    const { name } = await replay('2026-11-24T00:00:00Z', '2026-11-24T23:59:59Z');
    expect(calls.map((call) => call.event)).toEqual([{ ...original, 'replay-name': name }, { ...original, 'replay-name': name }]);
    expect(calls.map((call) => call.functionName).sort()).toEqual(['log', 'matrix']);
  });

  it('does not archive replayed events again', async () => {
    const before = readFileSync(archiveFile, 'utf8');
    await replay('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(calls).toHaveLength(5);
    expect(readFileSync(archiveFile, 'utf8')).toBe(before);
    expect(bus.archived()).toHaveLength(3);
  });

  it('sends to the FilterArns rules only', async () => {
    await replay('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z', ['MatrixOnInteractionReceived']);
    expect(calls.map((call) => call.event.detail.data.tag)).toEqual(['monday', 'wednesday']);
    expect(new Set(calls.map((call) => call.functionName))).toEqual(new Set(['matrix']));
  });

  it.each([
    ['an unknown archive', { EventSourceArn: 'arn:aws:events:eu-west-2:000000000000:archive/nope' }, 'ResourceNotFoundException'],
    ['another bus as destination', { Destination: { Arn: localBusArn(REGION, 'other') } }, 'ValidationException'],
    ['an end before the start', { EventStartTime: new Date('2026-11-26T00:00:00Z'), EventEndTime: new Date('2026-11-25T00:00:00Z') }, 'ValidationException'],
    ['an unknown rule in FilterArns', { Destination: { Arn: localBusArn(REGION, BUS), FilterArns: [localRuleArn(REGION, BUS, 'Nope')] } }, 'ValidationException'],
  ])('refuses %s', async (_name, overrides, errorName) => {
    const input = {
      ReplayName: `refused-${errorName}-${Math.random().toString(36).slice(2)}`,
      EventSourceArn: bus.archiveArn,
      EventStartTime: new Date('2026-11-01T00:00:00Z'),
      EventEndTime: new Date('2026-11-02T00:00:00Z'),
      Destination: { Arn: bus.arn },
      ...overrides,
    };
    await expect(client.send(new StartReplayCommand(input))).rejects.toMatchObject({ name: errorName });
  });

  it('refuses a replay name used before', async () => {
    const { name } = await replay('2026-11-01T00:00:00Z', '2026-11-02T00:00:00Z');
    await expect(
      client.send(new StartReplayCommand({ ReplayName: name, EventSourceArn: bus.archiveArn, EventStartTime: new Date(0), EventEndTime: new Date(1000), Destination: { Arn: bus.arn } })),
    ).rejects.toMatchObject({ name: 'ResourceAlreadyExistsException' });
  });

  it('answers DescribeReplay for an unknown replay with ResourceNotFoundException', async () => {
    await expect(client.send(new DescribeReplayCommand({ ReplayName: 'never-started' }))).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});

describe('local bus archive without a data folder', () => {
  it('replays from memory', async () => {
    const calls: unknown[] = [];
    const delivery = new AsyncDelivery({ invoke: async (_fn, event) => void calls.push(event), log });
    const bus = createLocalBus({ name: BUS, region: REGION, rules: RULES.slice(1), delivery, log });
    bus.putEvents([{ Source: InteractionReceived.source, DetailType: 'InteractionReceived', Detail: JSON.stringify({ metadata: { schemaVersion: 1 } }), EventBusName: BUS }]);
    await bus.idle();
    const result = bus.replay({ name: 'memory', from: new Date(Date.now() - 60_000), to: new Date(Date.now() + 60_000) });
    await bus.idle();
    expect(result).toMatchObject({ replayed: 1, deliveries: 1 });
    expect(calls).toHaveLength(2);
    expect(calls[1]).toMatchObject({ 'replay-name': 'memory' });
  });
});
