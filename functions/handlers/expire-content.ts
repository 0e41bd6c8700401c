import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { z } from 'zod';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { expireHeldContent } from '../core/interactions/expire-content';
import { retentionPolicySchema } from '../core/interactions/retention';
import { redactPii } from '../core/pii/redact';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({ TABLE_NAME: env.required, TRUST_TIME_ZONE: env.timeZone, RETENTION_POLICY: env.json(retentionPolicySchema) }),
);

const store = new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, (t) => redactPii(t).text, config.RETENTION_POLICY);

/** The schedule's input; `at` runs the sweep as of another instant (re-runs and tests). */
export const expireRequestSchema = z.object({ trigger: z.literal('schedule'), at: z.iso.datetime({ offset: true }).optional() });

export async function expireContent(event: unknown): Promise<{ expired: string[] }> {
  const request = expireRequestSchema.parse(event);
  const result = await expireHeldContent(request.at ?? new Date().toISOString(), config.RETENTION_POLICY, store);
  logger.info('content expired', { expired: result.expired.length, interactionIds: result.expired });
  return result;
}

export const handler = middy<unknown, { expired: string[] }>().use(injectLambdaContext(logger)).handler(expireContent);
