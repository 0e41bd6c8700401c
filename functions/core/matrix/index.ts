export { assess, audienceOf, type AssessContext } from './assess';
export { compileMatrix, withRiskAppetite, applyAppetite } from './compile';
export { escalationFor, type EscalationDecision } from './escalation';
export { parseMatrix, MatrixConfigError, type MatrixProblem } from './load';
export {
  responseMatrixSchema,
  matrixRuleSchema,
  AUDIENCES,
  RISK_APPETITES,
  type RiskAppetite,
  type Team,
  type ResponseMatrix,
  type MatrixRule,
  type MatrixClock,
  type Audience,
  type Programme,
  type IncidentModeSettings,
  type PreElectionSettings,
  preElectionLead,
} from './schema';
export { programmesConcerned, programmeRunning, hashtagRegex, type ProgrammeMatch } from './programmes';
export { incidentDueAt, holdingLineFor, type IncidentContext } from './incident';
export { PRIORITY_ORDER, rankByPrecedence, effectivePriority } from './precedence';
export { DETECTOR_NAMES, type DetectorName } from './detectors';
