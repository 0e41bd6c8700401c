import type { Assessment, Priority } from '../../../events';
import type { WorkingCalendar } from '../sla/calendar';
import { moreUrgent } from '../matrix/precedence';
import { slaDueAt } from '../sla/clock';
import type { SlaTarget } from '../sla/target';
import { elapsedMinutesBetween, workingMinutesBetween } from '../sla/working-time';
import { ConflictError, ValidationError } from './errors';
import { isOpen, unchanged, type AuditDraft, type InteractionRecord, type ReplyVisibility, type Transition } from './record';
import { fieldLabel, fieldValue } from './wording';

/**
 * The state changes of a logged interaction, as pure functions: the record as it is in, the record as
 * it must be and its audit item out (or `unchanged`, which writes nothing). The adapter applies them
 * with a conditional write on the record's version, so a change is never lost to a concurrent one, and
 * records each applied action's id, so a redelivered event or a retried request changes nothing twice.
 */

/** What a transition may need from the matrix besides the record. */
export interface MatrixView {
  calendar: WorkingCalendar;
  /** Team ids (`teams` of the matrix). */
  teams: ReadonlySet<string>;
  /** Team names by id, for the audit trail's words; absent: the ids. */
  teamNames?: ReadonlyMap<string, string>;
  /** The matrix's `incidentMode.sla`: the targets of decisions made while major-incident mode was on. */
  incidentSla?: Partial<Record<Priority, SlaTarget>>;
  /** Categories the matrix decides, with what the first rule for each says. */
  categories: ReadonlyMap<string, { owner: string; publicReply: string }>;
  /** Rule ids by their place in the matrix: its tie-break between equally urgent rules (absent: priority alone decides). */
  ruleOrder?: ReadonlyMap<string, number>;
  /** The SLA target for a category at a priority: the matrix rule's if it has one, else the priority's default. */
  slaFor(category: string | undefined, priority: Priority): SlaTarget;
}

/**
 * The clock summary of the NHS response matrix, for a priority a person set by override:
 * P0 15 minutes 24/7, P1 one monitored hour, P2 end of the next working day, P3 two working days,
 * monitor-only no clock.
 */
export const PRIORITY_SLA: Readonly<Record<Priority, SlaTarget>> = {
  P0: { kind: 'minutes', value: 15, allDay: true },
  P1: { kind: 'workingHours', value: 1 },
  P2: { kind: 'endOfWorkingDay', offsetDays: 1 },
  P3: { kind: 'workingDays', value: 2 },
  monitor: { kind: 'none' },
};

/** A reply is expected when the matrix wants one (public, private or a holding line) and the item is not monitor-only. */
export function needsReplyFor(publicReply: string | undefined, priority: string | undefined, ownAccount: boolean): boolean {
  if (ownAccount || priority === 'monitor') return false;
  return publicReply === 'yes' || publicReply === 'private-only' || publicReply === 'holding-line';
}

/** Logged by intake: nothing to decide beyond the record's indexes (the receipt audit item is the log's own). */
export function received(record: InteractionRecord): Transition {
  return { kind: 'changed', next: record };
}

/**
 * The matrix's decision. Applied once per interaction; a person's override or assignment made before
 * it arrived is kept (the decision is still logged in full beside it).
 */
export function assessed(record: InteractionRecord, assessment: Assessment): Transition {
  const next: InteractionRecord = {
    ...record,
    status: record.status === 'received' ? 'assessed' : record.status,
    ruleId: assessment.ruleId,
    matrixVersion: assessment.matrixVersion,
    ownerTeam: record.assignedAt ? record.ownerTeam : (assessment.ownerTeam ?? assessment.owner),
  };
  if (!record.overridden) {
    next.category = assessment.category;
    next.priority = assessment.priority;
    next.slaDueAt = assessment.slaDueAt ?? undefined;
    next.needsReply = needsReplyFor(assessment.publicReply, assessment.priority, record.ownAccount);
  }
  return { kind: 'changed', next };
}

