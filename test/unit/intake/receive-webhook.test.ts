import { createHmac } from 'node:crypto';
import { SignatureError, UnknownPlatformError } from '../../../functions/core/webhooks/errors';
import { answerHandshake, receiveDelivery, type IntakeDeps } from '../../../functions/core/intake/receive-webhook';
import { corpusBytes } from '../../support/shared-corpus';
import { RecordingPublisher, StaticSecrets, sequentialIds } from '../../support/in-memory';

const APP_SECRET = 'unit-app-secret';
const RECEIVED_AT = '2026-11-24T10:15:01.512Z';

function setup() {
  const publisher = new RecordingPublisher();
  const deps: IntakeDeps = {
    publisher,
    secrets: new StaticSecrets({ 'meta-secret': { appSecret: APP_SECRET, verifyToken: 'token-123456' } }),
    secretIds: { meta: 'meta-secret' },
    newId: sequentialIds('corr'),
  };
  return { publisher, deps };
}

const sign = (body: Buffer) => `sha256=${createHmac('sha256', APP_SECRET).update(body).digest('hex')}`;
const request = (body: Buffer, signature: string | null = sign(body)) => ({
  query: {},
  headers: signature === null ? {} : { 'x-hub-signature-256': signature },
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
    expect(outcome).toMatchObject({ published: 1, ignored: 0, quarantined: false });
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

  it.each([
    ['a forged signature', `sha256=${'a'.repeat(64)}`],
    ['no signature', null],
  ])('refuses %s and publishes nothing', async (_name, signature) => {
    const { publisher, deps } = setup();
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    await expect(receiveDelivery('facebook', request(body, signature), deps)).rejects.toThrow(SignatureError);
    expect(publisher.published).toEqual([]);
  });

  it('refuses a body signed with another secret', async () => {
    const { publisher, deps } = setup();
    const body = corpusBytes('facebook-feed-visitor-post-add.json');
    const forged = `sha256=${createHmac('sha256', 'not-our-secret').update(body).digest('hex')}`;
    await expect(receiveDelivery('facebook', request(body, forged), deps)).rejects.toThrow(SignatureError);
    expect(publisher.published).toEqual([]);
  });

  it('answers ignored items without publishing them', async () => {
    const { publisher, deps } = setup();
    const outcome = await receiveDelivery('facebook', request(corpusBytes('facebook-feed-reaction-add.json')), deps);
    expect(outcome).toMatchObject({ published: 0, ignored: 1, quarantined: false });
    expect(publisher.published).toEqual([]);
  });

  it.each([
    ['not JSON', Buffer.from('{"object": "page", ')],
    ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d])],
    ['another shape', Buffer.from('{"hello":"world"}')],
  ])('quarantines a verified body that is %s: kept and reported, not dropped', async (_name, body) => {
    const { publisher, deps } = setup();
    const outcome = await receiveDelivery('facebook', request(body), deps);
    expect(outcome.quarantined).toBe(true);
    const [event] = publisher.ofType('DeliveryQuarantined');
    expect(event?.detail.data).toMatchObject({ platform: 'facebook', truncated: false });
    expect(Buffer.from((event?.detail.data as { bodyBase64: string }).bodyBase64, 'base64')).toEqual(body);
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
    const { deps } = setup();
    await expect(receiveDelivery('myspace', request(Buffer.from('{}')), deps)).rejects.toThrow(UnknownPlatformError);
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
});
