/**
 * What the reliability runs share: a local system in a temp folder, a realistic batch of signed
 * deliveries (five platforms, the texts of the labelled evaluation set), a bounded pool to send them,
 * a read of the whole interaction log, and the `PASS/FAIL` rows with the final `N passed, M failed`.
 * Everything runs in this process on 127.0.0.1 and stops by itself.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { loadOrgConfig } from '../../infra/org-config';
import { LOCAL_CREDENTIALS } from '../account';
import { PATHS, REPO_ROOT } from '../paths';
import { SECRET_OF, signedHeaders, type WebhookPath } from '../platform-signatures';
import { readSecretsFile } from '../secrets-manager';
import { startLocal, type LocalSystem, type StartOptions } from '../start';

export interface Harness {
  system: LocalSystem;
  table: DynamoDBDocumentClient;
  secretOf(path: WebhookPath): Record<string, unknown>;
  stop(): Promise<void>;
}

/** The local system on free loopback ports, data in a fresh temp folder (removed on stop). */
export async function startHarness(options: Omit<StartOptions, 'port' | 'dataDir' | 'secretsFile'> = {}): Promise<Harness> {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  process.env.POWERTOOLS_LOG_LEVEL ??= 'SILENT';
  const dir = mkdtempSync(join(tmpdir(), 'nhs-social-reliability-'));
  const secretsFile = join(dir, 'secrets.json');
  copyFileSync(PATHS.secretsExample, secretsFile);
  const org = loadOrgConfig(PATHS.orgConfig);
  const secrets = readSecretsFile(secretsFile).secrets as Record<string, Record<string, unknown>>;
  let system: LocalSystem;
  try {
    system = await startLocal({ tableInMemory: true, schedules: false, retryBackoffMs: 20, quiet: true, ...options, port: 0, dataDir: dir, secretsFile });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const table = DynamoDBDocumentClient.from(new DynamoDBClient({ endpoint: system.urls.dynamodb, region: system.region, credentials: LOCAL_CREDENTIALS }));
  return {
    system,
    table,
    secretOf: (path) => secrets[org.secrets[SECRET_OF[path]]] ?? {},
    stop: async () => {
      table.destroy();
      await system.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface Delivery {
  path: WebhookPath;
  body: Buffer;
  /** The text the member of the public wrote (for scans); never logged by these scripts. */
  text: string;
}

/** The labelled evaluation set's texts: hand-written realistic posts (complaints, safeguarding, PII...). */
export function evaluationTexts(): string[] {
  return readFileSync(join(REPO_ROOT, 'test/evaluation/messages.jsonl'), 'utf8')
    .split('\n')
    .filter((line) => line.trim().startsWith('{'))
    .map((line) => (JSON.parse(line) as { text: string }).text);
}

const corpus = (file: string) => JSON.parse(readFileSync(join(PATHS.webhookCorpus, file), 'utf8')) as Record<string, any>;

/**
 * One delivery per (platform, text), each a real corpus payload with a new item id and text: a
 * Facebook visitor post, a Facebook comment, a Messenger message, an Instagram comment, an X mention.
 * `tag` keeps ids distinct between batches of one run.
 */
export function deliveryBatch(count: number, tag: string, texts: readonly string[] = evaluationTexts()): Delivery[] {
  const builders: Array<(n: string, text: string) => Delivery> = [
    (n, text) => {
      const payload = corpus('facebook-feed-visitor-post-add.json');
      Object.assign(payload.entry[0].changes[0].value, { post_id: `${payload.entry[0].id}_${n}`, message: text, from: { id: `7${n}`, name: 'A Visitor' } });
      return { path: 'facebook', body: Buffer.from(JSON.stringify(payload)), text };
    },
    (n, text) => {
      const payload = corpus('facebook-feed-comment-add.json');
      Object.assign(payload.entry[0].changes[0].value, { comment_id: `901097836652708_${n}`, message: text, from: { id: `8${n}`, name: 'A Commenter' } });
      return { path: 'facebook', body: Buffer.from(JSON.stringify(payload)), text };
    },
    (n, text) => {
      const payload = corpus('messenger-message-text.json');
      Object.assign(payload.entry[0].messaging[0].message, { mid: `mid.${n}:reliability`, text });
      return { path: 'messenger', body: Buffer.from(JSON.stringify(payload)), text };
    },
    (n, text) => {
      const payload = corpus('instagram-comment-minimal.json');
      Object.assign(payload.entry[0].changes[0].value, { id: `17${n}`, text });
      return { path: 'instagram', body: Buffer.from(JSON.stringify(payload)), text };
    },
    (n, text) => {
      const payload = corpus('x-xaa-post-mention.json');
      const id = `20${n}`;
      Object.assign(payload.data.payload, { id, text: `@ExampleUser ${text}`, conversation_id: id, edit_history_tweet_ids: [id] });
      delete payload.data.includes.tweets;
      return { path: 'x', body: Buffer.from(JSON.stringify(payload)), text };
    },
  ];
  return Array.from({ length: count }, (_, index) => {
    const n = `${tag}${String(index).padStart(6, '0')}`;
    return builders[index % builders.length]!(n, texts[index % texts.length]!);
  });
}

export interface Sent {
  status: number;
  ms: number;
  body: string;
}

/** POSTs a delivery signed as its platform signs it; a refused connection counts as status 0. */
export async function send(harness: Harness, delivery: Delivery, headers = signedHeaders(delivery.path, delivery.body, harness.secretOf(delivery.path))): Promise<Sent> {
  const started = performance.now();
  try {
    const response = await fetch(`${harness.system.urls.api}/webhooks/${delivery.path}`, { method: 'POST', headers, body: delivery.body });
    const body = await response.text();
    return { status: response.status, ms: performance.now() - started, body };
  } catch (error) {
    return { status: 0, ms: performance.now() - started, body: error instanceof Error ? error.message : String(error) };
  }
}

/** Runs `work` over `items` with at most `concurrency` in flight. */
export async function pool<T, R>(items: readonly T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}

export interface LogState {
  /** Interaction items by interaction id. */
  interactions: Map<string, Record<string, unknown>>;
  /** Audit items' `kind`s by interaction id. */
  audits: Map<string, string[]>;
}

/** The whole interaction log (a scan: fine for a local run of a few thousand items). */
export async function readLog(harness: Harness): Promise<LogState> {
  const interactions = new Map<string, Record<string, unknown>>();
  const audits = new Map<string, string[]>();
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await harness.table.send(new ScanCommand({ TableName: harness.system.tableName, ExclusiveStartKey }));
    for (const item of page.Items ?? []) {
      const pk = String(item.pk);
      if (!pk.startsWith('INT#')) continue;
      const id = pk.slice('INT#'.length);
      if (item.sk === 'INTERACTION') interactions.set(id, item);
      else if (String(item.sk).startsWith('AUDIT#')) audits.set(id, [...(audits.get(id) ?? []), String(item.kind)]);
    }
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return { interactions, audits };
}

/** Interaction ids intake published (InteractionReceived on the bus), distinct. */
export function publishedIds(system: LocalSystem, from = 0): Set<string> {
  return new Set(
    system.bus
      .archived()
      .slice(from)
      .filter((event) => event['detail-type'] === 'InteractionReceived' && !event['replay-name'])
      .map((event) => String((event.detail as { data: { id: string } }).data.id)),
  );
}

/** Checks every id has one interaction item, assessed, and exactly one `received` and one `assessed` audit item. */
export function trailProblems(log: LogState, ids: Iterable<string>): string[] {
  const problems: string[] = [];
  for (const id of ids) {
    const item = log.interactions.get(id);
    const kinds = [...(log.audits.get(id) ?? [])].sort();
    if (!item) problems.push(`${id}: not stored`);
    else if (item.status !== 'assessed') problems.push(`${id}: status ${String(item.status)}`);
    if (kinds.join(',') !== 'assessed,received') problems.push(`${id}: audit trail [${kinds.join(',')}]`);
  }
  return problems;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function countBy<T>(items: readonly T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** The result of one run: figures (printed, never asserted) and checks (pass/fail). */
export class Report {
  readonly checks: Check[] = [];
  readonly figures: Array<[string, string]> = [];

  constructor(private readonly print = true) {}

  section(title: string): void {
    if (this.print) process.stdout.write(`\n== ${title}\n`);
  }

  figure(name: string, value: string | number): void {
    this.figures.push([name, String(value)]);
    if (this.print) process.stdout.write(`      ${name.padEnd(60)} ${value}\n`);
  }

  check(name: string, ok: boolean, detail: string): void {
    this.checks.push({ name, ok, detail });
    if (this.print) process.stdout.write(`${ok ? 'PASS' : 'FAIL'}  ${name.padEnd(60)} ${detail}\n`);
  }

  get failed(): number {
    return this.checks.filter((check) => !check.ok).length;
  }

  /** Prints `N passed, M failed`; the exit code to use. */
  finish(): number {
    if (this.print) process.stdout.write(`\n${this.checks.length - this.failed} passed, ${this.failed} failed\n`);
    return this.failed === 0 && this.checks.length > 0 ? 0 : 1;
  }
}

/** `--name value` options of a script, as numbers, with defaults. */
export function numberArgs<K extends string>(argv: readonly string[], defaults: Record<K, number>): Record<K, number> {
  const values = { ...defaults };
  for (let index = 0; index < argv.length; index += 1) {
    const name = argv[index]!.replace(/^--/, '') as K;
    if (!argv[index]!.startsWith('--') || !(name in defaults)) throw new Error(`unknown option ${argv[index]}; options: ${Object.keys(defaults).map((key) => `--${key} N`).join(' ')}`);
    const value = Number(argv[++index]);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${name} needs a number`);
    values[name] = value;
  }
  return values;
}

/** Runs a script's main: prints a crash, exits with its code. */
export function runScript(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`run failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exit(1);
    },
  );
}

export const ms = (value: number) => `${value.toFixed(1)} ms`;
