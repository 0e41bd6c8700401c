import { matchedNames, normalise, rx, type Finding, type NamedPattern } from './finding';

const STAFF = String.raw`(?:nurse|nurses|doctor|doctors|dr|receptionist|receptionists|staff|consultant|security|manager|midwife|midwives|porter|guard|surgeon|gp|paramedic|lot)s?`;
const SOMEONE = String.raw`(?:you|u|ya|yous|youse|him|her|them|every(?:one|body)|some(?:one|body)|any(?:one|body)|one of (?:you|them|your staff)
  |(?:that|the|this|these|those|your|ur)\s+(?:\w+\s+)?${STAFF})`;
// "hit the nurses' station", "smash the staff room": a place named after staff, not a person.
const NOT_A_PLACE = String.raw`(?!'?s?'?\s+(?:station|desk|office|room|bay|base|bell|buzzer|call|line|rota|surgery|car park|entrance|reception|canteen)\b)`;
// A bare "going to"/"gonna" is a threat only when nobody else is its subject: "smoking is going to kill you",
// "these waits are going to kill someone" and "you're gonna kill someone" are complaints, not threats.
const NOT_SOMEONE_ELSES = String.raw`(?<!\b(?:it|it'?s|its|that|this|which|these|those|they|they'?re|theyre|you|you'?re|youre|smoking|vaping|drinking)\b[^.!?,;]{0,25}\s)`;
const WILL = String.raw`(?:i'?ll|ill|i will|i shall|i'?m (?:going to|gonna)|im (?:going to|gonna)|i am (?:going to|gonna)|we'?ll|we will
  |we'?re (?:going to|gonna)|we are (?:going to|gonna)|${NOT_SOMEONE_ELSES}(?:gonna|going to)|i'?d (?:like to|love to)|i want to|i wanna
  |someone (?:should|needs to|will|ought to)|somebody (?:should|needs to|will))`;
const VIOLENCE = String.raw`(?:(?:beat|kick|knock|batter) (?:the (?:shit|crap|hell|living daylights) )?out of|beat up|knock out|kill|stab|shoot|batter|punch|smash|beat|thump|smack|headbutt
  |hurt|glass|strangle|throttle|slap|kick|deck|hit|attack|murder)`;
// An intensifier between the will and the act: "i'll fucking kill", "i'm literally going to", "i'll just hit".
const INTENSIFIER = String.raw`(?:(?:fucking|f\*+\w*|bloody|literally|actually|just|really|personally|seriously|properly|\w+ing)\s+)`;
// Getting there first: "come in and stab", "come down there and punch", "go up to the ward and batter".
const GET_THERE = String.raw`(?:(?:come|go|get|head|pop|walk|march|storm|drive|turn|show|wait)(?:\s+(?!and\b)[\w'&]+){0,4}?\s+and\s+)`;
const CLAUSE_END = String.raw`(?=\s*(?:[.!?,;]|$))`;
// Waiting for someone: only a pronoun or "that nurse" (not "the doctor", not "my mum"), and not "for you to
// call", "for her results", "for that doctor's letter", "for that doctor for hours again".
const WAITED_FOR = String.raw`(?:you|u|ya|yous|youse|him|her|them|you lot|the lot of you|all of you|(?:that|this|those|these)\s+(?:\w+\s+)?${STAFF})\b
  (?!'|\s+(?:to|results?|tests?|scan|appointment|op|operation|surgery|discharge|prescription|meds|medication|letter|call|reply|response|notes|records|paperwork|transport|lift|taxi|update|news)\b
  |\s+(?:again|for (?:\d|hours|ages|days|weeks|months|another|an? (?:hour|day|week|month|age))))`;
const DEMONSTRATIVE_STAFF = String.raw`(?:that|this|those|these)\s+(?:\w+\s+)?${STAFF}\b`;
const WILL_BE = String.raw`(?:i'?ll|ill|i will|i'?m (?:going to|gonna)|im (?:going to|gonna)|i am (?:going to|gonna)|we'?ll|we will) be`;

/**
 * Threats of violence against staff, patients or the hospital. Only a threat is P0; an insult is abuse
 * (P1) and a figure of speech ("you smashed it", "my mum will kill me") is nothing.
 */
