import { CfnOutput, Duration, Stack, TimeZone, Validations, type StackProps } from 'aws-cdk-lib';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { CfnFunction, IFunction } from 'aws-cdk-lib/aws-lambda';
import { Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import type { RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Construct } from 'constructs';
import { ConnectorHealthChanged, DeliveryQuarantined } from '../events';
import { DeadLetterQueue } from './constructs/dead-letter-queue';
import { PublicHttpApi } from './constructs/http-api';
import { OpsAlarms } from './constructs/ops-alarms';
import { ServiceFunction, type ServiceResources } from './constructs/service-function';
import { eventRules, FUNCTIONS, pascal, type FunctionSpec } from './wiring';

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
}

/**
 * Everything that can be destroyed and redeployed without losing data: the functions of the wiring
 * manifest, their triggers (HTTP routes, bus rules, schedules), dead-letter queues and alarms.
 */
export class StatelessStack extends Stack {
  readonly functions: ReadonlyMap<string, ServiceFunction>;
  readonly deadLetterQueues: ReadonlyMap<string, DeadLetterQueue>;
  readonly httpApi?: PublicHttpApi;
  readonly alarms: OpsAlarms;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const specs = props.functions ?? FUNCTIONS;
    const prefix = `${props.org.aws.stage}-nhs-social`;
    const maxEventAge = props.maxEventAge ?? Duration.hours(2);
    this.alarms = new OpsAlarms(this, 'Alarms', { prefix });

    const functions = new Map<string, ServiceFunction>();
    const deadLetterQueues = new Map<string, DeadLetterQueue>();
    for (const spec of specs) {
      const id = pascal(spec.name);
      // HTTP invocations are synchronous (the caller sees the error and retries); the rest are async.
      const dlq = spec.trigger.kind === 'http' ? undefined : new DeadLetterQueue(this, `${id}DeadLetters`);
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
        deadLetterQueues.set(spec.name, dlq);
        this.alarms.watchDeadLetterQueue(spec.name, dlq.queue);
      }
    }
    this.functions = functions;
    this.deadLetterQueues = deadLetterQueues;

    // HTTP: one API for every http-triggered function, routes exactly as in the manifest.
    for (const spec of specs) {
      if (spec.trigger.kind !== 'http') continue;
      this.httpApi ??= new PublicHttpApi(this, 'HttpApi', { apiName: `${prefix}-webhooks`, logRetention: props.logRetention });
      const fn = functions.get(spec.name)!.fn;
      this.httpApi.addWebhookRoutes(pascal(spec.name), fn, spec.trigger.routes.filter((route) => route.auth !== 'jwt'));
      this.httpApi.addJwtRoutes(pascal(spec.name), fn, spec.trigger.routes.filter((route) => route.auth === 'jwt'), props.opsAuth);
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

    if (this.httpApi) this.alarms.watchIntakeServerErrors(this.httpApi.api);
    // The digest and escalations both send through SES: its account reputation gates them all.
    if (specs.some((spec) => spec.needs.email || spec.needs.notify)) this.alarms.watchSesReputation();

    if (this.httpApi) new CfnOutput(this, 'ApiUrl', { value: this.httpApi.url });
    new CfnOutput(this, 'AlarmTopicArn', { value: this.alarms.topic.topicArn });
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
    const fnLogicalId = this.getLogicalId(fn.node.defaultChild as CfnFunction);
    Validations.of(role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${fnLogicalId}.Arn>:*]`,
      reason:
        'LambdaInvoke grants lambda:InvokeFunction on the function and its qualified ARNs (function:*, i.e. its versions and aliases) of this one function only; the wildcard never reaches another function.',
    });
    return role;
  }
}
