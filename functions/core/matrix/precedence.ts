import type { Priority, Signal } from '../../../events';
import type { MatrixRule } from './schema';

/** Most urgent first. The primary decision goes to the most urgent rule that fired. */
export const PRIORITY_ORDER: readonly Priority[] = ['P0', 'P1', 'P2', 'P3', 'monitor'];

export interface FiredRule {
  rule: MatrixRule;
  /** Position in the matrix file. */
  index: number;
  signals: Signal[];
}

/**
 * Orders fired rules by precedence: the more urgent priority first; between equal priorities, the
 * rule written earlier in the matrix. The first is the primary decision, the rest are secondary.
 */
export function rankByPrecedence(fired: readonly FiredRule[]): FiredRule[] {
  return [...fired].sort(
    (a, b) => PRIORITY_ORDER.indexOf(a.rule.priority) - PRIORITY_ORDER.indexOf(b.rule.priority) || a.index - b.index,
  );
}

/** The categories of the other rules that fired, most urgent first, without repeats or the primary's. */
export function secondaryCategories(primary: FiredRule, others: readonly FiredRule[]): string[] {
  const categories = others.map((f) => f.rule.category).filter((c) => c !== primary.rule.category);
  return [...new Set(categories)];
}
