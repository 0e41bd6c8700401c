import { ConflictError, ValidationError } from '../interactions/errors';
import type { IncidentContext } from '../matrix/incident';
import { requireGroup, type Caller } from '../ops/caller';
import { incidentEndBodySchema, incidentStartBodySchema, parseInput } from '../ops/requests';
import type { IncidentMode, IncidentModeStore } from './incident-mode';

/**
 * Major-incident mode's use cases behind the ops API: switch it on, switch it off, see it. Input arrives
 * raw and is validated here; time is passed in; the store is the only way to the log. Everyone signed in
 * may read it; only the comms leads may switch it (it changes what every officer is offered to post).
 */

/** The group that may switch major-incident mode on and off (the same leads who own the public voice). */
export const INCIDENT_MODE_GROUP = 'comms-leads';

/** How far back `recent` looks, and how many it lists. */
export const RECENT_DAYS = 90;
export const RECENT_LIMIT = 10;

export interface IncidentDeps {
  store: IncidentModeStore;
  /** The matrix's `incidentMode.holdingLine`: used when the operator gives none. */
  defaultHoldingLine?: string;
}

/** What apply-response-matrix hands to the matrix while the mode is on (assessInteraction's `context.incident`). */
export type { IncidentContext };

export interface IncidentStatus {
  current: IncidentMode | null;
  /** Ended incidents of the last RECENT_DAYS days, newest first, RECENT_LIMIT at most. */
  recent: IncidentMode[];
}

/** Stable, readable and sortable: one incident per start instant. */
export function incidentIdFor(startedAt: string): string {
  return `incident-${startedAt}`;
}

/**
 * Switches major-incident mode on. `requestKey` names the request (its Idempotency-Key, else its request
 * id): a retry of the same request gets the incident it started, never a second one; any other start
 * while one is on is a ConflictError (409).
 */
export async function startIncident(rawBody: unknown, caller: Caller, now: string, requestKey: string, deps: IncidentDeps): Promise<IncidentMode> {
  requireGroup(caller, INCIDENT_MODE_GROUP, 'Switching major-incident mode on');
  const body = parseInput(incidentStartBodySchema, rawBody, 'body');
  const holdingLine = body.holdingLine ?? deps.defaultHoldingLine?.trim();
  if (!holdingLine) throwMissingHoldingLine();
  const incident: IncidentMode = {
    id: incidentIdFor(now),
    name: body.name,
    holdingLine,
    startedAt: now,
    startedBy: caller.actor,
    ...(body.reason ? { reason: body.reason } : {}),
    ...(body.spikeId ? { spikeId: body.spikeId } : {}),
  };
  return deps.store.start(incident, requestKey);
}

/** Switches the incident in force off; a ConflictError (409) when none is on. */
export async function endIncident(rawBody: unknown, caller: Caller, now: string, deps: IncidentDeps): Promise<IncidentMode> {
  requireGroup(caller, INCIDENT_MODE_GROUP, 'Switching major-incident mode off');
  const body = parseInput(incidentEndBodySchema, rawBody, 'body');
  const current = await deps.store.current();
  if (!current) throw new ConflictError('major-incident mode is not on: there is nothing to switch off');
  return deps.store.end(current.id, now, caller.actor, body.reason);
}

/** The incident in force (or null) and the recent ones; anyone signed in. */
export async function incidentStatus(now: string, deps: IncidentDeps): Promise<IncidentStatus> {
  const from = new Date(Date.parse(now) - RECENT_DAYS * 86_400_000).toISOString();
  // overlapping() includes the incident in force (read consistently), so no second read of it.
  const overlapping = await deps.store.overlapping(from, now);
  const current = overlapping.find((incident) => incident.endedAt === undefined) ?? null;
  return { current, recent: recentOf(overlapping, current) };
}

/** Ended incidents, newest first, without the one in force. */
export function recentOf(incidents: readonly IncidentMode[], current: IncidentMode | null): IncidentMode[] {
  return incidents
    .filter((incident) => incident.endedAt !== undefined && incident.id !== current?.id)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, RECENT_LIMIT);
}

/** In force at any time in [from, to): started before `to`, and not ended by `from`. */
export function overlaps(incident: Pick<IncidentMode, 'startedAt' | 'endedAt'>, from: string, to: string): boolean {
  return Date.parse(incident.startedAt) < Date.parse(to) && (incident.endedAt === undefined || Date.parse(incident.endedAt) > Date.parse(from));
}

/** The part of an incident the matrix needs: no operator names, no reasons. */
export function incidentContext(incident: IncidentMode | undefined): IncidentContext | undefined {
  return incident ? { id: incident.id, name: incident.name, holdingLine: incident.holdingLine } : undefined;
}

function throwMissingHoldingLine(): never {
  throw new ValidationError('body.holdingLine: give the holding line to offer (the matrix has no default `incidentMode.holdingLine`)', ['body.holdingLine']);
}
