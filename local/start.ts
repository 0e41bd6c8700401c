/**
 * `npm start`: the whole system on one machine, with no AWS account and no Docker. See local/README.md.
 * Built from the wiring manifest (infra/wiring.ts): the functions, their HTTP routes, event rules and
 * schedules are the ones the stack deploys; the handlers are the deployed code, unchanged.
 */
import { resolve } from 'node:path';
import type { DateTime } from 'luxon';
import { loadOrgConfig, type OrgConfig } from '../infra/org-config';
import { eventRules, FUNCTIONS, SECRET_NAMES, type FunctionSpec } from '../infra/wiring';
import { AsyncDelivery } from './async-delivery';
import { describeCron } from './cron';
import { ensureTable, startDynamoDb, type LocalDynamoDb } from './dynamodb';
import { applyEnvironment, handlerEnvironment } from './env';
import { createLocalBus, type LocalBus } from './event-bus';
import { startEventBridge } from './eventbridge-server';
import { startHttpApi } from './http-api';
import { internalRoutes } from './internal-routes';
import { LocalFunctions, type LambdaHandler } from './lambda';
import { createLogger, describeError } from './log';
import { dataPaths, PATHS } from './paths';
import { ensureSecretsFile, readSecretsFile, startSecretsManager } from './secrets-manager';
import { devTokenAuthorizer, ensureLocalConfig, readLocalConfig } from './dev-auth';
import { retentionPolicy } from '../infra/org-config';
import { startSchedules } from './schedules';
import { startSes } from './ses';
import { startS3, type LocalS3 } from './s3';
import { localTopicArn, startSns, type LocalSns } from './sns';
import { CONSOLE_DIST, ensureConsoleBuilt } from '../console/build';

export interface StartOptions {
  /** HTTP API port: this option, else env PORT, else 3000; 0 picks a free port. */
  port?: number;
  /** Folder for the table, dead letters and the event archive; null/undefined keeps everything in memory. */
  dataDir?: string | null;
  /** Keep the table in memory even with a dataDir (tests: a fresh table, dead-letter files in a temp folder). */
  tableInMemory?: boolean;
  quiet?: boolean;
  /** Default local/secrets.json, created from local/secrets.example.json when missing. */
  secretsFile?: string;
  /** Default local/config.json (the ops API's dev tokens), created from local/config.example.json when missing. */
  localConfigFile?: string;
  /** Ports of the local AWS stand-ins; default free ports. */
  servicePorts?: Partial<Record<'dynamodb' | 'ses' | 'eventbridge' | 'secretsManager' | 's3' | 'sns', number>>;
  /** Handlers to use instead of functions/handlers/<name>.ts (tests). */
  handlers?: Readonly<Record<string, LambdaHandler>>;
  /** First retry delay of async deliveries (doubles each retry). */
  retryBackoffMs?: number;
  /** PutEvents request size limit; AWS documents 256 KB. */
  maxEventRequestBytes?: number;
  /** HTTP API body limit (413 above it). */
  maxBodyBytes?: number;
  /** Arm the cron timers (default true). */
  schedules?: boolean;
  orgConfigPath?: string;
  /** The triage console's built files, served at /console (default console/dist; `npm start` builds it when stale). */
  consoleDir?: string;
}

export interface LocalSystem {
  urls: { api: string; console: string; webhook: string; dynamodb: string; ses: string; eventbridge: string; secretsManager: string; s3: string; sns: string };
  region: string;
  tableName: string;
  busName: string;
  dataDir: string | null;
  secretsFile: string;
  bus: LocalBus;
  /** The local S3 holding the raw-delivery archive. */
  rawDeliveries: LocalS3;
  /** The local SNS: every page notify-owner sent (P0 escalations). */
  sns: LocalSns;
  /** The local DynamoDB, to stop and restart it (reliability runs; needs the table on disk). */
  dynamodb: Pick<LocalDynamoDb, 'stop' | 'restart'>;
  handlers: { loaded: string[]; missing: string[]; failed: string[] };
  schedules: Array<{ functionName: string; cron: string; next: DateTime }>;
  /** Invokes a scheduled function now and returns its result; input defaults to the schedule's payload. */
  invokeScheduled(name: string, input?: Record<string, unknown>): Promise<unknown>;
  stop(): Promise<void>;
}

