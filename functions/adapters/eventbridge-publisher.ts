import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { EventPublisher, OutgoingEvent } from '../core/ports';

/** Entry codes worth retrying (EventBridge PutEventsResultEntry.ErrorCode); others are final. */
const RETRYABLE = new Set(['InternalFailure', 'ThrottlingException']);
const MAX_ENTRIES_PER_CALL = 10;
/** EventBridge refuses a whole PutEvents request whose entries add up to more than 256 KB. */
const MAX_BYTES_PER_CALL = 256 * 1024;

export class PublishError extends Error {
  override name = 'PublishError';
}

export interface PublisherOptions {
  maxAttempts?: number;
  /** Base backoff; doubles per attempt. */
  backoffMs?: number;
}

/**
 * Publishes to the custom bus: validates every detail against its contract first, sends at most
 * ten entries per call, resends only the entries that failed with a retryable code, and throws
 * if any entry still failed (the caller's retry then redelivers; consumers are idempotent).
 */
export class EventBridgePublisher implements EventPublisher {
  constructor(
    private readonly client: EventBridgeClient,
    private readonly busName: string,
    private readonly options: PublisherOptions = {},
  ) {}

  async publish(events: OutgoingEvent[]): Promise<void> {
    const entries = events.map((event) => this.toEntry(event));
    for (const batch of batches(entries)) await this.putWithRetries(batch);
  }

  private toEntry({ contract, detail }: OutgoingEvent): PutEventsRequestEntry {
    const parsed = contract.detailSchema.parse(detail);
    return {
      EventBusName: this.busName,
      Source: contract.source,
      DetailType: contract.detailType,
      Detail: JSON.stringify(parsed),
    };
  }

  private async putWithRetries(batch: PutEventsRequestEntry[]): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 4;
    let pending = batch;
    for (let attempt = 1; ; attempt++) {
      const result = await this.client.send(new PutEventsCommand({ Entries: pending }));
      if (!result.FailedEntryCount) return;
      const failed = pending
        .map((entry, index) => ({ entry, outcome: result.Entries?.[index] }))
        .filter(({ outcome }) => outcome?.ErrorCode);
      const final = failed.filter(({ outcome }) => !RETRYABLE.has(outcome?.ErrorCode ?? ''));
      if (final.length > 0 || attempt >= maxAttempts) {
        const codes = [...new Set(failed.map(({ outcome }) => outcome?.ErrorCode))].join(', ');
        throw new PublishError(`${failed.length} of ${pending.length} events not published (${codes})`);
      }
      pending = failed.map(({ entry }) => entry);
      await sleep((this.options.backoffMs ?? 100) * 2 ** (attempt - 1));
    }
  }
}

/** Consecutive entries, at most ten and 256 KB a call (an entry alone over the limit goes alone: EventBridge says why). */
function batches(entries: PutEventsRequestEntry[]): PutEventsRequestEntry[][] {
  const result: PutEventsRequestEntry[][] = [];
  let current: PutEventsRequestEntry[] = [];
  let bytes = 0;
  for (const entry of entries) {
    const size = entrySize(entry);
    if (current.length > 0 && (current.length >= MAX_ENTRIES_PER_CALL || bytes + size > MAX_BYTES_PER_CALL)) {
      result.push(current);
      current = [];
      bytes = 0;
    }
    current.push(entry);
    bytes += size;
  }
  if (current.length > 0) result.push(current);
  return result;
}

/** An entry's size as EventBridge counts it: Source, DetailType, Detail and Resources in UTF-8 (Time not set here). */
function entrySize(entry: PutEventsRequestEntry): number {
  const utf8 = (value?: string) => (value ? Buffer.byteLength(value, 'utf8') : 0);
  return utf8(entry.Source) + utf8(entry.DetailType) + utf8(entry.Detail) + (entry.Resources ?? []).reduce((total, resource) => total + utf8(resource), 0);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
