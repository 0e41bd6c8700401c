/**
 * Validates an event pattern as EventBridge does and compiles it into sub-rules: one per `$or`
 * combination, each a list of dot-joined paths with the tests a leaf there must pass.
 *
 * The walk mirrors event-ruler's JsonRuleCompiler (the library whose messages AWS returns word for
 * word, semantics §Sources): members are read in order, `$or` forks the sub-rules built so far, and a
 * path written again replaces the earlier one in the sub-rules it reaches (duplicate keys, §1.8; `$or`
 * path override, §11). The first problem found is the one reported, in AWS's words.
 */
import { parseJson, fromValue, stringify, JsonSyntaxError, NotJsonError, type JsonNode } from './json';
import type { Leaf } from './event';
import { CidrError, inRange, ipToHex, looksLikeIp, parseCidr } from './ip';
import { matchWildcard, parseWildcard, wildcardComplexity, WildcardError, WILDCARD_COMPLEXITY_LIMIT, type WildcardSegments } from './wildcard';

/** What AWS answers for a rejected pattern: InvalidEventPatternException, "Event pattern is not valid. Reason: ...". */
export class EventPatternError extends Error {
  override name = 'InvalidEventPatternException';
  constructor(readonly reason: string) {
    super(`Event pattern is not valid. Reason: ${reason}`);
  }
}

export type LeafTest = (leaf: Leaf) => boolean;

export interface FieldRule {
  /** Dot-joined path, e.g. `detail.metadata.schemaVersion`. */
  readonly path: string;
  /** Passes when the leaf matches any of the field's values (null when the field only has `exists: false`). */
  readonly test: LeafTest | null;
  /** The field's list includes `{"exists": false}`. */
  readonly absent: boolean;
}

/** One `$or` combination: every field must match. Sorted by path, as event-ruler evaluates them. */
export type SubRule = readonly FieldRule[];

/** EventPattern is at most 4096 characters (API model, shape EventPattern). */
export const MAX_PATTERN_LENGTH = 4096;
/** "Using $or to produce more than 1000 rule combinations" is rejected (DOC-CF, Complex example with $or). */
export const MAX_COMBINATIONS = 1000;

/** Field names event-ruler reserves inside `$or` (Constants.RESERVED_FIELD_NAMES_IN_OR_RELATIONSHIP). */
const RESERVED_IN_OR = new Set([
  'exactly', 'equals-ignore-case', 'prefix', 'suffix', 'anything-but', 'exists', 'wildcard', 'numeric', 'cidr', 'html',
  '=', '<', '<=', '>', '>=', 'regex', 'not-wildcard', 'not-equals-ignore-case',
  'date-after', 'date-on-or-after', 'date-before', 'date-on-or-before', 'in-date-range',
  'ip-address-in-range', 'ip-address-not-in-range',
]);

interface FieldSpec {
  readonly tests: readonly LeafTest[];
  readonly absent: boolean;
  readonly wildcards: readonly string[];
}
type Draft = Map<string, FieldSpec>;

const reject = (reason: string): never => {
  throw new EventPatternError(reason);
};

/** Parses (text) or reads (object) a pattern, validates it and returns its sub-rules. */
export function compileSubRules(pattern: unknown): SubRule[] {
  const root = toTree(pattern);
  if (root.kind !== 'object') return reject('Filter is not an object');
  const text = typeof pattern === 'string' ? pattern : stringify(root);
  if (text.length > MAX_PATTERN_LENGTH) {
    return reject(`Event pattern is ${text.length} characters; EventPattern must have length less than or equal to ${MAX_PATTERN_LENGTH}`);
  }
  const drafts: Draft[] = [];
  parseObject(root.members, [], drafts, false);
  checkWildcardComplexity(drafts);
  return drafts.map((draft) =>
    [...draft.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, spec]) => ({ path, test: combine(spec.tests), absent: spec.absent })),
  );
}