/**
 * Whether the matrix ranks a decision ahead of the item's: more urgent, or as urgent from a rule written
 * earlier in the matrix (its own tie-break between rules that fire together). An item a person overrode is
 * compared by priority only: their category stands unless the new decision is more urgent.
 */
export function outranks(
  assessment: Pick<Assessment, 'priority' | 'ruleId' | 'category'>,
  record: Pick<InteractionRecord, 'priority' | 'ruleId' | 'category' | 'overridden'>,
  ruleOrder: ReadonlyMap<string, number> | undefined,
): boolean {
  const current = record.priority as Priority | undefined;
  if (current === undefined || !(current in PRIORITY_SLA)) return true;
  if (moreUrgent(assessment.priority, current)) return true;
  if (assessment.priority !== current || record.overridden || assessment.category === record.category) return false;
  const ahead = ruleOrder?.get(assessment.ruleId);
  const behind = record.ruleId !== undefined ? ruleOrder?.get(record.ruleId) : undefined;
  return ahead !== undefined && behind !== undefined && ahead < behind;
}

export interface ReassessedInput {
  assessment: Assessment;
  editedAt: string;
  /** When the edit was received: the new decision's clock runs from here. */
  receivedAt: string;
  /** The notice occasion the team was told under when the raise was foreseen (InteractionReassessed). */
  occasion?: string;
  /**
   * When the decision waited for the message's own (the edit came first): the time it is applied, for the
   * audit item, so the trail reads in order (the message's decision, then this one over it).
   */
  appliedAt?: string;
}

/**
 * The matrix decided again on an edit (InteractionReassessed), applied once per edit in any order: the
 * item ends with whichever decision the matrix ranks first (`outranks`), so an edit never lowers it.
 *
 * A decision that outranks the item's raises it: category, priority, rule, owner team (an assignee stays
 * only with their team), the decision in force (the earlier one stays in the audit trail), and the clock
 * from the edit (a running clock due sooner is kept). If the clock had stopped: a reply at or after the
 * edit already answered the new words (it is the first response, timed from the edit); otherwise the item
 * is reopened with the first-response fields cleared, unless a person closed it after the edit came in.
 * A decision that does not outrank it changes nothing but the audit trail.
 */
