import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { ConnectorHealthChanged, DeliveryQuarantined } from '../../events';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { S3RawDeliveryArchive } from '../adapters/s3-raw-delivery-archive';
import { SecretsManagerStore } from '../adapters/secrets-manager-store';
import { answerHandshake, receiveDelivery, type IntakeDeps } from '../core/intake/receive-webhook';
import type { WebhookRequest } from '../core/intake/platforms';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { httpDomainErrors } from '../shared/http-errors';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({
    EVENT_BUS_NAME: env.required,
    RAW_DELIVERY_BUCKET: env.required,
    META_SECRET_ID: env.required,
    X_SECRET_ID: env.required,
    LINKEDIN_SECRET_ID: env.required,
    TIKTOK_SECRET_ID: env.required,
    YOUTUBE_SECRET_ID: env.required,
  }),
);

const deps: IntakeDeps = {
  publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
  secrets: new SecretsManagerStore(clients.secrets()),
  secretIds: {
    meta: config.META_SECRET_ID,
    x: config.X_SECRET_ID,
    linkedin: config.LINKEDIN_SECRET_ID,
    tiktok: config.TIKTOK_SECRET_ID,
    youtube: config.YOUTUBE_SECRET_ID,
  },
  archive: new S3RawDeliveryArchive(clients.s3(), config.RAW_DELIVERY_BUCKET),
  newId: randomUUID,
};

export async function ingestWebhook(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const platform = event.pathParameters?.platform;
  const request = toWebhookRequest(event);

  if (event.requestContext.http.method === 'GET') {
    const answer = await answerHandshake(platform, request, deps);
    logger.info('handshake answered', { platform });
    return { statusCode: 200, headers: { 'content-type': answer.contentType }, body: answer.body };
  }

  const outcome = await receiveDelivery(platform, request, deps);
  // `reportedEvent` is what the stack's metric filters count (an alarm per kind): keep it in these lines.
  if (outcome.quarantineReason) {
    logger.error('verified delivery quarantined', {
      reportedEvent: DeliveryQuarantined.detailType,
      platform,
      reason: outcome.quarantineReason,
      archiveKey: outcome.archiveKey,
    });
  }
  for (const signal of outcome.health) {
    logger.warn('connector health changed', { reportedEvent: ConnectorHealthChanged.detailType, ...signal });
  }
  logger.info('delivery accepted', {
    platform,
    archiveKey: outcome.archiveKey,
    inbound: outcome.inbound,
    own: outcome.own,
    edits: outcome.edits,
    deletions: outcome.deletions,
    audience: outcome.audience,
    ignored: outcome.ignored,
    ignoredReasons: outcome.ignoredReasons,
  });
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      received: outcome.published,
      updated: outcome.edits,
      deleted: outcome.deletions,
      ops: outcome.health.length,
      ignored: outcome.ignored,
      quarantined: outcome.quarantineReason !== undefined,
    }),
  };
}

/** API Gateway hands over the body as text or base64; the signature is checked on these exact bytes. */
function toWebhookRequest(event: APIGatewayProxyEventV2): WebhookRequest {
  const body = event.body ?? '';
  return {
    query: event.queryStringParameters ?? {},
    headers: Object.fromEntries(Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value])),
    rawBody: Buffer.from(body, event.isBase64Encoded ? 'base64' : 'utf8'),
    receivedAt: new Date(event.requestContext.timeEpoch).toISOString(),
  };
}

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger))
  .use(
    httpDomainErrors({
      SignatureError: 401,
      HandshakeError: 403,
      UnknownPlatformError: 404,
      PayloadTooLargeError: 413,
    }),
  )
  .handler(ingestWebhook);
