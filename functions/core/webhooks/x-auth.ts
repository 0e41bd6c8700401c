import { HandshakeError, SignatureError } from './errors';
import { hmac, safeEqual } from './hmac';

/**
 * X webhooks: the CRC challenge (`GET ?crc_token=`) and the `x-twitter-webhooks-signature` header,
 * both HMAC-SHA256 with the app's consumer secret, base64 (not hex as Meta and LinkedIn).
 * https://docs.x.com/x-api/webhooks/quickstart
 */
export function answerXCrc(query: Record<string, string | undefined>, consumerSecret: string): string {
  const token = query.crc_token;
  if (!token) throw new HandshakeError('crc_token is missing');
  if (!consumerSecret) throw new HandshakeError('the X consumer secret has not been configured');
  const responseToken = `sha256=${hmac('sha256', consumerSecret, Buffer.from(token, 'utf8')).toString('base64')}`;
  return JSON.stringify({ response_token: responseToken });
}

const SIGNATURE = /^sha256=([A-Za-z0-9+/]{43}=)$/;

export function verifyXSignature(raw: Uint8Array, header: string | undefined, consumerSecret: string): void {
  if (!header) throw new SignatureError('x-twitter-webhooks-signature header is missing');
  const match = SIGNATURE.exec(header.trim());
  if (!match?.[1]) throw new SignatureError('x-twitter-webhooks-signature is not sha256=<base64>');
  if (!safeEqual(Buffer.from(match[1], 'base64'), hmac('sha256', consumerSecret, raw))) {
    throw new SignatureError('x-twitter-webhooks-signature does not match the body');
  }
}
