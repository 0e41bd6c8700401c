import { matchedNames, normalise, rx, type Finding, type NamedPattern } from './finding';

const SOMEONE = String.raw`(?:you|u|ya|yous|youse|him|her|them|every(?:one|body)|some(?:one|body)|one of (?:you|them|your staff)
  |(?:that|the|this|your|ur)\s+(?:\w+\s+)?(?:nurse|nurses|doctor|doctors|dr|receptionist|receptionists|staff|consultant|security|manager|midwife|midwives|porter|guard|surgeon|gp|paramedic|lot)s?)`;
const WILL = String.raw`(?:i'?ll|ill|i will|i'?m (?:going to|gonna)|im (?:going to|gonna)|i'?m gonna|gonna|going to|we'?ll|we will|i'?d (?:like to|love to)|i want to|i wanna|someone (?:should|needs to|will|ought to)|somebody (?:should|needs to|will))`;
const VIOLENCE = String.raw`(?:kill|stab|shoot|batter|punch|smash|beat|knock out|hurt|glass|strangle|slap|kick|deck|hit|attack|murder)`;

/**
 * Threats of violence against staff, patients or the hospital. Only a threat is P0; an insult is abuse
 * (P1) and a figure of speech ("you smashed it", "my mum will kill me") is nothing.
 */
const PATTERNS: readonly NamedPattern[] = [
  { name: 'a threat to hurt someone', regex: rx(String.raw`\b${WILL}\s+(?:fucking\s+|f\*+\w*\s+|\w+ing\s+)?${VIOLENCE}\s+${SOMEONE}\b`) },
  {
    name: 'a threat to injure someone',
    regex: rx(String.raw`\b${WILL}\s+(?:fucking\s+|\w+ing\s+)?(?:smash|punch|kick|stamp on|cave|break)\s+(?:his|her|their|your|ur|that \w+'?s)\s+(?:\w+\s+)?(?:face|head|teeth|legs?|arms?|jaw|nose)\b`),
  },
  { name: 'a threat to attack the building', regex: rx(String.raw`\b(?:burn|torch|bomb|blow up|shoot up|smash up)\s+(?:the|this|that|your|ur)\s+(?:place|hospital|building|a&e|ward|site|unit)\b(?:\s+down)?|\bthere'?s a bomb\b|\bbomb threat\b`) },
  {
    name: 'intimidation',
    regex: rx(String.raw`\bwatch (?:your|ur) back\b|\byou'?(?:ll| will) (?:pay|regret (?:it|this)|be sorry)\b|\b(?:i|we) know where (?:you|u|she|he|they|${SOMEONE}) (?:live|lives|park|parks)\b
      |\bwait (?:till|until|til|'?til) i (?:see|get|find|catch) (?:you|u|him|her|them)\b|\bi'?(?:ll| will) be waiting (?:outside|for (?:you|u|her|him|them))
      |\b(?:coming|come) (?:down|up|round|over)(?: there| to the hospital)? (?:to|and) (?:sort|deal with|get|find) (?:you|u|him|her|them|that)\b
      |\bi'?(?:ll| will) find (?:you|u|him|her|them|out where)`),
  },
  {
    name: 'wishing death or harm on someone',
    regex: rx(String.raw`\b(?:deserve|deserves)\s+to\s+(?:die|be (?:shot|stabbed|beaten|hurt|attacked))\b|\bhope (?:you|u|she|he|they|your staff) (?:all )?(?:die|dies|get cancer|gets cancer|get hurt|rot|burn)\b
      |\b(?:should|needs to|need to) be (?:shot|hanged|strung up|lynched)\b`),
  },
];

const GUARDS: readonly RegExp[] = [rx(String.raw`\b(?:smash(?:ed)? it|kill(?:ed|ing)? it|hit the (?:road|spot|ground running)|beat the (?:queue|rush|traffic))\b`)];

export function detectThreat(text: string): Finding[] {
  return matchedNames(normalise(text), PATTERNS, GUARDS).map((name) => ({ evidence: `threat: ${name}`, spanKind: 'threat-phrasing' }));
}