function toTree(pattern: unknown): JsonNode {
  try {
    return typeof pattern === 'string' ? parseJson(pattern) : fromValue(pattern);
  } catch (error) {
    if (error instanceof JsonSyntaxError || error instanceof NotJsonError) return reject(error.message);
    throw error;
  }
}

function combine(tests: readonly LeafTest[]): LeafTest | null {
  if (tests.length === 0) return null;
  if (tests.length === 1) return tests[0]!;
  return (leaf) => tests.some((test) => test(leaf));
}

function parseObject(members: Members, path: readonly string[], drafts: Draft[], insideOr: boolean): void {
  if (members.length === 0) reject('Empty objects are not allowed');
  for (const [name, node] of members) {
    if (name === '$or') {
      parseOr(node, path, drafts);
      continue;
    }
    if (insideOr && RESERVED_IN_OR.has(name)) reject(`${name} is Ruler reserved fieldName which cannot be used inside $or.`);
    if (node.kind === 'object') parseObject(node.members, [...path, name], drafts, insideOr);
    else if (node.kind === 'array') writeField(drafts, [...path, name].join('.'), node.items);
    else reject(`"${name}" must be an object or an array`);
  }
}

function parseOr(node: JsonNode, path: readonly string[], drafts: Draft[]): void {
  const before = drafts.map((draft) => new Map(draft));
  drafts.length = 0;
  if (node.kind !== 'array') return reject('It must be an Array followed with $or.');
  for (const branch of node.items) {
    if (branch.kind !== 'object') reject('Only JSON object is allowed in array of $or relationship.');
    const forked = before.length > 0 ? before.map((draft) => new Map(draft)) : [new Map<string, FieldSpec>()];
    parseObject((branch as Extract<JsonNode, { kind: 'object' }>).members, path, forked, true);
    drafts.push(...forked);
    if (drafts.length > MAX_COMBINATIONS) {
      reject(`$or produces more than ${MAX_COMBINATIONS} rule combinations; use fewer $or branches`);
    }
  }
  if (node.items.length < 2) reject('There must have at least 2 Objects in $or relationship.');
}

function writeField(drafts: Draft[], path: string, items: readonly JsonNode[]): void {
  const tests: LeafTest[] = [];
  const wildcards: string[] = [];
  let absent = false;
  for (const item of items) {
    if (item.kind === 'object') {
      const expression = matchExpression(item.members);
      if (expression === ABSENT) absent = true;
      else {
        tests.push(expression.test);
        wildcards.push(...expression.wildcards);
      }
    } else if (item.kind === 'array') {
      reject('Match value must be String, number, true, false, or null');
    } else {
      tests.push(literalTest(item));
    }
  }
  if (items.length === 0) reject('Empty arrays are not allowed');
  if (drafts.length === 0) drafts.push(new Map());
  for (const draft of drafts) draft.set(path, { tests, absent, wildcards });
}

// ---- literal values -------------------------------------------------------------------------

function literalTest(node: Exclude<JsonNode, { kind: 'object' | 'array' }>): LeafTest {
  switch (node.kind) {
    case 'string': {
      const expected = node.value;
      // A literal that is an IP address matches that address however it is spelt (event-ruler
      // compiles it to a one-address range, §2); anything else compares character by character.
      const ip = looksLikeIp(expected) ? ipToHex(expected) : undefined;
      if (ip === undefined) return (leaf) => leaf.type === 'string' && leaf.value === expected;
      return (leaf) => leaf.type === 'string' && (leaf.value === expected || (looksLikeIp(leaf.value as string) && ipToHex(leaf.value as string) === ip));
    }
    case 'number': {
      // Compared by value as well as by text: 300 matches 300.0 and 3.0e2 (§2 ⚠); a number too big
      // or too small to compare still matches its own text.
      const { text, value } = node;
      const byValue = isComparable(text, value);
      return (leaf) => leaf.type === 'number' && (leaf.text === text || (byValue && leaf.value === value && isComparable(leaf.text, leaf.value as number)));
    }
    case 'boolean': {
      const expected = node.value;
      return (leaf) => leaf.type === 'boolean' && leaf.value === expected;
    }
    case 'null':
      return (leaf) => leaf.type === 'null';
  }
}

