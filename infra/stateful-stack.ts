import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import { AttributeType, Billing, TableEncryptionV2, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { EventBus, Match } from 'aws-cdk-lib/aws-events';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailIdentity, Identity } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import type { OrgConfig } from './org-config';
import { TABLE_DESIGN } from './table-design';

export interface StatefulStackProps extends StackProps {
  readonly org: OrgConfig;
  /** How long the bus archive keeps every event for replay. */
  readonly archiveRetention?: Duration;
}

/**
 * What must survive a redeploy: the bus and its archive, the interaction log, the SES identity and the
 * platform secrets. Data is retained on delete and the stack is termination-protected.
 * The stateless stack receives these through props (same app).
 */
export class StatefulStack extends Stack {
  readonly bus: EventBus;
  readonly table: TableV2;
  readonly tableKey: Key;
  readonly tableIndexNames: readonly string[];
  readonly digestIdentity: EmailIdentity;
  readonly metaSecret: Secret;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, { terminationProtection: true, ...props });
    const { org } = props;
    const prefix = `${org.aws.stage}-nhs-social`;

    this.bus = new EventBus(this, 'Bus', { eventBusName: prefix, description: 'NHS social engagement events' });
    this.bus.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const archive = this.bus.archive('Archive', {
      description: 'Every event on the bus, for replay',
      // Matches every event: an archive needs a pattern, and a prefix of '' is the documented catch-all.
      eventPattern: { source: Match.prefix('') },
      retention: props.archiveRetention ?? Duration.days(365),
    });
    archive.applyRemovalPolicy(RemovalPolicy.RETAIN);

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

    new CfnOutput(this, 'EventBusName', { value: this.bus.eventBusName });
    new CfnOutput(this, 'TableName', { value: this.table.tableName });
    new CfnOutput(this, 'MetaSecretName', { value: org.secrets.meta });
  }
}
