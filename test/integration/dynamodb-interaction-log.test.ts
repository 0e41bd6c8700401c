import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DetailOf, InteractionAssessed, InteractionDeleted, InteractionEdited, InteractionReceived } from '../../events';
import { DynamoDbInteractionLog } from '../../functions/adapters/dynamodb-interaction-log';
import { redactPii } from '../../functions/core/pii/redact';
import { localTables } from './support';

type Received = DetailOf<typeof InteractionReceived>;
type Assessed = DetailOf<typeof InteractionAssessed>;
type Edited = DetailOf<typeof InteractionEdited>;
type Deleted = DetailOf<typeof InteractionDeleted>;

const samples = join(__dirname, '../../events/samples');
const receivedSample: Received = JSON.parse(readFileSync(join(samples, 'InteractionReceived.json'), 'utf8')).detail;
const assessedSample: Assessed = JSON.parse(readFileSync(join(samples, 'InteractionAssessed.json'), 'utf8')).detail;

const tables = localTables('interactions');
let documents: DynamoDBDocumentClient;
let log: DynamoDbInteractionLog;
let tableName: string;

beforeAll(async () => {
  await tables.start();
  documents = tables.documents;
});

afterAll(() => tables.stop());

beforeEach(async () => {
  tableName = await tables.next();
  log = new DynamoDbInteractionLog(documents, tableName, 'Europe/London', (text) => redactPii(text).text);
});

const itemsOf = async (id: string) =>
  (
    await documents.send(
      new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INT#${id}` } }),
    )
  ).Items ?? [];

const withDelivery = <T extends Received | Assessed>(detail: T, correlationId: string, occurredAt: string): T => ({
  ...detail,
  metadata: { ...detail.metadata, correlationId, occurredAt },
});

describe('DynamoDbInteractionLog against dynalite', () => {
  const id = receivedSample.data.id;

  it('writes the interaction once with one audit item, and a retry of the same event changes nothing', async () => {
    expect(await log.recordReceived(receivedSample)).toBe('written');
    const before = await itemsOf(id);
    // EventBridge retry: the same event, byte for byte.
    expect(await log.recordReceived(receivedSample)).toBe('written');
    expect(await itemsOf(id)).toEqual(before);
    expect(before.map((item) => item.sk)).toEqual([`AUDIT#${receivedSample.metadata.occurredAt}#received`, 'INTERACTION']);
  });

  it('reports a second delivery of the same item as a duplicate and adds no audit item', async () => {
    await log.recordReceived(receivedSample);
    const redelivered = withDelivery(receivedSample, 'another-delivery', '2026-11-24T10:20:00.000Z');
    expect(await log.recordReceived(redelivered)).toBe('duplicate');
    expect(await itemsOf(id)).toHaveLength(2);
  });

  it('accepts the assessment before the receipt (events may arrive in any order)', async () => {
    expect(await log.recordAssessed(assessedSample)).toBe('written');
    expect(await log.recordReceived(receivedSample)).toBe('written');
    const items = await itemsOf(id);
    const interaction = items.find((item) => item.sk === 'INTERACTION')!;
    expect(interaction).toMatchObject({ status: 'assessed', category: 'complaint', priority: 'P2' });
    expect(items.filter((item) => item.entity === 'audit').map((item) => item.kind).sort()).toEqual(['assessed', 'received']);
  });

  it('records the rule, matrix version and signals in the assessment audit item', async () => {
    await log.recordReceived(receivedSample);
    await log.recordAssessed(assessedSample);
    const audit = (await itemsOf(id)).find((item) => item.kind === 'assessed');
    expect(audit).toMatchObject({
      actor: 'system:response-matrix',
      ruleId: assessedSample.data.assessment.ruleId,
      matrixVersion: assessedSample.data.assessment.matrixVersion,
      why: assessedSample.data.assessment.rationale,
      signals: assessedSample.data.assessment.signals,
    });
  });

  it('keeps the first assessment when another delivery is assessed again', async () => {
    await log.recordAssessed(assessedSample);
    const again = withDelivery(assessedSample, 'another-delivery', '2026-11-24T11:00:00.000Z');
    expect(await log.recordAssessed(again)).toBe('duplicate');
    expect((await itemsOf(id)).filter((item) => item.kind === 'assessed')).toHaveLength(1);
  });

  it('stores text with personal data redacted', async () => {
    const withPii = { ...receivedSample, data: { ...receivedSample.data, text: 'My NHS number is 943 476 5919, email jo@example.com' } };
    await log.recordReceived(withPii);
    const stored = JSON.stringify(await itemsOf(id));
    expect(stored).not.toContain('943 476 5919');
    expect(stored).not.toContain('jo@example.com');
  });

  it('lists one ISO week through the week index, in London time', async () => {
    const at = (receivedAt: string, n: number): Received => ({
      ...receivedSample,
      data: { ...receivedSample.data, id: `facebook:${n}`, nativeId: String(n), receivedAt },
    });
    await log.recordReceived(at('2026-11-22T23:59:59.000Z', 1)); // Sunday: week 47
    await log.recordReceived(at('2026-11-23T00:00:00.000Z', 2)); // Monday: week 48
    await log.recordReceived(at('2026-11-29T23:59:59.000Z', 3)); // Sunday: week 48
    await log.recordAssessed({ ...assessedSample, data: { ...assessedSample.data, interaction: at('2026-11-25T09:00:00.000Z', 4).data } });
    const week = await log.listWeek('2026-W48');
    expect(week.map((item) => item.id).sort()).toEqual(['facebook:2', 'facebook:3', 'facebook:4']);
    expect(week.find((item) => item.id === 'facebook:4')).toMatchObject({ category: 'complaint', priority: 'P2', ownAccount: false });
  });
});

