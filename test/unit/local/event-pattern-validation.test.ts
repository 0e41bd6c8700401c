/**
 * Pattern validation: what AWS rejects is rejected, in AWS's words ("Event pattern is not valid.
 * Reason: ..." with event-ruler's JsonRuleCompiler messages, as LocalStack recorded them), and what
 * AWS accepts is accepted.
 */
import { EventPatternError, validatePattern } from '../../../local/event-pattern';

const reasonOf = (pattern: unknown): string => {
  try {
    validatePattern(pattern);
  } catch (error) {
    if (error instanceof EventPatternError) return error.reason;
    throw error;
  }
  throw new Error('the pattern was accepted');
};

describe('validatePattern rejects what AWS rejects, with the same message', () => {
  it.each<[string, unknown, string]>([
    // Messages recorded from AWS (LocalStack snapshots; see the corpus's aws_error).
    ['an empty array', { resources: [] }, 'Empty arrays are not allowed'],
    ['a scalar leaf', { int: 42 }, '"int" must be an object or an array'],
    ['a miscased operator', { v: [{ EXISTS: true }] }, 'Unrecognized match type EXISTS'],
    ['anything-but null', { v: [{ 'anything-but': null }] }, 'Value of anything-but must be an array or single string/number value.'],
    ['null inside an anything-but list', { v: [{ 'anything-but': ['stopped', null] }] }, 'Inside anything but list, start|null|boolean is not supported.'],
    ['anything-but prefix ""', { v: [{ 'anything-but': { prefix: '' } }] }, 'Null prefix/suffix not allowed'],
    ['anything-but prefix ignoring case', { v: [{ 'anything-but': { prefix: { 'equals-ignore-case': 'x' } } }] }, 'Value of anything-but must be an array or single string/number value.'],
    ['a number in an anything-but suffix list', { v: [{ 'anything-but': { suffix: [123, '.txt'] } }] }, 'prefix/suffix match pattern must be a string'],
    ['a number in anything-but ignoring case', { v: [{ 'anything-but': { 'equals-ignore-case': [1] } }] }, 'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.'],
    ['a number as anything-but wildcard', { v: [{ 'anything-but': { wildcard: 1 } }] }, 'wildcard match pattern must be a string'],
    ['a list as prefix', { time: [{ prefix: ['2022'] }] }, 'prefix match pattern must be a string'],
    ['a number as suffix', { v: [{ suffix: 123 }] }, 'suffix match pattern must be a string'],
    ['a list as equals-ignore-case', { v: [{ 'equals-ignore-case': ['x'] }] }, 'equals-ignore-case match pattern must be a string'],
    ['a CIDR without /', { ip: [{ cidr: 'bad-filter' }] }, "Malformed CIDR, one '/' required"],
    ['a CIDR with bad mask bits', { ip: [{ cidr: 'bad-/64filter' }] }, 'Malformed CIDR, mask bits must be an integer'],
    ['a CIDR with a non-address', { ip: [{ cidr: 'xx.11.xx/8' }] }, 'Nonstandard IP address: xx.11.xx'],
    ['a list as CIDR (sic)', { ip: [{ cidr: ['10.0.0.0/8'] }] }, 'prefix match pattern must be a string'],
    ['two lower bounds', { v: [{ numeric: ['>', 0, '>', 0] }] }, 'Bad numeric range operator: >'],
    ['a missing bound', { v: [{ numeric: ['>', 0, '<'] }] }, 'Value of < must be numeric'],
    ['numeric not a list', { v: [{ numeric: 10 }] }, 'Value of numeric must be an array.'],
    ['consecutive wildcards', { arn: [{ wildcard: 'arn:aws:events:us-east-1:**:event-bus/*' }] }, 'Consecutive wildcard characters at pos 26'],
    ['a too complex wildcard', { arn: [{ wildcard: '*:*:*:*:*:event-bus/*' }] }, 'Rule is too complex - try using fewer wildcard characters or fewer repeating character sequences after a wildcard character'],
    ['not an object', ['not', 'a', 'dict'], 'Filter is not an object'],
    ['JSON text with a bare word', 'this is valid json but not a dict', "Unrecognized token 'this': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"],
    ['JSON text with single quotes', "{'bad': 'quotation'}", "Unexpected character (''' (code 39)): was expecting double-quote to start field name"],
    // event-ruler messages (no AWS recording, same compiler).
    ['an empty object', { detail: {} }, 'Empty objects are not allowed'],
    ['an object inside a value list', { a: [{ x: 2 }] }, 'Unrecognized match type x'],
    ['a list inside a value list', { a: [['x']] }, 'Match value must be String, number, true, false, or null'],
    ['a second key in an operator', { a: [{ prefix: 'a', foo: [] }] }, 'Only one key allowed in match expression'],
    ['exists not boolean', { a: [{ exists: 'yes' }] }, 'exists match pattern must be either true or false.'],
    ['mixed anything-but list', { a: [{ 'anything-but': ['a', 1] }] }, 'Inside anything but list, either all values are number or string, mixed type is not supported'],
    ['an unknown anything-but operator', { a: [{ 'anything-but': { foo: 3 } }] }, 'Unsupported anything-but pattern: foo'],
    ['an unknown prefix operator', { a: [{ prefix: { foo: 'x' } }] }, 'Unsupported prefix pattern: foo'],
    ['a bad wildcard escape', { a: [{ wildcard: 'a\\d' }] }, 'Invalid escape character at pos 2'],
    ['a string numeric operand', { x: [{ numeric: ['=', '-4e-6'] }] }, 'Value of equals must be numeric'],
    ['an upper bound first', { x: [{ numeric: ['<', 1, '>', 0] }] }, 'Too many elements in numeric expression'],
    ['an empty range', { x: [{ numeric: ['>', 1, '<', 1] }] }, 'Bottom must be less than top'],
    ['trailing junk in a range', { x: [{ numeric: ['>', 1, '<', 30, false] }] }, 'Too many terms in numeric range expression'],
    ['an unknown numeric operator', { x: [{ numeric: ['==', 1] }] }, 'Unrecognized numeric range operator: =='],
    ['$or with one branch', { $or: [{ a: ['1'] }] }, 'There must have at least 2 Objects in $or relationship.'],
    ['$or with a non-object branch', { $or: [{ a: ['1'] }, ['b']] }, 'Only JSON object is allowed in array of $or relationship.'],
    ['$or not a list', { $or: { a: ['1'] } }, 'It must be an Array followed with $or.'],
    ['an operator name as a field inside $or', { $or: [{ numeric: ['>', 0] }, { cidr: ['10.0.0.0/8'] }] }, 'numeric is Ruler reserved fieldName which cannot be used inside $or.'],
    ['`exactly` (event-ruler only, not documented by AWS)', { a: [{ exactly: 'x' }] }, 'Unrecognized match type exactly'],
  ])('%s', (_name, pattern, reason) => {
    expect(reasonOf(pattern)).toBe(reason);
  });

  it('words the error as AWS does', () => {
    expect(() => validatePattern({ resources: [] })).toThrow(
      expect.objectContaining({ name: 'InvalidEventPatternException', message: 'Event pattern is not valid. Reason: Empty arrays are not allowed' }),
    );
  });

  it.each([
    ['1E309 overflows a double', '{"x": [{"numeric": ["=", 1E309]}]}'],
    ['2.0e422 overflows a double', '{"x": [{"numeric": ["<", 2.0e422]}]}'],
    ['1E-325 underflows to zero', '{"x": [{"numeric": [">=", 1E-325]}]}'],
    ['duplicate keys in one operator', '{"x": [{"prefix": "a", "prefix": "b"}]}'],
    ['trailing text after the pattern', '{"x": ["a"]} x'],
  ])('rejects JSON text where %s', (_name, text) => {
    expect(() => validatePattern(text)).toThrow(EventPatternError);
  });

  it('rejects more than 1000 $or combinations', () => {
    const branches = (name: string) => Array.from({ length: 32 }, (_, i) => ({ [`${name}${i}`]: ['x'] }));
    expect(() => validatePattern({ $or: branches('a'), detail: { $or: branches('b') } })).toThrow(/more than 1000/);
    expect(() => validatePattern({ $or: branches('a').slice(0, 31), detail: { $or: branches('b') } })).not.toThrow();
  });

  it('rejects a pattern longer than 4096 characters', () => {
    const long = (n: number) => ({ v: ['x'.repeat(n)] });
    const overhead = JSON.stringify(long(0)).length;
    expect(() => validatePattern(long(4096 - overhead))).not.toThrow();
    expect(() => validatePattern(long(4097 - overhead))).toThrow(/4096/);
  });

  it('rejects values JSON cannot hold', () => {
    expect(() => validatePattern({ v: [Number.NaN] })).toThrow(EventPatternError);
    expect(() => validatePattern({ v: [undefined] })).toThrow(EventPatternError);
  });
});

