import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { InteractionAssessed, InteractionDeleted, InteractionEdited, InteractionReceived } from '../../events';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { redactPii } from '../core/pii/redact';
import type { WriteOutcome } from '../core/ports';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(z.object({ TABLE_NAME: env.required, TRUST_TIME_ZONE: env.timeZone }));

const log = new DynamoDbInteractionLog(
  clients.dynamo(),
  config.TABLE_NAME,
  config.TRUST_TIME_ZONE,
  (text) => redactPii(text).text,
);

export class UnexpectedEventError extends Error {
  override name = 'UnexpectedEventError';
}

export async function logInteraction(event: EventBridgeEvent<string, unknown>): Promise<WriteOutcome> {
  let outcome: WriteOutcome;
  let interactionId: string;
  if (event['detail-type'] === InteractionReceived.detailType) {
    const detail = InteractionReceived.detailSchema.parse(event.detail);
    interactionId = detail.data.id;
    outcome = await log.recordReceived(detail);
  } else if (event['detail-type'] === InteractionAssessed.detailType) {
    const detail = InteractionAssessed.detailSchema.parse(event.detail);
    interactionId = detail.data.interaction.id;
    outcome = await log.recordAssessed(detail);
  } else if (event['detail-type'] === InteractionEdited.detailType) {
    const detail = InteractionEdited.detailSchema.parse(event.detail);
    interactionId = detail.data.id;
    outcome = await log.recordEdited(detail);
  } else if (event['detail-type'] === InteractionDeleted.detailType) {
    const detail = InteractionDeleted.detailSchema.parse(event.detail);
    interactionId = detail.data.id;
    outcome = await log.recordDeleted(detail);
  } else {
    // Only reachable if a rule is mis-wired: throw so it dead-letters and alarms.
    throw new UnexpectedEventError(`log-interaction does not handle ${event['detail-type']}`);
  }
  logger.info('interaction logged', { interactionId, detailType: event['detail-type'], outcome });
  return outcome;
}

export const handler = middy<EventBridgeEvent<string, unknown>, WriteOutcome>()
  .use(injectLambdaContext(logger))
  .handler(logInteraction);
