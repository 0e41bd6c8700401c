/**
 * Every event pattern the synthesized templates deploy (rules and the bus archive) is one EventBridge
 * accepts, by the local validator that `npm run conformance:eventbridge` holds to AWS's behaviour; and
 * the local archive keeps what the deployed archive keeps.
 */
import { ARCHIVE_EVENT_PATTERN } from '../../local/event-bus';
import { validatePattern } from '../../local/event-pattern';
import { synthTemplates } from './synth-app';

interface DeployedPattern {
  stack: string;
  logicalId: string;
  type: string;
  pattern: unknown;
}

const templates = synthTemplates();
const deployed: DeployedPattern[] = (
  [
    ['stateful', templates.statefulTemplate],
    ['stateless', templates.statelessTemplate],
  ] as const
).flatMap(([stack, template]) =>
  Object.entries((template.toJSON() as { Resources?: Record<string, { Type: string; Properties?: { EventPattern?: unknown } }> }).Resources ?? {})
    .filter(([, resource]) => resource.Properties?.EventPattern !== undefined)
    .map(([logicalId, resource]) => ({ stack, logicalId, type: resource.Type, pattern: resource.Properties!.EventPattern })),
);

describe('deployed event patterns', () => {
  it('covers the rules and the archive', () => {
    expect(deployed.filter((item) => item.type === 'AWS::Events::Rule').length).toBeGreaterThan(0);
    expect(deployed.filter((item) => item.type === 'AWS::Events::Archive')).toHaveLength(1);
  });

  it.each(deployed)('$stack $type $logicalId has a pattern EventBridge accepts', ({ pattern }) => {
    expect(() => validatePattern(pattern)).not.toThrow();
  });

  it('the local archive keeps what the deployed archive keeps', () => {
    const archive = deployed.find((item) => item.type === 'AWS::Events::Archive');
    expect(archive?.pattern).toEqual(ARCHIVE_EVENT_PATTERN);
  });
});
