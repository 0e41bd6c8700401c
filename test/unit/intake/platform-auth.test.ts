import { createHmac } from 'node:crypto';
import { HandshakeError, SignatureError } from '../../../functions/core/webhooks/errors';
import { answerLinkedInChallenge, verifyLinkedInSignature } from '../../../functions/core/webhooks/linkedin-auth';
import { parseTikTokSignature, verifyTikTokSignature } from '../../../functions/core/webhooks/tiktok-auth';
import { answerWebSubChallenge, verifyWebSubSignature } from '../../../functions/core/webhooks/websub-auth';
import { answerXCrc, verifyXSignature } from '../../../functions/core/webhooks/x-auth';
import { corpusBytes, signatureVectors } from '../../support/shared-corpus';

const vectors = signatureVectors();
const handshake = (id: string) => vectors.handshakes.find((h) => h.id === id) as (typeof vectors.handshakes)[number] & Record<string, unknown>;
const queryOf = (request: string) => Object.fromEntries(new URL(request.replace(/^GET\s+/, ''), 'https://callback.example').searchParams);

describe('X', () => {
  it.each(vectors.published_signature_vectors.filter((v) => v.header === 'x-twitter-webhooks-signature').map((v) => [v.id, v] as const))(
    'accepts the published vector %s (autohook)',
    (_id, vector) => {
      expect(() => verifyXSignature(Buffer.from(vector.body), vector.expected_header_value, vector.secret)).not.toThrow();
    },
  );

  it.each(vectors.derived_signature_vectors.filter((v) => v.header === 'x-twitter-webhooks-signature').map((v) => [v.file, v] as const))(
    'verifies %s over its raw bytes',
    (file, vector) => {
      expect(() => verifyXSignature(corpusBytes(file), vector.expected_header_value_over_raw_file_bytes, vector.secret)).not.toThrow();
    },
  );

  it('answers the CRC of the DevRel gist with its response_token', () => {
    const example = handshake('x-crc-gist');
    expect(JSON.parse(answerXCrc(queryOf(example.request), example.secret as string))).toEqual((example.expected_response as { body: unknown }).body);
  });

  it.each([
    ['missing', undefined],
    ['hex instead of base64', `sha256=${'a'.repeat(64)}`],
    ['another secret', `sha256=${createHmac('sha256', 'other').update('{}').digest('base64')}`],
  ])('refuses a %s signature', (_name, header) => {
    expect(() => verifyXSignature(Buffer.from('{}'), header, 'test')).toThrow(SignatureError);
  });

  it('refuses a CRC without a token', () => {
    expect(() => answerXCrc({}, 'secret')).toThrow(HandshakeError);
  });
});

describe('LinkedIn', () => {
  it('answers the documented challengeCode request with both fields, as JSON', () => {
    const example = handshake('linkedin-challenge-shape');
    const code = queryOf(example.request).challengeCode!;
    const answer = JSON.parse(answerLinkedInChallenge({ challengeCode: code }, 'client-secret'));
    // The doc's clientSecret is unpublished: its value cannot be reproduced, its construction can.
    expect(answer).toEqual({ challengeCode: code, challengeResponse: createHmac('sha256', 'client-secret').update(code).digest('hex') });
    expect(answer.challengeResponse).toMatch(/^[0-9a-f]{64}$/);
  });

  const body = Buffer.from('{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[]}');
  const documented = createHmac('sha256', 'client-secret').update(Buffer.concat([Buffer.from('hmacsha256='), body])).digest('hex');
  const bare = createHmac('sha256', 'client-secret').update(body).digest('hex');

  it.each([
    ['the documented construction', documented],
    ['the documented construction with the prefix in the header', `hmacsha256=${documented}`],
    ['the bare-body construction some integrations use', bare],
    ['upper-case hex', documented.toUpperCase()],
  ])('accepts %s', (_name, header) => {
    expect(() => verifyLinkedInSignature(body, header, 'client-secret')).not.toThrow();
  });

  it.each([
    ['missing', undefined],
    ['another secret', createHmac('sha256', 'other').update(body).digest('hex')],
    ['truncated', documented.slice(0, 60)],
  ])('refuses a %s signature', (_name, header) => {
    expect(() => verifyLinkedInSignature(body, header, 'client-secret')).toThrow(SignatureError);
  });
});

