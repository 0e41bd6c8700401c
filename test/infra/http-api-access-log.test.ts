/**
 * The HTTP API's access log: what each request leaves in CloudWatch Logs. Ops API paths carry a
 * person's platform id (GET and DELETE /authors/{platform}/{id}); after their erasure it must not stay
 * in the access logs, so requests are logged by route key, never by path or query string.
 */
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { PublicHttpApi } from '../../infra/constructs/http-api';

function accessLogFormat(): Record<string, string> {
  const stack = new Stack(new App(), 'AccessLogTest', { env: { account: '111111111111', region: 'eu-west-2' } });
  new PublicHttpApi(stack, 'HttpApi', { apiName: 'access-log-test' });
  const stages = Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Stage'));
  expect(stages).toHaveLength(1);
  return JSON.parse(stages[0]!.Properties.AccessLogSettings.Format as string) as Record<string, string>;
}

describe('HTTP API access log', () => {
  const format = accessLogFormat();

  it('names each request by its route key (GET /authors/{platform}/{id}), with its status and timing', () => {
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      integrationLatency: '$context.integrationLatency',
    });
  });

  it('logs neither the path (an author id) nor the query string (the Meta verify token)', () => {
    const variables = Object.values(format).join(' ');
    expect(variables).not.toMatch(/\$context\.(path|resourcePath)\b/);
    expect(variables).not.toMatch(/querystring|requestOverride|\$request\./i);
  });
});
