/**
 * Ports: what the core needs from the outside world. Adapters (functions/adapters/) implement them
 * with the AWS SDK; unit tests implement them in memory.
 */
import type { z } from 'zod';
import type { DetailOf, EventContract, EventMetadata, InteractionAssessed, InteractionReceived } from '../../events';

export interface OutgoingEvent<D extends z.ZodType = z.ZodType> {
  contract: EventContract<D>;
  detail: { metadata: EventMetadata; data: z.infer<D> };
}

export interface EventPublisher {
  /** Validates each detail against its contract, publishes all, and throws if any entry failed for good. */
  publish(events: OutgoingEvent[]): Promise<void>;
}

export interface EmailMessage {
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ messageId: string }>;
}

export interface SecretStore {
  /** A secret whose value is a JSON object. */
  getJson(secretId: string): Promise<Record<string, unknown>>;
}

/** What the digest reads of one logged interaction: categories and counts, never text or author. */
export interface LoggedInteractionSummary {
  id: string;
  platform: string;
  channel: string;
  receivedAt: string;
  ownAccount: boolean;
  /** Absent until the matrix has assessed it. */
  category?: string;
  priority?: string;
}

export type WriteOutcome = 'written' | 'duplicate';

/** The interaction log (system of record). Every write is idempotent under redelivery. */
export interface InteractionLog {
  recordReceived(detail: DetailOf<typeof InteractionReceived>): Promise<WriteOutcome>;
  recordAssessed(detail: DetailOf<typeof InteractionAssessed>): Promise<WriteOutcome>;
  /** All interactions received in one ISO week (trust time zone), via the week index: no scan. */
  listWeek(week: string): Promise<LoggedInteractionSummary[]>;
}
