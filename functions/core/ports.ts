/**
 * Ports: what the core needs from the outside world. Adapters (functions/adapters/) implement them
 * with the AWS SDK; unit tests implement them in memory.
 */
import type { z } from 'zod';
import type {
  AudienceChanged,
  ConnectorHealthChanged,
  DetailOf,
  EventContract,
  EventMetadata,
  InteractionAssessed,
  InteractionDeleted,
  InteractionEdited,
  InteractionReassessed,
  InteractionReceived,
  Interaction,
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
  /** Inline images (referenced in the HTML as `cid:<contentId>`) and attached files: sent as a raw MIME message. */
  attachments?: EmailAttachment[];
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Uint8Array;
  /** Set for an image shown inline in the HTML as `cid:<contentId>`; absent for an attached file. */
  contentId?: string;
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

/**
 * What the digest reads of one logged interaction: categories, times and counts, never text or author.
 * Every optional field may be absent: absent means not known (yet), never zero or false.
 */
export interface LoggedInteractionSummary {
  id: string;
  platform: string;
  channel: string;
  receivedAt: string;
  ownAccount: boolean;
  /** The trust's own account (page, handle) the interaction reached: the trust's id, never a person's. */
  accountId?: string;
  /** Absent until the matrix has assessed it. */
  category?: string;
  priority?: string;
  /** The queue's view, kept by the log as the team works the item. */
  status?: string;
  ownerTeam?: string;
  slaDueAt?: string;
  firstResponseAt?: string;
  /** First response time counted in monitored (working) hours only, in minutes. */
  firstResponseWorkingMinutes?: number;
  /** How the first reply went out: public or private. */
  replyVisibility?: string;
  closedAt?: string;
  needsReply?: boolean;
  /** From the matrix's assessment. */
  publicReply?: string;
  sentiment?: 'positive' | 'neutral' | 'negative';
  language?: string;
  matrixVersion?: string;
  /** When the decision in force was made (a decision on an edit is later than the receipt). */
  decidedAt?: string;
  ruleId?: string;
  /** Assessment flags: personal-data, priority-raised, reply-in-welsh, ... */
  flags?: string[];
  /** What each matched signal was, in the matrix's own vocabulary (`phrase: 'waited'`), never message text. */
  signalEvidence?: string[];
  /** Deleted on the platform by its author. */
  deleted?: boolean;
  /** Other categories that also fired (the primary decision went to the most urgent). */
  secondaryCategories?: string[];
  /** The question detector fired on it (one of its recorded signals). */
  question?: boolean;
  /** The change programmes it concerns, with the key-message and claim ids it carried (ids only). */
  programmes?: { id: string; keyMessages: string[]; claims: string[] }[];
  /** The major incident in force when it was decided (its id only). */
  incidentId?: string;
  /** Content words of the redacted text: shown only when several different interactions carried them. */
  terms?: string[];
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
  /**
   * The matrix's decision on an edit: raises the item to it when it is more urgent than the item's
   * priority now (reopening it if its clock had stopped); otherwise only its audit item. Once per edit.
   */
  recordReassessed(detail: DetailOf<typeof InteractionReassessed>, matrix: MatrixView): Promise<WriteOutcome>;
}

/** An interaction as logged, for deciding again on its edited text: the canonical interaction (redacted) and its queue state. */
export interface LoggedInteraction {
  interaction: Interaction;
  record: InteractionRecord;
  /** The state engine's applied action ids (`assessed`, `reassessed:<editedAt>`...). */
  appliedActions: ReadonlySet<string>;
}

export interface LoggedInteractionReader {
  /**
   * The interaction as logged; `deleted` when only its tombstone is (deleted on the platform before it
   * reached us); undefined while it is not logged (a pending edit or decision has no interaction yet).
   */
  loggedInteraction(id: string): Promise<LoggedInteraction | 'deleted' | undefined>;
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

/** One week's comparison figures, kept so later digests compare against it without re-reading the week. */
export interface WeekSummary {
  week: string;
  /** Inbound interactions (the trust's own posts and replies excluded). */
  inbound: number;
  byPlatform: Record<string, number>;
  byCategory: Record<string, number>;
  /** Every delivery, own posts included, by platform: data completeness compares against these. */
  deliveriesByPlatform: Record<string, number>;
  /** The trust's accounts that delivered anything, by platform. */
  accounts: Record<string, string[]>;
  complaintThemes: Record<string, number>;
  matrixVersions: Record<string, number>;
  /**
   * Followers gained and lost by platform (platforms that deliver follow events). Absent in summaries
   * kept before follow events were collected: that week's follower change is not known.
   */
  followers?: Record<string, { gained: number; lost: number }>;
  /**
   * Inbound interactions about each change programme, with their sentiment split. Absent in summaries
   * kept before programmes were counted: that week's programme volume is not known.
   */
  programmes?: Record<string, { inbound: number; positive: number; neutral: number; negative: number }>;
  computedAt: string;
}

/** The digest's own records, in the log table (no week-index keys, so listWeek never sees them). */
export interface DigestRecord {
  week: string;
  recipientsKey: string;
  status: 'sending' | 'sent' | 'failed';
  attemptId: string;
  claimedAt: string;
  /** A claim older than this whose send never completed is in doubt: it may or may not have gone out. */
  leaseUntil: string;
  messageId?: string;
  sentAt?: string;
  /** WeeklyDigestSent was published for messageId. */
  published?: boolean;
  sendCount?: number;
}

export interface DigestClaim {
  week: string;
  recipientsKey: string;
  recipientCount: number;
  attemptId: string;
  now: string;
  leaseUntil: string;
  /** An operator's re-send: may claim over a sent, failed or in-doubt record, never over a send in progress. */
  resend: boolean;
}

export interface DigestStore {
  /** A conditional write: `claimed` is false when another attempt holds (or completed) the week for this list. */
  claim(claim: DigestClaim): Promise<{ claimed: true } | { claimed: false; record: DigestRecord }>;
  markSent(week: string, recipientsKey: string, attemptId: string, messageId: string, sentAt: string): Promise<void>;
  /** The send failed before SES accepted it: the next attempt may claim again. */
  markFailed(week: string, recipientsKey: string, attemptId: string, at: string): Promise<void>;
  markPublished(week: string, recipientsKey: string, messageId: string): Promise<void>;
  getWeekSummaries(weeks: string[]): Promise<Map<string, WeekSummary>>;
  putWeekSummary(summary: WeekSummary): Promise<void>;
}

/** A ConnectorHealthChanged as kept for the digest: ids and statuses only. */
export interface ConnectorHealthEntry {
  platform: string;
  status: string;
  signal: string;
  accountId?: string;
  occurredAt: string;
}

/** Connector health changes, filed by the ISO week (trust time zone) they happened in. */
export interface ConnectorHealthLog {
  recordHealthChange(detail: DetailOf<typeof ConnectorHealthChanged>): Promise<WriteOutcome>;
  listWeek(week: string): Promise<ConnectorHealthEntry[]>;
}

/** An AudienceChanged as kept for the digest: counts only, no follower identity. */
export interface AudienceEntry {
  platform: string;
  accountId: string;
  change: 'follow' | 'unfollow';
  occurredAt: string;
}

/** Follows and unfollows of the trust's accounts, filed by the ISO week (trust time zone) they happened in. */
export interface AudienceLog {
  recordAudienceChange(detail: DetailOf<typeof AudienceChanged>): Promise<WriteOutcome>;
  listWeek(week: string): Promise<AudienceEntry[]>;
}

/** Turns a chart's SVG into a PNG (pure computation; the adapter loads its renderer and fonts). */
export interface ChartRasteriser {
  toPng(svg: string, widthPx: number): Promise<Uint8Array>;
}

// The comms team's queue over the interaction log (issue 5). Kept together so the digest's edits above stay apart.
import type { AuditEntry, InteractionRecord, InteractionStatus, Transition } from './interactions/record';
import type { MatrixView } from './interactions/transitions';

/** `open` = received, assessed or assigned: the SLA clock still runs (the queue). `all` = any status. */
export type InteractionStatusFilter = InteractionStatus | 'open' | 'all';

/** What GET /interactions asks for; the adapter picks the index that answers it (never a scan). */
export interface InteractionQuery {
  status: InteractionStatusFilter;
  ownerTeam?: string;
  priority?: string;
  platform?: string;
  category?: string;
  /** Received at or after (ISO instant). */
  from?: string;
  /** Received before (ISO instant). */
  to?: string;
  limit: number;
  /** Opaque: the `nextCursor` of the previous page. */
  cursor?: string;
}

export interface InteractionPage {
  items: InteractionRecord[];
  nextCursor?: string;
}

/** `duplicate`: this action id was applied before (a redelivery or a retried request): nothing changed now. */
export interface ApplyOutcome {
  outcome: 'written' | 'unchanged' | 'duplicate';
  record: InteractionRecord;
}

/** An erasure's own record: who asked, when, and anonymised counts; never the author's identifiers. */
export interface ErasureRecord {
  erasureId: string;
  at: string;
  actor: string;
  platform: string;
  reason?: string;
  erased: number;
  byCategory: Record<string, number>;
}

/** The interaction log as the queue, the SLA watch and the ops API use it. Every read is a key or index query. */
export interface InteractionStore {
  get(id: string): Promise<InteractionRecord | undefined>;
  /** The interaction's audit items in time order. */
  auditTrail(id: string): Promise<AuditEntry[]>;
  /**
   * One state change: reads the record, lets `decide` (pure) say what changes, writes it conditionally on
   * the version read (re-reading on a concurrent change) with its audit item. An `actionId` is applied
   * at most once. Throws NotFoundError when the interaction is not logged.
   */
  apply(id: string, actionId: string, decide: (record: InteractionRecord) => Transition): Promise<ApplyOutcome>;
  list(query: InteractionQuery): Promise<InteractionPage>;
  /** Every interaction received in [from, to), page by page, in time order (the week index). */
  range(from: string, to: string): AsyncIterable<InteractionRecord[]>;
  /**
   * Everything held about one person (the author index): what they wrote, and the trust's own messages in
   * a private conversation with them; the trust's public posts are not in it.
   */
  byAuthor(platform: string, authorId: string): Promise<InteractionRecord[]>;
  /** Open items whose SLA due time is before `now` (the open-items index, by due time). */
  overdue(now: string): Promise<InteractionRecord[]>;
  /** Items whose platform's terms require their text gone before `before` (the content-expiry index). */
  contentExpiring(before: string): Promise<InteractionRecord[]>;
  recordErasure(erasure: ErasureRecord): Promise<void>;
  /**
   * The trust's own reply to a message not logged yet (its delivery is behind the reply's): kept on that
   * message's key and recorded as its reply once the message is logged and decided (each reply once).
   */
  keepOwnReply?(targetId: string, reply: PendingOwnReply, matrix: MatrixView): Promise<void>;
  /** For an id not logged yet: the decisions on its edits that wait for it (category, priority, when edited). */
  waitingDecisions?(id: string): Promise<Array<{ category: string; priority: string; editedAt: string }>>;
}

/** The trust's own reply waiting for the message it answers. */
export interface PendingOwnReply {
  /** The own reply's interaction id. */
  replyInteractionId: string;
  /** When it was sent (the platform's time). */
  at: string;
  visibility: 'public' | 'private';
  /** When intake received it (the wait's TTL starts here). */
  receivedAt: string;
}

// notify-owner's at-most-once guard (one notice per interaction and escalation level).

/**
 * The record of one escalation notice: `pending` from the claim until the owner team's email went out,
 * then `sent`. `owner` is the correlationId of the delivery holding the claim (a retry, redrive or replay
 * of that delivery carries the same id, so it continues the claim at once). The page's progress is kept
 * so that nobody pages twice: a retry after the page went out sends only the email.
 */
export interface EscalationNotice {
  interactionId: string;
  /** The escalation level: the decision's priority (P0..P3), with the occasion when a later one raised it (`P0#edit-over:v<version>`). */
  level: string;
  status: 'pending' | 'sent';
  owner: string;
  claimedAt: string;
  /** A pending claim older than this may be taken over by another delivery (its holder died). */
  leaseUntil: string;
  /** Set once on-call was paged for this notice. */
  pageMessageId?: string;
  pagedAt?: string;
  /** Set once the owner team's email went out. */
  messageId?: string;
  sentAt?: string;
}

export interface EscalationNoticeClaim {
  interactionId: string;
  level: string;
  owner: string;
  now: string;
  leaseUntil: string;
  /** For the store's clean-up (the claim lives as long as the interaction's record): when and what was received. */
  receivedAt: string;
  category: string;
}

export interface EscalationNoticeStore {
  /**
   * A conditional write: claimed when there is no notice yet, when this owner holds it pending, or when
   * another owner's pending claim is past its lease. Otherwise `claimed: false` with the notice as it is.
   * A claim that is granted returns the notice after the claim (a page already sent is kept).
   */
  claim(claim: EscalationNoticeClaim): Promise<{ claimed: boolean; notice: EscalationNotice }>;
  /** Records the page (only while `owner` holds the claim). */
  markPaged(interactionId: string, level: string, owner: string, pageMessageId: string, at: string): Promise<void>;
  /** pending -> sent (only while `owner` holds the claim). */
  markSent(interactionId: string, level: string, owner: string, messageId: string, at: string): Promise<void>;
}

// Major change and major incident (issue 8).
export type { IncidentMode, IncidentModeStore } from './incidents/incident-mode';

/** A SpikeDetected as kept for the digest and the queue: counts and common words only. */
export interface SpikeRecord {
  spikeId: string;
  series: { kind: 'overall' | 'programme' | 'category'; key: string; label: string };
  windowStart: string;
  windowEnd: string;
  count: number;
  expected: number;
  topTerms: string[];
  ownerTeam: string;
  suggestIncidentMode: boolean;
  detectedAt: string;
}

/** Spikes detected, by when they were detected. */
export interface SpikeLog {
  /** Spikes detected in [from, to), oldest first. */
  listBetween(from: string, to: string): Promise<SpikeRecord[]>;
}
