/**
 * The threat-of-violence detector on the phrasings a comms lead expects it to catch (and that it once
 * missed: an uncontracted "I am going to", words between the verb and the violence, "should all be shot",
 * "waiting for that doctor"), and on the near-misses a hospital page gets every day.
 */
import { detectThreat } from '../../../functions/core/detectors/threat';

const evidence = (text: string) => detectThreat(text).map((finding) => finding.evidence);

describe('threat-of-violence: threats', () => {
  it.each([
    ['I am going to come in and stab that receptionist', 'a threat to hurt someone'],
    ['I am gonna batter that doctor', 'a threat to hurt someone'],
    ['going to come down there and punch', 'a threat to hurt someone'],
    ["I'm going to come down there and punch that nurse", 'a threat to hurt someone'],
    ['Going to come down there and punch the nurse who sent my dad home', 'a threat to hurt someone'],
    ['I will come in and kill you all', 'a threat to hurt someone'],
    ['I am going to come down to the ward and hurt someone', 'a threat to hurt someone'],
    ["I'm literally going to kill that receptionist", 'a threat to hurt someone'],
    ["I'll kick the shit out of that porter", 'a threat to hurt someone'],
    ['my husband is going to batter that doctor', 'a threat to hurt someone'],
    ["I'm gonna go up there and smash that consultant's face in", 'a threat to injure someone'],
    ['You lot should all be shot, I know where the staff car park is', 'wishing death or harm on someone'],
    ['you should all be shot', 'wishing death or harm on someone'],
    ['the whole lot of them need to be shot', 'wishing death or harm on someone'],
    ['Staff at the General deserve to be shot', 'wishing death or harm on someone'],
    ['I know where the staff car park is and I will be waiting for that doctor', 'intimidation'],
    ["I'll be waiting outside for that nurse", 'intimidation'],
    ["I'll be waiting for that surgeon in the car park", 'intimidation'],
    ["I'll be waiting for you after your shift", 'intimidation'],
    ["I'll be waiting outside.", 'intimidation'],
  ])('%j is a threat (%s)', (text, kind) => {
    expect(evidence(text)).toContain(`threat: ${kind}`);
  });
});

describe('threat-of-violence: near-misses', () => {
  it.each([
    'I am going to come in for my appointment',
    'waiting for the doctor for 3 hours',
    'Lovely shot of the new ward',
    'the flu shot',
    'Get your flu shot at the pharmacy',
    'kill time in the car park',
    "I'll be waiting in the car park for my mum",
    "I'll be waiting in the car park for her, can the ward ring me?",
    "I'll be waiting outside in the car to pick mum up",
    "I'll be waiting for your reply",
    "I'll be waiting for you to call me back",
    "I'll be waiting for the doctor to ring",
    "I'll be waiting for that doctor to call me back",
    "I'll be waiting for that doctor for hours again",
    "I'll be waiting for her results",
    "I'll be waiting for him to be discharged",
    'these A&E waits are going to kill someone',
    'smoking is going to kill you',
    "you're going to kill someone with these waits",
    'I am going to come in and hit the shops after',
    "I'm going to come in and kick up a fuss",
    "I'm going to come down and kill some time before my scan",
    'I am going to come in and beat the queue',
    'I will come in and smash it',
    "I'm going to go in and hit the nurse call bell",
    "I'm going to hit the nurses' station",
    "we'll come down and see you all on Saturday",
    'I know where the staff car park is but where do visitors park?',
    'the new ward video should be shot in natural light',
    "I'll beat you to it",
    "I'll shoot you an email",
    "I'll hit you up later",
    "I'll hit them with a formal complaint",
  ])('%j is not a threat', (text) => {
    expect(detectThreat(text)).toEqual([]);
  });
});

describe('threat-of-violence: evidence', () => {
  it('names the kind of threat, never the words', () => {
    const findings = detectThreat('I am going to come in and stab that receptionist');
    expect(findings).toEqual([{ evidence: 'threat: a threat to hurt someone', spanKind: 'threat-phrasing' }]);
  });
});
