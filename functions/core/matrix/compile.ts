import { compileClaims, type CompiledClaim } from '../detectors/claims';
import type { PreElectionPeriod } from '../detectors/pre-election';
import type { WorkingCalendar } from '../sla/calendar';
import type { LanguageCode } from '../text/language-codes';
import { matrixCalendar } from './calendar';
import type { DetectorName } from './detectors';
import { phraseRegex } from './phrase';
import { compileProgrammes, type CompiledProgramme } from './programmes';
import { preElectionLead, type Escalation, type MatrixRule, type ResponseMatrix, type RiskAppetite, type SignalSet, type Team } from './schema';

export { phraseRegex } from './phrase';

/** A phrase or pattern from the matrix, ready to run. `label` is how evidence names it. */
export interface TextMatcher {
  kind: 'phrase' | 'pattern';
  label: string;
  regex: RegExp;
}

export interface CompiledSignalSet {
  /** Phrases and patterns: fire by themselves. */
  matchers: TextMatcher[];
  /** All of `matchers` as one alternation: one scan rules out the whole set for most messages. */
  anyMatcher: RegExp | undefined;
  ifNegative: TextMatcher[];
  ifPositive: TextMatcher[];
  authors: TextMatcher[];
  detectors: DetectorName[];
}

export interface CompiledRule {
  /** The rule as the matrix's risk appetite makes it (its `appetite` overrides applied). */
  rule: MatrixRule;
  /** Position in the file: the tie-break between rules of equal priority. */
  index: number;
  signals: CompiledSignalSet;
  combinations: Array<{ name: string; all: CompiledSignalSet[] }>;
  escalations: Array<{ escalation: Escalation; when: CompiledSignalSet }>;
  unless: RegExp[];
}

export interface CompiledMatrix {
  rules: CompiledRule[];
  calendar: WorkingCalendar;
  teams: ReadonlyMap<string, Team>;
  claims: CompiledClaim[];
  debunking: RegExp[];
  preElectionPeriods: PreElectionPeriod[];
  /** The team told during a pre-election period, and the phrases that make an own post an announcement. */
  preElection: { lead: string | undefined; announcements: TextMatcher[]; announcementVetoes: RegExp[]; announcementAction: string };
  programmes: CompiledProgramme[];
  languages: LanguageCode[];
}

// A matrix is parsed once per cold start; compile it once too, not once per interaction.
const cache = new WeakMap<ResponseMatrix, CompiledMatrix>();

export function compileMatrix(matrix: ResponseMatrix): CompiledMatrix {
  let compiled = cache.get(matrix);
  if (!compiled) {
    compiled = {
      rules: matrix.rules.map((rule, index) => compileRule(applyAppetite(rule, matrix.riskAppetite), index)),
      calendar: matrixCalendar(matrix),
      teams: new Map(matrix.teams.map((team) => [team.id, team])),
      claims: compileClaims(matrix.misinformation.claims),
      debunking: matrix.misinformation.debunking.map(phraseRegex),
      preElectionPeriods: matrix.preElectionPeriods,
      preElection: {
        lead: preElectionLead(matrix.preElection, matrix.teams.map((team) => team.id)),
        announcements: matrix.preElection.announcements.phrases.map((phrase) => ({ kind: 'phrase', label: `announcement phrase: '${phrase}'`, regex: phraseRegex(phrase) })),
        announcementVetoes: matrix.preElection.announcements.unless.map(phraseRegex),
        announcementAction: matrix.preElection.announcements.action,
      },
      programmes: compileProgrammes(matrix.programmes),
      languages: matrix.language.detect,
    };
    cache.set(matrix, compiled);
  }
  return compiled;
}

/** The same matrix at another risk appetite (the comms-lead tool and tests compare them). */
export function withRiskAppetite(matrix: ResponseMatrix, riskAppetite: RiskAppetite): ResponseMatrix {
  return { ...matrix, riskAppetite };
}

/** `balanced` is the rule as written; `cautious` and `open` apply the rule's own overrides for them, if any. */
export function applyAppetite(rule: MatrixRule, appetite: RiskAppetite): MatrixRule {
  const overrides = appetite === 'balanced' ? undefined : rule.appetite?.[appetite];
  if (!overrides) return rule;
  const defined = Object.fromEntries(Object.entries(overrides).filter(([, value]) => value !== undefined));
  return { ...rule, ...defined };
}

function compileRule(rule: MatrixRule, index: number): CompiledRule {
  return {
    rule,
    index,
    signals: compileSet(rule.signals, `rule "${rule.id}"`),
    combinations: (rule.signals?.combinations ?? []).map((c) => ({
      name: c.name,
      all: c.all.map((set) => compileSet(set, `combination "${c.name}" of rule "${rule.id}"`)),
    })),
    escalations: rule.escalate.map((escalation, n) => ({ escalation, when: compileSet(escalation.when, `escalation ${n + 1} of rule "${rule.id}"`) })),
    unless: rule.unless.map(phraseRegex),
  };
}

/**
 * `where` names the set for evidence: a pattern is named by its position there (`pattern 1 of rule
 * "complaint-about-care"`), never by its regex, which means nothing to the comms officers who read it.
 */
function compileSet(set: Partial<SignalSet> | undefined, where: string): CompiledSignalSet {
  const phrases = (list: readonly string[] | undefined, label: (p: string) => string): TextMatcher[] =>
    (list ?? []).map((phrase) => ({ kind: 'phrase', label: label(phrase), regex: phraseRegex(phrase) }));
  const matchers = [
    ...phrases(set?.phrases, (p) => `phrase: '${p}'`),
    ...(set?.patterns ?? []).map((source, n): TextMatcher => ({ kind: 'pattern', label: `pattern ${n + 1} of ${where}`, regex: new RegExp(source, 'giu') })),
  ];
  return {
    matchers,
    anyMatcher: alternation(matchers),
    ifNegative: phrases(set?.ifNegative, (p) => `phrase: '${p}' in a negative message`),
    ifPositive: phrases(set?.ifPositive, (p) => `phrase: '${p}' in a positive message`),
    authors: phrases(set?.authors, (p) => `author name: '${p}'`),
    detectors: [...(set?.detectors ?? [])],
  };
}

/**
 * One regex that matches wherever any of the matchers would. Not global, so `test` keeps no lastIndex
 * state between messages. Undefined (no shortcut) when the sources cannot share one regex, e.g. two
 * trust-written patterns that reuse a named group.
 */
function alternation(matchers: TextMatcher[]): RegExp | undefined {
  if (matchers.length === 0) return undefined;
  try {
    return new RegExp(matchers.map((m) => `(?:${m.regex.source})`).join('|'), 'iu');
  } catch {
    return undefined;
  }
}

