import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app';
import { escalationRecipients, loadOrgConfig, type OrgConfig } from '../../infra/org-config';
import type { StatefulStack } from '../../infra/stateful-stack';
import type { StatelessStack } from '../../infra/stateless-stack';
import { DIGEST_PREVIEW_ROUTES, ENV, eventRules, FUNCTIONS, OPS_API_ROUTES, SECRET_ENV, type FunctionSpec } from '../../infra/wiring';
import { cdkJsonContext, logicalId, synthTemplates, testApp, type Templates } from './synth-app';

let built: Templates;
let template: Template;
let stack: StatelessStack;
let stateful: StatefulStack;
let org: OrgConfig;

beforeAll(() => {
  built = synthTemplates();
  template = built.statelessTemplate;
  stack = built.stateless;
  stateful = built.stateful;
  org = built.org;
});

const fnId = (name: string) => logicalId(stack, stack.functions.get(name)!.fn);
const dlqId = (name: string) => logicalId(stack, stack.deadLetterQueues.get(name)!.queue);
const asyncSpecs = FUNCTIONS.filter((spec) => spec.trigger.kind !== 'http');
const byName = FUNCTIONS.map((spec) => [spec.name, spec] as const);

/** Every IAM policy statement in the template, flattened. */
function statements(): Array<Record<string, unknown>> {
  return Object.values(template.findResources('AWS::IAM::Policy')).flatMap(
    (policy) => policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>,
  );
}
function actionsOf(statement: Record<string, unknown>): string[] {
  return ([] as string[]).concat(statement.Action as string | string[]);
}

