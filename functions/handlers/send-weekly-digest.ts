import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { SesEmailSender } from '../adapters/ses-email-sender';
import {
  digestRequestSchema,
  sendWeeklyDigest as runDigest,
  type DigestDeps,
  type DigestResult,
} from '../core/digest/send-weekly-digest';
import { redactPii } from '../core/pii/redact';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    EVENT_BUS_NAME: env.required,
    TRUST_NAME: env.required,
    TRUST_TIME_ZONE: env.timeZone,
    DIGEST_FROM: z.email(),
    DIGEST_RECIPIENTS: env.commaList.pipe(z.array(z.email()).min(1)),
  }),
);

const deps: DigestDeps = {
  log: new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, (t) => redactPii(t).text),
  email: new SesEmailSender(clients.ses()),
  publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
  newId: randomUUID,
};

export async function sendWeeklyDigest(event: unknown): Promise<DigestResult> {
  const request = digestRequestSchema.parse(event);
  const result = await runDigest(
    request,
    new Date().toISOString(),
    {
      trustName: config.TRUST_NAME,
      timeZone: config.TRUST_TIME_ZONE,
      from: config.DIGEST_FROM,
      recipients: config.DIGEST_RECIPIENTS,
    },
    deps,
  );
  logger.info('weekly digest sent', {
    week: result.week,
    complete: result.complete,
    messageId: result.messageId,
    inbound: result.figures.inbound,
  });
  return result;
}

export const handler = middy<unknown, DigestResult>().use(injectLambdaContext(logger)).handler(sendWeeklyDigest);