/** A number that fits a double: not infinite, and not a non-zero literal that underflows to 0 (1E-325). */
function isComparable(text: string, value: number): boolean {
  if (!Number.isFinite(value)) return false;
  if (value !== 0) return true;
  const mantissa = text.split(/[eE]/)[0] ?? '';
  return !/[1-9]/.test(mantissa);
}

// ---- match expressions: {"prefix": ...}, {"numeric": [...]}, ... --------------------------------

const ABSENT = Symbol('exists:false');
interface Expression {
  test: LeafTest;
  wildcards: string[];
}
type Members = ReadonlyArray<readonly [string, JsonNode]>;

const isString = (leaf: Leaf): leaf is Leaf & { value: string } => leaf.type === 'string';

function matchExpression(members: Members): Expression | typeof ABSENT {
  const first = members[0];
  if (!first) return reject('Match expression name not found');
  const [type, value] = first;
  const onlyKey = () => {
    if (members.length > 1) reject('Only one key allowed in match expression');
  };
  const plain = (test: LeafTest): Expression => ({ test, wildcards: [] });

  switch (type) {
    case 'prefix':
    case 'suffix': {
      const at: 'start' | 'end' = type === 'prefix' ? 'start' : 'end';
      if (value.kind === 'object') {
        const expected = ignoreCaseOperand(value.members, type);
        onlyKey();
        return plain((leaf) => isString(leaf) && affixIgnoreCase(leaf.value, expected, at));
      }
      if (value.kind !== 'string') return reject(`${type} match pattern must be a string`);
      onlyKey();
      const expected = value.value;
      return plain(at === 'start' ? (leaf) => isString(leaf) && leaf.value.startsWith(expected) : (leaf) => isString(leaf) && leaf.value.endsWith(expected));
    }
    case 'equals-ignore-case': {
      if (value.kind !== 'string') return reject('equals-ignore-case match pattern must be a string');
      onlyKey();
      const expected = value.value;
      return plain((leaf) => isString(leaf) && equalsIgnoreCase(leaf.value, expected));
    }
    case 'wildcard': {
      if (value.kind !== 'string') return reject('wildcard match pattern must be a string');
      const segments = wildcardSegments(value.value);
      onlyKey();
      return { test: (leaf) => isString(leaf) && matchWildcard(segments, leaf.value), wildcards: [value.value] };
    }
    case 'exists': {
      if (value.kind !== 'boolean') return reject('exists match pattern must be either true or false.');
      onlyKey();
      return value.value ? plain(() => true) : ABSENT;
    }
    case 'cidr': {
      if (value.kind !== 'string') return reject('prefix match pattern must be a string'); // sic: AWS's message
      let range;
      try {
        range = parseCidr(value.value);
      } catch (error) {
        if (error instanceof CidrError) return reject(error.message);
        throw error;
      }
      onlyKey();
      return plain((leaf) => {
        if (!isString(leaf) || !looksLikeIp(leaf.value)) return false;
        const hex = ipToHex(leaf.value);
        return hex !== undefined && inRange(hex, range);
      });
    }
    case 'numeric': {
      if (value.kind !== 'array') return reject('Value of numeric must be an array.');
      const inside = numericRange(value.items);
      if (members.length > 1) reject('Too many elements in numeric expression');
      return plain((leaf) => leaf.type === 'number' && isComparable(leaf.text, leaf.value as number) && inside(leaf.value as number));
    }
    case 'anything-but': {
      const expression = anythingBut(value);
      if (members.length > 1) reject('Too many elements in numeric expression'); // sic: event-ruler's message
      return expression;
    }
    default:
      // `exactly` is event-ruler's, not EventBridge's: the AWS docs do not list it, so it is refused.
      return reject(`Unrecognized match type ${type}`);
  }
}

