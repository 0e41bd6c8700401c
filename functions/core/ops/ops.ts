import { NotFoundError } from '../interactions/errors';
import { isOpen, type InteractionRecord, type InteractionStatus, type Transition } from '../interactions/record';
import { assign, close, erase, override, reply, type MatrixView } from '../interactions/transitions';
import type { InteractionStatusFilter, InteractionStore } from '../ports';
import { OPS_GROUPS, requireGroup, type Caller } from './caller';
import { csvHeader, csvRow } from './csv';
import {
  assignBodySchema,
  authorPathSchema,
  checkRange,
  closeBodySchema,
  eraseQuerySchema,
  exportQuerySchema,
  idSchema,
  listQuerySchema,
  overrideBodySchema,
  parseInput,
  replyBodySchema,
  toInstant,
} from './requests';
import { detailOf, summaryOf } from './views';
import { listByProgramme, openCountsByOwnerTeam } from './queue';
import { publishOverrideEscalation, recordedOverride, type OverrideEscalationDeps, type RecordedOverride } from './override-escalation';

/**
 * The comms team's use cases behind the ops API. Input arrives raw (query, body, path) and is validated
 * here; time is passed in; the store is the only way to the log.
 */
export interface OpsDeps {
  store: InteractionStore;
  matrix: MatrixView;
  /** Reply texts are stored redacted of personal data, like every message text. */
  redact: (text: string) => string;
  newId: () => string;
  timeZone: string;
}

/** Without from/to, a list of closed, replied or all items covers the last 30 days; a range at most a year. */
const DEFAULT_LIST_DAYS = 30;
const MAX_LIST_DAYS = 366;
/** An export is one response (API Gateway and Lambda cap its size): three months at most. */
const MAX_EXPORT_DAYS = 92;

export async function listInteractions(rawQuery: unknown, now: string, deps: OpsDeps) {
  const query = parseInput(listQuerySchema, rawQuery, 'query');
  let from = query.from === undefined ? undefined : toInstant(query.from, deps.timeZone);
  let to = query.to === undefined ? undefined : toInstant(query.to, deps.timeZone);
  const status = query.status as InteractionStatusFilter;
  const queue = status === 'open' || isOpen(status as InteractionStatus);
  if (!queue && query.owner === undefined) {
    to ??= now;
    from ??= new Date(Date.parse(to) - DEFAULT_LIST_DAYS * 86_400_000).toISOString();
  }
  if (from !== undefined && to !== undefined) checkRange(from, to, MAX_LIST_DAYS);
  const storeQuery = {
    status,
    ownerTeam: query.owner,
    priority: query.priority,
    platform: query.platform,
    category: query.category,
    from,
    to,
    limit: query.limit,
    cursor: query.cursor,
  };
  const page = query.programme === undefined ? await deps.store.list(storeQuery) : await listByProgramme(deps.store, storeQuery, query.programme);
  // The queue's first page also says how many open items each owner team has (the console's counts).
  const counts = status === 'open' && query.cursor === undefined ? await openCountsByOwnerTeam(deps.store) : undefined;
  return {
    items: page.items.map(summaryOf),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    ...(counts ? { openCount: counts.total, countsByOwnerTeam: counts.byOwnerTeam } : {}),
  };
}

export async function getInteraction(rawId: unknown, deps: OpsDeps) {
  const id = parseInput(idSchema, rawId, 'path');
  const record = await deps.store.get(id);
  if (!record) {
    // An edit that came before its message was decided and told the team, who may follow the email's link here.
    const waiting = (await deps.store.waitingDecisions?.(id)) ?? [];
    const latest = waiting.at(-1);
    if (latest) {
      throw new NotFoundError(
        `${id} has not reached us yet, but an edit of it has: it was decided ${latest.category} ${latest.priority} (edited ${latest.editedAt}). ` +
          'It joins the queue, raised to that decision, when the platform delivers it; until then open it on the platform (the team email has the link).',
      );
    }
    throw new NotFoundError(`no interaction ${id}`);
  }
  return detailOf(record, await deps.store.auditTrail(id));
}

export type OpsAction = 'assign' | 'reply' | 'override' | 'close';

/**
 * One state change by a person. `actionId` is the request's Idempotency-Key when it sent one (a retried
 * request then changes nothing twice), else its request id.
 */
export async function performAction(action: OpsAction, rawId: unknown, rawBody: unknown, caller: Caller, now: string, actionId: string, deps: ActionDeps) {
  const id = parseInput(idSchema, rawId, 'path');
  if (action === 'override') return performOverride(id, rawBody, caller, now, actionId, deps);
  const decide = decision(action, rawBody, caller, now, deps);
  const result = await deps.store.apply(id, actionId, decide);
  return { outcome: result.outcome, interaction: summaryOf(result.record) };
}

/** What a state change needs besides the log: where an override that escalates is published. */
export interface ActionDeps extends OpsDeps {
  escalation: OverrideEscalationDeps;
}

/**
 * An override, then its escalation (override-escalation.ts) when it raised an open item to a priority the
 * matrix escalates. The write and the publish are two steps: if the publish fails after the write, the
 * error goes up (the API answers 500) and the client's retry with the same Idempotency-Key finds the
 * override already applied (`duplicate`). So the escalation is published whenever the override this action
 * id recorded is an escalating one, written now or before, not only on `written`: a retry after a failed
 * publish then publishes it. A retry after a publish that did go out publishes the same event again (same
 * idempotency key and correlation id), which is harmless: notify-owner claims one notice per interaction and
 * priority (pk=INT#<id> sk=NOTIFIED#<priority>), so nothing is emailed or paged twice.
 */
