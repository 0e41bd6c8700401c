/**
 * cdk-nag AwsSolutions over the real app, bundled for real (esbuild, no Docker): the one test that
 * does exactly what `cdk synth` does. Also checks the matrix travels inside the bundle that reads it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { BuiltApp } from '../../infra/app';
import { FUNCTIONS } from '../../infra/wiring';
import { cdkJsonContext, logicalId, testApp } from './synth-app';

let built: BuiltApp;
let assembly: CloudAssembly;

beforeAll(() => {
  built = testApp({ nag: true, bundle: true });
  assembly = built.app.synth();
});

/** Every acknowledgement recorded anywhere in the app: [construct path, rule id, reason]. */
function acknowledgements(app: App): Array<[string, string, unknown]> {
  return app.node.findAll().flatMap((construct) =>
    construct.node.metadata
      .filter((entry) => entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
      .flatMap((entry) => Object.entries(entry.data as Record<string, unknown>).map(([id, reason]) => [construct.node.path, id, reason] as [string, string, unknown])),
  );
}

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged (synth with the plugin did not throw)', () => {
    expect(assembly.stacks.map((stack) => stack.stackName).sort()).toEqual([built.stateful.stackName, built.stateless.stackName].sort());
  });

  it('acknowledges only the expected findings, each with a specific reason', () => {
    const acks = acknowledgements(built.app);
    expect(acks.length).toBeGreaterThan(0);
    for (const [path, id, reason] of acks) {
      expect({ path, id, reason: typeof reason === 'string' && reason.trim().length >= 40 }).toEqual({ path, id, reason: true });
      // IAM5 on a function's own versions (<Fn.Arn>:*) or the raw-delivery bucket's objects (PutObject only);
      // S1 on the raw-delivery archive's access-log bucket (it cannot log into itself).
      // The triage console: S1 and CFR1-4 on its bucket and distribution (static files, default certificate);
      // IAM4/IAM5/L1 only on CDK's own BucketDeployment function (a path under Custom::CDKBucketDeployment).
      if (/\/Custom::CDKBucketDeployment/.test(path)) {
        expect(id).toMatch(/(^|::)AwsSolutions-(L1|IAM4\[Policy::arn:<AWS::Partition>:iam::aws:policy\/service-role\/AWSLambdaBasicExecutionRole\]|IAM5\[(Action::s3:\w+\*|Resource::.+\/\*)\])$/);
        continue;
      }
      expect(id).toMatch(/AwsSolutions-(APIG4|SMG4|S1|CFR[1-4]|IAM5\[Resource::(<\w+\.Arn>:\*|arn:[^:\]]+:s3:::[a-z0-9<>:-]+-raw-[^\]/]+\/\*)\])$/);
    }
  });

  it('is really on: an unencrypted, non-TLS queue fails synth', () => {
    const app = new App({ context: cdkJsonContext() });
    new Queue(new Stack(app, 'Bad'), 'Queue', { enforceSSL: false });
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    expect(() => app.synth()).toThrow();
  });
});

describe('bundles', () => {
  const assetDir = (name: string): string => {
    const stack = built.stateless;
    const template = assembly.getStackByName(stack.stackName).template;
    const code = template.Resources[logicalId(stack, stack.functions.get(name)!.fn)].Properties.Code;
    return join(assembly.directory, `asset.${String(code.S3Key).replace(/\.zip$/, '')}`);
  };

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s is an ESM bundle with a source map', (name) => {
    expect(existsSync(join(assetDir(name), 'index.mjs'))).toBe(true);
    expect(existsSync(join(assetDir(name), 'index.mjs.map'))).toBe(true);
  });

  it.each(FUNCTIONS.map((spec) => [spec.name, spec] as const))('%s carries the response matrix only if it needs it', (name, spec) => {
    expect(existsSync(join(assetDir(name), 'response-matrix.yaml'))).toBe(Boolean(spec.needs.matrix));
  });
});
