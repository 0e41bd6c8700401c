import { matchedNames, normalise, rx, type Finding, type NamedPattern } from './finding';

// Shared pieces. Typed as people type: "im", "i'm", "dont", "cant", "wanna", "gonna".
const I_WILL = String.raw`(?:i|i'?m|im|i am|i'?ll|ill|i will|i want to|i wanna|want to|wanna|going to|gonna|planning to|plan to|thinking (?:of|about)|about to|ready to|decided to|tempted to|might|could|should|to)`;
const PILLS = String.raw`(?:pills|tablets|paracetamol|co-codamol|codeine|meds|medication|sleeping pills|anti-?depressants|insulin)`;
const LOTS = String.raw`(?:all|all of|all the|loads of|a load of|lots of|a handful of|a bottle of|a (?:whole )?(?:packet|pack|box) of|boxes of|packets of|too many|(?:\d{2,}|twenty|thirty|forty|fifty))`;

/**
 * Risk to life, in the ways people actually say it: directly ("I'm going to kill myself"), indirectly
 * ("everyone would be better off without me", "no one would notice if I was gone"), as a goodbye note,
 * as method detail, as a disclosure of abuse or neglect, or as worry about someone else. Each pattern
 * is named, and the name is the evidence. Recall comes first (a missed post can cost a life); the
 * guards remove only figures of speech and bereavement, never a real signal elsewhere in the post.
 */
