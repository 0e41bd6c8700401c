import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export function lambdaContext(functionName: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:eu-west-2:123456789012:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: 'req-1',
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** An API Gateway HTTP API (payload 2.0) event, as the deployed route hands it to the function. */
export function httpEvent(options: {
  method: 'GET' | 'POST';
  platform: string;
  body?: Buffer;
  headers?: Record<string, string>;
  query?: Record<string, string>;
}): APIGatewayProxyEventV2 {
  const path = `/webhooks/${options.platform}`;
  const query = new URLSearchParams(options.query ?? {}).toString();
  return {
    version: '2.0',
    routeKey: `${options.method} /webhooks/{platform}`,
    rawPath: path,
    rawQueryString: query,
    headers: { 'content-type': 'application/json', ...options.headers },
    queryStringParameters: options.query,
    pathParameters: { platform: options.platform },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example',
      domainPrefix: 'api',
      http: { method: options.method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'facebookexternalua' },
      requestId: 'req',
      routeKey: `${options.method} /webhooks/{platform}`,
      stage: '$default',
      time: '24/Nov/2026:10:15:01 +0000',
      timeEpoch: Date.parse('2026-11-24T10:15:01.512Z'),
    },
    body: options.body?.toString('utf8'),
    isBase64Encoded: false,
  };
}
