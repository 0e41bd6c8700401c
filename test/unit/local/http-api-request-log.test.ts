/**
 * The local HTTP API's request log (what `npm start` prints per request). Ops API paths carry a person's
 * platform id (GET and DELETE /authors/{platform}/{id}): the log names the route, never the path, so an
 * erased author's id does not stay in it. The handler is stubbed: this is about the log line only.
 */
import { FUNCTIONS } from '../../../infra/wiring';
import { startHttpApi, type LocalHttpApi } from '../../../local/http-api';
import type { LocalLogger, LogFields } from '../../../local/log';

const AUTHOR_ID = '8423678347823';

describe('local HTTP API request log', () => {
  const lines: { message: string; fields: LogFields }[] = [];
  const log: LocalLogger = {
    info: (message, fields = {}) => lines.push({ message, fields }),
    warn: (message, fields = {}) => lines.push({ message, fields }),
    error: (message, fields = {}) => lines.push({ message, fields }),
    child: () => log,
  };
  let api: LocalHttpApi;

  beforeAll(async () => {
    api = await startHttpApi({
      functions: FUNCTIONS,
      invoke: async () => ({ statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{}' }),
      authorizer: (headers) => (headers.authorization === 'Bearer good-token' ? { principalId: '', integrationLatency: 0, jwt: { claims: {}, scopes: null } } : undefined),
      log,
    });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    lines.length = 0;
  });

  async function send(method: string, path: string, token = 'good-token'): Promise<number> {
    const response = await fetch(`${api.url}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
    await response.arrayBuffer();
    return response.status;
  }

  it.each([
    ['GET', 'good-token', 200],
    ['DELETE', 'good-token', 200],
    ['GET', 'unknown-token', 401],
  ])('logs %s /authors/{platform}/{id} (token %s) by its route key, without the author id', async (method, token, status) => {
    // Prepare / Act
    expect(await send(method, `/authors/facebook/${AUTHOR_ID}?reason=IG-42`, token)).toBe(status);

    // Assess
    expect(lines).toEqual([{ message: 'request', fields: expect.objectContaining({ method, routeKey: `${method} /authors/{platform}/{id}`, statusCode: status }) }]);
    expect(JSON.stringify(lines)).not.toContain(AUTHOR_ID);
    expect(JSON.stringify(lines)).not.toContain('IG-42');
  });

  it('logs a request that matches no route as "-", without its path', async () => {
    expect(await send('PUT', `/authors/facebook/${AUTHOR_ID}`)).toBe(404);

    expect(lines).toEqual([{ message: 'request', fields: expect.objectContaining({ method: 'PUT', routeKey: '-', statusCode: 404 }) }]);
    expect(JSON.stringify(lines)).not.toContain(AUTHOR_ID);
  });
});
