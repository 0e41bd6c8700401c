/**
 * dynalite, a DynamoDB-compatible server, on loopback, and the interaction-log table built from
 * infra/table-design.ts. dynalite has no UpdateTimeToLive, so TTL is not set up locally and items
 * never expire here (AWS deletes them after `expiresAt`).
 */
import { mkdirSync } from 'node:fs';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type TableDescription,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLE_DESIGN } from '../infra/table-design';
import { LOCAL_CREDENTIALS } from './account';
import { closeServer, listen } from './http-util';

export interface LocalDynamoDb {
  url: string;
  /** The LevelDB folder, or null when the data lives in memory. */
  path: string | null;
  close(): Promise<void>;
  /**
   * An outage (reliability runs): `stop()` closes dynalite and its database, so every call is refused;
   * `restart()` starts it again on the same port and folder. Needs a folder: in memory, data would be lost.
   */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startDynamoDb(options: { path?: string | null; port?: number }): Promise<LocalDynamoDb> {
  const path = options.path ?? null;
  if (path) mkdirSync(path, { recursive: true });
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const url = await listen(server, options.port);
  const port = Number(new URL(url).port);
  return {
    url,
    path,
    close: () => closeServer(server),
    stop: () => closeServer(server),
    restart: async () => {
      if (!path) throw new Error('restarting an in-memory dynalite would lose the table: start it with a path');
      await closeServer(server);
      // dynalite reopens its database when a closed server listens again (same folder, same port).
      await listen(server, port);
    },
  };
}

export type TableDesign = typeof TABLE_DESIGN;

/** Creates the table (keys + GSIs, on demand) unless it exists, and waits until it is ACTIVE. */
export async function ensureTable(
  endpoint: string,
  region: string,
  tableName: string,
  design: TableDesign = TABLE_DESIGN,
): Promise<'created' | 'exists'> {
  const client = new DynamoDBClient({ endpoint, region, credentials: LOCAL_CREDENTIALS });
  try {
    const existing = await describe(client, tableName);
    if (!existing) await client.send(new CreateTableCommand(createTableInput(tableName, design)));
    await waitUntilActive(client, tableName);
    return existing ? 'exists' : 'created';
  } finally {
    client.destroy();
  }
}

export function createTableInput(tableName: string, design: TableDesign) {
  const keyNames = [
    design.partitionKey,
    design.sortKey,
    ...design.globalSecondaryIndexes.flatMap((gsi) => [gsi.partitionKey, gsi.sortKey]),
  ];
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST' as const,
    AttributeDefinitions: [...new Set(keyNames)].map((name) => ({ AttributeName: name, AttributeType: 'S' as const })),
    KeySchema: [
      { AttributeName: design.partitionKey, KeyType: 'HASH' as const },
      { AttributeName: design.sortKey, KeyType: 'RANGE' as const },
    ],
    GlobalSecondaryIndexes: design.globalSecondaryIndexes.map((gsi) => ({
      IndexName: gsi.indexName,
      KeySchema: [
        { AttributeName: gsi.partitionKey, KeyType: 'HASH' as const },
        { AttributeName: gsi.sortKey, KeyType: 'RANGE' as const },
      ],
      Projection: { ProjectionType: 'ALL' as const },
    })),
  };
}

async function describe(client: DynamoDBClient, tableName: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: tableName }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

async function waitUntilActive(client: DynamoDBClient, tableName: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt += 1) {
    const table = await describe(client, tableName);
    const gsisActive = (table?.GlobalSecondaryIndexes ?? []).every((gsi) => gsi.IndexStatus === 'ACTIVE');
    if (table?.TableStatus === 'ACTIVE' && gsisActive) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`table ${tableName} did not become ACTIVE`);
}
