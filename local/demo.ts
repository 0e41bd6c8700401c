/**
 * `npm run demo`: drives a running `npm start` the way Meta would, with correctly signed Facebook
 * webhooks built from the real payloads in ../shared/acceptance/webhooks/ (read from there, never
 * copied into the repo), then reads the interaction log to show what the system decided.
 * It prints labels, categories and priorities only, never the text of a message.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { categoryLabel } from '../functions/core/categories';
import { loadOrgConfig, type OrgConfig } from '../infra/org-config';
import { LOCAL_CREDENTIALS } from './account';
import { connect, localApiUrl, waitUntilIdle, type LocalHealth } from './client';
import { demoDeliveries, type DemoDelivery } from './demo-deliveries';
import { metaSignature } from './meta-signature';
import { PATHS } from './paths';
import { readSecretsFile } from './secrets-manager';

process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

interface MetaSecret {
  appSecret: string;
  verifyToken: string;
}

const CORPUS = PATHS.webhookCorpus;

let failures = 0;

function say(text = ''): void {
  process.stdout.write(`${text}\n`);
}

function check(ok: boolean, good: string, bad: string): void {
  say(`   ${ok ? 'OK ' : 'FAIL'} ${ok ? good : bad}`);
  if (!ok) failures += 1;
}

/** The organisation settings, read once: the secret's name and the trust's time zone come from them. */
let orgConfig: OrgConfig | undefined;
const org = (): OrgConfig => (orgConfig ??= loadOrgConfig(PATHS.orgConfig));

function metaSecret(): MetaSecret {
  const { secrets } = org();
  const file = existsSync(PATHS.secretsFile) ? PATHS.secretsFile : PATHS.secretsExample;
  const value = readSecretsFile(file).secrets[secrets.meta] as Partial<MetaSecret> | undefined;
  if (!value?.appSecret || !value.verifyToken) {
    throw new Error(`${file} has no {"appSecret","verifyToken"} under "${secrets.meta}" (the name in config/org.yaml)`);
  }
  return { appSecret: value.appSecret, verifyToken: value.verifyToken };
}

function corpusFile(name: string): Buffer {
  const file = join(CORPUS, name);
  if (!existsSync(file)) throw new Error(`the webhook corpus is not at ${CORPUS} (expected ${name})`);
  return readFileSync(file);
}

async function post(health: LocalHealth, body: Buffer, signature: string): Promise<{ status: number; text: string }> {
  const response = await fetch(health.urls.webhook, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
    body,
  });
  return { status: response.status, text: await response.text() };
}

/** The interaction item as the log holds it: the current state at the top, the matrix's decision under `assessment`. */
export interface LoggedItem {
  status?: string;
  category?: string;
  priority?: string;
  ownerTeam?: string;
  slaDueAt?: string;
  overridden?: boolean;
  ownAccount?: boolean;
  assessment?: {
    category?: string;
    priority?: string;
    owner?: string;
    ownerTeam?: string;
    ruleId?: string;
    slaDueAt?: string | null;
    piiKinds?: string[];
    publicReply?: string;
  };
}

function tableReader(health: LocalHealth) {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: health.urls.dynamodb, region: health.region, credentials: LOCAL_CREDENTIALS }),
  );
  return {
    item: async (interactionId: string) =>
      (await client.send(new GetCommand({ TableName: health.tableName, Key: { pk: `INT#${interactionId}`, sk: 'INTERACTION' } })))
        .Item as LoggedItem | undefined,
    /** How many items the interaction has: 1 interaction item + its audit items. */
    itemCount: async (interactionId: string) =>
      (
        await client.send(
          new QueryCommand({
            TableName: health.tableName,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': `INT#${interactionId}` },
            Select: 'COUNT',
          }),
        )
      ).Count ?? 0,
    close: () => client.destroy(),
  };
}

/**
 * The item as it stands now (a person's override or assignment included), in the words the console and
 * the digest use; "(overridden)" marks what differs from the matrix's decision.
 */
