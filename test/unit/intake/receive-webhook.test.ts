import { createHmac } from 'node:crypto';
import { PayloadTooLargeError, SignatureError, UnknownPlatformError } from '../../../functions/core/webhooks/errors';
import { answerHandshake, rawDeliveryKey, receiveDelivery, type IntakeDeps } from '../../../functions/core/intake/receive-webhook';
import { PLATFORM_INTAKES } from '../../../functions/core/intake/platforms';
import type { OutgoingEvent, RawDelivery, RawDeliveryArchive } from '../../../functions/core/ports';
import { signedHeaders } from '../../../local/platform-signatures';
import { corpusBytes } from '../../support/shared-corpus';
import { MemoryArchive, RecordingPublisher, StaticSecrets, sequentialIds } from '../../support/in-memory';

const APP_SECRET = 'unit-app-secret';
const RECEIVED_AT = '2026-11-24T10:15:01.512Z';
const SECRETS = {
  meta: { appSecret: APP_SECRET, verifyToken: 'token-123456' },
  x: { consumerSecret: 'unit-x-secret' },
  linkedin: { clientSecret: 'unit-linkedin-secret' },
  tiktok: { clientSecret: 'unit-tiktok-secret' },
  youtube: { hubSecret: 'unit-hub-secret' },
};

function setup(overrides: Partial<IntakeDeps> = {}) {
  const publisher = new RecordingPublisher();
  const archive = new MemoryArchive();
  const deps: IntakeDeps = {
    publisher,
    archive,
    secrets: new StaticSecrets(Object.fromEntries(Object.entries(SECRETS).map(([name, value]) => [`${name}-secret`, value]))),
    secretIds: { meta: 'meta-secret', x: 'x-secret', linkedin: 'linkedin-secret', tiktok: 'tiktok-secret', youtube: 'youtube-secret' },
    newId: sequentialIds('corr'),
    ...overrides,
  };
  return { publisher, archive, deps };
}

