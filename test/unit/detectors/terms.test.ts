import { assess } from '../../../functions/core/matrix/assess';
import { MAX_TERMS, termsOf, wordsOf } from '../../../functions/core/text/terms';
import { BUILT_IN_THEME_WORDS } from '../../../functions/core/text/theme-vocabulary';
import { BUILT_IN_THEME_VOCABULARY, isThemeWord, themeTerms, themeVocabularyOf } from '../../../functions/core/text/themes';
import { defaultMatrix, interaction, TUESDAY_MORNING } from '../matrix/fixtures';

describe('termsOf: content words of the redacted text', () => {
  it.each([
    ['lower case, stop words out, in order of first appearance', 'The Parking at the General is AWFUL and the parking staff were rude', ['parking', 'general', 'awful', 'staff', 'rude']],
    ['at least 3 letters', 'my GP & an x-ray at A&E', ['x-ray']],
    ['Welsh function words out', 'Mae’r gwasanaeth yn wych ond mae’r aros yn hir', ['gwasanaeth', 'wych', 'aros', 'hir']],
    ['no numbers, and no word that touches a digit', '6 hours in ward 7b, room 12, 2nd time', ['hours', 'ward', 'room']],
    ['a possessive counts as the word', "the hospital's car park and the hospital", ['hospital', 'car', 'park']],
    ['hashtags count as their word', 'Have your say #OurFutureHospitals', ['ourfuturehospitals']],
    ['links out', 'see https://www.example.nhs.uk/parking-charges and www.example.com/visiting', ['']],
    ['nothing', '', []],
  ])('%s', (_case, text, terms) => {
    expect(termsOf(text)).toEqual(terms.filter((t) => t !== ''));
  });

  it(`keeps at most ${MAX_TERMS}, without repeats`, () => {
    const words = 'alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar alpha';
    expect(termsOf(words)).toEqual(words.split(' ').slice(0, MAX_TERMS));
    expect(termsOf('nurse nurse NURSE Nurse')).toEqual(['nurse']);
  });

  it('the redaction labels are never terms, though the same words elsewhere are', () => {
    expect(
      termsOf('NHS care: [NHS number removed] [email address removed] [phone number removed] [date of birth removed] [postcode removed]'),
    ).toEqual(['nhs', 'care']);
  });
});

describe('terms never carry personal data', () => {
  const personal = {
    nhsNumber: '943 476 5919',
    email: 'jo.bloggs@examplemail.co.uk',
    phone: '07700 900123',
    postcode: 'LS1 4AP',
    handle: '@jo_bloggs_99',
    otherHandle: '@JoBloggs',
  };
  const text =
    `Waited 9 hours at the clinic. My NHS number is ${personal.nhsNumber}, email ${personal.email}, ` +
    `call ${personal.phone}, I live at ${personal.postcode}. Ask ${personal.handle} or ${personal.otherHandle}, see https://t.co/xyz`;
  const pieces = ['943', '476', '5919', 'jo.bloggs', 'bloggs', 'examplemail', 'co.uk', '07700', '900123', 'ls1', '4ap', 'jo_bloggs_99', 'jobloggs', 't.co', 'xyz'];

  it('from an assessment (terms of the redacted text)', () => {
    const { assessment, redactedText } = assess(interaction(text), defaultMatrix, TUESDAY_MORNING);
    expect(assessment.piiKinds).toEqual(expect.arrayContaining(['nhs-number', 'email', 'uk-phone', 'postcode']));
    expect(redactedText).not.toContain(personal.nhsNumber);
    expect(assessment.terms).toEqual(['waited', 'hours', 'clinic', 'nhs', 'number', 'email', 'call', 'live', 'ask']);
    for (const piece of pieces) expect(assessment.terms!.join(' ')).not.toContain(piece);
  });

  it('even from text the redaction never saw', () => {
    const terms = termsOf(text).join(' ');
    for (const piece of pieces) expect(terms).not.toContain(piece);
    expect(terms).not.toMatch(/\d|@/u);
  });
});

