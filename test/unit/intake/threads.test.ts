import { UnprocessablePayloadError } from '../../../functions/core/webhooks/errors';
import { normaliseThreads } from '../../../functions/core/webhooks/threads';
import { corpusJson } from '../../support/shared-corpus';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';

describe('normaliseThreads', () => {
  it('turns the documented replies example into a reply with its parent, thread and permalink', () => {
    const { interactions } = normaliseThreads(corpusJson('threads-reply.json'), RECEIVED_AT);
    expect(interactions).toEqual([
      expect.objectContaining({
        id: 'threads:8901234',
        channel: 'reply',
        accountId: '78901',
        author: { handle: 'test_username' },
        text: 'Reply',
        permalink: 'https://www.threads.net/@test_username/post/Pp',
        // "+0000" offsets (no colon) are read too.
        occurredAt: '2024-08-07T10:33:16.000Z',
        parentId: '567890',
        threadId: '123456',
        mediaKinds: [],
        flags: expect.objectContaining({ ownAccount: false, needsEnrichment: false }),
      }),
    ]);
  });

  it('reads a list of values, a delete field and an own reply', () => {
    const base = corpusJson('threads-reply.json') as { values: { value: Record<string, unknown> } };
    const own = { field: 'replies', value: { ...base.values.value, id: '1', username: 'test_username_2', root_post: { id: '2', owner_id: '78901', username: 'test_username_2' } } };
    const { interactions, deletions } = normaliseThreads({ ...base, values: [own, { field: 'delete', value: { id: '3' } }] }, RECEIVED_AT);
    expect(interactions[0]?.flags.ownAccount).toBe(true);
    expect(deletions).toEqual([expect.objectContaining({ id: 'threads:3', accountId: '78901' })]);
  });

  it('refuses a body that is not a Threads envelope', () => {
    expect(() => normaliseThreads({ object: 'page' }, RECEIVED_AT)).toThrow(UnprocessablePayloadError);
  });
});
