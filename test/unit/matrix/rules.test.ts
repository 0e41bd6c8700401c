import { assess } from '../../../functions/core/matrix/assess';
import { defaultMatrix, interaction, TUESDAY_MORNING } from './fixtures';

const decide = (text: string) => assess(interaction(text), defaultMatrix, TUESDAY_MORNING).assessment;

describe('default matrix: each rule fires on realistic posts', () => {
  it.each([
    // safeguarding (P0)
    ['i just want to end it all. no one would notice if i was gone', 'safeguarding', 'P0'],
    ["I can't do this anymore, I'm going to kill myself tonight", 'safeguarding', 'P0'],
    ['been self-harming again since discharge and nobody cares', 'safeguarding', 'P0'],
    ['Thank you for everything. This is goodbye.', 'safeguarding', 'P0'],
    ['please help, my neighbour says her child is at risk and she is not safe at home', 'safeguarding', 'P0'],
    ['feeling suicidal and the crisis line is engaged', 'safeguarding', 'P0'],
    ['I’m being abused at home and I don’t know who to tell', 'safeguarding', 'P0'],
    // patient-identifiable info (P1)
    ['Can someone chase my dad’s results, his NHS number is 943 476 5919', 'pii', 'P1'],
    ['NHS no 943-476-5919', 'pii', 'P1'],
    ['email me on jo.bloggs@example.com about my mum please', 'pii', 'P1'],
    ['Please ring me back on 07700 900123', 'pii', 'P1'],
    ['Mum (DOB 12/03/1954) is on ward 4 and no one has seen her', 'pii', 'P1'],
    // media enquiry (P1)
    ["Hi, I'm a journalist at the Evening Post, could you DM me?", 'media-enquiry', 'P1'],
    ['Reporter from BBC Look North here, on deadline for 4pm', 'media-enquiry', 'P1'],
    // formal complaint / legal (P2)
    ['I have already been to the ombudsman about this', 'formal-complaint', 'P2'],
    ['my solicitor will be in touch about mum’s care', 'formal-complaint', 'P2'],
    // complaint (P2)
    ['Waited 9 hours in A&E with my daughter, absolutely unacceptable', 'complaint', 'P2'],
    ['receptionist at the fracture clinic was so RUDE to my mum', 'complaint', 'P2'],
    ['my operation was cancelled for the third time, nobody told us why', 'complaint', 'P2'],
    ['I want to make a complaint about ward 12', 'complaint', 'P2'],
    // clinical question (P2)
    ['I have had chest twinges all day, should I go to A&E', 'clinical-question', 'P2'],
    ['is it safe to take ibuprofen with my new tablets', 'clinical-question', 'P2'],
    // appointment / admin (P2)
    ['I need to reschedule, my appointment letter says the 14th', 'admin-query', 'P2'],
    ['Visiting hours on the maternity unit please', 'admin-query', 'P2'],
    // general question (P3)
    ['What time does the pharmacy at St Mary’s close on Saturdays?', 'general-question', 'P3'],
    ['how do I become a volunteer at the hospital', 'general-question', 'P3'],
    // compliment (P3)
    ['Huge thanks to the team on Ward 7, couldn’t fault them', 'compliment', 'P3'],
    ['The midwives were absolutely amazing, well done all', 'compliment', 'P3'],
    // default
    ['🔥🔥🔥', 'unclassified', 'P3'],
    ['', 'unclassified', 'P3'],
  ])('%j -> %s (%s)', (text, category, priority) => {
    const assessment = decide(text);
    expect(assessment.category).toBe(category);
    expect(assessment.priority).toBe(priority);
  });
});

