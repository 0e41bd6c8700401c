import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import { DEFAULT_RETENTION, retentionPolicySchema, type RetentionPolicy } from '../functions/core/interactions/retention';

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
  /** Secrets Manager secret names, one per platform connection (see SECRET_NAMES in infra/wiring.ts). */
  secrets: z.object({
    meta: z.string().min(1),
    x: z.string().min(1),
    linkedin: z.string().min(1),
    tiktok: z.string().min(1),
    youtube: z.string().min(1),
    careopinion: z.string().min(1),
  }),
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

/** The log's retention: the org's own, or the defaults (confirm them with the trust's IG lead). */
export function retentionPolicy(org: OrgConfig): RetentionPolicy {
  return org.retention ?? DEFAULT_RETENTION;
}
