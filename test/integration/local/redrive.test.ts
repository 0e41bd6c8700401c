/**
 * Redrive: dead letters go back to their function with its retry policy; what is handled leaves the
 * dead-letter file, what fails again stays (with the new error), and nothing is lost or sent twice.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { InteractionReceived } from '../../../events';
import { LOCAL_CREDENTIALS } from '../../../local/account';
import { AsyncDelivery, type DeadLetter } from '../../../local/async-delivery';
import { createLogger } from '../../../local/log';
import type { LocalSystem } from '../../../local/start';
import { startTestSystem, tempDir } from '../support';

const log = createLogger('test', true);

/** A function that fails for the events named in `failing`. */
function flakyFunction() {
  const failing = new Set<string>();
  const handled: string[] = [];
  let gate: Promise<void> | undefined;
  const invoke = async (_functionName: string, event: unknown) => {
    const { id } = event as { id: string };
    await gate;
    if (failing.has(id)) throw new Error(`still broken for ${id}`);
    handled.push(id);
  };
  return { failing, handled, invoke, hold: (until: Promise<void>) => (gate = until) };
}

const letters = (file: string): DeadLetter[] =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as DeadLetter) : [];

describe('AsyncDelivery.redrive with dead-letter files', () => {
  let dir: ReturnType<typeof tempDir>;
  let fn: ReturnType<typeof flakyFunction>;
  let delivery: AsyncDelivery;
  const file = () => join(dir.path, 'fn.jsonl');
  const target = { functionName: 'fn', retryAttempts: 0, via: 'FnOnThing' };

  beforeEach(async () => {
    dir = tempDir('redrive');
    fn = flakyFunction();
    delivery = new AsyncDelivery({ invoke: fn.invoke, deadLetterDir: dir.path, backoffMs: 1, retryAttemptsOf: () => 1, log });
    for (const id of ['e1', 'e2', 'e3']) {
      fn.failing.add(id);
      delivery.deliver({ ...target, eventId: id }, { id });
    }
    await delivery.idle();
    expect(letters(file()).map((letter) => letter.eventId)).toEqual(['e1', 'e2', 'e3']);
  });

  afterEach(() => {
    delivery.stop();
    dir.remove();
  });

  it('removes what is handled now and keeps what fails again, with the new error', async () => {
    fn.failing.delete('e1');
    fn.failing.delete('e3');
    const results = await delivery.redrive('fn');
    expect(results).toEqual([{ functionName: 'fn', redriven: 3, delivered: 2, failedAgain: 1 }]);
    expect(fn.handled.sort()).toEqual(['e1', 'e3']);
    expect(letters(file())).toEqual([
      expect.objectContaining({ functionName: 'fn', via: 'FnOnThing', eventId: 'e2', attempts: 2, redrives: 1, error: expect.objectContaining({ message: 'still broken for e2' }), event: { id: 'e2' } }),
    ]);
    expect(delivery.deadLetters('fn').map((letter) => letter.eventId)).toEqual(['e2']);
    expect(readdirSync(dir.path)).toEqual(['fn.jsonl']);
  });

  it('uses the function retry policy for each redriven letter', async () => {
    const attempts: string[] = [];
    const counting = new AsyncDelivery({
      invoke: async (_name, event) => {
        attempts.push((event as { id: string }).id);
        throw new Error('no');
      },
      deadLetterDir: dir.path,
      backoffMs: 1,
      retryAttemptsOf: (name) => (name === 'fn' ? 2 : 0),
      log,
    });
    await counting.redrive('fn');
    expect(attempts.filter((id) => id === 'e1')).toHaveLength(3);
    expect(letters(file()).map((letter) => [letter.eventId, letter.attempts, letter.redrives])).toEqual([
      ['e1', 3, 1],
      ['e2', 3, 1],
      ['e3', 3, 1],
    ]);
  });

  it('leaves the file empty of letters when everything is handled', async () => {
    fn.failing.clear();
    expect(await delivery.redrive()).toEqual([{ functionName: 'fn', redriven: 3, delivered: 3, failedAgain: 0 }]);
    expect(letters(file())).toEqual([]);
    expect(delivery.deadLetters()).toEqual([]);
  });

  it('keeps a letter written during the redrive, and does not send it', async () => {
    fn.failing.clear();
    let release!: () => void;
    fn.hold(new Promise<void>((resolve) => (release = resolve)));
    const redriving = delivery.redrive('fn');
    fn.failing.add('late');
    delivery.deliver({ ...target, retryAttempts: 0, eventId: 'late' }, { id: 'late' });
    release();
    expect(await redriving).toEqual([{ functionName: 'fn', redriven: 3, delivered: 3, failedAgain: 0 }]);
    await delivery.idle();
    expect(letters(file()).map((letter) => letter.eventId)).toEqual(['late']);
  });

  it('keeps lines that are not dead letters as they were', async () => {
    writeFileSync(file(), `${readFileSync(file(), 'utf8')}not json\n`);
    fn.failing.clear();
    await delivery.redrive('fn');
    expect(readFileSync(file(), 'utf8')).toBe('not json\n');
  });

  it('picks up letters a crashed redrive had taken out of the file', async () => {
    writeFileSync(join(dir.path, 'fn.jsonl.redrive-123-1-0'), readFileSync(file(), 'utf8'));
    writeFileSync(file(), '');
    fn.failing.clear();
    expect(await delivery.redrive()).toEqual([{ functionName: 'fn', redriven: 3, delivered: 3, failedAgain: 0 }]);
    expect(readdirSync(dir.path)).toEqual([]);
  });

  it('redrives nothing for a function without dead letters', async () => {
    expect(await delivery.redrive('other')).toEqual([{ functionName: 'other', redriven: 0, delivered: 0, failedAgain: 0 }]);
    expect(letters(file())).toHaveLength(3);
  });
});

