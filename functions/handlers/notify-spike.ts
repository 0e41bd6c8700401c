import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { SpikeDetected } from '../../events';
import { DynamoDbSpikeStore } from '../adapters/dynamodb-spike-store';
import { SesEmailSender } from '../adapters/ses-email-sender';
import { notifySpike as runNotify, type SpikeNotifyOutcome } from '../core/spikes/notify-spike';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { logger } from '../shared/logger';
import { loadMatrixFile } from '../shared/matrix-file';
import { themeVocabularyOf } from '../core/text/themes';

const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    TRUST_NAME: env.required,
    TRUST_TIME_ZONE: env.timeZone,
    NOTIFY_FROM: z.email(),
    OWNER_RECIPIENTS: env.json(z.record(z.string(), z.array(z.email()).min(1))),
    MATRIX_PATH: env.required,
  }),
);
const vocabulary = themeVocabularyOf(loadMatrixFile(config.MATRIX_PATH));
const deps = { email: new SesEmailSender(clients.ses()), notices: new DynamoDbSpikeStore(clients.dynamo(), config.TABLE_NAME) };

export async function notifySpike(event: EventBridgeEvent<string, unknown>): Promise<{ outcome: SpikeNotifyOutcome; messageId?: string }> {
  const { metadata, data } = SpikeDetected.detailSchema.parse(event.detail);
  const result = await runNotify(
    data,
    { correlationId: metadata.correlationId, now: new Date().toISOString() },
    { trustName: config.TRUST_NAME, timeZone: config.TRUST_TIME_ZONE, from: config.NOTIFY_FROM, recipients: config.OWNER_RECIPIENTS, vocabulary },
    deps,
  );
  logger.info(result.outcome === 'sent' ? 'spike owner notified' : 'spike notification not repeated', {
    outcome: result.outcome,
    spikeId: data.spikeId,
    ownerTeam: data.ownerTeam,
    recipients: result.to.length,
    messageId: result.messageId,
  });
  return { outcome: result.outcome, ...(result.messageId ? { messageId: result.messageId } : {}) };
}

export const handler = middy<EventBridgeEvent<string, unknown>, { outcome: SpikeNotifyOutcome; messageId?: string }>()
  .use(injectLambdaContext(logger))
  .handler(notifySpike);
