/**
 * X follows and unfollows: counted (AudienceChanged) only when the trust's account is the one followed;
 * a follow BY the trust is outbound. No follower id, handle or name leaves the normaliser.
 */
import { AudienceChanged } from '../../../events';
import { receiveDelivery, type IntakeDeps } from '../../../functions/core/intake/receive-webhook';
import { normaliseX } from '../../../functions/core/webhooks/x';
import { signedHeaders } from '../../../local/platform-signatures';
import { MemoryArchive, RecordingPublisher, StaticSecrets, sequentialIds } from '../../support/in-memory';
import { corpusJson } from '../../support/shared-corpus';

const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const ACCOUNT = '1111111111111111111';
/** Everything that could identify the other party in the corpus file and the AAA payload below. */
const IDENTITY = ['4444444444444444444', 'AnotherUser', 'ExampleUser', 'Example User', '3333333333333333333', 'jo_bloggs_84', 'Jo Bloggs', '5555555555555555555', 'mo.rashid'];

type XaaFollow = { data: { event_uuid: string; event_type: string; filter: { user_id: string }; payload: { source: unknown; target: unknown } } };
const corpusFollow = () => corpusJson('x-xaa-follow.json') as XaaFollow;
/** The corpus event the other way round: someone follows the trust's account. */
function followOfTrust(eventType = 'follow.follow', eventUuid?: string): XaaFollow {
  const event = corpusFollow();
  const { source, target } = event.data.payload;
  return { data: { ...event.data, event_type: eventType, event_uuid: eventUuid ?? event.data.event_uuid, payload: { source: target, target: source } } };
}

/** Account Activity API `follow_events`, as X documents them (v1.1 user objects, ids as strings). */
const user = (id: string, name: string, handle: string) => ({ id, name, screen_name: handle, followers_count: 12, protected: false });
const TRUST = user(ACCOUNT, 'Example NHS Trust', 'ExampleTrust');
const aaaFollows = {
  for_user_id: ACCOUNT,
  follow_events: [
    { type: 'follow', created_timestamp: '1795946400000', source: user('3333333333333333333', 'Jo Bloggs', 'jo_bloggs_84'), target: TRUST },
    { type: 'unfollow', created_timestamp: '1795950000000', source: user('5555555555555555555', 'Mo Rashid', 'mo.rashid'), target: TRUST },
    // The trust following someone: outbound, not audience.
    { type: 'follow', created_timestamp: '1795953600000', source: TRUST, target: user('3333333333333333333', 'Jo Bloggs', 'jo_bloggs_84') },
  ],
};

const noIdentity = (value: unknown) => {
  const json = JSON.stringify(value);
  for (const token of IDENTITY) expect(json).not.toContain(token);
};

describe('X Activity API follow.follow / follow.unfollow', () => {
  it('ignores the real corpus event: the trust follows someone (outbound), so nothing is counted', () => {
    const delivery = normaliseX(corpusFollow(), RECEIVED_AT);
    expect(delivery.audience).toEqual([]);
    expect(delivery.interactions).toEqual([]);
    expect(delivery.ignored).toEqual([{ reason: 'x follow.follow by the account itself is outbound, not audience' }]);
  });

  it('counts a follow of the trust: platform, account, change, receipt time and a hashed id, no follower identity', () => {
    const delivery = normaliseX(followOfTrust(), RECEIVED_AT);
    expect(delivery.interactions).toEqual([]);
    expect(delivery.ignored).toEqual([]);
    expect(delivery.audience).toEqual([{ platform: 'x', accountId: ACCOUNT, change: 'follow', occurredAt: RECEIVED_AT, id: expect.stringMatching(/^x:[0-9a-f]{16}$/) }]);
    expect(AudienceChanged.dataSchema.safeParse(delivery.audience[0]).success).toBe(true);
    noIdentity(delivery);
  });

  it('gives a redelivery of the same event (same event_uuid, later receipt) the same id, and an unfollow another', () => {
    const [first] = normaliseX(followOfTrust(), RECEIVED_AT).audience;
    const [again] = normaliseX(followOfTrust(), '2026-11-24T10:20:00.000Z').audience;
    const [unfollow] = normaliseX(followOfTrust('follow.unfollow', '-1234'), RECEIVED_AT).audience;
    expect(again?.id).toBe(first?.id);
    expect(unfollow).toMatchObject({ change: 'unfollow' });
    expect(unfollow?.id).not.toBe(first?.id);
  });

  it('ignores a follow between two other users (keyword filter, no subscribed account)', () => {
    const event = followOfTrust();
    expect(normaliseX({ data: { ...event.data, filter: {} } }, RECEIVED_AT).audience).toEqual([]);
    const other = corpusFollow();
    const stranger = { data: { id: '9999999999999999999', username: 'Someone' } };
    expect(normaliseX({ data: { ...other.data, payload: { source: stranger, target: other.data.payload.target } } }, RECEIVED_AT)).toMatchObject({
      audience: [],
      ignored: [{ reason: 'x follow.follow is not of the subscribed account' }],
    });
  });
});