describe('default matrix: false-positive traps', () => {
  it.each([
    ['this wait is killing me', 'safeguarding'],
    ['A&E is killing me tonight, 5 hours and counting', 'safeguarding'],
    ['thank you for caring for mum in her last days', 'safeguarding'],
    ['Dad passed away peacefully on Tuesday. Thank you to every nurse on the palliative ward.', 'safeguarding'],
    ['Proud to support World Suicide Prevention Day at the trust', 'safeguarding'],
    ['great talk on self-harm awareness by the CAMHS team', 'safeguarding'],
    ['my number is 943 476 5918', 'pii'],
    ['follow @NHSEngland for updates', 'pii'],
    ['call 111 or 999 if it is urgent', 'pii'],
    ['Only waited 10 minutes in the walk-in centre, brilliant staff', 'complaint'],
    ['the nurses were not rude at all, no complaints from me', 'complaint'],
    ['What a team! How the staff cared for dad was incredible', 'general-question'],
    ['thanks for nothing, still waiting for a call back', 'compliment'],
    ['a prudent use of money', 'complaint'],
    ['Can I take my son to see his nan on ward 3?', 'clinical-question'],
    ['NHS staff being abused online is never ok', 'safeguarding'],
    ['Our new leaflet is out: https://example.nhs.uk/leaflet?id=3', 'general-question'],
  ])('%j does not fire %s', (text, category) => {
    const assessment = decide(text);
    expect(assessment.category).not.toBe(category);
    expect(assessment.secondaryCategories).not.toContain(category);
  });

  it.each([
    // A figure of speech, not a risk to life; but a wait that reads negative is a complaint about care.
    ['this wait is killing me', 'complaint'],
    ['thank you for caring for mum in her last days', 'compliment'],
    ['Only waited 10 minutes in the walk-in centre, brilliant staff', 'compliment'],
    ['thanks for nothing, still waiting for a call back', 'complaint'],
  ])('%j is decided as %s instead', (text, category) => {
    expect(decide(text).category).toBe(category);
  });

  it('an unless phrase only cancels the signal inside it, never a real one elsewhere', () => {
    const assessment = decide('Thanks for the suicide prevention leaflet. Honestly I want to kill myself.');
    expect(assessment.category).toBe('safeguarding');
    expect(assessment.signals).toContainEqual({
      detector: 'risk-to-life',
      category: 'safeguarding',
      evidence: 'risk to life: first-person intent to end their life',
      spanKind: 'risk-phrasing',
    });
    expect(assessment.signals.map((s) => s.evidence)).not.toContain("phrase: 'suicide'");
  });
});

describe('default matrix: what each decision carries', () => {
  it.each([
    ['I want to end it all', 'safeguarding-risk-to-life', 'private-only', '2026-03-10T10:15:00Z'],
    ['NHS no 943-476-5919', 'patient-identifiable-info', 'no', '2026-03-10T11:00:00Z'],
    ['Reporter from the Echo here', 'media-enquiry', 'holding-line', '2026-03-10T11:00:00Z'],
    ['complaint ref 4471, the ombudsman has it', 'formal-complaint-or-legal', 'no', '2026-03-10T17:00:00Z'],
    ['waited 6 hours', 'complaint-about-care', 'yes', '2026-03-11T17:00:00Z'],
    ['is it ok to take paracetamol with it', 'clinical-question', 'yes', '2026-03-10T17:00:00Z'],
    ['where is the car park', 'appointment-or-admin-query', 'yes', '2026-03-11T17:00:00Z'],
    ['how do I become a volunteer at the hospital', 'general-question', 'yes', '2026-03-12T10:00:00Z'],
    ['thank you ward 7', 'compliment', 'optional', '2026-03-12T10:00:00Z'],
    ['lol', 'unclassified', 'optional', '2026-03-12T10:00:00Z'],
  ])('%j -> rule %s, public reply %s, due %s', (text, ruleId, publicReply, due) => {
    const assessment = decide(text);
    expect(assessment.ruleId).toBe(ruleId);
    expect(assessment.publicReply).toBe(publicReply);
    expect(assessment.slaDueAt).toBe(due);
  });

  it('the complaint action signposts PALS', () => {
    expect(decide('waited 6 hours').action).toMatch(/PALS/);
  });
});
