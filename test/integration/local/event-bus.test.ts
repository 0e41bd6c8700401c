/**
 * The local EventBridge: PutEvents over the real SDK client, routing with the manifest's rules,
 * asynchronous delivery, retries and the dead-letter file.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { ALL_EVENTS, InteractionReceived } from '../../../events';
import { eventRules, type RuleSpec } from '../../../infra/wiring';
import { LOCAL_CREDENTIALS } from '../../../local/account';
import { AsyncDelivery, type Invoke } from '../../../local/async-delivery';
import { createLocalBus, type LocalBus } from '../../../local/event-bus';
import { startEventBridge, type LocalEventBridge } from '../../../local/eventbridge-server';
import { createLogger } from '../../../local/log';
import { tempDir } from '../support';

const BUS = 'test-bus';
const log = createLogger('test', true);

function detailFor(schemaVersion: number): string {
  return JSON.stringify({ metadata: { schemaVersion, idempotencyKey: 'k', correlationId: 'c', occurredAt: '2026-11-26T10:00:00Z' }, data: {} });
}

function entry(overrides: Partial<PutEventsRequestEntry> = {}): PutEventsRequestEntry {
  return { Source: InteractionReceived.source, DetailType: InteractionReceived.detailType, Detail: detailFor(1), EventBusName: BUS, ...overrides };
}

interface Harness {
  bus: LocalBus;
  delivery: AsyncDelivery;
  server: LocalEventBridge;
  client: EventBridgeClient;
  calls: Array<{ functionName: string; event: any }>;
  close(): Promise<void>;
}

async function harness(options: { rules?: RuleSpec[]; invoke?: Invoke; deadLetterDir?: string; archiveFile?: string; maxRequestBytes?: number } = {}): Promise<Harness> {
  const calls: Harness['calls'] = [];
  const delivery = new AsyncDelivery({
    invoke: async (functionName, event) => {
      calls.push({ functionName, event });
      return options.invoke?.(functionName, event);
    },
    deadLetterDir: options.deadLetterDir,
    backoffMs: 5,
    log,
  });
  const bus = createLocalBus({
    name: BUS,
    region: 'eu-west-2',
    rules: options.rules ?? eventRules(),
    delivery,
    archiveFile: options.archiveFile,
    maxRequestBytes: options.maxRequestBytes,
    log,
  });
  const server = await startEventBridge({ bus, log });
  const client = new EventBridgeClient({ endpoint: server.url, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  return {
    bus,
    delivery,
    server,
    client,
    calls,
    close: async () => {
      client.destroy();
      delivery.stop();
      await server.close();
    },
  };
}

describe('local bus: routing with the manifest rules', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(() => h.close());
  beforeEach(() => {
    h.calls.length = 0;
  });

  it('holds exactly the rules eventRules() gives', () => {
    expect(h.bus.rules).toEqual(eventRules());
  });

  it.each(ALL_EVENTS)('$detailType goes to exactly the functions whose rule names its contract', async (contract) => {
    const expected = eventRules()
      .filter((rule) => rule.event === contract)
      .map((rule) => rule.functionName)
      .sort();
    const result = await h.client.send(
      new PutEventsCommand({ Entries: [entry({ Source: contract.source, DetailType: contract.detailType, Detail: detailFor(contract.schemaVersion) })] }),
    );
    expect(result.FailedEntryCount).toBe(0);
    await h.bus.idle();
    expect(h.calls.map((call) => call.functionName).sort()).toEqual(expected);
  });

  it('delivers nothing for a schema version no rule names', async () => {
    await h.client.send(new PutEventsCommand({ Entries: [entry({ Detail: detailFor(2) })] }));
    await h.bus.idle();
    expect(h.calls).toEqual([]);
  });

  it('hands targets the EventBridge envelope', async () => {
    const time = new Date('2026-11-26T10:11:12.345Z');
    const result = await h.client.send(new PutEventsCommand({ Entries: [entry({ Time: time, Resources: ['arn:aws:x:eu-west-2:0:y'] })] }));
    await h.bus.idle();
    const event = h.calls[0]!.event;
    expect(event).toEqual({
      version: '0',
      id: result.Entries![0]!.EventId,
      'detail-type': 'InteractionReceived',
      source: 'nhs-social.intake',
      account: '000000000000',
      time: '2026-11-26T10:11:12Z',
      region: 'eu-west-2',
      resources: ['arn:aws:x:eu-west-2:0:y'],
      detail: JSON.parse(detailFor(1)),
    });
    // Each target gets its own copy.
    expect(h.calls[0]!.event).not.toBe(h.calls[1]!.event);
  });
});

describe('local bus: PutEvents validation', () => {
  let h: Harness;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    dir = tempDir('bus-archive');
    h = await harness({ rules: [], archiveFile: join(dir.path, 'archive/events.jsonl'), maxRequestBytes: 4096 });
  });
  afterAll(async () => {
    await h.close();
    dir.remove();
  });

  it('answers per entry, in order, and archives only accepted events', async () => {
    const before = h.bus.archived().length;
    const result = await h.client.send(
      new PutEventsCommand({
        Entries: [entry(), entry({ Detail: '[1,2]' }), entry({ Detail: '{not json' }), entry({ EventBusName: 'other-bus' }), entry()],
      }),
    );
    expect(result.FailedEntryCount).toBe(3);
    expect(result.Entries!.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'InvalidArgument', 'MalformedDetail', 'InvalidArgument', 'ok']);
    const archived = h.bus.archived().slice(before);
    expect(archived.map((e) => e.id)).toEqual([result.Entries![0]!.EventId, result.Entries![4]!.EventId]);
    const lines = readFileSync(join(dir.path, 'archive/events.jsonl'), 'utf8').trim().split('\n');
    expect(lines.slice(-2).map((line) => JSON.parse(line).id)).toEqual(archived.map((e) => e.id));
  });

  it.each([
    ['more than 10 entries', () => Array.from({ length: 11 }, () => entry())],
    ['no entry with Source, DetailType and Detail', () => [entry({ Source: undefined })]],
    ['entries over the size limit', () => [entry({ Detail: JSON.stringify({ big: 'x'.repeat(5000) }) })]],
  ])('rejects the whole request for %s (ValidationException)', async (_name, entries) => {
    await expect(h.client.send(new PutEventsCommand({ Entries: entries() }))).rejects.toMatchObject({ name: 'ValidationException' });
  });
});

describe('local bus: asynchronous delivery, retries, dead letters', () => {
  const failing: RuleSpec = { id: 'ExplodeOnInteractionReceived', functionName: 'explode', event: InteractionReceived, retryAttempts: 2 };

  it('returns from PutEvents before the target has run', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    let finished = false;
    const h = await harness({ rules: [failing], invoke: async () => { await gate; finished = true; } });
    try {
      const result = await h.client.send(new PutEventsCommand({ Entries: [entry()] }));
      expect(result.FailedEntryCount).toBe(0);
      expect(finished).toBe(false);
      release();
      await h.bus.idle();
      expect(finished).toBe(true);
    } finally {
      await h.close();
    }
  });

  it('retries a failing target retryAttempts times, then writes the event and error to <dataDir>/dead-letters/<function>.jsonl', async () => {
    const dir = tempDir('bus-dlq');
    const h = await harness({
      rules: [failing],
      deadLetterDir: join(dir.path, 'dead-letters'),
      invoke: async () => {
        throw new TypeError('boom');
      },
    });
    try {
      const result = await h.client.send(new PutEventsCommand({ Entries: [entry()] }));
      await h.bus.idle();
      expect(h.calls).toHaveLength(failing.retryAttempts + 1);
      const lines = readFileSync(join(dir.path, 'dead-letters/explode.jsonl'), 'utf8').trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(JSON.parse(lines[0]!)).toMatchObject({
        functionName: 'explode',
        via: failing.id,
        eventId: result.Entries![0]!.EventId,
        attempts: 3,
        error: { name: 'TypeError', message: 'boom' },
        event: { id: result.Entries![0]!.EventId, 'detail-type': 'InteractionReceived' },
      });
      expect(h.bus.deadLetters('explode')).toHaveLength(1);
    } finally {
      await h.close();
      dir.remove();
    }
  });

  it('does not dead-letter when a retry succeeds', async () => {
    let attempts = 0;
    const h = await harness({
      rules: [failing],
      invoke: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error('transient');
      },
    });
    try {
      await h.client.send(new PutEventsCommand({ Entries: [entry()] }));
      await h.bus.idle();
      expect(attempts).toBe(2);
      expect(h.bus.deadLetters()).toEqual([]);
    } finally {
      await h.close();
    }
  });

  it('keeps dead letters in memory when there is no data folder', async () => {
    const h = await harness({ rules: [{ ...failing, retryAttempts: 0 }], invoke: async () => Promise.reject(new Error('no')) });
    try {
      await h.client.send(new PutEventsCommand({ Entries: [entry()] }));
      await h.bus.idle();
      expect(h.bus.deadLetters()).toMatchObject([{ functionName: 'explode', attempts: 1 }]);
    } finally {
      await h.close();
    }
  });
});