describe('AsyncDelivery.redrive in memory', () => {
  it('redrives the in-memory dead letters', async () => {
    const fn = flakyFunction();
    const delivery = new AsyncDelivery({ invoke: fn.invoke, log });
    fn.failing.add('e1');
    delivery.deliver({ functionName: 'fn', retryAttempts: 0, via: 'x', eventId: 'e1' }, { id: 'e1' });
    await delivery.idle();
    fn.failing.clear();
    expect(await delivery.redrive()).toEqual([{ functionName: 'fn', redriven: 1, delivered: 1, failedAgain: 0 }]);
    expect(delivery.deadLetters()).toEqual([]);
    expect(fn.handled).toEqual(['e1']);
  });
});

describe('POST /_local/redrive on a running system (npm run redrive)', () => {
  const dir = tempDir('redrive-system');
  let broken = true;
  const logged: string[] = [];
  let system: LocalSystem;
  let client: EventBridgeClient;

  beforeAll(async () => {
    system = await startTestSystem(dir.path, {
      retryBackoffMs: 1,
      handlers: {
        'apply-response-matrix': async () => undefined,
        'log-interaction': async (event) => {
          if (broken) throw new Error('table unavailable');
          logged.push((event as { id: string,
    }).id);
        },
      },
    });
    client = new EventBridgeClient({ endpoint: system.urls.eventbridge, region: system.region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  }, 30_000);

  afterAll(async () => {
    client?.destroy();
    await system?.stop();
    dir.remove();
  });

  it('sends the dead letters back and empties the file once they are handled', async () => {
    const detail = JSON.stringify({ metadata: { schemaVersion: InteractionReceived.schemaVersion }, data: {} });
    const put = await client.send(
      new PutEventsCommand({ Entries: [{ Source: InteractionReceived.source, DetailType: InteractionReceived.detailType, Detail: detail, EventBusName: system.busName }] }),
    );
    await system.bus.idle();
    const file = join(dir.path, 'dead-letters/log-interaction.jsonl');
    expect(letters(file).map((letter) => letter.eventId)).toEqual([put.Entries![0]!.EventId]);

    const again = await fetch(`${system.urls.api}/_local/redrive/log-interaction`, { method: 'POST' });
    expect(await again.json()).toEqual({ redriven: [{ functionName: 'log-interaction', redriven: 1, delivered: 0, failedAgain: 1 }] });
    expect(letters(file)).toEqual([expect.objectContaining({ redrives: 1, attempts: 3 })]);

    broken = false;
    const fixed = await fetch(`${system.urls.api}/_local/redrive`, { method: 'POST' });
    expect(await fixed.json()).toEqual({ redriven: [{ functionName: 'log-interaction', redriven: 1, delivered: 1, failedAgain: 0 }] });
    expect(letters(file)).toEqual([]);
    expect(logged).toEqual([put.Entries![0]!.EventId]);
  });
});
