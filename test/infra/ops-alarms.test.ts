/**
 * The alarms added for issue 9 beyond dead letters and function errors: intake 5xx and SES reputation,
 * each sent to the ops topic, and the ops dashboard with one graph per alarm.
 */
import { Match, type Template } from 'aws-cdk-lib/assertions';
import type { Templates } from './synth-app';
import type { StatelessStack } from '../../infra/stateless-stack';
import { logicalId, synthTemplates } from './synth-app';

let template: Template;
let stack: StatelessStack;
let built: Templates;

beforeAll(() => {
  built = synthTemplates();
  template = built.statelessTemplate;
  stack = built.stateless;
});

describe('ops alarms', () => {
  it('alarms on any 5xx from the webhook API', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(stack, stack.httpApi!.api) } }],
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: logicalId(stack, stack.alarms.topic) }],
    });
  });

  it('watches the inbound counts count-interaction publishes with an anomaly-detection band (issue 8)', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      ComparisonOperator: 'GreaterThanUpperThreshold',
      ThresholdMetricId: 'band',
      TreatMissingData: 'notBreaching',
      AlarmActions: [{ Ref: logicalId(stack, stack.alarms.topic) }],
      Metrics: Match.arrayWith([
        Match.objectLike({
          Id: 'inbound',
          MetricStat: Match.objectLike({
            Metric: { Namespace: `${built.org.aws.stage}-nhs-social`, MetricName: 'InboundInteractions', Dimensions: [{ Name: 'Series', Value: 'overall:all' }] },
            Stat: 'Sum',
          }),
        }),
        Match.objectLike({ Id: 'band', Expression: Match.stringLikeRegexp('^ANOMALY_DETECTION_BAND\\(inbound, \\d+\\)$') }),
      ]),
    });
    // The namespace is the one the counting function publishes into.
    const fns = template.findResources('AWS::Lambda::Function');
    const namespaces = Object.values(fns).map((fn) => fn.Properties.Environment.Variables.POWERTOOLS_METRICS_NAMESPACE).filter(Boolean);
    expect(namespaces).toEqual([`${built.org.aws.stage}-nhs-social`]);
  });

  it.each([
    ['Reputation.BounceRate', 0.02],
    ['Reputation.ComplaintRate', 0.0005],
  ])('alarms on SES %s above %s, well before AWS reviews the account', (metricName, threshold) => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/SES',
      MetricName: metricName,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: logicalId(stack, stack.alarms.topic) }],
    });
  });

  it('alarms per configured platform when a connector is silent for longer than config/org.yaml allows', () => {
    const silence = built.org.monitoring?.connectorSilenceHours ?? {};
    expect(Object.keys(silence).length).toBeGreaterThan(0);
    template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.message = "delivery accepted" }',
      MetricTransformations: [Match.objectLike({ MetricName: 'DeliveriesAccepted', Dimensions: [{ Key: 'platform', Value: '$.platform' }] })],
    });
    for (const [platform, hours] of Object.entries(silence)) {
      template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        AlarmName: `${built.org.aws.stage}-nhs-social-${platform}-silent`,
        MetricName: platform === 'careopinion' ? 'CareOpinionStoriesPublished' : 'DeliveriesAccepted',
        ...(platform === 'careopinion' ? {} : { Dimensions: [{ Name: 'platform', Value: platform }] }),
        Period: 3600,
        EvaluationPeriods: hours,
        DatapointsToAlarm: hours,
        Threshold: 0,
        ComparisonOperator: 'LessThanOrEqualToThreshold',
        TreatMissingData: 'breaching',
        AlarmActions: [{ Ref: logicalId(stack, stack.alarms.topic) }],
      });
    }
  });

  it('draws every alarm on the ops dashboard', () => {
    const dashboards = Object.values(template.findResources('AWS::CloudWatch::Dashboard'));
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]!.Properties.DashboardBody);
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThan(5);
    for (const alarm of alarms) expect(body).toContain(alarm);
  });
});