export function reassessed(record: InteractionRecord, input: ReassessedInput, matrix: MatrixView): Transition {
  const { assessment } = input;
  if (record.deletedAt !== undefined || record.erasedAt !== undefined || record.contentExpiredAt !== undefined) return unchanged;
  const current = record.priority;
  const decided = `${assessment.category} ${assessment.priority}`;
  // Which version of the text it decided on: edits can arrive out of order, and the text shown is the latest.
  const version = input.appliedAt ? ` (on the edit made at ${input.editedAt}, which came before the message itself)` : ` (on the edit made at ${input.editedAt})`;
  const draft = (what: string, changes?: Record<string, { from?: unknown; to?: unknown }>): AuditDraft => ({
    at: input.appliedAt ?? assessment.assessedAt,
    kind: 'reassessed',
    actor: 'system:response-matrix',
    what: `${what}${version}`,
    why: assessment.rationale,
    matrixVersion: assessment.matrixVersion,
    ruleId: assessment.ruleId,
    signals: assessment.signals,
    ...(changes && Object.keys(changes).length > 0 ? { changes } : {}),
  });
  if (!outranks(assessment, record, matrix.ruleOrder)) {
    const same = assessment.priority === current && assessment.category === record.category;
    return {
      kind: 'changed',
      next: record,
      audit: draft(
        same
          ? `still ${decided}`
          : `${decided}; kept at ${record.category ?? 'no category'} ${current} (an edit never lowers a decision: override to change it)`,
      ),
    };
  }
  const clockFrom = input.receivedAt;
  const team = assessment.ownerTeam ?? assessment.owner;
  const assignee = team === record.ownerTeam ? record.assignee : undefined;
  const stopped = !isOpen(record.status) || record.firstResponseAt !== undefined;
  // A running clock due sooner than the new one (and not already past) is kept, with its start.
  const keepDue = !stopped && record.slaDueAt !== undefined && Date.parse(record.slaDueAt) > Date.parse(clockFrom) && (assessment.slaDueAt === null || Date.parse(record.slaDueAt) <= Date.parse(assessment.slaDueAt));
  const next: InteractionRecord = {
    ...record,
    assessment,
    category: assessment.category,
    priority: assessment.priority,
    ruleId: assessment.ruleId,
    matrixVersion: assessment.matrixVersion,
    ownerTeam: team,
    assignee,
    needsReply: needsReplyFor(assessment.publicReply, assessment.priority, record.ownAccount),
    raisedByEdits: { ...record.raisedByEdits, [input.editedAt]: input.occasion ?? '' },
  };
  if (!keepDue) {
    next.slaDueAt = assessment.slaDueAt ?? undefined;
    next.clockFrom = clockFrom;
    next.slaBreachLevel = undefined;
    next.slaNotifyPending = undefined;
  }
  const openStatus = (): InteractionRecord['status'] => (assignee !== undefined ? 'assigned' : 'assessed');
  let note = '';
  if (!stopped) {
    if (record.status === 'received' || (record.status === 'assigned' && assignee === undefined)) next.status = openStatus();
  } else {
    // A P0 is reopened even if closed after the edit came in: the person may have closed it on the old words.
    const closedAfter =
      record.status === 'closed' && assessment.priority !== 'P0' && record.closedAt !== undefined && Date.parse(record.closedAt) >= Date.parse(clockFrom);
    const answer = record.replies
      .filter((r) => Date.parse(r.at) >= Date.parse(clockFrom))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
    if (answer) {
      // Answered after the edit came in (recorded before this decision reached the log): that reply stops the new clock.
      Object.assign(next, {
        firstResponseAt: answer.at,
        firstResponseWorkingMinutes: runsAllDay(next, matrix) ? elapsedMinutesBetween(clockFrom, answer.at) : workingMinutesBetween(clockFrom, answer.at, matrix.calendar),
        firstResponseElapsedMinutes: elapsedMinutesBetween(clockFrom, answer.at),
        firstResponseBy: answer.by,
        replyVisibility: answer.visibility,
      } satisfies Partial<InteractionRecord>);
      note = ' (already answered after the edit)';
    } else {
      Object.assign(next, {
        firstResponseAt: undefined,
        firstResponseWorkingMinutes: undefined,
        firstResponseElapsedMinutes: undefined,
        firstResponseBy: undefined,
        replyVisibility: undefined,
      } satisfies Partial<InteractionRecord>);
    }
    if (closedAfter) {
      note = `${note} (left closed: closed after the edit came in)`;
    } else if (record.status === 'closed' || !answer) {
      Object.assign(next, { status: answer ? 'replied' : openStatus(), closedAt: undefined, closedBy: undefined, reopenedAt: clockFrom } satisfies Partial<InteractionRecord>);
      if (!answer) note = ' (reopened: the edit came after its clock stopped)';
    }
  }
  const changes = diff(record, next, ['category', 'priority', 'ownerTeam', 'assignee', 'slaDueAt', 'needsReply', 'status']);
  return { kind: 'changed', next, audit: draft(`${decided}: ${assessment.action}${note}`, changes) };
}

export interface AssignInput {
  team?: string;
  assignee?: string;
}

