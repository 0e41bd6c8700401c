/**
 * The AWS JSON 1.1 wire protocol, server side, for the local stand-ins of EventBridge and Secrets
 * Manager: `POST /` with `X-Amz-Target: <prefix>.<Operation>` and a JSON body; errors are
 * `{"__type": "...", "message": "..."}` with a 4xx/5xx status. Request signatures are not checked.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { readBody, sendJson } from './http-util';
import { describeError, type LocalLogger } from './log';

export class AwsJsonError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = type;
  }
}

export type AwsJsonOperation = (input: Record<string, unknown>) => unknown;

const CONTENT_TYPE = 'application/x-amz-json-1.1';
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export function createAwsJsonServer(
  targetPrefix: string,
  operations: Record<string, AwsJsonOperation>,
  log: LocalLogger,
): Server {
  return createServer(async (req, res) => {
    const requestId = randomUUID();
    const reply = (statusCode: number, body: unknown, extra: Record<string, string> = {}) =>
      sendJson(res, statusCode, body, { 'content-type': CONTENT_TYPE, 'x-amzn-requestid': requestId, ...extra });
    const fail = (error: AwsJsonError) =>
      reply(error.statusCode, { __type: error.type, message: error.message }, { 'x-amzn-errortype': error.type });

    try {
      if (req.method !== 'POST') throw new AwsJsonError('UnknownOperationException', 'only POST / is served', 404);
      const target = String(req.headers['x-amz-target'] ?? '');
      const [prefix, operationName = ''] = target.split('.');
      const operation = prefix === targetPrefix ? operations[operationName] : undefined;
      if (!operation) throw new AwsJsonError('UnknownOperationException', `unsupported operation: ${target || '(none)'}`);
      const input = parseInput(await readBody(req, MAX_REQUEST_BYTES));
      reply(200, await operation(input));
    } catch (error) {
      if (error instanceof AwsJsonError) return fail(error);
      log.error('request failed', { error: describeError(error) });
      fail(new AwsJsonError('InternalFailure', 'local service error', 500));
    }
  });
}

function parseInput(body: Buffer): Record<string, unknown> {
  let input: unknown;
  try {
    input = JSON.parse(body.toString('utf8') || '{}');
  } catch {
    throw new AwsJsonError('SerializationException', 'request body is not valid JSON');
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new AwsJsonError('SerializationException', 'request body must be a JSON object');
  }
  return input as Record<string, unknown>;
}
