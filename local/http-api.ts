/**
 * The HTTP API on loopback: every `http` route of the wiring manifest, each request turned into an
 * API Gateway payload 2.0 event for its handler. Paths under `/_local/` are local-only helpers
 * (see internal-routes.ts); they do not exist in AWS.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { apiRoutes, fromHandlerResult, matchRoute, toHttpApiEvent, type ApiRoute } from './api-gateway';
import type { Invoke } from './async-delivery';
import { BodyTooLargeError, closeServer, listen, readBody, sendJson } from './http-util';
import type { LocalAuthorizer } from './dev-auth';
import { describeError, type LocalLogger } from './log';
import type { FunctionSpec } from '../infra/wiring';

export const LOCAL_ROUTE_PREFIX = '/_local/';
export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

export type InternalRouteHandler = (request: { method: string; path: string; body: Buffer }) => Promise<{ statusCode: number; body: unknown }>;

export interface LocalHttpApi {
  url: string;
  routes: readonly ApiRoute[];
  close(): Promise<void>;
}

export async function startHttpApi(options: {
  functions: readonly FunctionSpec[];
  invoke: Invoke;
  port?: number;
  maxBodyBytes?: number;
  internal?: InternalRouteHandler;
  /** Checks the bearer token of routes with `auth: 'jwt'` (default: every such request is refused). */
  authorizer?: LocalAuthorizer;
  log: LocalLogger;
}): Promise<LocalHttpApi> {
  const { invoke, internal, log } = options;
  const authorize: LocalAuthorizer = options.authorizer ?? (() => undefined);
  const routes = apiRoutes(options.functions);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = Date.now();
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const path = url.split('?')[0] ?? '/';
    const done = (statusCode: number, routeKey?: string) =>
      log.info('request', { method, path, routeKey, statusCode, ms: Date.now() - started });

    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
      return done(413);
    }

    if (internal && path.startsWith(LOCAL_ROUTE_PREFIX)) {
      const result = await internal({ method, path, body });
      sendJson(res, result.statusCode, result.body);
      return done(result.statusCode, 'local-only');
    }

    const found = matchRoute(routes, method, path);
    if (!found) {
      sendJson(res, 404, { message: 'Not Found' });
      return done(404);
    }
    let authorizer;
    if (found.route.auth === 'jwt') {
      // As API Gateway's JWT authorizer: no valid token, no invocation.
      authorizer = authorize(lowerCaseHeaders(req.rawHeaders));
      if (!authorizer) {
        sendJson(res, 401, { message: 'Unauthorized' }, { 'www-authenticate': 'Bearer' });
        return done(401, found.route.routeKey);
      }
    }
    const event = toHttpApiEvent(found.route, found.pathParameters, {
      method,
      url,
      rawHeaders: req.rawHeaders,
      body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      protocol: `HTTP/${req.httpVersion}`,
      requestId: randomUUID(),
      receivedAt: new Date(started),
    }, authorizer);
    let response;
    try {
      response = fromHandlerResult(await invoke(found.route.functionName, event));
    } catch (error) {
      // API Gateway answers a function error with a bare 500; the detail stays in the logs.
      const stack = error instanceof Error ? error.stack : undefined;
      log.error('handler failed', { functionName: found.route.functionName, error: { ...describeError(error), stack } });
      sendJson(res, 500, { message: 'Internal Server Error' });
      return done(500, found.route.routeKey);
    }
    res.writeHead(response.statusCode, { ...response.headers, 'content-length': response.body.length });
    res.end(response.body);
    done(response.statusCode, found.route.routeKey);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error('local API error', { error: describeError(error) });
      if (!res.headersSent) sendJson(res, 500, { message: 'Internal Server Error' });
      else res.end();
    });
  });
  const url = await listen(server, options.port);
  return { url, routes, close: () => closeServer(server) };
}

function lowerCaseHeaders(rawHeaders: readonly string[]): Record<string, string> {
  const headers: Record<string, string> = {};
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) headers[(rawHeaders[index] as string).toLowerCase()] = rawHeaders[index + 1] as string;
  return headers;
}
