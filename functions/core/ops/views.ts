import type { AuditEntry, InteractionRecord } from '../interactions/record';

/**
 * What the ops API answers. A summary (lists, action results, the CSV) never carries message text or
 * the author; the detail of one interaction does, for the person who has to reply to it.
 */
export interface InteractionSummary {
  id: string;
  platform: string;
  channel: string;
  status: string;
  receivedAt: string;
  ownAccount: boolean;
  category?: string;
  priority?: string;
  ownerTeam?: string;
  assignee?: string;
  slaDueAt?: string;
  /** When the clock started, when not at receipt (an edit raised the item). */
  clockFrom?: string;
  needsReply?: boolean;
  firstResponseAt?: string;
  firstResponseWorkingMinutes?: number;
  replyVisibility?: string;
  closedAt?: string;
  slaBreachLevel?: number;
  permalink?: string;
  /** Ids of the change programmes the decision tagged (response-matrix.yaml `programmes`). */
  programmes?: string[];
  overridden: boolean;
  deleted: boolean;
  erased: boolean;
}

export function summaryOf(record: InteractionRecord): InteractionSummary {
  return compact({
    id: record.id,
    platform: record.platform,
    channel: record.channel,
    status: record.status,
    receivedAt: record.receivedAt,
    ownAccount: record.ownAccount,
    category: record.category,
    priority: record.priority,
    ownerTeam: record.ownerTeam,
    assignee: record.assignee,
    slaDueAt: record.slaDueAt,
    clockFrom: record.clockFrom,
    needsReply: record.needsReply,
    firstResponseAt: record.firstResponseAt,
    firstResponseWorkingMinutes: record.firstResponseWorkingMinutes,
    replyVisibility: record.replyVisibility,
    closedAt: record.closedAt,
    slaBreachLevel: record.slaBreachLevel,
    permalink: record.permalink,
    programmes: record.assessment?.programmes?.length ? record.assessment.programmes.map((tag) => tag.id) : undefined,
    overridden: record.overridden === true,
    deleted: record.deletedAt !== undefined,
    erased: record.erasedAt !== undefined || record.contentExpiredAt !== undefined,
  });
}

export function detailOf(record: InteractionRecord, audit: AuditEntry[]) {
  const assessment = record.assessment;
  return {
    ...summaryOf(record),
    ...compact({
      text: record.text,
      author: record.author,
      occurredAt: record.occurredAt,
      parentId: record.parentId,
      threadId: record.threadId,
      language: record.language,
      firstResponseElapsedMinutes: record.firstResponseElapsedMinutes,
      firstResponseBy: record.firstResponseBy,
      assignedAt: record.assignedAt,
      closedBy: record.closedBy,
      editedAt: record.editedAt,
      deletedAt: record.deletedAt,
      erasedAt: record.erasedAt,
      contentExpiredAt: record.contentExpiredAt,
      ruleId: record.ruleId,
      matrixVersion: record.matrixVersion,
    }),
    replies: record.replies,
    ...(assessment
      ? {
          assessment: compact({
            category: assessment.category,
            priority: assessment.priority,
            secondaryCategories: assessment.secondaryCategories,
            action: assessment.action,
            owner: assessment.owner,
            publicReply: assessment.publicReply,
            slaDueAt: assessment.slaDueAt ?? undefined,
            ruleId: assessment.ruleId,
            matrixVersion: assessment.matrixVersion,
            rationale: assessment.rationale,
            evidence: [...new Set(assessment.signals.map((signal) => signal.evidence))],
            piiKinds: assessment.piiKinds,
            flags: assessment.flags,
            replyTemplate: assessment.replyTemplate,
            // The change programmes the decision tagged, with the key messages and claims it matched. The
            // assessment's `terms` (content words for spike alerts and the digest) stay internal.
            programmes: assessment.programmes?.length
              ? assessment.programmes.map((tag) => ({ id: tag.id, keyMessages: [...tag.keyMessages], claims: [...tag.claims] }))
              : undefined,
            incident: assessment.incident,
            assessedAt: assessment.assessedAt,
          }),
        }
      : {}),
    audit: audit.map(({ signals: _signals, ...entry }) => entry),
  };
}

function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
