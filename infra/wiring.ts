/**
 * The wiring manifest: every function, what triggers it and what it needs.
 * Both the CDK stacks (infra/) and the local runtime (local/) are built from this one file, and
 * test/infra/wiring.test.ts proves the synthesized template agrees with it.
 * No CDK or AWS SDK imports here: it is plain data over the event contracts.
 */
import {
  AudienceChanged,
  ConnectorHealthChanged,
  DeliveryQuarantined,
  EscalationRaised,
  InteractionAssessed,
  InteractionDeleted,
  InteractionEdited,
  InteractionReassessed,
  InteractionReceived,
  SlaBreached,
  SpikeDetected,
  WeeklyDigestSent,
  type EventContract,
} from '../events';
import type { z } from 'zod';

type AnyContract = EventContract<z.ZodType>;

export interface HttpRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** API Gateway HTTP API route path, with `{param}` placeholders. */
  path: string;
  /**
   * `jwt`: the gateway refuses the request (401) without a valid JWT and hands its claims to the handler
   * (AWS: the HTTP API's JWT authorizer; locally: the dev token). Absent: open at the gateway, the
   * handler authenticates (webhooks: HMAC signature).
   */
  auth?: 'jwt';
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

/** Platform secrets in Secrets Manager, by logical name (config/org.yaml `secrets`). */
export const SECRET_NAMES = ['meta', 'x', 'linkedin', 'tiktok', 'youtube', 'careopinion'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

export interface Needs {
  /** Events it publishes: grants PutEvents on the bus and sets EVENT_BUS_NAME. */
  publishes?: AnyContract[];
  /** Interaction log table access: sets TABLE_NAME. */
  table?: 'read' | 'readWrite';
  /** Secrets it reads, by logical name: sets `<NAME>_SECRET_ID`. */
  secrets?: SecretName[];
  /** Writes raw platform deliveries to the archive bucket: sets RAW_DELIVERY_BUCKET. */
  rawArchive?: 'write';
  /** Sends email through SES: sets the digest settings from the org config. */
  email?: boolean;
  /** Reads the response matrix: bundles config/response-matrix.yaml and sets MATRIX_PATH. */
  matrix?: boolean;
  /** Writes interaction records: the retention policy (config/org.yaml `retention`) as RETENTION_POLICY (JSON). */
  retention?: boolean;
  /** Emails owner teams (SLA breaches): SES send from the org's sender (NOTIFY_FROM) to OWNER_RECIPIENTS (JSON); no paging. */
  ownerEmail?: boolean;
  /** Renders charts: bundles the PNG renderer's WebAssembly and fonts next to the handler (functions/shared/chart-assets.ts). */
  charts?: boolean;
  /**
   * Publishes CloudWatch metrics in the embedded metric format (log lines, no API call): sets
   * POWERTOOLS_METRICS_NAMESPACE to `<stage>-nhs-social`, the namespace the ops alarms watch.
   */
  metrics?: boolean;
  /**
   * Notifies owner teams: SES send from the org's sender identity (NOTIFY_FROM), the owner teams'
   * addresses from the org config (OWNER_RECIPIENTS, JSON) and Publish on the paging topic (PAGING_TOPIC_ARN).
   */
  notify?: boolean;
  /**
   * Emails link to items in the triage console: CONSOLE_URL, set where the console is known (the stack's
   * hosted console; locally the served one). Absent, the emails say where to go without a link.
   */
  consoleLink?: boolean;
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

/** The ops API (docs/ops-api.openapi.yaml): every route needs a JWT at the gateway. */
export const OPS_API_ROUTES: HttpRoute[] = [
  { method: 'GET', path: '/interactions', auth: 'jwt' },
  { method: 'GET', path: '/interactions/{id}', auth: 'jwt' },
  { method: 'POST', path: '/interactions/{id}/assign', auth: 'jwt' },
  { method: 'POST', path: '/interactions/{id}/reply', auth: 'jwt' },
  { method: 'POST', path: '/interactions/{id}/override', auth: 'jwt' },
  { method: 'POST', path: '/interactions/{id}/close', auth: 'jwt' },
  { method: 'GET', path: '/export', auth: 'jwt' },
  { method: 'GET', path: '/authors/{platform}/{id}', auth: 'jwt' },
  { method: 'DELETE', path: '/authors/{platform}/{id}', auth: 'jwt' },
  { method: 'GET', path: '/matrix', auth: 'jwt' },
  { method: 'GET', path: '/incident', auth: 'jwt' },
  { method: 'POST', path: '/incident', auth: 'jwt' },
  { method: 'POST', path: '/incident/end', auth: 'jwt' },
];

/** The console's digest pages (same API, same JWT; docs/ops-api.openapi.yaml): their own function, for the chart renderer. */
export const DIGEST_PREVIEW_ROUTES: HttpRoute[] = [
  { method: 'GET', path: '/digests', auth: 'jwt' },
  { method: 'GET', path: '/digests/{week}', auth: 'jwt' },
];

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
    needs: {
      publishes: [InteractionReceived, InteractionEdited, InteractionDeleted, ConnectorHealthChanged, AudienceChanged, DeliveryQuarantined],
      secrets: ['meta', 'x', 'linkedin', 'tiktok', 'youtube'],
      rawArchive: 'write',
    },
    timeoutSeconds: 10,
    memoryMb: 512,
    retryAttempts: 0,
  },
  {
    name: 'apply-response-matrix',
    description: 'Classifies an interaction with the response matrix and publishes InteractionAssessed; decides again on an edit (InteractionReassessed)',
    trigger: { kind: 'events', events: [InteractionReceived, InteractionEdited] },
    // table (read): the major-incident mode in force (pk=INCIDENT sk=CURRENT), cached for 30 s; an edited
    // interaction as logged (pk=INT#<id> sk=INTERACTION), to decide again on its new words.
    needs: { publishes: [InteractionAssessed, InteractionReassessed, EscalationRaised], matrix: true, table: 'read' },
    timeoutSeconds: 10,
    memoryMb: 512,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'log-interaction',
    description: 'Writes interactions, assessments, audit items, connector health changes and audience changes to the interaction log (idempotent)',
    trigger: { kind: 'events', events: [InteractionReceived, InteractionAssessed, InteractionEdited, InteractionReassessed, InteractionDeleted, ConnectorHealthChanged, AudienceChanged] },
    // matrix: its calendar gives the first response time in working hours when intake sees the trust's own reply.
    needs: { table: 'readWrite', matrix: true, retention: true },
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
    // readWrite: the digest record (exactly once per week and recipient list) and the week summaries.
    // matrix: the change programmes and the pre-election calendar the digest reports on.
    needs: { table: 'readWrite', email: true, publishes: [WeeklyDigestSent], charts: true, matrix: true },
    timeoutSeconds: 120,
    memoryMb: 1024,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'notify-owner',
    description: 'Emails the owner team of an escalated decision through SES and, for P0, pages on-call through SNS: once per interaction and priority',
    trigger: { kind: 'events', events: [EscalationRaised] },
    // table: the notice claim (pk=INT#<id> sk=NOTIFIED#<priority>) that makes each escalation go out once;
    // retention: the claim expires with the interaction's record.
    needs: { notify: true, table: 'readWrite', retention: true, consoleLink: true },
    timeoutSeconds: 10,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'pull-care-opinion',
    description: 'Care Opinion connector: pages new opinions from API v2 (5 req/s), publishes InteractionReceived, keeps its cursor',
    trigger: {
      kind: 'schedule',
      cron: { minute: '0/15', hour: '*', weekDay: '*' },
      timeZone: 'Europe/London',
      input: { trigger: 'schedule' },
    },
    needs: { table: 'readWrite', secrets: ['careopinion'], publishes: [InteractionReceived, ConnectorHealthChanged] },
    timeoutSeconds: 120,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'ops-api',
    description: 'The comms team\'s ops API (JWT): the queue, one interaction with its audit trail, assign/reply/override/close, CSV export, subject access and erasure, major-incident mode',
    trigger: { kind: 'http', routes: OPS_API_ROUTES },
    // publishes: an override that raises an open item to a priority the matrix escalates (notify-owner tells the team).
    needs: { table: 'readWrite', matrix: true, retention: true, publishes: [EscalationRaised] },
    // API Gateway waits 30 s at most for an HTTP API integration.
    timeoutSeconds: 29,
    memoryMb: 512,
    retryAttempts: 0,
  },
  {
    name: 'preview-digest',
    description: 'The console\'s digest pages (JWT): which weeks\' digests went out, and any week\'s digest rendered now as the board sees it; sends nothing',
    trigger: { kind: 'http', routes: DIGEST_PREVIEW_ROUTES },
    // read: the week index, kept summaries, health, audience and digest records; nothing is written.
    // matrix: the programmes and pre-election calendar the digest reports on.
    needs: { table: 'read', matrix: true, charts: true },
    timeoutSeconds: 29,
    memoryMb: 1024,
    retryAttempts: 0,
  },
  {
    name: 'watch-sla',
    description: 'Every 5 minutes: open interactions past their SLA due time (index query), SlaBreached once per item and level, email to the owner team',
    trigger: {
      kind: 'schedule',
      cron: { minute: '0/5', hour: '*', weekDay: '*' },
      timeZone: 'Europe/London',
      input: { trigger: 'schedule' },
    },
    // matrix: the owner teams' names for the emails.
    needs: { table: 'readWrite', retention: true, publishes: [SlaBreached], ownerEmail: true, matrix: true, consoleLink: true },
    timeoutSeconds: 60,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'expire-content',
    description: 'Every 15 minutes: removes message text and author identifiers whose platform terms (LinkedIn: 48 hours) end before the next run',
    trigger: {
      kind: 'schedule',
      cron: { minute: '0/15', hour: '*', weekDay: '*' },
      timeZone: 'Europe/London',
      input: { trigger: 'schedule' },
    },
    needs: { table: 'readWrite', retention: true },
    timeoutSeconds: 60,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'count-interaction',
    description: 'Counts each assessed inbound interaction once in its 15-minute bucket of every series (overall, category, programme) for spike detection, and as CloudWatch metrics',
    trigger: { kind: 'events', events: [InteractionAssessed] },
    // readWrite: the counters (pk=SPIKECOUNT#<day>); matrix: the spike settings (bucket size, lookback).
    needs: { table: 'readWrite', matrix: true, metrics: true },
    timeoutSeconds: 10,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'detect-spikes',
    description: 'Every 5 minutes: the latest window of each series against the same window on comparable earlier days; SpikeDetected once per spike',
    trigger: {
      kind: 'schedule',
      cron: { minute: '0/5', hour: '*', weekDay: '*' },
      timeZone: 'Europe/London',
      input: { trigger: 'schedule' },
    },
    // readWrite: reads the counters, claims each spike (pk=SPIKE#<day> sk=REC#...); matrix: settings, calendar, programmes.
    needs: { table: 'readWrite', matrix: true, publishes: [SpikeDetected] },
    timeoutSeconds: 60,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
  {
    name: 'notify-spike',
    description: 'Emails the owner team about a spike (counts, window, common words; how to switch on major-incident mode when suggested): once per spike',
    trigger: { kind: 'events', events: [SpikeDetected] },
    // table: the notice claim (pk=SPIKE#<day> sk=NOTICE#<spikeId>) that makes each spike's email go out once.
    // matrix: the theme vocabulary, so the email shows theme words only, even for an event replayed from the archive.
    needs: { table: 'readWrite', ownerEmail: true, matrix: true },
    timeoutSeconds: 10,
    memoryMb: 256,
    retryAttempts: ASYNC_RETRIES,
  },
];

/** Environment variable names the manifest's needs map to; functions/shared/config.ts reads the same names. */
export const ENV = {
  eventBusName: 'EVENT_BUS_NAME',
  tableName: 'TABLE_NAME',
  metaSecretId: 'META_SECRET_ID',
  xSecretId: 'X_SECRET_ID',
  linkedinSecretId: 'LINKEDIN_SECRET_ID',
  tiktokSecretId: 'TIKTOK_SECRET_ID',
  youtubeSecretId: 'YOUTUBE_SECRET_ID',
  careOpinionSecretId: 'CARE_OPINION_SECRET_ID',
  rawDeliveryBucket: 'RAW_DELIVERY_BUCKET',
  matrixPath: 'MATRIX_PATH',
  trustName: 'TRUST_NAME',
  timeZone: 'TRUST_TIME_ZONE',
  digestFrom: 'DIGEST_FROM',
  digestRecipients: 'DIGEST_RECIPIENTS',
  notifyFrom: 'NOTIFY_FROM',
  ownerRecipients: 'OWNER_RECIPIENTS',
  pagingTopicArn: 'PAGING_TOPIC_ARN',
  retentionPolicy: 'RETENTION_POLICY',
  consoleUrl: 'CONSOLE_URL',
  metricsNamespace: 'POWERTOOLS_METRICS_NAMESPACE',
} as const;

/** The variable that carries each secret's id (`<NAME>_SECRET_ID`). */
export const SECRET_ENV: Readonly<Record<SecretName, string>> = {
  meta: ENV.metaSecretId,
  x: ENV.xSecretId,
  linkedin: ENV.linkedinSecretId,
  tiktok: ENV.tiktokSecretId,
  youtube: ENV.youtubeSecretId,
  careopinion: ENV.careOpinionSecretId,
};

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
