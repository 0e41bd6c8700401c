import type { LoggedInteractionSummary } from '../core/ports';

/**
 * What the digest reads of each interaction item in the week index: a projection, so no message text
 * and no author ever leaves the table for the digest (the `interaction` map is read for its accountId only).
 * Every name goes through ExpressionAttributeNames (`status`, `language`... are DynamoDB reserved words).
 */
const TOP_LEVEL = [
  'interactionId',
  'platform',
  'channel',
  'receivedAt',
  'ownAccount',
  'category',
  'priority',
  'status',
  'ownerTeam',
  'slaDueAt',
  'firstResponseAt',
  'firstResponseWorkingMinutes',
  'replyVisibility',
  'closedAt',
  'needsReply',
  'deletedAt',
] as const;
const NESTED = [
  ['interaction', 'accountId'],
  ['assessment', 'sentiment'],
  ['assessment', 'language'],
  ['assessment', 'matrixVersion'],
  ['assessment', 'assessedAt'],
  ['assessment', 'ruleId'],
  ['assessment', 'flags'],
  ['assessment', 'publicReply'],
  ['assessment', 'slaDueAt'],
  ['assessment', 'signals'],
  ['assessment', 'secondaryCategories'],
  // Issue 8: programme tags (ids only), the incident in force (its id), the content words.
  ['assessment', 'programmes'],
  ['assessment', 'incident', 'id'],
  ['assessment', 'terms'],
] as const;

const names: Record<string, string> = {};
const alias = (name: string) => {
  const key = `#${name}`;
  names[key] = name;
  return key;
};
export const WEEK_PROJECTION = {
  expression: [...TOP_LEVEL.map(alias), ...NESTED.map((path) => path.map(alias).join('.'))].join(', '),
  names,
};

const str = (value: unknown) => (typeof value === 'string' ? value : undefined);
const strings = (value: unknown) => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : undefined);

/** Programme tags as ids only; anything malformed is dropped rather than guessed. */
function programmesOf(value: unknown): LoggedInteractionSummary['programmes'] {
  if (!Array.isArray(value)) return undefined;
  return value.flatMap((tag) => {
    const id = str((tag as Record<string, unknown> | undefined)?.id);
    if (id === undefined) return [];
    const t = tag as Record<string, unknown>;
    return [{ id, keyMessages: strings(t.keyMessages) ?? [], claims: strings(t.claims) ?? [] }];
  });
}

export function toInteractionSummary(item: Record<string, unknown>): LoggedInteractionSummary {
  const interaction = (item.interaction ?? {}) as Record<string, unknown>;
  const assessment = (item.assessment ?? {}) as Record<string, unknown>;
  const sentiment = str((assessment.sentiment as Record<string, unknown> | undefined)?.label);
  const summary: LoggedInteractionSummary = {
    id: String(item.interactionId),
    platform: String(item.platform),
    channel: String(item.channel),
    receivedAt: String(item.receivedAt),
    ownAccount: item.ownAccount === true,
    accountId: str(interaction.accountId),
    category: str(item.category),
    priority: str(item.priority),
    status: str(item.status),
    ownerTeam: str(item.ownerTeam),
    // The state engine keeps the live due time at the top level and removes it on purpose (a person made the
    // item monitor-only): the assessment's due time stands in only for items logged before that engine
    // existed, which have no top-level status.
    slaDueAt: str(item.slaDueAt) ?? (item.status === undefined ? str(assessment.slaDueAt) : undefined),
    firstResponseAt: str(item.firstResponseAt),
    firstResponseWorkingMinutes: typeof item.firstResponseWorkingMinutes === 'number' ? item.firstResponseWorkingMinutes : undefined,
    replyVisibility: str(item.replyVisibility),
    closedAt: str(item.closedAt),
    needsReply: typeof item.needsReply === 'boolean' ? item.needsReply : undefined,
    publicReply: str(assessment.publicReply),
    sentiment: sentiment === 'positive' || sentiment === 'neutral' || sentiment === 'negative' ? sentiment : undefined,
    language: str(assessment.language),
    matrixVersion: str(assessment.matrixVersion),
    decidedAt: str(assessment.assessedAt),
    ruleId: str(assessment.ruleId),
    flags: strings(assessment.flags),
    signalEvidence: Array.isArray(assessment.signals)
      ? assessment.signals.map((s) => str((s as Record<string, unknown>)?.evidence)).filter((e): e is string => e !== undefined)
      : undefined,
    deleted: item.deletedAt !== undefined ? true : undefined,
    secondaryCategories: strings(assessment.secondaryCategories),
    question: Array.isArray(assessment.signals) ? assessment.signals.some((s) => (s as Record<string, unknown>)?.detector === 'question') : undefined,
    programmes: programmesOf(assessment.programmes),
    incidentId: str((assessment.incident as Record<string, unknown> | undefined)?.id),
    terms: strings(assessment.terms),
  };
  // One object shape for every item (absent = undefined): the digest makes many passes over a week.
  return summary;
}
