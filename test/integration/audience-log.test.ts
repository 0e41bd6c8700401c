/**
 * Follows and unfollows of the trust's accounts (AudienceChanged) filed by ISO week in dynalite:
 * once per platform event, whatever the redelivery; read back with one partition query; no follower identity.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { AudienceChanged, type DetailOf } from '../../events';
import { DynamoDbAudienceLog } from '../../functions/adapters/dynamodb-audience-log';
import { localTables } from './support';

type Audience = DetailOf<typeof AudienceChanged>;
const sample: Audience = JSON.parse(readFileSync(join(__dirname, '../../events/samples/AudienceChanged.json'), 'utf8')).detail;

const tables = localTables('audience');
let documents: DynamoDBDocumentClient;
let tableName: string;
let log: DynamoDbAudienceLog;
let commands: string[];

beforeAll(async () => {
  await tables.start();
  documents = tables.documents;
});

afterAll(() => tables.stop());

beforeEach(async () => {
  tableName = await tables.next();
  commands = [];
  const counting = {
    send: (command: { constructor: { name: string } }) => {
      commands.push(command.constructor.name);
      return documents.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  log = new DynamoDbAudienceLog(counting, tableName, 'Europe/London');
});

const delivery = (correlationId: string, data: Partial<Audience['data']> = {}): Audience =>
  AudienceChanged.detailSchema.parse({ metadata: { ...sample.metadata, correlationId }, data: { ...sample.data, ...data } });

describe('DynamoDbAudienceLog against dynalite', () => {
  it('files a follow once: an EventBridge retry and a platform redelivery (new receipt time, same event id) are duplicates', async () => {
    expect(await log.recordAudienceChange(delivery('d1'))).toBe('written');
    expect(await log.recordAudienceChange(delivery('d1'))).toBe('duplicate');
    // X's Activity API gives no follow time: a redelivery carries a later receipt time in the same week.
    expect(await log.recordAudienceChange(delivery('d2', { occurredAt: '2026-11-24T12:09:30.000Z' }))).toBe('duplicate');

    const items =
      (
        await documents.send(
          new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'AUDIENCE#2026-W48' } }),
        )
      ).Items ?? [];
    expect(items).toEqual([
      {
        pk: 'AUDIENCE#2026-W48',
        sk: `x#${sample.data.id}`,
        entity: 'audience-change',
        platform: 'x',
        accountId: '1111111111111111111',
        change: 'follow',
        occurredAt: '2026-11-24T12:05:00.512Z',
      },
    ]);
  });

  it('files by ISO week in the trust time zone and lists one week with one partition query, no scan', async () => {
    await log.recordAudienceChange(delivery('a'));
    await log.recordAudienceChange(delivery('b', { id: 'x:00000000000000b2', change: 'unfollow', occurredAt: '2026-11-29T23:59:00.000Z' }));
    // Sunday 29 November 23:59 London is W48; Monday 30 November 00:01 is W49.
    await log.recordAudienceChange(delivery('c', { id: 'x:00000000000000c3', occurredAt: '2026-11-30T00:01:00.000Z' }));
    commands.length = 0;

    const week = await log.listWeek('2026-W48');
    expect(commands).toEqual(['QueryCommand']);
    expect(week.map((entry) => entry.change).sort()).toEqual(['follow', 'unfollow']);
    expect(week[0]).toEqual({ platform: 'x', accountId: '1111111111111111111', change: expect.any(String), occurredAt: expect.any(String) });
    expect(await log.listWeek('2026-W49')).toHaveLength(1);
    expect(await log.listWeek('2026-W47')).toEqual([]);
  });
});