describe('validatePattern accepts what AWS accepts', () => {
  it.each<[string, unknown]>([
    ['exact values of every JSON type', { a: ['x', 1, true, false, null] }],
    ['an empty prefix (the archive catch-all)', { source: [{ prefix: '' }] }],
    ['an empty suffix', { v: [{ suffix: '' }] }],
    ['anything-but wildcard ""', { v: [{ 'anything-but': { wildcard: '' } }] }],
    ['anything-but prefix list', { v: [{ 'anything-but': { prefix: ['a', 'b'] } }] }],
    ['prefix and suffix ignoring case', { v: [{ prefix: { 'equals-ignore-case': 'a' } }, { suffix: { 'equals-ignore-case': 'b' } }] }],
    ['a numeric range', { v: [{ numeric: ['>=', 0, '<', 1e10] }] }],
    ['1E-320 (a subnormal double)', '{"x": [{"numeric": ["=", 1E-320]}]}'],
    ['an exact number too big to compare', '{"x": [1E400]}'],
    ['a CIDR with host bits set', { ip: [{ cidr: '220.160.154.255/24' }] }],
    ['IPv6 CIDR', { ip: [{ cidr: '2001:db8::/32' }] }],
    ['escaped wildcard characters', { v: [{ wildcard: 'a\\*b\\\\c*' }] }],
    ['a wildcard with repeats after the star', { f: [{ wildcard: '/Users/*/dir/dir/dir/dir/dir/doc.txt' }] }],
    ['exists false and true', { a: [{ exists: false }], b: [{ exists: true }] }],
    ['$or with operators under ordinary field names', { $or: [{ a: [{ numeric: ['>', 0] }] }, { b: [{ cidr: '10.0.0.0/8' }] }] }],
    ['an operator name as an ordinary field outside $or', { numeric: ['x'], prefix: { cidr: ['y'] } }],
    ['dotted keys', { 'detail.a.b': ['x'] }],
  ])('%s', (_name, pattern) => {
    expect(() => validatePattern(pattern)).not.toThrow();
  });
});
