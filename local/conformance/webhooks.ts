/**
 * `npm run conformance:webhooks`: replays EVERY file of the shared webhook corpus
 * (../shared/acceptance/webhooks, never copied into the repo) through the real local HTTP path
 * (`npm start` in process: API Gateway-shaped events, the deployed handlers, the local bus, the log),
 * each signed the way its platform signs, and checks each against the expected outcome its SOURCES.md
 * gives (see expectations.ts). Then the published signature and handshake vectors, and the edge
 * behaviours (404, 401, 413, quarantine). One row per check, then `N passed, M failed`; exit 1 on any failure.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Interaction } from '../../events';
import { answerLinkedInChallenge } from '../../functions/core/webhooks/linkedin-auth';
import { answerMetaHandshake, verifyMetaSignature } from '../../functions/core/webhooks/meta';
import { parseTikTokSignature } from '../../functions/core/webhooks/tiktok-auth';
import { verifyWebSubSignature } from '../../functions/core/webhooks/websub-auth';
import { answerXCrc, verifyXSignature } from '../../functions/core/webhooks/x-auth';
import { loadOrgConfig } from '../../infra/org-config';
import { eventRules, functionByName } from '../../infra/wiring';
import { LOCAL_CREDENTIALS } from '../account';
import { PATHS } from '../paths';
import { isWebhookPath, SECRET_OF, signedHeaders, type WebhookPath } from '../platform-signatures';
import { readSecretsFile } from '../secrets-manager';
import { startLocal, type LocalSystem } from '../start';
import { meetsOutcome, readExpectations, type Expectation, type Observed } from './expectations';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';

const CORPUS = PATHS.webhookCorpus;
/** Harness files of the corpus, not deliveries: the table of expectations and the signature vectors. */
const NOT_DELIVERIES = new Set(['SOURCES.md', 'signature-vectors.json']);

interface Row {
  name: string;
  ok: boolean;
  detail: string;
}

