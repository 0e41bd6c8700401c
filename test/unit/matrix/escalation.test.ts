import { assess } from '../../../functions/core/matrix/assess';
import { withRiskAppetite } from '../../../functions/core/matrix/compile';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { defaultMatrix, interaction, matrixYaml, rule, TUESDAY_MORNING } from './fixtures';

const decide = (text: string, matrix = defaultMatrix, receivedAt = TUESDAY_MORNING) =>
  assess(interaction(text, { receivedAt, occurredAt: receivedAt }), matrix, TUESDAY_MORNING).assessment;

describe('escalations raise a rule’s priority (precedence after escalation)', () => {
  it.each([
    ['a clinical question', 'is it safe to take ibuprofen with my tablets?', 'clinical-question', 'P2', undefined],
    ['emergency words make it P0 on a 24/7 clock', 'my husband has crushing chest pain and cannot breathe', 'clinical-question', 'P0', 'P2'],
    ['urgent words count only with a clinical signal (byItself: false)', 'should I go to A&E, the rash is getting worse', 'clinical-question', 'P1', 'P2'],
    ['urgent words alone raise nothing', 'this is getting worse every week', 'unclassified', 'P3', undefined],
    ['an insult to staff is P1', 'the receptionist is a useless cow', 'abuse-or-threat', 'P1', undefined],
    ['a threat is P0', "I'll stab that receptionist", 'abuse-or-threat', 'P0', 'P1'],
    ['misinformation is P2', 'the MMR gave my son autism', 'misinformation', 'P2', undefined],
    ['spreading it is P1', 'the MMR gave my son autism, please share', 'misinformation', 'P1', 'P2'],
    ['"please share" alone is not misinformation', 'please share, we are looking for blood donors', 'unclassified', 'P3', undefined],
  ])('%s', (_case, text, category, priority, basePriority) => {
    const assessment = decide(text);
    expect([assessment.category, assessment.priority, assessment.basePriority]).toEqual([category, priority, basePriority]);
    if (basePriority) {
      expect(assessment.flags).toContain('priority-raised');
      expect(assessment.rationale).toMatch(new RegExp(`Raised from ${basePriority} to ${priority}`));
      expect(assessment.signals.some((s) => s.raises === priority)).toBe(true);
    }
  });

  it('an escalated P0 clinical emergency outranks a P1 (the raised priority decides)', () => {
    const assessment = decide("I'm a journalist, but right now my dad is having a heart attack in your car park");
    expect([assessment.category, assessment.priority]).toEqual(['clinical-question', 'P0']);
    expect(assessment.secondaryCategories).toContain('media-enquiry');
    expect(assessment.slaDueAt).toBe('2026-03-10T10:15:00Z');
  });

  it('a P0 safeguarding post still outranks an escalated P0 written later in the file', () => {
    const assessment = decide("I want to end it all. My chest pain is crushing and I can't breathe");
    expect(assessment.category).toBe('safeguarding');
    expect(assessment.secondaryCategories).toContain('clinical-question');
  });

  it('political content is P2 outside a pre-election period, monitor-only during one (see pre-election.test.ts)', () => {
    expect(decide('Vote Reform to fix the NHS', defaultMatrix, '2026-03-10T10:00:00Z').priority).toBe('P2');
    const during = decide('Vote Reform to fix the NHS', defaultMatrix, '2026-04-14T10:00:00Z');
    expect([during.priority, during.flags]).toEqual(['monitor', ['pre-election-period']]);
  });

  it('"labour ward" is not politics, "Labour government" is', () => {
    expect(decide('the labour ward midwives were fantastic, thank you').category).toBe('compliment');
    expect(decide('the Labour government has failed nurses').category).toBe('political');
  });
});

describe('who is told: EscalationRaised decisions', () => {
  it.each([
    ['P0 pages and notifies', 'I want to end it all', { notify: true, page: true }],
    ['P1 notifies without paging', 'NHS number 943 476 5919', { notify: true, page: false }],
    ['a P2 for a team that asked for everything notifies', 'my solicitor has the details', { notify: true, page: false }],
    ['an ordinary P2 does not', 'waited 6 hours, disgraceful', { notify: false, page: false }],
    ['a P3 does not', 'thank you ward 7', { notify: false, page: false }],
  ])('%s', (_case, text, expected) => {
    expect(decide(text).escalation).toMatchObject(expected);
  });
});

