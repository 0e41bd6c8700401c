/**
 * Reads the wiring back out of a synthesized CloudFormation template: which event pattern invokes which
 * function, which HTTP route, which schedule. test/infra/wiring.test.ts compares it with the manifest
 * (infra/wiring.ts), so the local runtime, which is built from the same manifest, routes exactly as AWS will.
 * Plain JSON in, plain data out: no aws-cdk-lib import, so local/ can use it on `cdk.out/*.template.json`.
 */

/** Tag every ServiceFunction carries with its manifest name (FunctionSpec.name). */
export const FUNCTION_NAME_TAG = 'nhs-social:function';

export interface TemplateRule {
  /** The rule's EventPattern exactly as deployed. */
  pattern: unknown;
  functionName: string;
  retryAttempts?: number;
  maxEventAgeSeconds?: number;
  hasDeadLetterQueue: boolean;
}

export interface TemplateRoute {
  method: string;
  path: string;
  functionName: string;
  /** `jwt` when the route has a JWT authorizer (the manifest's `auth: 'jwt'`); absent when open at the gateway. */
  auth?: 'jwt';
}

export interface TemplateSchedule {
  /** e.g. `cron(0 8 ? * MON *)` */
  expression: string;
  timeZone?: string;
  functionName: string;
  /** The target's input, parsed from its JSON string. */
  input?: unknown;
  retryAttempts?: number;
  hasDeadLetterQueue: boolean;
}

export interface TemplateWiring {
  rules: TemplateRule[];
  routes: TemplateRoute[];
  schedules: TemplateSchedule[];
}

interface CfnResource {
  Type: string;
  Properties?: Record<string, unknown>;
}
export interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
}

export function wiringFromTemplate(template: CfnTemplate): TemplateWiring {
  const resources = template.Resources ?? {};
  const functionNames = new Map<string, string>();
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Lambda::Function') continue;
    const tags = (resource.Properties?.Tags ?? []) as Array<{ Key: string; Value: string }>;
    const name = tags.find((tag) => tag.Key === FUNCTION_NAME_TAG)?.Value;
    if (name) functionNames.set(logicalId, name);
  }
  const functionIn = (value: unknown): string | undefined =>
    referencedIds(value)
      .map((id) => functionNames.get(id))
      .find((name) => name !== undefined);

  const rules: TemplateRule[] = [];
  const routes: TemplateRoute[] = [];
  const schedules: TemplateSchedule[] = [];

  for (const resource of Object.values(resources)) {
    const props = resource.Properties ?? {};
    if (resource.Type === 'AWS::Events::Rule') {
      for (const target of (props.Targets ?? []) as Array<Record<string, unknown>>) {
        const functionName = functionIn(target.Arn);
        if (!functionName) continue;
        const retry = target.RetryPolicy as { MaximumRetryAttempts?: number; MaximumEventAgeInSeconds?: number } | undefined;
        rules.push({
          pattern: props.EventPattern,
          functionName,
          retryAttempts: retry?.MaximumRetryAttempts,
          maxEventAgeSeconds: retry?.MaximumEventAgeInSeconds,
          hasDeadLetterQueue: target.DeadLetterConfig !== undefined,
        });
      }
    } else if (resource.Type === 'AWS::ApiGatewayV2::Route') {
      const [method, path] = String(props.RouteKey).split(' ');
      const integration = referencedIds(props.Target)
        .map((id) => resources[id])
        .find((candidate) => candidate?.Type === 'AWS::ApiGatewayV2::Integration');
      const functionName = functionIn(integration?.Properties?.IntegrationUri);
      if (method && path && functionName) routes.push({ method, path, functionName, ...(props.AuthorizationType === 'JWT' ? { auth: 'jwt' as const } : {}) });
    } else if (resource.Type === 'AWS::Scheduler::Schedule') {
      const target = (props.Target ?? {}) as Record<string, unknown>;
      const functionName = functionIn(target.Arn);
      if (!functionName) continue;
      const retry = target.RetryPolicy as { MaximumRetryAttempts?: number } | undefined;
      schedules.push({
        expression: String(props.ScheduleExpression),
        timeZone: props.ScheduleExpressionTimezone as string | undefined,
        functionName,
        input: typeof target.Input === 'string' ? JSON.parse(target.Input) : undefined,
        retryAttempts: retry?.MaximumRetryAttempts,
        hasDeadLetterQueue: target.DeadLetterConfig !== undefined,
      });
    }
  }

  const byKey = <T>(key: (item: T) => string) => (a: T, b: T) => key(a).localeCompare(key(b));
  return {
    rules: rules.sort(byKey((rule) => `${rule.functionName} ${JSON.stringify(rule.pattern)}`)),
    routes: routes.sort(byKey((route) => `${route.path} ${route.method}`)),
    schedules: schedules.sort(byKey((schedule) => schedule.functionName)),
  };
}

/** Logical ids named by `Ref` / `Fn::GetAtt` anywhere inside a CloudFormation value. */
function referencedIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (value === null || typeof value !== 'object') return [];
  const ids: string[] = [];
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'Ref' && typeof inner === 'string') ids.push(inner);
    else if (key === 'Fn::GetAtt') {
      const target = Array.isArray(inner) ? inner[0] : String(inner).split('.')[0];
      if (typeof target === 'string') ids.push(target);
    } else ids.push(...referencedIds(inner));
  }
  return ids;
}