const rows: Row[] = [];
const record = (name: string, ok: boolean, detail: string) => {
  rows.push({ name, ok, detail });
  process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(58)} ${detail}\n`);
};
const section = (title: string) => process.stdout.write(`\n== ${title}\n`);

interface Delivered {
  status: number;
  events: Array<{ 'detail-type': string; detail: { data: unknown } }>;
  rawKeys: string[];
  deadLetters: number;
}

async function main(): Promise<number> {
  const org = loadOrgConfig(PATHS.orgConfig);
  const expectations = readExpectations(readFileSync(join(CORPUS, 'SOURCES.md'), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'webhook-conformance-'));
  const secretsFile = join(dir, 'secrets.json');
  writeFileSync(secretsFile, readFileSync(PATHS.secretsExample));
  const secrets = readSecretsFile(secretsFile).secrets as Record<string, Record<string, unknown>>;
  const secretOf = (path: WebhookPath) => secrets[org.secrets[SECRET_OF[path]]] ?? {};

  const system = await startLocal({ port: 0, dataDir: dir, tableInMemory: true, quiet: true, secretsFile, schedules: false, retryBackoffMs: 10 });
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.urls.dynamodb, region: system.region, credentials: LOCAL_CREDENTIALS }));
  try {
    section(`corpus: ${CORPUS}`);
    const files = readdirSync(CORPUS).filter((file) => !NOT_DELIVERIES.has(file)).sort();
    for (const file of files) await replayFile(system, table, file, expectations.get(file), secretOf);
    for (const file of expectations.keys()) {
      if (!files.includes(file)) record(file, false, 'listed in SOURCES.md but not in the corpus');
    }
    section('published signature and handshake vectors (signature-vectors.json)');
    checkVectors();
    section('edge behaviours over HTTP');
    await edgeBehaviours(system, table, secretOf);
  } finally {
    table.destroy();
    await system.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const failed = rows.filter((row) => !row.ok).length;
  process.stdout.write(`\n${rows.length - failed} passed, ${failed} failed\n`);
  return failed === 0 ? 0 : 1;
}

/** One corpus file through the HTTP path, then its published events, raw archive and log compared with SOURCES.md. */
async function replayFile(
  system: LocalSystem,
  table: DynamoDBDocumentClient,
  file: string,
  expectation: Expectation | undefined,
  secretOf: (path: WebhookPath) => Record<string, unknown>,
): Promise<void> {
  const path = file.split('-')[0] ?? '';
  if (!expectation) return record(file, false, 'no row for this file in SOURCES.md');
  if (!isWebhookPath(path)) return record(file, false, `no webhook path for platform prefix "${path}"`);
  const body = deliveryBody(path, readFileSync(join(CORPUS, file)));
  const delivered = await deliver(system, path, body, signedHeaders(path, body, secretOf(path)));

  const problems: string[] = [];
  if (delivered.status !== 200) problems.push(`HTTP ${delivered.status}`);
  if (delivered.rawKeys.length !== 1) problems.push(`${delivered.rawKeys.length} raw deliveries archived`);
  else if (!system.rawDeliveries.read(delivered.rawKeys[0]!)?.body.equals(body)) problems.push('archived bytes differ');
  if (delivered.deadLetters > 0) problems.push(`${delivered.deadLetters} dead letters`);
  const of = (type: string) => delivered.events.filter((event) => event['detail-type'] === type).map((event) => event.detail.data);
  if (of('DeliveryQuarantined').length > 0) problems.push('quarantined');
  const observed: Observed = {
    payload: jsonOrUndefined(body),
    interactions: of('InteractionReceived') as Interaction[],
    edits: of('InteractionEdited').length,
    deletions: of('InteractionDeleted').length,
    health: of('ConnectorHealthChanged').length,
  };
  const outcome = meetsOutcome(expectation, observed);
  if (!outcome.ok) problems.push(`expected ${expectation.outcome}${expectation.outcome === 'interactions' ? ` x${expectation.count}` : ''}`);
  for (const clause of expectation.clauses) if (!clause.check(observed)) problems.push(`clause "${clause.label}" not met`);
  problems.push(...(await logProblems(system, table, expectation, of)));

  const checked = expectation.clauses.map((clause) => clause.label);
  const label = `${expectation.outcome}${expectation.outcome === 'interactions' ? ` x${expectation.count}` : ''}${checked.length ? ` [${checked.join(', ')}]` : ''}`;
  record(file, problems.length === 0, problems.length === 0 ? `${label}: ${outcome.why}` : `${problems.join('; ')} (${outcome.why})`);
}

function jsonOrUndefined(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * The functions that consume what intake publishes (from the manifest): a dead letter there means a
 * delivery was lost between intake and the log. Failures further downstream belong to other checks.
 */
const INTAKE_CONSUMERS = new Set(
  eventRules()
    .filter((rule) => functionByName('ingest-webhook').needs.publishes?.includes(rule.event))
    .map((rule) => rule.functionName),
);

/**
 * The corpus holds ONE LinkedIn notification element, which LinkedIn always sends inside a batch
 * envelope (SOURCES.md: "harness must wrap it"): wrap its exact bytes, as LinkedIn would send them.
 */
function deliveryBody(path: WebhookPath, raw: Buffer): Buffer {
  if (path !== 'linkedin') return raw;
  const parsed = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
  if (Array.isArray(parsed.notifications) || parsed.notificationId === undefined) return raw;
  return Buffer.concat([Buffer.from('{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":['), raw, Buffer.from(']}')]);
}

async function deliver(system: LocalSystem, path: string, body: Buffer, headers: Record<string, string>): Promise<Delivered> {
  const deadLetters = () => system.bus.deadLetters().filter((letter) => INTAKE_CONSUMERS.has(letter.functionName)).length;
  const before = { events: system.bus.archived().length, raw: new Set(system.rawDeliveries.keys()), dead: deadLetters() };
  const response = await fetch(`${system.urls.api}/webhooks/${path}`, { method: 'POST', headers, body });
  await response.arrayBuffer();
  await system.bus.idle();
  return {
    status: response.status,
    events: system.bus.archived().slice(before.events) as unknown as Delivered['events'],
    rawKeys: system.rawDeliveries.keys().filter((key) => !before.raw.has(key)),
    deadLetters: deadLetters() - before.dead,
  };
}

/** What the log must hold afterwards: every interaction logged, a tombstone without text, an applied or pending edit. */
async function logProblems(
  system: LocalSystem,
  table: DynamoDBDocumentClient,
  expectation: Expectation,
  of: (type: string) => unknown[],
): Promise<string[]> {
  const item = async (id: string) =>
    (await table.send(new GetCommand({ TableName: system.tableName, Key: { pk: `INT#${id}`, sk: 'INTERACTION' } }))).Item;
  const problems: string[] = [];
  for (const interaction of of('InteractionReceived') as Interaction[]) {
    if (!(await item(interaction.id))?.interaction) problems.push(`${interaction.id} not in the log`);
  }
  if (expectation.outcome === 'delete') {
    for (const { id } of of('InteractionDeleted') as Array<{ id: string }>) {
      const stored = await item(id);
      if (!stored?.deletedAt) problems.push(`no tombstone for ${id}`);
      if (stored?.interaction?.text) problems.push(`text of ${id} not purged`);
    }
  }
  if (expectation.outcome === 'update') {
    for (const { id } of of('InteractionEdited') as Array<{ id: string }>) {
      const stored = await item(id);
      if (!stored?.pendingEdit && !stored?.interaction?.flags?.edited) problems.push(`edit of ${id} not in the log`);
    }
  }
  return problems;
}

