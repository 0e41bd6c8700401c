import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { mockClient } from 'aws-sdk-client-mock';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InteractionReceived } from '../../../events';
import { EventBridgePublisher, PublishError } from '../../../functions/adapters/eventbridge-publisher';
import type { OutgoingEvent } from '../../../functions/core/ports';

const sample = JSON.parse(readFileSync(join(__dirname, '../../../events/samples/InteractionReceived.json'), 'utf8'));
const events = (n: number): OutgoingEvent[] =>
  Array.from({ length: n }, (_, i) => ({
    contract: InteractionReceived,
    detail: { ...sample.detail, data: { ...sample.detail.data, id: `facebook:${i}`, nativeId: String(i) } },
  }));

describe('EventBridgePublisher', () => {
  const eventBridge = mockClient(EventBridgeClient);
  beforeEach(() => eventBridge.reset());
  const publisher = () => new EventBridgePublisher(new EventBridgeClient({}), 'test-bus', { backoffMs: 1 });

  it('sends the contract source, detail-type and validated detail to the bus', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: '1' }] });
    await publisher().publish(events(1));
    const [call] = eventBridge.commandCalls(PutEventsCommand);
    const entry = call!.args[0].input.Entries![0]!;
    expect(entry).toMatchObject({ EventBusName: 'test-bus', Source: 'nhs-social.intake', DetailType: 'InteractionReceived' });
    expect(JSON.parse(entry.Detail!).data.id).toBe('facebook:0');
  });

  it('sends at most ten entries per call', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    await publisher().publish(events(23));
    expect(eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!.length)).toEqual([10, 10, 3]);
  });

  it('keeps each call under 256 KB, so a batch of large items is never refused as a whole', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    const large = events(5).map((event) => ({ ...event, detail: { ...event.detail, data: { ...(event.detail.data as object), text: 'x'.repeat(90 * 1024) } } }));
    await publisher().publish(large);
    const calls = eventBridge.commandCalls(PutEventsCommand).map((c) => c.args[0].input.Entries!);
    expect(calls.map((entries) => entries.length)).toEqual([2, 2, 1]);
    for (const entries of calls) expect(entries.reduce((total, entry) => total + Buffer.byteLength(entry.Detail!), 0)).toBeLessThan(256 * 1024);
  });

  it('resends only the entries that failed with a retryable code', async () => {
    eventBridge
      .on(PutEventsCommand)
      .resolvesOnce({ FailedEntryCount: 1, Entries: [{ EventId: 'a' }, { ErrorCode: 'ThrottlingException' }, { EventId: 'c' }] })
      .resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'b' }] });
    await publisher().publish(events(3));
    const calls = eventBridge.commandCalls(PutEventsCommand);
    expect(calls).toHaveLength(2);
    expect(JSON.parse(calls[1]!.args[0].input.Entries![0]!.Detail!).data.id).toBe('facebook:1');
  });

  it('throws when an entry fails for good, so the caller retries (never a silent loss)', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'InvalidArgument', ErrorMessage: 'bad' }] });
    await expect(publisher().publish(events(1))).rejects.toThrow(PublishError);
  });

  it('gives up after its attempts on a persistent throttle', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'ThrottlingException' }] });
    await expect(publisher().publish(events(1))).rejects.toThrow(/ThrottlingException/);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(4);
  });

  it('refuses a detail that breaks its contract before calling the bus', async () => {
    const [bad] = events(1);
    (bad!.detail.data as { platform: string }).platform = 'myspace';
    await expect(publisher().publish([bad!])).rejects.toThrow();
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });
});
