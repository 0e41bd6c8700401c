/**
 * API Gateway HTTP API, payload format 2.0, as pure functions: match a request to a manifest route,
 * build the Lambda event from the raw request, and turn the handler's result into a response.
 * The body is passed as received: text when the content type is textual and the bytes are valid
 * UTF-8, otherwise base64 with `isBase64Encoded: true`. It is never parsed or re-serialised, because
 * webhook signatures are computed over the exact bytes.
 */
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FunctionSpec } from '../infra/wiring';
import { LOCAL_ACCOUNT_ID } from './account';
import type { JwtAuthorizerContext } from './dev-auth';

export interface ApiRoute {
  routeKey: string;
  method: string;
  path: string;
  functionName: string;
  pattern: RegExp;
  paramNames: string[];
  /** `jwt`: the manifest route needs a verified JWT (locally: a dev token) before the handler is called. */
  auth?: 'jwt';
}

export function apiRoutes(functions: readonly FunctionSpec[]): ApiRoute[] {
  return functions.flatMap((fn) =>
    fn.trigger.kind === 'http'
      ? fn.trigger.routes.map((route) => ({ ...compileRoute(route.method, route.path, fn.name), ...(route.auth ? { auth: route.auth } : {}) }))
      : [],
  );
}

/** `{name}` matches one path segment, `{name+}` the rest of the path (API Gateway's greedy variable). */
export function compileRoute(method: string, path: string, functionName: string): ApiRoute {
  const paramNames: string[] = [];
  const source = path
    .split('/')
    .map((segment) => {
      const variable = /^\{([A-Za-z0-9_]+)(\+?)\}$/.exec(segment);
      if (!variable) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      paramNames.push(variable[1] as string);
      return variable[2] ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { routeKey: `${method} ${path}`, method, path, functionName, pattern: new RegExp(`^${source}$`), paramNames };
}

export function matchRoute(
  routes: readonly ApiRoute[],
  method: string,
  rawPath: string,
): { route: ApiRoute; pathParameters: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const found = route.pattern.exec(rawPath);
    if (!found) continue;
    const pathParameters = Object.fromEntries(route.paramNames.map((name, index) => [name, safeDecode(found[index + 1] ?? '')]));
    return { route, pathParameters };
  }
  return undefined;
}

export interface RawHttpRequest {
  method: string;
  /** The request target as received, e.g. `/webhooks/facebook?hub.mode=subscribe`. */
  url: string;
  /** Node's `rawHeaders`: name, value, name, value... as received. */
  rawHeaders: readonly string[];
  body: Buffer;
  sourceIp: string;
  protocol: string;
  requestId: string;
  receivedAt: Date;
}

export function toHttpApiEvent(
  route: ApiRoute,
  pathParameters: Record<string, string>,
  request: RawHttpRequest,
  /** A JWT route's verified claims, as API Gateway's JWT authorizer hands them to the function. */
  authorizer?: JwtAuthorizerContext,
): APIGatewayProxyEventV2 {
  const queryStart = request.url.indexOf('?');
  const rawPath = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
  const rawQueryString = queryStart === -1 ? '' : request.url.slice(queryStart + 1);
  const { headers, cookies } = collectHeaders(request.rawHeaders);
  const host = headers.host ?? 'localhost';
  const body = encodeBody(request.body, headers['content-type']);
  const queryStringParameters = parseQuery(rawQueryString);
  return {
    version: '2.0',
    routeKey: route.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length > 0 ? { cookies } : {}),
    headers,
    ...(queryStringParameters ? { queryStringParameters } : {}),
    ...(route.paramNames.length > 0 ? { pathParameters } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: 'local',
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      http: {
        method: request.method,
        path: rawPath,
        protocol: request.protocol,
        sourceIp: request.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: request.requestId,
      ...(authorizer ? { authorizer } : {}),
      routeKey: route.routeKey,
      stage: '$default',
      time: clfTime(request.receivedAt),
      timeEpoch: request.receivedAt.getTime(),
    },
    ...(body === undefined ? {} : { body: body.text }),
    isBase64Encoded: body?.isBase64Encoded ?? false,
  };
}

/** Header names lower-cased; repeated headers joined with commas; cookies moved to `cookies`, as HTTP APIs do. */
function collectHeaders(rawHeaders: readonly string[]): { headers: Record<string, string>; cookies: string[] } {
  const headers: Record<string, string> = {};
  const cookies: string[] = [];
  for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
    const name = (rawHeaders[index] as string).toLowerCase();
    const value = rawHeaders[index + 1] as string;
    if (name === 'cookie') {
      cookies.push(...value.split(';').map((cookie) => cookie.trim()).filter(Boolean));
      continue;
    }
    headers[name] = name in headers ? `${headers[name]},${value}` : value;
  }
  return { headers, cookies };
}

function parseQuery(rawQueryString: string): Record<string, string> | undefined {
  if (!rawQueryString) return undefined;
  const parameters: Record<string, string> = {};
  for (const [name, value] of new URLSearchParams(rawQueryString)) {
    parameters[name] = name in parameters ? `${parameters[name]},${value}` : value;
  }
  return parameters;
}

const TEXTUAL = [/^text\//, /^application\/(.+\+)?json$/, /^application\/(.+\+)?xml$/, /^application\/x-www-form-urlencoded$/];

export function isTextualContentType(contentType: string | undefined): boolean {
  const mediaType = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return TEXTUAL.some((pattern) => pattern.test(mediaType));
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function encodeBody(bytes: Buffer, contentType: string | undefined): { text: string; isBase64Encoded: boolean } | undefined {
  if (bytes.length === 0) return undefined;
  if (isTextualContentType(contentType)) {
    try {
      return { text: strictUtf8.decode(bytes), isBase64Encoded: false };
    } catch {
      // Not valid UTF-8: pass the exact bytes as base64 instead.
    }
  }
  return { text: bytes.toString('base64'), isBase64Encoded: true };
}

export interface HttpResponse {
  statusCode: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/**
 * A structured result (`statusCode` present) is used as is; any other value is, as API Gateway
 * does for format 2.0, a 200 `application/json` response with the value as JSON.
 */
export function fromHandlerResult(result: unknown): HttpResponse {
  if (typeof result !== 'object' || result === null || !('statusCode' in result)) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: Buffer.from(body, 'utf8') };
  }
  const structured = result as APIGatewayProxyStructuredResultV2;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body ?? '';
  return {
    statusCode: structured.statusCode ?? 200,
    headers,
    body: Buffer.from(body, structured.isBase64Encoded ? 'base64' : 'utf8'),
  };
}

/** `26/Nov/2026:14:05:00 +0000`, the format of `requestContext.time`. */
function clfTime(date: Date): string {
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${months[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