interface Vectors {
  published_signature_vectors: Array<{ id: string; header: string; secret: string; body: string; expected_header_value: string; expected_result?: string }>;
  handshakes: Array<{ id: string; request: string; secret?: string; configured_verify_token?: string; value?: string; expected_parse?: unknown; expected_response?: { status: number | string; body?: unknown } }>;
  derived_signature_vectors: Array<{ file: string; secret: string; header: string; expected_header_value_over_raw_file_bytes: string; WRONG_value_if_body_is_parsed_and_reserialised?: string }>;
}

/** The platform-published vectors against the same verifiers the handler uses. */
function checkVectors(): void {
  const vectors = JSON.parse(readFileSync(join(CORPUS, 'signature-vectors.json'), 'utf8')) as Vectors;
  const verifiers: Record<string, (raw: Buffer, header: string, secret: string) => void> = {
    'x-hub-signature-256': verifyMetaSignature,
    'x-twitter-webhooks-signature': verifyXSignature,
    // The WebSub construction (YouTube): the same as Meta's legacy sha1 header.
    'x-hub-signature': verifyWebSubSignature,
  };
  const passes = (run: () => unknown) => {
    try {
      run();
      return true;
    } catch {
      return false;
    }
  };
  for (const vector of vectors.published_signature_vectors) {
    const verify = verifiers[vector.header.toLowerCase()];
    const reject = /REJECT/.test(vector.expected_result ?? '');
    const ok = verify !== undefined && passes(() => verify(Buffer.from(vector.body, 'utf8'), vector.expected_header_value, vector.secret)) !== reject;
    record(`vector ${vector.id}`, ok, `${vector.header} ${reject ? 'refused' : 'accepted'}`);
  }
  for (const vector of vectors.derived_signature_vectors) {
    const verify = verifiers[vector.header.toLowerCase()];
    const raw = readFileSync(join(CORPUS, vector.file));
    const accepted = verify !== undefined && passes(() => verify(raw, vector.expected_header_value_over_raw_file_bytes, vector.secret));
    const wrong = vector.WRONG_value_if_body_is_parsed_and_reserialised;
    const refused = wrong === undefined || (verify !== undefined && !passes(() => verify(raw, wrong, vector.secret)));
    record(`vector derived ${vector.file}`, accepted && refused, `raw bytes accepted${wrong ? ', re-serialised refused' : ''}`);
  }
  const query = (request: string) => Object.fromEntries(new URL(request.replace(/^GET\s+/, ''), 'https://callback.example').searchParams);
  for (const handshake of vectors.handshakes) {
    let ok = false;
    let detail = '';
    if (handshake.id.startsWith('meta-')) {
      const expected = handshake.expected_response;
      const answer = passes(() => answerMetaHandshake(query(handshake.request), handshake.configured_verify_token ?? ''))
        ? answerMetaHandshake(query(handshake.request), handshake.configured_verify_token ?? '')
        : undefined;
      ok = expected?.status === 200 ? answer === expected.body : answer === undefined;
      detail = expected?.status === 200 ? 'challenge echoed' : 'refused';
    } else if (handshake.id.startsWith('x-crc')) {
      ok = answerXCrc(query(handshake.request), handshake.secret ?? '') === JSON.stringify(handshake.expected_response?.body);
      detail = 'response_token matches';
    } else if (handshake.id.startsWith('linkedin-')) {
      // The doc's clientSecret is unpublished: the shape is what can be checked (both fields, 64 hex).
      const code = query(handshake.request).challengeCode ?? '';
      const answer = JSON.parse(answerLinkedInChallenge({ challengeCode: code }, 'any-client-secret')) as Record<string, string>;
      ok = answer.challengeCode === code && /^[0-9a-f]{64}$/.test(answer.challengeResponse ?? '');
      detail = 'shape: challengeCode echoed, 64-hex challengeResponse';
    } else if (handshake.id.startsWith('tiktok-')) {
      ok = JSON.stringify(parseTikTokSignature(handshake.value ?? '')) === JSON.stringify(handshake.expected_parse);
      detail = 't and s parsed';
    } else {
      detail = 'no check for this vector';
    }
    record(`handshake ${handshake.id}`, ok, detail);
  }
}

