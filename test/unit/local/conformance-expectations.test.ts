import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interaction } from '../../../events';
import { fieldValue, meetsOutcome, parseExpected, primaryPart, readExpectations, type Observed } from '../../../local/conformance/expectations';
import { WEBHOOK_CORPUS } from '../../support/shared-corpus';

const sources = readFileSync(join(WEBHOOK_CORPUS, 'SOURCES.md'), 'utf8');
const interaction = ({ flags, ...overrides }: Partial<Omit<Interaction, 'flags'>> & { flags?: Partial<Interaction['flags']> } = {}): Interaction => ({
  id: 'x:1',
  platform: 'x',
  channel: 'mention',
  nativeId: '1',
  accountId: 'a',
  author: {},
  text: 'hi',
  occurredAt: '2026-01-01T00:00:00.000Z',
  receivedAt: '2026-01-01T00:00:00.000Z',
  mediaKinds: [],
  ...overrides,
  flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false, ...flags },
});
const observed = (overrides: Partial<Observed> = {}): Observed => ({ payload: {}, interactions: [], edits: 0, deletions: 0, health: 0, ...overrides });

describe('the conformance expectations, read from SOURCES.md', () => {
  const expectations = readExpectations(sources);

  it('has a readable expectation for every delivery file in the corpus', () => {
    const deliveries = readdirSync(WEBHOOK_CORPUS).filter((file) => file !== 'SOURCES.md' && file !== 'signature-vectors.json');
    expect([...expectations.keys()].sort()).toEqual(deliveries.sort());
  });

  it.each([
    ['messenger-batch-two-entries.json', 'interactions', 2],
    ['facebook-feed-comment-add.json', 'own', 0],
    ['facebook-feed-comment-add-with-photo.json', 'own', 0],
    ['facebook-mention-post.json', 'enrich', 1],
    ['x-xaa-post-delete.json', 'delete', 0],
    ['x-xaa-chat-received-encrypted.json', 'ignore', 0],
    ['tiktok-authorization-removed.json', 'ops', 0],
    ['messenger-message-edit.json', 'update', 0],
  ] as const)('reads %s as %s', (file, outcome, count) => {
    expect(expectations.get(file)).toMatchObject({ outcome, count });
  });

  it('checks only the first, literal alternative of a cell', () => {
    expect(primaryPart('own (literal); if the harness ignores the anonymisation artefact: 1 interaction, parent=post 1')).toBe('own (literal)');
    expect(primaryPart('1 interaction (empty text) or enrich')).toBe('1 interaction (empty text)');
    expect(primaryPart('delete (or ignore if own posts not stored)')).toBe('delete');
    expect(expectations.get('facebook-feed-comment-add.json')!.clauses).toEqual([]);
  });

  it('turns clauses into checks: parent (given, or a field of the delivery), privacy, media, permalink', () => {
    const parent = parseExpected('f', '1 interaction, parent=reply_to.mid');
    const payload = { entry: [{ messaging: [{ message: { reply_to: { mid: 'm-1' } } }] }] };
    expect(parent.clauses[0]!.check(observed({ payload, interactions: [interaction({ parentId: 'm-1' })] }))).toBe(true);
    expect(parent.clauses[0]!.check(observed({ payload, interactions: [interaction({ parentId: 'm-2' })] }))).toBe(false);
    expect(parseExpected('f', '1 interaction, parent=replied_to.id 567890').clauses[0]!.label).toBe('parent=567890');
    const dm = parseExpected('f', '1 interaction, is_private=true, text empty, media=[image]');
    expect(dm.clauses.map((clause) => clause.label)).toEqual(['private', 'media image', 'no text']);
    expect(dm.clauses.every((clause) => clause.check(observed({ interactions: [interaction({ text: '', mediaKinds: ['image'], flags: { private: true } })] })))).toBe(true);
    expect(dm.clauses[0]!.check(observed({ interactions: [interaction()] }))).toBe(false);
  });

  it('refuses a cell it cannot read rather than passing it', () => {
    expect(() => parseExpected('f', 'maybe something')).toThrow(/cannot read/);
  });

  it.each([
    ['interactions', '1 interaction', observed({ interactions: [interaction()] }), true],
    ['interactions, but one is own', '1 interaction', observed({ interactions: [interaction({ flags: { ownAccount: true } })] }), false],
    ['enrich without the flag', 'enrich', observed({ interactions: [interaction()] }), false],
    ['ignore with an own echo kept', 'ignore', observed({ interactions: [interaction({ flags: { ownAccount: true } })] }), true],
    ['ignore with an inbound one', 'ignore', observed({ interactions: [interaction()] }), false],
    ['update', 'update', observed({ edits: 1 }), true],
    ['update that created one', 'update', observed({ edits: 1, interactions: [interaction()] }), false],
    ['delete', 'delete', observed({ deletions: 1 }), true],
    ['ops', 'ops', observed({ health: 1 }), true],
    ['own', 'own', observed({ interactions: [interaction({ flags: { ownAccount: true } })] }), true],
    ['own, nothing recognised', 'own', observed(), false],
  ])('%s', (_name, text, seen, ok) => {
    expect(meetsOutcome(parseExpected('f', text), seen).ok).toBe(ok);
  });

  it('finds a field anywhere in a delivery', () => {
    expect(fieldValue({ a: [{ b: { c: 5 } }] }, ['b', 'c'])).toBe('5');
    expect(fieldValue({ a: 1 }, ['b'])).toBeUndefined();
  });
});
