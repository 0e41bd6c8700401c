import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HttpRoute as RouteSpec } from '../wiring';

export interface PublicHttpApiProps {
  readonly apiName: string;
  /** Default-stage throttling, requests per second (steady / burst). */
  readonly rateLimit?: number;
  readonly burstLimit?: number;
  readonly logRetention?: RetentionDays;
}

/**
 * One API Gateway HTTP API with a throttled `$default` stage that writes JSON access logs.
 * Routes carry no API Gateway authorizer: see `addRoutes` for why and what stands in.
 */
export class PublicHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'Api', { apiName: props.apiName, createDefaultStage: false });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // Path, never the query string: the Meta handshake puts its verify token there.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            path: '$context.path',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
  }

  /**
   * Platform webhooks: Meta, X, LinkedIn and others call these routes and cannot present AWS credentials
   * or a JWT. Each delivery is authenticated inside the handler instead (HMAC signature over the raw body;
   * the GET handshake checks the verify token), so the routes are acknowledged for AwsSolutions-APIG4.
   */
  addWebhookRoutes(name: string, fn: IFunction, routes: readonly RouteSpec[]): void {
    let integration = this.integrations.get(fn);
    if (!integration) {
      // Payload format 2.0 (HttpLambdaIntegration's default), which the handlers are typed against.
      integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      this.integrations.set(fn, integration);
    }
    for (const route of routes) {
      for (const added of this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration })) {
        Validations.of(added).acknowledge({
          id: 'AwsSolutions-APIG4',
          reason:
            'Platform webhook route: callers (Meta, X, LinkedIn...) cannot send AWS SigV4 or a JWT. ingest-webhook authenticates every POST by HMAC signature over the raw body and every GET handshake by verify token, and rejects anything else.',
        });
      }
    }
  }

  get url(): string {
    return this.stage.url;
  }
}
