/**
 * Ports: what the core needs from the outside world. Adapters (functions/adapters/) implement them
 * with the AWS SDK; unit tests implement them in memory.
 */
import type { z } from 'zod';
import type {
  DetailOf,
  EventContract,
  EventMetadata,
  InteractionAssessed,
  InteractionDeleted,
  InteractionEdited,
  InteractionReceived,
} from '../../events';

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

/** Pages on-call (an SNS topic in AWS). The message must hold no personal data. */
export interface Pager {
  page(message: { subject: string; text: string }): Promise<{ messageId: string }>;
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

/**
 * `pending`: an edit or deletion arrived before the interaction itself (events may arrive in any order);
 * it is kept and applied when the interaction is logged.
 */
export type WriteOutcome = 'written' | 'duplicate' | 'pending';

/** The interaction log (system of record). Every write is idempotent under redelivery. */
export interface InteractionLog {
  recordReceived(detail: DetailOf<typeof InteractionReceived>): Promise<WriteOutcome>;
  recordAssessed(detail: DetailOf<typeof InteractionAssessed>): Promise<WriteOutcome>;
  /** All interactions received in one ISO week (trust time zone), via the week index: no scan. */
  listWeek(week: string): Promise<LoggedInteractionSummary[]>;
}

/** Changes to logged interactions, idempotent under redelivery and in any arrival order. */
export interface InteractionChangeLog {
  /** Replaces the stored text if this edit is newer than the last one applied; never after a deletion. */
  recordEdited(detail: DetailOf<typeof InteractionEdited>): Promise<WriteOutcome>;
  /** Tombstones the interaction: flags it deleted and purges its stored text, now and if it arrives later. */
  recordDeleted(detail: DetailOf<typeof InteractionDeleted>): Promise<WriteOutcome>;
}

/** One raw platform delivery, kept exactly as received so it can be replayed. */
export interface RawDelivery {
  key: string;
  body: Uint8Array;
  contentType: string;
  /** Small, non-personal labels (platform, received time, body hash). */
  metadata: Record<string, string>;
}

/** The raw-delivery archive (S3 in AWS, a local folder locally). */
export interface RawDeliveryArchive {
  put(delivery: RawDelivery): Promise<void>;
  /** The archived bytes, or undefined when there is no such key. */
  get(key: string): Promise<Uint8Array | undefined>;
}

export interface HttpResponse {
  status: number;
  /** Header names lower-cased. */
  headers: Record<string, string>;
  body: string;
}

/** Outbound HTTP for pull connectors. Redirects are returned, not followed (a redirect can mean "log in"). */
export interface HttpClient {
  get(url: string, headers: Record<string, string>): Promise<HttpResponse>;
}

/** A pull connector's position, kept between runs; `version` guards against two runs advancing it at once. */
export interface StoredCursor<C> {
  cursor: C;
  version: number;
}

export interface CursorStore<C> {
  read(): Promise<StoredCursor<C> | undefined>;
  /** Writes the next position; throws CursorConflictError if another run moved it since `version`. */
  write(cursor: C, version: number | undefined, at: string): Promise<number>;
}

export class CursorConflictError extends Error {
  override name = 'CursorConflictError';
}
