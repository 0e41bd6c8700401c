/**
 * `npm start` in process, end to end, with the real handlers and real SDK clients: a signed Facebook
 * webhook goes in, the interaction and its audit trail land in the table, and the weekly digest
 * goes out through local SES with the counts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { loadOrgConfig } from '../../infra/org-config';
import { eventRules, FUNCTIONS } from '../../infra/wiring';
import { metaSignature } from '../../local/meta-signature';
import { PATHS } from '../../local/paths';
import { readSecretsFile } from '../../local/secrets-manager';
import { listEmails } from '../../local/ses';
import { listPublished } from '../../local/sns';
import type { LocalSystem } from '../../local/start';
import { corpusBytes, startTestSystem, tableClient, tempDir, visitorPost } from './support';

const org = loadOrgConfig(PATHS.orgConfig);
const PAGE_ID = '1234567890321';

describe('local system end to end', () => {
  const dir = tempDir('local-system');
  let system: LocalSystem;
  let table: DynamoDBDocumentClient;
  let appSecret: string;

  beforeAll(async () => {
    system = await startTestSystem(dir.path);
    appSecret = (readSecretsFile(system.secretsFile).secrets[org.secrets.meta] as { appSecret: string }).appSecret;
    table = tableClient(system);
  }, 30_000);

  afterAll(async () => {
    table?.destroy();
    await system?.stop();
    dir.remove();
  });

  const post = (body: Buffer, signature = metaSignature(appSecret, body)) =>
    fetch(system.urls.webhook, { method: 'POST', headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature }, body });

  const itemsOf = async (interactionId: string) =>
    (await table.send(new QueryCommand({ TableName: system.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INT#${interactionId}` } })))
      .Items ?? [];

  it('runs every manifest function and routes with exactly the manifest rules', () => {
    expect(system.handlers).toEqual({ loaded: FUNCTIONS.map((fn) => fn.name), missing: [], failed: [] });
    expect(system.bus.rules).toEqual(eventRules());
  });

  it('answers the Meta handshake', async () => {
    const secret = readSecretsFile(system.secretsFile).secrets[org.secrets.meta] as { verifyToken: string };
    const response = await fetch(`${system.urls.webhook}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${secret.verifyToken}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('1158201444');
  });

  it('logs a signed real Facebook visitor post, assessed, with its audit items', async () => {
    const response = await post(corpusBytes('facebook-feed-visitor-post-add.json'));
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ received: 1 });
    await system.bus.idle();

    const id = `facebook:${PAGE_ID}_7293787835232`;
    const { Item } = await table.send(new GetCommand({ TableName: system.tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' } }));
    expect(Item).toMatchObject({ interactionId: id, platform: 'facebook', status: 'assessed', category: expect.any(String), priority: expect.any(String) });
    const audits = (await itemsOf(id)).filter((item) => String(item.sk).startsWith('AUDIT#'));
    expect(audits.map((item) => item.kind).sort()).toEqual(['assessed', 'received']);
    expect(system.bus.deadLetters()).toEqual([]);
  });

  it('refuses a bad signature with 401 and publishes nothing', async () => {
    const body = visitorPost(`${PAGE_ID}_4010001`, 'What are visiting hours?');
    const archived = system.bus.archived().length;
    const response = await post(body, metaSignature('not-the-app-secret', body));
    expect(response.status).toBe(401);
    await system.bus.idle();
    expect(system.bus.archived()).toHaveLength(archived);
    expect(await itemsOf(`facebook:${PAGE_ID}_4010001`)).toEqual([]);
  });

  it('keeps one interaction when the same delivery arrives twice', async () => {
    const body = visitorPost(`${PAGE_ID}_2020002`, 'We waited 6 hours in A&E and nobody told us anything');
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await system.bus.idle();
    const items = await itemsOf(`facebook:${PAGE_ID}_2020002`);
    expect(items.filter((item) => item.sk === 'INTERACTION')).toHaveLength(1);
    expect(items.filter((item) => String(item.sk).startsWith('AUDIT#')).map((item) => item.kind).sort()).toEqual(['assessed', 'received']);
    expect(system.bus.deadLetters()).toEqual([]);
  });

  it('sends the weekly digest through local SES with the week\'s counts', async () => {
    const { Item } = await table.send(new GetCommand({ TableName: system.tableName, Key: { pk: `INT#facebook:${PAGE_ID}_2020002`, sk: 'INTERACTION' } }));
    const week = String(Item!.gsi1pk).replace('WEEK#', '');

    const result = (await system.invokeScheduled('send-weekly-digest', { week })) as { week: string; messageId: string; figures: { volume: { inbound: number } } };
    expect(result).toMatchObject({ week, status: 'sent', figures: { volume: { inbound: 2 } } });

    const email = (await listEmails(system.urls.ses)).find((e) => e.messageId === result.messageId);
    expect(email).toBeDefined();
    expect(email!.destination.to).toEqual(org.digest.recipients);
    expect(email!.subject).toContain(week);
    expect(email!.body.text).toContain("2 inbound messages reached the trust's accounts");
    await system.bus.idle();
    expect(system.bus.archived().at(-1)).toMatchObject({ 'detail-type': 'WeeklyDigestSent', detail: { data: { week, messageId: result.messageId } } });
  });

  it('keeps personal data out of the table and the digest', async () => {
    const nhsNumber = '943 476 5919';
    const email = 'jo.bloggs@example.com';
    const phone = '07700 900123';
    const body = visitorPost(`${PAGE_ID}_3030003`, `Please help, my NHS number is ${nhsNumber}, call ${phone} or mail ${email}`);
    expect((await post(body)).status).toBe(200);
    await system.bus.idle();

    const stored = JSON.stringify(await itemsOf(`facebook:${PAGE_ID}_3030003`));
    expect(stored).toContain('"category":"pii"');
    for (const secret of [nhsNumber, email, phone, '9434765919']) expect(stored).not.toContain(secret);

    const { Item } = await table.send(new GetCommand({ TableName: system.tableName, Key: { pk: `INT#facebook:${PAGE_ID}_3030003`, sk: 'INTERACTION' } }));
    const week = String(Item!.gsi1pk).replace('WEEK#', '');
    // That week's digest went out above (once per week and recipient list): re-send it on purpose.
    const result = (await system.invokeScheduled('send-weekly-digest', { week, resend: true })) as { messageId: string };
    const digest = (await listEmails(system.urls.ses)).find((e) => e.messageId === result.messageId)!;
    const everything = `${digest.subject}\n${digest.body.text}\n${digest.body.html}`;
    for (const secret of [nhsNumber, email, phone, 'Test Visitor', 'John Doe', 'waited 6 hours']) expect(everything).not.toContain(secret);
    expect(digest.body.text).toContain('Personal data removed from messages: 1');
  });

  it('invokes the digest through the local-only route the digest script uses', async () => {
    const response = await fetch(`${system.urls.api}/_local/invoke/send-weekly-digest`, { method: 'POST', body: JSON.stringify({ week: '2026-W01' }) });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ functionName: 'send-weekly-digest', result: { week: '2026-W01', figures: { volume: { inbound: 0 } } } });
    const notScheduled = await fetch(`${system.urls.api}/_local/invoke/ingest-webhook`, { method: 'POST' });
    expect(notScheduled.status).toBe(404);
  });

  it('archives each verified delivery as a file before processing it, and nothing from a forged one', async () => {
    const body = visitorPost(`${PAGE_ID}_5050005`, 'Is the car park open?');
    const before = system.rawDeliveries.keys();
    expect((await post(body)).status).toBe(200);
    expect((await post(body, metaSignature('not-the-app-secret', body))).status).toBe(401);
    const added = system.rawDeliveries.keys().filter((key) => !before.includes(key));
    expect(added).toEqual([expect.stringMatching(/^facebook\/\d{4}\/\d{2}\/\d{2}\/\d{9}Z-[0-9a-f]{16}\.json$/)]);
    expect(readFileSync(join(dir.path, 'raw-deliveries', added[0]!))).toEqual(body);
  });

  it('leaves the Care Opinion connector off until its secret enables it', async () => {
    await expect(system.invokeScheduled('pull-care-opinion')).resolves.toEqual({ status: 'not_configured' });
  });

  it('pages on-call once and emails the owner team once when a P0 message is delivered twice', async () => {
    const id = `facebook:${PAGE_ID}_6060006`;
    const body = visitorPost(`${PAGE_ID}_6060006`, 'I want to end it all tonight');
    expect((await post(body)).status).toBe(200);
    expect((await post(body)).status).toBe(200);
    await system.bus.idle();

    // Two deliveries, two assessments, two EscalationRaised (each its own correlationId)...
    const raised = system.bus.archived().filter((event) => event['detail-type'] === 'EscalationRaised' && JSON.stringify(event.detail).includes(id));
    expect(raised).toHaveLength(2);
    // ...and one page, one email.
    const pages = (await listPublished(system.urls.sns)).filter((page) => page.message.includes(`Interaction: ${id}`));
    expect(pages).toHaveLength(1);
    expect(pages[0]!.subject).toMatch(/^\[P0\]/);
    const emails = (await listEmails(system.urls.ses)).filter((email) => (email.body.text ?? '').includes(`Interaction: ${id}`));
    expect(emails).toHaveLength(1);
    expect((await itemsOf(id)).filter((item) => String(item.sk).startsWith('NOTIFIED#'))).toEqual([
      expect.objectContaining({ sk: 'NOTIFIED#P0', status: 'sent', messageId: emails[0]!.messageId }),
    ]);
    expect(system.bus.deadLetters()).toEqual([]);
  });
});
