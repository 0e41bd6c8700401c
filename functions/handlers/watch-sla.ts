import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { SesEmailSender } from '../adapters/ses-email-sender';
import { retentionPolicySchema } from '../core/interactions/retention';
import { redactPii } from '../core/pii/redact';
import { watchSla as runWatch, type SlaWatchResult } from '../core/sla-watch/watch-sla';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { loadMatrixFile } from '../shared/matrix-file';

const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    EVENT_BUS_NAME: env.required,
    TRUST_NAME: env.required,
    TRUST_TIME_ZONE: env.timeZone,
    NOTIFY_FROM: z.email(),
    OWNER_RECIPIENTS: env.json(z.record(z.string(), z.array(z.email()).min(1))),
    RETENTION_POLICY: env.json(retentionPolicySchema),
    MATRIX_PATH: env.required,
    CONSOLE_URL: z.url().optional(),
  }),
);
// The matrix names the owner teams in the emails (its teams' names, not their ids), and says what each
// category asks (an optional reply is not chased).
const matrix = loadMatrixFile(config.MATRIX_PATH);
const teamNames = Object.fromEntries(matrix.teams.map((team) => [team.id, team.name]));
const publicReplies: Record<string, string> = {};
for (const rule of matrix.rules) publicReplies[rule.category] ??= rule.publicReply;

const deps = {
  store: new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, (t) => redactPii(t).text, config.RETENTION_POLICY),
  publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
  email: new SesEmailSender(clients.ses()),
  newId: randomUUID,
};

/** The schedule's input; `at` runs the watch as of another instant (re-runs and tests). */
export const watchRequestSchema = z.object({ trigger: z.literal('schedule'), at: z.iso.datetime({ offset: true }).optional() });

export async function watchSla(event: unknown): Promise<SlaWatchResult> {
  const request = watchRequestSchema.parse(event);
  const result = await runWatch(
    request.at ?? new Date().toISOString(),
    { trustName: config.TRUST_NAME, timeZone: config.TRUST_TIME_ZONE, from: config.NOTIFY_FROM, recipients: config.OWNER_RECIPIENTS, teamNames, consoleUrl: config.CONSOLE_URL, publicReplies },
    deps,
  );
  logger.info('sla watch ran', { overdue: result.overdue, notified: result.notified });
  return result;
}

export const handler = middy<unknown, SlaWatchResult>().use(injectLambdaContext(logger)).handler(watchSla);
