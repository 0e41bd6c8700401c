/**
 * Major-incident mode end to end: the DynamoDB adapter against dynalite (one incident at a time under
 * concurrency, retries, cut-short writes, the history Query), then the whole local system: switched on
 * through the ops API with the dev token, an interaction posted to the webhook is decided with the
 * holding line, switched off. Every JSON answer is checked against docs/ops-api.openapi.yaml.
 */
import { join } from 'node:path';
import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoDbIncidentMode } from '../../functions/adapters/dynamodb-incident-mode';
import type { IncidentMode } from '../../functions/core/incidents/incident-mode';
import { ConflictError } from '../../functions/core/interactions/errors';
import { PATHS } from '../../local/paths';
import type { LocalSystem } from '../../local/start';
import { responseSchema } from '../support/openapi';
import { localTables, startTestSystem, tableClient, tempDir, metaPoster, visitorPost } from './support';

const LEAD = 'local-dev-token';
const OFFICER = 'local-officer-token';
const LEAD_ACTOR = 'user:comms.lead@example.nhs.uk';

const incident = (startedAt: string, name = 'Power outage at the General'): IncidentMode => ({
  id: `incident-${startedAt}`,
  name,
  holdingLine: 'We know about the power cut at the General and are working to restore services.',
  startedAt,
  startedBy: LEAD_ACTOR,
  reason: 'EPRR declared',
});

