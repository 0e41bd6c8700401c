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
import { createServer as createNetServer, connect, type AddressInfo, type Socket } from 'node:net';
import { closeServer, listen, LOOPBACK } from './http-util';

export interface LocalDynamoDb {
  url: string;
  /** The LevelDB folder, or null when the data lives in memory. */
  path: string | null;
  close(): Promise<void>;
  /**
   * An outage (reliability runs): `stop()` first cuts the network (drops every open connection and
   * refuses new ones, as an unreachable endpoint would), lets what dynalite already took in finish, then
   * stops dynalite and closes its database; `restart()` reopens it from the same folder and accepts
   * connections on the same port again. In memory (no folder) only the network is cut, so no data is
   * lost. A write that reached dynalite just before the cut may have happened although its caller saw
   * an error: the ambiguity a real failure leaves, which the idempotent writes absorb.
   */
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startDynamoDb(options: { path?: string | null; port?: number }): Promise<LocalDynamoDb> {
  const path = options.path ?? null;
  if (path) mkdirSync(path, { recursive: true });
  const server = dynalite({ ...(path ? { path } : {}), createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const inFlight = trackInFlight(server);
  const backendPort = Number(new URL(await listen(server, 0)).port);
  const cut = createOutageSwitch(backendPort);
  const url = await cut.listen(options.port ?? 0);
  const port = Number(new URL(url).port);
  return {
    url,
    path,
    close: async () => {
      await cut.stop();
      await closeServer(server);
    },
    stop: async () => {
      await cut.stop();
      if (!path) return;
      // dynalite crashes if its database closes under a request it is still processing (one queued behind
      // its item lock keeps going after its client was cut): wait until every request it took in has answered.
      await inFlight.drained(DRAIN_LIMIT_MS);
      await closeServer(server);
    },
    restart: async () => {
      // A closed dynalite reopens its database when it listens again (same folder).
      if (path && !server.listening) await listen(server, backendPort);
      await cut.listen(port);
    },
  };
}

const DRAIN_LIMIT_MS = 30_000;

/**
 * Counts the requests dynalite has taken in and not yet answered. Its handler calls `res.end` when the
 * operation is done, whether or not the client is still there, so that (not the socket) marks the end.
 */
function trackInFlight(server: import('node:http').Server) {
  let pending = 0;
  server.prependListener('request', (req, res) => {
    pending += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      pending -= 1;
    };
    // A request cut before its body arrived never reaches dynalite's database: nothing to wait for.
    let bodyComplete = false;
    req.on('end', () => (bodyComplete = true));
    res.on('close', () => {
      if (!bodyComplete) finish();
    });
    const end = res.end.bind(res) as (...args: unknown[]) => unknown;
    (res as { end: (...args: unknown[]) => unknown }).end = (...args: unknown[]) => {
      finish();
      return end(...args);
    };
  });
  return {
    drained: async (limitMs: number) => {
      const until = Date.now() + limitMs;
      while (pending > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      if (pending > 0) throw new Error(`dynalite still has ${pending} requests in progress after ${limitMs} ms; not closing its database under them`);
    },
  };
}

/** A loopback TCP relay in front of dynalite that can drop and refuse connections. */
function createOutageSwitch(backendPort: number) {
  const open = new Set<Socket>();
  const relay = createNetServer((client) => {
    const upstream = connect(backendPort, LOOPBACK);
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('close', () => open.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  return {
    listen: (port: number) =>
      new Promise<string>((resolve, reject) => {
        relay.once('error', reject);
        relay.listen(port, LOOPBACK, () => {
          relay.off('error', reject);
          resolve(`http://${LOOPBACK}:${(relay.address() as AddressInfo).port}`);
        });
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        if (!relay.listening) return resolve();
        relay.close(() => resolve());
      }),
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
