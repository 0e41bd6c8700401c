/**
 * The local EventBridge matcher, family by family, beyond the shared corpus where it is thin
 * ($or, null, empty strings, array consistency). `npm run conformance:eventbridge` runs the corpus.
 */
import fc from 'fast-check';
import { ALL_EVENTS } from '../../../events';
import { compilePattern, EventPatternError, flattenEvent, matches } from '../../../local/event-pattern';

type Case = [name: string, pattern: unknown, event: unknown, expected: boolean];

const envelope = {
  version: '0',
  id: 'e1',
  'detail-type': 'InteractionReceived',
  source: 'nhs-social.intake',
  account: '000000000000',
  time: '2026-11-26T10:00:00Z',
  region: 'eu-west-2',
  resources: ['arn:aws:x:eu-west-2:000000000000:thing/a', 'arn:aws:x:eu-west-2:000000000000:thing/b'],
  detail: { metadata: { schemaVersion: 1 }, data: { tags: ['a', 'b'], flag: false, none: null, empty: '', items: [{ kind: 'x', n: 1 }, { kind: 'y', n: 2 }] } },
};
const detail = (data: Record<string, unknown>) => ({ ...envelope, detail: data });

const run = (cases: Case[]) =>
  it.each(cases)('%s', (_name, pattern, event, expected) => {
    expect(matches(pattern, event)).toBe(expected);
  });

describe('exact values, nesting, event arrays', () => {
  run([
    ['one listed value', { source: ['nhs-social.intake'] }, envelope, true],
    ['any of several values', { source: ['other', 'nhs-social.intake'] }, envelope, true],
    ['a value not listed', { source: ['other'] }, envelope, false],
    ['AND across fields', { source: ['nhs-social.intake'], 'detail-type': ['InteractionAssessed'] }, envelope, false],
    ['nested object', { detail: { metadata: { schemaVersion: [1] } } }, envelope, true],
    ['number and string are different values', { detail: { metadata: { schemaVersion: ['1'] } } }, envelope, false],
    ['"true" is not true', { detail: { data: { flag: ['false'] } } }, envelope, false],
    ['boolean false', { detail: { data: { flag: [false] } } }, envelope, true],
    ['missing field', { detail: { metadata: { other: ['x'] } } }, envelope, false],
    ['event array: any element', { resources: ['arn:aws:x:eu-west-2:000000000000:thing/b'] }, envelope, true],
    ['event array: no element', { detail: { data: { tags: ['c'] } } }, envelope, false],
    ['keys are case-sensitive', { Source: ['nhs-social.intake'] }, envelope, false],
    ['strings are not case-folded', { source: ['NHS-social.intake'] }, envelope, false],
    ['a pattern object against a scalar', { source: { inner: ['x'] } }, envelope, false],
    ['a number literal matches the same value written differently', { n: [300] }, '{"n": 3.0e2}', true],
    ['a number literal does not match a neighbour', { n: [300] }, { n: 300.5 }, false],
    ['dotted pattern key reaches nested fields', { 'detail.metadata.schemaVersion': [1] }, envelope, true],
    ['dotted event key is reached by nested pattern', { a: { b: ['x'] } }, { 'a.b': 'x' }, true],
    ['string-encoded JSON is not parsed', { detail: { k: ['v'] } }, { detail: '{"k":"v"}' }, false],
  ]);
});

describe('null and empty strings', () => {
  run([
    ['[null] matches null', { detail: { data: { none: [null] } } }, envelope, true],
    ['[null] does not match a missing field', { detail: { data: { absent: [null] } } }, envelope, false],
    ['[null] does not match the string "null"', { v: [null] }, { v: 'null' }, false],
    ['[null] does not match an empty array', { v: [null] }, { v: [] }, false],
    ['[""] matches the empty string', { detail: { data: { empty: [''] } } }, envelope, true],
    ['[""] does not match null', { detail: { data: { none: [''] } } }, envelope, false],
    ['[null] does not match the empty string', { detail: { data: { empty: [null] } } }, envelope, false],
    ['prefix "" matches any string', { v: [{ prefix: '' }] }, { v: 'anything' }, true],
    ['prefix "" does not match null', { v: [{ prefix: '' }] }, { v: null }, false],
    ['suffix "" matches the empty string', { v: [{ suffix: '' }] }, { v: '' }, true],
    ['equals-ignore-case "" matches only ""', { v: [{ 'equals-ignore-case': '' }] }, { v: 'x' }, false],
    ['wildcard "" matches ""', { v: [{ wildcard: '' }] }, { v: '' }, true],
    ['wildcard "" does not match a non-empty string', { v: [{ wildcard: '' }] }, { v: 'x' }, false],
    ['anything-but matches null', { v: [{ 'anything-but': 'x' }] }, { v: null }, true],
    ['anything-but "" excludes the empty string', { v: [{ 'anything-but': '' }] }, { v: '' }, false],
    ['anything-but wildcard "" matches a non-empty string', { v: [{ 'anything-but': { wildcard: '' } }] }, { v: 'x' }, true],
    ['exists:true counts null as present', { v: [{ exists: true }] }, { v: null }, true],
    ['exists:true counts "" as present', { v: [{ exists: true }] }, { v: '' }, true],
  ]);
});

