/**
 * The interaction log as the comms team's queue, on the real SDK against dynalite: every access pattern
 * through its index (never a scan), the append-only audit trail, idempotency under redelivery and retries,
 * erasure, export, retention and the SLA watch, with the core use cases over the real adapter.
 */
import { DynamoDBDocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment, DetailOf, Interaction, InteractionAssessed, InteractionEdited, InteractionReceived } from '../../events';
import { DynamoDbInteractionLog } from '../../functions/adapters/dynamodb-interaction-log';
import { expireHeldContent } from '../../functions/core/interactions/expire-content';
import { matrixView } from '../../functions/core/interactions/matrix-view';
import { recordOwnReply } from '../../functions/core/interactions/own-reply';
import { retentionPolicySchema } from '../../functions/core/interactions/retention';
import { assign, close, override, reassessed, reply } from '../../functions/core/interactions/transitions';
import { callerFrom } from '../../functions/core/ops/caller';
import { eraseAuthor, exportInteractions, listInteractions, subjectAccess, type OpsDeps } from '../../functions/core/ops/ops';
import { redactPii } from '../../functions/core/pii/redact';
import { watchSla } from '../../functions/core/sla-watch/watch-sla';
import { localTables } from './support';
import { defaultMatrix } from '../unit/matrix/fixtures';
import { RecordingEmail, RecordingPublisher, sequentialIds } from '../support/in-memory';

type Received = DetailOf<typeof InteractionReceived>;
type Assessed = DetailOf<typeof InteractionAssessed>;

const samples = join(__dirname, '../../events/samples');
const receivedSample: Received = JSON.parse(readFileSync(join(samples, 'InteractionReceived.json'), 'utf8')).detail;
const assessedSample: Assessed = JSON.parse(readFileSync(join(samples, 'InteractionAssessed.json'), 'utf8')).detail;
const matrix = matrixView(defaultMatrix);
const retention = retentionPolicySchema.parse({ days: { default: 730, complaint: 3650 }, contentHoursByPlatform: { linkedin: 48 }, auditDays: 3650 });
const redact = (text: string) => redactPii(text).text;
const lead = callerFrom({ email: 'lead@example.nhs.uk', 'cognito:groups': '[comms-leads information-governance]' });
const officer = callerFrom({ email: 'officer@example.nhs.uk' });

const tables = localTables('queue');
let documents: DynamoDBDocumentClient;
let log: DynamoDbInteractionLog;
let deps: OpsDeps;
let tableName: string;

beforeAll(async () => {
  await tables.start();
  documents = tables.documents;
});

afterAll(() => tables.stop());

beforeEach(async () => {
  tableName = await tables.next();
  log = new DynamoDbInteractionLog(documents, tableName, 'Europe/London', redact, retention);
  deps = { store: log, matrix, redact, newId: sequentialIds('erasure'), timeZone: 'Europe/London' };
});

// ---- Building events ----

interface Item {
  n: number;
  receivedAt?: string;
  authorId?: string;
  platform?: Interaction['platform'];
  channel?: Interaction['channel'];
  text?: string;
  own?: boolean;
  parentId?: string;
  threadId?: string;
}
const idOf = (n: number, platform = 'facebook') => `${platform}:post-${n}`;
function interactionOf({ n, receivedAt = '2026-11-24T10:15:00.000Z', authorId = '42', platform = 'facebook', channel = 'public_comment', text = 'We waited 6 hours in A&E', own = false, parentId, threadId }: Item): Interaction {
  return {
    ...receivedSample.data,
    id: idOf(n, platform),
    nativeId: `post-${n}`,
    platform,
    channel,
    text,
    author: own ? { id: 'page', displayName: 'The Trust' } : { id: authorId, displayName: `Person ${authorId}` },
    occurredAt: receivedAt,
    receivedAt,
    parentId,
    threadId,
    flags: { ...receivedSample.data.flags, ownAccount: own, private: channel === 'direct_message' },
  };
}
const received = (item: Item, correlationId = `delivery-${item.n}`): Received => ({
  metadata: { ...receivedSample.metadata, correlationId, occurredAt: item.receivedAt ?? '2026-11-24T10:15:00.000Z', idempotencyKey: `InteractionReceived:${item.n}` },
  data: interactionOf(item),
});
const decision = (overrides: Partial<Assessment> = {}): Assessment => ({ ...assessedSample.data.assessment, ...overrides });
const assessedEvent = (item: Item, assessment: Assessment = decision(), correlationId = `delivery-${item.n}`): Assessed => ({
  metadata: { ...assessedSample.metadata, correlationId, occurredAt: '2026-11-24T10:15:03.000Z' },
  data: { interaction: interactionOf(item), assessment },
});
/** Received, then assessed (a P2 complaint owned by pals, due Wed 25 Nov 17:00). */
async function logged(item: Item, assessment?: Assessment): Promise<string> {
  await log.recordReceived(received(item));
  await log.recordAssessed(assessedEvent(item, assessment));
  return idOf(item.n, item.platform);
}