function ignoreCaseOperand(members: Members, type: 'prefix' | 'suffix'): string {
  const label = type === 'prefix' ? 'Prefix' : 'Suffix';
  const first = members[0];
  if (!first) return reject(`${label} expression name not found`);
  const [operator, operand] = first;
  if (operator !== 'equals-ignore-case') reject(`Unsupported ${type} pattern: ${operator}`);
  if (operand.kind !== 'string') return reject('equals-ignore-case match pattern must be a string');
  if (members.length > 1) reject('Only one key allowed in match expression');
  return operand.value;
}

function wildcardSegments(pattern: string): WildcardSegments {
  try {
    return parseWildcard(pattern);
  } catch (error) {
    if (error instanceof WildcardError) return reject(error.message);
    throw error;
  }
}

function equalsIgnoreCase(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

function affixIgnoreCase(value: string, affix: string, at: 'start' | 'end'): boolean {
  const has = (v: string, a: string) => (at === 'start' ? v.startsWith(a) : v.endsWith(a));
  return has(value.toLowerCase(), affix.toLowerCase()) || has(value.toUpperCase(), affix.toUpperCase());
}

// ---- numeric ------------------------------------------------------------------------------------

type Bound = { value: number; open: boolean };

/** `["=", 5]`, `["<", 10]`, `[">", 0, "<=", 5]`, ...: a lower bound may be followed by an upper bound. */
function numericRange(items: readonly JsonNode[]): (n: number) => boolean {
  let i = 0;
  const next = () => items[i++];
  const operand = (operator: string): number => {
    const node = next();
    if (node?.kind !== 'number') return reject(`Value of ${operator === '=' ? 'equals' : operator} must be numeric`);
    if (!isComparable(node.text, node.value)) return reject(`Value of ${operator === '=' ? 'equals' : operator} is out of range: ${node.text}`);
    return node.value;
  };
  const end = (message: string) => {
    if (i < items.length) reject(message);
  };

  const first = next();
  if (first?.kind !== 'string') return reject(`Invalid member in numeric match: ${first ? describeNode(first) : ']'}`);
  const operator = first.value;
  let low: Bound | undefined;
  let high: Bound | undefined;
  switch (operator) {
    case '=': {
      const value = operand('=');
      end('Too many elements in numeric expression');
      return (n) => n === value;
    }
    case '<':
    case '<=':
      high = { value: operand(operator), open: operator === '<' };
      end('Too many elements in numeric expression');
      break;
    case '>':
    case '>=': {
      low = { value: operand(operator), open: operator === '>' };
      if (i >= items.length) break;
      const second = next()!;
      if (second.kind !== 'string') return reject(`Bad value in numeric range: ${describeNode(second)}`);
      if (second.value !== '<' && second.value !== '<=') return reject(`Bad numeric range operator: ${second.value}`);
      high = { value: operand(second.value), open: second.value === '<' };
      end('Too many terms in numeric range expression');
      if (!(low.value < high.value)) reject('Bottom must be less than top');
      break;
    }
    default:
      return reject(`Unrecognized numeric range operator: ${operator}`);
  }
  const above = (n: number) => !low || (low.open ? n > low.value : n >= low.value);
  const below = (n: number) => !high || (high.open ? n < high.value : n <= high.value);
  return (n) => above(n) && below(n);
}

function describeNode(node: JsonNode): string {
  return node.kind === 'string' ? node.value : stringify(node);
}

// ---- anything-but -------------------------------------------------------------------------------

type AnythingButKind = 'values' | 'equals-ignore-case' | 'prefix' | 'suffix' | 'wildcard';

function anythingBut(value: JsonNode): Expression {
  let kind: AnythingButKind = 'values';
  let operand = value;
  if (value.kind === 'object') {
    const first = value.members[0];
    if (!first) return reject('Anything-But expression name not found');
    const [operator, inner] = first;
    if (operator !== 'equals-ignore-case' && operator !== 'prefix' && operator !== 'suffix' && operator !== 'wildcard') {
      return reject(`Unsupported anything-but pattern: ${operator}`);
    }
    kind = operator;
    operand = inner;
  }
  if (operand.kind !== 'array' && operand.kind !== 'string' && operand.kind !== 'number') {
    return reject('Value of anything-but must be an array or single string/number value.');
  }
  const expression = kind === 'values' ? anythingButValues(operand) : anythingButStrings(kind, operand);
  if (value.kind === 'object' && value.members.length > 1) reject('Too many elements in numeric expression');
  return expression;
}

/** `"x"`, `5`, or a list of all strings or all numbers. A value of another type (or null) matches. */
function anythingButValues(operand: JsonNode): Expression {
  const items = operand.kind === 'array' ? operand.items : [operand];
  const strings = new Set<string>();
  const numbers: number[] = [];
  for (const item of items) {
    if (item.kind === 'string') strings.add(item.value);
    else if (item.kind === 'number') {
      if (!isComparable(item.text, item.value)) reject(`Value of anything-but is out of range: ${item.text}`);
      numbers.push(item.value);
    } else if (operand.kind === 'array') reject('Inside anything but list, start|null|boolean is not supported.');
    else reject('Inside anything-but list, start|null|boolean is not supported.');
  }
  if ((strings.size > 0) === (numbers.length > 0)) {
    reject('Inside anything but list, either all values are number or string, mixed type is not supported');
  }
  if (strings.size > 0) return { test: (leaf) => !(isString(leaf) && strings.has(leaf.value)), wildcards: [] };
  return {
    test: (leaf) => !(leaf.type === 'number' && isComparable(leaf.text, leaf.value as number) && numbers.includes(leaf.value as number)),
    wildcards: [],
  };
}

/** anything-but with equals-ignore-case / prefix / suffix / wildcard: one string or a list of strings. */
function anythingButStrings(kind: Exclude<AnythingButKind, 'values'>, operand: JsonNode): Expression {
  const items = operand.kind === 'array' ? operand.items : [operand];
  const values: string[] = [];
  for (const item of items) {
    if (item.kind !== 'string') {
      if (kind === 'equals-ignore-case') reject('Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.');
      if (kind === 'wildcard') reject('wildcard match pattern must be a string');
      reject('prefix/suffix match pattern must be a string');
    }
    const text = (item as Extract<JsonNode, { kind: 'string' }>).value;
    if ((kind === 'prefix' || kind === 'suffix') && text === '') reject('Null prefix/suffix not allowed');
    values.push(text);
  }
  const excluded = ((): ((value: string) => boolean) => {
    switch (kind) {
      case 'equals-ignore-case':
        return (v) => values.some((x) => equalsIgnoreCase(v, x));
      case 'prefix':
        return (v) => values.some((x) => v.startsWith(x));
      case 'suffix':
        return (v) => values.some((x) => v.endsWith(x));
      case 'wildcard': {
        const patterns = values.map(wildcardSegments);
        return (v) => patterns.some((segments) => matchWildcard(segments, v));
      }
    }
  })();
  return { test: (leaf) => !(isString(leaf) && excluded(leaf.value)), wildcards: kind === 'wildcard' ? values : [] };
}

// ---- wildcard complexity ------------------------------------------------------------------------

function checkWildcardComplexity(drafts: readonly Draft[]): void {
  const byPath = new Map<string, Set<string>>();
  for (const draft of drafts) {
    for (const [path, spec] of draft) {
      if (spec.wildcards.length === 0) continue;
      const set = byPath.get(path) ?? new Set<string>();
      for (const w of spec.wildcards) set.add(w);
      byPath.set(path, set);
    }
  }
  for (const patterns of byPath.values()) {
    if (wildcardComplexity([...patterns].map((p) => parseWildcard(p))) > WILDCARD_COMPLEXITY_LIMIT) {
      reject('Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character');
    }
  }
}
