/**
 * The CDK app: `npx cdk synth` runs this through tsx (cdk.json). Works offline with no credentials:
 * no lookups, and the account is only set when context `account` or CDK_DEFAULT_ACCOUNT provides one.
 *
 * Context:
 *   orgConfig           path of the org settings file (default config/org.yaml)
 *   account             AWS account id to pin the stacks to (optional)
 *   archiveRetentionDays  bus archive retention in days (overrides config/org.yaml busArchive.retentionDays; default 30)
 *   rawDeliveryRetentionDays  raw platform delivery archive retention in days (default 30)
 */
import { App, Duration, Tags, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { DEFAULT_ORG_CONFIG_PATH, loadOrgConfig, type OrgConfig } from './org-config';
import { rawDeliveryBucketName, StatefulStack } from './stateful-stack';
import { StatelessStack } from './stateless-stack';

export interface BuildAppOptions {
  /** Run cdk-nag AwsSolutions at synth (on by default; unit tests that only read templates turn it off). */
  readonly nag?: boolean;
  /** Org settings; default: loaded from context `orgConfig` or config/org.yaml. */
  readonly org?: OrgConfig;
  /** Response matrix YAML; default config/response-matrix.yaml. */
  readonly matrixFile?: string;
}

export interface BuiltApp {
  readonly app: App;
  readonly org: OrgConfig;
  readonly stateful: StatefulStack;
  readonly stateless: StatelessStack;
}

export function buildApp(app: App = new App(), options: BuildAppOptions = {}): BuiltApp {
  const org = options.org ?? loadOrgConfig(app.node.tryGetContext('orgConfig') ?? DEFAULT_ORG_CONFIG_PATH);
  const account: string | undefined = app.node.tryGetContext('account') ?? process.env.CDK_DEFAULT_ACCOUNT;
  const env = { region: org.aws.region, ...(account ? { account } : {}) };
  const archiveDays = app.node.tryGetContext('archiveRetentionDays');
  const prefix = `${org.aws.stage}-nhs-social`;

  const stateful = new StatefulStack(app, `${prefix}-stateful`, {
    env,
    org,
    ...(archiveDays !== undefined ? { archiveRetention: Duration.days(Number(archiveDays)) } : {}),
    rawDeliveryRetention: Duration.days(Number(app.node.tryGetContext('rawDeliveryRetentionDays') ?? 30)),
    description: `NHS social engagement (${org.trustName}, ${org.aws.stage}): bus, archive, interaction log, SES identity, secrets. Retained on delete.`,
  });
  const stateless = new StatelessStack(app, `${prefix}-stateless`, {
    env,
    org,
    description: `NHS social engagement (${org.trustName}, ${org.aws.stage}): functions, API, rules, schedules, alarms.`,
    bus: stateful.bus,
    table: stateful.table,
    tableKey: stateful.tableKey,
    tableIndexNames: stateful.tableIndexNames,
    secrets: stateful.secrets,
    rawDeliveryBucketName: rawDeliveryBucketName(stateful, org.aws.stage),
    rawDeliveryKey: stateful.rawDeliveryKey,
    busKey: stateful.busKey,
    emailIdentity: stateful.digestIdentity,
    pagingTopic: stateful.pagingTopic,
    pagingTopicKey: stateful.pagingTopicKey,
    opsAuth: stateful.opsAuth,
    ...(stateful.opsUserPool && stateful.opsHostedUiDomain ? { console: { userPool: stateful.opsUserPool, userPoolDomain: stateful.opsHostedUiDomain } } : {}),
    matrixFile: options.matrixFile,
  });
  stateless.addStackDependency(stateful, 'uses the bus, table, key, secret and SES identity');

  for (const stack of [stateful, stateless]) {
    Tags.of(stack).add('project', 'nhs-social');
    Tags.of(stack).add('stage', org.aws.stage);
  }
  if (options.nag ?? true) Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { app, org, stateful, stateless };
}

if (require.main === module) {
  buildApp().app.synth();
}
