/**
 * Intake beyond Facebook, end to end through `npm start` in process: real corpus deliveries signed as
 * their platforms sign them, then what the log holds: edits applied, deletions tombstoned (text
 * purged), revocations on the bus for operators, the trust's own replies kept as own-account.
 */
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { loadOrgConfig } from '../../infra/org-config';
import { PATHS } from '../../local/paths';
import { SECRET_OF, signedHeaders, type WebhookPath } from '../../local/platform-signatures';
import { readSecretsFile } from '../../local/secrets-manager';
import type { LocalSystem } from '../../local/start';
import { corpusBytes, startTestSystem, tableClient, tempDir } from './support';

const org = loadOrgConfig(PATHS.orgConfig);

describe('webhook intake for every platform', () => {
  const dir = tempDir('webhook-intake');
  let system: LocalSystem;
  let table: DynamoDBDocumentClient;

  beforeAll(async () => {
    system = await startTestSystem(dir.path);
    table = tableClient(system);
  }, 30_000);

  afterAll(async () => {
    table?.destroy();
    await system?.stop();
    dir.remove();
  });

  const post = async (path: WebhookPath, body: Buffer) => {
    const secret = readSecretsFile(system.secretsFile).secrets[org.secrets[SECRET_OF[path]]] as Record<string, unknown>;
    const response = await fetch(`${system.urls.api}/webhooks/${path}`, { method: 'POST', headers: signedHeaders(path, body, secret), body });
    await system.bus.idle();
    return response;
  };
  const stored = async (id: string) => (await table.send(new GetCommand({ TableName: system.tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' } }))).Item;
  const json = (file: string) => JSON.parse(corpusBytes(file).toString('utf8'));

  it('logs an X mention, then tombstones it when X reports it deleted: text purged, record kept', async () => {
    expect((await post('x', corpusBytes('x-xaa-post-mention.json'))).status).toBe(200);
    expect(await stored('x:2080765813578191303')).toMatchObject({ interaction: { text: 'hey @ExampleUser' } });

    const deletion = json('x-xaa-post-delete.json');
    deletion.data.payload.id = '2080765813578191303';
    expect((await post('x', Buffer.from(JSON.stringify(deletion)))).status).toBe(200);
    const item = await stored('x:2080765813578191303');
    expect(item).toMatchObject({ deletedAt: expect.any(String), interaction: { text: '', flags: { deleted: true } } });
    expect(system.bus.deadLetters().filter((letter) => letter.functionName === 'log-interaction')).toEqual([]);
  });

  it('applies a Messenger edit to the message it edits', async () => {
    const message = json('messenger-message-text.json');
    message.entry[0].messaging[0].message.mid = 'mid.edit-test';
    await post('messenger', Buffer.from(JSON.stringify(message)));
    const edit = json('messenger-message-edit.json');
    edit.entry[0].messaging[0].message_edit = { mid: 'mid.edit-test', text: 'hello again, edited', num_edit: 1 };
    edit.entry[0].messaging[0].timestamp += 1000;
    await post('messenger', Buffer.from(JSON.stringify(edit)));
    expect(await stored('messenger:mid.edit-test')).toMatchObject({ interaction: { text: 'hello again, edited', flags: { edited: true, private: true } } });
  });

  it('keeps the Page’s Messenger echo as its own reply in the conversation', async () => {
    await post('messenger', corpusBytes('messenger-message-echo.json'));
    expect(await stored('messenger:mid.1457764197618:41d102a3e1ae206a38')).toMatchObject({ ownAccount: true, interaction: { threadId: '987654321432' } });
  });

  it('puts revocations on the bus for operators, and logs no interaction for them', async () => {
    const before = system.bus.archived().length;
    await post('tiktok', corpusBytes('tiktok-authorization-removed.json'));
    await post('x', corpusBytes('x-xaa-oauth-revoke.json'));
    const types = system.bus.archived().slice(before).map((event) => event['detail-type']);
    expect(types).toEqual(['ConnectorHealthChanged', 'ConnectorHealthChanged']);
  });

  it('answers LinkedIn’s challenge and takes its batch', async () => {
    const challenge = await fetch(`${system.urls.api}/webhooks/linkedin?challengeCode=890e4665-4dfe-4ab1-b689-ed553bceeed0`);
    expect(challenge.status).toBe(200);
    expect(challenge.headers.get('content-type')).toBe('application/json');
    expect(await challenge.json()).toMatchObject({ challengeCode: '890e4665-4dfe-4ab1-b689-ed553bceeed0', challengeResponse: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const batch = Buffer.concat([Buffer.from('{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":['), corpusBytes('linkedin-social-action-notification-comment-element.json'), Buffer.from(']}')]);
    expect((await post('linkedin', batch)).status).toBe(200);
    expect(await stored('linkedin:urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)')).toMatchObject({ platform: 'linkedin' });
  });

  it('answers the X CRC and the YouTube hub verification', async () => {
    const crc = await fetch(`${system.urls.api}/webhooks/x?crc_token=9b4507b3`);
    expect(await crc.json()).toEqual({ response_token: expect.stringMatching(/^sha256=[A-Za-z0-9+/]{43}=$/) });
    const topic = encodeURIComponent('https://www.youtube.com/xml/feeds/videos.xml?channel_id=UC123');
    const hub = await fetch(`${system.urls.api}/webhooks/youtube?hub.mode=subscribe&hub.topic=${topic}&hub.challenge=abc123&hub.lease_seconds=432000`);
    expect(hub.status).toBe(200);
    expect(await hub.text()).toBe('abc123');
  });
});