describe('stateless stack', () => {
  it('is named after the stage and depends on the stateful stack', () => {
    expect(stack.stackName).toBe(`${org.aws.stage}-nhs-social-stateless`);
    expect(stack.dependencies).toContain(stateful);
  });

  describe('functions', () => {
    it('builds one function per manifest entry', () => {
      // Besides CDK's BucketDeployment function (the triage console's files; test/infra/console-hosting.test.ts).
      const ours = Object.keys(template.findResources('AWS::Lambda::Function')).filter((id) => !id.startsWith('CustomCDKBucketDeployment'));
      expect(ours).toHaveLength(FUNCTIONS.length);
    });

    it.each(byName)('%s runs Node.js 24 on arm64 with the manifest memory and timeout, logging to its own group', (name, spec) => {
      template.hasResourceProperties('AWS::Lambda::Function', {
        FunctionName: `${org.aws.stage}-nhs-social-${name}`,
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: spec.memoryMb,
        Timeout: spec.timeoutSeconds,
        LoggingConfig: Match.objectLike({
          LogFormat: 'JSON',
          LogGroup: { Ref: logicalId(stack, stack.functions.get(name)!.logGroup) },
        }),
      });
    });

    it('gives every log group a retention and keeps it on delete', () => {
      const groups = Object.values(template.findResources('AWS::Logs::LogGroup'));
      expect(groups.length).toBeGreaterThanOrEqual(FUNCTIONS.length);
      for (const group of groups) {
        expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
        expect(group.DeletionPolicy).toBe('Retain');
      }
    });

    it('uses no AWS managed policy (each role writes only to its own log group)', () => {
      for (const [id, role] of Object.entries(template.findResources('AWS::IAM::Role'))) {
        // CDK's BucketDeployment function (deploy time only) is CDK's own: acknowledged IAM4 in ConsoleHosting.
        if (id.startsWith('CustomCDKBucketDeployment')) continue;
        expect(role.Properties.ManagedPolicyArns).toBeUndefined();
      }
    });

    it.each(byName)('%s gets exactly the environment its needs imply', (name, spec) => {
      const variables = template.findResources('AWS::Lambda::Function')[fnId(name)]!.Properties.Environment.Variables;
      const expected = expectedEnvNames(spec);
      expect(Object.keys(variables).sort()).toEqual(expected.sort());
      if (spec.needs.email) {
        expect(variables[ENV.digestFrom]).toBe(org.digest.from);
        expect(variables[ENV.digestRecipients]).toBe(org.digest.recipients.join(','));
      }
      if (spec.needs.matrix) expect(variables[ENV.matrixPath]).toBe('response-matrix.yaml');
      if (spec.needs.notify) {
        expect(variables[ENV.notifyFrom]).toBe(org.digest.from);
        expect(JSON.parse(variables[ENV.ownerRecipients])).toEqual(escalationRecipients(org));
        expect(JSON.stringify(variables[ENV.pagingTopicArn])).toContain('PagingTopic');
      }
      expect(variables[ENV.trustName]).toBe(org.trustName);
      expect(variables[ENV.timeZone]).toBe(org.timeZone);
    });
  });

  describe('least privilege', () => {
    it('has no IAM statement on Resource "*"', () => {
      for (const statement of statements()) expect(statement.Resource).not.toEqual('*');
    });

    it('lets only the email function send through SES, and only from the digest identity', () => {
      const ses = statements().filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses).toHaveLength(FUNCTIONS.filter((spec) => spec.needs.email || spec.needs.notify || spec.needs.ownerEmail).length);
      for (const statement of ses) {
        expect(actionsOf(statement).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
        const resource = JSON.stringify(statement.Resource);
        expect(resource).toContain(':identity/');
        expect(resource).not.toContain('*');
      }
    });

    it('lets only notify-owner publish to the paging topic, with the topic key and nothing wider', () => {
      const sns = statements().filter((s) => actionsOf(s).some((a) => a.startsWith('sns:')));
      expect(sns).toHaveLength(FUNCTIONS.filter((spec) => spec.needs.notify).length);
      for (const statement of sns) {
        expect(actionsOf(statement)).toEqual(['sns:Publish']);
        expect(JSON.stringify(statement.Resource)).toContain('PagingTopic');
      }
    });

    it('allows PutEvents only on the bus and only for the sources each function publishes', () => {
      const publishers = FUNCTIONS.filter((spec) => spec.needs.publishes?.length);
      const putEvents = statements().filter((s) => actionsOf(s).includes('events:PutEvents'));
      expect(putEvents).toHaveLength(publishers.length);
      const sources = putEvents.map((s) => (s.Condition as { StringEquals: Record<string, string[]> }).StringEquals['events:source']);
      expect(sources.sort()).toEqual(
        publishers.map((spec) => [...new Set(spec.needs.publishes!.map((c) => c.source))].sort()).sort(),
      );
      for (const statement of putEvents) expect(JSON.stringify(statement.Resource)).toContain('Bus');
    });

    it('grants table access on the table and its named indexes, never index/*', () => {
      const dynamo = statements().filter((s) => actionsOf(s).some((a) => a.startsWith('dynamodb:')));
      expect(dynamo.length).toBeGreaterThan(0);
      for (const statement of dynamo) expect(JSON.stringify(statement.Resource)).not.toContain('*');
      const writers = dynamo.filter((s) => actionsOf(s).includes('dynamodb:PutItem'));
      expect(writers).toHaveLength(FUNCTIONS.filter((spec) => spec.needs.table === 'readWrite').length);
    });
  });

  describe('dead-letter queues', () => {
    it('creates one per async function, none for HTTP', () => {
      template.resourceCountIs('AWS::SQS::Queue', asyncSpecs.length);
      expect([...stack.deadLetterQueues.keys()].sort()).toEqual(asyncSpecs.map((spec) => spec.name).sort());
    });

    it('encrypts with the stack\'s dead-letter key, keeps 14 days and refuses plain HTTP', () => {
      template.allResourcesProperties('AWS::SQS::Queue', {
        KmsMasterKeyId: { 'Fn::GetAtt': [logicalId(stack, stack.deadLetterKey), 'Arn'] },
        MessageRetentionPeriod: 14 * 24 * 3600,
      });
      for (const spec of asyncSpecs) {
        template.hasResourceProperties('AWS::SQS::QueuePolicy', {
          Queues: [{ Ref: dlqId(spec.name) }],
          PolicyDocument: {
            Statement: Match.arrayWith([
              Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
            ]),
          },
        });
      }
    });

    it.each(asyncSpecs.map((spec) => [spec.name, spec] as const))(
      '%s dead-letters its own async retries there, after the manifest retry count',
      (name, spec) => {
        template.hasResourceProperties('AWS::Lambda::Function', {
          FunctionName: `${org.aws.stage}-nhs-social-${name}`,
          DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlqId(name), 'Arn'] } },
        });
        template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
          FunctionName: { Ref: fnId(name) },
          MaximumRetryAttempts: spec.retryAttempts,
          MaximumEventAgeInSeconds: 7200,
        });
      },
    );
  });

  describe('event rules', () => {
    const rules = eventRules(FUNCTIONS);

    it('creates one rule per (function, event), all on the custom bus', () => {
      template.resourceCountIs('AWS::Events::Rule', rules.length);
      const busRef = `PublishOutputRef${logicalId(stateful, stateful.bus)}`;
      for (const rule of Object.values(template.findResources('AWS::Events::Rule'))) {
        const reference = rule.Properties.EventBusName['Fn::GetStackOutput'];
        expect(reference).toMatchObject({ StackName: stateful.stackName, OutputName: expect.stringMatching(`^${busRef}`) });
      }
    });

    it.each(rules.map((rule) => [rule.id, rule] as const))(
      '%s: pattern is the contract pattern, target the function with retries and its DLQ',
      (id, rule) => {
        const resources = template.findResources('AWS::Events::Rule');
        const mine = Object.entries(resources).filter(([logical]) => logical.startsWith(id));
        expect(mine).toHaveLength(1);
        const [, resource] = mine[0]!;
        expect(resource.Properties.EventPattern).toEqual(rule.event.pattern);
        expect(resource.Properties.EventPattern).toEqual({
          source: [rule.event.source],
          'detail-type': [rule.event.detailType],
          detail: { metadata: { schemaVersion: [rule.event.schemaVersion] } },
        });
        expect(resource.Properties.Targets).toEqual([
          {
            Id: 'Target0',
            Arn: { 'Fn::GetAtt': [fnId(rule.functionName), 'Arn'] },
            RetryPolicy: { MaximumRetryAttempts: rule.retryAttempts, MaximumEventAgeInSeconds: 7200 },
            DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId(rule.functionName), 'Arn'] } },
          },
        ]);
      },
    );
  });

  describe('HTTP API', () => {
    const httpSpecs = FUNCTIONS.filter((spec) => spec.trigger.kind === 'http');

    it('has exactly the manifest routes, each proxied to its function with payload format 2.0', () => {
      const expected = httpSpecs.flatMap((spec) =>
        spec.trigger.kind === 'http' ? spec.trigger.routes.map((route) => `${route.method} ${route.path}`) : [],
      );
      const routes = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
      expect(routes.sort()).toEqual(expected.sort());
      template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
      for (const spec of httpSpecs) {
        template.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
          IntegrationType: 'AWS_PROXY',
          PayloadFormatVersion: '2.0',
          IntegrationUri: { 'Fn::GetAtt': [fnId(spec.name), 'Arn'] },
        });
      }
    });

    it('logs access to a log group and throttles the default stage', () => {
      template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
        StageName: '$default',
        AutoDeploy: true,
        AccessLogSettings: {
          DestinationArn: { 'Fn::GetAtt': [logicalId(stack, stack.httpApi!.accessLogs), 'Arn'] },
          Format: Match.stringLikeRegexp('\\$context\\.requestId'),
        },
        DefaultRouteSettings: { ThrottlingRateLimit: Match.anyValue(), ThrottlingBurstLimit: Match.anyValue() },
      });
    });

    it('never logs the query string (the Meta handshake carries its verify token there)', () => {
      const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0]!;
      expect(stage.Properties.AccessLogSettings.Format).not.toMatch(/querystring|requestOverride/i);
    });
  });

  describe('weekly digest schedule', () => {
    const spec = FUNCTIONS.find((candidate) => candidate.name === 'send-weekly-digest')!;

    it('runs Mondays 08:00 Europe/London with the manifest input, retries and DLQ', () => {
      if (spec.trigger.kind !== 'schedule') throw new Error('unreachable');
      template.resourceCountIs('AWS::Scheduler::Schedule', FUNCTIONS.filter((candidate) => candidate.trigger.kind === 'schedule').length);
      template.hasResourceProperties('AWS::Scheduler::Schedule', {
        ScheduleExpression: 'cron(0 8 ? * MON *)',
        ScheduleExpressionTimezone: 'Europe/London',
        FlexibleTimeWindow: { Mode: 'OFF' },
        Target: {
          Arn: { 'Fn::GetAtt': [fnId(spec.name), 'Arn'] },
          Input: JSON.stringify(spec.trigger.input),
          RetryPolicy: { MaximumRetryAttempts: spec.retryAttempts, MaximumEventAgeInSeconds: 7200 },
          DeadLetterConfig: { Arn: { 'Fn::GetAtt': [dlqId(spec.name), 'Arn'] } },
          RoleArn: Match.anyValue(),
        },
      });
    });

    it('can be assumed only by this account’s scheduler', () => {
      template.hasResourceProperties('AWS::IAM::Role', {
        AssumeRolePolicyDocument: {
          Statement: [
            Match.objectLike({
              Principal: { Service: 'scheduler.amazonaws.com' },
              Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
            }),
          ],
        },
      });
    });
  });

  describe('alarms', () => {
    it.each(asyncSpecs.map((spec) => [spec.name] as const))('%s: any dead-lettered message alarms', (name) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/SQS',
        MetricName: 'ApproximateNumberOfMessagesVisible',
        Dimensions: [{ Name: 'QueueName', Value: { 'Fn::GetAtt': [dlqId(name), 'QueueName'] } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [{ Ref: logicalId(stack, stack.alarms.topic) }],
      });
    });

    it.each(byName)('%s: any function error alarms', (name) => {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'AWS/Lambda',
        MetricName: 'Errors',
        Dimensions: [{ Name: 'FunctionName', Value: { Ref: fnId(name) } }],
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
      });
    });

    const reporters = FUNCTIONS.flatMap((spec) =>
      (spec.needs.publishes ?? [])
        .filter((contract) => contract.detailType === 'DeliveryQuarantined' || contract.detailType === 'ConnectorHealthChanged')
        .map((contract) => [spec.name, contract.detailType] as const),
    );

    it.each(reporters)('%s: every %s it logs alarms, counted by a metric filter on its log group', (name, detailType) => {
      const filters = template.findResources('AWS::Logs::MetricFilter', {
        Properties: {
          LogGroupName: { Ref: logicalId(stack, stack.functions.get(name)!.logGroup) },
          FilterPattern: `{ $.reportedEvent = "${detailType}" }`,
        },
      });
      expect(Object.keys(filters)).toHaveLength(1);
      const metric = Object.values(filters)[0]!.Properties.MetricTransformations[0];
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: metric.MetricNamespace,
        MetricName: metric.MetricName,
        ComparisonOperator: 'GreaterThanThreshold',
        Threshold: 0,
        AlarmActions: [{ Ref: logicalId(stack, stack.alarms.topic) }],
      });
    });

    it('sends them to an encrypted ops topic that requires TLS', () => {
      template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
      template.hasResourceProperties('AWS::SNS::TopicPolicy', {
        PolicyDocument: {
          Statement: Match.arrayWith([Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } })]),
        },
      });
    });
  });
});

