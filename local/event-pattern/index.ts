/**
 * EventBridge event-pattern matching and validation, pure (no AWS imports, no I/O), written to
 * ../shared/domain/eventbridge-semantics.md and checked against the shared 578-case corpus
 * (`npm run conformance:eventbridge`).
 *
 *   validatePattern(pattern)      throws EventPatternError ("Event pattern is not valid. Reason: ...")
 *   matches(pattern, event)       true when the event matches; throws for a pattern AWS would reject
 *   compilePattern(pattern)       validate once, match many (the local bus compiles each rule at start)
 *
 * Patterns and events are parsed objects or JSON text; text keeps number lexemes (`300.0`, `1E309`)
 * and duplicate keys, which JSON.parse loses.
 */
import { compileSubRules, type SubRule } from './compile';
import { flattenEvent, pathFilter, type FlatEvent, type Leaf } from './event';

export { EventPatternError } from './compile';
export { EventShapeError, flattenEvent, pathFilter, type FlatEvent, type PathFilter } from './event';

export interface CompiledPattern {
  /** Every event path the pattern reads (for `pathFilter`, so one flattening can skip the rest). */
  readonly paths: readonly string[];
  /** The event (object or JSON text) matches. */
  matches(event: unknown): boolean;
  /** The same, on an event already flattened with `flattenEvent` (one flattening for many rules). */
  matchesFlat(event: FlatEvent): boolean;
}

/** Throws EventPatternError with AWS's reason when EventBridge would reject the pattern. */
export function validatePattern(pattern: unknown): void {
  compileSubRules(pattern);
}

/** True when the event matches the pattern. Throws EventPatternError for an invalid pattern. */
export function matches(pattern: unknown, event: unknown): boolean {
  return compilePattern(pattern).matches(event);
}

export function compilePattern(pattern: unknown): CompiledPattern {
  const subRules = compileSubRules(pattern);
  const matchesFlat = (event: FlatEvent) =>
    subRules.some((subRule) => {
      CHOSEN.clear();
      return matchSubRule(subRule, 0, event, CHOSEN);
    });
  const paths = [...new Set(subRules.flatMap((subRule) => subRule.map((field) => field.path)))];
  const filter = pathFilter(paths);
  return { paths, matchesFlat, matches: (event) => matchesFlat(flattenEvent(event, filter)) };
}

const NO_LEAVES: readonly Leaf[] = [];
/** Array elements chosen so far (array id → index). Shared: every choice is undone before matchSubRule returns. */
const CHOSEN = new Map<number, number>();

/**
 * Fields in path order, as event-ruler's array-consistent finder takes them: a field is satisfied by
 * a leaf whose array membership agrees with the leaves already chosen (the same element of any array
 * they share), and `exists: false` holds when no such agreeing leaf is there. Backtracks over the
 * choices, so a later field can make an earlier choice give way.
 */
function matchSubRule(fields: SubRule, index: number, event: FlatEvent, chosen: Map<number, number>): boolean {
  if (index === fields.length) return true;
  const field = fields[index]!;
  const leaves = event.get(field.path) ?? NO_LEAVES;
  if (field.test) {
    for (const leaf of leaves) {
      if (!agrees(chosen, leaf.membership) || !field.test(leaf)) continue;
      const added = choose(chosen, leaf.membership);
      const matched = matchSubRule(fields, index + 1, event, chosen);
      for (const arrayId of added) chosen.delete(arrayId);
      if (matched) return true;
    }
  }
  if (field.absent && !leaves.some((leaf) => agrees(chosen, leaf.membership))) {
    return matchSubRule(fields, index + 1, event, chosen);
  }
  return false;
}

function agrees(chosen: ReadonlyMap<number, number>, membership: readonly number[]): boolean {
  for (let i = 0; i < membership.length; i += 2) {
    const element = chosen.get(membership[i]!);
    if (element !== undefined && element !== membership[i + 1]) return false;
  }
  return true;
}

function choose(chosen: Map<number, number>, membership: readonly number[]): number[] {
  const added: number[] = [];
  for (let i = 0; i < membership.length; i += 2) {
    const arrayId = membership[i]!;
    if (!chosen.has(arrayId)) {
      chosen.set(arrayId, membership[i + 1]!);
      added.push(arrayId);
    }
  }
  return added;
}
