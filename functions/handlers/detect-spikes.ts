import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DynamoDbSpikeStore } from '../adapters/dynamodb-spike-store';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { matrixCalendar } from '../core/matrix/calendar';
import { detectSpikes as runDetect, type DetectSpikesResult } from '../core/spikes/detect-spikes';
import { seriesDescriber, seriesId } from '../core/spikes/series';
import { themeVocabularyOf } from '../core/text/themes';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { loadMatrixFile } from '../shared/matrix-file';
import { logger } from '../shared/logger';

const config = loadConfig(z.object({ TABLE_NAME: env.required, EVENT_BUS_NAME: env.required, MATRIX_PATH: env.required }));
const matrix = loadMatrixFile(config.MATRIX_PATH);
const detectConfig = { settings: matrix.spikes, calendar: matrixCalendar(matrix), describe: seriesDescriber(matrix), vocabulary: themeVocabularyOf(matrix) };
const store = new DynamoDbSpikeStore(clients.dynamo(), config.TABLE_NAME);
const deps = { counter: store, spikes: store, publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME), newId: randomUUID };

/** The schedule's input; `at` runs detection as of another instant (re-runs and tests). */
export const detectRequestSchema = z.object({ trigger: z.literal('schedule'), at: z.iso.datetime({ offset: true }).optional() });

export async function detectSpikes(event: unknown): Promise<DetectSpikesResult> {
  const request = detectRequestSchema.parse(event);
  const result = await runDetect(request.at ?? new Date().toISOString(), detectConfig, deps);
  logger.info('spike detection ran', {
    windowStart: result.window?.start,
    baselineWindows: result.baselineWindows,
    series: result.verdicts.length,
    spikes: result.verdicts.filter((v) => v.spike).map((v) => seriesId(v.series)),
    published: result.published,
  });
  return result;
}

export const handler = middy<unknown, DetectSpikesResult>().use(injectLambdaContext(logger)).handler(detectSpikes);
