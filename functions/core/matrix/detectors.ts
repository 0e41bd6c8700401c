import { detectClaims, type CompiledClaim } from '../detectors/claims';
import type { Finding } from '../detectors/finding';
import { detectPreElection, type PreElectionPeriod } from '../detectors/pre-election';
import { detectProfanity } from '../detectors/profanity';
import { detectQuestion } from '../detectors/question';
import { detectRiskToLife } from '../detectors/risk-to-life';
import { detectStaffVoice } from '../detectors/staff-voice';
import { detectThreat } from '../detectors/threat';
import { type PiiKind } from '../pii/kinds';
import type { DetectorName } from './detector-names';
import { findPii } from '../pii/redact';

/**
 * The named built-in detectors a rule can list under `signals.detectors`. Each reports what it saw
 * as evidence wording and the kind of text that matched: never the text itself.
 */
export { DETECTOR_NAMES, type DetectorName } from './detector-names';

/** Detector results are worked out once per interaction and shared by every rule that asks. */
export type DetectorResults = ReadonlyMap<DetectorName, readonly Finding[]>;

const PII_EVIDENCE: Readonly<Record<PiiKind, string>> = {
  'nhs-number': 'NHS number (valid Modulus 11)',
  email: 'email address',
  'uk-phone': 'UK phone number',
  'date-of-birth': 'date of birth',
  postcode: 'postcode',
};

export interface DetectorContext {
  receivedAt: string;
  timeZone: string;
  ignorePostcodes: readonly string[];
  claims: readonly CompiledClaim[];
  debunking: readonly RegExp[];
  preElectionPeriods: readonly PreElectionPeriod[];
}

/** Every text and calendar detector; course-of-conduct needs the other rules' results and runs later. */
export function runDetectors(text: string, context: DetectorContext): DetectorResults {
  const results = new Map<DetectorName, Finding[]>();
  const add = (name: DetectorName, findings: Finding[]) => {
    if (findings.length > 0) results.set(name, findings);
  };
  for (const { kind } of findPii(text, { ignorePostcodes: context.ignorePostcodes })) {
    results.set(kind, [{ evidence: PII_EVIDENCE[kind], spanKind: kind }]);
  }
  add('question', detectQuestion(text));
  add('risk-to-life', detectRiskToLife(text));
  add('threat-of-violence', detectThreat(text));
  add('staff-self-identification', detectStaffVoice(text));
  add('profanity', detectProfanity(text));
  add('misinformation-claim', detectClaims(text, context.claims, context.debunking));
  add('pre-election-period', detectPreElection(context.receivedAt, context.timeZone, context.preElectionPeriods));
  return results;
}
