import { assessmentSchema } from '../../../events';
import { assess } from '../../../functions/core/matrix/assess';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { defaultMatrix, interaction, matrixYaml, rule } from './fixtures';

/** Thursday 26 November 2026, 10:00 GMT: inside the default programme's period and monitored hours. */
const IN_PERIOD = '2026-11-26T10:00:00Z';
const PROGRAMME = 'services-reconfiguration-2027';

const decide = (text: string, options: { at?: string; own?: boolean } = {}) => {
  const at = options.at ?? IN_PERIOD;
  const input = interaction(text, { receivedAt: at, occurredAt: at, flags: { ownAccount: options.own ?? false } });
  return assess(input, defaultMatrix, at).assessment;
};

describe('programme tagging: the period', () => {
  it.each([
    ['inside the period', IN_PERIOD, true],
    ['the day before it starts (local date)', '2026-08-31T10:00:00Z', false],
    ['00:30 on its first day, London time (BST), though still 31 August in UTC', '2026-08-31T23:30:00Z', true],
    ['its last day', '2027-12-31T23:30:00Z', true],
    ['the day after it ends', '2028-01-01T00:30:00Z', false],
  ])('%s -> tagged: %s', (_case, at, tagged) => {
    const assessment = decide('What is happening with the stroke unit?', { at });
    expect(assessment.programmes?.map((p) => p.id) ?? []).toEqual(tagged ? [PROGRAMME] : []);
  });

  it('a programme with no end date runs on (open-ended)', () => {
    const matrix = parseMatrix(
      matrixYaml(rule('a', 'P2', '{ phrases: [zzz] }')).replace(
        'rules:\n',
        'programmes:\n  - { id: open, name: Open, from: "2026-01-01", owner: comms, keywords: [new wing] }\nrules:\n',
      ),
    );
    const at = '2035-06-01T10:00:00Z';
    const { assessment } = assess(interaction('when does the new wing open', { receivedAt: at }), matrix, at);
    expect(assessment.programmes).toEqual([{ id: 'open', keyMessages: [], claims: [] }]);
  });

  it('leaves programmes out when the interaction concerns none', () => {
    const assessment = decide('Thank you ward 7!');
    expect(assessment).not.toHaveProperty('programmes');
  });
});

describe('programme tagging: keywords and hashtags', () => {
  it.each([
    ['a hashtag', 'Have your say #OurFutureHospitals', true],
    ['a hashtag in other capitals', 'have your say #ourfuturehospitals', true],
    ['the second hashtag', 'Drop-in session tonight #FutureHospitals2027', true],
    ['a longer, different hashtag', 'Have your say #OurFutureHospitalsPlan', false],
    ['the hashtag word without the #', 'OurFutureHospitals is trending', false],
    ['a keyword, any capitals', 'The RECONFIGURATION is a disgrace', true],
    ['a keyword phrase with a hyphen', 'the hyper-acute stroke unit is a good idea', true],
    ['a keyword inside another word', 'reconfigurations of the wifi network', false],
  ])('%s: %j -> tagged: %s', (_case, text, tagged) => {
    expect(decide(text).programmes?.map((p) => p.id) ?? []).toEqual(tagged ? [PROGRAMME] : []);
  });
});

describe('key messages: pull-through and echoes', () => {
  it('the trust’s own post is tagged with the key messages it carries (pull-through)', () => {
    const assessment = decide('Both A&E departments stay open 24/7 and specialist stroke care saves lives. #OurFutureHospitals', { own: true });
    expect(assessment.category).toBe('own-post');
    expect(assessment.programmes).toEqual([
      { id: PROGRAMME, keyMessages: ['specialist-stroke-care-saves-lives', 'both-a-and-e-stay-open'], claims: [] },
    ]);
  });

  it('a public post that echoes a key message concerns the programme without naming it', () => {
    const assessment = decide('Glad to hear both A&Es are staying open, that was my worry');
    expect(assessment.programmes).toEqual([{ id: PROGRAMME, keyMessages: ['both-a-and-e-stay-open'], claims: [] }]);
  });
});