export function describeDecision(item: LoggedItem | undefined, timeZone: string): string {
  if (!item) return 'not in the log';
  if (!item.category) return `logged, not assessed yet (status ${item.status ?? '?'})`;
  const decided = item.assessment;
  const marked = (text: string, current: unknown, original: unknown) =>
    decided !== undefined && current !== (original ?? undefined) ? `${text} (overridden)` : text;
  const parts = [
    marked(categoryLabel(item.category), item.category, decided?.category),
    marked(item.priority ?? 'no priority', item.priority, decided?.priority),
  ];
  if (item.status) parts.push(`status ${item.status}`);
  if (item.ownerTeam) parts.push(marked(`owner: ${item.ownerTeam}`, item.ownerTeam, decided?.ownerTeam ?? decided?.owner));
  parts.push(marked(item.slaDueAt ? `reply due ${localTime(item.slaDueAt, timeZone)}` : 'no reply deadline', item.slaDueAt, decided?.slaDueAt));
  if (decided?.piiKinds?.length) parts.push(`personal data found: ${decided.piiKinds.join(', ')} (redacted before storing)`);
  return parts.join('; ');
}

async function main(): Promise<void> {
  const apiUrl = localApiUrl();
  const health = await connect(apiUrl);
  const secret = metaSecret();
  const table = tableReader(health);
  const runId = String(Date.now());
  say(`Demo against the local system at ${apiUrl} (webhook ${health.urls.webhook})`);
  say(`Payloads: the real Facebook webhook bodies in ${CORPUS}`);
  say();

  try {
    // 1. Meta's subscription handshake.
    const challenge = String(1_000_000_000 + Math.floor(Math.random() * 1_000_000_000));
    const handshakeUrl = `${health.urls.webhook}?hub.mode=subscribe&hub.challenge=${challenge}&hub.verify_token=${encodeURIComponent(secret.verifyToken)}`;
    const handshake = await fetch(handshakeUrl);
    const handshakeBody = await handshake.text();
    say('1. Meta checks the webhook URL (GET with hub.mode=subscribe and our verify token).');
    check(
      handshake.status === 200 && handshakeBody === challenge,
      'the system answered 200 with the challenge, so Meta would accept the subscription.',
      `expected 200 and the challenge back, got ${handshake.status}.`,
    );

    // 2. The real payloads, byte for byte.
    const { asIs, derived: scenarios } = demoDeliveries(runId, corpusFile);
    say();
    say('2. Meta delivers signed webhooks (X-Hub-Signature-256 over the exact bytes sent).');
    const known = new Set<string>();
    for (const delivery of [...asIs, ...scenarios]) {
      if (await table.item(delivery.interactionId)) known.add(delivery.interactionId);
      const { status, text } = await post(health, delivery.body, metaSignature(secret.appSecret, delivery.body));
      const reply = status === 200 ? (JSON.parse(text) as { received: number; ignored: number }) : undefined;
      say(`   - ${delivery.label}: HTTP ${status}${reply ? `, ${reply.received} interaction(s) published, ${reply.ignored} ignored` : ''}`);
      if (status !== 200) failures += 1;
    }

    // 3. The same delivery again, as Meta does when it is unsure we got it.
    const redelivered = scenarios[0] as DemoDelivery;
    await waitUntilIdle(apiUrl);
    const itemsBefore = await table.itemCount(redelivered.interactionId);
    const again = await post(health, redelivered.body, metaSignature(secret.appSecret, redelivered.body));
    await waitUntilIdle(apiUrl);
    const itemsAfter = await table.itemCount(redelivered.interactionId);
    say();
    say(`3. Meta redelivers the "${redelivered.label}" webhook, byte for byte.`);
    check(again.status === 200, 'answered 200 (Meta stops retrying).', `expected 200, got ${again.status}.`);
    check(
      itemsAfter === itemsBefore,
      `still one interaction in the log, no duplicate (${itemsAfter} items: the interaction and its audit trail).`,
      `the log went from ${itemsBefore} to ${itemsAfter} items for that interaction.`,
    );

    // 4. A forged delivery.
    const forged = await post(health, asIs[0]!.body, metaSignature('not-the-app-secret', asIs[0]!.body));
    say();
    say('4. Someone posts a webhook signed with the wrong secret.');
    check(forged.status === 401, 'rejected with 401; nothing was published.', `expected 401, got ${forged.status}.`);

    // 5. An edit that changes everything: a thank-you edited to add a risk to life is decided again.
    const edited = editedComment(runId);
    await post(health, edited.add, metaSignature(secret.appSecret, edited.add));
    await waitUntilIdle(apiUrl);
    const beforeEdit = await table.item(edited.interactionId);
    await post(health, edited.edit, metaSignature(secret.appSecret, edited.edit));
    await waitUntilIdle(apiUrl);
    const afterEdit = await table.item(edited.interactionId);
    say();
    say('5. A visitor thanks the ward in a comment, then edits it to say they will end their life tonight.');
    say(`   before the edit: ${describeDecision(beforeEdit, org().timeZone)}`);
    say(`   after the edit:  ${describeDecision(afterEdit, org().timeZone)}`);
    check(
      afterEdit?.priority === 'P0' && afterEdit.category === 'safeguarding',
      'decided again on the edited words: safeguarding P0, the team emailed and on-call paged (see local SES and SNS).',
      'the edit was not decided again as safeguarding P0.',
    );

    // 6. What the system decided.
    const { deadLetters } = await waitUntilIdle(apiUrl);
    say();
    say('6. What the system decided (read back from the interaction log; message text is not shown):');
    for (const delivery of [...asIs, ...scenarios]) {
      const item = await table.item(delivery.interactionId);
      const note = known.has(delivery.interactionId) ? ' (already logged by an earlier run; the redelivery was de-duplicated)' : '';
      say(`   - ${delivery.label}: ${describeDecision(item, org().timeZone)}${note}`);
      if (!item?.category) failures += 1;
    }

    say();
    say(
      failures === 0
        ? 'All steps behaved as expected.'
        : `${failures} step(s) did not behave as expected: see FAIL above and the \`npm start\` terminal.`,
    );
    say(`Dead letters so far: ${deadLetters}${health.deadLetterDir ? ` (files in ${health.deadLetterDir})` : ''}.`);
    say(`Next: \`npm run digest\` sends this week's board digest; read it at ${health.urls.ses}/`);
  } finally {
    table.close();
  }
  process.exitCode = failures === 0 ? 0 : 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`demo failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

/** A visitor's comment (the real comment payload, from a visitor) and a later `verb: edited` delivery of it. */
function editedComment(runId: string): { interactionId: string; add: Buffer; edit: Buffer } {
  const commentId = `901097836652708_${runId.slice(-9)}5`;
  const now = Math.floor(Date.now() / 1000);
  const build = (file: string, message: string, at: number, from?: { id: string; name: string }) => {
    const payload = JSON.parse(corpusFile(file).toString('utf8'));
    payload.entry[0].time = at;
    Object.assign(payload.entry[0].changes[0].value, { comment_id: commentId, message, created_time: at, ...(from ? { from } : {}) });
    return Buffer.from(JSON.stringify(payload));
  };
  return {
    interactionId: `facebook:${commentId}`,
    add: build('facebook-feed-comment-add.json', 'Thank you to everyone on the ward, lovely care', now - 60, { id: '777000444', name: 'Demo Visitor' }),
    edit: build('facebook-feed-comment-edited.json', 'Thank you to everyone on the ward. I cannot go on, I am going to end my life tonight', now),
  };
}

/** Due times as a comms officer reads them: local wall-clock time in the trust's zone. */
function localTime(iso: string, timeZone: string): string {
  return DateTime.fromISO(iso).setZone(timeZone).toFormat('ccc d LLL HH:mm ZZZZ');
}