const PATTERNS: readonly NamedPattern[] = [
  {
    name: 'first-person intent to end their life',
    regex: rx(String.raw`\b${I_WILL}\s+(?:just\s+|really\s+|actually\s+)?(?:kill(?:ing)?\s+myself|end(?:ing)?\s+(?:it\s+all|my\s+life|it\s+tonight|it\s+now|everything)
      |tak(?:e|ing)\s+my\s+(?:own\s+)?life|hang(?:ing)?\s+myself|top(?:ping)?\s+myself|off(?:ing)?\s+myself|jump(?:ing)?\s+(?:off|in front of)
      |tak(?:e|ing)\s+${LOTS}\s+(?:of\s+)?(?:my\s+)?${PILLS}|not\s+wak(?:e|ing)\s+up|be\s+dead|die\b(?!\s+(?:of|from|for|laughing)))`),
  },
  { name: 'self-harm in the first person', regex: rx(String.raw`\b(?:kill(?:ed|ing)?|hurt(?:ing)?|harm(?:ed|ing)?|cut(?:ting)?|burn(?:ed|ing|t)?|starv(?:e|ed|ing))\s+myself\b`) },
  {
    name: 'burden or absence ("better off without me")',
    regex: rx(String.raw`\bbetter off (?:dead|without me|if i (?:was|were)n'?t (?:here|around))
      |\b(?:no ?one|nobody|no-one|noone)\s+(?:would|will|'d|wud|is gonna|is going to)\s+(?:even\s+)?(?:miss me|notice (?:if|when|that) i|care (?:if|when) i)
      |\b(?:nothing|no reason|nobody|no one|no-one|noone)\s+(?:left\s+)?to live for
      |\b(?:can'?t|cannot|can not)\s+(?:see|find)\s+(?:a|any)\s+(?:way out|reason to (?:go on|live|carry on|be here))
      |\bwhat'?s the point (?:in|of) (?:living|going on|carrying on|being alive|being here|me being here)
      |\b(?:tired|sick) of (?:living|being alive|life\b|existing)
      |\b(?:don'?t|do not|dont)\s+want to\s+(?:live|exist|wake up|be alive|be here any ?more)
      |\bwish (?:i|i'?d)\s+(?:was|were|had|could)\s+(?:dead|never been born|not woken up|just die|just disappear|not wake up)
      |\bwon'?t be (?:here|around) (?:much longer|tomorrow|for long|by (?:the )?(?:morning|tomorrow|next week))
      |\b(?:can'?t|cannot)\s+(?:go on|cope|carry on)\s+any ?more
      |\b(?:want|wanna|going|planning) to disappear (?:for ?ever|for good)`),
  },
  {
    name: 'a goodbye note',
    regex: rx(String.raw`\b(?:goodbye|bye) (?:everyone|all|world|cruel world|forever)\b|\bthis is (?:goodbye|my last (?:post|message))
      |\bby the time (?:you|anyone) (?:read|reads|see|sees) this|\b(?:i'?ve|i have) (?:written|left) (?:letters|notes|a note) (?:for|to)
      |\b(?:tell|look after|take care of) my (?:kids|children|family|mum|mam|dog|cat|boys|girls)\b[^.!?]{0,40}(?:for me|when i'?m gone|i love (?:them|you))
      |\bsorry for everything\b[^.!?]{0,40}(?:goodbye|love you|bye)`),
  },
  {
    name: 'method detail',
    regex: rx(String.raw`\b(?:took|taken|swallowed|had|done)\s+(?:an?\s+|another\s+)?overdose|\b(?:i'?ve|i have|i|just|he|she|he'?s|she'?s|they'?ve)\s+(?:just\s+)?overdosed
      |\b(?:took|taken|swallowed|necked)\s+${LOTS}\s+(?:of\s+)?(?:my\s+|her\s+|his\s+)?${PILLS}
      |\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded)\s+(?:up\s+)?(?:my\s+)?${PILLS}
      |\b(?:bought|got|have)\s+(?:a|the)\s+rope|\bstanding on (?:the|a) (?:bridge|edge|ledge|roof)`),
  },
  {
    name: 'disclosure of abuse or violence at home',
    regex: rx(String.raw`\b(?:he|she|they|my (?:partner|husband|wife|boyfriend|girlfriend|bf|gf|dad|father|stepdad|step-dad|mum|mam|mother|stepmum|carer|uncle|brother|ex|son))\s+(?:keeps\s+|always\s+|still\s+|has\s+|has been\s+)?(?:hits|hit|hitting|beats|beat|beating|punches|punched|kicks|kicked|chokes|choked|strangles|strangled|rapes|raped|abuses|abused|abusing)\s+(?:me|us|the kids|the children|my (?:kids|children|son|daughter|baby))\b
      |\b(?:not|never|don'?t feel|do not feel)\s+safe (?:at|to go|going) home|\b(?:scared|afraid|frightened|terrified)\s+(?:to go|of going)\s+home
      |\b(?:i'?m|i am|im|being)\s+(?:abused|beaten|raped|assaulted|hit)\s+(?:by|at home|every)
      |\b(?:experiencing|suffering|victim of|living with|fleeing|escaping)\s+(?:domestic\s+)?(?:abuse|violence|coercive control)`),
  },
  {
    name: 'a child at risk',
    regex: rx(String.raw`\b(?:child|kid|baby|toddler|children|kids|little (?:girl|boy))s?\b(?:\s+[\w']+){0,3}?\s+(?:is|are|was|were|being|been|has been|have been)\s+(?:at risk|left alone|neglected|abused|beaten|starving|not fed|locked (?:in|out))
      |\b(?:left|leaves|leaving)\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?(?:kids|children|baby|toddler|child)\s+(?:alone|on (?:their|his|her) own|home alone)
      |\b(?:kids|children|baby|child)\s+(?:haven'?t|have not|hasn'?t|has not)\s+(?:eaten|been fed)
      |\bbruises?\s+(?:all\s+)?(?:on|over)\s+(?:the\s+|her\s+|his\s+|my\s+|a\s+)?(?:baby|child|son|daughter|kid|toddler)
      |\b(?:worried|concerned|scared)\s+(?:about|for)\s+(?:a|the|this|my (?:neighbour|neighbor)'?s?|next door'?s?)\s+(?:child|kids|children|baby|little)`),
  },
  {
    name: 'worry that someone else may end their life or hurt themselves',
    regex: rx(String.raw`\b(?:kill|hurt|harm|cut)(?:ing|s)?\s+(?:himself|herself|themselves|themself)\b
      |\b(?:end|take|ending|taking)\s+(?:his|her|their)\s+(?:own\s+)?life\b
      |\b(?:he|she|they|my \w+)\s+(?:wants?|wanted|keeps saying (?:s?he|they) wants?)\s+to die\b
      |\b(?:wants?|wanted|going|threatening|about|trying)\s+to\s+jump\b(?!\s+(?:the queue|in the queue|ahead))
      |\b(?:on|at)\s+(?:the|a)\s+(?:bridge|cliff|cliffs|edge|ledge|roof)\b[^.!?]{0,40}\b(?:jump|end it|end (?:his|her|their) life)`),
  },
  {
    name: 'a vulnerable person missing',
    regex: rx(String.raw`\b(?:has gone|went|is|are|gone)\s+missing from (?:the\s+)?(?:ward|hospital|unit|a&e|home)|\b(?:dementia|confused|vulnerable)\b[^.!?]{0,60}\b(?:gone missing|went missing|wandered off|walked out)`),
  },
];

/** Figures of speech and bereavement that look like risk to life but are not. */
const GUARDS: readonly RegExp[] = [
  rx(String.raw`\b(?:nearly|almost|practically|could have|could'?ve)\s+(?:killed|hurt)\s+myself\s+(?:on|tripping|falling|slipping|laughing)`),
  rx(String.raw`\bkill(?:ed|ing)?\s+myself\s+(?:laughing|for\s+(?:forgetting|missing|not))`),
  rx(String.raw`\bgoodbye (?:everyone|all)\b[^.!?]{0,80}\b(?:retir\w*|leaving|last shift|new (?:job|role)|moving on)|\b(?:retir\w*|leaving|last shift|new (?:job|role))\b[^.!?]{0,80}\bgoodbye (?:everyone|all)`),
  rx(String.raw`\b(?:don'?t|do not|dont)\s+want to\s+be here any ?more\s+(?:in|at|on)\s`),
];

export function detectRiskToLife(text: string): Finding[] {
  return matchedNames(normalise(text), PATTERNS, GUARDS).map((name) => ({ evidence: `risk to life: ${name}`, spanKind: 'risk-phrasing' }));
}