describe('risk appetite', () => {
  it.each([
    ['waited 6 hours, disgraceful', 'balanced', 'complaint', 'P2', 'yes'],
    ['waited 6 hours, disgraceful', 'cautious', 'complaint', 'P2', 'private-only'],
    ['Vote Reform to fix the NHS', 'balanced', 'political', 'P2', 'no'],
    ['Vote Reform to fix the NHS', 'cautious', 'political', 'P1', 'no'],
    ['NHS is a joke, bunch of clowns', 'balanced', 'troll-or-spam', 'monitor', 'no'],
    ['NHS is a joke, bunch of clowns', 'cautious', 'troll-or-spam', 'P3', 'no'],
    ['lol', 'cautious', 'unclassified', 'P2', 'optional'],
    ['thank you ward 7', 'balanced', 'compliment', 'P3', 'optional'],
    ['thank you ward 7', 'open', 'compliment', 'P3', 'yes'],
  ] as const)('%j at %s -> %s %s, public reply %s', (text, appetite, category, priority, publicReply) => {
    const assessment = decide(text, withRiskAppetite(defaultMatrix, appetite));
    expect([assessment.category, assessment.priority, assessment.publicReply, assessment.riskAppetite]).toEqual([category, priority, publicReply, appetite]);
  });

  it('open shortens the general-question clock to one working day', () => {
    const assessment = decide('when does the new wing open?', withRiskAppetite(defaultMatrix, 'open'));
    expect(assessment.slaDueAt).toBe('2026-03-11T10:00:00Z');
  });

  it('an appetite changes precedence too: a cautious P1 political post outranks a P2 complaint', () => {
    const text = 'The Tories did this. Waited 9 hours, disgraceful';
    expect(decide(text).category).toBe('political');
    const cautious = decide(text, withRiskAppetite(defaultMatrix, 'cautious'));
    expect([cautious.category, cautious.priority]).toEqual(['political', 'P1']);
  });
});

describe('signals: sentiment, authors and combinations', () => {
  const matrix = parseMatrix(
    matrixYaml(
      rule('gripe', 'P2', '{ ifNegative: [parking] }') +
        rule('praise', 'P3', '{ ifPositive: [parking] }') +
        rule('press', 'P1', '{ authors: [reporter] }') +
        rule('pair', 'P2', "{ combinations: [{ name: both, all: [{ phrases: [alpha] }, { phrases: [beta] }] }] }"),
    ),
  );
  const run = (text: string, displayName = 'Jo') =>
    assess(interaction(text, { author: { displayName } }), matrix, TUESDAY_MORNING).assessment;

  it.each([
    ['parking was awful and expensive', 'gripe'],
    ['parking was easy and lovely, thank you', 'praise'],
    ['parking is on level 2', 'fallback'],
  ])('sentiment qualifies phrases but never sets priority: %j -> %s', (text, ruleId) => {
    expect(run(text).ruleId).toBe(ruleId);
  });

  it('author phrases look at the handle and display name, not the text', () => {
    expect(run('hello', 'Sam, Health Reporter').ruleId).toBe('press');
    expect(run('I am not a reporter').ruleId).toBe('fallback');
  });

  it('a combination needs every part', () => {
    expect(run('alpha and beta').signals).toEqual([{ detector: 'combination', category: 'pair', evidence: "both: phrase: 'alpha' + phrase: 'beta'", spanKind: 'combination' }]);
    expect(run('alpha only').ruleId).toBe('fallback');
  });
});

describe('course of conduct (same author, from the log)', () => {
  const abuse = 'NHS is a joke, bunch of clowns';
  it('a troll post alone is monitor only; the same author’s second related post within 28 days is harassment (P1)', () => {
    expect(assess(interaction(abuse), defaultMatrix, TUESDAY_MORNING).assessment.category).toBe('troll-or-spam');
    const history = [{ receivedAt: '2026-03-02T10:00:00Z', categories: ['troll-or-spam'] }];
    const { assessment } = assess(interaction(abuse), defaultMatrix, TUESDAY_MORNING, { authorHistory: history });
    expect([assessment.category, assessment.priority, assessment.secondaryCategories]).toEqual(['abuse-or-threat', 'P1', ['troll-or-spam']]);
    expect(assessment.flags).toContain('course-of-conduct');
  });
});