export function assign(record: InteractionRecord, input: AssignInput, actor: string, now: string, matrix: MatrixView): Transition {
  if (input.team !== undefined && !matrix.teams.has(input.team)) {
    throw new ValidationError(`body.team: "${input.team}" is not a team of the response matrix (${[...matrix.teams].join(', ')})`, ['body.team']);
  }
  refuseClosed(record, 'assigned');
  const team = input.team ?? record.ownerTeam;
  const assignee = input.assignee ?? (input.team !== undefined && input.team !== record.ownerTeam ? undefined : record.assignee);
  if (team === record.ownerTeam && assignee === record.assignee) return unchanged;
  const next: InteractionRecord = {
    ...record,
    ownerTeam: team,
    assignee,
    assignedAt: now,
    status: record.status === 'received' || record.status === 'assessed' ? 'assigned' : record.status,
  };
  const teamName = team !== undefined ? (matrix.teamNames?.get(team) ?? team) : '(no team)';
  const who = assignee ? `${teamName} (${assignee})` : teamName;
  return {
    kind: 'changed',
    next,
    audit: audit(record, now, 'assigned', actor, `assigned to ${who}`, {
      changes: diff(record, next, ['ownerTeam', 'assignee', 'status']),
    }),
  };
}

export interface ReplyInput {
  at: string;
  visibility: ReplyVisibility;
  text?: string;
  /** Set when intake saw the trust's own reply on the platform. */
  replyInteractionId?: string;
}

/**
 * A reply went out. The first one stops the SLA clock: `firstResponseAt` and the first response time
 * in working minutes (the calendar the SLA runs on) and in elapsed minutes. Later replies are recorded too.
 */
export function reply(record: InteractionRecord, input: ReplyInput, actor: string, now: string, matrix: MatrixView): Transition {
  if (Date.parse(input.at) < Date.parse(record.receivedAt)) {
    throw new ValidationError(`body.at: a reply cannot be sent (${input.at}) before the message was received (${record.receivedAt})`, ['body.at']);
  }
  if (Date.parse(input.at) > Date.parse(now) + 60_000) {
    throw new ValidationError(`body.at: ${input.at} is in the future`, ['body.at']);
  }
  refuseClosed(record, 'replied to');
  if (input.replyInteractionId && record.replies.some((r) => r.replyInteractionId === input.replyInteractionId)) return unchanged;
  const next: InteractionRecord = {
    ...record,
    replies: [...record.replies, { at: input.at, by: actor, visibility: input.visibility, ...(input.text ? { text: input.text } : {}), ...(input.replyInteractionId ? { replyInteractionId: input.replyInteractionId } : {}) }],
  };
  // A reopened item's clock runs from the edit that reopened it; a reply from before then answered the earlier text.
  const clockFrom = record.clockFrom ?? record.receivedAt;
  const first =
    Date.parse(input.at) >= Date.parse(clockFrom) &&
    (record.firstResponseAt === undefined || Date.parse(input.at) < Date.parse(record.firstResponseAt));
  if (first) {
    next.firstResponseAt = input.at;
    // A decision whose clock runs day and night (P0, any `allDay` target) is answered in elapsed minutes.
    next.firstResponseWorkingMinutes = runsAllDay(record, matrix)
      ? elapsedMinutesBetween(clockFrom, input.at)
      : workingMinutesBetween(clockFrom, input.at, matrix.calendar);
    next.firstResponseElapsedMinutes = elapsedMinutesBetween(clockFrom, input.at);
    next.firstResponseBy = actor;
    next.replyVisibility = input.visibility;
    if (isOpen(record.status)) next.status = 'replied';
  }
  const where = input.visibility === 'public' ? 'in public' : 'in private';
  const seen = input.replyInteractionId ? ` (seen on the platform: ${input.replyInteractionId})` : '';
  const timing = first
    ? `; first response after ${next.firstResponseWorkingMinutes} ${runsAllDay(record, matrix) ? 'minutes (the clock runs day and night)' : 'working minutes'}`
    : '';
  return {
    kind: 'changed',
    next,
    audit: audit(record, input.at, 'replied', actor, `replied ${where}${seen}${timing}`, {
      changes: diff(record, next, ['status', 'firstResponseAt', 'firstResponseWorkingMinutes', 'replyVisibility']),
    }),
  };
}

export interface OverrideInput {
  category?: string;
  priority?: Priority;
  reason: string;
}

