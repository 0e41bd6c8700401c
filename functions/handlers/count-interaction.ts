import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { EventBridgeEvent } from 'aws-lambda';
import { z } from 'zod';
import { InteractionAssessed } from '../../events';
import { DynamoDbSpikeStore } from '../adapters/dynamodb-spike-store';
import { countInteraction as runCount } from '../core/spikes/count-interaction';
import { seriesId } from '../core/spikes/series';
import { themeVocabularyOf } from '../core/text/themes';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { loadMatrixFile } from '../shared/matrix-file';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    MATRIX_PATH: env.required,
    /** CloudWatch namespace of the counts (the stack sets `<stage>-nhs-social`). */
    POWERTOOLS_METRICS_NAMESPACE: z.string().min(1).default('local-nhs-social'),
  }),
);
const matrix = loadMatrixFile(config.MATRIX_PATH);
const settings = matrix.spikes;
// Only theme words are counted: the counters never hold a name or a place someone wrote.
const vocabulary = themeVocabularyOf(matrix);
const store = new DynamoDbSpikeStore(clients.dynamo(), config.TABLE_NAME);
/**
 * Counts as CloudWatch metrics in the embedded metric format (a log line, no API call): metric
 * `InboundInteractions`, dimension `Series` only (the default `service` dimension is dropped, so the
 * anomaly-detection alarm's metric matches), for each series counted now, never for a repeat.
 */
const metrics = new Metrics({ namespace: config.POWERTOOLS_METRICS_NAMESPACE });
metrics.clearDefaultDimensions();

export async function countInteraction(event: EventBridgeEvent<string, unknown>): Promise<{ counted: string[] }> {
  const { data } = InteractionAssessed.detailSchema.parse(event.detail);
  const counted = (await runCount(data, settings, store, vocabulary)).map(seriesId);
  for (const series of counted) {
    // One EMF line per series (a metric carries one set of dimensions); publishing clears the dimension.
    metrics.addDimension('Series', series);
    metrics.addMetric('InboundInteractions', MetricUnit.Count, 1);
    metrics.publishStoredMetrics();
  }
  logger.info(counted.length > 0 ? 'interaction counted' : 'interaction not counted', { interactionId: data.interaction.id, series: counted });
  return { counted };
}

export const handler = middy<EventBridgeEvent<string, unknown>, { counted: string[] }>().use(injectLambdaContext(logger)).handler(countInteraction);
