/**
 * The wiring manifest: every function, what triggers it and what it needs.
 * Both the CDK stacks (infra/) and the local runtime (local/) are built from this one file, and
 * test/infra/wiring.test.ts proves the synthesized template agrees with it.
 * No CDK or AWS SDK imports here: it is plain data over the event contracts.
 */
import {
  DeliveryQuarantined,
  InteractionAssessed,
  InteractionReceived,
  WeeklyDigestSent,
  type EventContract,
} from '../events';
import type { z } from 'zod';

type AnyContract = EventContract<z.ZodType>;

export interface HttpRoute {
  method: 'GET' | 'POST';
  /** API Gateway HTTP API route path, with `{param}` placeholders. */
  path: string;
}

export type Trigger =
  | { kind: 'http'; routes: HttpRoute[] }
  | { kind: 'events'; events: AnyContract[] }
  | {
      kind: 'schedule';
      /** EventBridge Scheduler cron fields, in `timeZone`. */
      cron: { minute: string; hour: string; weekDay: string };
      timeZone: string;
      /** The scheduled invocation's payload. */
      input: Record<string, unknown>;
    };

export interface Needs {
  /** Events it publishes: grants PutEvents on the bus and sets EVENT_BUS_NAME. */
  publishes?: AnyContract[];
  /** Interaction log table access: sets TABLE_NAME. */
  table?: 'read' | 'readWrite';
  /** Secrets it reads, by logical name: sets `<NAME>_SECRET_ID`. */
  secrets?: Array<'meta'>;
  /** Sends email through SES: sets the digest settings from the org config. */
  email?: boolean;
  /** Reads the response matrix: bundles config/response-matrix.yaml and sets MATRIX_PATH. */
  matrix?: boolean;
}

export interface FunctionSpec {
  /** kebab-case verb-noun; also the handler file name under functions/handlers/. */
  name: string;
  description: string;
  trigger: Trigger;
  needs: Needs;
  timeoutSeconds: number;
  memoryMb: number;
  /** Async retries after the first failure (event and schedule targets), then the dead-letter queue. */
  retryAttempts: number;
}

/** Async targets: retried this many times, then dead-lettered. Same number locally and in AWS. */
const ASYNC_RETRIES = 2;

export const FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: 'ingest-webhook',
    description: 'Platform webhooks: handshake, signature on the raw body, normalise, publish InteractionReceived',
    trigger: {
      kind: 'http',
      routes: [
        { method: 'GET', path: '/webhooks/{platform}' },
        { method: 'POST', path: '/webhooks/{platform}' },
      ],
    },
    needs: { publishes: [InteractionReceived, DeliveryQuarantined], secrets: ['meta'] },
    timeoutSeconds: 10,
    memoryMb: 512,
    retryAttempts: 0,
  },
  {
    name: 'apply-response-matrix',
    description: 'Classifies an interaction with the response matrix and publishes InteractionAssessed',
    trigger: { kind: 'events', events: [InteractionReceived] },
    needs: { publishes: [InteractionAssessed], matrix: true },
    timeoutSeconds: 10,
    memoryMb: 512,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'log-interaction',
    description: 'Writes interactions, assessments and audit items to the interaction log (idempotent)',
    trigger: { kind: 'events', events: [InteractionReceived, InteractionAssessed] },
    needs: { table: 'readWrite' },
    timeoutSeconds: 10,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'send-weekly-digest',
    description: 'Builds the weekly board digest from one ISO week of the log and sends it through SES',
    trigger: {
      kind: 'schedule',
      cron: { minute: '0', hour: '8', weekDay: 'MON' },
      timeZone: 'Europe/London',
      input: { trigger: 'schedule' },
    },
    needs: { table: 'read', email: true, publishes: [WeeklyDigestSent] },
    timeoutSeconds: 60,
    memoryMb: 512,
    retryAttempts: ASYNC_RETRIES,
  },
];

/** Environment variable names the manifest's needs map to; functions/shared/config.ts reads the same names. */
export const ENV = {
  eventBusName: 'EVENT_BUS_NAME',
  tableName: 'TABLE_NAME',
  metaSecretId: 'META_SECRET_ID',
  matrixPath: 'MATRIX_PATH',
  trustName: 'TRUST_NAME',
  timeZone: 'TRUST_TIME_ZONE',
  digestFrom: 'DIGEST_FROM',
  digestRecipients: 'DIGEST_RECIPIENTS',
} as const;

/** One EventBridge rule per (function, event): its logical id is stable and shared with the local bus. */
export interface RuleSpec {
  id: string;
  functionName: string;
  event: AnyContract;
  retryAttempts: number;
}

export function eventRules(functions: readonly FunctionSpec[] = FUNCTIONS): RuleSpec[] {
  return functions.flatMap((fn) =>
    fn.trigger.kind === 'events'
      ? fn.trigger.events.map((event) => ({
          id: `${pascal(fn.name)}On${event.detailType}`,
          functionName: fn.name,
          event,
          retryAttempts: fn.retryAttempts,
        }))
      : [],
  );
}

export function pascal(kebab: string): string {
  return kebab
    .split('-')
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

export function functionByName(name: string): FunctionSpec {
  const spec = FUNCTIONS.find((fn) => fn.name === name);
  if (!spec) throw new Error(`no function named ${name} in the wiring manifest`);
  return spec;
}
