import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { InteractionEdited, InteractionReceived } from '../../events';
import { DynamoDbIncidentMode } from '../adapters/dynamodb-incident-mode';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { cachedCurrentIncident } from '../core/incidents/current-cache';
import { incidentContext } from '../core/incidents/operations';
import { redactPii } from '../core/pii/redact';
import { assessInteraction } from '../core/triage/assess-interaction';
import { reassessEdit } from '../core/triage/reassess-edit';
import { loadMatrixFile } from '../shared/matrix-file';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(z.object({ EVENT_BUS_NAME: env.required, MATRIX_PATH: env.required, TABLE_NAME: env.required, TRUST_TIME_ZONE: env.timeZone }));
// Parsed and validated once per cold start: a bad matrix fails here, loudly, not per message.
const matrix = loadMatrixFile(config.MATRIX_PATH);
const publisher = new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME);
/**
 * Major-incident mode, read at most every 30 s per instance: a burst does not read the log per message,
 * and switching the mode on or off reaches new decisions within 30 s. If a read fails, the last value
 * read is used (with a warning); with none read yet the invocation fails and is retried, then
 * dead-lettered (never lost): a decision is logged once and never changed, so deciding without knowing
 * whether an incident is on could record the wrong holding line and SLA for good, and in a table outage
 * log-interaction and notify-owner cannot do their part either, so failing adds no delay of its own.
 */
export const INCIDENT_CACHE_MS = 30_000;
const currentIncident = cachedCurrentIncident(new DynamoDbIncidentMode(clients.dynamo(), config.TABLE_NAME), INCIDENT_CACHE_MS);
/** Read only (an edit is decided on with what the log holds about its interaction); the log-interaction function writes. */
const log = new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, (text) => redactPii(text).text);

/** An edit that overtook its interaction's decision: thrown so the event is retried, then dead-lettered. */
export class EditNotReadyError extends Error {
  override name = 'EditNotReadyError';
}

/**
 * Reads again after these pauses when an edit overtook its interaction: its receipt or its decision is
 * usually a moment behind (the same delivery), and deciding with the interaction as logged knows its
 * channel and author. Past them, the edit is decided on its own words and the log keeps the decision.
 */
export const EDIT_WAITS_MS = [300, 700];

export async function applyResponseMatrix(event: EventBridgeEvent<string, unknown>): Promise<void> {
  if (event['detail-type'] === InteractionEdited.detailType) return reassess(event);
  const received = InteractionReceived.detailSchema.parse(event.detail);
  const now = new Date();
  const context = await incidentNow(now, received.data.id);
  // The author's earlier posts (course of conduct) need an author index in the log; until it
  // exists the matrix judges each post on its own.
  const { assessment, events } = assessInteraction(received, matrix, now.toISOString(), context ? { incident: context } : {});
  await publisher.publish(events);
  logger.info('interaction assessed', {
    interactionId: received.data.id,
    category: assessment.category,
    priority: assessment.priority,
    ruleId: assessment.ruleId,
    matrixVersion: assessment.matrixVersion,
    escalated: assessment.escalation?.notify ?? false,
    ...(context ? { incidentId: context.id } : {}),
  });
}

/**
 * An edit is decided again on its new words (core/triage/reassess-edit.ts): InteractionReassessed for the
 * log, and EscalationRaised when the edit made it more urgent and the matrix escalates.
 */
async function reassess(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const edit = InteractionEdited.detailSchema.parse(event.detail);
  const now = new Date();
  const interactionId = edit.data.id;
  const context = await incidentNow(now, interactionId);
  const decide = async () => reassessEdit(edit, await log.loggedInteraction(interactionId), matrix, now.toISOString(), context ? { incident: context } : {});
  let outcome = await decide();
  for (const wait of EDIT_WAITS_MS) {
    if (!(outcome.kind === 'not-decided' || (outcome.kind === 'reassessed' && outcome.unlogged))) break;
    await new Promise((resolve) => setTimeout(resolve, wait));
    outcome = await decide();
  }
  if (outcome.kind === 'not-decided') {
    throw new EditNotReadyError(`edit of ${interactionId} at ${edit.data.editedAt}: the interaction is logged but not decided yet; retried`);
  }
  if (outcome.kind !== 'reassessed') {
    logger.info('edit not decided again', { interactionId, outcome: outcome.kind });
    return;
  }
  await publisher.publish(outcome.events);
  const { assessment } = outcome;
  logger.info('edit assessed', {
    interactionId,
    category: assessment.category,
    priority: assessment.priority,
    ruleId: assessment.ruleId,
    matrixVersion: assessment.matrixVersion,
    raises: outcome.raises,
    // Decided without the interaction (not in the log yet, or never sent to us): the log keeps it pending.
    unlogged: outcome.unlogged,
    escalated: outcome.events.length > 1,
    ...(context ? { incidentId: context.id } : {}),
  });
}

/** The major incident in force (cached), as the matrix's context; a stale read is used with a warning. */
async function incidentNow(now: Date, interactionId: string) {
  const { incident, stale } = await currentIncident(now.getTime());
  if (stale) {
    logger.warn('major-incident mode unreadable: using the last value read', {
      interactionId,
      errorName: stale.error instanceof Error ? stale.error.name : 'unknown',
      staleForSeconds: Math.round(stale.staleForMs / 1000),
      incidentId: incident?.id,
    });
  }
  return incidentContext(incident);
}

export const handler = middy<EventBridgeEvent<string, unknown>, void>()
  .use(injectLambdaContext(logger))
  .handler(applyResponseMatrix);
