import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { loadOrgConfig } from '../../infra/org-config';
import { LOCAL_CREDENTIALS } from '../../local/account';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from '../../local/dynamodb';
import { metaSignature } from '../../local/meta-signature';
import { PATHS } from '../../local/paths';
import { readSecretsFile } from '../../local/secrets-manager';
import { startLocal, type LocalSystem, type StartOptions } from '../../local/start';
import { corpusBytes } from '../support/shared-corpus';

export { corpusBytes };

/** A fresh temp folder and its clean-up. */
export function tempDir(prefix: string): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), `${prefix}-`));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

/** The real Facebook visitor post with a new post id, author and message (for independent scenarios). */
export function visitorPost(postId: string, message: string): Buffer {
  const payload = JSON.parse(corpusBytes('facebook-feed-visitor-post-add.json').toString('utf8'));
  Object.assign(payload.entry[0].changes[0].value, { post_id: postId, message, from: { id: '777000111', name: 'Test Visitor' } });
  return Buffer.from(JSON.stringify(payload));
}

/**
 * Posts Meta deliveries to the system's webhook signed with its local app secret, as Meta signs them.
 * Each must be answered 200; then the bus is left to settle.
 */
export function metaPoster(system: LocalSystem): (body: Buffer) => Promise<void> {
  const org = loadOrgConfig(PATHS.orgConfig);
  const { appSecret } = readSecretsFile(system.secretsFile).secrets[org.secrets.meta] as { appSecret: string };
  return async (body) => {
    const response = await fetch(system.urls.webhook, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(appSecret, body) },
      body,
    });
    if (response.status !== 200) throw new Error(`the webhook answered ${response.status}: ${await response.text()}`);
    await system.bus.idle();
  };
}

/**
 * The whole local system in this process for a test: free ports, an in-memory table, dead letters and
 * secrets in the test's own folder, no cron timers, fast retries. `overrides` change any of it.
 */
export function startTestSystem(dir: string, overrides: StartOptions = {}): Promise<LocalSystem> {
  return startLocal({
    port: 0,
    dataDir: dir,
    tableInMemory: true,
    quiet: true,
    secretsFile: join(dir, 'secrets.json'),
    schedules: false,
    retryBackoffMs: 10,
    ...overrides,
  });
}

/** A document client on a running system's local DynamoDB. */
export function tableClient(system: LocalSystem): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: system.urls.dynamodb, region: system.region, credentials: LOCAL_CREDENTIALS }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
}

/**
 * dynalite on a free port for a test file, with a fresh table per test (`next()`), all from
 * infra/table-design.ts. Call `start()` in beforeAll and `stop()` in afterAll.
 */
export function localTables(prefix: string) {
  let dynamo: LocalDynamoDb | undefined;
  let documents: DynamoDBDocumentClient | undefined;
  let tableNumber = 0;
  return {
    async start(): Promise<void> {
      dynamo = await startDynamoDb({ port: 0 });
      documents = DynamoDBDocumentClient.from(
        new DynamoDBClient({ endpoint: dynamo.url, region: 'eu-west-2', credentials: LOCAL_CREDENTIALS }),
        { marshallOptions: { removeUndefinedValues: true } },
      );
    },
    async stop(): Promise<void> {
      documents?.destroy();
      await dynamo?.close();
    },
    /** A new, empty table; its name. */
    async next(): Promise<string> {
      const tableName = `${prefix}-${++tableNumber}`;
      await ensureTable(dynamo!.url, 'eu-west-2', tableName);
      return tableName;
    },
    get documents(): DynamoDBDocumentClient {
      return documents!;
    },
    get url(): string {
      return dynamo!.url;
    },
  };
}