describe('DynamoDbIncidentMode on dynalite', () => {
  const tables = localTables('incident-mode');
  let tableName: string;
  let store: DynamoDbIncidentMode;
  beforeAll(() => tables.start(), 30_000);
  afterAll(() => tables.stop());
  beforeEach(async () => {
    tableName = await tables.next();
    store = new DynamoDbIncidentMode(tables.documents, tableName);
  });

  const items = async () =>
    (await tables.documents.send(new QueryCommand({ TableName: tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'INCIDENT' } }))).Items ?? [];

  it('lets one of two concurrent starts win; the other is a conflict', async () => {
    const results = await Promise.allSettled([
      store.start(incident('2026-11-24T09:00:00.000Z', 'First'), 'key-a'),
      store.start(incident('2026-11-24T09:00:00.001Z', 'Second'), 'key-b'),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(results.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
    const winner = (results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<IncidentMode>).value;
    expect(await store.current()).toEqual(winner);
    expect((await items()).map((item) => item.sk).sort()).toEqual(['CURRENT', `AUDIT#${winner.startedAt}#incident-started#${winner.id}`, `HISTORY#${winner.startedAt}`].sort());
  });

  it('answers a retry of the same request with the incident it started, and completes records a start cut short left out', async () => {
    const first = incident('2026-11-24T09:00:00.000Z');
    await store.start(first, 'key-a');
    // The first attempt died after its commit point: no history, no audit yet.
    for (const sk of [`HISTORY#${first.startedAt}`, `AUDIT#${first.startedAt}#incident-started#${first.id}`]) {
      await tables.documents.send(new DeleteCommand({ TableName: tableName, Key: { pk: 'INCIDENT', sk } }));
    }
    // Still in force, and in the history query, from CURRENT alone.
    expect(await store.overlapping('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z')).toEqual([first]);
    expect(await store.start(incident('2026-11-24T09:00:03.000Z'), 'key-a')).toEqual(first);
    expect((await items()).map((item) => item.sk).sort()).toEqual(['CURRENT', `AUDIT#${first.startedAt}#incident-started#${first.id}`, `HISTORY#${first.startedAt}`].sort());
    await expect(store.start(incident('2026-11-24T09:00:04.000Z'), 'key-b')).rejects.toThrow('already on (incident-2026-11-24T09:00:00.000Z)');
  });

  it('ends once: history and audit written, CURRENT gone; a second end or a wrong id is a conflict', async () => {
    const started = incident('2026-11-24T09:00:00.000Z');
    await store.start(started, 'key-a');
    await expect(store.end('incident-other', '2026-11-24T12:00:00.000Z', LEAD_ACTOR)).rejects.toThrow(ConflictError);
    const ended = await store.end(started.id, '2026-11-24T12:00:00.000Z', 'user:ops.manager@example.nhs.uk', 'power restored');
    expect(ended).toEqual({ ...started, endedAt: '2026-11-24T12:00:00.000Z', endedBy: 'user:ops.manager@example.nhs.uk', endReason: 'power restored' });
    expect(await store.current()).toBeUndefined();
    await expect(store.end(started.id, '2026-11-24T12:00:01.000Z', LEAD_ACTOR)).rejects.toThrow('not on');
    const audit = (await items()).filter((item) => String(item.sk).startsWith('AUDIT#'));
    expect(audit).toEqual([
      expect.objectContaining({ kind: 'incident-started', actor: LEAD_ACTOR, at: started.startedAt, why: 'EPRR declared', incidentId: started.id }),
      expect.objectContaining({ kind: 'incident-ended', actor: 'user:ops.manager@example.nhs.uk', at: '2026-11-24T12:00:00.000Z', why: 'power restored', incidentId: started.id }),
    ]);
    expect((await items()).find((item) => item.sk === `HISTORY#${started.startedAt}`)).toMatchObject({ endedAt: '2026-11-24T12:00:00.000Z' });
  });

  it('lets two concurrent ends both see it off, with one end recorded', async () => {
    const started = incident('2026-11-24T09:00:00.000Z');
    await store.start(started, 'key-a');
    const ends = await Promise.allSettled([store.end(started.id, '2026-11-24T12:00:00.000Z', 'user:a'), store.end(started.id, '2026-11-24T12:00:00.500Z', 'user:b')]);
    const fulfilled = ends.filter((result): result is PromiseFulfilledResult<IncidentMode> => result.status === 'fulfilled');
    expect(fulfilled.length).toBeGreaterThanOrEqual(1);
    // However the race went, one end is the record: the same in every answer, the history and the audit.
    const [record] = fulfilled.map((result) => result.value);
    for (const result of fulfilled) expect(result.value).toEqual(record);
    expect((await items()).filter((item) => item.kind === 'incident-ended')).toHaveLength(1);
    expect(await store.overlapping('2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z')).toEqual([record]);
  });

  it('finishes an end that was cut short, when the next start comes', async () => {
    const first = incident('2026-11-24T09:00:00.000Z', 'First');
    await store.start(first, 'key-a');
    // An end that died after marking CURRENT ended, before history, audit and removal.
    await tables.documents.send(
      new UpdateCommand({ TableName: tableName, Key: { pk: 'INCIDENT', sk: 'CURRENT' }, UpdateExpression: 'SET endedAt = :at, endedBy = :by', ExpressionAttributeValues: { ':at': '2026-11-24T12:00:00.000Z', ':by': LEAD_ACTOR } }),
    );
    expect(await store.current()).toBeUndefined();
    const second = incident('2026-11-25T09:00:00.000Z', 'Second');
    expect(await store.start(second, 'key-b')).toEqual(second);
    expect(await store.overlapping('2026-11-23T00:00:00Z', '2026-11-30T00:00:00Z')).toEqual([
      { ...first, endedAt: '2026-11-24T12:00:00.000Z', endedBy: LEAD_ACTOR },
      second,
    ]);
    expect((await items()).filter((item) => item.kind === 'incident-ended')).toHaveLength(1);
  });

  it('finds the incidents overlapping a week with one Query on the history range', async () => {
    const history = [
      { ...incident('2026-11-10T09:00:00.000Z', 'Ended the week before'), endedAt: '2026-11-11T09:00:00.000Z', endedBy: LEAD_ACTOR },
      { ...incident('2026-11-22T09:00:00.000Z', 'Spans into the week'), endedAt: '2026-11-24T02:00:00.000Z', endedBy: LEAD_ACTOR },
      { ...incident('2026-11-26T09:00:00.000Z', 'Inside the week'), endedAt: '2026-11-26T13:00:00.000Z', endedBy: LEAD_ACTOR },
      { ...incident('2026-12-02T09:00:00.000Z', 'The week after'), endedAt: '2026-12-02T13:00:00.000Z', endedBy: LEAD_ACTOR },
    ];
    for (const item of history) {
      await tables.documents.send(new PutCommand({ TableName: tableName, Item: { pk: 'INCIDENT', sk: `HISTORY#${item.startedAt}`, entity: 'incident', ...item } }));
    }
    const open = incident('2026-11-29T20:00:00.000Z', 'Still on');
    await store.start(open, 'key-open');
    const week = await store.overlapping('2026-11-24T00:00:00Z', '2026-12-01T00:00:00Z');
    expect(week.map((item) => item.name)).toEqual(['Spans into the week', 'Inside the week', 'Still on']);
    expect(week[2]).toEqual(open);
  });
});

describe('major-incident mode through the local system', () => {
  const dir = tempDir('incident-mode');
  let system: LocalSystem;

  beforeAll(async () => {
    system = await startTestSystem(dir.path, { localConfigFile: join(dir.path, 'config.json') });
  }, 30_000);

  afterAll(async () => {
    await system?.stop();
    dir.remove();
  });

  /** Calls the ops API and checks a JSON answer against the document's schema for that route and status. */
  async function call(routeKey: string, token: string, body?: unknown, headers: Record<string, string> = {}) {
    const [method, path] = routeKey.split(' ') as [string, string];
    const response = await fetch(`${system.urls.api}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    const checked = responseSchema(routeKey, response.status).safeParse(json);
    if (!checked.success) throw new Error(`${routeKey} ${response.status} does not match docs/ops-api.openapi.yaml: ${JSON.stringify(checked.error.issues)}\n${JSON.stringify(json)}`);
    return { status: response.status, json };
  }

  const postToWebhook = (body: Buffer) => metaPoster(system)(body);

  it('is switched on by a comms lead, decides with the holding line, and is switched off', async () => {
    // Before anything is posted: apply-response-matrix caches the mode for 30 s once it has read it.
    expect(await call('GET /incident', OFFICER)).toEqual({ status: 200, json: { current: null, recent: [] } });

    // An officer may read it but not switch it.
    const refused = await call('POST /incident', OFFICER, { name: 'Power outage at the General' });
    expect(refused).toMatchObject({ status: 403, json: { error: 'ForbiddenError' } });

    expect(await call('POST /incident', LEAD, { holdingLine: 'short', colour: 'red' })).toMatchObject({
      status: 400,
      json: { error: 'ValidationError', fields: ['body.name', 'body.holdingLine', 'body.colour'] },
    });

    const holdingLine = 'We know about the power cut at the General and are working to restore services. Updates here.';
    const start = () =>
      call('POST /incident', LEAD, { name: 'Power outage at the General', holdingLine, reason: 'EPRR declared' }, { 'idempotency-key': 'outage-2026-11' });
    const started = await start();
    expect(started).toMatchObject({ status: 201, json: { name: 'Power outage at the General', holdingLine, startedBy: LEAD_ACTOR, reason: 'EPRR declared' } });
    const id = started.json.id as string;
    expect(id).toBe(`incident-${started.json.startedAt as string}`);

    // A retry of the same request: the same incident, not a second one. Another start: 409.
    expect(await start()).toEqual(started);
    expect(await call('POST /incident', LEAD, { name: 'Something else' })).toMatchObject({ status: 409, json: { error: 'ConflictError' } });
    expect((await call('GET /incident', OFFICER)).json).toEqual({ current: started.json, recent: [] });

    // An interaction arrives while it is on: its logged decision carries the incident and the holding line.
    await postToWebhook(visitorPost('1234567890321_8080001', 'Is the hospital open? We waited 3 hours and nobody told us anything'));
    const table = tableClient(system);
    const logged = (await table.send(new GetCommand({ TableName: system.tableName, Key: { pk: 'INT#facebook:1234567890321_8080001', sk: 'INTERACTION' } }))).Item;
    expect(logged?.assessment).toMatchObject({
      incident: { id, name: 'Power outage at the General' },
      replyTemplate: holdingLine,
      flags: expect.arrayContaining(['major-incident-mode']),
    });

    // Off, with who and why; then there is nothing to switch off.
    const ended = await call('POST /incident/end', LEAD, { reason: 'power restored' });
    expect(ended).toMatchObject({ status: 200, json: { ...started.json, endedBy: LEAD_ACTOR, endReason: 'power restored', endedAt: expect.any(String) } });
    expect(await call('POST /incident/end', LEAD)).toMatchObject({ status: 409, json: { error: 'ConflictError' } });
    expect(await call('POST /incident/end', OFFICER)).toMatchObject({ status: 403 });
    expect((await call('GET /incident', OFFICER)).json).toEqual({ current: null, recent: [ended.json] });

    // The digest's view: the incident overlaps its week, one incident, from one Query.
    const store = new DynamoDbIncidentMode(table, system.tableName);
    const startedAt = Date.parse(started.json.startedAt as string);
    const week = await store.overlapping(new Date(startedAt - 3 * 86_400_000).toISOString(), new Date(startedAt + 4 * 86_400_000).toISOString());
    expect(week).toEqual([ended.json]);
    const all = await table.send(new QueryCommand({ TableName: system.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': 'INCIDENT' } }));
    expect((all.Items ?? []).filter((item) => item.entity === 'incident')).toHaveLength(1);
    table.destroy();
  });
});
