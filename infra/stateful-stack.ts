import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AccountRecovery, CfnUserPoolGroup, FeaturePlan, Mfa, StandardThreatProtectionMode, UserPool, type UserPoolClient, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Archive, EventBus, Match } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { Construct } from 'constructs';
import { busArchiveDays, type OrgConfig } from './org-config';
import { TABLE_DESIGN } from './table-design';
import type { SecretName } from './wiring';
import { OPS_GROUPS } from '../functions/core/ops/caller';

/** Who the ops API trusts: the JWT issuer and the audiences (`aud` or `client_id`) it accepts. */
export interface OpsAuth {
  readonly issuer: string;
  readonly audience: string[];
}

export interface StatefulStackProps extends StackProps {
  readonly org: OrgConfig;
  /** How long the bus archive keeps every event for replay; default config/org.yaml `busArchive.retentionDays` (30). */
  readonly archiveRetention?: Duration;
  /** How long raw platform deliveries are kept for replay (LinkedIn's are always cut to 2 days). */
  readonly rawDeliveryRetention?: Duration;
}

/**
 * The raw-delivery bucket's name, the same from either stack of one environment (account and region
 * may be tokens). A fixed name lets the stateless stack grant PutObject on `<name>/*` without a
 * cross-stack reference, and S3 names are global, hence account and region in it (≤ 63 characters).
 */
export function rawDeliveryBucketName(stack: Stack, stage: string): string {
  return `${stage}-nhs-social-raw-${stack.account}-${stack.region}`;
}

/**
 * The platform secrets besides Meta's (created below in the same way): the key generated at deploy
 * (so signatures fail closed until ops put the platform's value in), the template, and why there is
 * no automatic rotation (cdk-nag AwsSolutions-SMG4).
 */
const PLATFORM_SECRETS: Record<Exclude<SecretName, 'meta'>, { generated: string; template: Record<string, unknown>; describe: string; noRotation: string }> = {
  x: {
    generated: 'consumerSecret',
    template: {},
    describe: 'X app: {"consumerSecret"} (webhook signature and CRC). Replace after the first deploy.',
    noRotation: 'The X consumer secret is issued by X and regenerated only in the X developer portal, which then needs the webhook re-validated; there is no API a rotation Lambda could call. Ops rotate it by hand (runbook).',
  },
  linkedin: {
    generated: 'clientSecret',
    template: {},
    describe: 'LinkedIn app: {"clientSecret"} (challengeCode validation and X-LI-Signature). Replace after the first deploy.',
    noRotation: 'The LinkedIn client secret is issued by LinkedIn and rotated only in the LinkedIn developer portal; there is no API a rotation Lambda could call. Ops rotate it by hand (runbook).',
  },
  tiktok: {
    generated: 'clientSecret',
    template: {},
    describe: 'TikTok app: {"clientSecret"} (TikTok-Signature). Replace after the first deploy.',
    noRotation: 'The TikTok client secret is issued by TikTok and reset only in the TikTok developer portal; there is no API a rotation Lambda could call. Ops rotate it by hand (runbook).',
  },
  youtube: {
    generated: 'hubSecret',
    template: {},
    describe: 'YouTube WebSub: {"hubSecret"} is the hub.secret to give when subscribing (the generated value can be used as is); optional "verifyToken".',
    noRotation: 'The WebSub hub secret only changes by re-subscribing every channel at the hub with the new value; rotating it here alone would break signature checks. Ops rotate it with the re-subscription (runbook).',
  },
  careopinion: {
    generated: 'subscriptionKey',
    template: { enabled: false },
    describe: 'Care Opinion API v2: {"subscriptionKey", "enabled"}. The connector stays off until ops put the key in and set "enabled": true.',
    noRotation: 'The Care Opinion subscription key is issued by Care Opinion with the subscription and replaced only through them; there is no API a rotation Lambda could call. Ops replace it by hand (runbook).',
  },
};

/**
 * What must survive a redeploy: the bus and its archive, the interaction log, the SES identity and the
 * platform secrets. Data is retained on delete and the stack is termination-protected.
 * The stateless stack receives these through props (same app).
 */
export class StatefulStack extends Stack {
  readonly bus: EventBus;
  /** Encrypts the bus's events, rules and targets, and its archive; publishers get GenerateDataKey via EventBridge only. */
  readonly busKey: Key;
  readonly busArchive: Archive;
  readonly table: TableV2;
  readonly tableKey: Key;
  readonly tableIndexNames: readonly string[];
  readonly digestIdentity: EmailIdentity;
  readonly metaSecret: Secret;
  /** Every platform secret by logical name (Meta's included). */
  readonly secrets: Readonly<Record<SecretName, Secret>>;
  /** Raw platform deliveries, kept before processing so any delivery can be replayed. */
  readonly rawDeliveries: Bucket;
  readonly rawDeliveryKey: Key;
  readonly rawDeliveryAccessLogs: Bucket;
  /** P0 escalations are published here; ops subscribe on-call (SMS, email, a paging service). Kept on redeploy. */
  readonly pagingTopic: Topic;
  readonly pagingTopicKey: Key;
  /** The ops API's sign-in: this stack's Cognito user pool, or the external issuer of config/org.yaml `opsApi`. */
  readonly opsAuth: OpsAuth;
  readonly opsUserPool?: UserPool;
  readonly opsUserPoolClient?: UserPoolClient;
  /** The pool's hosted login (Cognito domain): the triage console signs in through it (stateless stack's ConsoleHosting). */
  readonly opsHostedUiDomain?: UserPoolDomain;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { org } = props;
    const prefix = `${org.aws.stage}-nhs-social`;

