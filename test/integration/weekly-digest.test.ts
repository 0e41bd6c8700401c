/**
 * The weekly digest on the real adapters: the log, the digest store and connector health in dynalite,
 * the email through local SES as a raw MIME message, charts through the WebAssembly renderer.
 * The week is full of personal data; none of it may reach the email, its attachments or the event.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { DetailOf, Interaction, InteractionReceived } from '../../events';
import { DynamoDbConnectorHealthLog } from '../../functions/adapters/dynamodb-connector-health';
import { DynamoDbDigestStore } from '../../functions/adapters/dynamodb-digest-store';
import { DynamoDbIncidentMode } from '../../functions/adapters/dynamodb-incident-mode';
import { DynamoDbInteractionLog } from '../../functions/adapters/dynamodb-interaction-log';
import { DynamoDbSpikeStore } from '../../functions/adapters/dynamodb-spike-store';
import { ResvgRasteriser } from '../../functions/adapters/resvg-rasteriser';
import { SesEmailSender } from '../../functions/adapters/ses-email-sender';
import { sendWeeklyDigest, type DigestDeps } from '../../functions/core/digest/send-weekly-digest';
import { assess } from '../../functions/core/matrix/assess';
import { parseMatrix } from '../../functions/core/matrix/load';
import { redactPii } from '../../functions/core/pii/redact';
import { LOCAL_CREDENTIALS } from '../../local/account';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from '../../local/dynamodb';
import { PATHS } from '../../local/paths';
import { startSes, type LocalSes } from '../../local/ses';
import { RecordingPublisher, sequentialIds } from '../support/in-memory';

const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));
const receivedSample: DetailOf<typeof InteractionReceived> = JSON.parse(
  readFileSync(join(__dirname, '../../events/samples/InteractionReceived.json'), 'utf8'),
).detail;
// As the handler passes them: the default matrix's programmes (its example runs through this week) and calendar.
const SETTINGS = {
  trustName: 'Example NHS Foundation Trust',
  timeZone: 'Europe/London',
  from: 'digest@example.nhs.uk',
  recipients: ['board@example.nhs.uk'],
  programmes: matrix.programmes,
  preElectionPeriods: matrix.preElectionPeriods,
};
const MONDAY = '2026-11-30T08:00:00.000Z';

/** Personal data of made-up people, in every field a platform could send it in. */
const PII = {
  names: ['Josephine Bloggs', 'Mohammed Al-Rashid', 'Siân Llewellyn'],
  handles: ['@jo_bloggs_84', '@mo.rashid'],
  nhsNumbers: ['943 476 5919', '9434765919'],
  emails: ['jo.bloggs@example.com', 'mo.rashid@example.org'],
  phones: ['07700 900123', '+44 7700 900456'],
  postcodes: ['LS1 4AP', 'CF10 3NQ'],
  dates: ['14/03/1984'],
  phrases: ['my daughter Chloe', 'bed 12 on ward 7', 'waited 6 hours in A&E'],
};
const EVERY_SECRET = Object.values(PII).flat();

const messages = [
  `We waited 6 hours in A&E with my daughter Chloe and nobody told us anything. I'm Josephine Bloggs, NHS number 943 476 5919, call me on 07700 900123`,
  `My dad Mohammed Al-Rashid (DOB 14/03/1984) is in bed 12 on ward 7, email mo.rashid@example.org, postcode LS1 4AP. Rude staff!`,
  `Thank you so much to the maternity team, you were amazing! Siân Llewellyn, CF10 3NQ`,
  `What are the visiting hours? Text me on +44 7700 900456 or jo.bloggs@example.com, NHS no 9434765919`,
  `I can't go on any more, nobody would notice if I was gone. Josephine Bloggs`,
];

const ISSUE_8_FIELDS = {
  programmes: [{ id: 'services-reconfiguration-2027', keyMessages: ['care-closer-to-home'], claims: ['a-and-e-closing'] }],
  incident: { id: 'incident-2026-11-24T14:05:00.000Z', name: 'Power outage at the General' },
  terms: ['ward', 'rude', 'staff'],
};
const INCIDENT = {
  id: ISSUE_8_FIELDS.incident.id,
  name: ISSUE_8_FIELDS.incident.name,
  holdingLine: 'We are aware of a power outage at the General and are working to restore services.',
  startedAt: '2026-11-24T14:05:00.000Z',
  startedBy: 'user:duty-manager',
};
/** A spike whose top words include a name only two of the week's messages carried: never shown. */
const SPIKE = {
  spikeId: 'spike-overall-2026-11-25T10:00:00.000Z',
  series: { kind: 'overall' as const, key: 'all', label: 'All messages' },
  windowStart: '2026-11-24T00:00:00.000Z',
  windowEnd: '2026-11-27T00:00:00.000Z',
  count: 5,
  expected: 1.5,
  topTerms: ['josephine', 'bloggs'],
  ownerTeam: 'comms-lead',
  suggestIncidentMode: false,
  detectedAt: '2026-11-27T00:00:00.000Z',
  threshold: 4,
  baselineWindows: 8,
  published: true,
};