const sign = (body: Buffer) => `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
const request = (body: Buffer, signature: string | null = sign(body)) => ({
  query: {},
  headers: signature === null ? {} : { 'x-hub-signature-256': signature },
  rawBody: body,
  receivedAt: RECEIVED_AT,
});
/** A request signed as its platform signs (headers lower-cased, as the handler passes them). */
const signed = (path: Parameters<typeof signedHeaders>[0], body: Buffer, secret: Record<string, unknown>) => ({
  query: {},
  headers: signedHeaders(path, body, secret, new Date(RECEIVED_AT)),
  rawBody: body,
  receivedAt: RECEIVED_AT,
});

describe('receiveDelivery', () => {
  it('publishes one InteractionReceived per interaction, keyed by the interaction id', async () => {
    // Prepare
    const { publisher, deps } = setup();
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    // Act
    const outcome = await receiveDelivery('facebook', request(body), deps);
    // Assess
    expect(outcome).toMatchObject({ published: 1, inbound: 1, own: 0, ignored: 0, quarantineReason: undefined });
    const [event] = publisher.ofType('InteractionReceived');
    expect(event?.detail).toMatchObject({
      metadata: {
        schemaVersion: 1,
        idempotencyKey: 'InteractionReceived:facebook:1234567890321_7293787835232',
        correlationId: 'corr-1',
        occurredAt: RECEIVED_AT,
      },
      data: { id: 'facebook:1234567890321_7293787835232', text: "Let's check this" },
    });
  });

  it('archives the exact raw bytes before publishing anything', async () => {
    const calls: string[] = [];
    const archive = new MemoryArchive();
    const publisher = new RecordingPublisher();
    const { deps } = setup({
      archive: { put: async (delivery: RawDelivery) => (calls.push('archive'), archive.put(delivery)), get: (key: string) => archive.get(key) },
      publisher: { publish: async (events: OutgoingEvent[]) => (calls.push('publish'), publisher.publish(events)) },
    });
    const body = corpusBytes('messenger-text-escaped-email-with-nlp.json');
    const outcome = await receiveDelivery('messenger', request(body), deps);
    expect(calls).toEqual(['archive', 'publish']);
    expect(outcome.archiveKey).toMatch(/^messenger\/2026\/11\/24\/101501512Z-[0-9a-f]{16}\.json$/);
    expect(Buffer.from((await archive.get(outcome.archiveKey))!)).toEqual(body);
    expect(archive.objects.get(outcome.archiveKey)).toMatchObject({ contentType: 'application/json', metadata: { platform: 'messenger', 'received-at': RECEIVED_AT } });
  });

  it('does not process a delivery whose archiving failed (the platform retries it)', async () => {
    const failing: RawDeliveryArchive = { put: async () => Promise.reject(new Error('S3 down')), get: async () => undefined };
    const { publisher, deps } = setup({ archive: failing });
    await expect(receiveDelivery('facebook', request(corpusBytes('facebook-feed-visitor-post-add.json')), deps)).rejects.toThrow('S3 down');
    expect(publisher.published).toEqual([]);
  });

  it.each([
    ['a forged signature', `sha256=${'a'.repeat(64)}`],
    ['no signature', null],
  ])('refuses %s: nothing archived or published', async (_name, signature) => {
    const { publisher, archive, deps } = setup();
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    await expect(receiveDelivery('facebook', request(body, signature), deps)).rejects.toThrow(SignatureError);
    expect(publisher.published).toEqual([]);
    expect(archive.objects.size).toBe(0);
  });

  it('refuses a body signed with another secret', async () => {
    const { publisher, deps } = setup();
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    const forged = `sha256=${createHmac('sha256', 'not-our-secret').update(body).digest('hex')}`;
    await expect(receiveDelivery('facebook', request(body, forged), deps)).rejects.toThrow(SignatureError);
    expect(publisher.published).toEqual([]);
  });

  it('refuses a body over the limit before reading any secret or archiving', async () => {
    const secrets = new StaticSecrets({ 'meta-secret': SECRETS.meta });
    const getJson = jest.spyOn(secrets, 'getJson');
    const { archive, deps } = setup({ secrets, maxBodyBytes: 1024 });
    const body = Buffer.alloc(1025, 0x20);
    await expect(receiveDelivery('facebook', request(body), deps)).rejects.toThrow(PayloadTooLargeError);
    expect(getJson).not.toHaveBeenCalled();
    expect(archive.objects.size).toBe(0);
    getJson.mockClear();
    // At the limit it is read as usual (and quarantined: whitespace is not a webhook).
    await expect(receiveDelivery('facebook', request(body.subarray(0, 1024)), deps)).resolves.toMatchObject({ quarantineReason: expect.any(String) });
  });

  it('answers ignored items without publishing them', async () => {
    const { publisher, deps } = setup();
    const outcome = await receiveDelivery('facebook', request(corpusBytes('facebook-feed-reaction-add.json')), deps);
    expect(outcome).toMatchObject({ published: 0, ignored: 1, ignoredReasons: [expect.stringMatching(/reaction/)] });
    expect(publisher.published).toEqual([]);
  });

  it('publishes an edit as InteractionEdited and a removal as InteractionDeleted, not as new interactions', async () => {
    const { publisher, deps } = setup();
    await receiveDelivery('facebook', request(corpusBytes('facebook-feed-comment-edited.json')), deps);
    await receiveDelivery('facebook', request(corpusBytes('facebook-feed-comment-remove.json')), deps);
    expect(publisher.ofType('InteractionReceived')).toEqual([]);
    expect(publisher.ofType('InteractionEdited').map((event) => event.detail.metadata.idempotencyKey)).toEqual([
      'InteractionEdited:facebook:900728623356296_900744590021366:2015-11-26T16:35:37.000Z',
    ]);
    expect(publisher.ofType('InteractionDeleted').map((event) => event.detail.data)).toEqual([
      expect.objectContaining({ id: 'facebook:905578656204626_905579239537901', deletedAt: new Date(1452107182 * 1000).toISOString() }),
    ]);
  });

  it.each([
    ['x', 'x-xaa-oauth-revoke.json', SECRETS.x],
    ['x', 'x-aaa-user-revoke.json', SECRETS.x],
    ['tiktok', 'tiktok-authorization-removed.json', SECRETS.tiktok],
  ] as const)('reports a revocation on %s (%s) as ConnectorHealthChanged', async (path, file, secret) => {
    const { publisher, deps } = setup();
    const outcome = await receiveDelivery(path, signed(path, corpusBytes(file), secret), deps);
    expect(outcome.health).toEqual([expect.objectContaining({ platform: path, status: 'authorisation_revoked' })]);
    expect(publisher.ofType('ConnectorHealthChanged')).toHaveLength(1);
    expect(publisher.ofType('InteractionReceived')).toEqual([]);
  });

  it.each([
    ['not JSON', Buffer.from('{"object": "page", ')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['another shape', Buffer.from('{"hello":"world"}')],
  ])('quarantines a verified body that is %s: archived and reported, not dropped', async (_name, body) => {
    const { publisher, archive, deps } = setup();
    const outcome = await receiveDelivery('facebook', request(body), deps);
    expect(outcome.quarantineReason).toEqual(expect.any(String));
    const [event] = publisher.ofType('DeliveryQuarantined');
    expect(event?.detail.data).toMatchObject({ platform: 'facebook', truncated: false, archiveKey: outcome.archiveKey });
    expect(Buffer.from((event?.detail.data as { bodyBase64: string }).bodyBase64, 'base64')).toEqual(body);
    expect(archive.objects.has(outcome.archiveKey)).toBe(true);
  });

  it('reports an item that does not validate (naming the field, not its value) and still publishes the rest', async () => {
    // Normalisers are property-tested never to do this; the check is the net should one ever slip.
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    const real = PLATFORM_INTAKES.facebook!.normalise(JSON.parse(body.toString('utf8')), RECEIVED_AT);
    const good = real.interactions[0]!;
    const bad = { ...good, id: 'facebook:2', occurredAt: 'not a time' };
    const spy = jest.spyOn(PLATFORM_INTAKES.facebook!, 'normalise').mockReturnValue({ ...real, interactions: [good, bad] });
    try {
      const { publisher, deps } = setup();
      const outcome = await receiveDelivery('facebook', request(body), deps);
      expect(outcome).toMatchObject({ published: 1, quarantineReason: expect.stringContaining('InteractionReceived occurredAt') });
      expect(outcome.quarantineReason).not.toContain('not a time');
      expect(publisher.ofType('InteractionReceived').map((event) => (event.detail.data as { id: string }).id)).toEqual([good.id]);
      expect(publisher.ofType('DeliveryQuarantined')).toHaveLength(1);
    } finally {
      spy.mockRestore();
    }
  });

  it('reports an item too big to ever be an event instead of failing the delivery for ever', async () => {
    const { publisher, deps } = setup();
    const single = JSON.parse(corpusBytes('facebook-feed-visitor-post-add.json').toString('utf8'));
    single.entry[0].changes[0].value.message = 'A&E '.repeat(60_000);
    const body = Buffer.from(JSON.stringify(single));
    const outcome = await receiveDelivery('facebook', request(body), deps);
    expect(outcome).toMatchObject({ published: 0, quarantineReason: expect.stringContaining('over the 204800-byte event limit') });
    expect(publisher.ofType('InteractionReceived')).toEqual([]);
    expect(publisher.ofType('DeliveryQuarantined')).toHaveLength(1);
  });

  it('publishes an item repeated within one delivery once', async () => {
    const { publisher, deps } = setup();
    const single = JSON.parse(corpusBytes('facebook-feed-visitor-post-add.json').toString('utf8'));
    const body = Buffer.from(JSON.stringify({ ...single, entry: [...single.entry, ...single.entry] }));
    const outcome = await receiveDelivery('facebook', request(body), deps);
    expect(outcome.published).toBe(1);
    expect(publisher.published).toHaveLength(1);
  });

  it('refuses an unknown platform before reading any secret', async () => {
    const getJson = jest.fn();
    const { deps } = setup({ secrets: { getJson } });
    await expect(receiveDelivery('myspace', request(Buffer.from('{}')), deps)).rejects.toThrow(UnknownPlatformError);
    await expect(receiveDelivery('__proto__', request(Buffer.from('{}')), deps)).rejects.toThrow(UnknownPlatformError);
    expect(getJson).not.toHaveBeenCalled();
  });

  it.each([
    ['x', 'x-xaa-post-mention.json', SECRETS.x],
    ['linkedin', 'linkedin-social-action-notification-comment-element.json', SECRETS.linkedin],
    ['youtube', 'youtube-websub-video-notification.xml', SECRETS.youtube],
    ['threads', 'threads-reply.json', SECRETS.meta],
    ['instagram', 'instagram-comment-reply.json', SECRETS.meta],
  ] as const)('verifies %s with its own scheme and secret (%s)', async (path, file, secret) => {
    const { deps } = setup();
    const body = corpusBytes(file);
    await expect(receiveDelivery(path, signed(path, body, secret), deps)).resolves.toMatchObject({ platform: path });
    await expect(receiveDelivery(path, signed(path, body, { ...secret, appSecret: 'x', consumerSecret: 'x', clientSecret: 'x', hubSecret: 'x' }), deps)).rejects.toThrow(
      SignatureError,
    );
  });

  it('archives Atom deliveries as XML', async () => {
    const { archive, deps } = setup();
    const outcome = await receiveDelivery('youtube', signed('youtube', corpusBytes('youtube-websub-video-notification.xml'), SECRETS.youtube), deps);
    expect(outcome.archiveKey).toMatch(/\.xml$/);
    expect(archive.objects.get(outcome.archiveKey)?.contentType).toBe('application/atom+xml');
  });
});

describe('rawDeliveryKey', () => {
  it('groups by platform and UTC day, sorts by time and tells bodies apart', () => {
    expect(rawDeliveryKey('x', '2026-03-29T00:59:59.999Z', 'ab'.repeat(32), 'json')).toBe('x/2026/03/29/005959999Z-abababababababab.json');
  });
});

describe('answerHandshake', () => {
  it('echoes the challenge for our verify token', async () => {
    const { deps } = setup();
    const answer = await answerHandshake(
      'facebook',
      { ...request(Buffer.alloc(0)), query: { 'hub.mode': 'subscribe', 'hub.verify_token': 'token-123456', 'hub.challenge': '1158201444' } },
      deps,
    );
    expect(answer).toEqual({ contentType: 'text/plain', body: '1158201444' });
  });

  it('answers the X CRC and the LinkedIn challenge with JSON', async () => {
    const { deps } = setup();
    const crc = await answerHandshake('x', { ...request(Buffer.alloc(0)), query: { crc_token: 'abc' } }, deps);
    expect(crc.contentType).toBe('application/json');
    expect(JSON.parse(crc.body)).toEqual({ response_token: `sha256=${createHmac('sha256', SECRETS.x.consumerSecret).update('abc').digest('base64')}` });
    const challenge = await answerHandshake('linkedin', { ...request(Buffer.alloc(0)), query: { challengeCode: 'c-1' } }, deps);
    expect(JSON.parse(challenge.body)).toEqual({ challengeCode: 'c-1', challengeResponse: createHmac('sha256', SECRETS.linkedin.clientSecret).update('c-1').digest('hex') });
  });
});
