import { normaliseMeta } from '../../../functions/core/webhooks/meta-delivery';
import { corpusJson } from '../../support/shared-corpus';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const normalise = (file: string) => normaliseMeta(corpusJson(file), RECEIVED_AT);

describe('Messenger events over the real corpus', () => {
  it('turns a DM into a private interaction with string ids, timed by its millisecond timestamp', () => {
    const { interactions, ignored } = normalise('messenger-message-text.json');
    expect(ignored).toEqual([]);
    expect(interactions).toEqual([
      {
        id: 'messenger:mid.1457764197618:41d102a3e1ae206a38',
        platform: 'messenger',
        channel: 'direct_message',
        nativeId: 'mid.1457764197618:41d102a3e1ae206a38',
        accountId: '12345654332',
        author: { id: '987654321432' },
        text: 'hello, world!',
        occurredAt: new Date(1457764197627).toISOString(),
        receivedAt: RECEIVED_AT,
        threadId: '987654321432',
        mediaKinds: [],
        flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: true },
      },
    ]);
  });

  it.each(['messenger-message-echo.json', 'messenger-standby-echo.json'])(
    'recognises the echo in %s as the Page’s own reply in the user’s thread (is_echo, not the sender id)',
    (file) => {
      const [echo] = normalise(file).interactions;
      expect(echo).toMatchObject({ accountId: '12345654332', author: { id: '12345654332' }, threadId: '987654321432', flags: { ownAccount: true, private: true } });
    },
  );

  it('keeps both DMs of a two-entry batch, each for the page it reached', () => {
    const { interactions } = normalise('messenger-batch-two-entries.json');
    expect(interactions.map((item) => [item.nativeId, item.text, item.accountId])).toEqual([
      ['mid.1486464322190:cb04e5a654', 'test 1', '1895382890692545'],
      ['mid.1486464322190:cb04e5a656', 'test 2', '1895382890692545'],
    ]);
  });

  it('keeps an attachment-only DM with its media and no text', () => {
    const [dm] = normalise('messenger-image-attachment-only.json').interactions;
    expect(dm).toMatchObject({ text: '', mediaKinds: ['image'], flags: { needsEnrichment: false } });
  });

  it('keeps a sticker as media', () => {
    const [dm] = normalise('messenger-sticker-only.json').interactions;
    expect(dm).toMatchObject({ text: '', mediaKinds: ['image', 'sticker'] });
  });

  it('links an inline reply to the message it answers', () => {
    expect(normalise('messenger-message-inline-reply.json').interactions[0]?.parentId).toBe('very_long_id_representing_the_original_message');
  });

  it('keeps a quick-reply tap as the text the user sent', () => {
    expect(normalise('messenger-quick-reply.json').interactions[0]).toMatchObject({ text: 'quick reply text', accountId: '1234567890321' });
  });

  it('reads text whose raw bytes escape @ as \\u0040', () => {
    expect(normalise('messenger-text-escaped-email-with-nlp.json').interactions[0]?.text).toBe('You can contact me at mail@example.org');
  });

  it('turns an unsent message into a deletion and a message_edit into an edit', () => {
    expect(normalise('messenger-message-deleted.json').deletions).toEqual([expect.objectContaining({ id: 'messenger:message_id', accountId: '12345654332' })]);
    expect(normalise('messenger-message-edit.json').edits).toEqual([
      expect.objectContaining({ id: 'messenger:mid.1457764197618:41d102a3e1ae206a38', text: 'hello, world!', editedAt: new Date(1457764197627).toISOString() }),
    ]);
  });

  it.each([
    ['messenger-read-receipt.json', /read receipt/],
    ['messenger-delivery-receipt.json', /delivery receipt/],
    ['messenger-postback.json', /postback/],
    ['messenger-reaction-emoji-escaped.json', /reaction/],
  ])('ignores %s with its reason', (file, reason) => {
    const delivery = normalise(file);
    expect(delivery.interactions).toEqual([]);
    expect(delivery.ignored).toEqual([{ reason: expect.stringMatching(reason) }]);
  });
});

describe('Instagram over the real corpus', () => {
  it('turns a comment reply into a reply under its parent on the media', () => {
    const [reply] = normalise('instagram-comment-reply.json').interactions;
    expect(reply).toMatchObject({
      id: 'instagram:123456789',
      channel: 'reply',
      accountId: '0',
      author: { id: '1234536447', handle: 'testuser' },
      parentId: '987654321',
      threadId: '76543987',
      occurredAt: new Date(1519399307 * 1000).toISOString(),
      flags: { needsEnrichment: false, ownAccount: false, private: false },
    });
  });

  it.each(['instagram-comment-minimal.json', 'instagram-live-comment.json'])('keeps a comment without its author (%s), flagged for enrichment', (file) => {
    const [comment] = normalise(file).interactions;
    expect(comment).toMatchObject({ channel: 'public_comment', text: 'This is an example.', flags: { needsEnrichment: true } });
  });

  it('keeps a mention (ids only) flagged for enrichment', () => {
    expect(normalise('instagram-mention.json').interactions).toEqual([
      expect.objectContaining({ id: 'instagram:17887498072083520', channel: 'mention', text: '', flags: expect.objectContaining({ needsEnrichment: true }) }),
    ]);
  });

  it('recognises a comment by the account on its own media', () => {
    const payload = { object: 'instagram', entry: [{ id: '99', time: 1, changes: [{ field: 'comments', value: { id: '5', text: 'Thanks!', from: { id: '7', username: 'trust', self_ig_scoped_id: '99' } } }] }] };
    expect(normaliseMeta(payload, RECEIVED_AT).interactions[0]?.flags.ownAccount).toBe(true);
  });

  it('keeps a DM with an unsupported attachment and ignores a seen receipt', () => {
    expect(normalise('instagram-dm-unsupported-attachment.json').interactions).toEqual([
      expect.objectContaining({ platform: 'instagram', channel: 'direct_message', text: '', mediaKinds: ['unsupported_type'], accountId: '17841452691600098' }),
    ]);
    expect(normalise('instagram-dm-seen.json')).toMatchObject({ interactions: [], ignored: [{ reason: 'instagram read receipt is not an interaction' }] });
  });
});
