import { matchedNames, normalise, rx, type Finding, type NamedPattern } from './finding';

const ROLE = String.raw`(?:nurse|staff nurse|doctor|junior doctor|resident doctor|midwife|hca|healthcare assistant|health care assistant|porter|paramedic|consultant|registrar|physio|physiotherapist|pharmacist|member of staff|staff member|employee|band \d\w? nurse|cleaner|receptionist|ward sister|sister|matron|student nurse|student midwife|f[12] doctor|sho|ward clerk|radiographer|ot|occupational therapist)`;

/**
 * A member of staff speaking as staff: "I work on ward 9", "as a nurse here", "we're dangerously short
 * staffed", "my colleagues". On its own it is nothing (staff post thanks too); the matrix combines it
 * with words of concern to recognise whistleblowing.
 */
const PATTERNS: readonly NamedPattern[] = [
  {
    name: 'says they work here',
    regex: rx(String.raw`\b(?:i|we|i'?ve|we'?ve)\s+(?:currently\s+|still\s+|also\s+)?(?:work|worked|am working|are working|have worked|'?ve worked)\s+(?:here|there|at (?:this|the|your|ur) (?:trust|hospital|place)|on (?:ward|the ward|a ward|this ward|the unit|nights|the wards)|in (?:a&e|icu|itu|theatres|maternity|the (?:ed|emergency department|hospital|trust|unit|ward|wards))|for (?:the|this|your|ur) (?:trust|hospital))`),
  },
  { name: 'names their role here', regex: rx(String.raw`\b(?:as an?|i'?m an?|i am an?|im an?)\s+${ROLE}\s+(?:here|at (?:this|the|your|ur)\b|on (?:ward|the|this)\b|in (?:a&e|the|this)\b|working (?:here|at|on|in)|who works)`) },
  { name: 'speaks of colleagues', regex: rx(String.raw`\b(?:my|our) (?:colleagues|co-?workers|ward manager|line manager|matron|fellow (?:nurses|staff|doctors))\b`) },
  { name: 'speaks for the staff on shift', regex: rx(String.raw`\b(?:we'?re|we are|we were)\s+(?:so\s+|dangerously\s+|massively\s+|constantly\s+|always\s+|chronically\s+)?(?:short[- ]?staffed|understaffed|under-staffed|\d+ (?:nurses|staff) (?:down|short))`) },
];

export function detectStaffVoice(text: string): Finding[] {
  return matchedNames(normalise(text), PATTERNS).map((name) => ({ evidence: `staff self-identification: ${name}`, spanKind: 'staff-phrasing' }));
}
