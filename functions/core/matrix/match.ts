import type { Signal } from '../../../events';
import type { CompiledRule, TextMatcher } from './compile';
import type { DetectorResults } from './detectors';

/**
 * The signals with which one rule fires on `text`, or none. Phrases and patterns are cancelled by an
 * `unless` phrase only where they sit inside it ("waited" inside "only waited"), so a figure of
 * speech never hides a real signal elsewhere in the same message. Detectors are never cancelled.
 */
export function ruleSignals(compiled: CompiledRule, text: string, detected: DetectorResults): Signal[] {
  const { rule } = compiled;
  const vetoes = compiled.unless.flatMap((regex) => spans(regex, text));
  const signals: Signal[] = compiled.matchers
    .filter((matcher) => firesOutside(matcher, text, vetoes))
    .map((matcher) => ({
      detector: matcher.kind,
      category: rule.category,
      evidence: matcher.label,
    }));
  for (const detector of rule.signals?.detectors ?? []) {
    const evidence = detected.get(detector);
    if (evidence) signals.push({ detector, category: rule.category, evidence });
  }
  return signals;
}

interface Span {
  start: number;
  end: number;
}

function firesOutside(matcher: TextMatcher, text: string, vetoes: Span[]): boolean {
  const insideVeto = (hit: Span) => vetoes.some((veto) => veto.start <= hit.start && hit.end <= veto.end);
  return spans(matcher.regex, text).some((hit) => !insideVeto(hit));
}

function spans(regex: RegExp, text: string): Span[] {
  // matchAll clones the regex, so the shared compiled one keeps no lastIndex state between calls.
  return [...text.matchAll(regex)].map((m) => ({ start: m.index, end: m.index + m[0].length }));
}
