import { CfnOutput, Duration, RemovalPolicy, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { type IRole, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { ConnectorHealthChanged, DeliveryQuarantined } from '../events';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { ConsoleHosting, type ConsoleHostingProps } from './constructs/console-hosting';
import { PublicHttpApi } from './constructs/http-api';
import { ensureConsoleBuilt } from './console-assets';
import { OpsAlarms } from './constructs/ops-alarms';
import { ServiceFunction, type ServiceResources } from './constructs/service-function';
import { ENV, eventRules, FUNCTIONS, pascal, type FunctionSpec } from './wiring';

/** Events a human must hear about: a function publishing one also logs it, and an alarm counts those lines. */
const REPORTED = [
  { contract: DeliveryQuarantined, description: 'a verified delivery could not be understood: it is archived and on the bus (DeliveryQuarantined). Inspect and replay.' },
  { contract: ConnectorHealthChanged, description: 'a platform connection stopped working (authorisation revoked or credentials refused): re-authorise or replace the key.' },
];

export interface StatelessStackProps extends StackProps, ServiceResources {
  /** The wiring manifest; tests may pass a subset. */
  readonly functions?: readonly FunctionSpec[];
  /** How long an async event may wait (rule target, scheduler target, Lambda retries) before dead-lettering. */
  readonly maxEventAge?: Duration;
  readonly logRetention?: RetentionDays;
  /** Where the handler files live; defaults to functions/handlers. */
  readonly handlersDir?: string;
  /**
   * The triage console's sign-in (the stateful stack's user pool and hosted-UI domain). Given: the console
   * is hosted (S3 + CloudFront) and the API accepts its tokens. Absent (an external issuer): no console.
   */
  readonly console?: Pick<ConsoleHostingProps, 'userPool' | 'userPoolDomain'> & { readonly distDir?: string };
}

/**
 * Everything that can be destroyed and redeployed without losing data: the functions of the wiring
 * manifest, their triggers (HTTP routes, bus rules, schedules), dead-letter queues and alarms.
 */
export class StatelessStack extends Stack {
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  readonly deadLetterQueues: ReadonlyMap<string, DeadLetterQueue>;
  /** Encrypts every dead-letter queue of this stack. */
  readonly deadLetterKey: Key;
  readonly httpApi?: PublicHttpApi;
  readonly alarms: OpsAlarms;
  readonly console?: ConsoleHosting;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const specs = props.functions ?? FUNCTIONS;
    const prefix = `${props.org.aws.stage}-nhs-social`;
    const maxEventAge = props.maxEventAge ?? Duration.hours(2);
    this.alarms = new OpsAlarms(this, 'Alarms', { prefix });
    this.deadLetterKey = this.createDeadLetterKey(prefix);

    const functions = new Map<string, ServiceFunction>();
    const deadLetterQueues = new Map<string, DeadLetterQueue>();
    for (const spec of specs) {
      const id = pascal(spec.name);
      // HTTP invocations are synchronous (the caller sees the error and retries); the rest are async.
      const dlq = spec.trigger.kind === 'http' ? undefined : new DeadLetterQueue(this, `${id}DeadLetters`, { encryptionKey: this.deadLetterKey });
      const service = new ServiceFunction(this, id, {
        spec,
        resources: props,
        functionName: `${prefix}-${spec.name}`,
        deadLetterQueue: dlq?.queue,
        maxEventAge,
        logRetention: props.logRetention,
        handlersDir: props.handlersDir,
      });
      functions.set(spec.name, service);
      this.alarms.watchFunctionErrors(spec.name, service.fn);
      for (const { contract, description } of REPORTED) {
        if (spec.needs.publishes?.includes(contract)) {
          this.alarms.watchReportedEvent(spec.name, service.logGroup, contract.detailType, `${spec.name}: ${description}`);
        }
      }
      if (dlq) {
        // Lambda's async retries dead-letter as the function's own role: it encrypts for the queue.
        this.grantDeadLetterKey(service.role);
        deadLetterQueues.set(spec.name, dlq);
        this.alarms.watchDeadLetterQueue(spec.name, dlq.queue);
      }
    }
    this.functions = functions;
    this.deadLetterQueues = deadLetterQueues;

    // The triage console (with the stack's own user pool only): its hosting and app client come first,
    // because the API's CORS and JWT audience name them.
    const hasJwtRoutes = specs.some((spec) => spec.trigger.kind === 'http' && spec.trigger.routes.some((route) => route.auth === 'jwt'));
    if (props.console && hasJwtRoutes) {
      this.console = new ConsoleHosting(this, 'Console', {
        userPool: props.console.userPool,
        userPoolDomain: props.console.userPoolDomain,
        distDir: props.console.distDir ?? ensureConsoleBuilt(),
      });
    }
    const opsAuth = this.console && props.opsAuth ? { issuer: props.opsAuth.issuer, audience: [...props.opsAuth.audience, this.console.client.userPoolClientId] } : props.opsAuth;

    // HTTP: one API for every http-triggered function, routes exactly as in the manifest.
    for (const spec of specs) {
      if (spec.trigger.kind !== 'http') continue;
      this.httpApi ??= new PublicHttpApi(this, 'HttpApi', {
        apiName: `${prefix}-webhooks`,
        logRetention: props.logRetention,
        ...(this.console ? { corsOrigins: [this.console.origin] } : {}),
      });
      const fn = functions.get(spec.name)!.fn;
      this.httpApi.addWebhookRoutes(pascal(spec.name), fn, spec.trigger.routes.filter((route) => route.auth !== 'jwt'));
      this.httpApi.addJwtRoutes(pascal(spec.name), fn, spec.trigger.routes.filter((route) => route.auth === 'jwt'), opsAuth);
    }
    if (this.console) {
      for (const spec of specs) if (spec.needs.consoleLink) functions.get(spec.name)!.fn.addEnvironment(ENV.consoleUrl, this.console.url);
    }
    if (this.console && this.httpApi) {
      this.console.deploy(this.httpApi.url);
      new CfnOutput(this, 'ConsoleUrl', { value: this.console.url, description: 'The triage console (sign in with a user of the ops user pool)' });
      new CfnOutput(this, 'ConsoleClientId', { value: this.console.client.userPoolClientId });
      new CfnOutput(this, 'ConsoleBucketName', { value: this.console.bucket.bucketName });
    }

    // Events: one rule per (function, event) on the custom bus, pattern straight from the contract.
    for (const rule of eventRules(specs)) {
      const { pattern } = rule.event;
      new Rule(this, rule.id, {
        eventBus: props.bus,
        description: `${rule.event.detailType} v${rule.event.schemaVersion} -> ${rule.functionName}`,
        eventPattern: { source: pattern.source, detailType: pattern['detail-type'], detail: pattern.detail },
        targets: [
          new LambdaFunction(functions.get(rule.functionName)!.fn, {
            retryAttempts: rule.retryAttempts,
            maxEventAge,
            deadLetterQueue: deadLetterQueues.get(rule.functionName)!.queue,
          }),
        ],
      });
    }

    // Schedules: EventBridge Scheduler, in the manifest's time zone (DST-safe), same DLQ as the function.
    for (const spec of specs) {
      if (spec.trigger.kind !== 'schedule') continue;
      const { cron, timeZone, input } = spec.trigger;
      const fn = functions.get(spec.name)!.fn;
      new Schedule(this, `${pascal(spec.name)}Schedule`, {
        description: `${spec.name}: ${cron.minute} ${cron.hour} ${cron.weekDay} (${timeZone})`,
        schedule: ScheduleExpression.cron({ ...cron, timeZone: TimeZone.of(timeZone) }),
        target: new LambdaInvoke(fn, {
          role: this.schedulerRole(pascal(spec.name), fn),
          input: ScheduleTargetInput.fromObject(input),
          retryAttempts: spec.retryAttempts,
          maxEventAge,
          deadLetterQueue: deadLetterQueues.get(spec.name)!.queue,
        }),
      });
    }

    // A connector silent for longer than config/org.yaml monitoring.connectorSilenceHours allows.
    const silence = props.org.monitoring?.connectorSilenceHours ?? {};
    const ingest = functions.get('ingest-webhook');
    const careOpinion = functions.get('pull-care-opinion');
    for (const [platform, hours] of Object.entries(silence) as Array<[string, number]>) {
      if (platform === 'careopinion') {
        if (careOpinion) this.alarms.watchCareOpinionSilence(careOpinion.logGroup, hours);
      } else if (ingest) {
        this.alarms.watchWebhookSilence(ingest.logGroup, platform, hours);
      }
    }

    if (this.httpApi) this.alarms.watchIntakeServerErrors(this.httpApi.api);
    // The counts count-interaction publishes as metrics, watched by a CloudWatch anomaly-detection band.
    if (specs.some((spec) => spec.needs.metrics)) this.alarms.watchInboundAnomaly();
    // The digest and escalations both send through SES: its account reputation gates them all.
    if (specs.some((spec) => spec.needs.email || spec.needs.notify)) this.alarms.watchSesReputation();

    if (this.httpApi) new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
  }

  /**
   * One customer-managed key for the stack's dead-letter queues. Three senders: EventBridge rule targets
   * (the events service principal, only for rules of this account: aws:SourceAccount and aws:SourceArn),
   * Lambda async retries (the function's role, granted below) and Scheduler (the schedule's role, granted
   * in schedulerRole(); the service-principal statement only in case Scheduler encrypts as itself, and
   * only for this account's schedules). Retained like the queues.
   */
  private createDeadLetterKey(prefix: string): Key {
    const key = new Key(this, 'DeadLetterKey', {
      description: `${prefix}: dead-letter queue encryption`,
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'EventBridgeRuleTargetsDeadLetter',
        principals: [new ServicePrincipal('events.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'events', resource: 'rule', resourceName: '*' }) },
        },
      }),
    );
    key.addToResourcePolicy(
      new PolicyStatement({
        sid: 'SchedulerDeadLetter',
        principals: [new ServicePrincipal('scheduler.amazonaws.com')],
        actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
        resources: ['*'],
        conditions: {
          StringEquals: { 'aws:SourceAccount': this.account },
          ArnLike: { 'aws:SourceArn': this.formatArn({ service: 'scheduler', resource: 'schedule', resourceName: '*' }) },
        },
      }),
    );
    return key;
  }

  /** The two KMS actions SQS needs from a sender to an SSE-KMS queue, on the dead-letter key only. */
  private grantDeadLetterKey(role: IRole): void {
    role.addToPrincipalPolicy(new PolicyStatement({ actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [this.deadLetterKey.keyArn] }));
  }

  /**
   * The role EventBridge Scheduler assumes to invoke one function (and dead-letter to its queue).
   * Only this account's schedules may assume it.
   */
  private schedulerRole(id: string, fn: IFunction): Role {
    const role = new Role(this, `${id}SchedulerRole`, {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
    });
    this.grantDeadLetterKey(role);
    const fnLogicalId = this.getLogicalId(fn.node.defaultChild as CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
      reason:
        'LambdaInvoke grants lambda:InvokeFunction on the function and its qualified ARNs (function:*, i.e. its versions and aliases) of this one function only; the wildcard never reaches another function.',
    });
    return role;
  }
}
