import { assess } from '../../../functions/core/matrix/assess';
import { phraseRegex } from '../../../functions/core/matrix/compile';
import { parseMatrix } from '../../../functions/core/matrix/load';
import { interaction, matrixYaml, rule, TUESDAY_MORNING } from './fixtures';

describe('phrase matching', () => {
  it.each([
    ['rude', 'She was RUDE to me', true],
    ['rude', 'a prudent choice', false],
    ['rude', 'rudeness', false],
    ['rude', 'crude remarks', false],
    ['self harm', 'self-harm', true],
    ['self harm', 'self  harm', true],
    ['self harm', 'selfharm', false],
    ['no-one would notice', 'no one would notice', true],
    ["can't fault", 'can’t fault them', true],
    ["can't fault", 'cant fault', false],
    ['should i go to a&e', 'Should I go to A&E tonight?', true],
    ['a&e', 'a&eee', false],
    ['hello.', 'hello. there', true],
    ['(c)', 'text (c) 2026', true],
  ])('%j in %j -> %s', (phrase, text, expected) => {
    expect(phraseRegex(phrase).test(text)).toBe(expected);
  });
});

describe('signals in a rule', () => {
  const decide = (rules: string, text: string) =>
    assess(interaction(text), parseMatrix(matrixYaml(rules)), TUESDAY_MORNING).assessment;

  it('a pattern fires with its rule and position as evidence, never its regex (comms officers read it)', () => {
    const rules = rule('ward', 'P2', String.raw`{ patterns: ['\bbay\s+\d+\b', '\bward\s+\d+\b'] }`);
    expect(decide(rules, 'on Ward 12 today').signals).toEqual([
      { detector: 'pattern', category: 'ward', evidence: 'pattern 2 of rule "ward"', spanKind: 'pattern' },
    ]);
    expect(decide(rules, 'on Ward 12 today').rationale).not.toContain('\\b');
    expect(decide(rules, 'on the ward today').ruleId).toBe('fallback');
  });

  it('records every phrase that fired, once each', () => {
    const rules = rule('complaint', 'P2', '{ phrases: [waited, rude, cancelled] }');
    expect(decide(rules, 'waited and waited, then rude staff').signals.map((s) => s.evidence)).toEqual([
      "phrase: 'waited'",
      "phrase: 'rude'",
    ]);
  });

  it('an unless phrase cancels a pattern inside it too', () => {
    const rules = rule('dying', 'P0', "{ patterns: ['dying'] }", { extra: '    unless: [dying to]\n' });
    expect(decide(rules, "I'm dying to see the new unit").ruleId).toBe('fallback');
    expect(decide(rules, "I'm dying to see it. I think I am dying").ruleId).toBe('dying');
  });

  it('an unless phrase never cancels a detector', () => {
    const rules = rule('pii', 'P1', '{ detectors: [nhs-number] }', { extra: '    unless: [nhs number]\n' });
    expect(decide(rules, 'my NHS number 943 476 5919').ruleId).toBe('pii');
  });

  it('appliesTo decides whose posts a rule may judge', () => {
    const rules = rule('staff', 'P1', '{ phrases: [hello] }', { extra: '    appliesTo: [own-account]\n' });
    expect(decide(rules, 'hello').ruleId).toBe('fallback');
    const own = assess(interaction('hello', { flags: { ownAccount: true } }), parseMatrix(matrixYaml(rules)), TUESDAY_MORNING);
    expect(own.assessment.ruleId).toBe('staff');
  });
});