/** Resource names for a stage; local only (the stack names its own resources). */
export function localNames(org: OrgConfig): { tableName: string; busName: string; rawDeliveryBucket: string } {
  return {
    tableName: `nhs-social-${org.aws.stage}-interactions`,
    busName: `nhs-social-${org.aws.stage}`,
    rawDeliveryBucket: `nhs-social-${org.aws.stage}-raw-deliveries`,
  };
}

const IDLE_ON_STOP_MS = 5000;

export async function startLocal(options: StartOptions = {}): Promise<LocalSystem> {
  // Before the first SDK client is built (the table set-up below), not only for the handlers.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const log = createLogger('local', options.quiet);
  const org = loadOrgConfig(options.orgConfigPath ?? PATHS.orgConfig);
  const region = org.aws.region;
  const { tableName, busName, rawDeliveryBucket } = localNames(org);
  const dataDir = options.dataDir ? resolve(options.dataDir) : null;
  const paths = dataDir ? dataPaths(dataDir) : null;
  const secretsFile = options.secretsFile ?? PATHS.secretsFile;
  const ports = options.servicePorts ?? {};
  const closers: Array<() => Promise<void> | void> = [];
  const closeAll = async () => {
    for (const close of closers.splice(0).reverse()) {
      try {
        await close();
      } catch (error) {
        log.warn('stop step failed', { error: describeError(error) });
      }
    }
  };

  try {
    const localConfigFile = options.localConfigFile ?? PATHS.localConfig;
    if (ensureLocalConfig(localConfigFile, PATHS.localConfigExample).created) {
      log.info('created local config (ops API dev tokens) from the example', { file: localConfigFile });
    }
    const localConfig = readLocalConfig(localConfigFile);
    if (ensureSecretsFile(secretsFile, PATHS.secretsExample).created) {
      log.info('created local secrets file from the example', { file: secretsFile });
    }
    const localSecrets = readSecretsFile(secretsFile).secrets;
    const missingSecrets = SECRET_NAMES.filter((name) => !(org.secrets[name] in localSecrets));
    if (missingSecrets.length > 0) {
      log.warn('secrets named in config/org.yaml are missing from the local secrets file (copy them from local/secrets.example.json)', {
        secrets: missingSecrets.map((name) => org.secrets[name]),
        file: secretsFile,
      });
    }

    // Each service registers its closer as soon as it is up, so a failed start closes the others.
    const started = <T extends { close(): Promise<void> }>(service: Promise<T>) =>
      service.then((up) => {
        closers.push(up.close);
        return up;
      });
    const [dynamodb, ses, secretsManager, s3] = await Promise.all([
      started(startDynamoDb({ path: paths && !options.tableInMemory ? paths.dynamodb : null, port: ports.dynamodb })),
      started(startSes({ port: ports.ses })),
      started(startSecretsManager({ file: secretsFile, region, port: ports.secretsManager, log: log.child('secrets-manager') })),
      started(startS3({ bucket: rawDeliveryBucket, dir: paths?.rawDeliveries ?? null, port: ports.s3, log: log.child('s3') })),
    ]);
    const sns = await started(startSns({ port: ports.sns, log: log.child('sns') }));
    const table = await ensureTable(dynamodb.url, region, tableName);
    log.info(table === 'created' ? 'table created' : 'table found', { tableName, ttl: 'not enabled locally (dynalite has no UpdateTimeToLive)' });

    const functions = new LocalFunctions({ functions: FUNCTIONS, handlersDir: PATHS.handlersDir, region, overrides: options.handlers });
    const delivery = new AsyncDelivery({
      invoke: functions.invoke,
      deadLetterDir: paths?.deadLetters ?? null,
      backoffMs: options.retryBackoffMs,
      retryAttemptsOf: (name) => FUNCTIONS.find((fn) => fn.name === name)?.retryAttempts ?? 0,
      log: log.child('delivery'),
    });
    const bus = createLocalBus({
      name: busName,
      region,
      rules: eventRules(FUNCTIONS),
      delivery,
      archiveFile: paths?.archive ?? null,
      maxRequestBytes: options.maxEventRequestBytes,
      log: log.child('bus'),
    });
    const eventbridge = await startEventBridge({ bus, port: ports.eventbridge, log: log.child('eventbridge') });
    closers.push(eventbridge.close, () => delivery.stop());

    // Handlers read their config at import (cold start): the environment must be complete before preload.
    applyEnvironment(
      handlerEnvironment({
        org,
        endpoints: { dynamodb: dynamodb.url, eventbridge: eventbridge.url, ses: ses.url, secretsManager: secretsManager.url, s3: s3.url, sns: sns.url },
        pagingTopicArn: localTopicArn(region, `nhs-social-${org.aws.stage}-paging`),
        tableName,
        busName,
        matrixPath: PATHS.responseMatrix,
        rawDeliveryBucket,
        retentionPolicy: retentionPolicy(org),
        // Emails link to the served console; with a free port (0) its address is not known yet, so no link.
        consoleUrl: consolePort(options) ? `http://127.0.0.1:${consolePort(options)}/console/` : undefined,
      }),
    );
    const preload = await functions.preload();
    for (const { name, error } of preload.failed) log.error('handler failed to load', { functionName: name, error: describeError(error) });
    if (preload.missing.length > 0) log.warn('handlers not written yet', { functions: preload.missing });

    const scheduled = (name: string): FunctionSpec | undefined =>
      FUNCTIONS.find((fn) => fn.name === name && fn.trigger.kind === 'schedule');
    const invokeScheduled = async (name: string, input?: Record<string, unknown>) => {
      const fn = scheduled(name);
      if (!fn || fn.trigger.kind !== 'schedule') throw new Error(`${name} is not a scheduled function in the wiring manifest`);
      return functions.invoke(name, input ?? fn.trigger.input);
    };

    const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000);
    let info: () => Record<string, unknown> = () => ({});
    const api = await startHttpApi({
      functions: FUNCTIONS,
      invoke: functions.invoke,
      port,
      maxBodyBytes: options.maxBodyBytes,
      // The ops API's routes (auth: 'jwt' in the manifest) take the dev tokens of local/config.json.
      authorizer: devTokenAuthorizer(localConfig),
      // Same origin as the API, so the console needs no CORS locally; it signs in with a dev token.
      console: { dir: options.consoleDir ?? CONSOLE_DIST, config: () => ({ apiUrl: api.url, auth: { kind: 'dev' }, refreshSeconds: 20 }) },
      internal: internalRoutes({
        info: () => info(),
        invokeScheduled,
        isScheduled: (name) => scheduled(name) !== undefined,
        idle: async () => {
          await bus.idle();
          return { deadLetters: bus.deadLetters().length };
        },
        redrive: (functionName) => delivery.redrive(functionName),
      }),
      log: log.child('api'),
    });
    closers.push(api.close);

    const timers =
      options.schedules === false
        ? undefined
        : startSchedules({
            functions: FUNCTIONS,
            fire: (fn, input) => delivery.deliver({ functionName: fn.name, retryAttempts: fn.retryAttempts, via: `schedule:${fn.name}` }, input),
            log: log.child('schedules'),
          });
    if (timers) closers.push(() => timers.stop());

    const urls = {
      api: api.url,
      console: `${api.url}/console/`,
      webhook: `${api.url}/webhooks/facebook`,
      dynamodb: dynamodb.url,
      ses: ses.url,
      eventbridge: eventbridge.url,
      secretsManager: secretsManager.url,
      s3: s3.url,
      sns: sns.url,
    };
    const schedules = () =>
      (timers?.list() ?? []).map(({ functionName, next }) => {
        const trigger = scheduled(functionName)?.trigger;
        return { functionName, next, cron: trigger?.kind === 'schedule' ? describeCron(trigger.cron, trigger.timeZone) : '' };
      });
    const handlers = { loaded: preload.loaded, missing: preload.missing, failed: preload.failed.map(({ name }) => name) };
    info = () => ({
      urls,
      region,
      tableName,
      busName,
      dataDir,
      deadLetterDir: paths?.deadLetters ?? null,
      archiveFile: paths?.archive ?? null,
      rawDeliveries: { url: s3.url, bucket: rawDeliveryBucket, dir: s3.dir },
      handlers,
      schedules: schedules().map((schedule) => ({ ...schedule, next: schedule.next.toISO() })),
    });

    return {
      urls,
      region,
      tableName,
      busName,
      dataDir,
      secretsFile,
      bus,
      rawDeliveries: s3,
      sns,
      dynamodb: { stop: dynamodb.stop, restart: dynamodb.restart },
      handlers,
      get schedules() {
        return schedules();
      },
      invokeScheduled,
      stop: async () => {
        // Stop taking work, let in-flight deliveries finish (bounded), then close the services.
        timers?.stop();
        await api.close();
        await Promise.race([bus.idle(), new Promise((done) => setTimeout(done, IDLE_ON_STOP_MS).unref())]);
        await closeAll();
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}

function printSummary(system: LocalSystem): void {
  const rows: Array<[string, string]> = [
    ['HTTP API', system.urls.api],
    ['Triage console', `${system.urls.console}   (sign in with the dev token local-dev-token)`],
    ['Webhook URL', `${system.urls.webhook}   (GET = Meta handshake, POST = signed deliveries)`],
    ['Other webhooks', `${system.urls.api}/webhooks/{messenger,instagram,threads,x,linkedin,tiktok,youtube}`],
    ['SES inbox', `${system.urls.ses}/   (every email sent; JSON at ${system.urls.ses}/store)`],
    ['SNS (paging)', `${system.urls.sns}/   (every P0 page sent; JSON at ${system.urls.sns}/store)`],
    ['DynamoDB', `${system.urls.dynamodb}   table ${system.tableName} (TTL not enabled locally)`],
    ['EventBridge', `${system.urls.eventbridge}   bus ${system.busName}, ${system.bus.rules.length} rules`],
    ['Secrets Manager', `${system.urls.secretsManager}   serving ${system.secretsFile}`],
    ['Ops API', `${system.urls.api}/interactions   (Authorization: Bearer local-dev-token; tokens in local/config.json)`],
    ['Data folder', system.dataDir ?? '(in memory)'],
    ['Dead letters', system.dataDir ? `${dataPaths(system.dataDir).deadLetters}/<function>.jsonl` : '(in memory)'],
    ['Event archive', system.dataDir ? dataPaths(system.dataDir).archive : '(in memory)'],
    ['Raw deliveries', `${system.urls.s3}   bucket ${system.rawDeliveries.bucket}, ${system.rawDeliveries.dir ?? '(in memory)'}`],
    ...system.schedules.map(({ functionName, cron, next }): [string, string] => [
      'Schedule',
      `${functionName}: ${cron}, next ${next.toFormat("ccc d LLL yyyy HH:mm ZZZZ")}`,
    ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [
    '',
    'NHS social engagement backend: running locally (no AWS account, no Docker)',
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ];
  if (system.handlers.missing.length > 0) lines.push(`  Not written yet: ${system.handlers.missing.join(', ')}`);
  if (system.handlers.failed.length > 0) lines.push(`  FAILED TO LOAD:  ${system.handlers.failed.join(', ')} (see the error above)`);
  lines.push(
    '',
    'Next, in another terminal:',
    '  npm run demo                        post signed Facebook webhooks and show what the system decided',
    '  npm run digest [-- --week 2026-W48]  send the weekly board digest, then open the SES inbox',
    `  curl -H 'authorization: Bearer local-dev-token' ${system.urls.api}/interactions   the comms team's queue`,
    '  npm run redrive                     send the dead letters back to their functions',
    '  npm run replay -- --from <ISO> [--to <ISO>]  re-send archived events to the rules',
    '',
    'Ctrl-C stops everything.',
    '',
  );
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main(): Promise<void> {
  try {
    ensureConsoleBuilt((line) => process.stdout.write(`${line}\n`));
  } catch (error) {
    // The API works without the console; say how to build it by hand.
    process.stderr.write(`the triage console could not be built (run \`npm run build:console\`): ${error instanceof Error ? error.message : String(error)}\n`);
  }
  const system = await startLocal({
    dataDir: process.env.LOCAL_DATA_DIR ?? PATHS.defaultDataDir,
    servicePorts: {
      dynamodb: optionalPort('LOCAL_DYNAMODB_PORT'),
      ses: optionalPort('LOCAL_SES_PORT'),
      eventbridge: optionalPort('LOCAL_EVENTBRIDGE_PORT'),
      secretsManager: optionalPort('LOCAL_SECRETS_MANAGER_PORT'),
      s3: optionalPort('LOCAL_S3_PORT'),
      sns: optionalPort('LOCAL_SNS_PORT'),
    },
    maxEventRequestBytes: optionalPort('LOCAL_EVENTBRIDGE_MAX_REQUEST_BYTES'),
  });
  printSummary(system);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\n${signal}: stopping...\n`);
    system.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`stop failed: ${String(error)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

function optionalPort(name: string): number | undefined {
  const value = process.env[name];
  return value === undefined || value === '' ? undefined : Number(value);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`npm start failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(1);
  });
}

/** The HTTP API's port when it is fixed in advance (the option, else PORT, else 3000); undefined for a free port. */
function consolePort(options: StartOptions): number | undefined {
  const port = options.port ?? (process.env.PORT ? Number(process.env.PORT) : 3000);
  return port > 0 ? port : undefined;
}
