import type { CompiledMatrix } from './compile';
import { firesOutside, spans } from './match';
import type { FiredRule } from './precedence';

/**
 * A fired rule as it decides during a pre-election period: its `duringPreElection` changes applied
 * (political content: monitor-only, no public reply, no clock). A priority set there is final, so the
 * rule's escalations no longer raise it.
 */
export function duringPreElection(fired: FiredRule, period: string): FiredRule {
  const override = fired.rule.duringPreElection;
  if (!override) return fired;
  const { notify, ...changes } = override;
  const defined = Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined));
  return {
    ...fired,
    rule: { ...fired.rule, ...defined },
    raised: override.priority !== undefined ? undefined : fired.raised,
    preElection: { period, notify },
  };
}

/** The announcement phrases (preElection.announcements) a post from the trust uses, as evidence labels. */
export function announcementEvidence(text: string, preElection: CompiledMatrix['preElection']): string[] {
  if (preElection.announcements.length === 0) return [];
  const vetoes = preElection.announcementVetoes.flatMap((regex) => spans(regex, text));
  return preElection.announcements.filter((matcher) => firesOutside(matcher, text, vetoes)).map((matcher) => matcher.label);
}
