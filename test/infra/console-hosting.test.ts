/**
 * The triage console in AWS: a private bucket behind CloudFront with origin access control, strict security
 * headers, the console's public Cognito client (code + PKCE) with the distribution as its callback, and an
 * ops API that accepts that client's tokens from that origin only.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { buildApp } from '../../infra/app';
import { loadOrgConfig } from '../../infra/org-config';
import { ConsoleBuildError, ensureConsoleBuilt } from '../../infra/console-assets';
import { consoleContentSecurityPolicy } from '../../infra/console-policy';
import { cdkJsonContext, synthTemplates, type Templates } from './synth-app';

let built: Templates;
let stateless: Template;
let stateful: Template;

beforeAll(() => {
  built = synthTemplates();
  stateless = built.statelessTemplate;
  stateful = built.statefulTemplate;
});

type Resources = Record<string, { Type: string; Properties: Record<string, any> }>;
const only = (template: Template, type: string) => {
  const found = Object.entries(template.toJSON().Resources as Resources).filter(([, resource]) => resource.Type === type);
  expect(found).toHaveLength(1);
  return { id: found[0]![0], properties: found[0]![1].Properties };
};
const logicalIdOf = (template: Template, type: string, idPrefix: string) =>
  Object.entries(template.toJSON().Resources as Resources).find(([id, resource]) => resource.Type === type && id.startsWith(idPrefix))![0];

describe('console hosting', () => {
  it('keeps the files in a private, TLS-only bucket that only this distribution may read (origin access control)', () => {
    const bucketId = logicalIdOf(stateless, 'AWS::S3::Bucket', 'ConsoleBucket');
    stateless.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
    });
    const oac = only(stateless, 'AWS::CloudFront::OriginAccessControl');
    expect(oac.properties.OriginAccessControlConfig).toMatchObject({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' });
    const distribution = only(stateless, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
    expect(distribution.Origins).toEqual([
      expect.objectContaining({ OriginAccessControlId: { 'Fn::GetAtt': [oac.id, 'Id'] }, S3OriginConfig: { OriginAccessIdentity: '' } }),
    ]);
    // No legacy origin access identity anywhere.
    expect(Object.values(stateless.toJSON().Resources as Resources).some((r) => r.Type === 'AWS::CloudFront::CloudFrontOriginAccessIdentity')).toBe(false);

    const policy = only(stateless, 'AWS::S3::BucketPolicy').properties;
    expect(policy.Bucket).toEqual({ Ref: bucketId });
    const statements = policy.PolicyDocument.Statement as Array<Record<string, any>>;
    // Denies plain HTTP; the only Allow is to CloudFront, for this distribution, to read objects.
    expect(statements).toContainEqual(expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }));
    const allows = statements.filter((statement) => statement.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    expect(allows[0]).toMatchObject({
      Principal: { Service: 'cloudfront.amazonaws.com' },
      Action: 's3:GetObject',
      Condition: { StringEquals: { 'AWS:SourceArn': expect.anything() } },
    });
  });

  it('serves the app at /console/ over HTTPS, with the SPA fallback to /console/index.html', () => {
    const distribution = only(stateless, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
    expect(distribution.DefaultRootObject).toBe('console/index.html');
    expect(distribution.DefaultCacheBehavior).toMatchObject({ ViewerProtocolPolicy: 'redirect-to-https', AllowedMethods: ['GET', 'HEAD'] });
    expect(distribution.CustomErrorResponses).toEqual([
      expect.objectContaining({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/console/index.html' }),
      expect.objectContaining({ ErrorCode: 404, ResponseCode: 200, ResponsePagePath: '/console/index.html' }),
    ]);
  });

  it('sends a strict CSP, HSTS, no framing and nosniff on every response', () => {
    const headers = only(stateless, 'AWS::CloudFront::ResponseHeadersPolicy');
    const distribution = only(stateless, 'AWS::CloudFront::Distribution').properties.DistributionConfig;
    expect(distribution.DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: headers.id });
    const security = headers.properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    expect(security.StrictTransportSecurity).toMatchObject({ AccessControlMaxAgeSec: 31_536_000, IncludeSubdomains: true, Override: true });
    expect(security.ContentTypeOptions).toEqual({ Override: true });
    expect(security.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    const csp = JSON.stringify(security.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain('https://*.execute-api.eu-west-2.amazonaws.com');
    expect(csp).toContain('.auth.eu-west-2.amazoncognito.com');
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });

  it('writes the CSP from its parts: self, the API, the sign-in domain; nothing else may run or connect', () => {
    const csp = consoleContentSecurityPolicy({ apiOrigins: ['https://api.example'], authOrigin: 'https://login.example' });
    const directives = Object.fromEntries(csp.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives).toMatchObject({
      'default-src': "'none'",
      'script-src': "'self'",
      'connect-src': "'self' https://api.example https://login.example",
      'form-action': "'self' https://login.example",
      'frame-ancestors': "'none'",
      'object-src': "'none'",
    });
  });

  it('deploys console/dist and a generated config.json (API URL, Cognito domain, client id, redirect) under console/', () => {
    const deployment = only(stateless, 'Custom::CDKBucketDeployment').properties;
    expect(deployment.DestinationBucketKeyPrefix).toBe('console/');
    expect(deployment.Prune).toBe(true);
    expect(deployment.SystemMetadata).toEqual({ 'cache-control': 'no-cache' });
    expect(deployment.SourceObjectKeys).toHaveLength(2);
    const markers = JSON.stringify(deployment.SourceMarkers);
    const clientId = logicalIdOf(stateless, 'AWS::Cognito::UserPoolClient', 'ConsoleClient');
    expect(markers).toContain(clientId);
    expect(markers).toContain(JSON.stringify({ Ref: logicalIdOf(stateless, 'AWS::ApiGatewayV2::Api', 'HttpApi') })); // apiUrl
    expect(markers).toContain('OpsHostedUi'); // the Cognito domain, from the stateful stack
    expect(markers).toContain(JSON.stringify({ 'Fn::GetAtt': [logicalIdOf(stateless, 'AWS::CloudFront::Distribution', 'ConsoleDistribution'), 'DomainName'] }));
  });
});

describe('console sign-in', () => {
  it('gives the ops user pool a hosted-UI domain', () => {
    const domain = only(stateful, 'AWS::Cognito::UserPoolDomain').properties;
    expect(domain.UserPoolId).toEqual({ Ref: logicalIdOf(stateful, 'AWS::Cognito::UserPool', 'OpsUsers') });
    expect(JSON.stringify(domain.Domain)).toContain('dev-nhs-social-ops-');
  });

  it('has a public client: authorization code (PKCE), no secret, the distribution\'s /console/ as callback and sign-out URL', () => {
    const client = only(stateless, 'AWS::Cognito::UserPoolClient').properties;
    expect(client).toMatchObject({
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: expect.arrayContaining(['openid', 'email']),
      SupportedIdentityProviders: ['COGNITO'],
      PreventUserExistenceErrors: 'ENABLED',
      EnableTokenRevocation: true,
    });
    const distributionId = logicalIdOf(stateless, 'AWS::CloudFront::Distribution', 'ConsoleDistribution');
    const consoleUrl = { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }, '/console/']] };
    expect(client.CallbackURLs).toEqual([consoleUrl]);
    expect(client.LogoutURLs).toEqual([consoleUrl]);
  });

  it("lets the ops API accept the console client's tokens, and its origin (CORS) only", () => {
    const clientId = logicalIdOf(stateless, 'AWS::Cognito::UserPoolClient', 'ConsoleClient');
    const authorizer = only(stateless, 'AWS::ApiGatewayV2::Authorizer').properties;
    expect(authorizer.AuthorizerType).toBe('JWT');
    expect(authorizer.JwtConfiguration.Audience).toHaveLength(2);
    expect(authorizer.JwtConfiguration.Audience).toContainEqual({ Ref: clientId });
    const distributionId = logicalIdOf(stateless, 'AWS::CloudFront::Distribution', 'ConsoleDistribution');
    stateless.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId, 'DomainName'] }]] }],
        AllowHeaders: Match.arrayWith(['authorization', 'content-type', 'idempotency-key']),
        AllowMethods: ['GET', 'POST', 'DELETE'],
      },
    });
  });

  it('outputs the console URL', () => {
    stateless.hasOutput('ConsoleUrl', { Value: Match.anyValue() });
    stateful.hasOutput('OpsSignInDomain', { Value: Match.anyValue() });
  });
});

describe('with an external issuer (config/org.yaml opsApi)', () => {
  it('hosts no console: no bucket deployment, distribution, client or CORS', () => {
    const org = loadOrgConfig();
    const external = buildApp(new App({ context: { ...cdkJsonContext(), 'aws:cdk:bundling-stacks': [] } }), {
      nag: false,
      org: { ...org, opsApi: { jwtIssuer: 'https://login.microsoftonline.com/tenant/v2.0', jwtAudience: ['api://nhs-social-ops'] } },
    });
    const template = Template.fromStack(external.stateless);
    for (const type of ['AWS::CloudFront::Distribution', 'Custom::CDKBucketDeployment', 'AWS::Cognito::UserPoolClient']) template.resourceCountIs(type, 0);
    expect(JSON.stringify(template.findResources('AWS::ApiGatewayV2::Api'))).not.toContain('CorsConfiguration');
  });
});

describe('console build at synth', () => {
  it('uses console/dist when it is built', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    try {
      writeFileSync(join(dir, 'index.html'), '<!doctype html>');
      require('node:fs').mkdirSync(join(dir, 'dist'));
      writeFileSync(join(dir, 'dist', 'index.html'), '<!doctype html>');
      expect(ensureConsoleBuilt(dir)).toBe(join(dir, 'dist'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails with what to do when the console sources are missing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'console-'));
    try {
      expect(() => ensureConsoleBuilt(dir)).toThrow(ConsoleBuildError);
      expect(() => ensureConsoleBuilt(dir)).toThrow(/triage console is not in .* \(no index\.html\)/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