/**
 * A person changes the matrix's category and/or priority; the reason is mandatory and goes in the audit item.
 * On an open item the due time follows the new priority (from receipt, as the matrix would have set it). Once
 * the clock has stopped (a reply went out, or the item is closed) an override changes priority and category
 * only: the due time and the reply expectation the response was measured against stay as they were. An open
 * monitor-only item has no clock to move: one given a priority with a clock gets it from the override, not
 * backdated to receipt (it was not expected to be answered until now).
 */
export function override(record: InteractionRecord, input: OverrideInput, actor: string, now: string, matrix: MatrixView): Transition {
  if (input.category !== undefined && !matrix.categories.has(input.category)) {
    throw new ValidationError(
      `body.category: "${input.category}" is not a category of the response matrix (${[...matrix.categories.keys()].join(', ')})`,
      ['body.category'],
    );
  }
  const category = input.category ?? record.category;
  const priority = input.priority ?? (record.priority as Priority | undefined);
  if (category === record.category && priority === record.priority) return unchanged;
  const next: InteractionRecord = { ...record, category, priority, overridden: true };
  const clockStopped = !isOpen(record.status) || record.firstResponseAt !== undefined;
  if (!clockStopped && priority !== undefined && priority !== record.priority) {
    const from = record.priority === 'monitor' ? now : (record.clockFrom ?? record.receivedAt);
    next.slaDueAt = slaDueAt(from, matrix.slaFor(category, priority), matrix.calendar) ?? undefined;
  }
  if (!clockStopped) {
    const publicReply = category !== undefined ? matrix.categories.get(category)?.publicReply : undefined;
    next.needsReply = needsReplyFor(publicReply ?? record.assessment?.publicReply, priority, record.ownAccount);
  }
  const changes = diff(record, next, ['category', 'priority', 'slaDueAt', 'needsReply']);
  const what = describeChanges(changes, matrix.calendar.timeZone);
  return { kind: 'changed', next, audit: audit(record, now, 'overridden', actor, `overridden: ${what}`, { why: input.reason, changes }) };
}

export function close(record: InteractionRecord, reason: string | undefined, actor: string, now: string): Transition {
  if (record.status === 'closed') return unchanged;
  const next: InteractionRecord = { ...record, status: 'closed', closedAt: now, closedBy: actor };
  return {
    kind: 'changed',
    next,
    audit: audit(record, now, 'closed', actor, 'closed', { ...(reason ? { why: reason } : {}), changes: diff(record, next, ['status']) }),
  };
}

/** Subject erasure: message text, identifiers, link and reply texts gone; the anonymised record stays. */
export function erase(record: InteractionRecord, input: { erasureId: string; reason?: string }, actor: string, now: string): Transition {
  if (record.erasedAt !== undefined) return unchanged;
  return {
    kind: 'changed',
    next: withoutContent({ ...record, erasedAt: now }),
    audit: audit(
      record,
      now,
      'erased',
      actor,
      `erased at the author’s request (erasure ${input.erasureId}): message text, author identifiers, link and reply texts removed`,
      input.reason ? { why: input.reason } : {},
    ),
  };
}

/** Platform terms (e.g. LinkedIn's 48 hours): the same removal as an erasure, on a schedule. */
export function expireContent(record: InteractionRecord, hoursAllowed: number | undefined, now: string): Transition {
  if (record.contentExpiredAt !== undefined || record.erasedAt !== undefined) return unchanged;
  const rule = hoursAllowed === undefined ? 'its retention limit' : `${hoursAllowed} hours at most`;
  return {
    kind: 'changed',
    next: withoutContent({ ...record, contentExpiredAt: now }),
    audit: audit(record, now, 'content-expired', 'system:retention', `message text and author identifiers removed: ${record.platform} allows ${rule}`),
  };
}

/**
 * The SLA watch found the item past due at `level`: recorded once per level, with the notification
 * pending until `breachNotified` confirms it went out.
 */
