import { assess } from '../../../functions/core/matrix/assess';
import { MAX_TERMS, termsOf } from '../../../functions/core/text/terms';
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
