import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { ConnectorHealthChanged } from '../../events';
import { DynamoDbCursorStore } from '../adapters/dynamodb-cursor-store';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { FetchHttpClient } from '../adapters/fetch-http-client';
import { SecretsManagerStore } from '../adapters/secrets-manager-store';
import {
  careOpinionSettings,
  DEFAULT_CARE_OPINION_SETTINGS,
  pullCareOpinion as pull,
  type CareOpinionCursor,
  type CareOpinionDeps,
  type PullOutcome,
} from '../core/careopinion/pull';
import { RateLimiter } from '../core/careopinion/rate-limiter';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    EVENT_BUS_NAME: env.required,
    CARE_OPINION_SECRET_ID: env.required,
    // Not set by the stack (the public API); tests and local runs point it at a fake server.
    CARE_OPINION_API_URL: z.url().default(DEFAULT_CARE_OPINION_SETTINGS.apiUrl),
  }),
);

const secrets = new SecretsManagerStore(clients.secrets());
const deps: CareOpinionDeps = {
  http: new FetchHttpClient(),
  cursors: new DynamoDbCursorStore<CareOpinionCursor>(clients.dynamo(), config.TABLE_NAME, 'careopinion'),
  publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
  // Care Opinion allows 5 requests per second (since 17 April 2024); module scope, so warm runs share it.
  limiter: new RateLimiter(5, { now: () => Date.now(), sleep: (ms) => sleep(ms) }),
  newId: randomUUID,
};

export const pullRequestSchema = z.object({ trigger: z.literal('schedule') });

export async function pullCareOpinion(event: unknown): Promise<PullOutcome | { status: 'not_configured' }> {
  pullRequestSchema.parse(event);
  const settings = careOpinionSettings(await secrets.getJson(config.CARE_OPINION_SECRET_ID), { apiUrl: config.CARE_OPINION_API_URL });
  if (!settings) {
    logger.info('care opinion connector is not enabled', { secret: 'set "subscriptionKey" and "enabled": true to start it' });
    return { status: 'not_configured' };
  }
  const outcome = await pull(new Date().toISOString(), settings, deps);
  if (outcome.status === 'credentials_rejected') {
    logger.warn('connector health changed', { reportedEvent: ConnectorHealthChanged.detailType, platform: 'careopinion', status: outcome.status });
  }
  logger.info('care opinion pulled', {
    status: outcome.status,
    requests: outcome.requests,
    published: outcome.published,
    skipped: outcome.skipped,
    ignoredReasons: outcome.ignoredReasons,
    cursorAt: outcome.cursor?.publishedAfter,
  });
  return outcome;
}

export const handler = middy<unknown, Awaited<ReturnType<typeof pullCareOpinion>>>()
  .use(injectLambdaContext(logger))
  .handler(pullCareOpinion);
