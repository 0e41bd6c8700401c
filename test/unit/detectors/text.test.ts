import { languageOf } from '../../../functions/core/text/language';
import { sentimentOf } from '../../../functions/core/text/sentiment';

describe('sentiment (social text, clinical language)', () => {
  it.each([
    ['Thank you so much, the nurses were amazing', 'positive'],
    ['Absolutely disgraceful, staff were rude', 'negative'],
    ['not good enough', 'negative'],
    ['😡😡 shambles', 'negative'],
    ['💙💙', 'positive'],
    // Clinical language is information, not a judgement:
    ['this drug can be deadly if overdosed', 'neutral'],
    ['chest pain and bleeding after surgery, is that normal?', 'neutral'],
    ['my dad died of cancer last year', 'neutral'],
    ['Diolch yn fawr, gwasanaeth gwych', 'positive'],
    ['Gwasanaeth gwarthus, siomedig iawn', 'negative'],
  ])('%j -> %s', (text, label) => {
    const language = /diolch|gwasanaeth/iu.test(text) ? 'cy' : 'en';
    expect(sentimentOf(text, language).label).toBe(label);
  });
});

describe('language', () => {
  it.each([
    ['Diolch yn fawr i staff y ward am eu gofal', 'cy'],
    ['Oes modd newid fy apwyntiad i ddydd Gwener?', 'cy'],
    ['Diolch!', 'cy'],
    ['Thanks so much to the team on ward 7', 'en'],
    ['waited 6 hours in A&E and nobody told us anything', 'en'],
    ['lol', 'und'],
    ['🔥🔥🔥', 'und'],
    ['@someone #nhs https://example.org', 'und'],
  ])('%j -> %s', (text, code) => {
    expect(languageOf(text).code).toBe(code);
  });

  it('chooses only between the configured languages', () => {
    expect(languageOf('Dziękuję bardzo za opiekę nad moją mamą', ['en', 'cy', 'pl']).code).toBe('pl');
    expect(['en', 'cy']).toContain(languageOf('Dziękuję bardzo za opiekę nad moją mamą', ['en', 'cy']).code);
  });
});