describe('X Account Activity API follow_events', () => {
  it('counts follows and unfollows of the trust at their own time and ignores the trust following someone', () => {
    const delivery = normaliseX(aaaFollows, RECEIVED_AT);
    expect(delivery.audience).toEqual([
      { platform: 'x', accountId: ACCOUNT, change: 'follow', occurredAt: '2026-11-29T10:00:00.000Z', id: expect.stringMatching(/^x:[0-9a-f]{16}$/) },
      { platform: 'x', accountId: ACCOUNT, change: 'unfollow', occurredAt: '2026-11-29T11:00:00.000Z', id: expect.stringMatching(/^x:[0-9a-f]{16}$/) },
    ]);
    expect(delivery.ignored).toEqual([{ reason: 'x follow_events follow by the account itself is outbound, not audience' }]);
    expect(delivery.interactions).toEqual([]);
    noIdentity(delivery);
  });

  it('is deterministic across redeliveries, and tells two followers in the same millisecond apart', () => {
    const ids = (payload: unknown) => normaliseX(payload, RECEIVED_AT).audience.map((change) => change.id);
    expect(ids(aaaFollows)).toEqual(ids(structuredClone(aaaFollows)));
    const [first] = aaaFollows.follow_events;
    const twin = { ...first!, source: user('5555555555555555555', 'Mo Rashid', 'mo.rashid') };
    const [a, b] = ids({ for_user_id: ACCOUNT, follow_events: [first, twin] });
    expect(a).not.toBe(b);
  });
});

describe('intake publishes AudienceChanged', () => {
  it('one event per follow of the trust, keyed by its id; nothing for the outbound follow; no identity on the bus', async () => {
    const publisher = new RecordingPublisher();
    const deps: IntakeDeps = {
      publisher,
      archive: new MemoryArchive(),
      secrets: new StaticSecrets({ 'x-secret': { consumerSecret: 'unit-x-secret' } }),
      secretIds: { meta: 'meta-secret', x: 'x-secret', linkedin: 'linkedin-secret', tiktok: 'tiktok-secret', youtube: 'youtube-secret' },
      newId: sequentialIds('corr'),
    };
    const body = Buffer.from(JSON.stringify(aaaFollows));
    const request = { query: {}, headers: signedHeaders('x', body, { consumerSecret: 'unit-x-secret' }, new Date(RECEIVED_AT)), rawBody: body, receivedAt: RECEIVED_AT };
    const outcome = await receiveDelivery('x', request, deps);
    expect(outcome).toMatchObject({ published: 0, audience: 2, ignored: 1 });
    const events = publisher.ofType('AudienceChanged').map((event) => ({ detail: AudienceChanged.detailSchema.parse(event.detail) }));
    expect(events.map((event) => event.detail.data.change)).toEqual(['follow', 'unfollow']);
    for (const event of events) {
      expect(event.detail.metadata.idempotencyKey).toBe(`AudienceChanged:${event.detail.data.id}`);
    }
    noIdentity(events);
  });
});
