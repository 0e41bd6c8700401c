import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { SecretsManagerStore } from '../adapters/secrets-manager-store';
import { answerHandshake, receiveDelivery, type IntakeDeps } from '../core/intake/receive-webhook';
import type { WebhookRequest } from '../core/intake/platforms';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { httpDomainErrors } from '../shared/http-errors';
import { logger } from '../shared/logger';

const config = loadConfig(z.object({ EVENT_BUS_NAME: env.required, META_SECRET_ID: env.required }));

const deps: IntakeDeps = {
  publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
  secrets: new SecretsManagerStore(clients.secrets()),
  secretIds: { meta: config.META_SECRET_ID },
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
  if (outcome.quarantined) {
    logger.error('verified delivery quarantined', { platform, reason: outcome.ignoredReasons[0] });
  } else {
    logger.info('delivery accepted', {
      platform,
      published: outcome.published,
      ignored: outcome.ignored,
      ignoredReasons: outcome.ignoredReasons,
    });
  }
  return {
    statusCode: 200,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ received: outcome.published, ignored: outcome.ignored, quarantined: outcome.quarantined }),
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
    }),
  )
  .handler(ingestWebhook);
