/**
 * notify-owner against the local stand-ins with the real SDK clients: the local SNS records the page
 * (AWS Query protocol), local SES shows the email on its page, as `npm start` does, and dynalite keeps
 * the notice claim that makes each escalation go out once.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SNSClient } from '@aws-sdk/client-sns';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EventBridgeEvent } from 'aws-lambda';
import { escalationRecipients, loadOrgConfig, retentionPolicy } from '../../../infra/org-config';
import { ENV } from '../../../infra/wiring';
import { DynamoDbEscalationNotices } from '../../../functions/adapters/dynamodb-escalation-notices';
import { SnsPager } from '../../../functions/adapters/sns-pager';
import { DEFAULT_RETENTION } from '../../../functions/core/interactions/retention';
import { LOCAL_CREDENTIALS } from '../../../local/account';
import { ensureTable, startDynamoDb } from '../../../local/dynamodb';
import { createLogger } from '../../../local/log';
import { PATHS } from '../../../local/paths';
import { listEmails, startSes } from '../../../local/ses';
import { listPublished, localTopicArn, startSns } from '../../../local/sns';
import { lambdaContext } from '../../support/lambda';

const region = 'eu-west-2';
const topicArn = localTopicArn(region, 'nhs-social-test-paging');
const log = createLogger('test', true);

describe('local SNS', () => {
  let sns: Awaited<ReturnType<typeof startSns>>;
  let client: SNSClient;
  beforeAll(async () => {
    sns = await startSns({ log });
    client = new SNSClient({ endpoint: sns.url, region, credentials: LOCAL_CREDENTIALS, maxAttempts: 1 });
  });
  afterAll(async () => {
    client.destroy();
    await sns.close();
  });

  it('records a Publish made with the real SDK client and answers with a message id', async () => {
    const { messageId } = await new SnsPager(client, topicArn).page({ subject: '[P0] Safeguarding — on-call', text: 'details' });
    expect(messageId).toMatch(/^[0-9a-f-]{36}$/);
    expect(await listPublished(sns.url)).toEqual([
      { messageId, topicArn, subject: '[P0] Safeguarding - on-call', message: 'details', at: expect.any(String) },
    ]);
    const page = await (await fetch(`${sns.url}/`)).text();
    expect(page).toContain('Local SNS: pages sent (1)');
  });

  it('refuses a Publish without a message, as SNS does', async () => {
    await expect(new SnsPager(client, topicArn).page({ subject: 's', text: '' })).rejects.toThrow(/Message is required/);
  });
});

const TABLE = 'nhs-social-test-interactions';

describe('notify-owner handler, locally', () => {
  const org = loadOrgConfig(PATHS.orgConfig);
  let ses: Awaited<ReturnType<typeof startSes>>;
  let sns: Awaited<ReturnType<typeof startSns>>;
  let dynamodb: Awaited<ReturnType<typeof startDynamoDb>>;
  let table: DynamoDBDocumentClient;
  const saved = { ...process.env };
  const sampleEnvelope = () =>
    JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'events', 'samples', 'EscalationRaised.json'), 'utf8')) as EventBridgeEvent<
      string,
      { metadata: { correlationId: string }; data: { interactionId: string } }
    >;
  const loadHandler = async () =>
    ((await import('../../../functions/handlers/notify-owner')) as {
      handler: (event: unknown, context: unknown) => Promise<{ outcome: string; to: string[]; paged: boolean; messageId?: string }>;
    }).handler;

  beforeAll(async () => {
    [ses, sns, dynamodb] = await Promise.all([startSes(), startSns({ log }), startDynamoDb({ path: null })]);
    await ensureTable(dynamodb.url, region, TABLE);
    table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodb.url, region, credentials: LOCAL_CREDENTIALS }));
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_SESV2: ses.url,
      AWS_ENDPOINT_URL_SNS: sns.url,
      AWS_ENDPOINT_URL_DYNAMODB: dynamodb.url,
      [ENV.trustName]: org.trustName,
      [ENV.timeZone]: org.timeZone,
      [ENV.notifyFrom]: org.digest.from,
      [ENV.ownerRecipients]: JSON.stringify(escalationRecipients(org)),
      [ENV.pagingTopicArn]: topicArn,
      [ENV.tableName]: TABLE,
      [ENV.retentionPolicy]: JSON.stringify(retentionPolicy(org)),
    });
  });
  afterAll(async () => {
    process.env = saved;
    table?.destroy();
    await Promise.all([ses.close(), sns.close(), dynamodb.close()]);
  });

  it('pages on-call for the P0 sample and emails the owner team, with no message text', async () => {
    const handler = await loadHandler();
    const result = await handler(sampleEnvelope(), lambdaContext('notify-owner'));
    const team = escalationRecipients(org)['duty-social'] ?? escalationRecipients(org).default!;
    expect(result).toMatchObject({ outcome: 'sent', to: team, paged: true });

    const pages = await listPublished(sns.url);
    expect(pages).toHaveLength(1);
    expect(pages[0]!.subject).toMatch(/^\[P0\] Clinical question/);
    const emails = await listEmails(ses.url);
    expect(emails).toHaveLength(1);
    expect(emails[0]!.destination.to).toEqual(team);
    expect(emails[0]!.subject).toMatch(/^\[P0\] Clinical question/);
    for (const text of [emails[0]!.body.text ?? '', emails[0]!.body.html ?? '', pages[0]!.message]) {
      expect(text).not.toMatch(/struggling to breathe, should we/);
      expect(text).toContain('https://www.facebook.com/1234567890321_7293787835232');
    }
  });

  it('sends the same EscalationRaised delivered again (a retry, redrive or replay) and a duplicate delivery once: one email, one page', async () => {
    const handler = await loadHandler();
    const again = sampleEnvelope();
    const duplicate = sampleEnvelope();
    duplicate.id = 'a-new-event-id';
    duplicate.detail.metadata.correlationId = 'a-second-webhook-delivery';
    for (const event of [again, duplicate]) {
      await expect(handler(event, lambdaContext('notify-owner'))).resolves.toMatchObject({ outcome: 'already-sent', paged: true });
    }
    expect(await listPublished(sns.url)).toHaveLength(1);
    const emails = await listEmails(ses.url);
    expect(emails).toHaveLength(1);

    const { Item } = await table.send(
      new GetCommand({ TableName: TABLE, Key: { pk: `INT#${again.detail.data.interactionId}`, sk: 'NOTIFIED#P0' } }),
    );
    expect(Item).toMatchObject({
      entity: 'escalation-notice',
      status: 'sent',
      owner: again.detail.metadata.correlationId,
      messageId: emails[0]!.messageId,
      pageMessageId: expect.any(String),
      attempts: 1,
      expiresAt: expect.any(Number),
    });
  });
});

describe('DynamoDbEscalationNotices against dynalite', () => {
  let dynamodb: Awaited<ReturnType<typeof startDynamoDb>>;
  let client: DynamoDBDocumentClient;
  let notices: DynamoDbEscalationNotices;
  beforeAll(async () => {
    dynamodb = await startDynamoDb({ path: null });
    await ensureTable(dynamodb.url, region, TABLE);
    client = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamodb.url, region, credentials: LOCAL_CREDENTIALS }));
    notices = new DynamoDbEscalationNotices(client, TABLE, DEFAULT_RETENTION);
  });
  afterAll(async () => {
    client.destroy();
    await dynamodb.close();
  });

  const claim = (owner: string, now: string, leaseUntil: string) =>
    notices.claim({ interactionId: 'x:1', level: 'P0', owner, now, leaseUntil, receivedAt: '2026-11-24T10:00:00.000Z', category: 'safeguarding' });

  it('claims once, lets the same delivery continue, another only after the lease, and keeps a page across owners', async () => {
    expect(await claim('a', '2026-11-24T10:00:00.000Z', '2026-11-24T10:05:00.000Z')).toMatchObject({ claimed: true, notice: { status: 'pending', owner: 'a' } });
    await notices.markPaged('x:1', 'P0', 'a', 'page-1', '2026-11-24T10:00:01.000Z');
    expect(await claim('b', '2026-11-24T10:04:00.000Z', '2026-11-24T10:09:00.000Z')).toMatchObject({ claimed: false, notice: { status: 'pending', owner: 'a' } });
    expect(await claim('a', '2026-11-24T10:01:00.000Z', '2026-11-24T10:06:00.000Z')).toMatchObject({ claimed: true, notice: { owner: 'a', pageMessageId: 'page-1' } });
    // a's lease has passed: b takes over, with a's page recorded; a can no longer settle it.
    expect(await claim('b', '2026-11-24T10:07:00.000Z', '2026-11-24T10:12:00.000Z')).toMatchObject({ claimed: true, notice: { owner: 'b', pageMessageId: 'page-1', attempts: 3 } });
    await notices.markSent('x:1', 'P0', 'a', 'email-a', '2026-11-24T10:07:01.000Z');
    await notices.markSent('x:1', 'P0', 'b', 'email-b', '2026-11-24T10:07:02.000Z');
    expect(await claim('c', '2026-11-24T11:00:00.000Z', '2026-11-24T11:05:00.000Z')).toMatchObject({
      claimed: false,
      notice: { status: 'sent', owner: 'b', messageId: 'email-b', pageMessageId: 'page-1' },
    });
    expect(await claim('b', '2026-11-24T11:00:00.000Z', '2026-11-24T11:05:00.000Z')).toMatchObject({ claimed: false, notice: { status: 'sent' } });
  });
});