describe('platform intake resources', () => {
  it('lets ingest-webhook only put objects into the raw-delivery bucket, encrypting with its key', () => {
    const policies = Object.entries(template.findResources('AWS::IAM::Policy'))
      .filter(([id]) => !id.startsWith('CustomCDKBucketDeployment')) // the console's deploy-time copy (console-hosting.test.ts)
      .flatMap(([, policy]) => policy.Properties.PolicyDocument.Statement as Array<Record<string, unknown>>);
    const s3 = policies.filter((statement) => ([] as string[]).concat(statement.Action as string[]).some((action) => action.startsWith('s3:')));
    expect(s3).toHaveLength(FUNCTIONS.filter((spec) => spec.needs.rawArchive).length);
    for (const statement of s3) {
      expect(statement.Action).toBe('s3:PutObject');
      expect(JSON.stringify(statement.Resource)).toMatch(/nhs-social-raw-.*\/\*/);
    }
    const variables = template.findResources('AWS::Lambda::Function')[logicalId(stack, stack.functions.get('ingest-webhook')!.fn)]!.Properties.Environment.Variables;
    expect(JSON.stringify(variables[ENV.rawDeliveryBucket])).toContain(`${org.aws.stage}-nhs-social-raw-`);
  });

  it('runs the Care Opinion connector every 15 minutes, with retries and its dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(0/15 * ? * * *)',
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [logicalId(stack, stack.functions.get('pull-care-opinion')!.fn), 'Arn'] },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalId(stack, stack.deadLetterQueues.get('pull-care-opinion')!.queue), 'Arn'] } },
      }),
    });
  });
});

