import {
  PutEventsCommand,
  type EventBridgeClient,
  type PutEventsRequestEntry,
} from '@aws-sdk/client-eventbridge';
import type { EventPublisher, OutgoingEvent } from '../core/ports';

/** Entry codes worth retrying (EventBridge PutEventsResultEntry.ErrorCode); others are final. */
const RETRYABLE = new Set(['InternalFailure', 'ThrottlingException']);
const MAX_ENTRIES_PER_CALL = 10;

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
    for (let start = 0; start < entries.length; start += MAX_ENTRIES_PER_CALL) {
      await this.putWithRetries(entries.slice(start, start + MAX_ENTRIES_PER_CALL));
    }
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

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
