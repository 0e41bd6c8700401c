/**
 * No IAM wildcard a narrower grant could replace (issue 9): every `*` in an Action or Resource of an
 * identity policy in either synthesized template must match this allow-list, each with its reason.
 * A new wildcard fails here: narrow it, or add it with a reason a security reviewer would accept.
 * (KMS key policies are not identity policies: their Resource `*` means "this key".)
 */
import type { Template } from 'aws-cdk-lib/assertions';
import { synthTemplates } from './synth-app';

const ALLOWED: ReadonlyArray<{ kind: 'Action' | 'Resource'; match: RegExp; reason: string; /** Only in these resources (logical ids). */ where?: RegExp }> = [
  {
    kind: 'Resource',
    match: /^\{"Fn::GetAtt":\["\w+Function[0-9A-F]{8}","Arn"\]\}:\*$/,
    reason:
      'Scheduler roles: LambdaInvoke grants InvokeFunction on the function and its qualified ARNs (versions/aliases) of that one function only (acknowledged IAM5 in StatelessStack.schedulerRole).',
  },
  {
    kind: 'Resource',
    match: /^arn:aws:s3:::[a-z0-9-]+-nhs-social-raw-\{"Ref":"AWS::AccountId"\}-[a-z0-9-]+\/\*$/,
    reason: 'ingest-webhook: PutObject only on the raw-delivery bucket, whose object keys are chosen per delivery (acknowledged IAM5 in ServiceFunction.bindRawArchive).',
  },
  {
    kind: 'Action',
    match: /^s3:(GetObject|GetBucket|List|PutObject|DeleteObject|Abort)\*$/,
    where: /^CustomCDKBucketDeployment/,
    reason:
      'CDK\'s BucketDeployment (triage console): reads the zipped build from the CDK asset bucket, copies it into the console bucket and prunes stale files, at deploy time only (acknowledged IAM5 in ConsoleHosting.deploy).',
  },
  {
    kind: 'Resource',
    match: /^(\{"Fn::GetAtt":\["ConsoleBucket[0-9A-F]{8}","Arn"\]\}|arn:aws:s3:::\{"Fn::Sub":"cdk-hnb659fds-assets-\$\{AWS::AccountId\}-[a-z0-9-]+"\})\/\*$/,
    where: /^CustomCDKBucketDeployment/,
    reason: 'CDK\'s BucketDeployment (triage console): the objects of the CDK asset bucket (the build) and of the console bucket, nothing else (acknowledged IAM5 in ConsoleHosting.deploy).',
  },
];

/** A policy value rendered to one string: literals as is, intrinsics as compact JSON, Fn::Join flattened. */
function render(value: unknown): string {
  if (typeof value === 'string') return value;
  const join = (value as { 'Fn::Join'?: [string, unknown[]] })['Fn::Join'];
  if (join) return join[1].map(render).join(join[0]);
  return JSON.stringify(value);
}

function wildcards(template: Template): Array<{ where: string; kind: 'Action' | 'Resource'; value: string }> {
  const found: Array<{ where: string; kind: 'Action' | 'Resource'; value: string }> = [];
  const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  for (const [id, resource] of Object.entries(resources)) {
    const documents =
      resource.Type === 'AWS::IAM::Policy' || resource.Type === 'AWS::IAM::ManagedPolicy'
        ? [resource.Properties.PolicyDocument]
        : resource.Type === 'AWS::IAM::Role'
          ? (resource.Properties.Policies ?? []).map((policy: { PolicyDocument: unknown }) => policy.PolicyDocument)
          : [];
    for (const document of documents) {
      for (const statement of document.Statement) {
        if (statement.Effect !== 'Allow') continue;
        for (const kind of ['Action', 'Resource'] as const) {
          for (const value of [statement[kind] ?? []].flat().map(render)) {
            if (value.includes('*')) found.push({ where: id, kind, value });
          }
        }
      }
    }
  }
  return found;
}

let templates: Template[];

beforeAll(() => {
  const built = synthTemplates();
  templates = [built.statefulTemplate, built.statelessTemplate];
});

describe('IAM wildcards', () => {
  it('has no Action wildcard and no Resource wildcard outside the allow-list', () => {
    const unexpected = templates
      .flatMap(wildcards)
      .filter((wildcard) => !ALLOWED.some((allowed) => allowed.kind === wildcard.kind && allowed.match.test(wildcard.value) && (allowed.where?.test(wildcard.where) ?? true)));
    expect(unexpected).toEqual([]);
  });

  it('every allow-list entry is still needed and has a reason', () => {
    const found = templates.flatMap(wildcards);
    for (const allowed of ALLOWED) {
      expect(allowed.reason.length).toBeGreaterThanOrEqual(40);
      expect(found.some((wildcard) => wildcard.kind === allowed.kind && allowed.match.test(wildcard.value))).toBe(true);
    }
  });

  it('would catch a new wildcard', () => {
    const probe = { toJSON: () => ({ Resources: { P: { Type: 'AWS::IAM::Policy', Properties: { PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'dynamodb:*', Resource: '*' }] } } } } }) } as unknown as Template;
    expect(wildcards(probe).map((wildcard) => wildcard.kind)).toEqual(['Action', 'Resource']);
  });
});
