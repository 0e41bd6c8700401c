import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbAudienceLog } from '../adapters/dynamodb-audience-log';
import { DynamoDbConnectorHealthLog } from '../adapters/dynamodb-connector-health';
import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store';
import { DynamoDbIncidentMode } from '../adapters/dynamodb-incident-mode';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { DynamoDbSpikeStore } from '../adapters/dynamodb-spike-store';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { ResvgRasteriser } from '../adapters/resvg-rasteriser';
import { SesEmailSender } from '../adapters/ses-email-sender';
import {
  digestRequestSchema,
  sendWeeklyDigest as runDigest,
  type DigestDeps,
  type DigestResult,
} from '../core/digest/send-weekly-digest';
import { redactPii } from '../core/pii/redact';
import { themeVocabularyOf } from '../core/text/themes';
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
    DIGEST_FROM: z.email(),
    DIGEST_RECIPIENTS: env.commaList.pipe(z.array(z.email()).min(1)),
    MATRIX_PATH: env.required,
  }),
);
// The change programmes (their owners named from the teams) and the pre-election calendar the digest reports on; validated at cold start.
const matrix = loadMatrixFile(config.MATRIX_PATH);
// The only content words the digest may show: the built-in theme words and the matrix's own.
const vocabulary = themeVocabularyOf(matrix);

const deps: DigestDeps = {
  log: new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, (t) => redactPii(t).text),
  health: new DynamoDbConnectorHealthLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE),
  audience: new DynamoDbAudienceLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE),
  incidents: new DynamoDbIncidentMode(clients.dynamo(), config.TABLE_NAME),
  spikes: new DynamoDbSpikeStore(clients.dynamo(), config.TABLE_NAME),
  store: new DynamoDbDigestStore(clients.dynamo(), config.TABLE_NAME),
  email: new SesEmailSender(clients.ses()),
  publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
  rasteriser: new ResvgRasteriser(),
  newId: randomUUID,
};

/** What an invocation returns: the figures and outcome; a preview's files base64-encoded (JSON-safe). */
export type DigestResponse = Omit<DigestResult, 'preview'> & {
  preview?: Omit<NonNullable<DigestResult['preview']>, 'images'> & { images: { id: string; filename: string; alt: string; pngBase64: string }[] };
};

export async function sendWeeklyDigest(event: unknown): Promise<DigestResponse> {
  const request = digestRequestSchema.parse(event);
  const result = await runDigest(
    request,
    new Date().toISOString(),
    {
      trustName: config.TRUST_NAME,
      timeZone: config.TRUST_TIME_ZONE,
      from: config.DIGEST_FROM,
      recipients: config.DIGEST_RECIPIENTS,
      programmes: matrix.programmes,
      teams: matrix.teams,
      preElectionPeriods: matrix.preElectionPeriods,
      vocabulary,
    },
    deps,
  );
  logger.info(result.status === 'preview' ? 'weekly digest previewed' : result.status === 'sent' ? 'weekly digest sent' : 'weekly digest already sent', {
    week: result.week,
    complete: result.complete,
    status: result.status,
    messageId: result.messageId,
    inbound: result.figures.volume.inbound,
    itemsRead: result.itemsRead,
  });
  const { preview, ...rest } = result;
  if (!preview) return rest;
  return {
    ...rest,
    preview: { ...preview, images: preview.images.map(({ png, ...image }) => ({ ...image, pngBase64: Buffer.from(png).toString('base64') })) },
  };
}

export const handler = middy<unknown, DigestResponse>().use(injectLambdaContext(logger)).handler(sendWeeklyDigest);