    // Our own key for the bus and its archive (instead of an AWS-owned key): key use is in CloudTrail and
    // disabling the key cuts off every archived copy of the public's messages at once. EventBus and
    // Archive add EventBridge's statements to the key policy, conditioned on this bus's ARN (encryption
    // context) and this account.
    this.busKey = new Key(this, 'BusKey', {
      description: `${prefix}: event bus and archive encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.bus = new EventBus(this, 'Bus', { eventBusName: prefix, description: 'NHS social engagement events', kmsKey: this.busKey });
    this.bus.applyRemovalPolicy(RemovalPolicy.RETAIN);
    // Not bus.archive(): that helper drops kmsKey. Retention is short on purpose (config/org.yaml
    // busArchive): archived events carry message text and author names, and EventBridge cannot delete
    // one archived event, so an erasure request only takes effect here when the window has passed.
    // The archive names the bus by its formatted ARN (not the bus's GetAtt): Archive puts that ARN in the
    // key policy, and a GetAtt there would make key -> bus -> key a circular dependency.
    const busByArn = EventBus.fromEventBusArn(this, 'BusByArn', this.formatArn({ service: 'events', resource: 'event-bus', resourceName: prefix }));
    this.busArchive = new Archive(this, 'Archive', {
      sourceEventBus: busByArn,
      description: 'Every event on the bus, for replay (short retention: see busArchive in config/org.yaml)',
      // Matches every event: an archive needs a pattern, and a prefix of '' is the documented catch-all.
      eventPattern: { source: Match.prefix('') },
      retention: props.archiveRetention ?? Duration.days(busArchiveDays(org)),
      kmsKey: this.busKey,
    });
    this.busArchive.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.busArchive.node.addDependency(this.bus);

    this.tableKey = new Key(this, 'TableKey', {
      description: `${prefix}: interaction log encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.table = new TableV2(this, 'InteractionLog', {
      partitionKey: { name: TABLE_DESIGN.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DESIGN.sortKey, type: AttributeType.STRING },
      billing: Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: TableEncryptionV2.customerManagedKey(this.tableKey),
      timeToLiveAttribute: TABLE_DESIGN.timeToLiveAttribute,
      globalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map((index) => ({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      })),
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.tableIndexNames = TABLE_DESIGN.globalSecondaryIndexes.map((index) => index.indexName);

    this.digestIdentity = new EmailIdentity(this, 'DigestFrom', { identity: Identity.email(org.digest.from) });

    // Its own key (not the AWS-managed SNS key) so the publisher's grant names one key, and retained
    // with the topic so on-call subscriptions survive a redeploy of everything else.
    this.pagingTopicKey = new Key(this, 'PagingTopicKey', {
      description: `${prefix}: on-call paging topic`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.pagingTopic = new Topic(this, 'PagingTopic', {
      displayName: `${prefix} on-call paging (P0 escalations)`,
      masterKey: this.pagingTopicKey,
      enforceSSL: true,
    });
    this.pagingTopic.applyRemovalPolicy(RemovalPolicy.RETAIN);

    // Created with generated values so nothing secret is ever in the template; ops put the Meta app's
    // real values in after the first deploy. The random appSecret keeps signature checks failing closed
    // until then: nobody can sign a webhook with a value they cannot know.
    this.metaSecret = new Secret(this, 'MetaSecret', {
      secretName: org.secrets.meta,
      description: 'Meta app: {"appSecret", "verifyToken"}. Replace both values after the first deploy.',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ verifyToken: 'REPLACE_ME_AFTER_DEPLOY' }),
        generateStringKey: 'appSecret',
        excludePunctuation: true,
        passwordLength: 48,
      },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.metaSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Meta app secret is issued by Meta and can only be reset in the Meta developer console; there is no API a rotation Lambda could call. Ops rotate it by hand (runbook) and update this secret.',
    });

    const secrets: Partial<Record<SecretName, Secret>> = { meta: this.metaSecret };
    for (const [name, spec] of Object.entries(PLATFORM_SECRETS) as Array<[Exclude<SecretName, 'meta'>, (typeof PLATFORM_SECRETS)['x']]>) {
      const secret = new Secret(this, `${name.charAt(0).toUpperCase()}${name.slice(1)}Secret`, {
        secretName: org.secrets[name],
        description: spec.describe,
        generateSecretString: {
          secretStringTemplate: JSON.stringify(spec.template),
          generateStringKey: spec.generated,
          excludePunctuation: true,
          passwordLength: 48,
        },
        removalPolicy: RemovalPolicy.RETAIN,
      });
      Validations.of(secret).acknowledge({ id: 'AwsSolutions-SMG4', reason: spec.noRotation });
      secrets[name] = secret;
    }
    this.secrets = secrets as Record<SecretName, Secret>;

    // Raw deliveries hold what the public wrote (personal data): encrypted with our own key, TLS only,
    // never public, not versioned (a purge must really delete), expired by lifecycle, access logged.
    this.rawDeliveryKey = new Key(this, 'RawDeliveryKey', {
      description: `${prefix}: raw platform delivery archive encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.rawDeliveryAccessLogs = new Bucket(this, 'RawDeliveryAccessLogs', {
      // S3 server access logs can only be delivered to an SSE-S3 bucket.
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ id: 'expire-access-logs', expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.rawDeliveryAccessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'This is the access-log bucket of the raw-delivery archive: logging its own writes into itself (or into yet another bucket) would recurse without adding an audit trail of the personal data, which lives in the archive bucket.',
    });
    const retention = props.rawDeliveryRetention ?? Duration.days(30);
    this.rawDeliveries = new Bucket(this, 'RawDeliveries', {
      bucketName: rawDeliveryBucketName(this, org.aws.stage),
      encryption: BucketEncryption.KMS,
      encryptionKey: this.rawDeliveryKey,
      bucketKeyEnabled: true,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      serverAccessLogsBucket: this.rawDeliveryAccessLogs,
      serverAccessLogsPrefix: 'raw-deliveries/',
      lifecycleRules: [
        { id: 'expire-raw-deliveries', expiration: retention, abortIncompleteMultipartUploadAfter: Duration.days(1) },
        // LinkedIn's terms: members' social activity may be stored for 48 hours at most.
        { id: 'expire-linkedin-48h', prefix: 'linkedin/', expiration: Duration.days(2) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    if (org.opsApi?.jwtIssuer && org.opsApi.jwtAudience) {
      this.opsAuth = { issuer: org.opsApi.jwtIssuer, audience: org.opsApi.jwtAudience };
    } else {
      // The comms team's accounts: kept on redeploy; invited by an administrator only; MFA (TOTP) required.
      this.opsUserPool = new UserPool(this, 'OpsUsers', {
        userPoolName: `${prefix}-ops`,
        selfSignUpEnabled: false,
        signInAliases: { email: true },
        mfa: Mfa.REQUIRED,
        mfaSecondFactor: { otp: true, sms: false },
        passwordPolicy: {
          minLength: 12,
          requireLowercase: true,
          requireUppercase: true,
          requireDigits: true,
          requireSymbols: true,
          tempPasswordValidity: Duration.days(3),
        },
        accountRecovery: AccountRecovery.EMAIL_ONLY,
        // Plus: compromised-credential checks and adaptive authentication for accounts that can read the public's messages.
        featurePlan: FeaturePlan.PLUS,
        standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      this.opsUserPoolClient = this.opsUserPool.addClient('OpsApiClient', {
        authFlows: { userSrp: true },
        generateSecret: false,
        preventUserExistenceErrors: true,
        accessTokenValidity: Duration.hours(1),
        idTokenValidity: Duration.hours(1),
        refreshTokenValidity: Duration.hours(12),
      });
      for (const [id, groupName, description] of [
        ['CommsLeadsGroup', OPS_GROUPS.exportText, 'May export message text (GET /export?includeText=true)'],
        ['InformationGovernanceGroup', OPS_GROUPS.subjectAccess, 'Subject access and erasure (GET and DELETE /authors/{platform}/{id})'],
      ] as const) {
        new CfnUserPoolGroup(this, id, { userPoolId: this.opsUserPool.userPoolId, groupName, description });
      }
      this.opsAuth = { issuer: this.opsUserPool.userPoolProviderUrl, audience: [this.opsUserPoolClient.userPoolClientId] };
      // Hosted login for the triage console. The prefix is global per region, hence the account in it.
      this.opsHostedUiDomain = this.opsUserPool.addDomain('OpsHostedUi', { cognitoDomain: { domainPrefix: `${prefix}-ops-${this.account}` } });
      new CfnOutput(this, 'OpsSignInDomain', { value: this.opsHostedUiDomain.baseUrl() });
      new CfnOutput(this, 'OpsUserPoolId', { value: this.opsUserPool.userPoolId });
      new CfnOutput(this, 'OpsUserPoolClientId', { value: this.opsUserPoolClient.userPoolClientId });
    }

    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'PagingTopicArn', { value: this.pagingTopic.topicArn });
    new CfnOutput(this, 'MetaSecretName', { value: org.secrets.meta });
    new CfnOutput(this, 'RawDeliveryBucketName', { value: this.rawDeliveries.bucketName });
  }
}
