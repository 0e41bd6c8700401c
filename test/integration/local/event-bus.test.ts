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
import { createLocalBus, entrySize, InvalidRuleError, PutEventsValidationError, type LocalBus } from '../../../local/event-bus';
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
    expect(result.Entries!.map((e) => e.ErrorCode ?? 'ok')).toEqual(['ok', 'MalformedDetail', 'MalformedDetail', 'InvalidArgument', 'ok']);
    const archived = h.bus.archived().slice(before);
    expect(archived.map((e) => e.id)).toEqual([result.Entries![0]!.EventId, result.Entries![4]!.EventId]);
    const lines = readFileSync(join(dir.path, 'archive/events.jsonl'), 'utf8').trim().split('\n');
    expect(lines.slice(-2).map((line) => JSON.parse(line).id)).toEqual(archived.map((e) => e.id));
  });

  it.each<[string, Partial<PutEventsRequestEntry>, string, string]>([
    ['no Source', { Source: undefined }, 'InvalidArgument', 'Parameter Source is not valid. Reason: Source is a required argument.'],
    ['no DetailType', { DetailType: '' }, 'InvalidArgument', 'Parameter DetailType is not valid. Reason: DetailType is a required argument.'],
    ['no Detail', { Detail: undefined }, 'InvalidArgument', 'Parameter Detail is not valid. Reason: Detail is a required argument.'],
    ['Detail that is not JSON', { Detail: '{not json' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail that is a JSON array', { Detail: '[1,2]' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail that is a JSON string', { Detail: '"text"' }, 'MalformedDetail', 'Detail is malformed.'],
    ['Detail that is JSON null', { Detail: 'null' }, 'MalformedDetail', 'Detail is malformed.'],
  ])('fails only the entry with %s, in AWS words', async (_name, overrides, code, message) => {
    const result = await h.client.send(new PutEventsCommand({ Entries: [entry(), entry(overrides)] }));
    expect(result.FailedEntryCount).toBe(1);
    expect(result.Entries).toEqual([{ EventId: expect.any(String) }, { ErrorCode: code, ErrorMessage: message }]);
  });

  it.each([
    ['no entries', () => [], /greater than or equal to 1/],
    ['more than 10 entries', () => Array.from({ length: 11 }, () => entry()), /less than or equal to 10/],
    ['no entry with Source, DetailType and Detail', () => [entry({ Source: undefined })], /no entry has Source, DetailType and Detail/],
    ['entries over the size limit', () => [entry({ Detail: JSON.stringify({ big: 'x'.repeat(5000) }) })], /Total size of the entries in the request is over the limit/],
  ])('rejects the whole request for %s (ValidationException)', async (_name, entries, message) => {
    await expect(h.client.send(new PutEventsCommand({ Entries: entries() }))).rejects.toMatchObject({ name: 'ValidationException', message: expect.stringMatching(message) });
  });

  it('accepts 10 entries', async () => {
    const result = await h.client.send(new PutEventsCommand({ Entries: Array.from({ length: 10 }, () => entry()) }));
    expect(result.FailedEntryCount).toBe(0);
    expect(result.Entries).toHaveLength(10);
  });
});

describe('local bus: the size limit', () => {
  const bus = (maxRequestBytes?: number) =>
    createLocalBus({ name: BUS, region: 'eu-west-2', rules: [], delivery: new AsyncDelivery({ invoke: async () => undefined, log }), maxRequestBytes, log });
  /** One entry of exactly `size` bytes as AWS counts them (Source + DetailType + Detail). */
  const entryOfSize = (size: number): PutEventsRequestEntry => {
    const fixed = entrySize({ Source: 's', DetailType: 'd', Detail: '{"x":""}' });
    return { Source: 's', DetailType: 'd', Detail: JSON.stringify({ x: 'x'.repeat(size - fixed) }), EventBusName: BUS };
  };

  it('defaults to the stricter documented limit, 256 KB', () => {
    expect(bus().maxRequestBytes).toBe(256 * 1024);
    expect(bus().putEvents([entryOfSize(256 * 1024)]).FailedEntryCount).toBe(0);
    expect(() => bus().putEvents([entryOfSize(256 * 1024 + 1)])).toThrow(PutEventsValidationError);
  });

  it('takes another limit (AWS announced 1 MB)', () => {
    expect(bus(1024 * 1024).putEvents([entryOfSize(256 * 1024 + 1)]).FailedEntryCount).toBe(0);
  });

  it('counts UTF-8 bytes, 14 for Time, and every resource', () => {
    expect(entrySize({ Source: 'é', DetailType: 'd', Detail: '{}', Time: new Date(), Resources: ['ab', 'c'] })).toBe(2 + 1 + 2 + 14 + 3);
  });
});

describe('local bus: every rule is validated when the bus is created', () => {
  const withPattern = (pattern: unknown): RuleSpec => ({
    id: 'CustomOnSomething',
    functionName: 'custom',
    event: { ...InteractionReceived, pattern } as unknown as RuleSpec['event'],
    retryAttempts: 0,
  });
  const create = (rules: RuleSpec[]) =>
    createLocalBus({ name: BUS, region: 'eu-west-2', rules, delivery: new AsyncDelivery({ invoke: async () => undefined, log }), log });

  it('refuses a rule whose pattern AWS would reject, naming the rule and AWS reason', () => {
    expect(() => create([...eventRules(), withPattern({ source: [] })])).toThrow(InvalidRuleError);
    expect(() => create([withPattern({ detail: { n: [{ numeric: ['>', 0, '>', 0] }] } })])).toThrow(
      /rule CustomOnSomething \(target custom\).*Event pattern is not valid\. Reason: Bad numeric range operator: >/,
    );
  });

  it('accepts every manifest rule', () => {
    expect(() => create(eventRules())).not.toThrow();
  });

  it('routes with full EventBridge semantics, not only exact values', async () => {
    const calls: string[] = [];
    const delivery = new AsyncDelivery({ invoke: async (_fn, event) => void calls.push((event as { detail: { n: number } }).detail.n.toString()), log });
    const bus = createLocalBus({
      name: BUS,
      region: 'eu-west-2',
      rules: [withPattern({ source: [{ prefix: 'nhs-social.' }], detail: { n: [{ numeric: ['>', 1] }], tag: [{ 'anything-but': 'skip' }, { exists: false }] } })],
      delivery,
      log,
    });
    bus.putEvents([1, 2, 3].map((n) => entry({ Detail: JSON.stringify({ n, ...(n === 3 ? { tag: 'skip' } : {}) }) })));
    await bus.idle();
    expect(calls).toEqual(['2']);
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