let dynamo: LocalDynamoDb;
let ses: LocalSes;
let documents: DynamoDBDocumentClient;
let sesClient: SESv2Client;
let tableNumber = 0;

beforeAll(async () => {
  [dynamo, ses] = await Promise.all([startDynamoDb({ port: 0 }), startSes({ port: 0 })]);
  documents = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: dynamo.url, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS }), {
    marshallOptions: { removeUndefinedValues: true },
  });
  sesClient = new SESv2Client({ endpoint: ses.url, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS });
}, 30_000);

afterAll(async () => {
  documents?.destroy();
  sesClient?.destroy();
  await Promise.all([dynamo?.close(), ses?.close()]);
});

interface StoredRawEmail {
  messageId: string;
  subject: string;
  destination: { to: string[] };
  body: { text?: string; html?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
}

async function emails(): Promise<StoredRawEmail[]> {
  return ((await (await fetch(`${ses.url}/store`)).json()) as { emails: StoredRawEmail[] }).emails;
}

async function seededSystem() {
  const tableName = `digest-${++tableNumber}`;
  await ensureTable(dynamo.url, 'eu-west-2', tableName);
  // Count every DynamoDB command the digest sends, to prove it queries partitions and never scans.
  const commands: { name: string; input: Record<string, unknown> }[] = [];
  const counting = {
    send: (command: { constructor: { name: string }; input: Record<string, unknown> }) => {
      commands.push({ name: command.constructor.name, input: command.input });
      return documents.send(command as never);
    },
  } as unknown as DynamoDBDocumentClient;
  const log = new DynamoDbInteractionLog(documents, tableName, 'Europe/London', (text) => redactPii(text).text);
  const health = new DynamoDbConnectorHealthLog(documents, tableName, 'Europe/London');

  const interactions: Interaction[] = messages.map((text, i) => ({
    ...receivedSample.data,
    id: `facebook:1234567890321_90${i}`,
    nativeId: `1234567890321_90${i}`,
    text,
    author: { id: `55500${i}`, displayName: PII.names[i % 3], handle: PII.handles[i % 2] },
    permalink: `https://www.facebook.com/${PII.handles[i % 2]}/posts/${i}`,
    receivedAt: `2026-11-2${4 + (i % 3)}T1${i}:00:00.000Z`,
    occurredAt: `2026-11-2${4 + (i % 3)}T1${i}:00:00.000Z`,
  }));
  for (const [i, interaction] of interactions.entries()) {
    const metadata = { ...receivedSample.metadata, correlationId: `delivery-${i}`, idempotencyKey: `InteractionReceived:${interaction.id}`, occurredAt: interaction.receivedAt };
    await log.recordReceived({ metadata, data: interaction });
    const { assessment } = assess(interaction, matrix, interaction.receivedAt);
    // An adversarial signal: evidence that (against the matrix's rules) quotes a person. It must not surface.
    if (i === 0) assessment.signals.push({ detector: 'phrase', category: 'complaint', evidence: `phrase: '${PII.names[0]}'`, spanKind: 'phrase' });
    // Issue 8's fields, set by hand so the projection is proved whatever the default matrix tags.
    if (i === 1) Object.assign(assessment, ISSUE_8_FIELDS);
    await log.recordAssessed({ metadata: { ...metadata, idempotencyKey: `InteractionAssessed:${interaction.id}` }, data: { interaction, assessment } });
  }
  await health.recordHealthChange({
    metadata: { ...receivedSample.metadata, idempotencyKey: 'ConnectorHealthChanged:x', correlationId: 'h1', occurredAt: '2026-11-28T12:00:00.000Z' },
    data: { platform: 'x', status: 'authorisation_revoked', signal: 'oauth.revoke', accountId: '2244994945', occurredAt: '2026-11-28T12:00:00.000Z', detectedAt: '2026-11-28T12:00:01.000Z' },
  });

  const incidents = new DynamoDbIncidentMode(documents, tableName);
  await incidents.start(INCIDENT, 'start-request-1');
  await incidents.end(INCIDENT.id, '2026-11-25T09:00:00.000Z', 'user:duty-manager');
  await new DynamoDbSpikeStore(documents, tableName).claim(SPIKE);

  const publisher = new RecordingPublisher();
  const deps: DigestDeps = {
    log: new DynamoDbInteractionLog(counting, tableName, 'Europe/London', (text) => redactPii(text).text),
    health: new DynamoDbConnectorHealthLog(counting, tableName, 'Europe/London'),
    incidents: new DynamoDbIncidentMode(counting, tableName),
    spikes: new DynamoDbSpikeStore(counting, tableName),
    store: new DynamoDbDigestStore(counting, tableName),
    email: new SesEmailSender(sesClient, () => new Date(MONDAY)),
    publisher,
    rasteriser: new ResvgRasteriser(),
    newId: sequentialIds(`t${tableNumber}`),
  };
  return { deps, publisher, commands, log };
}

describe('the weekly digest on dynalite and local SES', () => {
  it('reads the week through the index projection: no message text, no author, no contact details', async () => {
    const { log } = await seededSystem();
    const items = await log.listWeek('2026-W48');
    expect(items).toHaveLength(5);
    expect(items[0]).toMatchObject({ platform: 'facebook', accountId: '1234567890321', category: expect.any(String), matrixVersion: matrix.version });
    // Signal evidence is the assessment's wording (matrix phrases; here also the adversarial one), which
    // the digest only ever maps through its closed list of themes; terms are single content words, which
    // the digest shows only when 3 or more different interactions carried one (the next test proves none
    // of these reach the email). Everything else read must be clean.
    const read = JSON.stringify(items.map(({ signalEvidence, terms, ...rest }) => rest));
    for (const secret of [...EVERY_SECRET, 'visiting hours', 'maternity']) expect(read).not.toContain(secret);
    expect(items.flatMap((item) => item.signalEvidence ?? [])).toContain("phrase: 'waited'");
  });

  it('reads the issue-8 fields through the projection: programme tags, the incident id, terms and the question signal', async () => {
    const { log } = await seededSystem();
    const items = await log.listWeek('2026-W48');
    const tagged = items.find((item) => item.id === 'facebook:1234567890321_901')!;
    expect(tagged).toMatchObject({ programmes: ISSUE_8_FIELDS.programmes, incidentId: ISSUE_8_FIELDS.incident.id, terms: ISSUE_8_FIELDS.terms });
    // The incident's name is not read per item (the digest takes it from the incident store).
    expect(JSON.stringify(items)).not.toContain(ISSUE_8_FIELDS.incident.name);
    // "What are the visiting hours?": the question detector's signal is recorded, and read as a flag.
    expect(items.find((item) => item.id === 'facebook:1234567890321_903')!.question).toBe(true);
    expect(items.find((item) => item.id === 'facebook:1234567890321_902')!.question).toBe(false);
  });

  it('sends one raw MIME digest with inline charts and the CSV, none of the personal data, and never scans', async () => {
    const { deps, publisher, commands } = await seededSystem();
    const before = (await emails()).length;
    const result = await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    expect(result).toMatchObject({ week: '2026-W48', status: 'sent', itemsRead: 5 });
    expect(result.figures.volume.inbound).toBe(5);
    expect(result.figures.safety).toMatchObject({ safeguarding: 1, personalDataRemoved: 4 });
    expect(result.figures.completeness.platforms.find((p) => p.platform === 'x')).toMatchObject({ status: 'silent', problems: { authorisation_revoked: 1 } });

    const sent = (await emails()).slice(before);
    expect(sent).toHaveLength(1);
    const email = sent[0]!;
    expect(email.messageId).toBe(result.messageId);
    expect(email.destination.to).toEqual(SETTINGS.recipients);
    expect(email.subject).toBe('Example NHS Foundation Trust: social media weekly digest, 2026-W48 (23 to 29 November 2026)');
    expect(email.body.text).toContain("5 inbound messages reached the trust's accounts");
    expect(email.body.html).toContain('Safeguarding escalations');
    const files = email.attachments.map((a) => [a.filename, a.contentType]);
    expect(files).toEqual(
      expect.arrayContaining([
        ['trend.png', 'image/png'],
        ['categories.png', 'image/png'],
        ['sentiment.png', 'image/png'],
        ['social-media-digest-2026-W48.csv', 'text/csv'],
      ]),
    );
    for (const png of email.attachments.filter((a) => a.contentType === 'image/png')) {
      expect(Buffer.from(png.content, 'base64').subarray(1, 4).toString('latin1')).toBe('PNG');
    }
    const csv = Buffer.from(email.attachments.find((a) => a.contentType === 'text/csv')!.content, 'base64').toString('utf8');
    expect(csv).toContain('2026-W48,safety,safeguarding_escalations,all,1,,,count');

    // Issue 8: the incident from the incident store, the spike from the spike log, the example programme.
    expect(email.body.text).toContain(
      '* Major-incident mode was in force: "Power outage at the General", from Tuesday 24 November 2026, 14:05 to Wednesday 25 November 2026, 09:00. 1 inbound message was decided under it',
    );
    expect(email.body.text).toContain('Spike alerts:\n  All messages (all messages): 5 messages from Tuesday 24 November 2026, 00:00 to Friday 27 November 2026, 00:00, against 1.5 usually.');
    expect(email.body.text).toContain('CHANGE PROGRAMME: HOSPITAL SERVICES RECONFIGURATION 2027');
    expect(result.figures.programmes[0]).toMatchObject({ id: 'services-reconfiguration-2027', inbound: 1, misinformation: { seen: 1, claims: [{ id: 'a-and-e-closing', seen: 1 }] } });

    const everything = [email.subject, email.body.text, email.body.html, csv, JSON.stringify(publisher.published)].join('\n');
    for (const secret of EVERY_SECRET) expect(everything).not.toContain(secret);
    // The spike's words and the week's terms pass the 3-interaction rule: a name two messages carried never shows.
    for (const word of ['josephine', 'bloggs', 'chloe']) expect(everything.toLowerCase()).not.toContain(word);

    // One index query per week (this week and the four before); on the table, by key only: connector
    // health's week, the incident history and the spike log's days. Digest items by key. No Scan.
    expect(commands.map((c) => c.name)).not.toContain('ScanCommand');
    const queries = commands.filter((c) => c.name === 'QueryCommand');
    expect(queries.filter((c) => c.input.IndexName === 'gsi1')).toHaveLength(5);
    const tableQueries = queries.filter((c) => c.input.IndexName === undefined).map((c) => String((c.input.ExpressionAttributeValues as Record<string, unknown>)[':pk']));
    expect(tableQueries.map((pk) => pk.replace(/#.*/, '#')).sort()).toEqual(['HEALTH#', 'INCIDENT', ...tableQueries.filter((pk) => pk.startsWith('SPIKE#')).map(() => 'SPIKE#')].sort());
    expect(tableQueries.filter((pk) => pk.startsWith('SPIKE#')).length).toBeLessThanOrEqual(9);
  }, 30_000); // four charts through the WebAssembly renderer, on a shared machine

  it('sends once per week and recipient list, on retries too; --resend sends again', async () => {
    const { deps, publisher } = await seededSystem();
    const before = (await emails()).length;
    const first = await sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps);
    const retries = await Promise.allSettled([
      sendWeeklyDigest({ trigger: 'schedule' }, MONDAY, SETTINGS, deps),
      sendWeeklyDigest({ week: '2026-W48' }, MONDAY, SETTINGS, deps),
    ]);
    expect(retries.map((r) => (r.status === 'fulfilled' ? r.value.status : r.reason.name))).toEqual(['already-sent', 'already-sent']);
    expect((await emails()).length - before).toBe(1);
    const resent = await sendWeeklyDigest({ week: '2026-W48', resend: true }, '2026-12-01T09:00:00.000Z', SETTINGS, deps);
    expect(resent.status).toBe('sent');
    expect(resent.messageId).not.toBe(first.messageId);
    expect((await emails()).length - before).toBe(2);
    expect(publisher.ofType('WeeklyDigestSent')).toHaveLength(2);
  }, 30_000);

  it('keeps settled week summaries, so the next week reads only its own items', async () => {
    const { deps, commands } = await seededSystem();
    await sendWeeklyDigest({ week: '2026-W48', preview: true }, MONDAY, SETTINGS, deps);
    commands.length = 0;
    const next = await sendWeeklyDigest({ week: '2026-W49', preview: true }, '2026-12-07T08:00:00.000Z', SETTINGS, deps);
    // W48 and the three before it are kept summaries now (read with one BatchGet); only W49 is queried.
    expect(commands.filter((c) => c.name === 'QueryCommand' && c.input.IndexName === 'gsi1')).toHaveLength(1);
    expect(next.figures.volume).toMatchObject({ inbound: 0, lastWeek: 5, baseline: 5, baselineWeeks: 1 });
  });
});
