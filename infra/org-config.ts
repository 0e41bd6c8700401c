import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

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
  secrets: z.object({ meta: z.string().min(1) }),
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
