import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { createHmac } from 'node:crypto';
import { corpusBytes } from '../../support/shared-corpus';
import { httpEvent, lambdaContext } from '../../support/lambda';

const APP_SECRET = 'handler-test-secret';
const eventBridge = mockClient(EventBridgeClient);
const secretsManager = mockClient(SecretsManagerClient);
const s3 = mockClient(S3Client);

let handler: typeof import('../../../functions/handlers/ingest-webhook').handler;

beforeAll(async () => {
  process.env.EVENT_BUS_NAME = 'test-bus';
  process.env.META_SECRET_ID = 'nhs-social/test/meta-app';
  for (const name of ['X', 'LINKEDIN', 'TIKTOK', 'YOUTUBE']) process.env[`${name}_SECRET_ID`] = `nhs-social/test/${name.toLowerCase()}`;
  process.env.RAW_DELIVERY_BUCKET = 'test-raw-deliveries';
  // The handler reads its config at import (cold start), so import after the environment is set.
  ({ handler } = await import('../../../functions/handlers/ingest-webhook'));
});

beforeEach(() => {
  eventBridge.reset();
  secretsManager.reset();
  s3.reset();
  s3.on(PutObjectCommand).resolves({});
  eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: 'e-1' }] });
  secretsManager
    .on(GetSecretValueCommand, { SecretId: 'nhs-social/test/meta-app' })
    .resolves({ SecretString: JSON.stringify({ appSecret: APP_SECRET, verifyToken: 'meatyhamhock' }) });
});

const sign = (body: Buffer) => `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
const invoke = (event: ReturnType<typeof httpEvent>) => handler(event, lambdaContext('ingest-webhook'));

describe('ingest-webhook handler', () => {
  it('answers the Meta handshake with the challenge', async () => {
    const result = await invoke(
      httpEvent({
        method: 'GET',
        platform: 'facebook',
        query: { 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'meatyhamhock' },
      }),
    );
    expect(result).toMatchObject({ statusCode: 200, body: '1158201444', headers: { 'content-type': 'text/plain' } });
  });

  it('refuses a handshake with the wrong verify token with 403', async () => {
    const result = await invoke(
      httpEvent({ method: 'GET', platform: 'facebook', query: { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'guess' } }),
    );
    expect(result.statusCode).toBe(403);
  });

  it('publishes a signed visitor post and answers 200', async () => {
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    const result = await invoke(httpEvent({ method: 'POST', platform: 'facebook', body, headers: { 'x-hub-signature-256': sign(body) } }));
    expect(result).toMatchObject({ statusCode: 200 });
    expect(JSON.parse(String(result.body))).toEqual({ received: 1, updated: 0, deleted: 0, ops: 0, ignored: 0, quarantined: false });
    const entries = eventBridge.commandCalls(PutEventsCommand).flatMap((call) => call.args[0].input.Entries ?? []);
    expect(entries).toEqual([expect.objectContaining({ EventBusName: 'test-bus', DetailType: 'InteractionReceived' })]);
  });

  it('archives the raw body in the raw-delivery bucket first', async () => {
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    await invoke(httpEvent({ method: 'POST', platform: 'facebook', body, headers: { 'x-hub-signature-256': sign(body) } }));
    const [put] = s3.commandCalls(PutObjectCommand);
    expect(put?.args[0].input).toMatchObject({
      Bucket: 'test-raw-deliveries',
      Key: expect.stringMatching(/^facebook\/2026\/11\/24\/101501512Z-[0-9a-f]{16}\.json$/),
      ContentType: 'application/json',
    });
    expect(Buffer.from(put?.args[0].input.Body as Uint8Array)).toEqual(body);
  });

  it('answers 413 for a body over the limit, archiving and publishing nothing', async () => {
    const body = Buffer.alloc(1024 * 1024 + 1, 0x20);
    const result = await invoke(httpEvent({ method: 'POST', platform: 'facebook', body, headers: { 'x-hub-signature-256': sign(body) } }));
    expect(result.statusCode).toBe(413);
    expect(s3.commandCalls(PutObjectCommand)).toHaveLength(0);
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('verifies a base64-encoded body on its decoded bytes', async () => {
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    const event = httpEvent({ method: 'POST', platform: 'facebook', headers: { 'x-hub-signature-256': sign(body) } });
    const result = await invoke({ ...event, body: body.toString('base64'), isBase64Encoded: true });
    expect(result.statusCode).toBe(200);
  });

  it('refuses a bad signature with 401 and publishes nothing', async () => {
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    const result = await invoke(
      httpEvent({ method: 'POST', platform: 'facebook', body, headers: { 'x-hub-signature-256': `sha256=${'b'.repeat(64)}` } }),
    );
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(String(result.body))).toMatchObject({ error: 'SignatureError' });
    expect(eventBridge.commandCalls(PutEventsCommand)).toHaveLength(0);
  });

  it('answers 404 for a platform it has no intake for', async () => {
    const result = await invoke(httpEvent({ method: 'POST', platform: 'myspace', body: Buffer.from('{}') }));
    expect(result.statusCode).toBe(404);
  });

  it('fails (so the platform retries) when the bus cannot take the events', async () => {
    eventBridge.on(PutEventsCommand).resolves({ FailedEntryCount: 1, Entries: [{ ErrorCode: 'AccessDeniedException' }] });
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    await expect(
      invoke(httpEvent({ method: 'POST', platform: 'facebook', body, headers: { 'x-hub-signature-256': sign(body) } })),
    ).rejects.toThrow(/not published/);
  });
});
