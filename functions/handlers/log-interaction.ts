import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { AudienceChanged, ConnectorHealthChanged, InteractionAssessed, InteractionDeleted, InteractionEdited, InteractionReassessed, InteractionReceived } from '../../events';
import { DynamoDbAudienceLog } from '../adapters/dynamodb-audience-log';
import { DynamoDbConnectorHealthLog } from '../adapters/dynamodb-connector-health';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { matrixView } from '../core/interactions/matrix-view';
import { recordOwnReply } from '../core/interactions/own-reply';
import { retentionPolicySchema } from '../core/interactions/retention';
import { loadMatrixFile } from '../shared/matrix-file';
import { redactPii } from '../core/pii/redact';
import type { WriteOutcome } from '../core/ports';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({ TABLE_NAME: env.required, TRUST_TIME_ZONE: env.timeZone, MATRIX_PATH: env.required, RETENTION_POLICY: env.json(retentionPolicySchema) }),
);
// The matrix's calendar: the first response time in working hours when the trust's own reply is seen.
const matrix = matrixView(loadMatrixFile(config.MATRIX_PATH));

const log = new DynamoDbInteractionLog(
  clients.dynamo(),
  config.TABLE_NAME,
  config.TRUST_TIME_ZONE,
  (text) => redactPii(text).text,
  config.RETENTION_POLICY,
);

const connectorHealth = new DynamoDbConnectorHealthLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE);
const audience = new DynamoDbAudienceLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE);

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
    // The trust's own reply answers the interaction it replies to: its SLA clock stops.
    if (outcome !== 'duplicate' && detail.data.flags.ownAccount) {
      const answered = await recordOwnReply(detail.data, log, matrix, new Date().toISOString());
      if (answered.length > 0) logger.info('own reply recorded', { interactionId, answered });
    }
  } else if (event['detail-type'] === InteractionAssessed.detailType) {
    const detail = InteractionAssessed.detailSchema.parse(event.detail);
    interactionId = detail.data.interaction.id;
    outcome = await log.recordAssessed(detail, matrix);
  } else if (event['detail-type'] === InteractionEdited.detailType) {
    const detail = InteractionEdited.detailSchema.parse(event.detail);
    interactionId = detail.data.id;
    outcome = await log.recordEdited(detail);
  } else if (event['detail-type'] === InteractionReassessed.detailType) {
    const detail = InteractionReassessed.detailSchema.parse(event.detail);
    interactionId = detail.data.interactionId;
    outcome = await log.recordReassessed(detail, matrix);
  } else if (event['detail-type'] === InteractionDeleted.detailType) {
    const detail = InteractionDeleted.detailSchema.parse(event.detail);
    interactionId = detail.data.id;
    outcome = await log.recordDeleted(detail);
  } else if (event['detail-type'] === ConnectorHealthChanged.detailType) {
    // Filed by week for the board digest's data completeness (ids and statuses only).
    const detail = ConnectorHealthChanged.detailSchema.parse(event.detail);
    interactionId = `connector:${detail.data.platform}`;
    outcome = await connectorHealth.recordHealthChange(detail);
  } else if (event['detail-type'] === AudienceChanged.detailType) {
    // Filed by week for the board digest's follower counts (no follower identity).
    const detail = AudienceChanged.detailSchema.parse(event.detail);
    interactionId = `audience:${detail.data.id}`;
    outcome = await audience.recordAudienceChange(detail);
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