describe('prefix, suffix, equals-ignore-case', () => {
  run([
    ['prefix', { time: [{ prefix: '2026-11-26' }] }, envelope, true],
    ['prefix, other value', { time: [{ prefix: '2026-11-27' }] }, envelope, false],
    ['prefix never matches a number', { v: [{ prefix: '1' }] }, { v: 12 }, false],
    ['suffix', { v: [{ suffix: '.png' }] }, { v: 'image.png' }, true],
    ['suffix is case-sensitive', { v: [{ suffix: '.PNG' }] }, { v: 'image.png' }, false],
    ['prefix ignoring case', { v: [{ prefix: { 'equals-ignore-case': 'EventB' } }] }, { v: 'eVENTbridge' }, true],
    ['suffix ignoring case', { v: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { v: 'IMAGE.PNG' }, true],
    ['suffix ignoring case, other suffix', { v: [{ suffix: { 'equals-ignore-case': '.png' } }] }, { v: 'image.jpg' }, false],
    ['equals-ignore-case', { 'detail-type': [{ 'equals-ignore-case': 'interactionRECEIVED' }] }, envelope, true],
    ['equals-ignore-case is whole-value', { v: [{ 'equals-ignore-case': 'abc' }] }, { v: 'abcd' }, false],
    ['equals-ignore-case on an array element', { v: [{ 'equals-ignore-case': 'B' }] }, { v: ['a', 'b'] }, true],
  ]);
});

describe('anything-but', () => {
  run([
    ['a single string', { v: [{ 'anything-but': 'init' }] }, { v: 'running' }, true],
    ['a single string, equal', { v: [{ 'anything-but': 'init' }] }, { v: 'init' }, false],
    ['a missing field never matches', { v: [{ 'anything-but': 'init' }] }, { w: 'x' }, false],
    ['a value of another type matches', { v: [{ 'anything-but': '12' }] }, { v: 12 }, true],
    ['a list of strings', { v: [{ 'anything-but': ['a', 'b'] }] }, { v: 'b' }, false],
    ['a list of numbers compares by value', { v: [{ 'anything-but': [100, 300] }] }, '{"v": 300.0}', false],
    ['a list of numbers vs a string', { v: [{ 'anything-but': [100, 300] }] }, { v: '300' }, true],
    ['prefix', { v: [{ 'anything-but': { prefix: 'init' } }] }, { v: 'initialising' }, false],
    ['prefix list', { v: [{ 'anything-but': { prefix: ['init', 'post'] } }] }, { v: 'pre-init' }, true],
    ['prefix vs a number', { v: [{ 'anything-but': { prefix: 'init' } }] }, { v: 12 }, true],
    ['suffix', { v: [{ 'anything-but': { suffix: '.txt' } }] }, { v: 'a.txt' }, false],
    ['suffix list', { v: [{ 'anything-but': { suffix: ['.txt', '.jpg'] } }] }, { v: 'a.txt.bak' }, true],
    ['equals-ignore-case', { v: [{ 'anything-but': { 'equals-ignore-case': 'stopped' } }] }, { v: 'STOPPED' }, false],
    ['equals-ignore-case list', { v: [{ 'anything-but': { 'equals-ignore-case': ['a', 'b'] } }] }, { v: 'C' }, true],
    ['wildcard', { v: [{ 'anything-but': { wildcard: '*/init/*' } }] }, { v: 'dir/init/file' }, false],
    ['wildcard vs a number', { v: [{ 'anything-but': { wildcard: '*' } }] }, { v: 1 }, true],
    ['an event array matches when one element is not excluded', { v: [{ 'anything-but': 'a' }] }, { v: ['a', 'b'] }, true],
    ['an event array of only excluded values', { v: [{ 'anything-but': 'a' }] }, { v: ['a', 'a'] }, false],
  ]);
});

describe('numeric', () => {
  run([
    ['= by value', { v: [{ numeric: ['=', 301.8] }] }, { v: 301.8 }, true],
    ['= written with an exponent', { v: [{ numeric: ['=', 3.018e2] }] }, { v: 301.8 }, true],
    ['< is exclusive', { v: [{ numeric: ['<', 10] }] }, { v: 10 }, false],
    ['<= is inclusive', { v: [{ numeric: ['<=', 10] }] }, { v: 10 }, true],
    ['> is exclusive', { v: [{ numeric: ['>', 0] }] }, { v: 0 }, false],
    ['>= is inclusive', { v: [{ numeric: ['>=', 0] }] }, { v: 0 }, true],
    ['a range, inside', { v: [{ numeric: ['>', 0, '<=', 5] }] }, { v: 5 }, true],
    ['a range, above', { v: [{ numeric: ['>', 0, '<=', 5] }] }, { v: 5.000001 }, false],
    ['negative numbers', { v: [{ numeric: ['<', -1] }] }, { v: -1.5 }, true],
    ['beyond ±5e9 (Java double range, ER v2)', { v: [{ numeric: ['>', 5e9] }] }, { v: 6e12 }, true],
    ['never a string', { v: [{ numeric: ['>', 100] }] }, { v: '300' }, false],
    ['never null', { v: [{ numeric: ['>', 100] }] }, { v: null }, false],
    ['any element of an event array', { v: [{ numeric: ['>', 2] }] }, { v: [1, 3] }, true],
  ]);
});

describe('exists', () => {
  run([
    ['true on a leaf', { detail: { data: { flag: [{ exists: true }] } } }, envelope, true],
    ['true on a missing field', { detail: { data: { nope: [{ exists: true }] } } }, envelope, false],
    ['true on an object counts as absent', { detail: { data: [{ exists: true }] } }, envelope, false],
    ['true on an empty array counts as absent', { v: [{ exists: true }] }, { v: [] }, false],
    ['false on a missing field', { detail: { data: { nope: [{ exists: false }] } } }, envelope, true],
    ['false on a leaf', { detail: { data: { flag: [{ exists: false }] } } }, envelope, false],
    ['false on an object', { detail: { metadata: [{ exists: false }] } }, envelope, true],
    ['false when the whole path is missing', { a: { b: { c: [{ exists: false }] } } }, envelope, true],
    ['true inside an array of objects', { detail: { data: { items: { n: [{ exists: true }] } } } }, envelope, true],
    ['false OR a value: absent', { v: [{ 'anything-but': ['roses'] }, { exists: false }] }, { w: 1 }, true],
    ['false OR a value: present and allowed', { v: [{ 'anything-but': ['roses'] }, { exists: false }] }, { v: 'tulips' }, true],
    ['false OR a value: present and excluded', { v: [{ 'anything-but': ['roses'] }, { exists: false }] }, { v: 'roses' }, false],
  ]);
});

describe('cidr and IP-address literals', () => {
  run([
    ['IPv4 in range', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.255' }, true],
    ['IPv4 out of range', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.0' }, false],
    ['not an address', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.0.256' }, false],
    ['a number is not an address', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 10 }, false],
    ['host bits are masked off', { ip: [{ cidr: '220.160.154.255/24' }] }, { ip: '220.160.154.0' }, true],
    ['IPv6 in range, written in full', { ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, { ip: '2001:0db8:1234:1a00:0000:0000:0000:0001' }, true],
    ['IPv6 out of range', { ip: [{ cidr: '2001:db8:1234:1a00::/64' }] }, { ip: '2001:db8:1234:1a01::' }, false],
    ['an IPv4 range never matches IPv6', { ip: [{ cidr: '0.0.0.0/1' }] }, { ip: '::1' }, false],
    ['a literal address matches another spelling of it', { ip: ['2001:db8::1'] }, { ip: '2001:0DB8:0:0:0:0:0:1' }, true],
    ['a literal address does not match its neighbour', { ip: ['10.0.1.200'] }, { ip: '10.0.1.201' }, false],
  ]);
});

describe('wildcard', () => {
  run([
    ['* spans slashes', { f: [{ wildcard: '/Users/*/doc.txt' }] }, { f: '/Users/a/b/c/doc.txt' }, true],
    ['* matches nothing', { f: [{ wildcard: 'ab*c' }] }, { f: 'abc' }, true],
    ['both ends are anchored', { f: [{ wildcard: 'a*c' }] }, { f: 'abcd' }, false],
    ['several stars, in order', { f: [{ wildcard: '12*4*' }] }, { f: '12345' }, true],
    ['several stars, out of order', { f: [{ wildcard: '12*4*' }] }, { f: '1235' }, false],
    ['overlapping runs are not reused', { f: [{ wildcard: '*aba*aba*' }] }, { f: 'ababa' }, false],
    ['\\* is a literal star', { f: [{ wildcard: 'a\\*c' }] }, { f: 'a*c' }, true],
    ['\\* does not match other characters', { f: [{ wildcard: 'a\\*c' }] }, { f: 'abc' }, false],
    ['\\\\ is a literal backslash', { f: [{ wildcard: 'a\\\\*' }] }, { f: 'a\\zz' }, true],
    ['strings only', { f: [{ wildcard: '*' }] }, { f: 1 }, false],
  ]);
});

describe('$or', () => {
  const orPattern = { source: ['nhs-social.intake'], $or: [{ 'detail-type': ['A'] }, { detail: { n: [{ numeric: ['>', 5] }] } }] };
  run([
    ['first branch', orPattern, { source: 'nhs-social.intake', 'detail-type': 'A', detail: { n: 0 } }, true],
    ['second branch', orPattern, { source: 'nhs-social.intake', 'detail-type': 'B', detail: { n: 6 } }, true],
    ['no branch', orPattern, { source: 'nhs-social.intake', 'detail-type': 'B', detail: { n: 5 } }, false],
    ['a branch, but not the sibling field', orPattern, { source: 'other', 'detail-type': 'A' }, false],
    ['nested inside an object', { detail: { $or: [{ a: ['1'] }, { b: ['2'] }] } }, { detail: { b: '2' } }, true],
    ['nested $or inside a branch', { $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }] }, { b: '2', d: '4' }, true],
    ['nested $or inside a branch, inner fails', { $or: [{ a: ['1'] }, { b: ['2'], $or: [{ c: ['3'] }, { d: ['4'] }] }] }, { b: '2', d: '5' }, false],
    ['parallel $or: both must hold', { $or: [{ a: ['1'] }, { b: ['1'] }], detail: { $or: [{ c: ['1'] }, { d: ['1'] }] } }, { a: '1', detail: { e: '1' } }, false],
    ['parallel $or: one of each', { $or: [{ a: ['1'] }, { b: ['1'] }], detail: { $or: [{ c: ['1'] }, { d: ['1'] }] } }, { b: '1', detail: { c: '1' } }, true],
    [
      'a branch path replaces the same outer path for that branch (event-ruler override)',
      { name: ['a', 'b'], $or: [{ name: [{ 'anything-but': 'a' }] }, { other: ['x'] }] },
      { name: 'c' },
      true,
    ],
    [
      'an outer path written after the $or applies to every branch',
      { $or: [{ name: ['c'] }, { other: ['x'] }], name: ['a'] },
      { name: 'c' },
      false,
    ],
  ]);
});

describe('array consistency: one pattern object, one array element', () => {
  const employees = {
    employees: [
      [{ firstName: 'John', lastName: 'Doe', ids: [1234, 1000] }, { firstName: 'Anna', lastName: 'Smith' }],
      [{ firstName: 'Peter', lastName: 'Jones', ids: [] }],
    ],
  };
  run([
    ['one field, any element', { employees: { firstName: ['Anna'] } }, employees, true],
    ['two fields of the same element', { employees: { firstName: ['John'], lastName: ['Doe'] } }, employees, true],
    ['two fields of different elements', { employees: { firstName: ['Anna'], lastName: ['Jones'] } }, employees, false],
    ['a nested array value of the same element', { employees: { firstName: ['John'], ids: [1000] } }, employees, true],
    ['a nested array value of another element', { employees: { firstName: ['Anna'], ids: [1000] } }, employees, false],
    ['exists:false judged in the chosen element', { employees: { firstName: ['Anna'], ids: [{ exists: false }] } }, employees, true],
    ['exists:true judged in the chosen element', { employees: { firstName: ['Anna'], ids: [{ exists: true }] } }, employees, false],
    // event-ruler takes fields in path order: an exists:false field that sorts before the field that
    // picks the element is judged against the whole array (not AWS-recorded; pinned so a change shows).
    ['exists:false sorting first sees every element', { employees: { age: [{ exists: false }], firstName: ['Anna'] } }, { employees: [{ firstName: 'John', age: 40 }, { firstName: 'Anna' }] }, false],
    ['exists:false sorting after sees the chosen element', { employees: { firstName: ['Anna'], zone: [{ exists: false }] } }, { employees: [{ firstName: 'John', zone: 'a' }, { firstName: 'Anna' }] }, true],
    ['backtracks to a later element', { items: { kind: ['x', 'y'], n: [2] } }, { items: [{ kind: 'x', n: 1 }, { kind: 'y', n: 2 }] }, true],
    ['fields outside the array combine freely', { source: ['s'], items: { kind: ['y'] } }, { source: 's', items: [{ kind: 'y' }] }, true],
    ['separate arrays combine freely', { a: ['1'], b: ['2'] }, { a: ['0', '1'], b: ['2', '3'] }, true],
  ]);
});

describe('pattern and event given as JSON text', () => {
  run([
    ['duplicate keys: the last one wins', '{"v": ["a"], "v": ["b"]}', { v: 'b' }, true],
    ['duplicate keys: the first is gone', '{"v": ["a"], "v": ["b"]}', { v: 'a' }, false],
    ['event number lexeme 300.0 equals 300', '{"v": [300]}', '{"v": 300.0}', true],
    ['a number too big for a double matches its own text only', '{"v": [1E400]}', '{"v": 1E400}', true],
    ['... and not another too-big number', '{"v": [1E400]}', '{"v": 2E400}', false],
    ['an event with a repeated key keeps the last value', { v: ['b'] }, '{"v": "a", "v": "b"}', true],
  ]);
});

describe('compiled patterns and the contracts', () => {
  it('matchesFlat on a flattened event agrees with matches', () => {
    const pattern = { detail: { data: { items: { kind: ['y'], n: [2] } } } };
    const flat = flattenEvent(envelope);
    expect(compilePattern(pattern).matchesFlat(flat)).toBe(true);
    expect(compilePattern({ detail: { data: { items: { kind: ['x'], n: [2] } } } }).matchesFlat(flat)).toBe(false);
  });

  it('flattening only the pattern paths changes no result (any event, dotted keys and arrays included)', () => {
    const key = fc.constantFrom('a', 'b', 'a.b', 'b.c', 'c', '');
    const scalar = fc.oneof(fc.constantFrom('x', 'y', '', null, true, false), fc.integer({ min: -2, max: 2 }));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, scalar, fc.array(tie('node'), { maxLength: 3 }), fc.dictionary(key, tie('node'), { maxKeys: 3 })),
    })).node;
    const patterns = [
      { a: { b: ['x'] } },
      { 'a.b': [{ exists: false }], c: [{ 'anything-but': 'y' }] },
      { a: { b: { c: [{ numeric: ['>', 0] }] } }, b: [{ exists: true }] },
      { $or: [{ a: ['x', null] }, { 'b.c': [true] }], c: [{ prefix: '' }, { exists: false }] },
    ].map(compilePattern);
    fc.assert(
      fc.property(fc.dictionary(key, value, { maxKeys: 4 }), (event) => {
        const everything = flattenEvent(event);
        for (const pattern of patterns) expect(pattern.matches(event)).toBe(pattern.matchesFlat(everything));
      }),
      { numRuns: 500 },
    );
  });

  it.each(ALL_EVENTS)('the contract pattern of $detailType matches its own envelope only', (contract) => {
    const own = { ...envelope, source: contract.source, 'detail-type': contract.detailType, detail: { metadata: { schemaVersion: contract.schemaVersion } } };
    expect(matches(contract.pattern, own)).toBe(true);
    expect(matches(contract.pattern, { ...own, detail: { metadata: { schemaVersion: contract.schemaVersion + 1 } } })).toBe(false);
    expect(matches(contract.pattern, { ...own, 'detail-type': `${contract.detailType}X` })).toBe(false);
  });

  it('refuses to match with an invalid pattern', () => {
    expect(() => matches({ source: [] }, envelope)).toThrow(EventPatternError);
  });

  it.each([
    ['an array', '[1]'],
    ['not JSON', '{"v": '],
    ['a number', 42],
  ])('refuses an event that is %s', (_name, event) => {
    expect(() => matches({ v: ['x'] }, event)).toThrow(/Parameter Event is not valid/);
  });

  it('ignores event fields the pattern does not name', () => {
    expect(matches({ source: ['nhs-social.intake'] }, detail({ anything: 'else' }))).toBe(true);
  });
});
