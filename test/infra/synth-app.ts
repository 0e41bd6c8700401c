import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CfnElement, Stack } from 'aws-cdk-lib';
import { buildApp, type BuildAppOptions, type BuiltApp } from '../../infra/app';

const REPO_ROOT = join(__dirname, '..', '..');

/** The same context `cdk synth` gets from cdk.json (feature flags included), so tests see what deploys. */
export function cdkJsonContext(): Record<string, unknown> {
  return JSON.parse(readFileSync(join(REPO_ROOT, 'cdk.json'), 'utf8')).context;
}

export interface TestAppOptions extends BuildAppOptions {
  /** Bundle the handlers with esbuild (slower); off by default. */
  readonly bundle?: boolean;
}

/** Builds the real app (config/org.yaml, the wiring manifest). cdk-nag is off unless asked for. */
export function testApp(options: TestAppOptions = {}): BuiltApp {
  const context = cdkJsonContext();
  if (!options.bundle) context['aws:cdk:bundling-stacks'] = [];
  return buildApp(new App({ context }), { nag: false, ...options });
}

export interface Templates extends BuiltApp {
  readonly statefulTemplate: Template;
  readonly statelessTemplate: Template;
}

/** One synth per test file: call it in beforeAll. */
export function synthTemplates(options: TestAppOptions = {}): Templates {
  const built = testApp(options);
  return {
    ...built,
    statefulTemplate: Template.fromStack(built.stateful),
    statelessTemplate: Template.fromStack(built.stateless),
  };
}

export function logicalId(stack: Stack, construct: { node: { defaultChild?: unknown } }): string {
  return stack.getLogicalId(construct.node.defaultChild as CfnElement);
}
