/**
 * The environment the handlers see: the manifest's ENV names (what the stack sets on each function)
 * and the standard AWS SDK variables that point every client at a local service. One process hosts
 * every handler, so the union of all functions' variables is set once, before any handler loads.
 */
import { ENV, SECRET_ENV, SECRET_NAMES } from '../infra/wiring';
import { escalationRecipients, type OrgConfig } from '../infra/org-config';
import { LOCAL_CREDENTIALS } from './account';

export interface LocalEndpoints {
  dynamodb: string;
  eventbridge: string;
  ses: string;
  secretsManager: string;
  s3: string;
  /** The local SNS stand-in (notify-owner pages through it). */
  sns?: string;
}

export function handlerEnvironment(options: {
  org: OrgConfig;
  endpoints: LocalEndpoints;
  tableName: string;
  busName: string;
  matrixPath: string;
  rawDeliveryBucket: string;
  /** The paging topic notify-owner publishes P0 escalations to. */
  pagingTopicArn?: string;
  /** config/org.yaml `retention` (or its defaults): what the stack sets as RETENTION_POLICY. */
  retentionPolicy?: unknown;
  /** The served triage console, when its address is known before the API starts (a fixed port). */
  consoleUrl?: string;
}): Record<string, string> {
  const { org, endpoints } = options;
  return {
    AWS_REGION: org.aws.region,
    AWS_DEFAULT_REGION: org.aws.region,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    // No CloudWatch locally: count-interaction's EMF metric lines would only be noise on the console
    // (the counts themselves are in the table, where detect-spikes reads them).
    POWERTOOLS_METRICS_DISABLED: 'true',
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoints.eventbridge,
    AWS_ENDPOINT_URL_SESV2: endpoints.ses,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoints.secretsManager,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    [ENV.eventBusName]: options.busName,
    [ENV.tableName]: options.tableName,
    ...Object.fromEntries(SECRET_NAMES.map((name) => [SECRET_ENV[name], org.secrets[name]])),
    [ENV.rawDeliveryBucket]: options.rawDeliveryBucket,
    [ENV.matrixPath]: options.matrixPath,
    [ENV.trustName]: org.trustName,
    [ENV.timeZone]: org.timeZone,
    [ENV.digestFrom]: org.digest.from,
    [ENV.digestRecipients]: org.digest.recipients.join(','),
    [ENV.notifyFrom]: org.digest.from,
    [ENV.ownerRecipients]: JSON.stringify(escalationRecipients(org)),
    ...(endpoints.sns ? { AWS_ENDPOINT_URL_SNS: endpoints.sns } : {}),
    ...(options.pagingTopicArn ? { [ENV.pagingTopicArn]: options.pagingTopicArn } : {}),
    ...(options.retentionPolicy ? { [ENV.retentionPolicy]: JSON.stringify(options.retentionPolicy) } : {}),
    ...(options.consoleUrl ? { [ENV.consoleUrl]: options.consoleUrl } : {}),
  };
}

/** Sets the variables, dropping a session token that would pair real-looking credentials with the dummy keys. */
export function applyEnvironment(env: Record<string, string>): void {
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.AWS_PROFILE;
  Object.assign(process.env, env);
}
