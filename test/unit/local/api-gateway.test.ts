import { FUNCTIONS } from '../../../infra/wiring';
import { apiRoutes, compileRoute, encodeBody, fromHandlerResult, matchRoute, toHttpApiEvent } from '../../../local/api-gateway';

const routes = apiRoutes(FUNCTIONS);

describe('API Gateway HTTP API emulation (payload format 2.0)', () => {
  it('mounts every http route of the manifest', () => {
    const manifest = FUNCTIONS.flatMap((fn) => (fn.trigger.kind === 'http' ? fn.trigger.routes.map((r) => `${r.method} ${r.path} -> ${fn.name}`) : []));
    expect(routes.map((r) => `${r.routeKey} -> ${r.functionName}`)).toEqual(manifest);
  });

  it.each([
    ['POST', '/webhooks/facebook', { platform: 'facebook' }],
    ['GET', '/webhooks/instagram', { platform: 'instagram' }],
    ['POST', '/webhooks/face%20book', { platform: 'face book' }],
  ])('%s %s matches with its path parameters', (method, path, parameters) => {
    expect(matchRoute(routes, method, path)?.pathParameters).toEqual(parameters);
  });

  it.each([
    ['POST', '/webhooks'],
    ['POST', '/webhooks/facebook/extra'],
    ['PUT', '/webhooks/facebook'],
  ])('%s %s matches no route', (method, path) => {
    expect(matchRoute(routes, method, path)).toBeUndefined();
  });

  it('supports greedy {proxy+} paths', () => {
    const route = compileRoute('GET', '/files/{proxy+}', 'f');
    expect(matchRoute([route], 'GET', '/files/a/b.txt')?.pathParameters).toEqual({ proxy: 'a/b.txt' });
  });

  it('builds the event from the raw request', () => {
    const found = matchRoute(routes, 'POST', '/webhooks/facebook')!;
    const body = Buffer.from('{"a":"caf\u00e9 \\u0040"}');
    const event = toHttpApiEvent(found.route, found.pathParameters, {
      method: 'POST',
      url: '/webhooks/facebook?x=1&x=2&y=%20z',
      rawHeaders: ['Host', '127.0.0.1:3000', 'Content-Type', 'application/json', 'X-Hub-Signature-256', 'sha256=ab', 'X-Multi', 'a', 'x-multi', 'b', 'Cookie', 'a=1; b=2'],
      body,
      sourceIp: '127.0.0.1',
      protocol: 'HTTP/1.1',
      requestId: 'req-1',
      receivedAt: new Date('2026-11-26T14:05:09.123Z'),
    });
    expect(event).toEqual({
      version: '2.0',
      routeKey: 'POST /webhooks/{platform}',
      rawPath: '/webhooks/facebook',
      rawQueryString: 'x=1&x=2&y=%20z',
      cookies: ['a=1', 'b=2'],
      headers: { host: '127.0.0.1:3000', 'content-type': 'application/json', 'x-hub-signature-256': 'sha256=ab', 'x-multi': 'a,b' },
      queryStringParameters: { x: '1,2', y: ' z' },
      pathParameters: { platform: 'facebook' },
      requestContext: {
        accountId: '000000000000',
        apiId: 'local',
        domainName: '127.0.0.1:3000',
        domainPrefix: '127',
        http: { method: 'POST', path: '/webhooks/facebook', protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: '' },
        requestId: 'req-1',
        routeKey: 'POST /webhooks/{platform}',
        stage: '$default',
        time: '26/Nov/2026:14:05:09 +0000',
        timeEpoch: Date.parse('2026-11-26T14:05:09.123Z'),
      },
      body: body.toString('utf8'),
      isBase64Encoded: false,
    });
  });

  it.each([
    ['JSON, valid UTF-8', 'application/json; charset=utf-8', Buffer.from('{"t":"\u2014"}'), false],
    ['JSON with a byte-order mark (kept)', 'application/json', Buffer.from('\ufeff{}'), false],
    ['vendor +json', 'application/vnd.api+json', Buffer.from('{}'), false],
    ['XML (WebSub)', 'application/atom+xml', Buffer.from('<feed/>'), false],
    ['form', 'application/x-www-form-urlencoded', Buffer.from('a=1'), false],
    ['JSON, invalid UTF-8', 'application/json', Buffer.from([0x7b, 0xff, 0x7d]), true],
    ['binary', 'application/octet-stream', Buffer.from([1, 2, 3]), true],
    ['no content type', undefined, Buffer.from('{}'), true],
  ])('%s (%s): encoded as API Gateway does, exact bytes back', (_name, contentType, bytes, base64) => {
    const encoded = encodeBody(bytes, contentType)!;
    expect(encoded.isBase64Encoded).toBe(base64);
    expect(Buffer.from(encoded.text, base64 ? 'base64' : 'utf8').equals(bytes)).toBe(true);
  });

  it('omits an empty body', () => {
    expect(encodeBody(Buffer.alloc(0), 'application/json')).toBeUndefined();
  });

  it.each([
    ['structured', { statusCode: 401, headers: { 'Content-Type': 'text/plain' }, body: 'no' }, 401, 'no', 'text/plain'],
    ['structured base64', { statusCode: 200, body: Buffer.from('hi').toString('base64'), isBase64Encoded: true }, 200, 'hi', undefined],
    ['plain-object', { ok: true }, 200, '{"ok":true}', 'application/json'],
    ['undefined', undefined, 200, 'null', 'application/json'],
  ])('turns a %s result into a response', (_name, result, status, body, contentType) => {
    const response = fromHandlerResult(result);
    expect(response.statusCode).toBe(status);
    expect(response.body.toString('utf8')).toBe(body);
    expect(response.headers['content-type']).toBe(contentType);
  });
});
