import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FUNCTIONS } from '../../../infra/wiring';
import { apiRoutes, matchRoute, toHttpApiEvent } from '../../../local/api-gateway';
import { devTokenAuthorizer, localConfigSchema } from '../../../local/dev-auth';

const example = localConfigSchema.parse(JSON.parse(readFileSync(join(__dirname, '../../../local/config.example.json'), 'utf8')));
const authorize = devTokenAuthorizer(example);

describe('the local stand-in for the JWT authorizer', () => {
  it('ships a safe default: a lead with both groups and an officer with none', () => {
    expect(authorize({ authorization: 'Bearer local-dev-token' })?.jwt.claims).toMatchObject({
      email: 'comms.lead@example.nhs.uk',
      // API Gateway hands array claims over as one string.
      'cognito:groups': '[comms-leads information-governance]',
    });
    expect(authorize({ authorization: 'bearer local-officer-token' })?.jwt.claims['cognito:groups']).toBeUndefined();
  });

  it.each([
    ['no header', {}],
    ['an unknown token', { authorization: 'Bearer someone-else' }],
    ['a token without the Bearer scheme', { authorization: 'local-dev-token' }],
    ['basic auth', { authorization: 'Basic bG9jYWw6ZGV2' }],
  ])('refuses %s', (_case, headers) => {
    expect(authorize(headers)).toBeUndefined();
  });

  it('marks exactly the ops API routes (and the digest preview behind them) as needing it, and puts the claims where API Gateway does', () => {
    const routes = apiRoutes(FUNCTIONS);
    const behindTheToken = new Set(['ops-api', 'preview-digest']);
    expect(new Set(routes.filter((route) => route.auth === 'jwt').map((route) => route.functionName))).toEqual(behindTheToken);
    expect(routes.filter((route) => behindTheToken.has(route.functionName)).every((route) => route.auth === 'jwt')).toBe(true);
    expect(routes.filter((route) => route.auth !== 'jwt').every((route) => route.routeKey.includes('/webhooks/'))).toBe(true);
    const found = matchRoute(routes, 'GET', '/interactions/facebook:1_2')!;
    expect(found).toMatchObject({ route: { routeKey: 'GET /interactions/{id}' }, pathParameters: { id: 'facebook:1_2' } });
    const event = toHttpApiEvent(
      found.route,
      found.pathParameters,
      { method: 'GET', url: '/interactions/facebook:1_2', rawHeaders: [], body: Buffer.alloc(0), sourceIp: '127.0.0.1', protocol: 'HTTP/1.1', requestId: 'r', receivedAt: new Date(0) },
      authorize({ authorization: 'Bearer local-dev-token' }),
    );
    expect((event.requestContext as unknown as { authorizer: { jwt: { claims: Record<string, string> } } }).authorizer.jwt.claims.sub).toBe('00000000-0000-4000-8000-000000000001');
  });
});
