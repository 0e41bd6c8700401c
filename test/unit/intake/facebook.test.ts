import { interactionSchema } from '../../../events';
import { UnprocessablePayloadError } from '../../../functions/core/webhooks/errors';
import { normaliseFacebook } from '../../../functions/core/webhooks/facebook';
import { corpusJson } from '../../support/shared-corpus';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const normalise = (file: string) => normaliseFacebook(corpusJson(file), RECEIVED_AT);
const page = (changes: unknown[]) => ({ object: 'page', entry: [{ id: '42', time: 1764000000, changes }] });

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

  it('turns an edited comment into an edit of the same id, with its new text, not a new interaction', () => {
    const { interactions, edits } = normalise('facebook-feed-comment-edited.json');
    expect(interactions).toEqual([]);
    expect(edits).toEqual([
      {
        id: 'facebook:900728623356296_900744590021366',
        platform: 'facebook',
        nativeId: '900728623356296_900744590021366',
        accountId: '1234567890321',
        text: "Let's see the Webhooks in action :D",
        editedAt: new Date(1448555737 * 1000).toISOString(),
        receivedAt: RECEIVED_AT,
        // Where to find it and what it is, so an edit that beats its comment to us can still be acted on.
        channel: 'public_comment',
        permalink: 'https://www.facebook.com/1234567890321_900728623356296?comment_id=900728623356296_900744590021366',
      },
    ]);
  });

  it('orders two edits of one comment by the entry time when created_time is the comment\'s own (the same for both)', () => {
    const editOf = (entryTime: number, message: string) => {
      const payload = corpusJson('facebook-feed-comment-edited.json') as { entry: Array<{ time: number; changes: Array<{ value: Record<string, unknown> }> }> };
      payload.entry[0]!.time = entryTime;
      payload.entry[0]!.changes[0]!.value.message = message;
      return normaliseFacebook(payload, RECEIVED_AT).edits[0]!;
    };
    const first = editOf(1448555737 + 60, 'first edit');
    const second = editOf(1448555737 + 120, 'second edit');
    expect(first.editedAt).toBe(new Date((1448555737 + 60) * 1000).toISOString());
    expect(second.editedAt > first.editedAt).toBe(true);
  });

  it('turns a removed comment into a deletion timed by the entry (no created_time)', () => {
    const { interactions, deletions } = normalise('facebook-feed-comment-remove.json');
    expect(interactions).toEqual([]);
    expect(deletions).toEqual([
      expect.objectContaining({ id: 'facebook:905578656204626_905579239537901', deletedAt: new Date(1452107182 * 1000).toISOString() }),
    ]);
  });

  it('recognises the Page’s own share as own-account, with its link', () => {
    const [share] = normalise('facebook-feed-share-add-german.json').interactions;
    expect(share).toMatchObject({ channel: 'public_post', mediaKinds: ['link'], flags: { ownAccount: true } });
  });

  it('ignores a reaction with a reason, without error', () => {
    const { interactions, ignored } = normalise('facebook-feed-reaction-add.json');
    expect(interactions).toEqual([]);
    expect(ignored).toEqual([{ reason: expect.stringMatching(/reaction is not an interaction/) }]);
  });

  it('iterates every entry of a batch, including changes without values', () => {
    const { interactions, ignored } = normalise('facebook-batch-two-entries-no-values.json');
    expect(interactions).toEqual([]);
    expect(ignored).toEqual([
      { reason: expect.stringMatching(/^parking change without a value/) },
      { reason: expect.stringMatching(/^payment_options change without a value/) },
    ]);
  });

  it('keeps the Page itself as the account and marks the Page status update as own', () => {
    const [status] = normalise('facebook-feed-page-own-status-add.json').interactions;
    expect(status).toMatchObject({ channel: 'public_post', flags: { ownAccount: true } });
  });

  it.each([
    ['facebook-mention-post.json', 'facebook:1234567890321_98722536423179', 'A test post message', undefined],
    ['facebook-mention-comment.json', 'facebook:7363534231324_3754798971271444', 'Just a test message', '1234567890321_7363534231324'],
  ])('keeps a mention without an author (%s), flagged for enrichment', (file, id, text, parentId) => {
    const { interactions } = normalise(file);
    expect(interactions).toEqual([
      expect.objectContaining({ id, channel: 'mention', author: {}, text, parentId, flags: expect.objectContaining({ needsEnrichment: true, ownAccount: false }) }),
    ]);
  });

  it('turns a recommendation into a review with its reviewer and text', () => {
    const [review] = normalise('facebook-ratings-recommendation-add.json').interactions;
    expect(review).toMatchObject({
      id: 'facebook:904801129604590',
      channel: 'review',
      author: { id: '705955836155788', displayName: 'Tester' },
      text: 'Ja ziemlich coole Sache',
      occurredAt: new Date(1537369512 * 1000).toISOString(),
      flags: { ownAccount: false, needsEnrichment: false },
    });
  });

  it('keeps a comment on a review even without text, as a reply needing a lookup', () => {
    const [comment] = normalise('facebook-ratings-comment-on-review.json').interactions;
    expect(comment).toMatchObject({
      id: 'facebook:904801129604590_904802532937783',
      channel: 'reply',
      parentId: '100002241334695_904801129604590',
      author: { id: '705955836155788' },
      text: '',
      flags: { needsEnrichment: true },
    });
  });

  it('marks a reply to a comment as a reply', () => {
    const payload = page([
      { field: 'feed', value: { item: 'comment', verb: 'add', comment_id: '1_3', post_id: '42_1', parent_id: '1_2', from: { id: '7', name: 'A' }, message: 'me too' } },
    ]);
    const [reply] = normaliseFacebook(payload, RECEIVED_AT).interactions;
    expect(reply).toMatchObject({ channel: 'reply', parentId: '1_2', threadId: '42_1' });
  });

  it('flags an item without an author as needing enrichment instead of dropping it', () => {
    const [post] = normaliseFacebook(page([{ field: 'feed', value: { item: 'post', verb: 'add', post_id: '42_9', message: 'hi' } }]), RECEIVED_AT).interactions;
    expect(post?.flags.needsEnrichment).toBe(true);
  });

  it.each(['hide', 'unhide', 'block', 'mute'])('ignores the moderation verb %s', (verb) => {
    const { interactions, ignored } = normaliseFacebook(page([{ field: 'feed', value: { item: 'comment', verb, comment_id: '1_3', post_id: '42_1' } }]), RECEIVED_AT);
    expect(interactions).toEqual([]);
    expect(ignored).toEqual([{ reason: `feed comment verb ${verb} is not new content` }]);
  });

  it('reads Messenger events in the same Page envelope', () => {
    const { interactions } = normaliseFacebook(corpusJson('messenger-message-text.json'), RECEIVED_AT);
    expect(interactions).toEqual([expect.objectContaining({ platform: 'messenger', channel: 'direct_message' })]);
  });

  it('reports odd shapes inside a valid envelope instead of throwing', () => {
    const { ignored } = normaliseFacebook({ object: 'page', entry: [7, { id: '1', changes: 'x', messaging: [null] }] }, RECEIVED_AT);
    expect(ignored.map((item) => item.reason)).toEqual(['entry is not an object', 'entry.changes is not an array', 'messenger messaging event is not an object']);
  });

  it.each([[null], ['text'], [{ object: 'instagram', entry: [] }], [{ object: 'page' }], [[1, 2]]])(
    'refuses a payload that is not a Page webhook: %j',
    (payload) => {
      expect(() => normaliseFacebook(payload, RECEIVED_AT)).toThrow(UnprocessablePayloadError);
    },
  );
});
