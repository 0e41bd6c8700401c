import { assessmentSchema } from '../../../events';
import { assess } from '../../../functions/core/matrix/assess';
import { defaultMatrix, interaction, TUESDAY_MORNING } from './fixtures';

const SAMPLES = [
  'I want to end it all',
  'Waited 9 hours. NHS number 943 476 5919, email jo@example.com, phone 07700 900123, DOB 12/03/1954',
  "I'm a journalist at the Post",
  'my solicitor has the details',
  'is it safe to take paracetamol with it',
  'where is the car park',
  'Thank you ward 7!',
  '',
];

describe('assess: the assessment contract', () => {
  it.each(SAMPLES)('%j gives an assessment that parses with assessmentSchema', (text) => {
    const { assessment } = assess(interaction(text), defaultMatrix, TUESDAY_MORNING);
    expect(() => assessmentSchema.parse(assessment)).not.toThrow();
  });

  it('records the matrix version, the rule and the time it was assessed', () => {
    const { assessment } = assess(interaction('waited 6 hours'), defaultMatrix, '2026-03-10T10:05:00Z');
    expect(assessment).toMatchObject({
      ruleId: 'complaint-about-care',
      matrixVersion: '2026.12-nhs-default.4',
      assessedAt: '2026-03-10T10:05:00Z',
    });
  });

  it('starts the SLA clock when the interaction was received, not when it was assessed', () => {
    const received = interaction('waited 6 hours', { receivedAt: '2026-03-06T16:30:00Z' });
    const { assessment } = assess(received, defaultMatrix, '2026-03-10T10:05:00Z');
    expect(assessment.slaDueAt).toBe('2026-03-09T17:00:00Z');
  });

  it('is deterministic', () => {
    const input = interaction(SAMPLES[1]!);
    expect(assess(input, defaultMatrix, TUESDAY_MORNING)).toEqual(assess(input, defaultMatrix, TUESDAY_MORNING));
  });
});

describe('assess: personal data', () => {
  const text = 'Waited 9 hours. NHS number 943 476 5919, email jo.bloggs@example.com, phone 07700 900123, DOB 12/03/1954';
  const { assessment, redactedText } = assess(interaction(text), defaultMatrix, TUESDAY_MORNING);

  it('redacts every kind found and lists the kinds', () => {
    expect(redactedText).toBe(
      'Waited 9 hours. NHS number [NHS number removed], email [email address removed], phone [phone number removed], DOB [date of birth removed]',
    );
    expect(assessment.piiKinds).toEqual(['nhs-number', 'email', 'uk-phone', 'date-of-birth']);
  });

  it('records each detector that fired, with the kind of thing as evidence', () => {
    expect(assessment.signals.filter((s) => s.category === 'pii')).toEqual([
      { detector: 'nhs-number', category: 'pii', evidence: 'NHS number (valid Modulus 11)', spanKind: 'nhs-number' },
      { detector: 'email', category: 'pii', evidence: 'email address', spanKind: 'email' },
      { detector: 'uk-phone', category: 'pii', evidence: 'UK phone number', spanKind: 'uk-phone' },
      { detector: 'date-of-birth', category: 'pii', evidence: 'date of birth', spanKind: 'date-of-birth' },
    ]);
  });

  it.each(['943 476 5919', '9434765919', 'jo.bloggs', 'example.com', '07700', '900123', '12/03/1954'])(
    'never repeats %j in the assessment',
    (secret) => {
      expect(JSON.stringify(assessment)).not.toContain(secret);
    },
  );

  it('redacts whatever rule decides, even a P0', () => {
    const result = assess(interaction('I want to end it all. 943 476 5919'), defaultMatrix, TUESDAY_MORNING);
    expect(result.assessment.category).toBe('safeguarding');
    expect(result.assessment.piiKinds).toEqual(['nhs-number']);
    expect(result.redactedText).toBe('I want to end it all. [NHS number removed]');
  });

  it('leaves text with no personal data as it is', () => {
    const result = assess(interaction('waited 6 hours, 943 476 5918'), defaultMatrix, TUESDAY_MORNING);
    expect(result.redactedText).toBe('waited 6 hours, 943 476 5918');
    expect(result.assessment.piiKinds).toEqual([]);
  });
});

describe('assess: own-account and deleted interactions', () => {
  const own = (text: string) => interaction(text, { flags: { ownAccount: true } });
  const deleted = (text: string) => interaction(text, { flags: { deleted: true } });

  it.each([
    ['own post', own('Join us for World Suicide Prevention Day: you are not alone'), 'own-post'],
    ['own post with no text', own(''), 'own-post'],
    ['deleted post', deleted(''), 'deleted'],
    ['deleted post that still carries text', deleted('I want to end it all'), 'deleted'],
    ['deleted own post', interaction('hello', { flags: { deleted: true, ownAccount: true } }), 'deleted'],
  ])('%s -> %s, monitor, no SLA', (_case, input, category) => {
    const { assessment } = assess(input, defaultMatrix, TUESDAY_MORNING);
    expect(assessment).toMatchObject({ category, priority: 'monitor', slaDueAt: null, signals: [], secondaryCategories: [] });
    expect(() => assessmentSchema.parse(assessment)).not.toThrow();
  });

  it('content rules for the public do not judge the trust’s own posts', () => {
    const { assessment } = assess(own('Waited too long? Tell us. Where is our new car park? Thank you all!'), defaultMatrix, TUESDAY_MORNING);
    expect(assessment.category).toBe('own-post');
  });

  it('an NHS number in the trust’s own post is still an IG matter (P1)', () => {
    const { assessment, redactedText } = assess(own('Congratulations to patient 943 476 5919!'), defaultMatrix, TUESDAY_MORNING);
    expect(assessment).toMatchObject({ category: 'pii', priority: 'P1' });
    expect(redactedText).toBe('Congratulations to patient [NHS number removed]!');
  });

  it('a deleted post is still redacted', () => {
    const { assessment, redactedText } = assess(deleted('my NHS number 943 476 5919'), defaultMatrix, TUESDAY_MORNING);
    expect(assessment.piiKinds).toEqual(['nhs-number']);
    expect(redactedText).toBe('my NHS number [NHS number removed]');
  });
});

describe('assess: rationale', () => {
  it.each([
    [
      'names the rule, the evidence and what else fired',
      'Waited 9 hours. NHS number 943 476 5919',
      [/Rule "patient-identifiable-info" decided/, /NHS number \(valid Modulus 11\)/, /complaint-about-care \(P2\)/, /most urgent/],
    ],
    ['explains equal priorities', 'waited 5 hours, my solicitor has it', [/earlier rule in the matrix/]],
    ['says when nothing matched', 'lol', [/No rule’s signals matched, so the default rule "unclassified"/]],
    ['says what the decision means', 'I want to end it all', [/Samaritans/, /reply in private only/, /due by Tue 10 Mar 2026, 10:15 \(Europe\/London\)/]],
  ])('%s', (_case, text, patterns) => {
    const { assessment } = assess(interaction(text), defaultMatrix, TUESDAY_MORNING);
    for (const pattern of patterns) expect(assessment.rationale).toMatch(pattern);
  });

  it('explains an own-account decision', () => {
    const { assessment } = assess(interaction('hello', { flags: { ownAccount: true } }), defaultMatrix, TUESDAY_MORNING);
    expect(assessment.rationale).toMatch(/trust’s own account/);
    expect(assessment.rationale).toMatch(/no deadline/);
  });
});
