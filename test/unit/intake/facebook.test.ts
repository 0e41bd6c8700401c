import { interactionSchema } from '../../../events';
import { UnprocessablePayloadError } from '../../../functions/core/webhooks/errors';
import { normaliseFacebook } from '../../../functions/core/webhooks/facebook';
import { corpusJson } from '../../support/shared-corpus';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const normalise = (file: string) => normaliseFacebook(corpusJson(file), RECEIVED_AT);

describe('normaliseFacebook over the real Page webhook corpus', () => {
  it('turns a visitor post into one public interaction, timed by entry.time when created_time is absent', () => {
    const { interactions, ignored } = normalise('facebook-feed-visitor-post-add.json');
    expect(ignored).toEqual([]);
    expect(interactions).toHaveLength(1);
    const [post] = interactions;
    expect(interactionSchema.parse(post)).toEqual(post);
    expect(post).toMatchObject({
      id: 'facebook:1234567890321_7293787835232',
      platform: 'facebook',
      channel: 'public_post',
      accountId: '1234567890321',
      author: { id: '8423678347823', displayName: 'John Doe' },
      text: "Let's check this",
      occurredAt: new Date(1454707020 * 1000).toISOString(),
      receivedAt: RECEIVED_AT,
      permalink: 'https://www.facebook.com/1234567890321_7293787835232',
      flags: { ownAccount: false, needsEnrichment: false, private: false, edited: false, deleted: false },
    });
  });

  it('turns a top-level comment into a public comment on its post, flagged own when the Page wrote it', () => {
    const [comment] = normalise('facebook-feed-comment-add.json').interactions;
    expect(comment).toMatchObject({
      id: 'facebook:901097836652708_903438993085259',
      channel: 'public_comment',
      parentId: '1234567890321_901097836652708',
      threadId: '1234567890321_901097836652708',
      text: 'and the next one',
      occurredAt: new Date(1449135003 * 1000).toISOString(),
      permalink: 'https://www.facebook.com/1234567890321_901097836652708?comment_id=901097836652708_903438993085259',
      flags: { ownAccount: true },
    });
  });

  it('reads the legacy sender_id / sender_name fields and the photo when `from` is absent', () => {
    const [comment] = normalise('facebook-feed-comment-add-with-photo.json').interactions;
    expect(comment?.author).toEqual({ id: '1234567890321', displayName: 'Tester' });
    expect(comment?.mediaKinds).toEqual(['photo']);
  });

  it.each([
    ['facebook-feed-reaction-add.json', /reaction is not an interaction/],
    ['facebook-feed-comment-edited.json', /verb edited/],
    ['facebook-feed-comment-remove.json', /verb remove/],
    ['facebook-feed-share-add-german.json', /share is not an interaction/],
  ])('ignores %s with a reason, without error', (file, reason) => {
    const { interactions, ignored } = normalise(file);
    expect(interactions).toEqual([]);
    expect(ignored).toEqual([{ reason: expect.stringMatching(reason) }]);
  });

  it('iterates every entry of a batch, including changes without values', () => {
    const { interactions, ignored } = normalise('facebook-batch-two-entries-no-values.json');
    expect(interactions).toEqual([]);
    expect(ignored).toHaveLength(2);
  });

  it('keeps the Page itself as the account and marks the Page status update as own', () => {
    const [status] = normalise('facebook-feed-page-own-status-add.json').interactions;
    expect(status).toMatchObject({ channel: 'public_post', flags: { ownAccount: true } });
  });

  it('marks a reply to a comment as a reply', () => {
    const payload = {
      object: 'page',
      entry: [
        {
          id: '42',
          time: 1764000000,
          changes: [
            {
              field: 'feed',
              value: { item: 'comment', verb: 'add', comment_id: '1_3', post_id: '42_1', parent_id: '1_2', from: { id: '7', name: 'A' }, message: 'me too' },
            },
          ],
        },
      ],
    };
    const [reply] = normaliseFacebook(payload, RECEIVED_AT).interactions;
    expect(reply).toMatchObject({ channel: 'reply', parentId: '1_2', threadId: '42_1' });
  });

  it('flags an item without an author as needing enrichment instead of dropping it', () => {
    const payload = {
      object: 'page',
      entry: [{ id: '42', time: 1764000000, changes: [{ field: 'feed', value: { item: 'post', verb: 'add', post_id: '42_9', message: 'hi' } }] }],
    };
    const [post] = normaliseFacebook(payload, RECEIVED_AT).interactions;
    expect(post?.flags.needsEnrichment).toBe(true);
  });

  it.each([[null], ['text'], [{ object: 'instagram', entry: [] }], [{ object: 'page' }], [[1, 2]]])(
    'refuses a payload that is not a Page webhook: %j',
    (payload) => {
      expect(() => normaliseFacebook(payload, RECEIVED_AT)).toThrow(UnprocessablePayloadError);
    },
  );
});
