import { Duration } from 'aws-cdk-lib';
import { Alarm, AlarmWidget, CfnAlarm, ComparisonOperator, Dashboard, GraphWidget, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
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
  /** One graph per alarm (its metric against its threshold), in the order they were added. */
  readonly dashboard: Dashboard;
  private readonly action: SnsAction;
  private readonly prefix: string;
  private deliveriesFilter?: MetricFilter;

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
    this.dashboard = new Dashboard(this, 'Dashboard', { dashboardName: `${props.prefix}-ops` });
  }

  /** Any 5xx from the webhook API: a delivery failed unexpectedly and the platform will retry it. */
  watchIntakeServerErrors(api: IHttpApi): Alarm {
    return this.alarmAboveZero('intake-5xx', {
      description: 'The webhook API answered 5xx: a delivery failed unexpectedly (ingest-webhook threw, or PutEvents failed). The platform retries; see the ingest-webhook log group and RUNBOOK.md.',
      metric: api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
    });
  }

  /**
   * SES reputation (account-wide): AWS reviews an account at a 5% bounce rate or a 0.1% complaint rate
   * and may pause sending, which would stop the digest and escalation emails. Alarm well before that.
   */
  watchSesReputation(): Alarm[] {
    const rate = (metricName: string) => new Metric({ namespace: 'AWS/SES', metricName, period: Duration.hours(1), statistic: 'Maximum' });
    return [
      this.alarmAboveZero('ses-bounce-rate', {
        description: 'SES bounce rate is over 2% (AWS reviews the account at 5%): a digest or team address is bouncing. Check config/org.yaml recipients (RUNBOOK.md).',
        metric: rate('Reputation.BounceRate'),
        threshold: 0.02,
      }),
      this.alarmAboveZero('ses-complaint-rate', {
        description: 'SES complaint rate is over 0.05% (AWS reviews the account at 0.1%): a recipient marked our email as spam. Check who receives what (RUNBOOK.md).',
        metric: rate('Reputation.ComplaintRate'),
        threshold: 0.0005,
      }),
    ];
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

  /**
   * No `delivery accepted` line for `platform` in ingest-webhook's log for `hours`: the platform stopped
   * sending (webhook unsubscribed, app removed, subscription expired) or nobody engaged for that long.
   * One metric filter for every platform (dimension `platform`, from the log line); hourly sums, and
   * missing data counts as silence, so the alarm fires when every hour of the window is empty.
   */
  watchWebhookSilence(logGroup: ILogGroup, platform: string, hours: number): Alarm {
    this.deliveriesFilter ??= new MetricFilter(this, 'deliveries-accepted-filter', {
      logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'delivery accepted'),
      metricNamespace: `${this.prefix}/connectors`,
      metricName: 'DeliveriesAccepted',
      metricValue: '1',
      dimensions: { platform: '$.platform' },
    });
    const metric = this.deliveriesFilter.metric({ period: Duration.hours(1), statistic: 'Sum', dimensionsMap: { platform } });
    return this.alarmSilence(platform, hours, metric, `${platform}: no delivery accepted by ingest-webhook for ${hours} hours (config/org.yaml monitoring.connectorSilenceHours). The webhook subscription may have lapsed or the app been removed: see RUNBOOK.md.`);
  }

  /** No Care Opinion story published by pull-care-opinion for `hours` (the `published` count of its `care opinion pulled` lines). */
  watchCareOpinionSilence(logGroup: ILogGroup, hours: number): Alarm {
    const filter = new MetricFilter(this, 'careopinion-published-filter', {
      logGroup,
      filterPattern: FilterPattern.stringValue('$.message', '=', 'care opinion pulled'),
      metricNamespace: `${this.prefix}/connectors`,
      metricName: 'CareOpinionStoriesPublished',
      metricValue: '$.published',
    });
    const metric = filter.metric({ period: Duration.hours(1), statistic: 'Sum' });
    return this.alarmSilence('careopinion', hours, metric, `careopinion: no story pulled from Care Opinion for ${hours} hours (config/org.yaml monitoring.connectorSilenceHours). The connector may be disabled, its key refused, or the schedule failing: see RUNBOOK.md.`);
  }

  /**
   * Inbound messages far above CloudWatch's learned band for the time of day and week: the counts
   * count-interaction publishes (`<prefix>` namespace, `InboundInteractions`, `Series=overall:all`,
   * embedded metric format). An ANOMALY_DETECTION_BAND alarm, a second opinion beside detect-spikes
   * (Lookout for Metrics reached end of support in October 2025). Missing data: nothing arrived, not
   * a spike. `bandWidth`: standard deviations of the band.
   */
  watchInboundAnomaly(bandWidth = 3): CfnAlarm {
    const id = 'inbound-anomaly';
    const alarm = new CfnAlarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription:
        'Inbound social media messages are far above the usual band for this time of day and week (CloudWatch anomaly detection on InboundInteractions, overall). detect-spikes emails the owner team with the details; see RUNBOOK.md.',
      comparisonOperator: 'GreaterThanUpperThreshold',
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      thresholdMetricId: 'band',
      treatMissingData: 'notBreaching',
      actionsEnabled: true,
      alarmActions: [this.topic.topicArn],
      okActions: [this.topic.topicArn],
      metrics: [
        {
          id: 'inbound',
          returnData: true,
          metricStat: {
            metric: { namespace: this.prefix, metricName: 'InboundInteractions', dimensions: [{ name: 'Series', value: 'overall:all' }] },
            period: 300,
            stat: 'Sum',
          },
        },
        { id: 'band', expression: `ANOMALY_DETECTION_BAND(inbound, ${bandWidth})`, label: 'usual band', returnData: true },
      ],
    });
    // The alarm (its band drawn by CloudWatch) and, beside it, the counts themselves.
    this.dashboard.addWidgets(
      new AlarmWidget({ alarm: Alarm.fromAlarmArn(this, `${id}-ref`, alarm.attrArn), title: id, width: 8 }),
      new GraphWidget({
        title: `${id}-counts`,
        width: 8,
        left: [new Metric({ namespace: this.prefix, metricName: 'InboundInteractions', dimensionsMap: { Series: 'overall:all' }, period: Duration.minutes(5), statistic: 'Sum' })],
      }),
    );
    return alarm;
  }

  private alarmSilence(platform: string, hours: number, metric: IMetric, description: string): Alarm {
    const id = `${platform}-silent`;
    const alarm = new Alarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription: description,
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
      // Hourly periods: CloudWatch allows a window of up to 7 days for periods of an hour or more.
      evaluationPeriods: hours,
      datapointsToAlarm: hours,
      treatMissingData: TreatMissingData.BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.dashboard.addWidgets(new AlarmWidget({ alarm, title: id, width: 8 }));
    return alarm;
  }

  /** `id`: the function's manifest name and what is watched, also used in the alarm name. */
  private alarmAboveZero(id: string, { description, metric, threshold = 0 }: { description: string; metric: IMetric; threshold?: number }): Alarm {
    const alarm = new Alarm(this, id, {
      alarmName: `${this.prefix}-${id}`,
      alarmDescription: description,
      metric,
      threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(this.action);
    alarm.addOkAction(this.action);
    this.dashboard.addWidgets(new AlarmWidget({ alarm, title: id, width: 8 }));
    return alarm;
  }
}