const PATTERNS: readonly NamedPattern[] = [
  {
    name: 'a threat to hurt someone',
    regex: rx(String.raw`\b${WILL}\s+${INTENSIFIER}?
      (?:${VIOLENCE}\s+${SOMEONE}\b${NOT_A_PLACE}|${GET_THERE}${INTENSIFIER}?${VIOLENCE}(?:\s+${SOMEONE}\b${NOT_A_PLACE}|${CLAUSE_END}))`),
  },
  {
    name: 'a threat to injure someone',
    regex: rx(String.raw`\b${WILL}\s+${INTENSIFIER}?${GET_THERE}?${INTENSIFIER}?(?:smash|punch|kick|stamp on|cave|break)\s+(?:his|her|their|your|ur|that \w+'?s)\s+(?:\w+\s+)?(?:face|head|teeth|legs?|arms?|jaw|nose)\b`),
  },
  { name: 'a threat to attack the building', regex: rx(String.raw`\b(?:burn|torch|bomb|blow up|shoot up|smash up)\s+(?:the|this|that|your|ur)\s+(?:place|hospital|building|a&e|ward|site|unit)\b(?:\s+down)?|\bthere'?s a bomb\b|\bbomb threat\b`) },
  {
    name: 'intimidation',
    regex: rx(String.raw`\bwatch (?:your|ur) back\b|\byou'?(?:ll| will) (?:pay|regret (?:it|this)|be sorry)\b|\b(?:i|we) know where (?:you|u|she|he|they|${SOMEONE}) (?:live|lives|park|parks)\b
      |\bwait (?:till|until|til|'?til) i (?:see|get|find|catch) (?:you|u|him|her|them)\b
      |\b${WILL_BE} waiting (?:(?:outside|out the (?:front|back)) )?for ${WAITED_FOR}|\b${WILL_BE} waiting [^.!?,;]{1,40}? for ${DEMONSTRATIVE_STAFF}
      |\b${WILL_BE} waiting outside(?: (?:your|ur|her|his|their) (?:house|home|work|car)\b|${CLAUSE_END})
      |\b(?:coming|come) (?:down|up|round|over)(?: there| to the hospital)? (?:to|and) (?:sort|deal with|get|find) (?:you|u|him|her|them|that)\b
      |\bi'?(?:ll| will) find (?:you|u|him|her|them|out where)`),
  },
  {
    name: 'wishing death or harm on someone',
    regex: rx(String.raw`\b(?:deserve|deserves|deserved)\s+to\s+(?:all\s+)?(?:die|be (?:shot|stabbed|beaten|hurt|attacked))\b|\bhope (?:you|u|she|he|they|your staff) (?:all )?(?:die|dies|get cancer|gets cancer|get hurt|rot|burn)\b
      |\b(?:should|needs to|need to|ought to)\s+(?:(?:all|both|each|just|all just|really|fucking)\s+)?(?:be|get)\s+(?:shot|hanged|hung|strung up|lynched|stabbed|taken out and shot)\b`),
  },
];

const GUARDS: readonly RegExp[] = [
  rx(String.raw`\b(?:smash(?:ed)? it|kill(?:ed|ing)? it|hit the (?:road|spot|ground running)|beat the (?:queue|rush|traffic))\b
    |\bbeat (?:\w+ ){1,2}(?:to it|there)\b|\bkill (?:\w+ ){1,2}with kindness\b|\bhit (?:you|u|them|him|her) up\b
    |\bhit (?:\w+ ){1,3}with (?:a |an |my |our |the |some )?(?:formal |official |written )?(?:complaints?|questions?|letters?|lawsuit|claim|bill|review|foi)\b
    |\bshoot (?:\w+ ){1,3}(?:a |an )?(?:quick )?(?:message|msg|email|e-mail|dm|pm|text|line|note)\b`),
  // A photo or film shoot: "the new ward video should be shot in natural light".
  rx(String.raw`\b(?:photos?|pictures?|videos?|film|footage|scenes?|advert|episode|documentary)\s+(?:\w+\s+)?(?:should|needs to|need to|ought to)\s+(?:\w+\s+)?be shot\b`),
];

export function detectThreat(text: string): Finding[] {
  return matchedNames(normalise(text), PATTERNS, GUARDS).map((name) => ({ evidence: `threat: ${name}`, spanKind: 'threat-phrasing' }));
}
