import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { DynamoDbAudienceLog } from '../adapters/dynamodb-audience-log';
import { DynamoDbConnectorHealthLog } from '../adapters/dynamodb-connector-health';
import { DynamoDbDigestStore } from '../adapters/dynamodb-digest-store';
import { DynamoDbIncidentMode } from '../adapters/dynamodb-incident-mode';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { DynamoDbSpikeStore } from '../adapters/dynamodb-spike-store';
import { ResvgRasteriser } from '../adapters/resvg-rasteriser';
import { NotFoundError } from '../core/interactions/errors';
import { listDigestWeeks, previewDigest, type PreviewDigestDeps } from '../core/ops/digests';
import { redactPii } from '../core/pii/redact';
import { themeVocabularyOf } from '../core/text/themes';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { httpDomainErrors } from '../shared/http-errors';
import { logger } from '../shared/logger';
import { loadMatrixFile } from '../shared/matrix-file';

/**
 * The console's digest pages, behind the ops API's JWT: the weeks' send status and any week's digest
 * rendered now (charts inlined), read-only. Its own function because the chart renderer (resvg
 * WebAssembly and fonts) is heavy; the queue's function stays small.
 */
const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    TRUST_NAME: env.required,
    TRUST_TIME_ZONE: env.timeZone,
    MATRIX_PATH: env.required,
  }),
);

const matrix = loadMatrixFile(config.MATRIX_PATH);
const digests = new DynamoDbDigestStore(clients.dynamo(), config.TABLE_NAME);
const deps: PreviewDigestDeps = {
  log: new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, (t) => redactPii(t).text),
  health: new DynamoDbConnectorHealthLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE),
  audience: new DynamoDbAudienceLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE),
  summaries: digests,
  rasteriser: new ResvgRasteriser(),
  newId: randomUUID,
  // The same incidents and spikes the sent digest reads, so the preview matches it.
  extra: {
    incidents: new DynamoDbIncidentMode(clients.dynamo(), config.TABLE_NAME),
    spikes: new DynamoDbSpikeStore(clients.dynamo(), config.TABLE_NAME),
  },
};
const settings = {
  trustName: config.TRUST_NAME,
  timeZone: config.TRUST_TIME_ZONE,
  programmes: matrix.programmes,
  teams: matrix.teams,
  preElectionPeriods: matrix.preElectionPeriods,
  // The only content words the digest may show: the built-in theme words and the matrix's own.
  vocabulary: themeVocabularyOf(matrix),
};

type Route = (event: APIGatewayProxyEventV2, now: string) => Promise<unknown>;

/** Route key -> use case; test/integration/ops-api.test.ts checks these against the manifest and docs/ops-api.openapi.yaml. */
export const DIGEST_ROUTES: Readonly<Record<string, Route>> = {
  'GET /digests': (_event, now) => listDigestWeeks(now, config.TRUST_TIME_ZONE, digests),
  'GET /digests/{week}': (event, now) => previewDigest(event.pathParameters, now, settings, deps),
};

export async function previewDigestRequest(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const route = DIGEST_ROUTES[event.routeKey];
  if (!route) throw new NotFoundError(`no route ${event.routeKey}`);
  const body = await route(event, new Date().toISOString());
  logger.info('digest request', { routeKey: event.routeKey, ...(event.pathParameters?.week ? { week: event.pathParameters.week } : {}) });
  return { statusCode: 200, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger))
  .use(httpDomainErrors({ ValidationError: 400, NotFoundError: 404 }))
  .handler(previewDigestRequest);
