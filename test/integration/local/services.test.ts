/** The local AWS stand-ins and the HTTP API server, each on 127.0.0.1:0, reached with the real SDK clients. */
import { request } from 'node:http';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { loadOrgConfig } from '../../../infra/org-config';
import { TABLE_DESIGN } from '../../../infra/table-design';
import { FUNCTIONS, type FunctionSpec } from '../../../infra/wiring';
import { LOCAL_CREDENTIALS } from '../../../local/account';
import { ensureTable, startDynamoDb } from '../../../local/dynamodb';
import { startHttpApi } from '../../../local/http-api';
import { FunctionTimeoutError, LocalFunctions } from '../../../local/lambda';
import { createLogger } from '../../../local/log';
import { PATHS } from '../../../local/paths';
import { ensureSecretsFile, readSecretsFile, secretArn, startSecretsManager } from '../../../local/secrets-manager';
import { listEmails, startSes } from '../../../local/ses';
import { tempDir } from '../support';

const region = 'eu-west-2';
const log = createLogger('test', true);
const org = loadOrgConfig(PATHS.orgConfig);

describe('local Secrets Manager', () => {
  const dir = tempDir('secrets');
  const file = join(dir.path, 'secrets.json');
  let url: string;
  let close: () => Promise<void>;
  let client: SecretsManagerClient;

  beforeAll(async () => {
    expect(ensureSecretsFile(file, PATHS.secretsExample)).toEqual({ created: true });
    ({ url, close } = await startSecretsManager({ file, region, log }));
    client = new SecretsManagerClient({ endpoint: url, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await close();
    dir.remove();
  });

  it('the committed example holds the Meta secret under the name config/org.yaml uses', () => {
    expect(readSecretsFile(PATHS.secretsExample).secrets[org.secrets.meta]).toEqual({
      appSecret: 'local-demo-app-secret',
      verifyToken: 'local-demo-verify-token',
    });
  });

  it('does not overwrite an existing secrets file', () => {
    expect(ensureSecretsFile(file, PATHS.secretsExample)).toEqual({ created: false });
  });

  it.each([
    ['name', () => org.secrets.meta],
    ['ARN', () => secretArn(org.secrets.meta, region)],
  ])('GetSecretValue by %s returns the JSON secret', async (_by, secretId) => {
    const result = await client.send(new GetSecretValueCommand({ SecretId: secretId() }));
    expect(JSON.parse(result.SecretString!)).toEqual({ appSecret: 'local-demo-app-secret', verifyToken: 'local-demo-verify-token' });
    expect(result).toMatchObject({ Name: org.secrets.meta, ARN: secretArn(org.secrets.meta, region), VersionStages: ['AWSCURRENT'] });
    expect(result.CreatedDate).toBeInstanceOf(Date);
    expect(result.VersionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers an unknown secret with ResourceNotFoundException', async () => {
    await expect(client.send(new GetSecretValueCommand({ SecretId: 'nope' }))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
      $metadata: { httpStatusCode: 400 },
    });
  });
});

describe('local DynamoDB (dynalite)', () => {
  it('creates the interaction-log table from TABLE_DESIGN once, on demand, with its GSIs', async () => {
    const dynamo = await startDynamoDb({ path: null });
    const client = new DynamoDBClient({ endpoint: dynamo.url, region, credentials: LOCAL_CREDENTIALS });
    try {
      expect(await ensureTable(dynamo.url, region, 'table-one')).toBe('created');
      expect(await ensureTable(dynamo.url, region, 'table-one')).toBe('exists');
      const { Table } = await client.send(new DescribeTableCommand({ TableName: 'table-one' }));
      expect(Table?.KeySchema).toEqual([
        { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
        { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
      ]);
      expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
      expect(Table?.GlobalSecondaryIndexes?.map((gsi) => [gsi.IndexName, gsi.KeySchema?.map((k) => k.AttributeName), gsi.IndexStatus])).toEqual(
        TABLE_DESIGN.globalSecondaryIndexes.map((gsi) => [gsi.indexName, [gsi.partitionKey, gsi.sortKey], 'ACTIVE']),
      );
    } finally {
      client.destroy();
      await dynamo.close();
    }
  });

  it('keeps data between restarts when given a folder', async () => {
    const dir = tempDir('dynalite');
    const runOnce = async () => {
      const dynamo = await startDynamoDb({ path: join(dir.path, 'dynamodb') });
      try {
        return await ensureTable(dynamo.url, region, 'table-two');
      } finally {
        await dynamo.close();
      }
    };
    try {
      expect(await runOnce()).toBe('created');
      expect(await runOnce()).toBe('exists');
    } finally {
      dir.remove();
    }
  });
});

describe('local SES', () => {
  it('stores what SESv2 SendEmail sends, readable at /store', async () => {
    const ses = await startSes();
    const client = new SESv2Client({ endpoint: ses.url, region, credentials: LOCAL_CREDENTIALS });
    try {
      const { MessageId } = await client.send(
        new SendEmailCommand({
          FromEmailAddress: org.digest.from,
          Destination: { ToAddresses: org.digest.recipients },
          Content: { Simple: { Subject: { Data: 'hello' }, Body: { Text: { Data: 'counts only' } } } },
        }),
      );
      const emails = await listEmails(ses.url);
      expect(emails.find((email) => email.messageId === MessageId)).toMatchObject({ subject: 'hello', body: { text: 'counts only' } });
      expect((await fetch(`${ses.url}/`)).status).toBe(200);
    } finally {
      client.destroy();
      await ses.close();
    }
  });
});

describe('local HTTP API server', () => {
  const received: APIGatewayProxyEventV2[] = [];
  let respond: (event: APIGatewayProxyEventV2) => unknown = () => ({ statusCode: 202, headers: { 'X-Test': 'yes' }, body: 'accepted' });
  let api: Awaited<ReturnType<typeof startHttpApi>>;

  beforeAll(async () => {
    api = await startHttpApi({
      functions: FUNCTIONS,
      invoke: async (_name, event) => {
        received.push(event as APIGatewayProxyEventV2);
        return respond(event as APIGatewayProxyEventV2);
      },
      maxBodyBytes: 1024,
      internal: async ({ path }) => ({ statusCode: 200, body: { path } }),
      log,
    });
  });
  afterAll(() => api.close());
  beforeEach(() => {
    received.length = 0;
  });

  function send(method: string, path: string, body?: Buffer, headers: Record<string, string> = {}) {
    return fetch(`${api.url}${path}`, { method, body, headers });
  }

  it('hands the handler the exact bytes and returns its response', async () => {
    const body = Buffer.from('{"message":"caf\u00e9 \\ud83d\\ude22 \\u0040"}');
    const response = await send('POST', '/webhooks/facebook?a=1', body, { 'content-type': 'application/json', 'X-Hub-Signature-256': 'sha256=00' });
    expect(response.status).toBe(202);
    expect(response.headers.get('x-test')).toBe('yes');
    expect(await response.text()).toBe('accepted');
    const event = received[0]!;
    expect(event.isBase64Encoded).toBe(false);
    expect(Buffer.from(event.body!, 'utf8').equals(body)).toBe(true);
    expect(event).toMatchObject({
      routeKey: 'POST /webhooks/{platform}',
      pathParameters: { platform: 'facebook' },
      queryStringParameters: { a: '1' },
      headers: { 'x-hub-signature-256': 'sha256=00' },
      requestContext: { http: { method: 'POST', sourceIp: '127.0.0.1' } },
    });
  });

  it('passes a binary body as base64', async () => {
    const body = Buffer.from([0x00, 0xff, 0x10, 0x80]);
    await send('POST', '/webhooks/x', body, { 'content-type': 'application/octet-stream' });
    expect(received[0]).toMatchObject({ isBase64Encoded: true, body: body.toString('base64') });
  });

  it('refuses a body over the limit with 413 without calling the handler', async () => {
    const response = await send('POST', '/webhooks/facebook', Buffer.alloc(2048, 0x61), { 'content-type': 'text/plain' });
    expect(response.status).toBe(413);
    expect(received).toEqual([]);
  });

  it('refuses a chunked body over the limit too', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/webhooks/facebook`, { method: 'POST', headers: { 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.write(Buffer.alloc(700, 0x61));
      req.end(Buffer.alloc(700, 0x61));
    });
    expect(status).toBe(413);
    expect(received).toEqual([]);
  });

  it.each([
    ['GET', '/nowhere'],
    ['DELETE', '/webhooks/facebook'],
  ])('answers %s %s with a 404 JSON body', async (method, path) => {
    const response = await send(method, path);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ message: 'Not Found' });
  });

  it('answers a handler error with a bare 500, as API Gateway does', async () => {
    respond = () => {
      throw new Error('handler bug');
    };
    const response = await send('GET', '/webhooks/facebook');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ message: 'Internal Server Error' });
    respond = () => ({ statusCode: 200, body: '' });
  });

  it('serves /_local/ routes outside the manifest', async () => {
    const response = await send('GET', '/_local/health');
    expect(await response.json()).toEqual({ path: '/_local/health' });
    expect(received).toEqual([]);
  });
});

describe('local Lambda runtime', () => {
  const slow: FunctionSpec = { ...FUNCTIONS[0]!, name: 'slow', timeoutSeconds: 0.05 };

  it('gives the handler a Lambda context with the manifest limits', async () => {
    const functions = new LocalFunctions({
      functions: [slow],
      handlersDir: PATHS.handlersDir,
      region,
      overrides: { slow: (_event, context) => ({ name: context.functionName, memory: context.memoryLimitInMB, left: context.getRemainingTimeInMillis() }) },
    });
    const result = (await functions.invoke('slow', {})) as { name: string; memory: string; left: number };
    expect(result).toMatchObject({ name: 'slow', memory: String(slow.memoryMb) });
    expect(result.left).toBeGreaterThan(0);
    expect(result.left).toBeLessThanOrEqual(50);
  });

  it('fails an invocation that outlives the function timeout', async () => {
    const functions = new LocalFunctions({
      functions: [slow],
      handlersDir: PATHS.handlersDir,
      region,
      overrides: { slow: () => new Promise((resolve) => setTimeout(resolve, 150)) },
    });
    await expect(functions.invoke('slow', {})).rejects.toBeInstanceOf(FunctionTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 150));
  });

  it('reports a handler file that does not exist', async () => {
    const functions = new LocalFunctions({ functions: [{ ...slow, name: 'not-written-yet' }], handlersDir: PATHS.handlersDir, region });
    expect((await functions.preload()).missing).toEqual(['not-written-yet']);
    await expect(functions.invoke('not-written-yet', {})).rejects.toMatchObject({ name: 'HandlerNotFoundError' });
  });
});
