import type { Priority } from '../../../events';
import type { ResponseMatrix, Team } from './schema';

export interface EscalationDecision {
  notify: boolean;
  page: boolean;
  reasons: string[];
}

/**
 * Whether a decision raises EscalationRaised: its priority is one the matrix escalates (P0 and P1 by
 * default), or its owner team asked for every decision. P0 (by default) also pages on-call.
 */
export function escalationFor(priority: Priority, team: Team | undefined, settings: ResponseMatrix['escalation']): EscalationDecision {
  const page = settings.page.includes(priority);
  const reasons: string[] = [];
  if (page) reasons.push(`priority ${priority} pages on-call`);
  else if (settings.priorities.includes(priority)) reasons.push(`priority ${priority}`);
  if (team?.notify === 'all') reasons.push(`${team.name} asked to hear about every decision it owns`);
  return { notify: reasons.length > 0, page, reasons };
}
