import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { platformSchema } from '../events/interaction';
import { DEFAULT_RETENTION, retentionPolicySchema, type RetentionPolicy } from '../functions/core/interactions/retention';

/** The bus archive's default retention: long enough to replay after a bug fix, short enough for erasure. */
export const DEFAULT_BUS_ARCHIVE_DAYS = 30;
/** CloudWatch evaluates an alarm over 7 days at most (hourly periods x evaluation periods). */
export const MAX_CONNECTOR_SILENCE_HOURS = 168;

export const orgConfigSchema = z.object({
  trustName: z.string().min(3),
  timeZone: z.string().refine(isTimeZone, 'must be an IANA time zone such as Europe/London'),
  aws: z.object({
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be an AWS region such as eu-west-2'),
    stage: z.string().regex(/^[a-z][a-z0-9-]{0,15}$/, 'lower-case letters, digits and dashes, 16 at most'),
  }),
  digest: z.object({
    from: z.email(),
    recipients: z.array(z.email()).min(1),
  }),
  /**
   * Who receives EscalationRaised emails, by owner team id (the `teams` of config/response-matrix.yaml);
   * `default` is for teams not listed. Sent from digest.from (the stack's verified SES identity).
   * Optional: without it, escalations go to the digest recipients.
   */
  escalation: z
    .object({
      recipients: z
        .record(z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a team id from the response matrix'), z.array(z.email()).min(1))
        .refine((map) => 'default' in map, 'must have a "default" list for teams without their own'),
    })
    .optional(),
  /**
   * How long the interaction log keeps what (functions/core/interactions/retention.ts). Optional: the
   * defaults (2 years; LinkedIn text 48 hours; audit 10 years) apply without it.
   */
  retention: retentionPolicySchema.optional(),
  /**
   * The ops API's sign-in. Without `jwtIssuer` the stateful stack creates a Cognito user pool (and its
   * groups) and the API trusts its tokens; with it, the API trusts tokens of that OIDC issuer (e.g. the
   * trust's Entra ID) whose `aud` (or `client_id`) is one of `jwtAudience`.
   */
  opsApi: z
    .object({
      jwtIssuer: z.url({ protocol: /^https$/, error: 'must be the issuer\'s https URL' }).optional(),
      jwtAudience: z.array(z.string().min(1)).min(1).optional(),
    })
    .refine((api) => (api.jwtIssuer === undefined) === (api.jwtAudience === undefined), {
      path: ['jwtAudience'],
      message: 'give jwtIssuer and jwtAudience together (or neither, for the Cognito user pool the stack creates)',
    })
    .optional(),
  /**
   * The bus archive (replay). Every archived event keeps its message text and author names and
   * EventBridge cannot delete single archived events, so an erasure request cannot reach them: keep
   * the window short. Checked against retention.days below (never longer than the log keeps anything).
   */
  busArchive: z
    .object({ retentionDays: z.number().int().min(1).max(365) })
    .optional(),
  /**
   * Alarms that depend on the trust's traffic. `connectorSilenceHours`: per platform, the hours without a
   * single accepted delivery (Care Opinion: a pulled story) after which the `<platform>-silent` alarm
   * fires. Platforms not listed are not watched.
   */
  monitoring: z
    .object({
      connectorSilenceHours: z
        .partialRecord(platformSchema, z.number().int().min(1).max(MAX_CONNECTOR_SILENCE_HOURS, `at most ${MAX_CONNECTOR_SILENCE_HOURS} hours (CloudWatch alarms look back 7 days at most)`))
        .optional(),
    })
    .optional(),
  /** Secrets Manager secret names, one per platform connection (see SECRET_NAMES in infra/wiring.ts). */
  secrets: z.object({
    meta: z.string().min(1),
    x: z.string().min(1),
    linkedin: z.string().min(1),
    tiktok: z.string().min(1),
    youtube: z.string().min(1),
    careopinion: z.string().min(1),
  }),
}).superRefine((org, ctx) => {
  const archiveDays = org.busArchive?.retentionDays;
  const logDays = Math.min(...Object.values((org.retention ?? DEFAULT_RETENTION).days));
  if (archiveDays !== undefined && archiveDays > logDays) {
    ctx.addIssue({
      code: 'custom',
      path: ['busArchive', 'retentionDays'],
      message: `must not be longer than the shortest retention.days (${logDays}): archived events carry message text an erasure cannot reach`,
    });
  }
});
export type OrgConfig = z.infer<typeof orgConfigSchema>;

export const DEFAULT_ORG_CONFIG_PATH = 'config/org.yaml';

export class OrgConfigError extends Error {
  override name = 'OrgConfigError';
}

export function parseOrgConfig(text: string, sourceName = DEFAULT_ORG_CONFIG_PATH): OrgConfig {
  const result = orgConfigSchema.safeParse(parse(text));
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new OrgConfigError(`${sourceName} is not valid:\n${problems.join('\n')}`);
  }
  return result.data;
}

export function loadOrgConfig(path = DEFAULT_ORG_CONFIG_PATH): OrgConfig {
  return parseOrgConfig(readFileSync(path, 'utf8'), path);
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Owner team id -> email addresses for escalations, always with a `default` entry. */
export function escalationRecipients(org: OrgConfig): Record<string, string[]> {
  return org.escalation?.recipients ?? { default: org.digest.recipients };
}

/** Days the bus archive keeps events: the org's own, or DEFAULT_BUS_ARCHIVE_DAYS. */
export function busArchiveDays(org: OrgConfig): number {
  return org.busArchive?.retentionDays ?? DEFAULT_BUS_ARCHIVE_DAYS;
}

/** The log's retention: the org's own, or the defaults (confirm them with the trust's IG lead). */
export function retentionPolicy(org: OrgConfig): RetentionPolicy {
  return org.retention ?? DEFAULT_RETENTION;
}