describe('TikTok', () => {
  const now = '2026-11-24T10:15:01.512Z';
  const t = String(Math.floor(Date.parse(now) / 1000));
  const body = corpusBytes('tiktok-authorization-removed.json');
  const s = (secret: string, stamp = t) => createHmac('sha256', secret).update(`${stamp}.`).update(body).digest('hex');

  it('parses the documented header example', () => {
    const example = handshake('tiktok-signature-header-parse');
    expect(parseTikTokSignature(example.value as string)).toEqual(example.expected_parse);
    expect(parseTikTokSignature(' s=18494715036ac4416a1d0a673871a2edbcfc94d94bd88ccd2c5ec9b3425afe66 , t=1633174587')).toEqual(example.expected_parse);
  });

  it('accepts a fresh signature over t + "." + raw body', () => {
    expect(() => verifyTikTokSignature(body, `t=${t},s=${s('client-secret')}`, 'client-secret', now)).not.toThrow();
  });

  it.each([
    ['stale (10 minutes old)', String(Number(t) - 600)],
    ['from the future', String(Number(t) + 600)],
  ])('refuses a %s timestamp, even correctly signed', (_name, stamp) => {
    expect(() => verifyTikTokSignature(body, `t=${stamp},s=${s('client-secret', stamp)}`, 'client-secret', now)).toThrow(/timestamp/);
  });

  it.each([
    ['missing', undefined],
    ['without t', `s=${s('client-secret')}`],
    ['signed with another secret', `t=${t},s=${s('other')}`],
  ])('refuses a header %s', (_name, header) => {
    expect(() => verifyTikTokSignature(body, header, 'client-secret', now)).toThrow(SignatureError);
  });
});

describe('YouTube WebSub', () => {
  const topic = 'https://www.youtube.com/xml/feeds/videos.xml?channel_id=UC_x5XG1OV2P6uZZ5FSM9Ttw';

  it('echoes the challenge of the documented verification request for a YouTube topic', () => {
    expect(answerWebSubChallenge({ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': '14829735903', 'hub.lease_seconds': '432000' }, undefined)).toBe('14829735903');
    expect(answerWebSubChallenge({ 'hub.mode': 'unsubscribe', 'hub.topic': topic, 'hub.challenge': 'c' }, undefined)).toBe('c');
  });

  it.each([
    [{ 'hub.mode': 'subscribe', 'hub.topic': 'https://evil.example/feed', 'hub.challenge': 'c' }, undefined],
    [{ 'hub.mode': 'denied', 'hub.topic': topic, 'hub.challenge': 'c' }, undefined],
    [{ 'hub.mode': 'subscribe', 'hub.topic': topic }, undefined],
    [{ 'hub.mode': 'subscribe', 'hub.topic': topic, 'hub.challenge': 'c', 'hub.verify_token': 'wrong' }, 'right-token'],
  ])('refuses %j', (query, token) => {
    expect(() => answerWebSubChallenge(query, token)).toThrow(HandshakeError);
  });

  const body = corpusBytes('youtube-websub-video-notification.xml');

  it.each(['sha1', 'sha256', 'sha512'])('accepts an X-Hub-Signature made with %s and our hub secret', (algorithm) => {
    expect(() => verifyWebSubSignature(body, `${algorithm}=${createHmac(algorithm, 'hub').update(body).digest('hex')}`, 'hub')).not.toThrow();
  });

  it('accepts the legacy sha1 vector and refuses its mismatch (same construction)', () => {
    for (const vector of vectors.published_signature_vectors.filter((v) => v.header === 'X-Hub-Signature')) {
      const run = () => verifyWebSubSignature(Buffer.from(vector.body), vector.expected_header_value, vector.secret);
      if (vector.expected_result?.startsWith('REJECT')) expect(run).toThrow(SignatureError);
      else expect(run).not.toThrow();
    }
  });

  it('requires the signature once a hub secret is configured, and accepts unsigned pushes only without one', () => {
    expect(() => verifyWebSubSignature(body, undefined, 'hub')).toThrow(SignatureError);
    expect(() => verifyWebSubSignature(body, `sha1=${createHmac('sha1', 'other').update(body).digest('hex')}`, 'hub')).toThrow(SignatureError);
    expect(() => verifyWebSubSignature(body, undefined, undefined)).not.toThrow();
    expect(() => verifyWebSubSignature(body, 'sha1=00', undefined)).toThrow(SignatureError);
  });
});
