import { HandshakeError, SignatureError } from './errors';
import { hmac, safeEqual, safeEqualText } from './hmac';

export interface MetaSecrets {
  appSecret: string;
  verifyToken: string;
}

/**
 * Meta's subscription handshake: `hub.mode=subscribe`, our verify token, echo `hub.challenge`.
 * https://developers.facebook.com/docs/graph-api/webhooks/getting-started
 */
export function answerMetaHandshake(query: Record<string, string | undefined>, verifyToken: string): string {
  // The stack creates the secret with a placeholder token: refuse it until ops set a real one.
  if (verifyToken.length < 8 || verifyToken.startsWith('REPLACE_ME')) {
    throw new HandshakeError('the verify token has not been configured');
  }
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'] ?? '';
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe' || challenge === undefined || !safeEqualText(token, verifyToken)) {
    throw new HandshakeError('verify token or mode does not match');
  }
  return challenge;
}

const SIGNATURE_256 = /^sha256=([0-9a-f]{64})$/i;

/** Checks `X-Hub-Signature-256: sha256=<hex HMAC-SHA256(app secret, raw body)>` in constant time. */
export function verifyMetaSignature(raw: Uint8Array, header: string | undefined, appSecret: string): void {
  if (!header) throw new SignatureError('X-Hub-Signature-256 header is missing');
  const match = SIGNATURE_256.exec(header.trim());
  if (!match?.[1]) throw new SignatureError('X-Hub-Signature-256 header is not sha256=<hex>');
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  if (!safeEqual(given, hmac('sha256', appSecret, raw))) {
    throw new SignatureError('X-Hub-Signature-256 does not match the body');
  }
}
