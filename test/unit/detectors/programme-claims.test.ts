import { claimsMade, compileClaims } from '../../../functions/core/detectors/claims';
import { phraseRegex } from '../../../functions/core/matrix/phrase';
import { compileProgrammes, hashtagRegex, programmesConcerned } from '../../../functions/core/matrix/programmes';
import { programmeSchema } from '../../../functions/core/matrix/schema';

describe('claimsMade: the claim machinery shared by the misinformation list and programmes', () => {
  const claims = compileClaims([
    { id: 'a-and-e-closing', about: ['a&e'], says: ['closing'] },
    { id: 'maternity-closing', about: ['maternity'], says: ['closing'] },
  ]);
  const debunking = ['myth', 'not true'].map(phraseRegex);
  it.each([
    ['Maternity is closing. A&E is closing too.', ['a-and-e-closing', 'maternity-closing']],
    ['A&E is closing? That is a myth.', ['a-and-e-closing']],
    ['That A&E is closing is a myth.', []],
    ['a&e is fine. the shop is closing.', []],
  ])('%j -> %j (ids in the order of the list)', (text, ids) => {
    expect(claimsMade(text, claims, debunking)).toEqual(ids);
  });
});

describe('hashtagRegex', () => {
  it.each([
    ['#OurFutureHospitals', true],
    ['#ourfuturehospitals!', true],
    ['(#OurFutureHospitals)', true],
    ['#OurFutureHospitals_2027', false],
    ['#OurFutureHospitalsNow', false],
    ['##OurFutureHospitals', false],
    ['OurFutureHospitals', false],
  ])('%j -> %s', (text, matches) => {
    expect(text.search(hashtagRegex('#OurFutureHospitals')) !== -1).toBe(matches);
  });
});

describe('programmesConcerned', () => {
  const programme = programmeSchema.parse({
    id: 'p',
    name: 'P',
    from: '2026-09-01',
    to: '2026-09-30',
    owner: 'comms',
    hashtags: ['#Change'],
    keyMessages: [{ id: 'open', text: 'A&E stays open', phrases: ['a&e stays open'] }],
    claims: [{ id: 'closing', says: ['closing'], correction: 'It is not.', source: 'https://www.example.nhs.uk/p' }],
  });
  const context = (receivedAt: string) => ({ receivedAt, timeZone: 'Europe/London', programmes: compileProgrammes([programme]), debunking: [phraseRegex('myth')] });

  it('a claim without its own topics uses the programme’s keywords and hashtags', () => {
    expect(programmesConcerned('#Change means the hospital is closing', context('2026-09-10T10:00:00Z'))).toEqual([
      { programme, keyMessages: [], claims: ['closing'] },
    ]);
  });

  it('a key message alone is enough; nothing outside the period', () => {
    expect(programmesConcerned('so A&E stays open', context('2026-09-10T10:00:00Z'))).toEqual([{ programme, keyMessages: ['open'], claims: [] }]);
    expect(programmesConcerned('so A&E stays open #Change', context('2026-10-01T10:00:00Z'))).toEqual([]);
  });
});
