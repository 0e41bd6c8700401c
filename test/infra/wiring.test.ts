/**
 * The deployed wiring equals the manifest. The local runtime is built from the same manifest
 * (infra/wiring.ts), so this is what proves `npm start` routes events, requests and schedules as AWS will.
 */
import { wiringFromTemplate, type TemplateWiring } from '../../infra/template-wiring';
import { eventRules, FUNCTIONS } from '../../infra/wiring';
import { apiRoutes } from '../../local/api-gateway';
import { synthTemplates } from './synth-app';

let wiring: TemplateWiring;

beforeAll(() => {
  wiring = wiringFromTemplate(synthTemplates().statelessTemplate.toJSON());
});

/** Order-free comparison: sort by a canonical (key-sorted) JSON form. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}
const sorted = <T>(items: T[]): T[] => [...items].sort((a, b) => canonical(a).localeCompare(canonical(b)));

describe('synthesized wiring = the wiring manifest', () => {
  it('routes each event pattern to the same function, with the same retries and a DLQ', () => {
    const expected = eventRules(FUNCTIONS).map((rule) => ({
      pattern: rule.event.pattern,
      functionName: rule.functionName,
      retryAttempts: rule.retryAttempts,
      hasDeadLetterQueue: true,
    }));
    const actual = wiring.rules.map(({ pattern, functionName, retryAttempts, hasDeadLetterQueue }) => ({
      pattern,
      functionName,
      retryAttempts,
      hasDeadLetterQueue,
    }));
    expect(sorted(actual)).toEqual(sorted(expected));
  });

  it('routes each HTTP method and path to the same function', () => {
    const expected = FUNCTIONS.flatMap((spec) =>
      spec.trigger.kind === 'http'
        ? spec.trigger.routes.map((route) => ({ method: route.method, path: route.path, functionName: spec.name, ...(route.auth ? { auth: route.auth } : {}) }))
        : [],
    );
    expect(sorted(wiring.routes)).toEqual(sorted(expected));
  });

  it('schedules the same functions with the same cron, time zone and input', () => {
    const expected = FUNCTIONS.flatMap((spec) =>
      spec.trigger.kind === 'schedule'
        ? [
            {
              expression: `cron(${spec.trigger.cron.minute} ${spec.trigger.cron.hour} ? * ${spec.trigger.cron.weekDay} *)`,
              timeZone: spec.trigger.timeZone,
              functionName: spec.name,
              input: spec.trigger.input,
              retryAttempts: spec.retryAttempts,
              hasDeadLetterQueue: true,
            },
          ]
        : [],
    );
    expect(sorted(wiring.schedules)).toEqual(sorted(expected));
  });

  it('has no trigger the manifest does not know about', () => {
    const names = new Set(FUNCTIONS.map((spec) => spec.name));
    for (const item of [...wiring.rules, ...wiring.routes, ...wiring.schedules]) {
      expect(names).toContain(item.functionName);
    }
  });
});

// The local bus's rules are eventRules() (test/integration/local-system.test.ts checks the running system),
// which the first describe above proves equal to the deployed rules.
describe('synthesized wiring = what the local runtime mounts', () => {
  it('the local HTTP API serves exactly the deployed routes', () => {
    const local = apiRoutes(FUNCTIONS).map(({ method, path, functionName, auth }) => ({ method, path, functionName, ...(auth ? { auth } : {}) }));
    expect(sorted(local)).toEqual(sorted(wiring.routes));
  });

  it('puts every ops API route behind the JWT authorizer, in AWS and locally, and no webhook route', () => {
    const jwt = (routes: Array<{ path: string; auth?: string }>) => routes.filter((route) => route.auth === 'jwt').map((route) => route.path);
    expect(wiring.routes.some((route) => route.functionName === 'ops-api')).toBe(true);
    const jwtFunctions = new Set(['ops-api', 'preview-digest']);
    for (const route of wiring.routes) expect({ route: `${route.method} ${route.path}`, jwt: route.auth === 'jwt' }).toEqual({ route: `${route.method} ${route.path}`, jwt: jwtFunctions.has(route.functionName) });
    expect(sorted(jwt(apiRoutes(FUNCTIONS)))).toEqual(sorted(jwt(wiring.routes)));
  });

});

describe('wiringFromTemplate', () => {
  it('reads a hand-written template', () => {
    const template = {
      Resources: {
        Fn1: { Type: 'AWS::Lambda::Function', Properties: { Tags: [{ Key: 'nhs-social:function', Value: 'do-thing' }] } },
        Other: { Type: 'AWS::Lambda::Function', Properties: {} },
        Rule1: {
          Type: 'AWS::Events::Rule',
          Properties: {
            EventPattern: { source: ['a'] },
            Targets: [
              { Arn: { 'Fn::GetAtt': ['Fn1', 'Arn'] }, RetryPolicy: { MaximumRetryAttempts: 1 } },
              { Arn: { 'Fn::GetAtt': ['Other', 'Arn'] } },
            ],
          },
        },
        Integ: { Type: 'AWS::ApiGatewayV2::Integration', Properties: { IntegrationUri: { 'Fn::GetAtt': ['Fn1', 'Arn'] } } },
        Route: {
          Type: 'AWS::ApiGatewayV2::Route',
          Properties: { RouteKey: 'POST /x/{id}', Target: { 'Fn::Join': ['', ['integrations/', { Ref: 'Integ' }]] } },
        },
      },
    };
    expect(wiringFromTemplate(template)).toEqual({
      rules: [{ pattern: { source: ['a'] }, functionName: 'do-thing', retryAttempts: 1, maxEventAgeSeconds: undefined, hasDeadLetterQueue: false }],
      routes: [{ method: 'POST', path: '/x/{id}', functionName: 'do-thing' }],
      schedules: [],
    });
  });
});
