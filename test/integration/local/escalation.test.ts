/**
 * notify-owner against the local stand-ins with the real SDK clients: the local SNS records the page
 * (AWS Query protocol) and local SES shows the email on its page, as `npm start` does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SNSClient } from '@aws-sdk/client-sns';
import type { EventBridgeEvent } from 'aws-lambda';
import { escalationRecipients, loadOrgConfig } from '../../../infra/org-config';
import { ENV } from '../../../infra/wiring';
import { SnsPager } from '../../../functions/adapters/sns-pager';
import { LOCAL_CREDENTIALS } from '../../../local/account';
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

describe('notify-owner handler, locally', () => {
  const org = loadOrgConfig(PATHS.orgConfig);
  let ses: Awaited<ReturnType<typeof startSes>>;
  let sns: Awaited<ReturnType<typeof startSns>>;
  const saved = { ...process.env };

  beforeAll(async () => {
    [ses, sns] = await Promise.all([startSes(), startSns({ log })]);
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
      AWS_ENDPOINT_URL_SESV2: ses.url,
      AWS_ENDPOINT_URL_SNS: sns.url,
      [ENV.trustName]: org.trustName,
      [ENV.timeZone]: org.timeZone,
      [ENV.notifyFrom]: org.digest.from,
      [ENV.ownerRecipients]: JSON.stringify(escalationRecipients(org)),
      [ENV.pagingTopicArn]: topicArn,
    });
  });
  afterAll(async () => {
    process.env = saved;
    await Promise.all([ses.close(), sns.close()]);
  });

  it('pages on-call for the P0 sample and emails the owner team, with no message text', async () => {
    const envelope = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'events', 'samples', 'EscalationRaised.json'), 'utf8')) as EventBridgeEvent<string, unknown>;
    const { handler } = (await import('../../../functions/handlers/notify-owner')) as {
      handler: (event: unknown, context: unknown) => Promise<{ to: string[]; paged: boolean }>;
    };
    const result = await handler(envelope, lambdaContext('notify-owner'));
    const team = escalationRecipients(org)['duty-social'] ?? escalationRecipients(org).default!;
    expect(result).toMatchObject({ to: team, paged: true });

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
});
