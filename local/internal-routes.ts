/**
 * LOCAL-ONLY routes under `/_local/` on the local HTTP API, for the demo and digest scripts. They do
 * not exist in AWS, where the scheduler invokes functions and ops read the console.
 *   GET  /_local/health              where everything is (URLs, table, bus, data folder, handlers)
 *   GET  /_local/idle                waits until the bus has no delivery in flight (at most 30 s)
 *   POST /_local/invoke/<function>   invoke a scheduled function now; body = its input (JSON, optional)
 *   POST /_local/redrive[/<function>] send dead letters back to their function (`npm run redrive`)
 */
import type { InternalRouteHandler } from './http-api';
import { describeError } from './log';

const IDLE_WAIT_MS = 30_000;

export function internalRoutes(options: {
  info: () => Record<string, unknown>;
  invokeScheduled: (name: string, input?: Record<string, unknown>) => Promise<unknown>;
  isScheduled: (name: string) => boolean;
  idle: () => Promise<{ deadLetters: number }>;
  redrive?: (functionName?: string) => Promise<unknown>;
}): InternalRouteHandler {
  return async ({ method, path, body }) => {
    if (method === 'GET' && path === '/_local/health') return { statusCode: 200, body: { ok: true, ...options.info() } };
    if (method === 'GET' && path === '/_local/idle') {
      const timeout = new Promise<'busy'>((resolve) => setTimeout(resolve, IDLE_WAIT_MS, 'busy').unref());
      const outcome = await Promise.race([options.idle(), timeout]);
      return outcome === 'busy'
        ? { statusCode: 503, body: { idle: false, message: `deliveries still in flight after ${IDLE_WAIT_MS / 1000} s` } }
        : { statusCode: 200, body: { idle: true, ...outcome } };
    }
    const invoke = /^\/_local\/invoke\/([a-z0-9-]+)$/.exec(path);
    if (method === 'POST' && invoke) {
      const name = invoke[1] as string;
      if (!options.isScheduled(name)) return { statusCode: 404, body: { message: `${name} is not a scheduled function` } };
      let input: Record<string, unknown> | undefined;
      try {
        input = body.length > 0 ? (JSON.parse(body.toString('utf8')) as Record<string, unknown>) : undefined;
      } catch {
        return { statusCode: 400, body: { message: 'body must be JSON' } };
      }
      try {
        return { statusCode: 200, body: { functionName: name, result: await options.invokeScheduled(name, input) } };
      } catch (error) {
        return { statusCode: 500, body: { functionName: name, error: describeError(error) } };
      }
    }
    const redrive = /^\/_local\/redrive(?:\/([a-z0-9-]+))?$/.exec(path);
    if (method === 'POST' && redrive && options.redrive) {
      return { statusCode: 200, body: { redriven: await options.redrive(redrive[1]) } };
    }
    return { statusCode: 404, body: { message: 'Not Found (local-only routes: GET /_local/health, GET /_local/idle, POST /_local/invoke/<function>, POST /_local/redrive[/<function>])' } };
  };
}