describe('response matrix at synth', () => {
  it('fails synth with the line of a bad matrix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'bad-matrix-'));
    const bad = join(dir, 'response-matrix.yaml');
    const good = readFileSync(join(__dirname, '..', '..', 'config', 'response-matrix.yaml'), 'utf8');
    // Break the first priority: the error must say where.
    writeFileSync(bad, good.replace(/priority: P\d/, 'priority: P9'));
    const line = good.split('\n').findIndex((text) => /priority: P\d/.test(text)) + 1;
    try {
      expect(() => testApp({ matrixFile: bad })).toThrow(new RegExp(`line ${line}\\b.*priority`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

function expectedEnvNames(spec: FunctionSpec): string[] {
  const names = ['POWERTOOLS_SERVICE_NAME', 'NODE_OPTIONS', ENV.trustName, ENV.timeZone];
  if (spec.needs.publishes) names.push(ENV.eventBusName);
  if (spec.needs.table) names.push(ENV.tableName);
  for (const secret of spec.needs.secrets ?? []) names.push(SECRET_ENV[secret]);
  if (spec.needs.rawArchive) names.push(ENV.rawDeliveryBucket);
  if (spec.needs.email) names.push(ENV.digestFrom, ENV.digestRecipients);
  if (spec.needs.matrix) names.push(ENV.matrixPath);
  if (spec.needs.notify) names.push(ENV.notifyFrom, ENV.ownerRecipients, ENV.pagingTopicArn);
  if (spec.needs.retention) names.push(ENV.retentionPolicy);
  if (spec.needs.ownerEmail) names.push(ENV.notifyFrom, ENV.ownerRecipients);
  if (spec.needs.metrics) names.push(ENV.metricsNamespace);
  // The test stack hosts the console, so the emails' link is set.
  if (spec.needs.consoleLink) names.push(ENV.consoleUrl);
  return names;
}

// ---- The ops API (issue 5): JWT authorizer, Cognito or an external issuer, SLA watch and retention. ----

const routes = () => Object.values(built.statelessTemplate.findResources('AWS::ApiGatewayV2::Route')).map((route) => route.Properties);

describe('ops API authentication', () => {
  it('puts every ops route behind one JWT authorizer and leaves the webhook routes to their HMAC checks', () => {
    const ops = new Set([...OPS_API_ROUTES, ...DIGEST_PREVIEW_ROUTES].map((route) => `${route.method} ${route.path}`));
    const authorizers = built.statelessTemplate.findResources('AWS::ApiGatewayV2::Authorizer');
    expect(Object.keys(authorizers)).toHaveLength(1);
    const authorizerId = Object.keys(authorizers)[0]!;
    for (const route of routes()) {
      if (ops.has(route.RouteKey)) {
        expect({ key: route.RouteKey, type: route.AuthorizationType, authorizer: route.AuthorizerId }).toEqual({ key: route.RouteKey, type: 'JWT', authorizer: { Ref: authorizerId } });
      } else {
        expect({ key: route.RouteKey, type: route.AuthorizationType ?? 'NONE' }).toEqual({ key: route.RouteKey, type: 'NONE' });
      }
    }
    expect(routes().filter((route) => route.AuthorizationType === 'JWT')).toHaveLength(ops.size);
  });

  it('trusts the stack’s Cognito user pool: its issuer, its app client as audience, the Authorization header', () => {
    const pool = logicalId(built.stateful, built.stateful.opsUserPool!);
    built.statelessTemplate.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Issuer: Match.objectLike({ 'Fn::GetStackOutput': Match.anyValue() }),
        // The ops API client, and the triage console's client (test/infra/console-hosting.test.ts).
        Audience: [Match.objectLike({ 'Fn::GetStackOutput': Match.anyValue() }), { Ref: Match.stringLikeRegexp('^ConsoleClient') }],
      },
    });
    built.statefulTemplate.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UserPoolTier: 'PLUS',
      DeletionProtection: 'ACTIVE',
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireSymbols: true, RequireUppercase: true, RequireNumbers: true }) },
    });
    expect(built.statefulTemplate.findResources('AWS::Cognito::UserPool')[pool]?.DeletionPolicy).toBe('Retain');
    const groups = Object.values(built.statefulTemplate.findResources('AWS::Cognito::UserPoolGroup')).map((group) => group.Properties.GroupName);
    expect(groups.sort()).toEqual(['comms-leads', 'information-governance']);
  });

  it('trusts an external issuer from config/org.yaml instead, and then creates no user pool', () => {
    const org = loadOrgConfig();
    const external = buildApp(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }), {
      nag: false,
      org: { ...org, opsApi: { jwtIssuer: 'https://login.microsoftonline.com/tenant/v2.0', jwtAudience: ['api://nhs-social-ops'] } },
    });
    Template.fromStack(external.stateful).resourceCountIs('AWS::Cognito::UserPool', 0);
    Template.fromStack(external.stateless).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      JwtConfiguration: { Issuer: 'https://login.microsoftonline.com/tenant/v2.0', Audience: ['api://nhs-social-ops'] },
    });
  });
});

