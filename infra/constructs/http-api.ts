import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { CorsHttpMethod, HttpApi, HttpMethod, LogGroupLogDestination, type HttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
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
  /** Browser origins allowed to call the API (the triage console's distribution); none: no CORS. */
  readonly corsOrigins?: string[];
}

/**
 * One API Gateway HTTP API with a throttled `$default` stage that writes JSON access logs.
 * Webhook routes carry no API Gateway authorizer (see `addWebhookRoutes` for why and what stands in);
 * the ops API's routes (`auth: 'jwt'` in the manifest) go through a JWT authorizer (`addJwtRoutes`).
 */
export class PublicHttpApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;
  readonly accessLogs: LogGroup;
  private readonly integrations = new Map<IFunction, HttpLambdaIntegration>();
  private jwtAuthorizer?: HttpJwtAuthorizer;

  constructor(scope: Construct, id: string, props: PublicHttpApiProps) {
    super(scope, id);
    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'Api', {
      apiName: props.apiName,
      createDefaultStage: false,
      // API Gateway answers the browser's preflight itself (no route, no authorizer); the JWT still guards every call.
      ...(props.corsOrigins?.length
        ? {
            corsPreflight: {
              allowOrigins: props.corsOrigins,
              allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.DELETE],
              allowHeaders: ['authorization', 'content-type', 'idempotency-key'],
              exposeHeaders: ['content-disposition'],
              maxAge: Duration.hours(1),
            },
          }
        : {}),
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit ?? 50, burstLimit: props.burstLimit ?? 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogs),
        // The route key, never the path or query string: ops API paths carry a person's platform id
        // (/authors/{platform}/{id}, kept after their erasure otherwise) and the Meta handshake puts its
        // verify token in the query string.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            requestTime: '$context.requestTime',
            sourceIp: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            integrationStatus: '$context.integrationStatus',
            integrationLatency: '$context.integrationLatency',
            integrationError: '$context.integrationErrorMessage',
            // Why the JWT authorizer refused an ops API request (never the token itself).
            authorizerError: '$context.authorizer.error',
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
    const integration = this.integrationFor(name, fn);
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

  /**
   * Routes that need a person signed in: API Gateway verifies the bearer JWT (signature against the
   * issuer's keys, expiry, `aud` or `client_id` among `audience`) and answers 401 itself, so the function
   * only ever sees verified claims (`requestContext.authorizer.jwt.claims`).
   */
  addJwtRoutes(name: string, fn: IFunction, routes: readonly RouteSpec[], auth: { issuer: string; audience: string[] } | undefined): void {
    if (routes.length === 0) return;
    if (!auth) throw new Error(`${name}: its routes need a JWT issuer and audience (the stateful stack's opsAuth)`);
    this.jwtAuthorizer ??= new HttpJwtAuthorizer('OpsJwtAuthorizer', auth.issuer, {
      jwtAudience: auth.audience,
      identitySource: ['$request.header.Authorization'],
    });
    const integration = this.integrationFor(name, fn);
    for (const route of routes) {
      this.api.addRoutes({ path: route.path, methods: [HttpMethod[route.method]], integration, authorizer: this.jwtAuthorizer });
    }
  }

  private integrationFor(name: string, fn: IFunction): HttpLambdaIntegration {
    let integration = this.integrations.get(fn);
    if (!integration) {
      // Payload format 2.0 (HttpLambdaIntegration's default), which the handlers are typed against.
      integration = new HttpLambdaIntegration(`${name}Integration`, fn);
      this.integrations.set(fn, integration);
    }
    return integration;
  }

  get url(): string {
    return this.stage.url;
  }
}