describe('edits and tombstones (InteractionEdited / InteractionDeleted)', () => {
  const id = receivedSample.data.id;
  const interactionOf = async () => (await itemsOf(id)).find((item) => item.sk === 'INTERACTION')!;
  const audits = async (kind: string) => (await itemsOf(id)).filter((item) => item.kind === kind);
  const edited = (text: string, editedAt: string, correlationId = `edit-${editedAt}`): Edited => ({
    metadata: { schemaVersion: 1, idempotencyKey: `InteractionEdited:${id}:${editedAt}`, correlationId, occurredAt: editedAt },
    data: { id, platform: 'facebook', nativeId: receivedSample.data.nativeId, accountId: receivedSample.data.accountId, text, editedAt, receivedAt: editedAt },
  });
  const deleted = (deletedAt: string, correlationId = `delete-${deletedAt}`): Deleted => ({
    metadata: { schemaVersion: 1, idempotencyKey: `InteractionDeleted:${id}`, correlationId, occurredAt: deletedAt },
    data: { id, platform: 'facebook', nativeId: receivedSample.data.nativeId, accountId: receivedSample.data.accountId, deletedAt, receivedAt: deletedAt },
  });

  it('replaces the text of a logged interaction (redacted), flags it edited and audits it once, even on retry', async () => {
    await log.recordReceived(receivedSample);
    const edit = edited('Edited: my NHS number is 943 476 5919', '2026-11-24T11:00:00.000Z');
    expect(await log.recordEdited(edit)).toBe('written');
    expect(await log.recordEdited(edit)).toBe('duplicate');
    const item = await interactionOf();
    expect(item.interaction.text).not.toContain('943 476 5919');
    expect(item.interaction.text).toMatch(/^Edited: my NHS number is /);
    expect(item).toMatchObject({ editedAt: '2026-11-24T11:00:00.000Z', interaction: { flags: { edited: true } } });
    expect(await audits('edited')).toHaveLength(1);
  });

  it('keeps the newest edit whatever order edits arrive in', async () => {
    await log.recordReceived(receivedSample);
    expect(await log.recordEdited(edited('second', '2026-11-24T12:00:00.000Z'))).toBe('written');
    expect(await log.recordEdited(edited('first', '2026-11-24T11:00:00.000Z'))).toBe('duplicate');
    expect((await interactionOf()).interaction.text).toBe('second');
  });

  it('holds an edit that arrives before its interaction and applies it when the interaction is logged', async () => {
    expect(await log.recordEdited(edited('newer words', '2026-11-24T11:00:00.000Z'))).toBe('pending');
    expect(await log.listWeek('2026-W48')).toEqual([]);
    await log.recordReceived(receivedSample);
    const item = await interactionOf();
    expect(item).toMatchObject({ editedAt: '2026-11-24T11:00:00.000Z', interaction: { text: 'newer words', flags: { edited: true } } });
    expect(item.pendingEdit).toBeUndefined();
  });

  it('tombstones a logged interaction: text purged, flagged deleted, one audit item even on redelivery', async () => {
    await log.recordReceived(receivedSample);
    await log.recordAssessed(assessedSample);
    expect(await log.recordDeleted(deleted('2026-11-24T12:00:00.000Z'))).toBe('written');
    expect(await log.recordDeleted(deleted('2026-11-24T12:05:00.000Z', 'another-delivery'))).toBe('duplicate');
    const item = await interactionOf();
    expect(item).toMatchObject({ deletedAt: '2026-11-24T12:00:00.000Z', status: 'assessed', interaction: { text: '', flags: { deleted: true } } });
    expect(JSON.stringify(await itemsOf(id))).not.toContain(receivedSample.data.text);
    expect(await audits('deleted')).toEqual([expect.objectContaining({ sk: 'AUDIT#2026-11-24T12:00:00.000Z#deleted', what: 'deleted on facebook: stored text purged' })]);
    // Still counted in the week it was received.
    expect((await log.listWeek('2026-W48')).map((entry) => entry.id)).toEqual([id]);
  });

  it('refuses an edit after a deletion: the text stays purged', async () => {
    await log.recordReceived(receivedSample);
    await log.recordDeleted(deleted('2026-11-24T12:00:00.000Z'));
    expect(await log.recordEdited(edited('back again', '2026-11-24T13:00:00.000Z'))).toBe('duplicate');
    expect((await interactionOf()).interaction.text).toBe('');
  });

  it('keeps a tombstone for an interaction not logged yet, outside the week index, and purges the text when it arrives', async () => {
    expect(await log.recordEdited(edited('pending words', '2026-11-24T11:00:00.000Z'))).toBe('pending');
    expect(await log.recordDeleted(deleted('2026-11-24T12:00:00.000Z'))).toBe('pending');
    expect(await log.listWeek('2026-W48')).toEqual([]);
    expect(await log.recordAssessed(assessedSample)).toBe('written');
    expect(await log.recordReceived(receivedSample)).toBe('written');
    const item = await interactionOf();
    expect(item).toMatchObject({ deletedAt: '2026-11-24T12:00:00.000Z', interaction: { text: '', flags: { deleted: true } } });
    expect(item.pendingEdit).toBeUndefined();
    const everything = JSON.stringify(await itemsOf(id));
    expect(everything).not.toContain('pending words');
    expect(everything).not.toContain(receivedSample.data.text);
  });

  it('lists the trust’s own outbound replies as own-account, so the digest counts only inbound', async () => {
    const own: Received = { ...receivedSample, data: { ...receivedSample.data, id: 'facebook:own-1', nativeId: 'own-1', flags: { ...receivedSample.data.flags, ownAccount: true } } };
    await log.recordReceived(receivedSample);
    await log.recordReceived(own);
    const week = await log.listWeek('2026-W48');
    expect(week.map((entry) => [entry.id, entry.ownAccount]).sort()).toEqual([
      ['facebook:1234567890321_7293787835232', false],
      ['facebook:own-1', true],
    ]);
  });
});
