import type { Priority } from '../../../events';
import type { ResponseMatrix, Team } from './schema';

export interface EscalationDecision {
  notify: boolean;
  page: boolean;
  reasons: string[];
}

/**
 * Whether a decision raises EscalationRaised: its priority is one the matrix escalates (P0 and P1 by
 * default), its owner team asked for every decision, or the caller has another reason (a pre-election
 * period tells the comms lead even about monitor-only content). P0 (by default) also pages on-call.
 */
export function escalationFor(
  priority: Priority,
  team: Team | undefined,
  settings: ResponseMatrix['escalation'],
  /** Reasons to tell the owner team whatever the priority (a pre-election period, say). */
  alsoBecause: readonly string[] = [],
): EscalationDecision {
  const page = settings.page.includes(priority);
  const reasons: string[] = [];
  if (page) reasons.push(`priority ${priority} pages on-call`);
  else if (settings.priorities.includes(priority)) reasons.push(`priority ${priority}`);
  if (team?.notify === 'all') reasons.push(`${team.name} asked to hear about every decision it owns`);
  reasons.push(...alsoBecause);
  return { notify: reasons.length > 0, page, reasons };
}
