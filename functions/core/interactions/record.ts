import type { Assessment } from '../../../events';

/**
 * The interaction as the queue and the auditor see it: the canonical interaction, the matrix's decision,
 * and the state the comms team moves it through. The adapter maps it to and from the log's item; the
 * names of the top-level state fields are the item's attribute names (the digest reads them).
 */

/** received -> assessed -> (assigned) -> replied -> closed. A closed item stays closed. */
export const INTERACTION_STATUSES = ['received', 'assessed', 'assigned', 'replied', 'closed'] as const;
export type InteractionStatus = (typeof INTERACTION_STATUSES)[number];

/** Statuses whose SLA clock still runs: the queue (and the SLA watch) hold these. */
export const OPEN_STATUSES: readonly InteractionStatus[] = ['received', 'assessed', 'assigned'];
export const isOpen = (status: InteractionStatus): boolean => OPEN_STATUSES.includes(status);

export type ReplyVisibility = 'public' | 'private';

export interface Reply {
  at: string;
  /** `user:<who>` (recorded through the ops API) or `system:intake` (the trust's own reply, seen by intake). */
  by: string;
  visibility: ReplyVisibility;
  /** Optional, redacted of personal data; removed with the message text on erasure or expiry. */
  text?: string;
  /** The trust's own reply as an interaction (intake), when it was seen on the platform. */
  replyInteractionId?: string;
}

export interface Author {
  id?: string;
  handle?: string;
  displayName?: string;
}

export interface InteractionRecord {
  id: string;
  platform: string;
  channel: string;
  receivedAt: string;
  occurredAt?: string;
  ownAccount: boolean;
  private?: boolean;
  // The content: message text and what identifies its author. Erased on request, expired by platform terms.
  text: string;
  author: Author;
  permalink?: string;
  parentId?: string;
  threadId?: string;
  language?: string;
  mediaKinds?: string[];

  status: InteractionStatus;
  category?: string;
  priority?: string;
  /** The owner team's id (config/response-matrix.yaml `teams`). */
  ownerTeam?: string;
  assignee?: string;
  assignedAt?: string;
  /** Absent when the matrix sets no clock (monitor only) or before assessment. */
  slaDueAt?: string;
  /** The matrix decided a reply is expected (public, private, or a holding line). */
  needsReply?: boolean;
  ruleId?: string;
  matrixVersion?: string;
  firstResponseAt?: string;
  /** Working (monitored) minutes from receipt to the first response: the clock the SLA runs on. */
  firstResponseWorkingMinutes?: number;
  firstResponseElapsedMinutes?: number;
  firstResponseBy?: string;
  replyVisibility?: ReplyVisibility;
  replies: Reply[];
  closedAt?: string;
  closedBy?: string;
  /** A person changed the matrix's category or priority (the audit item says who and why). */
  overridden?: boolean;
  /** Highest SLA breach level notified so far (1: past due; 2: well past due). */
  slaBreachLevel?: number;
  slaBreachedAt?: string;
  /** A breach level claimed whose notification has not been confirmed sent (re-sent by the next run). */
  slaNotifyPending?: number;
  editedAt?: string;
  /**
   * When the item's clock started, when not at receipt: an edit raised the item to a decision with a new
   * clock (from the edit's receipt). Replies and overrides time from here.
   */
  clockFrom?: string;
  /** An edit raised the item after its clock had stopped (replied or closed) and it was reopened then. */
  reopenedAt?: string;
  /** Edits (by `editedAt`) whose decision raised the item, with the notice occasion each was told under ('' when none). */
  raisedByEdits?: Record<string, string>;
  deletedAt?: string;
  /** The author asked for erasure: text and identifiers are gone. */
  erasedAt?: string;
  /** Platform terms (LinkedIn: 48 h): text and identifiers are gone, the anonymised record stays. */
  contentExpiredAt?: string;
  /**
   * The matrix's decision in force: the first one, replaced only by a decision on an edit that outranks it
   * (the earlier one stays in the audit trail). A person's override is recorded beside it, never in it.
   */
  assessment?: Assessment;
  /** Optimistic concurrency: every state change increments it. */
  version: number;
}

export const AUDIT_KINDS = [
  'received',
  'assessed',
  'assigned',
  'replied',
  'overridden',
  'closed',
  'erased',
  'edited',
  'reassessed',
  'deleted',
  'sla-breached',
  'content-expired',
] as const;
export type AuditKind = (typeof AUDIT_KINDS)[number];

/** One append-only audit item: who, when, what, why, and the matrix version in force. */
export interface AuditDraft {
  at: string;
  kind: AuditKind;
  /** `system:<service>` or `user:<who>` (from the JWT claims). */
  actor: string;
  what: string;
  why?: string;
  matrixVersion?: string;
  ruleId?: string;
  /** Field changes, old and new values (never message text). */
  changes?: Record<string, { from?: unknown; to?: unknown }>;
  /** The signals of a matrix decision (evidence wording, never message text). */
  signals?: unknown[];
}

export type AuditEntry = AuditDraft;

export type Transition =
  | { kind: 'changed'; next: InteractionRecord; audit?: AuditDraft }
  | { kind: 'unchanged' };

export const unchanged: Transition = { kind: 'unchanged' };