/** The HTTP answers the issue names, through the same local API. */
async function edgeBehaviours(
  system: LocalSystem,
  table: DynamoDBDocumentClient,
  secretOf: (path: WebhookPath) => Record<string, unknown>,
): Promise<void> {
  const body = readFileSync(join(CORPUS, 'x-xaa-post-mention.json'));

  const unknown = await deliver(system, 'myspace', body, { 'content-type': 'application/json' });
  record('unknown platform', unknown.status === 404 && unknown.events.length === 0, `HTTP ${unknown.status}`);

  const forged = await deliver(system, 'x', body, { ...signedHeaders('x', body, { consumerSecret: 'not-our-secret' }) });
  const forgedOk = forged.status === 401 && forged.events.length === 0 && forged.rawKeys.length === 0;
  record('bad signature', forgedOk, `HTTP ${forged.status}, ${forged.events.length} events, ${forged.rawKeys.length} archived`);

  const stale = await deliver(system, 'tiktok', readFileSync(join(CORPUS, 'tiktok-authorization-removed.json')), {
    ...signedHeaders('tiktok', readFileSync(join(CORPUS, 'tiktok-authorization-removed.json')), secretOf('tiktok'), new Date(Date.now() - 3600_000)),
  });
  record('stale TikTok signature', stale.status === 401 && stale.events.length === 0, `HTTP ${stale.status}`);

  const huge = Buffer.alloc(2 * 1024 * 1024, 0x20);
  const tooLarge = await deliver(system, 'x', huge, signedHeaders('x', huge, secretOf('x')));
  record('body over the limit', tooLarge.status === 413 && tooLarge.events.length === 0 && tooLarge.rawKeys.length === 0, `HTTP ${tooLarge.status}`);

  const malformed = Buffer.from('{"data": {"event_type": ');
  const quarantined = await deliver(system, 'x', malformed, signedHeaders('x', malformed, secretOf('x')));
  const reported = quarantined.events.filter((event) => event['detail-type'] === 'DeliveryQuarantined').length;
  record(
    'malformed JSON, valid signature',
    quarantined.status === 200 && reported === 1 && quarantined.rawKeys.length === 1,
    `HTTP ${quarantined.status}, ${reported} DeliveryQuarantined, ${quarantined.rawKeys.length} archived`,
  );

  // The mention was delivered once already (the corpus run); X sends it again.
  const redelivered = await deliver(system, 'x', body, signedHeaders('x', body, secretOf('x')));
  const id = `x:${(JSON.parse(body.toString('utf8')) as { data: { payload: { id: string } } }).data.payload.id}`;
  const items = (await table.send(new QueryCommand({ TableName: system.tableName, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': `INT#${id}` } })))
    .Items ?? [];
  const receipts = items.filter((item) => item.kind === 'received').length;
  const records = items.filter((item) => item.sk === 'INTERACTION').length;
  record('redelivery', redelivered.status === 200 && redelivered.deadLetters === 0 && receipts === 1 && records === 1, `HTTP ${redelivered.status}, ${records} record, ${receipts} receipt audit item`);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`conformance run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  },
);