describe('SLA watch, content expiry and retention', () => {
  const fn = (name: string) => logicalId(built.stateless, built.stateless.functions.get(name)!.fn);

  it.each([
    ['watch-sla', 'cron(0/5 * ? * * *)'],
    ['expire-content', 'cron(0/15 * ? * * *)'],
  ])('%s runs on %s (Europe/London) with retries and its dead-letter queue', (name, expression) => {
    built.statelessTemplate.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: expression,
      ScheduleExpressionTimezone: 'Europe/London',
      Target: Match.objectLike({
        Arn: { 'Fn::GetAtt': [fn(name), 'Arn'] },
        DeadLetterConfig: { Arn: Match.anyValue() },
        RetryPolicy: Match.objectLike({ MaximumRetryAttempts: 2 }),
      }),
    });
  });

  it('gives every function that writes records the retention policy of config/org.yaml', () => {
    const org = loadOrgConfig();
    for (const spec of FUNCTIONS.filter((candidate) => candidate.needs.retention)) {
      const variables = built.statelessTemplate.findResources('AWS::Lambda::Function')[fn(spec.name)]!.Properties.Environment.Variables;
      expect(JSON.parse(variables[ENV.retentionPolicy])).toEqual(org.retention);
    }
    expect(FUNCTIONS.filter((spec) => spec.needs.table === 'readWrite' && !spec.needs.retention).map((spec) => spec.name).sort()).toEqual(
      // Spike detection writes counters, spike records and notices with their own TTL, not interaction records.
      ['pull-care-opinion', 'send-weekly-digest', 'count-interaction', 'detect-spikes', 'notify-spike'].sort(),
    );
  });

  it('lets watch-sla email owner teams, and never page', () => {
    const variables = built.statelessTemplate.findResources('AWS::Lambda::Function')[fn('watch-sla')]!.Properties.Environment.Variables;
    expect(variables[ENV.notifyFrom]).toBe(built.org.digest.from);
    expect(variables[ENV.pagingTopicArn]).toBeUndefined();
  });

  it('queries the open-items, team, author and content-expiry indexes by name, never index/*', () => {
    expect(built.stateful.tableIndexNames).toEqual(['gsi1', 'gsi2', 'gsi3', 'gsi4', 'gsi5']);
    const policies = Object.values(built.statelessTemplate.findResources('AWS::IAM::Policy')).flatMap((policy) => policy.Properties.PolicyDocument.Statement as Array<{ Resource: unknown }>);
    const indexGrants = policies.filter((statement) => JSON.stringify(statement.Resource).includes('/index/'));
    expect(indexGrants.length).toBeGreaterThan(0);
    for (const statement of indexGrants) expect(JSON.stringify(statement.Resource)).toMatch(/\/index\/gsi5/);
  });
});
