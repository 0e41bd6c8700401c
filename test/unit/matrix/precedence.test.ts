import { assess } from '../../../functions/core/matrix/assess';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { rankByPrecedence, type FiredRule } from '../../../functions/core/matrix/precedence';
import { defaultMatrix, interaction, matrixYaml, rule, TUESDAY_MORNING } from './fixtures';

describe('precedence in the default matrix', () => {
  it.each([
    ['a complaint containing an NHS number', 'Waited 9 hours and staff were rude. NHS number 943 476 5919', 'pii', ['complaint']],
    [
      'risk to life outranks everything',
      'Thanks for nothing, waited 8 hours, I want to end it all. my email is jo@example.com',
      'safeguarding',
      ['pii', 'complaint'],
    ],
    ['formal beats complaint: equal P2, formal is earlier in the file', 'waited 5 hours, my solicitor has the details', 'formal-complaint', ['complaint']],
    ['question beats compliment: equal P3, question is earlier', 'Thank you so much! Where is the discharge lounge?', 'general-question', ['compliment']],
    ['a complaint outranks a compliment (P2 > P3)', 'Thank you to the doctors, but the receptionist was rude', 'complaint', ['compliment']],
    ['a media enquiry outranks a complaint (P1 > P2)', "I'm a journalist looking into patients who waited 12 hours", 'media-enquiry', ['complaint']],
  ])('%s', (_case, text, category, secondary) => {
    const { assessment } = assess(interaction(text), defaultMatrix, TUESDAY_MORNING);
    expect(assessment.category).toBe(category);
    expect(assessment.secondaryCategories).toEqual(secondary);
  });

  it('lists the primary rule’s signals first, then the others’ in precedence order', () => {
    const { assessment } = assess(interaction('Waited 9 hours. NHS number 943 476 5919'), defaultMatrix, TUESDAY_MORNING);
    expect(assessment.signals.map((s) => [s.category, s.evidence])).toEqual([
      ['pii', 'NHS number (valid Modulus 11)'],
      ['complaint', "phrase: 'waited'"],
    ]);
  });
});

describe('precedence rules, on a matrix we control', () => {
  const decide = (rules: string, text: string) =>
    assess(interaction(text), parseMatrix(matrixYaml(rules)), TUESDAY_MORNING).assessment;

  it('the more urgent rule wins even when written later', () => {
    const rules = rule('chat', 'P3', '{ phrases: [hello] }') + rule('urgent', 'P1', '{ phrases: [help] }');
    const assessment = decide(rules, 'hello, help');
    expect(assessment.ruleId).toBe('urgent');
    expect(assessment.secondaryCategories).toEqual(['chat']);
  });

  it.each([
    ['first-then-second', 'first'],
    ['second-then-first', 'second'],
  ])('between equal priorities the earlier rule wins (%s)', (order, winner) => {
    const first = rule('first', 'P2', '{ phrases: [hello] }');
    const second = rule('second', 'P2', '{ phrases: [hello] }');
    const assessment = decide(order === 'first-then-second' ? first + second : second + first, 'hello');
    expect(assessment.ruleId).toBe(winner);
  });

  it('monitor is the least urgent', () => {
    const rules = rule('watch', 'monitor', '{ phrases: [hello] }') + rule('later', 'P3', '{ phrases: [hello] }');
    expect(decide(rules, 'hello').ruleId).toBe('later');
  });

  it('the default rule decides only when nothing else fires, and is never secondary', () => {
    const rules = rule('greeting', 'P3', '{ phrases: [hello] }');
    expect(decide(rules, 'hello').secondaryCategories).toEqual([]);
    expect(decide(rules, 'goodbye').ruleId).toBe('fallback');
  });

  it('two rules of the same category are reported once', () => {
    const rules =
      rule('a', 'P1', '{ phrases: [hello] }') +
      rule('b', 'P2', '{ phrases: [hello] }', { category: 'shared' }) +
      rule('c', 'P3', '{ phrases: [hello] }', { category: 'shared' });
    expect(decide(rules, 'hello').secondaryCategories).toEqual(['shared']);
  });
});

describe('rankByPrecedence', () => {
  const fired = (id: string, priority: FiredRule['rule']['priority'], index: number): FiredRule => ({
    rule: { id, category: id, priority } as FiredRule['rule'],
    index,
    signals: [],
  });

  it('orders P0 > P1 > P2 > P3 > monitor, then by position in the file', () => {
    const ranked = rankByPrecedence([
      fired('m', 'monitor', 0),
      fired('p3', 'P3', 1),
      fired('p2-late', 'P2', 5),
      fired('p0', 'P0', 9),
      fired('p2-early', 'P2', 2),
      fired('p1', 'P1', 3),
    ]);
    expect(ranked.map((f) => f.rule.id)).toEqual(['p0', 'p1', 'p2-early', 'p2-late', 'p3', 'm']);
  });
});
