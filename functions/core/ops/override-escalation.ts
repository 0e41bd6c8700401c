import { EscalationRaised, type Channel, type Platform, type Priority } from '../../../events';
import { isOpen, type AuditEntry, type InteractionRecord } from '../interactions/record';
import { escalationFor } from '../matrix/escalation';
import { moreUrgent, PRIORITY_ORDER } from '../matrix/precedence';
import type { ResponseMatrix, Team } from '../matrix/schema';
import type { EventPublisher, OutgoingEvent } from '../ports';

/**
 * A person's override that raises the priority of an open item to one the matrix escalates tells the
 * owner team (and pages on-call) exactly as the matrix's own decision would: an EscalationRaised for
 * notify-owner. Downgrades, sideways moves, overrides of replied or closed items and priorities the matrix
 * does not escalate (P2, P3, monitor by default) tell nobody.
 *
 * An override leaves the item's owner team as it is (assign moves it), so the escalation goes to the team
 * that owns the item in the queue; a team's `notify: all` does not make every override an escalation.
 */
export interface OverrideEscalationDeps {
  publisher: EventPublisher;
  /** The matrix's `escalation`: which priorities are escalated and which page on-call. */
  settings: ResponseMatrix['escalation'];
  /** The matrix's teams by id (their names for the email). */
  teams: ReadonlyMap<string, Team>;
}

/** What was recorded: the priority before and after, who did it and why. */
export interface RecordedOverride {
  before: string | undefined;
  after: string | undefined;
  actor: string;
  reason: string;
}


/**
 * The escalation an override raises, or undefined. `record` is the item as it is after the override.
 * The event's idempotency key and correlation id come from the interaction and the override's action id,
 * so a retried request (same Idempotency-Key) publishes the same event and notify-owner continues the
 * same claim rather than waiting out another delivery's lease.
 *
 * The officer's free-text reason never goes in the event (nor so in the team email): staff reasons can
 * describe the patient. The event says who raised it and points to the audit trail, which keeps the reason.
 */
export function overrideEscalation(
  record: InteractionRecord,
  override: RecordedOverride,
  actionId: string,
  now: string,
  deps: Pick<OverrideEscalationDeps, 'settings' | 'teams'>,
): OutgoingEvent<typeof EscalationRaised.dataSchema> | undefined {
  const priority = override.after;
  if (!isPriority(priority) || !isOpen(record.status) || record.priority !== priority) return undefined;
  // An item without a priority yet (not assessed) counts as the least urgent.
  if (isPriority(override.before) && !moreUrgent(priority, override.before)) return undefined;
  // The matrix's own rule for which priorities tell the owner team (the team's notify: all is not
  // the override's business: it heard about the decision already).
  const decision = escalationFor(priority, undefined, deps.settings);
  if (!decision.notify) return undefined;

  const assessment = record.assessment;
  const category = record.category ?? 'unassessed';
  const ownerTeam = record.ownerTeam ?? assessment?.ownerTeam ?? assessment?.owner ?? 'unassigned';
  return {
    contract: EscalationRaised,
    detail: {
      metadata: {
        schemaVersion: EscalationRaised.schemaVersion,
        idempotencyKey: `EscalationRaised:${record.id}:${actionId}`,
        correlationId: `override:${record.id}:${actionId}`,
        occurredAt: now,
      },
      data: {
        interactionId: record.id,
        platform: record.platform as Platform,
        channel: record.channel as Channel,
        ...(record.permalink ? { permalink: record.permalink } : {}),
        receivedAt: record.receivedAt,
        category,
        secondaryCategories: (assessment?.secondaryCategories ?? []).filter((secondary) => secondary !== category),
        priority,
        ownerTeam,
        owner: deps.teams.get(ownerTeam)?.name ?? ownerTeam,
        action: `Respond at ${priority}: a person raised the priority${override.before ? ` from ${override.before}` : ''} (see the interaction's audit trail)`,
        slaDueAt: record.slaDueAt ?? null,
        ruleId: record.ruleId ?? 'none (overridden before assessment)',
        matrixVersion: record.matrixVersion ?? 'none',
        reasons: [`Overridden to ${priority} by ${override.actor} (their reason is in the audit trail)`, ...decision.reasons],
        // The matrix's evidence wording for its own decision (never message text): what it saw before the override.
        evidence: [...new Set((assessment?.signals ?? []).map((signal) => signal.evidence))],
        piiKinds: assessment?.piiKinds ?? [],
        flags: [...new Set([...(assessment?.flags ?? []), 'overridden'])],
        page: decision.page,
      },
    },
  };
}

/**
 * The override recorded by `actionId` when the request is a retry (outcome `duplicate`): the latest
 * `overridden` audit item by the same person with the same reason that set the priority asked for. The
 * audit trail does not carry action ids, so this is a match on what the retried request says; a retry
 * carries the same body, and the event's key is the action id whichever item matched.
 */
export function recordedOverride(trail: readonly AuditEntry[], actor: string, reason: string, priority: string | undefined): RecordedOverride | undefined {
  if (priority === undefined) return undefined;
  const entry = [...trail]
    .reverse()
    .find((item) => item.kind === 'overridden' && item.actor === actor && item.why === reason && item.changes?.priority?.to === priority);
  if (!entry) return undefined;
  const from = entry.changes?.priority?.from;
  return { before: typeof from === 'string' ? from : undefined, after: priority, actor, reason };
}

/** Publishes the escalation an override raises, if any; throws when publishing fails (the caller answers 5xx). */
export async function publishOverrideEscalation(
  record: InteractionRecord,
  override: RecordedOverride,
  actionId: string,
  now: string,
  deps: OverrideEscalationDeps,
): Promise<boolean> {
  const event = overrideEscalation(record, override, actionId, now, deps);
  if (!event) return false;
  await deps.publisher.publish([event]);
  return true;
}

function isPriority(value: string | undefined): value is Priority {
  return value !== undefined && (PRIORITY_ORDER as readonly string[]).includes(value);
}
