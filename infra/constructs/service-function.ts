import { readFileSync } from 'node:fs';
import { isAbsolute, join, relative } from 'node:path';
import { Duration, RemovalPolicy, Stack, Tags, Token, Validations } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { IEventBus } from 'aws-cdk-lib/aws-events';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { ApplicationLogLevel, Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { LogLevel, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IEmailIdentity } from 'aws-cdk-lib/aws-ses';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { EventContract } from '../../events';
import { parseMatrix } from '../../functions/core/matrix/load';
import { escalationRecipients, retentionPolicy, type OrgConfig } from '../org-config';
import { FUNCTION_NAME_TAG } from '../template-wiring';
import { ENV, SECRET_ENV, type FunctionSpec, type SecretName } from '../wiring';
import { BUNDLED_MATRIX_NAME, HANDLERS_DIR, LOCK_FILE, MATRIX_FILE, REPO_ROOT } from './repo-paths';
import { CHART_ASSETS } from '../../functions/shared/chart-assets';

/** One runtime for every function; esbuild's target follows it. cdk-nag L1 wants the newest Node runtime. */
export const FUNCTION_RUNTIME = Runtime.NODEJS_24_X;
const ESBUILD_TARGET = 'node24';

/** The stateful resources a FunctionSpec's `needs` can ask for. */
export interface ServiceResources {
  readonly org: OrgConfig;
  readonly bus: IEventBus;
  /** The bus's customer-managed key, when it has one: publishers may use it through EventBridge only. */
  readonly busKey?: IKey;
  readonly table: ITableV2;
  /** The table's customer-managed key: DynamoDB checks the caller may use it. */
  readonly tableKey: IKey;
  /** GSI names, granted one by one instead of `index/*`. */
  readonly tableIndexNames: readonly string[];
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  /** The raw-delivery bucket (stateful stack), by name: see rawDeliveryBucketName(). */
  readonly rawDeliveryBucketName: string;
  /** The key its objects are encrypted with. */
  readonly rawDeliveryKey: IKey;
  readonly emailIdentity: IEmailIdentity;
  /** On-call paging (P0 escalations) and the key its messages are encrypted with. */
  readonly pagingTopic: ITopic;
  readonly pagingTopicKey: IKey;
  /** The response matrix YAML, validated here at synth and copied into bundles that need it. */
  readonly matrixFile?: string;
  /** Who the ops API's JWT authorizer trusts (routes with `auth: 'jwt'`). */
  readonly opsAuth?: { readonly issuer: string; readonly audience: string[] };
}

export interface ServiceFunctionProps {
  readonly spec: FunctionSpec;
  readonly resources: ServiceResources;
  /** Physical function name; readable names make logs and alarms easy to find. */
  readonly functionName: string;
  /** Async targets only: Lambda's own retries dead-letter here (events and schedules use the same queue). */
  readonly deadLetterQueue?: IQueue;
  /** How long an async event may wait for a retry before it is dead-lettered. */
  readonly maxEventAge?: Duration;
  readonly logRetention?: RetentionDays;
  /** Where `<spec.name>.ts` lives; defaults to functions/handlers. */
  readonly handlersDir?: string;
}

const DYNAMODB_READ = [
  'dynamodb:BatchGetItem',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
  'dynamodb:GetItem',
  'dynamodb:Query',
] as const;
const DYNAMODB_WRITE = ['dynamodb:BatchWriteItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'] as const;
// The same KMS actions CDK's table grants use, spelled out so the policy carries no wildcard.
const KMS_READ = ['kms:Decrypt', 'kms:DescribeKey'] as const;
const KMS_WRITE = [
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:GenerateDataKeyWithoutPlaintext',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
] as const;

/**
 * A Lambda function built from one FunctionSpec of the wiring manifest: bundled with esbuild, its own
 * role and log group, and for each of its `needs` the grant and the environment variable set together
 * (Powertools' `bindTable()` idea), so a need can never be granted without being configured or vice versa.
 * Triggers are wired by the stack; this construct only knows what the function needs.
 */
export class ServiceFunction extends Construct {
  readonly spec: FunctionSpec;
  readonly fn: NodejsFunction;
  readonly role: Role;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: ServiceFunctionProps) {
    super(scope, id);
    const { spec, resources } = props;
    this.spec = spec;
    const matrixFile = resources.matrixFile ?? MATRIX_FILE;
    if (spec.needs.matrix) validateMatrixAtSynth(matrixFile);

    this.logGroup = new LogGroup(this, 'Logs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Its own role, scoped to its own log group, instead of AWSLambdaBasicExecutionRole (logs:* on *).
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${spec.name}: ${spec.description}`.slice(0, 1000),
    });
    this.logGroup.grantWrite(this.role);

    this.fn = new NodejsFunction(this, 'Function', {
      functionName: props.functionName,
      description: spec.description.slice(0, 256),
      entry: join(props.handlersDir ?? HANDLERS_DIR, `${spec.name}.ts`),
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: LOCK_FILE,
      runtime: FUNCTION_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: LoggingFormat.JSON,
      // Lambda passes this to Powertools as AWS_LAMBDA_LOG_LEVEL: one place to turn on DEBUG.
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      environment: {
        POWERTOOLS_SERVICE_NAME: 'nhs-social',
        NODE_OPTIONS: '--enable-source-maps',
        [ENV.trustName]: resources.org.trustName,
        [ENV.timeZone]: resources.org.timeZone,
      },
      ...(props.deadLetterQueue
        ? {
            deadLetterQueue: props.deadLetterQueue,
            retryAttempts: spec.retryAttempts,
            maxEventAge: props.maxEventAge ?? Duration.hours(2),
          }
        : {}),
      bundling: {
        format: OutputFormat.ESM,
        target: ESBUILD_TARGET,
        mainFields: ['module', 'main'],
        // middy and friends are ESM; CommonJS dependencies still need a `require` inside an ESM bundle.
        banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
        // The Node.js runtime ships AWS SDK v3.
        // `typescript` is only a lazy, never-taken branch of mjml's minifier config loader (cosmiconfig): 3.5 MB.
        externalModules: ['@aws-sdk/*', 'typescript'],
        minify: true,
        sourceMap: true,
        sourcesContent: false,
        logLevel: LogLevel.WARNING,
        ...(spec.needs.matrix || spec.needs.charts
          ? {
              commandHooks: copyIntoBundle([
                ...(spec.needs.matrix ? [[matrixFile, BUNDLED_MATRIX_NAME] as const] : []),
                ...(spec.needs.charts ? CHART_ASSETS.map((asset) => [require.resolve(asset.module), asset.file] as const) : []),
              ]),
            }
          : {}),
      },
    });
    // The manifest name, so a synthesized template can be read back against the manifest (template-wiring.ts).
    Tags.of(this.fn).add(FUNCTION_NAME_TAG, spec.name);

    const { needs } = spec;
    if (needs.publishes) this.bindBus(resources.bus, needs.publishes, resources.busKey);
    if (needs.table) this.bindTable(resources.table, resources.tableKey, resources.tableIndexNames, needs.table);
    for (const name of needs.secrets ?? []) this.bindSecret(name, resources.secrets[name]);
    if (needs.email) this.bindEmail(resources.emailIdentity, resources.org);
    if (needs.matrix) this.fn.addEnvironment(ENV.matrixPath, BUNDLED_MATRIX_NAME);
    if (needs.notify) this.bindNotify(resources.emailIdentity, resources.org, resources.pagingTopic, resources.pagingTopicKey);
    if (needs.rawArchive) this.bindRawArchive(resources.rawDeliveryBucketName, resources.rawDeliveryKey);
    if (needs.retention) this.fn.addEnvironment(ENV.retentionPolicy, JSON.stringify(retentionPolicy(resources.org)));
    if (needs.ownerEmail) this.bindOwnerEmail(resources.emailIdentity, resources.org);
    // EMF log lines need no grant: the namespace is all; the ops alarms watch the same one.
    if (needs.metrics) this.fn.addEnvironment(ENV.metricsNamespace, `${resources.org.aws.stage}-nhs-social`);
  }

  /**
   * PutEvents on this bus only, and only for the sources of the contracts it publishes. With a bus key:
   * GenerateDataKey and Decrypt on that key, usable only through EventBridge (kms:ViaService) and only
   * for this bus (its encryption context). EventBridge encrypts with its own key-policy grant; this is
   * the caller-side half, so a PutEvents call never fails on KMS whichever identity EventBridge uses.
   */
  bindBus(bus: IEventBus, publishes: readonly Pick<EventContract<never>, 'source'>[], key?: IKey): void {
    this.fn.addEnvironment(ENV.eventBusName, bus.eventBusName);
    const sources = [...new Set(publishes.map((contract) => contract.source))].sort();
    if (sources.length === 0) return;
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['events:PutEvents'],
        resources: [bus.eventBusArn],
        conditions: { StringEquals: { 'events:source': sources } },
      }),
    );
    if (key) {
      const stack = Stack.of(this);
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
          resources: [key.keyArn],
          conditions: {
            StringEquals: {
              'kms:ViaService': `events.${stack.region}.${stack.urlSuffix}`,
              'kms:EncryptionContext:aws:events:event-bus:arn': bus.eventBusArn,
            },
          },
        }),
      );
    }
  }

  /** Item access on the table and its named indexes (no `index/*`), plus the table key. */
  bindTable(table: ITableV2, key: IKey, indexNames: readonly string[], access: 'read' | 'readWrite'): void {
    this.fn.addEnvironment(ENV.tableName, table.tableName);
    const write = access === 'readWrite';
    this.role.addToPrincipalPolicy(
      new PolicyStatement({
        actions: write ? [...DYNAMODB_READ, ...DYNAMODB_WRITE] : [...DYNAMODB_READ],
        resources: [table.tableArn],
      }),
    );
    if (indexNames.length > 0) {
      this.role.addToPrincipalPolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: indexNames.map((name) => `${table.tableArn}/index/${name}`),
        }),
      );
    }
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: write ? [...KMS_READ, ...KMS_WRITE] : [...KMS_READ], resources: [key.keyArn] }),
    );
  }

  /** GetSecretValue on one secret; the function gets its ARN as `<NAME>_SECRET_ID`. */
  bindSecret(name: SecretName, secret: ISecret): void {
    this.fn.addEnvironment(SECRET_ENV[name], secret.secretArn);
    secret.grantRead(this.role);
  }

  /**
   * PutObject only (no read, list or delete) on the raw-delivery bucket, and the key to encrypt with.
   * Object keys are chosen per delivery, so the resource is necessarily `<bucket>/*`.
   */
  bindRawArchive(bucketName: string, key: IKey): void {
    const stack = Stack.of(this);
    this.fn.addEnvironment(ENV.rawDeliveryBucket, bucketName);
    this.role.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['s3:PutObject'], resources: [`arn:${stack.partition}:s3:::${bucketName}/*`] }),
    );
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey'], resources: [key.keyArn] }));
    // cdk-nag names the finding after the resource, pseudo parameters written <AWS::...>.
    const shown = (value: string, pseudo: string) => (Token.isUnresolved(value) ? `<AWS::${pseudo}>` : value);
    const name = bucketName.replace(stack.account, shown(stack.account, 'AccountId')).replace(stack.region, shown(stack.region, 'Region'));
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::arn:${shown(stack.partition, 'Partition')}:s3:::${name}/*]`,
      reason:
        'ingest-webhook writes each raw delivery under a key chosen per delivery (<platform>/<date>/<time>-<hash>), so PutObject must cover the bucket\'s objects; it has PutObject only (no read, list or delete) on this one bucket.',
    });
  }

  /**
   * Owner-team notifications: SES send from the org's verified identity only, the team addresses as
   * JSON, and Publish on the paging topic with the two KMS actions SNS needs to encrypt for it.
   */
  bindNotify(identity: IEmailIdentity, org: OrgConfig, topic: ITopic, key: IKey): void {
    identity.grantSendEmail(this.role);
    this.fn.addEnvironment(ENV.notifyFrom, org.digest.from);
    this.fn.addEnvironment(ENV.ownerRecipients, JSON.stringify(escalationRecipients(org)));
    this.fn.addEnvironment(ENV.pagingTopicArn, topic.topicArn);
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['sns:Publish'], resources: [topic.topicArn] }));
    this.role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [key.keyArn] }));
  }

  /** Owner-team email without paging (SLA breaches): SES send from the org's verified identity, the team addresses as JSON. */
  bindOwnerEmail(identity: IEmailIdentity, org: OrgConfig): void {
    identity.grantSendEmail(this.role);
    this.fn.addEnvironment(ENV.notifyFrom, org.digest.from);
    this.fn.addEnvironment(ENV.ownerRecipients, JSON.stringify(escalationRecipients(org)));
  }

  /** SES send from the digest identity only (not `*`), with the digest's sender and recipients. */
  bindEmail(identity: IEmailIdentity, org: OrgConfig): void {
    identity.grantSendEmail(this.role);
    this.fn.addEnvironment(ENV.digestFrom, org.digest.from);
    this.fn.addEnvironment(ENV.digestRecipients, org.digest.recipients.join(','));
  }
}

/**
 * A bad matrix fails `cdk synth` (and so the deploy) with the parser's message, which names the line.
 * Deliberately not caught: the MatrixConfigError is the message ops need to see.
 */
function validateMatrixAtSynth(file: string): void {
  const inRepo = relative(REPO_ROOT, file);
  const sourceName = inRepo.startsWith('..') || isAbsolute(inRepo) ? file : inRepo;
  parseMatrix(readFileSync(file, 'utf8'), sourceName);
}

function copyIntoBundle(files: ReadonlyArray<readonly [file: string, nameInBundle: string]>) {
  return {
    beforeBundling: (): string[] => [],
    beforeInstall: (): string[] => [],
    afterBundling: (_inputDir: string, outputDir: string): string[] =>
      files.map(([file, nameInBundle]) => `cp ${shellQuote(file)} ${shellQuote(join(outputDir, nameInBundle))}`),
  };
}

function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
