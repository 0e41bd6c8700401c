import { UnprocessablePayloadError } from '../../../functions/core/webhooks/errors';
import { normaliseX } from '../../../functions/core/webhooks/x';
import { corpusJson } from '../../support/shared-corpus';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const normalise = (file: string) => normaliseX(corpusJson(file), RECEIVED_AT);
const ACCOUNT = '1111111111111111111';

describe('X Activity API (one event per delivery)', () => {
  it('turns a mention into a public mention with the author from includes.users', () => {
    const [mention] = normalise('x-xaa-post-mention.json').interactions;
    expect(mention).toEqual({
      id: 'x:2080765813578191303',
      platform: 'x',
      channel: 'mention',
      nativeId: '2080765813578191303',
      accountId: ACCOUNT,
      author: { id: '2222222222222222222', handle: 'OtherUser', displayName: 'OtherUser' },
      text: 'hey @ExampleUser',
      permalink: 'https://x.com/OtherUser/status/2080765813578191303',
      occurredAt: '2026-07-24T21:23:23.000Z',
      receivedAt: RECEIVED_AT,
      threadId: '2080765813578191303',
      mediaKinds: [],
      flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false },
    });
  });

  it('turns a reply into a reply under the post it answers, keeping the em dash', () => {
    const [reply] = normalise('x-xaa-post-reply.json').interactions;
    expect(reply).toMatchObject({
      channel: 'reply',
      parentId: '2080761390344937796',
      threadId: '2080761390344937796',
      text: '@ExampleUser Great post — thanks for sharing!',
      // includes is empty: no handle, a permalink that works without one.
      author: { id: '2222222222222222222' },
      permalink: 'https://x.com/i/web/status/2090000000000000001',
      language: 'en',
    });
  });

  it('turns a quote into a mention linked to the quoted post', () => {
    expect(normalise('x-xaa-post-quote.json').interactions[0]).toMatchObject({ channel: 'mention', parentId: '2080761390344937796', text: 'Adding some context to this. https://t.co/xxxxxxxx' });
  });

  it('recognises the account’s own post and own DM', () => {
    expect(normalise('x-xaa-post-create-own.json').interactions[0]).toMatchObject({ channel: 'public_post', flags: { ownAccount: true } });
    expect(normalise('x-xaa-dm-sent-own.json').interactions[0]).toMatchObject({
      channel: 'direct_message',
      threadId: '2244994945',
      text: 'Thanks for the update!',
      flags: { ownAccount: true, private: true },
    });
  });

  it('wraps the legacy DM shape in dm.received, naming the sender from the users map', () => {
    expect(normalise('x-xaa-dm-received.json').interactions[0]).toMatchObject({
      id: 'x:2080765901528535096',
      author: { id: '2222222222222222222', handle: 'OtherUser', displayName: 'OtherUser' },
      text: 'hello!',
      occurredAt: new Date(1784928224372).toISOString(),
      flags: { private: true, ownAccount: false },
    });
  });

  it('turns post.delete into a deletion and oauth.revoke into a connector-health signal', () => {
    expect(normalise('x-xaa-post-delete.json').deletions).toEqual([expect.objectContaining({ id: 'x:2080761269309813134', accountId: ACCOUNT })]);
    expect(normalise('x-xaa-oauth-revoke.json').health).toEqual([
      { platform: 'x', status: 'authorisation_revoked', signal: 'oauth.revoke', accountId: ACCOUNT, appId: '29820954', occurredAt: '2026-07-23T21:44:05.000Z', detectedAt: RECEIVED_AT },
    ]);
  });

  it.each([
    ['x-xaa-post-repost.json', /repost/],
    ['x-xaa-like-create.json', /like\.create/],
    ['x-xaa-follow.json', /follow\.follow/],
    ['x-xaa-chat-received-encrypted.json', /encrypted/],
  ])('ignores %s with its reason', (file, reason) => {
    const delivery = normalise(file);
    expect(delivery.interactions).toEqual([]);
    expect(delivery.ignored).toEqual([{ reason: expect.stringMatching(reason) }]);
  });
});

describe('X Account Activity API (legacy)', () => {
  it('turns a v1.1 mention into a public mention with its permalink and RFC 822-style time', () => {
    expect(normalise('x-aaa-tweet-mention-chatwoot.json').interactions).toEqual([
      expect.objectContaining({
        id: 'x:1',
        channel: 'mention',
        accountId: '1',
        author: { id: '2', handle: 'surveyjoyHQ', displayName: 'SurveyJoy' },
        permalink: 'https://x.com/surveyjoyHQ/status/1',
        occurredAt: '2020-02-05T08:39:31.000Z',
        flags: expect.objectContaining({ private: false, ownAccount: false }),
      }),
    ]);
  });

  it('names a DM sender from the users side map', () => {
    expect(normalise('x-aaa-dm-message-create.json').interactions[0]).toMatchObject({
      id: 'x:954491830116155396',
      accountId: '4337869213',
      author: { id: '3001969357', handle: 'furiouscamper', displayName: 'Jordan Brinks' },
      text: 'Hello World!',
      threadId: '3001969357',
      flags: { private: true },
    });
  });

  it('turns a tweet delete (string timestamp_ms) into a deletion', () => {
    expect(normalise('x-aaa-tweet-delete.json').deletions).toEqual([
      expect.objectContaining({ id: 'x:1045405559317569537', accountId: '930524282358325248', deletedAt: new Date(1432228155593).toISOString() }),
    ]);
  });

  it('reports a user revoke, which has no for_user_id', () => {
    expect(normalise('x-aaa-user-revoke.json').health).toEqual([
      expect.objectContaining({ signal: 'user_event.revoke', accountId: '63046977', appId: '13090192', occurredAt: '2018-05-24T09:48:12.000Z' }),
    ]);
  });

  it.each([
    ['x-aaa-dm-typing-indicator.json', /typing/],
    ['x-aaa-dm-read-receipt.json', /read receipt/],
  ])('ignores %s', (file, reason) => {
    expect(normalise(file)).toMatchObject({ interactions: [], ignored: [{ reason: expect.stringMatching(reason) }] });
  });

  it('prefers extended_tweet.full_text and id_str, and drops retweets', () => {
    const tweet = { id: 1.2345678901234568e18, id_str: '1234567890123456789', text: 'short…', truncated: true, extended_tweet: { full_text: 'the whole long text' }, user: { id_str: '9', screen_name: 'a' } };
    const { interactions, ignored } = normaliseX({ for_user_id: '5', tweet_create_events: [tweet, { ...tweet, id_str: '2', retweeted_status: {} }] }, RECEIVED_AT);
    expect(interactions).toEqual([expect.objectContaining({ nativeId: '1234567890123456789', text: 'the whole long text' })]);
    expect(ignored).toEqual([{ reason: expect.stringMatching(/retweet/) }]);
  });
});

it('refuses a body that is neither X shape', () => {
  expect(() => normaliseX({ object: 'page' }, RECEIVED_AT)).toThrow(UnprocessablePayloadError);
  expect(() => normaliseX([], RECEIVED_AT)).toThrow(UnprocessablePayloadError);
});
