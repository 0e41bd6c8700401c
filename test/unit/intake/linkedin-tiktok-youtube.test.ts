import { corpusBytes, corpusJson } from '../../support/shared-corpus';
import { UnprocessablePayloadError } from '../../../functions/core/webhooks/errors';
import { normaliseLinkedIn } from '../../../functions/core/webhooks/linkedin';
import { normaliseTikTok } from '../../../functions/core/webhooks/tiktok';
import { decodeAtom, normaliseYouTube } from '../../../functions/core/webhooks/youtube';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
/** LinkedIn always sends notifications in a batch envelope; the corpus holds one element. */
const batch = (...notifications: unknown[]) => ({ type: 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS', notifications });
const element = () => corpusJson('linkedin-social-action-notification-comment-element.json') as Record<string, unknown>;

describe('normaliseLinkedIn', () => {
  it('turns a COMMENT notification into a public comment by a member URN, keyed by the comment entity', () => {
    expect(normaliseLinkedIn(batch(element()), RECEIVED_AT).interactions).toEqual([
      {
        id: 'linkedin:urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)',
        platform: 'linkedin',
        channel: 'public_comment',
        nativeId: 'urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)',
        accountId: 'urn:li:organization:96072893',
        author: { id: 'urn:li:person:zLqTygBP8S' },
        text: 'Commenting as Sumit Butola...',
        permalink:
          'https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A7094637247890620418/?commentUrn=urn%3Ali%3Acomment%3A(urn%3Ali%3Aactivity%3A7094637247890620418%2C7094977717598625792)',
        occurredAt: new Date(1691574506310).toISOString(),
        receivedAt: RECEIVED_AT,
        parentId: 'urn:li:activity:7094637247890620418',
        threadId: 'urn:li:activity:7094637247890620418',
        mediaKinds: [],
        flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false },
      },
    ]);
  });

  it('meets the same comment again in COMMENT_EDIT and COMMENT_DELETE; admin comments are own; likes ignored', () => {
    const base = element();
    const { edits, deletions, interactions, ignored } = normaliseLinkedIn(
      batch({ ...base, action: 'COMMENT_EDIT' }, { ...base, action: 'COMMENT_DELETE' }, { ...base, action: 'ADMIN_COMMENT' }, { ...base, action: 'LIKE' }),
      RECEIVED_AT,
    );
    const id = 'linkedin:urn:li:comment:(urn:li:activity:7094637247890620418,7094977717598625792)';
    expect(edits).toEqual([expect.objectContaining({ id, text: 'Commenting as Sumit Butola...' })]);
    expect(deletions).toEqual([expect.objectContaining({ id })]);
    expect(interactions).toEqual([expect.objectContaining({ id, flags: expect.objectContaining({ ownAccount: true }) })]);
    expect(ignored).toEqual([{ reason: 'linkedin LIKE is not an interaction' }]);
  });

  it('refuses a lone notification element: LinkedIn sends batches', () => {
    expect(() => normaliseLinkedIn(element(), RECEIVED_AT)).toThrow(UnprocessablePayloadError);
  });
});

describe('normaliseTikTok', () => {
  it('turns authorization.removed into a connector-health signal', () => {
    expect(normaliseTikTok(corpusJson('tiktok-authorization-removed.json'), RECEIVED_AT)).toMatchObject({
      interactions: [],
      health: [
        {
          platform: 'tiktok',
          status: 'authorisation_revoked',
          signal: 'authorization.removed',
          accountId: 'act.example12345Example12345Example',
          appId: 'bwo2m45353a6k85',
          occurredAt: new Date(1615338610 * 1000).toISOString(),
        },
      ],
    });
  });

  it('ignores the events that carry no interactions', () => {
    expect(normaliseTikTok({ event: 'video.publish.completed', content: '{}' }, RECEIVED_AT).ignored).toEqual([
      { reason: 'tiktok video.publish.completed is not an interaction' },
    ]);
  });
});

describe('YouTube WebSub', () => {
  it('reads the documented Atom notification and ignores it: YouTube pushes no comments', () => {
    const delivery = normaliseYouTube(decodeAtom(corpusBytes('youtube-websub-video-notification.xml')), RECEIVED_AT);
    expect(delivery).toMatchObject({ interactions: [], ignored: [{ reason: expect.stringMatching(/no comments/) }] });
  });

  it('ignores a deleted-entry notice', () => {
    const xml = '<feed xmlns:at="http://purl.org/atompub/tombstones/1.0" xmlns="http://www.w3.org/2005/Atom"><at:deleted-entry ref="yt:video:V" when="2026-01-01T00:00:00+00:00"/></feed>';
    expect(normaliseYouTube(decodeAtom(Buffer.from(xml)), RECEIVED_AT).ignored).toEqual([{ reason: expect.stringMatching(/deleted/) }]);
  });

  it.each([
    ['not XML', '{"feed": 1}'],
    ['not well formed', '<feed><entry></feed>'],
    ['not a feed', '<rss></rss>'],
  ])('refuses a body that is %s', (_name, text) => {
    expect(() => normaliseYouTube(decodeAtom(Buffer.from(text)), RECEIVED_AT)).toThrow(UnprocessablePayloadError);
  });

  it('does not expand entities declared in the body', () => {
    const xml = '<?xml version="1.0"?><!DOCTYPE feed [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><feed><title>&b;</title></feed>';
    const parsed = decodeAtom(Buffer.from(xml)) as { feed: { title: string } };
    expect(parsed.feed.title).toBe('&b;');
  });
});
