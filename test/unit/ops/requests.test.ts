import { ValidationError } from '../../../functions/core/interactions/errors';
import {
  assignBodySchema,
  checkRange,
  exportQuerySchema,
  jsonBody,
  listQuerySchema,
  overrideBodySchema,
  parseInput,
  replyBodySchema,
  toInstant,
} from '../../../functions/core/ops/requests';

const fieldsOf = (fn: () => unknown): string[] => {
  try {
    fn();
  } catch (error) {
    if (error instanceof ValidationError) return error.fields;
    throw error;
  }
  throw new Error('no ValidationError');
};

describe('ops API input', () => {
  it('defaults a list to the open queue, 50 a page', () => {
    expect(parseInput(listQuerySchema, undefined, 'query')).toEqual({ status: 'open', limit: 50 });
  });

  it.each([
    ['an unknown status', listQuerySchema, { status: 'pending' }, 'query', ['query.status']],
    ['an unknown parameter', listQuerySchema, { colour: 'red' }, 'query', ['query.colour']],
    ['a limit over 100', listQuerySchema, { limit: '500' }, 'query', ['query.limit']],
    ['a date that is not one', listQuerySchema, { from: 'last tuesday' }, 'query', ['query.from']],
    ['an unknown platform', listQuerySchema, { platform: 'myspace' }, 'query', ['query.platform']],
    ['an empty assignment', assignBodySchema, {}, 'body', ['body.team']],
    ['a reply without visibility', replyBodySchema, { text: 'hi' }, 'body', ['body.visibility']],
    ['an override without a reason', overrideBodySchema, { priority: 'P1' }, 'body', ['body.reason']],
    ['an override that changes nothing', overrideBodySchema, { reason: 'because' }, 'body', ['body.category']],
    ['an override with a bad priority', overrideBodySchema, { priority: 'urgent', reason: 'because' }, 'body', ['body.priority']],
    ['an export without a range', exportQuerySchema, {}, 'query', ['query.from', 'query.to']],
  ] as const)('names the field for %s', (_case, schema, value, where, fields) => {
    expect(fieldsOf(() => parseInput(schema, value, where))).toEqual(fields);
  });

  it('refuses a body that is not JSON', () => {
    expect(fieldsOf(() => jsonBody('{not json'))).toEqual(['body']);
    expect(jsonBody(undefined)).toEqual({});
    expect(jsonBody(Buffer.from('{"a":1}').toString('base64'), true)).toEqual({ a: 1 });
  });

  it('reads a date as midnight in the trust’s zone (BST in summer)', () => {
    expect(toInstant('2026-06-01', 'Europe/London')).toBe('2026-05-31T23:00:00.000Z');
    expect(toInstant('2026-12-01', 'Europe/London')).toBe('2026-12-01T00:00:00.000Z');
    expect(toInstant('2026-06-01T12:00:00+02:00', 'Europe/London')).toBe('2026-06-01T10:00:00.000Z');
  });

  it('wants from before to, within the maximum span', () => {
    expect(fieldsOf(() => checkRange('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', 30))).toEqual(['query.to']);
    expect(fieldsOf(() => checkRange('2026-01-01T00:00:00Z', '2026-06-01T00:00:00Z', 92))).toEqual(['query.from', 'query.to']);
    expect(() => checkRange('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', 92)).not.toThrow();
  });
});
