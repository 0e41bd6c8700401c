import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { InteractionReceived } from '../../events';
import { DynamoDbIncidentMode } from '../adapters/dynamodb-incident-mode';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { cachedCurrentIncident } from '../core/incidents/current-cache';
import { incidentContext } from '../core/incidents/operations';
import { assessInteraction } from '../core/triage/assess-interaction';
import { loadMatrixFile } from '../shared/matrix-file';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(z.object({ EVENT_BUS_NAME: env.required, MATRIX_PATH: env.required, TABLE_NAME: env.required }));
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

export async function applyResponseMatrix(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const received = InteractionReceived.detailSchema.parse(event.detail);
  const now = new Date();
  const { incident, stale } = await currentIncident(now.getTime());
  if (stale) {
    logger.warn('major-incident mode unreadable: using the last value read', {
      interactionId: received.data.id,
      errorName: stale.error instanceof Error ? stale.error.name : 'unknown',
      staleForSeconds: Math.round(stale.staleForMs / 1000),
      incidentId: incident?.id,
    });
  }
  const context = incidentContext(incident);
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

export const handler = middy<EventBridgeEvent<string, unknown>, void>()
  .use(injectLambdaContext(logger))
  .handler(applyResponseMatrix);
