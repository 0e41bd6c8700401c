import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { EscalationRaised } from '../../events';
import { DynamoDbEscalationNotices } from '../adapters/dynamodb-escalation-notices';
import { SesEmailSender } from '../adapters/ses-email-sender';
import { SnsPager } from '../adapters/sns-pager';
import { notifyOwner as runNotify, type NotifyResult } from '../core/escalation/notify-owner';
import { retentionPolicySchema } from '../core/interactions/retention';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';

const recipientsSchema = z
  .string()
  .min(1)
  .transform((json, ctx) => {
    try {
      return JSON.parse(json) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be JSON' });
      return z.NEVER;
    }
  })
  .pipe(z.record(z.string(), z.array(z.email()).min(1)));

const config = loadConfig(
  z.object({
    TRUST_NAME: env.required,
    TRUST_TIME_ZONE: env.timeZone,
    NOTIFY_FROM: z.email(),
    OWNER_RECIPIENTS: recipientsSchema,
    PAGING_TOPIC_ARN: env.required,
    TABLE_NAME: env.required,
    RETENTION_POLICY: env.json(retentionPolicySchema),
    CONSOLE_URL: z.url().optional(),
  }),
);

const deps = {
  email: new SesEmailSender(clients.ses()),
  pager: new SnsPager(clients.sns(), config.PAGING_TOPIC_ARN),
  notices: new DynamoDbEscalationNotices(clients.dynamo(), config.TABLE_NAME, config.RETENTION_POLICY),
};

export async function notifyOwner(event: EventBridgeEvent<string, unknown>): Promise<NotifyResult> {
  const { metadata, data } = EscalationRaised.detailSchema.parse(event.detail);
  const result = await runNotify(
    data,
    { correlationId: metadata.correlationId, now: new Date().toISOString() },
    { trustName: config.TRUST_NAME, timeZone: config.TRUST_TIME_ZONE, from: config.NOTIFY_FROM, recipients: config.OWNER_RECIPIENTS, consoleUrl: config.CONSOLE_URL },
    deps,
  );
  logger.info(result.outcome === 'sent' ? 'owner notified' : 'owner notification not repeated', {
    outcome: result.outcome,
    interactionId: data.interactionId,
    ownerTeam: data.ownerTeam,
    priority: data.priority,
    recipients: result.to.length,
    paged: result.paged,
    messageId: result.messageId,
  });
  return result;
}

export const handler = middy<EventBridgeEvent<string, unknown>, NotifyResult>().use(injectLambdaContext(logger)).handler(notifyOwner);
