import { HandshakeError, SignatureError } from '../../../functions/core/webhooks/errors';
import { answerMetaHandshake, verifyMetaSignature } from '../../../functions/core/webhooks/meta';
import { corpusBytes, signatureVectors } from '../../support/shared-corpus';

const vectors = signatureVectors();

describe('verifyMetaSignature', () => {
  const published = vectors.published_signature_vectors.filter((v) => v.header === 'X-Hub-Signature-256');

  it.each(published.map((v) => [v.id, v] as const))('accepts the published vector %s', (_id, vector) => {
    expect(() =>
      verifyMetaSignature(Buffer.from(vector.body, 'utf8'), vector.expected_header_value, vector.secret),
    ).not.toThrow();
  });

  const derived = vectors.derived_signature_vectors.filter((v) => v.header === 'X-Hub-Signature-256');

  it.each(derived.map((v) => [v.file, v] as const))('verifies %s over its raw bytes', (file, vector) => {
    expect(() =>
      verifyMetaSignature(corpusBytes(file), vector.expected_header_value_over_raw_file_bytes, vector.secret),
    ).not.toThrow();
  });

  it.each(derived.map((v) => [v.file, v] as const))(
    'refuses the signature of %s re-serialised (escaped unicode must not be re-encoded)',
    (file, vector) => {
      expect(() =>
        verifyMetaSignature(corpusBytes(file), vector.WRONG_value_if_body_is_parsed_and_reserialised, vector.secret),
      ).toThrow(SignatureError);
    },
  );

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['sha1 only', 'sha1=1c99183cb7c44ea27fb834746086b65b89800db8'],
    ['not hex', 'sha256=zz'],
    ['wrong digest', `sha256=${'0'.repeat(64)}`],
  ])('refuses a %s header', (_name, header) => {
    expect(() => verifyMetaSignature(Buffer.from('{}'), header, 'secret')).toThrow(SignatureError);
  });

  it('refuses a body changed by one byte', () => {
    const vector = published[0]!;
    expect(() =>
      verifyMetaSignature(Buffer.from(`${vector.body} `, 'utf8'), vector.expected_header_value, vector.secret),
    ).toThrow(SignatureError);
  });

  it('accepts an upper-case hex digest (the header is case-insensitive hex)', () => {
    const vector = published[0]!;
    const upper = `sha256=${vector.expected_header_value.slice(7).toUpperCase()}`;
    expect(() => verifyMetaSignature(Buffer.from(vector.body, 'utf8'), upper, vector.secret)).not.toThrow();
  });
});

describe('answerMetaHandshake', () => {
  const query = (request: string) => Object.fromEntries(new URL(`https://x${request.split(' ')[1]}`).searchParams);

  it.each(vectors.handshakes.filter((h) => h.id.startsWith('meta-')).map((h) => [h.id, h] as const))(
    'follows the published handshake %s',
    (_id, handshake) => {
      const run = () => answerMetaHandshake(query(handshake.request), handshake.configured_verify_token ?? '');
      if (handshake.expected_response.status === 200) expect(run()).toBe(handshake.expected_response.body);
      else expect(run).toThrow(HandshakeError);
    },
  );

  it.each([
    [{ 'hub.mode': 'unsubscribe', 'hub.verify_token': 'token-123456', 'hub.challenge': '1' }],
    [{ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-123456' }],
    [{ 'hub.mode': 'subscribe', 'hub.challenge': '1' }],
    [{ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-12345', 'hub.challenge': '1' }],
  ])('refuses %j', (q) => {
    expect(answerMetaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': 'token-123456', 'hub.challenge': '1' }, 'token-123456')).toBe('1');
    expect(() => answerMetaHandshake(q, 'token-123456')).toThrow(HandshakeError);
  });

  it.each(['REPLACE_ME_AFTER_DEPLOY', '', 'short'])('refuses every handshake while the token is unset (%j)', (token) => {
    expect(() =>
      answerMetaHandshake({ 'hub.mode': 'subscribe', 'hub.verify_token': token, 'hub.challenge': '1' }, token),
    ).toThrow(HandshakeError);
  });
});
