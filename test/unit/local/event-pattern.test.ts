import { ALL_EVENTS } from '../../../events';
import { EventPatternError, matches } from '../../../local/event-pattern';

const envelope = {
  version: '0',
  id: 'e1',
  'detail-type': 'InteractionReceived',
  source: 'nhs-social.intake',
  account: '000000000000',
  time: '2026-11-26T10:00:00Z',
  region: 'eu-west-2',
  resources: ['arn:aws:x:eu-west-2:000000000000:thing/a', 'arn:aws:x:eu-west-2:000000000000:thing/b'],
  detail: { metadata: { schemaVersion: 1 }, data: { tags: ['a', 'b'], flag: false, none: null, items: [{ kind: 'x', n: 1 }, { kind: 'y', n: 2 }] } },
};

describe('local event-pattern matcher (exact values and nested objects)', () => {
  it.each([
    ['one listed value', { source: ['nhs-social.intake'] }, true],
    ['any of several values', { source: ['other', 'nhs-social.intake'] }, true],
    ['a value not listed', { source: ['other'] }, false],
    ['AND across fields', { source: ['nhs-social.intake'], 'detail-type': ['InteractionAssessed'] }, false],
    ['nested object', { detail: { metadata: { schemaVersion: [1] } } }, true],
    ['number vs string is not equal', { detail: { metadata: { schemaVersion: ['1'] } } }, false],
    ['missing field', { detail: { metadata: { other: ['x'] } } }, false],
    ['event array: any element', { resources: ['arn:aws:x:eu-west-2:000000000000:thing/b'] }, true],
    ['event array: no element', { detail: { data: { tags: ['c'] } } }, false],
    ['boolean false', { detail: { data: { flag: [false] } } }, true],
    ['null matches null', { detail: { data: { none: [null] } } }, true],
    ['null does not match a missing field', { detail: { data: { absent: [null] } } }, false],
    ['array of objects: one element matches all', { detail: { data: { items: { kind: ['y'], n: [2] } } } }, true],
    ['array of objects: fields from different elements', { detail: { data: { items: { kind: ['x'], n: [2] } } } }, false],
    ['pattern object against a scalar', { source: { inner: ['x'] } }, false],
  ])('%s', (_name, pattern, expected) => {
    expect(matches(pattern, envelope)).toBe(expected);
  });

  it.each(ALL_EVENTS)('the contract pattern of $detailType matches its own envelope only', (contract) => {
    const own = { ...envelope, source: contract.source, 'detail-type': contract.detailType };
    expect(matches(contract.pattern, own)).toBe(true);
    expect(matches(contract.pattern, { ...own, detail: { metadata: { schemaVersion: contract.schemaVersion + 1 } } })).toBe(false);
    expect(matches(contract.pattern, { ...own, 'detail-type': `${contract.detailType}X` })).toBe(false);
  });

  it.each([
    ['a scalar field', { source: 'nhs-social.intake' }],
    ['an empty list', { source: [] }],
    ['an empty object', { detail: {} }],
    ['a content filter (not supported yet)', { source: [{ prefix: 'nhs' }] }],
  ])('rejects %s loudly', (_name, pattern) => {
    expect(() => matches(pattern, envelope)).toThrow(EventPatternError);
  });
});