async function performOverride(id: string, rawBody: unknown, caller: Caller, now: string, actionId: string, deps: ActionDeps) {
  const body = parseInput(overrideBodySchema, rawBody, 'body');
  let before: InteractionRecord | undefined;
  const result = await deps.store.apply(id, actionId, (record) => {
    before = record; // the last read (apply decides again after a concurrent change)
    return override(record, body, caller.actor, now, deps.matrix);
  });
  let recorded: RecordedOverride | undefined;
  if (result.outcome === 'written' && before) {
    recorded = { before: before.priority, after: result.record.priority, actor: caller.actor, reason: body.reason };
  } else if (result.outcome === 'duplicate') {
    recorded = recordedOverride(await deps.store.auditTrail(id), caller.actor, body.reason, body.priority);
  }
  if (recorded) await publishOverrideEscalation(result.record, recorded, actionId, now, deps.escalation);
  return { outcome: result.outcome, interaction: summaryOf(result.record) };
}

function decision(action: Exclude<OpsAction, 'override'>, rawBody: unknown, caller: Caller, now: string, deps: OpsDeps): (record: InteractionRecord) => Transition {
  switch (action) {
    case 'assign': {
      const body = parseInput(assignBodySchema, rawBody, 'body');
      return (record) => assign(record, body, caller.actor, now, deps.matrix);
    }
    case 'reply': {
      const body = parseInput(replyBodySchema, rawBody, 'body');
      const input = { at: body.at ?? now, visibility: body.visibility, ...(body.text ? { text: deps.redact(body.text) } : {}) };
      return (record) => reply(record, input, caller.actor, now, deps.matrix);
    }
    case 'close': {
      const body = parseInput(closeBodySchema, rawBody, 'body');
      return (record) => close(record, body.reason, caller.actor, now);
    }
  }
}

/**
 * One CSV row per interaction received in [from, to), from the week index (own posts included, marked
 * `ownAccount`). No message text unless asked for (`includeText=true`) by a member of comms-leads;
 * never author identifiers.
 */
export async function exportInteractions(rawQuery: unknown, caller: Caller, deps: OpsDeps): Promise<{ csv: string; rows: number; includeText: boolean }> {
  const query = parseInput(exportQuerySchema, rawQuery, 'query');
  const includeText = query.includeText === 'true';
  if (includeText) requireGroup(caller, OPS_GROUPS.exportText, 'Exporting message text');
  const from = toInstant(query.from, deps.timeZone);
  const to = toInstant(query.to, deps.timeZone);
  checkRange(from, to, MAX_EXPORT_DAYS);
  const lines = [csvHeader(includeText)];
  for await (const page of deps.store.range(from, to)) {
    for (const record of page) lines.push(csvRow(record, includeText));
  }
  return { csv: lines.join(''), rows: lines.length - 1, includeText };
}

/** Subject access (UK GDPR art. 15): every interaction held from this author, with its replies and audit trail. */
export async function subjectAccess(rawPath: unknown, caller: Caller, now: string, deps: OpsDeps) {
  requireGroup(caller, OPS_GROUPS.subjectAccess, 'Subject access');
  const { platform, id } = parseInput(authorPathSchema, rawPath, 'path');
  const records = await deps.store.byAuthor(platform, id);
  if (records.length === 0) throw new NotFoundError(`nothing is held about this ${platform} author`);
  const interactions = [];
  for (const record of records) interactions.push(detailOf(record, await deps.store.auditTrail(record.id)));
  return { platform, authorId: id, generatedAt: now, count: interactions.length, interactions };
}

/**
 * Erasure (UK GDPR art. 17): every interaction from this author loses its message text, the author's
 * identifiers, the link and reply texts, and leaves the author index; each gets an `erased` audit item,
 * and the erasure its own record with anonymised counts (no identifier of the author).
 */
export async function eraseAuthor(rawPath: unknown, rawQuery: unknown, caller: Caller, now: string, deps: OpsDeps) {
  requireGroup(caller, OPS_GROUPS.subjectAccess, 'Erasure');
  const { platform, id } = parseInput(authorPathSchema, rawPath, 'path');
  const { reason } = parseInput(eraseQuerySchema, rawQuery, 'query');
  const records = await deps.store.byAuthor(platform, id);
  if (records.length === 0) throw new NotFoundError(`nothing is held about this ${platform} author`);
  const erasureId = deps.newId();
  const byCategory: Record<string, number> = {};
  let erased = 0;
  for (const record of records) {
    const result = await deps.store.apply(record.id, `erase:${erasureId}`, (current) => erase(current, { erasureId, reason }, caller.actor, now));
    if (result.outcome !== 'written') continue;
    erased += 1;
    const category = result.record.category ?? 'unassessed';
    byCategory[category] = (byCategory[category] ?? 0) + 1;
  }
  await deps.store.recordErasure({ erasureId, at: now, actor: caller.actor, platform, ...(reason ? { reason } : {}), erased, byCategory });
  return { erasureId, platform, erasedAt: now, erased, byCategory };
}
