import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { InteractionReceived } from '../../events';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { assessInteraction } from '../core/triage/assess-interaction';
import { loadMatrixFile } from '../shared/matrix-file';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(z.object({ EVENT_BUS_NAME: env.required, MATRIX_PATH: env.required }));
// Parsed and validated once per cold start: a bad matrix fails here, loudly, not per message.
const matrix = loadMatrixFile(config.MATRIX_PATH);
const publisher = new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME);

export async function applyResponseMatrix(event: EventBridgeEvent<string, unknown>): Promise<void> {
  const received = InteractionReceived.detailSchema.parse(event.detail);
  // The author's earlier posts (course of conduct) need an author index in the log; until it
  // exists the matrix judges each post on its own.
  const { assessment, events } = assessInteraction(received, matrix, new Date().toISOString());
  await publisher.publish(events);
  logger.info('interaction assessed', {
    interactionId: received.data.id,
    category: assessment.category,
    priority: assessment.priority,
    ruleId: assessment.ruleId,
    matrixVersion: assessment.matrixVersion,
    escalated: assessment.escalation?.notify ?? false,
  });
}

export const handler = middy<EventBridgeEvent<string, unknown>, void>()
  .use(injectLambdaContext(logger))
  .handler(applyResponseMatrix);
