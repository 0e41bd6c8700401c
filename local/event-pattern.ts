/**
 * EventBridge event-pattern matching, pure. For now the subset our contracts use: exact values
 * listed in arrays, and nested objects (see shared/domain/eventbridge-semantics.md §1, §2, §10, §12).
 * Content filters (prefix, anything-but, numeric, exists, ...) and `$or` are rejected loudly rather
 * than half-matched; a later issue extends this module to full EventBridge semantics.
 */
type PatternObject = { readonly [field: string]: unknown };

export class EventPatternError extends Error {
  override name = 'EventPatternError';
}

/** True when every field of the pattern matches the event (AND across fields, OR within a field's list). */
export function matches(pattern: object, event: unknown): boolean {
  if (!isPlainObject(pattern)) throw new EventPatternError('(root): a pattern must be a JSON object');
  return matchObject(pattern, event, '');
}

function matchObject(pattern: PatternObject, event: unknown, path: string): boolean {
  const fields = Object.entries(pattern);
  if (fields.length === 0) throw new EventPatternError(`${path || '(root)'}: a pattern object must not be empty`);
  // An array of objects in the event matches when one of its elements matches the whole sub-pattern.
  if (Array.isArray(event)) return event.some((element) => matchObject(pattern, element, path));
  return fields.every(([field, rule]) => {
    const fieldPath = path ? `${path}.${field}` : field;
    const value = isPlainObject(event) ? event[field] : undefined;
    if (Array.isArray(rule)) return matchValues(rule, value, fieldPath);
    if (isPlainObject(rule)) return matchObject(rule, value, fieldPath);
    throw new EventPatternError(`${fieldPath}: a pattern field must be an array of values or a nested object`);
  });
}

/** A field matches when the event value (or, for an array value, any of its elements) equals a listed value. */
function matchValues(allowed: readonly unknown[], value: unknown, path: string): boolean {
  if (allowed.length === 0) throw new EventPatternError(`${path}: an empty array matches nothing and is rejected`);
  for (const candidate of allowed) {
    if (candidate !== null && typeof candidate === 'object') {
      throw new EventPatternError(`${path}: content filters are not supported by the local bus yet`);
    }
  }
  if (value === undefined) return false;
  const values = Array.isArray(value) ? value : [value];
  return values.some((item) => allowed.some((candidate) => item === candidate));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
