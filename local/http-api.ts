/**
 * The HTTP API on loopback: every `http` route of the wiring manifest, each request turned into an
 * API Gateway payload 2.0 event for its handler. Paths under `/_local/` are local-only helpers
 * (see internal-routes.ts); they do not exist in AWS.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { apiRoutes, fromHandlerResult, matchRoute, toHttpApiEvent, type ApiRoute } from './api-gateway';
import type { Invoke } from './async-delivery';
import { BodyTooLargeError, closeServer, listen, readBody, sendJson } from './http-util';
import type { LocalAuthorizer } from './dev-auth';
import { describeError, type LocalLogger } from './log';
import { consoleContentSecurityPolicy } from '../infra/console-policy';
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
  /** The triage console's built files (console/dist), served at /console with its runtime config. */
  console?: ConsoleSite;
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
    // The route key, never the raw path: API paths carry ids of people (GET/DELETE /authors/{platform}/{id}),
    // and an erased author's id must not stay in the logs. '-' when no route matched, as API Gateway logs it.
    const done = (statusCode: number, routeKey = '-') => log.info('request', { method, routeKey, statusCode, ms: Date.now() - started });

    let body: Buffer;
    try {
      body = await readBody(req, maxBodyBytes);
    } catch (error) {
      if (!(error instanceof BodyTooLargeError)) throw error;
      sendJson(res, 413, { message: 'Request Entity Too Large' }, { connection: 'close' });
      return done(413);
    }

    if (options.console && (path === CONSOLE_PREFIX || path.startsWith(`${CONSOLE_PREFIX}/`))) {
      return done(serveConsole(options.console, method, path, res), 'console');
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

/** The triage console, same origin as the API (so no CORS): static files plus a generated config.json. */
export const CONSOLE_PREFIX = '/console';

export interface ConsoleSite {
  /** console/dist */
  dir: string;
  /** What /console/config.json answers: {"apiUrl", "auth": {"kind": "dev"}} locally. */
  config: () => unknown;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

/**
 * As CloudFront serves it in AWS. The CSP allows no inline script; inline styles only because the
 * digest's email HTML (shown in a sandboxed srcdoc iframe, which inherits this policy) uses them.
 */
const CONSOLE_HEADERS = {
  // Same origin as the API locally, and no Cognito: the deployed policy with nothing else allowed.
  'content-security-policy': consoleContentSecurityPolicy({ apiOrigins: [] }),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

function serveConsole(site: ConsoleSite, method: string, path: string, res: ServerResponse): number {
  const send = (statusCode: number, body: string | Buffer, headers: Record<string, string>) => {
    res.writeHead(statusCode, { ...CONSOLE_HEADERS, ...headers, 'content-length': Buffer.byteLength(body) });
    res.end(method === 'HEAD' ? undefined : body);
    return statusCode;
  };
  if (method !== 'GET' && method !== 'HEAD') return send(405, 'Method Not Allowed', { 'content-type': 'text/plain', allow: 'GET, HEAD' });
  if (path === CONSOLE_PREFIX) {
    res.writeHead(301, { location: `${CONSOLE_PREFIX}/` });
    res.end();
    return 301;
  }
  if (path === `${CONSOLE_PREFIX}/config.json`) {
    return send(200, JSON.stringify(site.config()), { 'content-type': 'application/json', 'cache-control': 'no-store' });
  }
  if (!existsSync(join(site.dir, 'index.html'))) {
    return send(503, 'The triage console is not built: run `npm run build:console` (npm start builds it when missing).', { 'content-type': 'text/plain; charset=utf-8' });
  }
  let relative: string;
  try {
    relative = decodeURIComponent(path.slice(CONSOLE_PREFIX.length + 1)) || 'index.html';
  } catch {
    return send(400, 'Bad Request', { 'content-type': 'text/plain' });
  }
  const file = normalize(join(site.dir, relative));
  if (!file.startsWith(site.dir + sep) || !existsSync(file) || !statSync(file).isFile()) {
    return send(404, 'Not Found', { 'content-type': 'text/plain' });
  }
  const hashed = relative.startsWith('assets/');
  return send(200, readFileSync(file), {
    'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': hashed ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}
