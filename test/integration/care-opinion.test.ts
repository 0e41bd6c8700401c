/**
 * The Care Opinion connector end to end: the deployed handler run by the local runtime on its
 * schedule trigger, the real fetch adapter against a local fake Care Opinion API (fake-care-opinion.ts:
 * built from the documented fields, as Care Opinion publishes no sample), the cursor in the (dynalite)
 * table, interactions through the local bus into the log.
 */
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { loadOrgConfig } from '../../infra/org-config';
import { PATHS } from '../../local/paths';
import { readSecretsFile } from '../../local/secrets-manager';
import type { LocalSystem } from '../../local/start';
import { FakeCareOpinionApi } from './fake-care-opinion';
import { startTestSystem, tableClient, tempDir } from './support';

const org = loadOrgConfig(PATHS.orgConfig);
const KEY = 'integration-subscription-key';

describe('Care Opinion connector against a fake API', () => {
  const dir = tempDir('care-opinion');
  const api = new FakeCareOpinionApi(KEY);
  let system: LocalSystem;
  let table: DynamoDBDocumentClient;
  const secretsFile = join(dir.path, 'secrets.json');

  beforeAll(async () => {
    await api.start();
    // Read by the handler at its cold start; the stack leaves it unset (the real API).
    process.env.CARE_OPINION_API_URL = `${api.url}/api/v2`;
    const secrets = readSecretsFile(PATHS.secretsExample).secrets;
    secrets[org.secrets.careopinion] = { subscriptionKey: KEY, enabled: true };
    writeFileSync(secretsFile, JSON.stringify({ secrets }));
    system = await startTestSystem(dir.path);
    table = tableClient(system);
  }, 30_000);

  afterAll(async () => {
    table?.destroy();
    await system?.stop();
    await api.stop();
    delete process.env.CARE_OPINION_API_URL;
    dir.remove();
  });

  const item = async (pk: string, sk: string) => (await table.send(new GetCommand({ TableName: system.tableName, Key: { pk, sk } }))).Item;
  const received = () => system.bus.archived().filter((event) => event['detail-type'] === 'InteractionReceived');

  it('pages through new opinions at no more than 5 requests a second, logs each once and keeps its cursor', async () => {
    const recent = new Date(Date.now() - 86_400_000).toISOString();
    api.publish(201, recent);
    const result = await system.invokeScheduled('pull-care-opinion');
    expect(result).toMatchObject({ status: 'done', requests: 3, published: 201 });
    await system.bus.idle();

    expect(received()).toHaveLength(201);
    const logged = await item('INT#careopinion:1', 'INTERACTION');
    expect(logged).toMatchObject({ platform: 'careopinion', channel: 'review', interaction: { text: 'Story 1\n\nThe ward staff were kind.\n\nThank you', author: { displayName: 'patient' } } });
    const cursor = await item('CONNECTOR#careopinion', 'CURSOR');
    expect(cursor).toMatchObject({ version: 3, cursor: { publishedAfter: new Date(Date.parse(recent) + 200 * 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z'), idsAtCursor: ['201'] } });
    expect(cursor?.gsi1pk).toBeUndefined();

    const [first, second, third] = api.requests.slice(-3);
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(190);
    expect(third!.at - second!.at).toBeGreaterThanOrEqual(190);
    expect(first!.query.get('dateofpublicationorder')).toBe('ascending');
    expect(system.bus.deadLetters().filter((letter) => ['log-interaction', 'apply-response-matrix'].includes(letter.functionName))).toEqual([]);
  }, 60_000);

  it('reads nothing twice: the next run publishes only what is new', async () => {
    const again = await system.invokeScheduled('pull-care-opinion');
    expect(again).toMatchObject({ published: 0, skipped: 1 });
    api.publish(2, new Date(Date.now() - 3_600_000).toISOString());
    const next = await system.invokeScheduled('pull-care-opinion');
    expect(next).toMatchObject({ published: 2 });
    await system.bus.idle();
    expect(received().map((event) => (event.detail as { data: { nativeId: string } }).data.nativeId).slice(-2)).toEqual(['202', '203']);
  }, 30_000);
});