const itemsOf = async (id: string) =>
  (await documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INT#${id}` } }))).Items ?? [];
const rawItem = async (id: string) => (await documents.send(new GetCommand({ TableName: tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' } }))).Item!;
const auditKinds = async (id: string) => (await log.auditTrail(id)).map((entry) => entry.kind);
const NOW = '2026-11-24T11:00:00.000Z';

describe('access patterns, each through its own key or index', () => {
  it('by interaction id: the record with the queue’s top-level attributes the digest reads', async () => {
    const id = await logged({ n: 1 });
    expect(await log.get(id)).toMatchObject({ id, status: 'assessed', category: 'complaint', priority: 'P2', ownerTeam: 'pals', needsReply: true });
    expect(await rawItem(id)).toMatchObject({
      status: 'assessed',
      ownerTeam: 'pals',
      priority: 'P2',
      category: 'complaint',
      slaDueAt: '2026-11-25T17:00:00Z',
      needsReply: true,
      matrixVersion: '2026.12-nhs-default.2',
      version: 2,
    });
    expect(await log.get('facebook:nothing')).toBeUndefined();
  });

  it('open items by SLA due time (sparse: gone once replied or closed), with filters and cursor paging', async () => {
    await logged({ n: 1 }, decision({ slaDueAt: '2026-11-25T17:00:00Z' }));
    await logged({ n: 2 }, decision({ slaDueAt: '2026-11-24T11:15:00Z', priority: 'P1', category: 'clinical-question', ownerTeam: 'duty-social' }));
    await logged({ n: 3 }, decision({ slaDueAt: null, priority: 'monitor', category: 'troll-or-spam', publicReply: 'no' }));
    await logged({ n: 4 }, decision({ slaDueAt: '2026-11-24T17:00:00Z' }));
    await logged({ n: 5, own: true });
    const open = await listInteractions({}, NOW, deps);
    // Soonest due first; no clock last; the trust's own post never in the queue.
    expect(open.items.map((item) => item.id)).toEqual([idOf(2), idOf(4), idOf(1), idOf(3)]);

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listInteractions({ limit: '1', ...(cursor ? { cursor } : {}) }, NOW, deps);
      pages.push(page.items.map((item) => item.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages).toEqual([[idOf(2)], [idOf(4)], [idOf(1)], [idOf(3)]]);

    expect((await listInteractions({ priority: 'P1' }, NOW, deps)).items.map((item) => item.id)).toEqual([idOf(2)]);
    expect((await listInteractions({ owner: 'pals', category: 'complaint' }, NOW, deps)).items.map((item) => item.id)).toEqual([idOf(4), idOf(1)]);

    await log.apply(idOf(4), 'reply-4', (record) => reply(record, { at: NOW, visibility: 'public' }, lead.actor, NOW, matrix));
    await log.apply(idOf(1), 'close-1', (record) => close(record, undefined, lead.actor, NOW));
    expect((await listInteractions({}, NOW, deps)).items.map((item) => item.id)).toEqual([idOf(2), idOf(3)]);
    const replied = await rawItem(idOf(4));
    expect(replied.gsi2pk).toBeUndefined();
    expect(replied.gsi2sk).toBeUndefined();
  });

  it('a cursor from another query is refused with the field', async () => {
    await logged({ n: 1 });
    await logged({ n: 2 });
    const { nextCursor } = await listInteractions({ limit: '1' }, NOW, deps);
    await expect(listInteractions({ limit: '1', owner: 'pals', status: 'closed', cursor: nextCursor! }, NOW, deps)).rejects.toMatchObject({ fields: ['query.cursor'] });
    await expect(listInteractions({ cursor: 'bm90IGEgY3Vyc29y' }, NOW, deps)).rejects.toMatchObject({ name: 'ValidationError' });
  });

  it('by owner team, in time order, whatever the status', async () => {
    await logged({ n: 1, receivedAt: '2026-11-20T09:00:00.000Z' });
    await logged({ n: 2, receivedAt: '2026-11-24T09:00:00.000Z' }, decision({ ownerTeam: 'security' }));
    await logged({ n: 3, receivedAt: '2026-11-23T09:00:00.000Z' });
    await log.apply(idOf(3), 'close', (record) => close(record, 'done', lead.actor, NOW));
    const all = await listInteractions({ owner: 'pals', status: 'all' }, NOW, deps);
    expect(all.items.map((item) => item.id)).toEqual([idOf(1), idOf(3)]);
    const closed = await listInteractions({ owner: 'pals', status: 'closed' }, NOW, deps);
    expect(closed.items.map((item) => [item.id, item.status])).toEqual([[idOf(3), 'closed']]);
    // Reassigned: the item moves to the other team's partition.
    await log.apply(idOf(1), 'assign', (record) => assign(record, { team: 'security' }, lead.actor, NOW, matrix));
    expect((await listInteractions({ owner: 'security', status: 'all' }, NOW, deps)).items.map((item) => item.id)).toEqual([idOf(1), idOf(2)]);
  });

  it('by ISO week of receipt (London time), across weeks, for any status', async () => {
    await logged({ n: 1, receivedAt: '2026-11-15T12:00:00.000Z' }); // W46
    await logged({ n: 2, receivedAt: '2026-11-22T23:30:00.000Z' }); // W47 (Sunday)
    await logged({ n: 3, receivedAt: '2026-11-23T00:30:00.000Z' }); // W48
    await log.apply(idOf(2), 'close', (record) => close(record, undefined, lead.actor, NOW));
    const all = await listInteractions({ status: 'all', from: '2026-11-16', to: '2026-11-30' }, NOW, deps);
    expect(all.items.map((item) => item.id)).toEqual([idOf(2), idOf(3)]);
    const closed = await listInteractions({ status: 'closed', from: '2026-11-01', to: '2026-11-30' }, NOW, deps);
    expect(closed.items.map((item) => item.id)).toEqual([idOf(2)]);
    expect((await log.listWeek('2026-W48')).map((item) => item.id)).toEqual([idOf(3)]);
  });

  it('by author (the trust’s own posts excluded), and the audit items of one interaction in time order', async () => {
    await logged({ n: 1, authorId: '42' });
    await logged({ n: 2, authorId: '43' });
    await logged({ n: 3, authorId: '42', receivedAt: '2026-11-24T12:00:00.000Z' });
    await logged({ n: 4, own: true });
    expect((await log.byAuthor('facebook', '42')).map((record) => record.id)).toEqual([idOf(1), idOf(3)]);
    expect(await log.byAuthor('facebook', 'page')).toEqual([]);
    expect(await log.byAuthor('instagram', '42')).toEqual([]);

    await log.apply(idOf(1), 'a', (record) => assign(record, { team: 'comms' }, lead.actor, '2026-11-24T10:30:00.000Z', matrix));
    await log.apply(idOf(1), 'b', (record) => close(record, 'answered by phone', officer.actor, '2026-11-24T10:45:00.000Z'));
    const trail = await log.auditTrail(idOf(1));
    expect(trail.map((entry) => [entry.kind, entry.actor])).toEqual([
      ['received', 'system:intake'],
      ['assessed', 'system:response-matrix'],
      ['assigned', 'user:lead@example.nhs.uk'],
      ['closed', 'user:officer@example.nhs.uk'],
    ]);
    expect(trail.every((entry, i) => i === 0 || trail[i - 1]!.at <= entry.at)).toBe(true);
    expect(trail[3]).toMatchObject({ why: 'answered by phone', matrixVersion: '2026.12-nhs-default.2', ruleId: 'complaint-about-care' });
    // The trail's words are for people: platform, channel and team by name; the stored changes keep their ids.
    expect(trail[0]!.what).toBe('received from Facebook (public comment)');
    expect(trail[2]).toMatchObject({ what: 'assigned to Comms team (clinical sign-off for clinical facts)', changes: { ownerTeam: { from: 'pals', to: 'comms' } } });
  });
});

describe('audit trail and idempotency', () => {
  it('every state change appends exactly one audit item, never updated', async () => {
    const id = await logged({ n: 1 });
    const at = (minute: number) => `2026-11-24T11:${String(minute).padStart(2, '0')}:00.000Z`;
    await log.apply(id, 'assign-1', (record) => assign(record, { team: 'comms', assignee: 'Sam' }, lead.actor, at(1), matrix));
    await log.apply(id, 'override-1', (record) => override(record, { priority: 'P1', reason: 'mentions a named nurse' }, lead.actor, at(2), matrix));
    await log.apply(id, 'reply-1', (record) => reply(record, { at: at(3), visibility: 'private', text: 'Call us on 020 7946 0000' }, officer.actor, at(3), matrix));
    await log.apply(id, 'close-1', (record) => close(record, undefined, officer.actor, at(4)));
    expect(await auditKinds(id)).toEqual(['received', 'assessed', 'assigned', 'overridden', 'replied', 'closed']);
    const before = await itemsOf(id);
    expect(before.filter((item) => item.entity === 'audit').every((item) => typeof item.expiresAt === 'number')).toBe(true);
    expect(before.find((item) => item.sk === 'INTERACTION')?.pendingAudit).toBeUndefined();

    // A retried request (same action id) and a no-op (closing a closed item) write nothing.
    expect((await log.apply(id, 'assign-1', (record) => assign(record, { team: 'security' }, lead.actor, NOW, matrix))).outcome).toBe('duplicate');
    expect((await log.apply(id, 'close-2', (record) => close(record, undefined, officer.actor, NOW))).outcome).toBe('unchanged');
    expect(await itemsOf(id)).toEqual(before);
  });

  it('a redelivered assessment never undoes a person’s override, assignment or reply', async () => {
    const id = await logged({ n: 1 });
    await log.apply(id, 'override', (record) => override(record, { category: 'clinical-question', priority: 'P1', reason: 'medication question' }, lead.actor, NOW, matrix));
    await log.apply(id, 'reply', (record) => reply(record, { at: NOW, visibility: 'public' }, lead.actor, NOW, matrix));
    const before = await itemsOf(id);
    // EventBridge retries the same event; a new delivery of the same post is assessed again.
    expect(await log.recordAssessed(assessedEvent({ n: 1 }))).toBe('written');
    expect(await log.recordAssessed(assessedEvent({ n: 1 }, decision(), 'another-delivery'))).toBe('duplicate');
    expect(await log.recordReceived(received({ n: 1 }))).toBe('written');
    expect(await itemsOf(id)).toEqual(before);
    expect(await log.get(id)).toMatchObject({ category: 'clinical-question', priority: 'P1', status: 'replied', overridden: true });
  });

  it('two people changing one item at once: both changes land, each with its audit item', async () => {
    const id = await logged({ n: 1 });
    await Promise.all([
      log.apply(id, 'by-lead', (record) => assign(record, { assignee: 'Sam' }, lead.actor, NOW, matrix)),
      log.apply(id, 'by-officer', (record) => override(record, { priority: 'P1', reason: 'urgent after all' }, officer.actor, NOW, matrix)),
    ]);
    expect(await log.get(id)).toMatchObject({ assignee: 'Sam', priority: 'P1', version: 4 });
    expect((await auditKinds(id)).sort()).toEqual(['assessed', 'assigned', 'overridden', 'received']);
  });

  it('a state change cut short before its audit item was copied out gets it on the next change', async () => {
    const id = await logged({ n: 1 });
    // As if a Lambda stopped right after the conditional write: the audit item is only in pendingAudit.
    const pending = { pk: `INT#${id}`, sk: `AUDIT#${NOW}#assigned#abc`, entity: 'audit', at: NOW, kind: 'assigned', actor: lead.actor, what: 'assigned to comms' };
    await documents.send(new UpdateCommand({ TableName: tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' }, UpdateExpression: 'SET pendingAudit = :a', ExpressionAttributeValues: { ':a': pending } }));
    expect(await auditKinds(id)).toEqual(['received', 'assessed', 'assigned']);
    await log.apply(id, 'close', (record) => close(record, undefined, lead.actor, '2026-11-24T11:05:00.000Z'));
    expect((await itemsOf(id)).filter((item) => item.entity === 'audit').map((item) => item.kind)).toEqual(['received', 'assessed', 'assigned', 'closed']);
    expect((await rawItem(id)).pendingAudit).toBeUndefined();
  });

  it('refuses an unknown id with NotFoundError', async () => {
    await expect(log.apply('facebook:missing', 'x', (record) => close(record, undefined, lead.actor, NOW))).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('the trust’s own reply, seen by intake', () => {
  it('a reply comment stops the clock of the post it answers, with the first response time in working minutes', async () => {
    const id = await logged({ n: 1 });
    const own = interactionOf({ n: 9, own: true, parentId: 'post-1', threadId: 'post-1', receivedAt: '2026-11-25T09:30:00.000Z' });
    await log.recordReceived(received({ n: 9, own: true, parentId: 'post-1', threadId: 'post-1', receivedAt: '2026-11-25T09:30:00.000Z' }));
    expect(await recordOwnReply(own, log, matrix, '2026-11-25T09:31:00.000Z')).toEqual([id]);
    expect(await recordOwnReply(own, log, matrix, '2026-11-25T09:32:00.000Z')).toEqual([]);
    expect(await log.get(id)).toMatchObject({
      status: 'replied',
      firstResponseAt: '2026-11-25T09:30:00.000Z',
      firstResponseWorkingMinutes: 435,
      firstResponseBy: 'system:intake',
      replyVisibility: 'public',
    });
    expect((await log.auditTrail(id)).filter((entry) => entry.kind === 'replied')).toHaveLength(1);
  });

  it('a reply seen before the message it answers waits for it: its clock stops when it comes, once', async () => {
    // The trust answered at 10:20; the visitor's comment (sent 10:15) reaches the log after the reply. The
    // thread's post (someone else's, logged) did not ask: the reply waits for the comment, not on the post.
    const thread = await logged({ n: 3 });
    const own = interactionOf({ n: 9, own: true, parentId: 'post-2', threadId: 'post-3', receivedAt: '2026-11-24T10:20:00.000Z' });
    await log.recordReceived(received({ n: 9, own: true, parentId: 'post-2', threadId: 'post-3', receivedAt: '2026-11-24T10:20:00.000Z' }));
    expect(await recordOwnReply(own, log, matrix, '2026-11-24T10:20:01.000Z')).toEqual([]);
    expect(await log.get(idOf(2))).toBeUndefined();
    expect(await log.get(thread)).toMatchObject({ status: 'assessed' });
    await log.recordReceived(received({ n: 2 }));
    await log.recordAssessed(assessedEvent({ n: 2 }), matrix);
    expect(await log.get(idOf(2))).toMatchObject({ status: 'replied', firstResponseAt: '2026-11-24T10:20:00.000Z', firstResponseWorkingMinutes: 5, firstResponseBy: 'system:intake' });
    // Redelivered reply: nothing twice.
    expect(await recordOwnReply(own, log, matrix, '2026-11-24T10:30:00.000Z')).toEqual([]);
    expect((await log.auditTrail(idOf(2))).filter((entry) => entry.kind === 'replied')).toHaveLength(1);
    expect((await rawItem(idOf(2))).pendingOwnReplies).toBeUndefined();
  });

  it('a private message to someone answers their open messages in that conversation', async () => {
    await logged({ n: 1, channel: 'direct_message', authorId: 'psid-7', platform: 'messenger' });
    await logged({ n: 2, channel: 'direct_message', authorId: 'psid-7', platform: 'messenger', receivedAt: '2026-11-24T10:20:00.000Z' });
    await logged({ n: 3, channel: 'direct_message', authorId: 'psid-8', platform: 'messenger' });
    const echo = interactionOf({ n: 9, own: true, channel: 'direct_message', platform: 'messenger', threadId: 'psid-7', receivedAt: '2026-11-24T10:40:00.000Z' });
    expect((await recordOwnReply(echo, log, matrix, NOW)).sort()).toEqual([idOf(1, 'messenger'), idOf(2, 'messenger')]);
    expect(await log.get(idOf(1, 'messenger'))).toMatchObject({ status: 'replied', replyVisibility: 'private', firstResponseWorkingMinutes: 25 });
    expect(await log.get(idOf(3, 'messenger'))).toMatchObject({ status: 'assessed' });
  });

  it('subject access and erasure cover both sides of a private conversation', async () => {
    await logged({ n: 1, channel: 'direct_message', authorId: 'psid-7', platform: 'messenger', text: 'My son Alfie is on ward 3' });
    await log.recordReceived(received({ n: 9, own: true, channel: 'direct_message', platform: 'messenger', threadId: 'psid-7', text: 'Sorry to hear about Alfie' }));
    expect((await log.byAuthor('messenger', 'psid-7')).map((record) => record.id).sort()).toEqual([idOf(1, 'messenger'), idOf(9, 'messenger')]);
    expect((await eraseAuthor({ platform: 'messenger', id: 'psid-7' }, {}, lead, NOW, deps)).erased).toBe(2);
    for (const id of [idOf(1, 'messenger'), idOf(9, 'messenger')]) expect(JSON.stringify(await itemsOf(id))).not.toMatch(/Alfie|psid-7/);
  });
});

describe('subject access and erasure', () => {
  it('returns everything held about an author, to information-governance only', async () => {
    await logged({ n: 1, authorId: '42' });
    await logged({ n: 2, authorId: '43' });
    const report = await subjectAccess({ platform: 'facebook', id: '42' }, lead, NOW, deps);
    expect(report).toMatchObject({ platform: 'facebook', authorId: '42', count: 1, interactions: [{ id: idOf(1), text: 'We waited 6 hours in A&E', author: { id: '42' } }] });
    expect(report.interactions[0]!.audit.map((entry) => entry.kind)).toEqual(['received', 'assessed']);
    await expect(subjectAccess({ platform: 'facebook', id: '42' }, officer, NOW, deps)).rejects.toMatchObject({ name: 'ForbiddenError' });
    await expect(subjectAccess({ platform: 'facebook', id: 'nobody' }, lead, NOW, deps)).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('erases text and identifiers, keeps anonymised counts and an audit item, and stays erased on redelivery', async () => {
    const first = await logged({ n: 1, authorId: '42', text: 'My name is Jo Bloggs and the marmalade was cold' });
    const second = await logged({ n: 2, authorId: '42', text: 'Still no marmalade, Jo' }, decision({ category: 'compliment', priority: 'P3' }));
    const other = await logged({ n: 3, authorId: '43', text: 'Thank you ward 7' });
    const replyAt = '2026-11-24T10:50:00.000Z';
    await log.apply(first, 'reply', (record) => reply(record, { at: replyAt, visibility: 'public', text: 'Sorry Jo, please DM us' }, lead.actor, replyAt, matrix));

    const result = await eraseAuthor({ platform: 'facebook', id: '42' }, { reason: 'request ref SAR-17' }, lead, NOW, deps);
    expect(result).toEqual({ erasureId: 'erasure-1', platform: 'facebook', erasedAt: NOW, erased: 2, byCategory: { complaint: 1, compliment: 1 } });

    for (const id of [first, second]) {
      const everything = JSON.stringify(await itemsOf(id));
      for (const secret of ['Jo', 'Bloggs', 'marmalade', 'Person 42', '"42"', 'AUTHOR#', 'https://']) expect(everything).not.toContain(secret);
      expect(await log.get(id)).toMatchObject({ text: '', author: {}, erasedAt: NOW });
      expect((await log.auditTrail(id)).at(-1)).toMatchObject({ kind: 'erased', actor: lead.actor, why: 'request ref SAR-17' });
    }
    expect(await log.get(first)).toMatchObject({ category: 'complaint', firstResponseAt: replyAt, status: 'replied' });
    expect((await log.get(other))?.text).toBe('Thank you ward 7');
    expect(await log.byAuthor('facebook', '42')).toEqual([]);
    const erasure = (await documents.send(new GetCommand({ TableName: tableName, Key: { pk: 'ERASURE#erasure-1', sk: 'ERASURE' } }))).Item!;
    expect(erasure).toMatchObject({ erased: 2, byCategory: { complaint: 1, compliment: 1 }, actor: lead.actor, reason: 'request ref SAR-17' });
    expect(JSON.stringify(erasure)).not.toContain('42');

    // The platform redelivers the post and edits it: nothing comes back.
    await log.recordReceived(received({ n: 1, authorId: '42', text: 'My name is Jo Bloggs and the marmalade was cold' }));
    await log.recordReceived(received({ n: 1, authorId: '42', text: 'My name is Jo Bloggs and the marmalade was cold' }, 'a-new-delivery'));
    const edit: DetailOf<typeof InteractionEdited> = {
      metadata: { ...receivedSample.metadata, correlationId: 'edit-1' },
      data: { id: first, platform: 'facebook', nativeId: 'post-1', accountId: receivedSample.data.accountId, text: 'Jo again', editedAt: '2026-11-24T12:00:00.000Z', receivedAt: '2026-11-24T12:00:00.000Z' },
    };
    expect(await log.recordEdited(edit)).toBe('duplicate');
    expect(JSON.stringify(await itemsOf(first))).not.toContain('Jo');
    await expect(eraseAuthor({ platform: 'facebook', id: '42' }, {}, lead, NOW, deps)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('export', () => {
  it('one CSV row per interaction in the range, own posts included; text only when asked by comms-leads', async () => {
    await logged({ n: 1, receivedAt: '2026-11-20T09:00:00.000Z' });
    await logged({ n: 2, receivedAt: '2026-11-24T09:00:00.000Z', text: 'Call me on 07700 900123, "urgent"' });
    await logged({ n: 3, receivedAt: '2026-11-24T10:00:00.000Z', own: true });
    await logged({ n: 4, receivedAt: '2026-12-02T09:00:00.000Z' });
    const plain = await exportInteractions({ from: '2026-11-16', to: '2026-11-30' }, officer, deps);
    const lines = plain.csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe('id,platform,channel,ownAccount,receivedAt,status,category,priority,ownerTeam,needsReply,slaDueAt,firstResponseAt,firstResponseWorkingMinutes,replyVisibility,closedAt,slaBreachLevel,overridden,deleted,erased,ruleId,matrixVersion,clockFrom');
    expect(lines.slice(1).map((line) => line.split(',')[0])).toEqual([idOf(1), idOf(2), idOf(3)]);
    expect(lines[3]).toContain(',true,');
    expect(plain.csv).not.toMatch(/waited|Call me|Person 42/);

    await expect(exportInteractions({ from: '2026-11-16', to: '2026-11-30', includeText: 'true' }, officer, deps)).rejects.toMatchObject({ name: 'ForbiddenError' });
    const withText = await exportInteractions({ from: '2026-11-16', to: '2026-11-30', includeText: 'true' }, lead, deps);
    // Stored text is redacted of personal data; quotes escaped.
    expect(withText.csv).toContain('"Call me on [phone number removed], ""urgent"""');
    expect(withText.csv).not.toContain('07700 900123');
  });
});

describe('retention', () => {
  it('sets the record’s TTL by category and the audit items’ longer', async () => {
    const id = await logged({ n: 1, receivedAt: '2026-11-24T00:00:00.000Z' });
    const items = await itemsOf(id);
    const record = items.find((item) => item.sk === 'INTERACTION')!;
    expect(record.expiresAt).toBe(Date.parse('2036-11-21T00:00:00.000Z') / 1000); // complaint: 3650 days
    for (const audit of items.filter((item) => item.entity === 'audit')) expect(audit.expiresAt).toBeGreaterThanOrEqual(record.expiresAt);
    await log.apply(id, 'override', (current) => override(current, { category: 'compliment', reason: 'it was thanks' }, lead.actor, NOW, matrix));
    expect((await rawItem(id)).expiresAt).toBe(Date.parse('2028-11-23T00:00:00.000Z') / 1000); // default: 730 days
  });

  it('removes LinkedIn text and identifiers within 48 hours, through the content-expiry index, keeping the record', async () => {
    const linkedin = await logged({ n: 1, platform: 'linkedin', receivedAt: '2026-11-24T10:00:00.000Z', authorId: 'urn:li:person:abc', text: 'Great work' });
    const facebook = await logged({ n: 2, receivedAt: '2026-11-24T10:00:00.000Z' });
    expect(await expireHeldContent('2026-11-26T09:00:00.000Z', retention, log)).toEqual({ expired: [] });
    // The sweep runs every 15 minutes and looks 30 minutes ahead: 09:45 is the last run before the 10:00 limit.
    expect(await expireHeldContent('2026-11-26T09:45:00.000Z', retention, log)).toEqual({ expired: [linkedin] });
    expect(await expireHeldContent('2026-11-26T10:00:00.000Z', retention, log)).toEqual({ expired: [] });
    expect(await log.get(linkedin)).toMatchObject({ text: '', author: {}, contentExpiredAt: '2026-11-26T09:45:00.000Z', category: 'complaint' });
    expect(JSON.stringify(await itemsOf(linkedin))).not.toMatch(/Great work|urn:li:person/);
    expect((await log.auditTrail(linkedin)).at(-1)).toMatchObject({ kind: 'content-expired', actor: 'system:retention' });
    expect((await log.get(facebook))?.text).toBe('We waited 6 hours in A&E');
  });
});

describe('SLA watch', () => {
  const settings = { trustName: 'Example Trust', timeZone: 'Europe/London', from: 'social@example.nhs.uk', recipients: { default: ['team@example.nhs.uk'], pals: ['pals@example.nhs.uk'] } };
  const late = '2026-11-25T17:05:00.000Z';

  it('finds open items past due by index, emits SlaBreached once per item and level, and emails the owner team', async () => {
    const overdue = await logged({ n: 1 });
    const replied = await logged({ n: 2 });
    await logged({ n: 3 }, decision({ slaDueAt: '2026-11-26T17:00:00Z' }));
    await log.apply(replied, 'reply', (record) => reply(record, { at: NOW, visibility: 'public' }, lead.actor, NOW, matrix));
    const publisher = new RecordingPublisher();
    const email = new RecordingEmail();
    const run = (now: string) => watchSla(now, settings, { store: log, publisher, email, newId: sequentialIds('run') });

    expect(await run(late)).toEqual({ overdue: 1, notified: [{ interactionId: overdue, level: 1 }] });
    expect(await run('2026-11-25T17:10:00.000Z')).toEqual({ overdue: 1, notified: [] });
    expect(publisher.ofType('SlaBreached').map((event) => event.detail.data)).toEqual([
      expect.objectContaining({ interactionId: overdue, level: 1, overdueMinutes: 5, ownerTeam: 'pals', slaDueAt: '2026-11-25T17:00:00Z' }),
    ]);
    expect(publisher.published[0]!.detail.metadata.idempotencyKey).toBe(`SlaBreached:${overdue}:2026-11-25T17:00:00Z:1`);
    expect(email.sent).toHaveLength(1);
    expect(email.sent[0]).toMatchObject({ to: ['pals@example.nhs.uk'], subject: expect.stringContaining('[SLA breached]') });
    expect(email.sent[0]!.text).not.toMatch(/waited|Person 42/);
    expect(await log.get(overdue)).toMatchObject({ slaBreachLevel: 1, slaBreachedAt: late });
    expect((await log.get(overdue))?.slaNotifyPending).toBeUndefined();

    // A day later: level 2 for the first, level 1 for the third (due the next day).
    const nextDay = '2026-11-26T17:10:00.000Z';
    expect((await run(nextDay)).notified).toEqual([
      { interactionId: overdue, level: 2 },
      { interactionId: idOf(3), level: 1 },
    ]);
    expect(await auditKinds(overdue)).toEqual(['received', 'assessed', 'sla-breached', 'sla-breached']);
  });

  it('watches the new clock of an item an edit raised and reopened after its first clock breached', async () => {
    const id = await logged({ n: 6 });
    const publisher = new RecordingPublisher();
    const email = new RecordingEmail();
    const run = (now: string) => watchSla(now, settings, { store: log, publisher, email, newId: sequentialIds('run') });
    expect((await run(late)).notified).toEqual([{ interactionId: id, level: 1 }]);
    await log.apply(id, 'reply', (record) => reply(record, { at: '2026-11-25T17:20:00.000Z', visibility: 'public' }, lead.actor, '2026-11-25T17:20:00.000Z', matrix));
    // 17:30: the author edits the complaint to add a risk to life: safeguarding P0, due 17:45, reopened.
    const p0 = { ...decision({ category: 'safeguarding', priority: 'P0', slaDueAt: '2026-11-25T17:45:00.000Z' }), assessedAt: '2026-11-25T17:30:01.000Z' };
    await log.apply(id, 'reassessed:2026-11-25T17:30:00.000Z', (record) =>
      reassessed(record, { assessment: p0, editedAt: '2026-11-25T17:30:00.000Z', receivedAt: '2026-11-25T17:30:00.000Z' }, matrix),
    );
    expect(await log.get(id)).toMatchObject({ status: 'assessed', priority: 'P0', slaDueAt: '2026-11-25T17:45:00.000Z', reopenedAt: '2026-11-25T17:30:00.000Z' });
    expect(await log.get(id)).not.toHaveProperty('slaBreachLevel');

    expect((await run('2026-11-25T17:40:00.000Z')).notified).toEqual([]);
    expect((await run('2026-11-25T17:50:00.000Z')).notified).toEqual([{ interactionId: id, level: 1 }]);
    expect(publisher.ofType('SlaBreached').map((event) => event.detail.metadata.idempotencyKey)).toEqual([
      `SlaBreached:${id}:2026-11-25T17:00:00Z:1`,
      `SlaBreached:${id}:2026-11-25T17:45:00.000Z:1`,
    ]);
    expect(email.sent).toHaveLength(2);
    expect(email.sent[1]!.subject).toMatch(/^\[SLA breached\] P0 /u);
  });

  it('chases an action that needs no reply: an NHS number on public display (P1, hide it) past its hour', async () => {
    const pii = await logged({ n: 7 }, decision({ category: 'pii', priority: 'P1', publicReply: 'no', slaDueAt: '2026-11-25T17:00:00Z' }));
    expect(await log.get(pii)).toMatchObject({ needsReply: false });
    const email = new RecordingEmail();
    const result = await watchSla(late, settings, { store: log, publisher: new RecordingPublisher(), email, newId: sequentialIds('run') });
    expect(result.notified).toEqual([{ interactionId: pii, level: 1 }]);
    expect(email.sent).toHaveLength(1);
  });

  it('goes by the category an officer chose: a complaint re-categorised as a compliment (reply optional) is not chased', async () => {
    const id = await logged({ n: 8 });
    await log.apply(id, 'override', (record) => override(record, { category: 'compliment', priority: 'P3', reason: 'it was thanks' }, lead.actor, NOW, matrix));
    expect(await log.get(id)).toMatchObject({ needsReply: false, assessment: { publicReply: 'yes' } });
    const email = new RecordingEmail();
    const publicReplies = Object.fromEntries([...matrix.categories].map(([category, rule]) => [category, rule.publicReply]));
    const result = await watchSla('2026-12-01T12:00:00.000Z', { ...settings, publicReplies }, { store: log, publisher: new RecordingPublisher(), email, newId: sequentialIds('run') });
    expect(result.notified).toEqual([]);
    expect(email.sent).toEqual([]);
  });

  it('does not chase a target where no reply is expected (an optional reply to a compliment)', async () => {
    const compliment = await logged({ n: 5 }, decision({ category: 'compliment', priority: 'P3', publicReply: 'optional' }));
    expect(await log.get(compliment)).toMatchObject({ needsReply: false, slaDueAt: '2026-11-25T17:00:00Z' });
    const email = new RecordingEmail();
    const result = await watchSla(late, settings, { store: log, publisher: new RecordingPublisher(), email, newId: sequentialIds('run') });
    expect(result.notified).toEqual([]);
    expect(email.sent).toEqual([]);
  });

  it('a run cut short after its claim is finished by the next run (at least once)', async () => {
    const id = await logged({ n: 1 });
    const email = new RecordingEmail();
    const failing = new RecordingPublisher();
    failing.publish = async () => {
      throw new Error('bus unavailable');
    };
    await expect(watchSla(late, settings, { store: log, publisher: failing, email, newId: sequentialIds('run') })).rejects.toThrow('bus unavailable');
    expect(await log.get(id)).toMatchObject({ slaBreachLevel: 1, slaNotifyPending: 1 });
    const publisher = new RecordingPublisher();
    expect((await watchSla('2026-11-25T17:10:00.000Z', settings, { store: log, publisher, email, newId: sequentialIds('run') })).notified).toEqual([{ interactionId: id, level: 1 }]);
    expect(publisher.ofType('SlaBreached')).toHaveLength(1);
    expect(email.sent).toHaveLength(1);
    expect((await log.auditTrail(id)).filter((entry) => entry.kind === 'sla-breached')).toHaveLength(1);
  });
});
