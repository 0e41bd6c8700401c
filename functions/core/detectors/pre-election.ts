import { localDate } from '../time/local-date';
import type { Finding } from './finding';

export interface PreElectionPeriod {
  name: string;
  /** First and last local dates (YYYY-MM-DD), inclusive. */
  from: string;
  to: string;
}

/** The pre-election periods ("purdah") in force when the interaction was received, in the trust's zone. */
export function detectPreElection(receivedAt: string, timeZone: string, periods: readonly PreElectionPeriod[]): Finding[] {
  return periodsInForce(receivedAt, timeZone, periods).map((period) => ({ evidence: `pre-election period: ${period.name}`, spanKind: 'calendar' }));
}

/** The periods whose first to last local day includes the day `receivedAt` falls on in `timeZone`. */
export function periodsInForce<P extends PreElectionPeriod>(receivedAt: string, timeZone: string, periods: readonly P[]): P[] {
  const date = localDate(receivedAt, timeZone);
  if (!date) return [];
  return periods.filter((period) => period.from <= date && date <= period.to);
}