describe('programme claims', () => {
  const claim = 'I heard A&E at Northfield is closing next year.';

  it('a claim makes it misinformation, routed to the programme owner with the correction and its source', () => {
    const assessment = decide(claim);
    expect(assessment).toMatchObject({
      category: 'misinformation',
      priority: 'P2',
      ownerTeam: 'change-programme',
      owner: 'Change programme communications lead',
      programmes: [{ id: PROGRAMME, keyMessages: [], claims: ['a-and-e-closing'] }],
      replyTemplate:
        'Both A&E departments are staying open, 24 hours a day, 7 days a week. The changes move specialist stroke care and consultant-led births only. https://www.example.nhs.uk/our-future-hospitals/a-and-e',
    });
    expect(assessment.signals).toContainEqual({
      detector: 'misinformation-claim',
      category: 'misinformation',
      evidence: 'programme claim: "A&E is closing" (Hospital services reconfiguration 2027)',
      spanKind: 'claim',
    });
    // The programme owner asked to hear about every decision it owns.
    expect(assessment.escalation).toEqual({ notify: true, page: false, reasons: ['Change programme communications lead asked to hear about every decision it owns'] });
    expect(assessment.rationale).toMatch(/concerns the programme "Hospital services reconfiguration 2027", so it goes to the programme's owner/);
    expect(assessment.rationale).toMatch(/correction of the claim "A&E is closing", with its source/);
    // Evidence and rationale are read by comms officers: the claim's plain name, never its ids.
    expect(assessment.signals.map((s) => s.evidence).join(' ')).not.toContain('a-and-e-closing');
    expect(assessment.rationale).toMatch(/Owner: Change programme communications lead/);
    expect(() => assessmentSchema.parse(assessment)).not.toThrow();
  });

  it('spreading the claim raises it to P1 as any misinformation, still with the programme owner', () => {
    const assessment = decide('They are shutting down the maternity unit, please share');
    expect([assessment.category, assessment.priority, assessment.ownerTeam]).toEqual(['misinformation', 'P1', 'change-programme']);
    expect(assessment.replyTemplate).toMatch(/birth centre stays open.*https:\/\/www\.example\.nhs\.uk\/our-future-hospitals\/maternity$/u);
  });

  it.each([
    ['a sentence that debunks it', "It's a myth that A&E is closing."],
    ['a debunking that names the programme', 'Rumours that the maternity unit is closing are not true #OurFutureHospitals'],
  ])('%s does not fire', (_case, text) => {
    const assessment = decide(text);
    expect(assessment.category).not.toBe('misinformation');
    expect(assessment.programmes?.flatMap((p) => p.claims) ?? []).toEqual([]);
    expect(assessment.signals.some((s) => s.evidence.startsWith('programme claim'))).toBe(false);
  });

  it('the topic and the claim must sit in one sentence', () => {
    expect(decide('A&E was great. The shop is closing early today.').category).not.toBe('misinformation');
  });

  it('outside the programme’s period the claim is not the programme’s (and not misinformation)', () => {
    const assessment = decide(claim, { at: '2026-03-10T10:00:00Z' });
    expect(assessment.category).not.toBe('misinformation');
    expect(assessment).not.toHaveProperty('programmes');
  });

  it('a category the programme does not route keeps its own owner, and is still tagged', () => {
    const assessment = decide("I'm a journalist at the Post. Is it true the maternity unit is closing?");
    expect([assessment.category, assessment.ownerTeam]).toEqual(['media-enquiry', 'press-office']);
    expect(assessment.programmes).toEqual([{ id: PROGRAMME, keyMessages: [], claims: ['maternity-closing'] }]);
    expect(assessment.replyTemplate).toBe('Thanks for getting in touch. Please contact our press office, who will be able to help.');
  });

  it('a routed category without a claim goes to the owner and keeps the rule’s reply (none here)', () => {
    const assessment = decide('When do the #OurFutureHospitals drop-in sessions start?');
    expect([assessment.category, assessment.ownerTeam]).toEqual(['general-question', 'change-programme']);
    expect(assessment).not.toHaveProperty('replyTemplate');
  });
});

describe('replyTemplate', () => {
  it.each([
    ['a rule’s template', 'Waited 9 hours in A&E, disgraceful', /Patient Advice and Liaison Service/],
    ['an escalation’s rule keeps the rule’s template', 'I want to end it all', /Samaritans/],
  ])('carries %s', (_case, text, template) => {
    expect(decide(text).replyTemplate).toMatch(template);
  });

  it('is left out when the rule has none', () => {
    expect(decide('the MMR gave my son autism')).not.toHaveProperty('replyTemplate');
  });
});
