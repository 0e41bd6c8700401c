import { Duration, RemovalPolicy, Stack, Token, Validations, type CfnElement } from 'aws-cdk-lib';
import {
  AllowedMethods,
  Distribution,
  HeadersFrameOption,
  HeadersReferrerPolicy,
  HttpVersion,
  PriceClass,
  ResponseHeadersPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { OAuthScope, UserPoolClient, UserPoolClientIdentityProvider, type IUserPool, type UserPoolDomain } from 'aws-cdk-lib/aws-cognito';
import { BlockPublicAccess, Bucket, BucketEncryption, ObjectOwnership } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, CacheControl, Source } from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { consoleContentSecurityPolicy } from '../console-policy';

/** Where the console lives on its distribution: https://<distribution>/console/. */
export const CONSOLE_PATH = '/console/';

export interface ConsoleHostingProps {
  /** The ops user pool (stateful stack): the console's sign-in. */
  readonly userPool: IUserPool;
  /** Its hosted-UI domain (Cognito's hosted login pages and OAuth endpoints). */
  readonly userPoolDomain: UserPoolDomain;
  /** console/dist (infra/console-assets.ts). */
  readonly distDir: string;
}

/**
 * The triage console in AWS: its static files in a private bucket, served only through CloudFront (origin
 * access control), with strict security headers, and a public Cognito app client (authorization code +
 * PKCE, no secret) whose tokens the ops API accepts. `deploy()` uploads the files and the generated
 * /console/config.json once the API's URL is known.
 */
export class ConsoleHosting extends Construct {
  readonly bucket: Bucket;
  readonly distribution: Distribution;
  readonly headers: ResponseHeadersPolicy;
  readonly client: UserPoolClient;
  /** https://<distribution domain> (no trailing slash): the API's CORS origin. */
  readonly origin: string;
  /** https://<distribution domain>/console/: the sign-in callback and sign-out URL. */
  readonly url: string;

  constructor(scope: Construct, id: string, private readonly props: ConsoleHostingProps) {
    super(scope, id);
    const region = Stack.of(this).region;

    // Static build output only (no data): SSE-S3, which CloudFront's origin access control reads without a
    // KMS key policy; not versioned (every deploy uploads the whole build from the repository, so an
    // older version is one redeploy away and versions would only pile up). Retained on stack deletion
    // like the other buckets; delete it by hand after tearing a stage down.
    this.bucket = new Bucket(this, 'Bucket', {
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: false,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'The console bucket holds only the static build of the console (no personal data), written by the stack\'s deployment and read by CloudFront alone. Every request for data goes to the ops API, whose access logs and audit trail record it.',
    });

    this.headers = new ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Triage console: CSP (self, the ops API, the Cognito domain), HSTS, no framing, nosniff',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: consoleContentSecurityPolicy({
            // The API's exact origin would make the distribution depend on the API while the API's CORS
            // depends on the distribution (a cycle): this region's API Gateway hosts stand in for it.
            apiOrigins: [`https://*.execute-api.${region}.amazonaws.com`],
            authOrigin: props.userPoolDomain.baseUrl(),
          }),
          override: true,
        },
        strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new Distribution(this, 'Distribution', {
      comment: 'NHS social engagement: triage console',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: AllowedMethods.ALLOW_GET_HEAD,
        responseHeadersPolicy: this.headers,
      },
      defaultRootObject: 'console/index.html',
      // A single-page app: any path that is not a file (S3 answers 403 without ListBucket) is the app.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/console/index.html', ttl: Duration.seconds(10) })),
      httpVersion: HttpVersion.HTTP2_AND_3,
      priceClass: PriceClass.PRICE_CLASS_100,
    });
    for (const [findingId, reason] of [
      ['AwsSolutions-CFR1', 'No geo restriction: NHS staff sign in from wherever they work (on call, travelling); the console shows nothing without a signed-in Cognito user with MFA.'],
      ['AwsSolutions-CFR2', 'No WAF on the console distribution: it serves only static files; every data request goes to the ops API, which needs a valid JWT and is throttled at the stage.'],
      ['AwsSolutions-CFR3', 'No CloudFront access logs: the distribution serves only the public static build (no data, no identifiers); requests for data are logged by the ops API (access logs, audit trail).'],
      ['AwsSolutions-CFR4', 'No custom domain is configured, so the distribution uses the default *.cloudfront.net certificate, whose minimum TLS version CloudFront fixes and cannot be raised.'],
    ] as const) {
      Validations.of(this.distribution).acknowledge({ id: findingId, reason });
    }
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}${CONSOLE_PATH}`;

    // A browser app cannot keep a secret: a public client, authorization code with PKCE, hosted login only.
    this.client = new UserPoolClient(this, 'Client', {
      userPool: props.userPool,
      userPoolClientName: 'triage-console',
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false, clientCredentials: false },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
        callbackUrls: [this.url],
        logoutUrls: [this.url],
      },
      supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }

  /**
   * Uploads console/dist under /console/ with the generated config.json (the API's URL and the sign-in
   * settings, as deploy-time values). Served `no-cache` (CloudFront revalidates with S3), so a redeploy
   * shows at once without an invalidation.
   */
  deploy(apiUrl: string): BucketDeployment {
    const config = {
      apiUrl,
      auth: {
        kind: 'cognito',
        domain: this.props.userPoolDomain.baseUrl(),
        clientId: this.client.userPoolClientId,
        redirectUri: this.url,
        logoutUri: this.url,
      },
    };
    const deployment = new BucketDeployment(this, 'Files', {
      sources: [Source.asset(this.props.distDir), Source.jsonData('config.json', config)],
      destinationBucket: this.bucket,
      destinationKeyPrefix: CONSOLE_PATH.slice(1),
      cacheControl: [CacheControl.noCache()],
      prune: true,
      memoryLimit: 256,
    });
    // CDK's deployment function is a stack-level singleton custom resource: its role and grants are CDK's own.
    const singleton = Stack.of(this).node.children.find((child) => child.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (!singleton) throw new Error('BucketDeployment created no Custom::CDKBucketDeployment function (aws-cdk-lib changed): check its findings');
    const stack = Stack.of(this);
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const bucketId = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    const wildcardReason =
      'CDK\'s BucketDeployment grants s3:GetObject*/GetBucket*/List* on the CDK asset bucket (the zipped build) and s3:GetObject*/PutObject*/DeleteObject*/Abort*/List* on this console bucket\'s objects only: it copies the build and prunes stale files, at deploy time.';
    Validations.of(singleton).acknowledge(
      {
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        reason: 'CDK\'s BucketDeployment function uses AWSLambdaBasicExecutionRole only to write its own CloudWatch logs; it runs at deploy time, never with a user\'s request.',
      },
      ...['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*', `Resource::<${bucketId}.Arn>/*`, `Resource::arn:aws:s3:::cdk-hnb659fds-assets-${account}-${stack.region}/*`].map(
        (finding) => ({ id: `AwsSolutions-IAM5[${finding}]`, reason: wildcardReason }),
      ),
      {
        id: 'AwsSolutions-L1',
        reason: 'The runtime of CDK\'s BucketDeployment function is chosen by aws-cdk-lib (upgraded with it); it runs only at deploy time and handles no data.',
      },
    );
    return deployment;
  }
}

