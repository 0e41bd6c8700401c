import { Match, type Template } from 'aws-cdk-lib/assertions';
import { TABLE_DESIGN } from '../../infra/table-design';
import { SECRET_NAMES } from '../../infra/wiring';
import type { OrgConfig } from '../../infra/org-config';
import type { StatefulStack } from '../../infra/stateful-stack';
import { logicalId, synthTemplates } from './synth-app';

let template: Template;
let stateless: Template;
let stack: StatefulStack;
let org: OrgConfig;

beforeAll(() => {
  const built = synthTemplates();
  template = built.statefulTemplate;
  stateless = built.statelessTemplate;
  stack = built.stateful;
  org = built.org;
});

describe('stateful stack', () => {
  it('is termination-protected, named after the stage, in the configured region', () => {
    expect(stack.terminationProtection).toBe(true);
    expect(stack.stackName).toBe(`${org.aws.stage}-nhs-social-stateful`);
    expect(stack.region).toBe(org.aws.region);
  });

  describe('interaction log table', () => {
    it('has the keys, GSIs and TTL of TABLE_DESIGN, on demand', () => {
      const gsi = TABLE_DESIGN.globalSecondaryIndexes[0]!;
      template.resourceCountIs('AWS::DynamoDB::GlobalTable', 1);
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [
          { AttributeName: TABLE_DESIGN.partitionKey, KeyType: 'HASH' },
          { AttributeName: TABLE_DESIGN.sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: TABLE_DESIGN.globalSecondaryIndexes.map((index) => ({
          IndexName: index.indexName,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
        AttributeDefinitions: Match.arrayWith([{ AttributeName: gsi.partitionKey, AttributeType: 'S' }]),
        TimeToLiveSpecification: { AttributeName: TABLE_DESIGN.timeToLiveAttribute, Enabled: true },
      });
    });

    it('has point-in-time recovery, deletion protection and a customer-managed KMS key', () => {
      const keyId = logicalId(stack, stack.tableKey);
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
        Replicas: [
          Match.objectLike({
            Region: org.aws.region,
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
            SSESpecification: { KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } },
          }),
        ],
      });
      template.hasResource('AWS::KMS::Key', {
        Properties: Match.objectLike({ EnableKeyRotation: true }),
        DeletionPolicy: 'Retain',
      });
    });

    it('is retained on delete and on replacement', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    });
  });

  describe('event bus', () => {
    it('is a custom bus named after the stage, retained', () => {
      template.hasResource('AWS::Events::EventBus', {
        Properties: Match.objectLike({ Name: `${org.aws.stage}-nhs-social` }),
        DeletionPolicy: 'Retain',
      });
    });

    it('archives every event on the bus for busArchive.retentionDays (30 by default, not 365), with the bus key', () => {
      expect(org.busArchive?.retentionDays ?? 30).toBeLessThanOrEqual(30);
      template.hasResource('AWS::Events::Archive', {
        Properties: Match.objectLike({
          SourceArn: Match.anyValue(),
          EventPattern: { source: [{ prefix: '' }] },
          RetentionDays: org.busArchive?.retentionDays ?? 30,
          KmsKeyIdentifier: { 'Fn::GetAtt': [logicalId(stack, stack.busKey), 'Arn'] },
        }),
        DeletionPolicy: 'Retain',
        DependsOn: Match.arrayWith([logicalId(stack, stack.bus)]),
      });
    });

    it('encrypts the bus with its own rotating key, which EventBridge may use for this bus only', () => {
      template.hasResourceProperties('AWS::Events::EventBus', {
        KmsKeyIdentifier: { 'Fn::GetAtt': [logicalId(stack, stack.busKey), 'Arn'] },
      });
      const key = template.findResources('AWS::KMS::Key')[logicalId(stack, stack.busKey)]!;
      expect(key.Properties.EnableKeyRotation).toBe(true);
      expect(key.DeletionPolicy).toBe('Retain');
      const statements = key.Properties.KeyPolicy.Statement as Array<{ Principal?: { Service?: string }; Condition?: Record<string, Record<string, unknown>> }>;
      const events = statements.filter((statement) => statement.Principal?.Service === 'events.amazonaws.com');
      expect(events.length).toBeGreaterThan(0);
      // Every EventBridge statement but DescribeKey is bound to this bus by its encryption context.
      for (const statement of events.filter((s) => JSON.stringify(s).includes('kms:Decrypt'))) {
        expect(Object.keys(statement.Condition?.StringEquals ?? {})).toContain('kms:EncryptionContext:aws:events:event-bus:arn');
      }
    });
  });

  it('creates the SES identity the digest is sent from', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', { EmailIdentity: org.digest.from });
  });

  describe('platform secrets', () => {
    it.each(SECRET_NAMES.map((name) => [name] as const))('%s: named from the org config, generated, retained, never a literal', (name) => {
      template.hasResource('AWS::SecretsManager::Secret', {
        Properties: Match.objectLike({ Name: org.secrets[name], GenerateSecretString: Match.objectLike({ GenerateStringKey: Match.anyValue() }), SecretString: Match.absent() }),
        DeletionPolicy: 'Retain',
      });
    });

    it('creates the Care Opinion secret switched off, so the connector waits for ops', () => {
      template.hasResourceProperties('AWS::SecretsManager::Secret', {
        Name: org.secrets.careopinion,
        GenerateSecretString: Match.objectLike({ SecretStringTemplate: Match.serializedJson({ enabled: false }), GenerateStringKey: 'subscriptionKey' }),
      });
    });
  });

  describe('raw-delivery archive', () => {
    const bucketId = () => logicalId(stack, stack.rawDeliveries);

    it('is encrypted with its own rotating key, blocks public access, is not versioned and is retained', () => {
      template.hasResource('AWS::S3::Bucket', {
        Properties: Match.objectLike({
          BucketEncryption: {
            ServerSideEncryptionConfiguration: [
              { ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: { 'Fn::GetAtt': [logicalId(stack, stack.rawDeliveryKey), 'Arn'] } }, BucketKeyEnabled: true },
            ],
          },
          PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
          VersioningConfiguration: Match.absent(),
          LoggingConfiguration: { DestinationBucketName: { Ref: logicalId(stack, stack.rawDeliveryAccessLogs) }, LogFilePrefix: 'raw-deliveries/' },
        }),
        DeletionPolicy: 'Retain',
      });
    });

    it('refuses plain HTTP', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: bucketId() },
        PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
      });
    });

    it('expires deliveries after 30 days, LinkedIn ones after 2 (its 48-hour storage rule)', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[bucketId()]!;
      expect(bucket.Properties.LifecycleConfiguration.Rules).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ ExpirationInDays: 30, Status: 'Enabled', AbortIncompleteMultipartUpload: { DaysAfterInitiation: 1 } }),
          expect.objectContaining({ ExpirationInDays: 2, Prefix: 'linkedin/', Status: 'Enabled' }),
        ]),
      );
    });

    it('is named per stage, account and region, as the stateless stack expects', () => {
      const bucket = template.findResources('AWS::S3::Bucket')[bucketId()]!;
      expect(JSON.stringify(bucket.Properties.BucketName)).toContain(`${org.aws.stage}-nhs-social-raw-`);
    });
  });

  describe('Meta secret', () => {
    it('is named from the org config and generated, never a literal in the template', () => {
      template.hasResource('AWS::SecretsManager::Secret', {
        Properties: Match.objectLike({
          Name: org.secrets.meta,
          GenerateSecretString: Match.objectLike({
            GenerateStringKey: 'appSecret',
            SecretStringTemplate: Match.serializedJson({ verifyToken: Match.stringLikeRegexp('^REPLACE_ME') }),
          }),
          SecretString: Match.absent(),
        }),
        DeletionPolicy: 'Retain',
      });
    });

    it('never appears as a plain value in either template', () => {
      for (const t of [template, stateless]) {
        expect(t.findResources('AWS::SecretsManager::Secret', { Properties: { SecretString: Match.anyValue() } })).toEqual({});
        const json = JSON.stringify(t.toJSON());
        expect(json).not.toMatch(/"appSecret"\s*:/);
      }
    });
  });
});

describe('paging topic (P0 escalations)', () => {
  it('is encrypted with its own rotating key, refuses plain HTTP and is kept on delete', () => {
    const keyId = logicalId(stack, stack.pagingTopicKey);
    const topicId = logicalId(stack, stack.pagingTopic);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    template.hasResource('AWS::SNS::Topic', { DeletionPolicy: 'Retain' });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true, Description: Match.stringLikeRegexp('paging') });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: topicId }],
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]) },
    });
  });
});