describe('termsOf skips a name after a title (defence in depth)', () => {
  it.each([
    ['the trial', 'Why is Dr Okonkwo-Hartley being moved to Riverside?', ['okonkwo-hartley']],
    ['a full stop after the title, a first name and a surname', 'Mrs Jane Smith and Dr. Patel were lovely', ['jane', 'smith', 'patel']],
    ['a title typed in lower case', 'dr patel said the clinic is closing', ['patel']],
    ['a word title before a capitalised name', 'Nurse Jones and Sister Amaka on the ward', ['jones', 'amaka']],
    ['a professor', 'Prof Adeyemi runs the stroke unit', ['adeyemi']],
  ])('%s', (_case, text, names) => {
    const terms = termsOf(text);
    for (const name of names) expect(terms).not.toContain(name);
  });

  it.each([
    ['a word title before an ordinary word', 'the nurse said parking is free', ['nurse', 'parking', 'free']],
    ['an acronym, not a title', 'MS clinic cancelled', ['clinic', 'cancelled']],
    ['a new sentence after a name', 'Thanks Dr Jones. Parking was awful', ['parking', 'awful']],
    ['the name run ends at a lower-case word', 'Dr Okonkwo-Hartley moved wards', ['moved', 'wards']],
  ])('keeps what follows: %s', (_case, text, kept) => {
    expect(termsOf(text)).toEqual(expect.arrayContaining(kept));
  });
});

describe('the theme vocabulary: the only words that leave the system', () => {
  it('the built-in list: lower case, one word each, at least 3 letters, no repeats, nothing termsOf would not produce', () => {
    expect(BUILT_IN_THEME_WORDS.length).toBeGreaterThan(300);
    expect(new Set(BUILT_IN_THEME_WORDS).size).toBe(BUILT_IN_THEME_WORDS.length);
    for (const word of BUILT_IN_THEME_WORDS) {
      expect(word).toMatch(/^\p{Ll}+(?:['-]\p{Ll}+)*$/u);
      expect(word.replace(/['-]/gu, '').length).toBeGreaterThanOrEqual(3);
      expect(wordsOf(word)).toEqual([word]);
    }
  });

  it('holds the service words a comms team wants, and none of the trial’s name or place, nor a site name', () => {
    for (const word of ['parking', 'bus', 'buses', 'travel', 'ambulance', 'waiting', 'appointments', 'cancelled', 'beds', 'staffing', 'nurses', 'closing', 'moved', 'consultation', 'petition', 'maternity', 'stroke', 'emergency', 'outage', 'systems', 'switchboard', 'flooding', 'covid', 'flu', 'vaccine', 'visiting']) {
      expect(BUILT_IN_THEME_VOCABULARY.has(word)).toBe(true);
    }
    for (const word of ['okonkwo-hartley', 'okonkwo', 'hartley', 'riverside', 'northfield', 'general', 'royal', 'smith', 'jones', 'patel', 'miss', 'sister', 'porter']) {
      expect(BUILT_IN_THEME_VOCABULARY.has(word)).toBe(false);
    }
  });

  it('adds every word the trust chose in its matrix: rule phrases, claims, programme keywords, hashtags, key-message and claim phrases', () => {
    const vocabulary = themeVocabularyOf(defaultMatrix);
    const programme = defaultMatrix.programmes[0]!;
    const chosen = [
      ...defaultMatrix.rules.flatMap((rule) => rule.signals?.phrases ?? []),
      ...defaultMatrix.misinformation.claims.flatMap((claim) => [...claim.about, ...claim.says]),
      ...programme.keywords,
      ...programme.hashtags,
      ...programme.keyMessages.flatMap((m) => m.phrases),
      ...programme.claims.flatMap((c) => [...(c.about ?? []), ...c.says]),
    ];
    expect(chosen.length).toBeGreaterThan(20);
    for (const word of chosen.flatMap(wordsOf)) expect(vocabulary.has(word)).toBe(true);
    expect(vocabulary.has('ourfuturehospitals')).toBe(true);
    expect(vocabulary.has('hasu')).toBe(true);
    // Free text is not vocabulary: the key messages' wording and the corrections name the sites.
    expect(programme.keyMessages.some((m) => /riverside/iu.test(m.text))).toBe(true);
    expect(vocabulary.has('riverside')).toBe(false);
    expect(vocabulary.has('northfield')).toBe(false);
  });

  it('themeTerms keeps vocabulary words in order, and hyphenated words made of them', () => {
    const vocabulary = themeVocabularyOf(defaultMatrix);
    expect(themeTerms(['okonkwo-hartley', 'moved', 'riverside', 'hyper-acute', 'stroke', 'closing', 'ourfuturehospitals'], vocabulary)).toEqual([
      'moved',
      'hyper-acute',
      'stroke',
      'closing',
      'ourfuturehospitals',
    ]);
    expect(isThemeWord('car-park', BUILT_IN_THEME_VOCABULARY)).toBe(true);
    expect(isThemeWord('parking-smith', BUILT_IN_THEME_VOCABULARY)).toBe(false);
    expect(isThemeWord('-', BUILT_IN_THEME_VOCABULARY)).toBe(false);
  });
});
