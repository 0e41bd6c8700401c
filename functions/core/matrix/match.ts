import type { Signal } from '../../../events';
import type { SentimentLabel } from '../text/sentiment';
import type { CompiledRule, CompiledSignalSet, TextMatcher } from './compile';
import type { DetectorResults } from './detectors';

/** What every rule is matched against: worked out once per interaction. */
export interface MatchInput {
  text: string;
  /** The author's handle and display name, for `authors` signals. */
  authorText: string;
  sentiment: SentimentLabel;
  detected: DetectorResults;
}

/**
 * The signals with which one rule fires on the input, or none: its own signals, each combination whose
 * every part is found, and escalations that fire by themselves. Phrases and patterns are cancelled by an
 * `unless` phrase only where they sit inside it ("waited" inside "only waited"), so a figure of speech
 * never hides a real signal elsewhere in the same message. Detectors are never cancelled.
 */
export function ruleSignals(compiled: CompiledRule, input: MatchInput): Signal[] {
  const { rule } = compiled;
  const vetoes = compiled.unless.flatMap((regex) => spans(regex, input.text));
  const own = setSignals(compiled.signals, input, vetoes, rule.category);
  const combined = compiled.combinations.flatMap(({ name, all }) => {
    const parts = all.map((set) => setSignals(set, input, vetoes, rule.category));
    if (parts.some((part) => part.length === 0)) return [];
    const evidence = `${name}: ${parts.map((part) => part[0]!.evidence).join(' + ')}`;
    return [{ detector: 'combination', category: rule.category, evidence, spanKind: 'combination' }];
  });
  return [...own, ...combined];
}

/**
 * The escalations of a rule whose signals are found: `byItself` ones may fire the rule alone; the
 * others count only when the rule fired anyway. Each comes back with the signals that raised it.
 */
export function escalationSignals(
  compiled: CompiledRule,
  input: MatchInput,
): Array<{ index: number; byItself: boolean; signals: Signal[] }> {
  const vetoes = compiled.unless.flatMap((regex) => spans(regex, input.text));
  return compiled.escalations.flatMap(({ escalation, when }, index) => {
    const found = setSignals(when, input, vetoes, compiled.rule.category).map((signal) => ({ ...signal, raises: escalation.to }));
    return found.length > 0 ? [{ index, byItself: escalation.byItself, signals: found }] : [];
  });
}

export function setSignals(set: CompiledSignalSet, input: MatchInput, vetoes: Span[], category: string): Signal[] {
  const fromText = (matchers: TextMatcher[], detector: string, spanKind: string) =>
    matchers
      .filter((matcher) => firesOutside(matcher, input.text, vetoes))
      .map((matcher) => ({ detector, category, evidence: matcher.label, spanKind }));
  const candidates = !set.anyMatcher || set.anyMatcher.test(input.text) ? set.matchers : [];
  const signals: Signal[] = candidates
    .filter((matcher) => firesOutside(matcher, input.text, vetoes))
    .map((matcher) => ({ detector: matcher.kind, category, evidence: matcher.label, spanKind: matcher.kind }));
  if (input.sentiment === 'negative') signals.push(...fromText(set.ifNegative, 'phrase+sentiment', 'phrase'));
  if (input.sentiment === 'positive') signals.push(...fromText(set.ifPositive, 'phrase+sentiment', 'phrase'));
  signals.push(
    ...set.authors
      .filter((matcher) => new RegExp(matcher.regex).test(input.authorText))
      .map((matcher) => ({ detector: 'author', category, evidence: matcher.label, spanKind: 'author-name' })),
  );
  for (const detector of set.detectors) {
    for (const finding of input.detected.get(detector) ?? []) {
      signals.push({ detector, category, evidence: finding.evidence, spanKind: finding.spanKind });
    }
  }
  return signals;
}

export interface Span {
  start: number;
  end: number;
}

export function firesOutside(matcher: TextMatcher, text: string, vetoes: Span[]): boolean {
  // Most matchers find nothing in most messages: one search (no regex clone) settles those cheaply.
  if (text.search(matcher.regex) === -1) return false;
  if (vetoes.length === 0) return true;
  const insideVeto = (hit: Span) => vetoes.some((veto) => veto.start <= hit.start && hit.end <= veto.end);
  return spans(matcher.regex, text).some((hit) => !insideVeto(hit));
}

export function spans(regex: RegExp, text: string): Span[] {
  // `search` ignores and restores lastIndex, so it is safe on the shared global regex.
  if (text.search(regex) === -1) return [];
  // matchAll clones the regex, so the shared compiled one keeps no lastIndex state between calls.
  return [...text.matchAll(regex)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
