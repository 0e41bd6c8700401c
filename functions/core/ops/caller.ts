import { ForbiddenError, UnauthorizedError } from '../interactions/errors';

/**
 * Who is calling, from the JWT claims API Gateway's authorizer verified (locally: the dev token's claims).
 * Everyone signed in works the queue; two groups unlock the sensitive operations. The stack creates
 * them in its Cognito user pool; an external issuer must put them in `cognito:groups` or `groups`.
 */
export const OPS_GROUPS = {
  /** May export message text in the CSV. */
  exportText: 'comms-leads',
  /** May read everything held about an author, and erase it. */
  subjectAccess: 'information-governance',
} as const;

export interface Caller {
  /** `user:<email | username | sub>`: who goes in the audit items. */
  actor: string;
  groups: ReadonlySet<string>;
}

export function callerFrom(claims: Record<string, unknown> | undefined): Caller {
  const name = [claims?.email, claims?.['cognito:username'], claims?.username, claims?.sub].find(
    (value): value is string => typeof value === 'string' && value.trim() !== '',
  );
  if (!name) throw new UnauthorizedError('no verified identity on the request');
  return { actor: `user:${name.trim()}`, groups: new Set([...groupsOf(claims?.['cognito:groups']), ...groupsOf(claims?.groups)]) };
}

export function requireGroup(caller: Caller, group: string, doing: string): void {
  if (!caller.groups.has(group)) throw new ForbiddenError(`${doing} needs membership of the "${group}" group`);
}

/** API Gateway's HTTP API hands array claims over as text: `[a b]`; other issuers send arrays or comma lists. */
function groupsOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  if (typeof value !== 'string') return [];
  return value
    .replace(/^\[|\]$/gu, '')
    .split(/[\s,]+/u)
    .map((group) => group.trim())
    .filter(Boolean);
}
