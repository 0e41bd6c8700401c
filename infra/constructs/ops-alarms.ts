import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { FilterPattern, MetricFilter, type ILogGroup } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface OpsAlarmsProps {
  /** Prefix of alarm names, e.g. `dev-nhs-social`. */
  readonly prefix: string;
}

/**
 * The alarms ops watch, all sent to one SNS topic (subscribe email / chat / paging to it).
 * Anything dead-lettered, and any function error, alarms: nothing is lost quietly.
 */
export class OpsAlarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;
  private readonly prefix: string;

  constructor(scope: Construct, id: string, props: OpsAlarmsProps) {
    super(scope, id);
    this.prefix = props.prefix;
    // A customer-managed key: CloudWatch cannot publish to a topic encrypted with the AWS-managed SNS key.
    const key = new Key(this, 'TopicKey', { description: `${props.prefix}: ops alarm topic`, enableKeyRotation: true });
    key.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
        resources: ['*'],
      }),
    );
    this.topic = new Topic(this, 'Topic', {
      displayName: `${props.prefix} alarms`,
      masterKey: key,
      enforceSSL: true,
    });
    this.action = new SnsAction(this.topic);
  }

  /** Any message visible in a dead-letter queue: something failed for good and needs a human. */
  watchDeadLetterQueue(name: string, queue: IQueue): Alarm {
    return this.alarmAboveZero(`${name}-dead-letters`, {
      description: `${name}: events failed after all retries and are in its dead-letter queue. Inspect, fix, then redrive.`,
      metric: queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
    });
  }

  /** Any invocation error (retries included): the first sign before anything reaches a dead-letter queue. */
  watchFunctionErrors(name: string, fn: IFunction): Alarm {
    return this.alarmAboveZero(`${name}-errors`, {
      description: `${name}: the function threw. See its log group for the error.`,
      metric: fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
    });
  }

  /**
   * Any log line of `logGroup` reporting `detailType` (the `reportedEvent` key the handlers log with it):
   * a quarantined delivery, a revoked connector. Counted by a metric filter, so no code publishes metrics.
   */
  watchReportedEvent(name: string, logGroup: ILogGroup, detailType: string, description: string): Alarm {
    const filter = new MetricFilter(this, `${name}-${detailType}-filter`, {
      logGroup,
      filterPattern: FilterPattern.stringValue('$.reportedEvent', '=', detailType),
      metricNamespace: `${this.prefix}/reported`,
      metricName: `${name}-${detailType}`,
      metricValue: '1',
    });
    return this.alarmAboveZero(`${name}-${detailType}`, {
      description,
      metric: filter.metric({ period: Duration.minutes(5), statistic: 'Sum' }),
    });
  }

  /** `id`: the function's manifest name and what is watched, also used in the alarm name. */
  private alarmAboveZero(id: string, { description, metric }: { description: string; metric: IMetric }): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    return alarm;
  }
}
