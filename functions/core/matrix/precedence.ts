import type { Priority, Signal } from '../../../events';
import type { SlaTarget } from '../sla/target';
import type { MatrixRule, ResponseMatrix } from './schema';

/** Most urgent first. The primary decision goes to the most urgent rule that fired. */
export const PRIORITY_ORDER: readonly Priority[] = ['P0', 'P1', 'P2', 'P3', 'monitor'];

export interface FiredRule {
  rule: MatrixRule;
  /** Position in the matrix file. */
  index: number;
  signals: Signal[];
  /** Set when an escalation of the rule fired: the raised priority and what comes with it. */
  raised?: { priority: Priority; reason: string; sla?: SlaTarget; action?: string; replyTemplate?: string };
  /** Set when the rule's duringPreElection changes applied: the period's name, and whether the comms lead is told. */
  preElection?: { period: string; notify: boolean };
}

/** The priority a fired rule decides with: raised by an escalation, else the rule's own. */
export function effectivePriority(fired: FiredRule): Priority {
  return fired.raised?.priority ?? fired.rule.priority;
}

export function moreUrgent(a: Priority, b: Priority): boolean {
  return PRIORITY_ORDER.indexOf(a) < PRIORITY_ORDER.indexOf(b);
}

/**
 * Orders fired rules by precedence: the more urgent priority first (after escalations: a clinical
 * question with emergency words is P0 and outranks everything but an earlier P0); between equal
 * priorities, the rule written earlier in the matrix. The first is the primary decision, the rest
 * are secondary.
 */
export function rankByPrecedence(fired: readonly FiredRule[]): FiredRule[] {
  return [...fired].sort(
    (a, b) => PRIORITY_ORDER.indexOf(effectivePriority(a)) - PRIORITY_ORDER.indexOf(effectivePriority(b)) || a.index - b.index,
  );
}

/** The categories of the other rules that fired, most urgent first, without repeats or the primary's. */
export function secondaryCategories(primary: FiredRule, others: readonly FiredRule[]): string[] {
  const categories = others.map((f) => f.rule.category).filter((c) => c !== primary.rule.category);
  return [...new Set(categories)];
}

const ruleOrders = new WeakMap<Pick<ResponseMatrix, 'rules'>, ReadonlyMap<string, number>>();
/** Rule ids by their place in the matrix (its tie-break between equally urgent rules), worked out once per matrix. */
export function ruleOrderOf(matrix: Pick<ResponseMatrix, 'rules'>): ReadonlyMap<string, number> {
  let order = ruleOrders.get(matrix);
  if (!order) {
    order = new Map(matrix.rules.map((rule, index) => [rule.id, index]));
    ruleOrders.set(matrix, order);
  }
  return order;
}
