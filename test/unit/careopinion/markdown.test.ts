import fc from 'fast-check';
import { markdownToText } from '../../../functions/core/careopinion/markdown';

describe('markdownToText (Care Opinion bodies)', () => {
  it.each([
    ['emphasis', 'The staff were **very** kind and _really_ patient', 'The staff were very kind and really patient'],
    ['snake_case words are left alone', 'see ward_7_notes please', 'see ward_7_notes please'],
    ['headings', '## What was good\nThe nurses', 'What was good\nThe nurses'],
    ['links keep their text', 'Read [our response](https://www.careopinion.org.uk/1) here', 'Read our response here'],
    ['images keep their alt text', '![a smiling nurse](x.png)', 'a smiling nurse'],
    ['block quotes', '> I was scared\n> but they helped', 'I was scared\nbut they helped'],
    ['bullets', '* waiting\n* parking', '- waiting\n- parking'],
    ['rules and extra blank lines', 'one\n\n---\n\n\n\ntwo', 'one\n\ntwo'],
    ['inline code and entities', '`A&amp;E` &lt;4 hours&gt; &#8212; done', 'A&E <4 hours> — done'],
    ['HTML tags', 'Thank you<br/>to <b>Ward 9</b>', 'Thank youto Ward 9'],
    ['backslash escapes', '5 \\* stars', '5 * stars'],
  ])('strips %s', (_name, markdown, text) => {
    expect(markdownToText(markdown)).toBe(text);
  });

  it('gives text for any input, never an error, and never grows it', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (markdown) => {
        const text = markdownToText(markdown);
        expect(typeof text).toBe('string');
        expect(text.length).toBeLessThanOrEqual(markdown.length + 2);
      }),
      { numRuns: 300 },
    );
  });
});