export function breached(record: InteractionRecord, level: number, now: string): Transition {
  if (!isOpen(record.status) || record.slaDueAt === undefined || (record.slaBreachLevel ?? 0) >= level) return unchanged;
  const next: InteractionRecord = {
    ...record,
    slaBreachLevel: level,
    slaBreachedAt: record.slaBreachedAt ?? now,
    slaNotifyPending: level,
  };
  const overdue = elapsedMinutesBetween(record.slaDueAt, now);
  return {
    kind: 'changed',
    next,
    audit: audit(record, now, 'sla-breached', 'system:sla-watch', `SLA breached (level ${level}): due ${record.slaDueAt}, ${overdue} minutes overdue; owner team ${record.ownerTeam ?? '(none)'} told`),
  };
}

export function breachNotified(record: InteractionRecord, level: number): Transition {
  if (record.slaNotifyPending !== level) return unchanged;
  return { kind: 'changed', next: { ...record, slaNotifyPending: undefined } };
}

function withoutContent(record: InteractionRecord): InteractionRecord {
  // A private conversation is named after the other person (Messenger, X): its thread id identifies them.
  const personalThread = record.channel === 'direct_message';
  return {
    ...record,
    text: '',
    author: {},
    permalink: undefined,
    ...(personalThread ? { threadId: undefined, parentId: undefined } : {}),
    replies: record.replies.map(({ text: _text, ...rest }) => rest),
  };
}

function refuseClosed(record: InteractionRecord, doing: string): void {
  if (record.status === 'closed') throw new ConflictError(`interaction ${record.id} is closed: it cannot be ${doing}`);
}

function audit(
  record: InteractionRecord,
  at: string,
  kind: AuditDraft['kind'],
  actor: string,
  what: string,
  extra: Partial<Pick<AuditDraft, 'why' | 'changes'>> = {},
): AuditDraft {
  return {
    at,
    kind,
    actor,
    what,
    ...(extra.why ? { why: extra.why } : {}),
    ...(record.matrixVersion ? { matrixVersion: record.matrixVersion } : {}),
    ...(record.ruleId ? { ruleId: record.ruleId } : {}),
    ...(extra.changes && Object.keys(extra.changes).length > 0 ? { changes: extra.changes } : {}),
  };
}

/**
 * Whether the item's clock runs day and night: P0, or the SLA target of its category at its priority (the
 * incident target when major-incident mode was on for the decision) is `allDay`.
 */
export function runsAllDay(record: Pick<InteractionRecord, 'priority' | 'category' | 'assessment' | 'overridden'>, matrix: MatrixView): boolean {
  const priority = record.priority as Priority | undefined;
  if (priority === undefined || !(priority in PRIORITY_SLA)) return false;
  if (priority === 'P0') return true;
  const duringIncident = record.assessment?.incident !== undefined ? matrix.incidentSla?.[priority] : undefined;
  const target = duringIncident ?? matrix.slaFor(record.category, priority);
  return target.kind === 'minutes' && target.allDay;
}

/** "priority P2 → P0; due Tue 24 Nov 2026, 17:00 → Tue 24 Nov 2026, 10:30": the audit trail's words for a change. */
function describeChanges(changes: Record<string, { from?: unknown; to?: unknown }>, timeZone: string): string {
  return Object.entries(changes)
    .map(([name, change]) => `${fieldLabel(name)} ${fieldValue(name, change.from, timeZone)} → ${fieldValue(name, change.to, timeZone)}`)
    .join('; ');
}

function diff(before: InteractionRecord, after: InteractionRecord, fields: Array<keyof InteractionRecord>): Record<string, { from?: unknown; to?: unknown }> {
  const changes: Record<string, { from?: unknown; to?: unknown }> = {};
  for (const field of fields) {
    if (before[field] !== after[field]) changes[field] = { ...(before[field] !== undefined ? { from: before[field] } : {}), ...(after[field] !== undefined ? { to: after[field] } : {}) };
  }
  return changes;
}
