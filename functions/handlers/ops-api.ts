import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { z } from 'zod';
import { DynamoDbIncidentMode } from '../adapters/dynamodb-incident-mode';
import { DynamoDbInteractionLog } from '../adapters/dynamodb-interaction-log';
import { EventBridgePublisher } from '../adapters/eventbridge-publisher';
import { endIncident, incidentStatus, startIncident, type IncidentDeps } from '../core/incidents/operations';
import { NotFoundError, ValidationError } from '../core/interactions/errors';
import { matrixView } from '../core/interactions/matrix-view';
import { retentionPolicySchema } from '../core/interactions/retention';
import { callerFrom, type Caller } from '../core/ops/caller';
import {
  eraseAuthor,
  exportInteractions,
  getInteraction,
  listInteractions,
  performAction,
  subjectAccess,
  type ActionDeps,
  type OpsAction,
} from '../core/ops/ops';
import { jsonBody } from '../core/ops/requests';
import { readableMatrix } from '../core/ops/readable-matrix';
import { redactPii } from '../core/pii/redact';
import { clients } from '../shared/aws-clients';
import { env, loadConfig } from '../shared/config';
import { httpDomainErrors } from '../shared/http-errors';
import { loadMatrixFile } from '../shared/matrix-file';
import { logger } from '../shared/logger';

const config = loadConfig(
  z.object({
    TABLE_NAME: env.required,
    EVENT_BUS_NAME: env.required,
    TRUST_TIME_ZONE: env.timeZone,
    MATRIX_PATH: env.required,
    RETENTION_POLICY: env.json(retentionPolicySchema),
  }),
);

const redact = (text: string) => redactPii(text).text;
const matrix = loadMatrixFile(config.MATRIX_PATH);
// GET /matrix: the same answer until the next deploy, built once.
const matrixPage = readableMatrix(matrix);
const deps: ActionDeps = {
  store: new DynamoDbInteractionLog(clients.dynamo(), config.TABLE_NAME, config.TRUST_TIME_ZONE, redact, config.RETENTION_POLICY),
  // The matrix's teams, categories, SLAs and calendar: validated once per cold start.
  matrix: matrixView(matrix),
  redact,
  newId: randomUUID,
  timeZone: config.TRUST_TIME_ZONE,
  // An override that raises an open item to a priority the matrix escalates tells the owner team (EscalationRaised).
  escalation: {
    publisher: new EventBridgePublisher(clients.events(), config.EVENT_BUS_NAME),
    settings: matrix.escalation,
    teams: new Map(matrix.teams.map((team) => [team.id, team])),
  },
};
// Major-incident mode: the operator's holding line, else the matrix's.
const incidents: IncidentDeps = {
  store: new DynamoDbIncidentMode(clients.dynamo(), config.TABLE_NAME),
  defaultHoldingLine: matrix.incidentMode.holdingLine,
};

type Route = (request: OpsRequest) => Promise<APIGatewayProxyStructuredResultV2>;
interface OpsRequest {
  event: APIGatewayProxyEventV2;
  caller: Caller;
  now: string;
}

const action = (kind: OpsAction): Route => async ({ event, caller, now }) =>
  json(200, await performAction(kind, event.pathParameters?.id, jsonBody(event.body, event.isBase64Encoded), caller, now, actionIdOf(event, kind), deps));

/**
 * Route key (as API Gateway sends it) -> use case. test/integration/ops-api-contract.test.ts checks these
 * keys equal the manifest's ops routes and the paths of docs/ops-api.openapi.yaml.
 */
export const OPS_ROUTES: Readonly<Record<string, Route>> = {
  'GET /interactions': async ({ event, now }) => json(200, await listInteractions(event.queryStringParameters, now, deps)),
  'GET /interactions/{id}': async ({ event }) => json(200, await getInteraction(event.pathParameters?.id, deps)),
  'POST /interactions/{id}/assign': action('assign'),
  'POST /interactions/{id}/reply': action('reply'),
  'POST /interactions/{id}/override': action('override'),
  'POST /interactions/{id}/close': action('close'),
  'GET /export': async ({ event, caller }) => {
    const result = await exportInteractions(event.queryStringParameters, caller, deps);
    return {
      statusCode: 200,
      headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="interactions.csv"', 'cache-control': 'no-store' },
      body: result.csv,
    };
  },
  'GET /authors/{platform}/{id}': async ({ event, caller, now }) => json(200, await subjectAccess(event.pathParameters, caller, now, deps)),
  'DELETE /authors/{platform}/{id}': async ({ event, caller, now }) =>
    json(200, await eraseAuthor(event.pathParameters, event.queryStringParameters, caller, now, deps)),
  'GET /matrix': async () => json(200, matrixPage),
  'GET /incident': async ({ now }) => json(200, await incidentStatus(now, incidents)),
  'POST /incident': async ({ event, caller, now }) =>
    json(201, await startIncident(jsonBody(event.body, event.isBase64Encoded), caller, now, actionIdOf(event, 'incident-start'), incidents)),
  'POST /incident/end': async ({ event, caller, now }) => json(200, await endIncident(jsonBody(event.body, event.isBase64Encoded), caller, now, incidents)),
};

export async function opsApi(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const route = OPS_ROUTES[event.routeKey];
  if (!route) throw new NotFoundError(`no route ${event.routeKey}`);
  // API Gateway's JWT authorizer (locally: the dev token) verified the token; these are its claims.
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const response = await route({ event, caller: callerFrom(claims), now: new Date().toISOString() });
  // Ids of interactions only: never the author's id (the /authors routes), text or who asked.
  logger.info('ops request', {
    routeKey: event.routeKey,
    statusCode: response.statusCode,
    ...(event.pathParameters?.id && event.routeKey.startsWith('POST /interactions') ? { interactionId: event.pathParameters.id } : {}),
  });
  return response;
}

/** A retried request with the same Idempotency-Key is applied once; without one, each request is its own action. */
function actionIdOf(event: APIGatewayProxyEventV2, kind: OpsAction | 'incident-start'): string {
  const key = event.headers?.['idempotency-key'];
  if (key === undefined) return `ops:${event.requestContext.requestId}`;
  if (!/^[A-Za-z0-9._:-]{1,128}$/u.test(key)) {
    throw new ValidationError('header.idempotency-key: 1 to 128 letters, digits or . _ : -', ['header.idempotency-key']);
  }
  return `ops:${kind}:${key}`;
}

function json(statusCode: number, body: unknown): APIGatewayProxyStructuredResultV2 {
  return { statusCode, headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }, body: JSON.stringify(body) };
}

export const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2>()
  .use(injectLambdaContext(logger))
  .use(
    httpDomainErrors({
      ValidationError: 400,
      UnauthorizedError: 401,
      ForbiddenError: 403,
      NotFoundError: 404,
      ConflictError: 409,
      ConcurrentUpdateError: 409,
    }),
  )
  .handler(opsApi);
