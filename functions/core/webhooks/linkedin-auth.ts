import { HandshakeError, SignatureError } from './errors';
import { hmac, safeEqual } from './hmac';

/**
 * LinkedIn webhooks: the validation GET (`?challengeCode=<uuid>`, answered within 3 s with
 * `{challengeCode, challengeResponse: hex HMAC-SHA256(clientSecret, challengeCode)}`) and the
 * `X-LI-Signature` header on deliveries.
 * https://learn.microsoft.com/en-us/linkedin/shared/api-guide/webhook-validation
 */
export function answerLinkedInChallenge(query: Record<string, string | undefined>, clientSecret: string): string {
  const challengeCode = query.challengeCode;
  if (!challengeCode) throw new HandshakeError('challengeCode is missing');
  if (!clientSecret) throw new HandshakeError('the LinkedIn client secret has not been configured');
  const challengeResponse = hmac('sha256', clientSecret, Buffer.from(challengeCode, 'utf8')).toString('hex');
  return JSON.stringify({ challengeCode, challengeResponse });
}

const SIGNATURE = /^(?:hmacsha256=)?([0-9a-fA-F]{64})$/;
const PREFIX = Buffer.from('hmacsha256=', 'utf8');

/**
 * LinkedIn's documentation says the signed string is `"hmacsha256=" + body`; some integrations sign the
 * bare body, and some send the header with the `hmacsha256=` prefix. Both constructions and both header
 * forms are accepted (each is an HMAC under our own secret), compared in constant time.
 */
export function verifyLinkedInSignature(raw: Uint8Array, header: string | undefined, clientSecret: string): void {
  if (!header) throw new SignatureError('X-LI-Signature header is missing');
  const match = SIGNATURE.exec(header.trim());
  if (!match?.[1]) throw new SignatureError('X-LI-Signature is not a hex HMAC-SHA256');
  const given = Buffer.from(match[1].toLowerCase(), 'hex');
  const prefixed = hmac('sha256', clientSecret, Buffer.concat([PREFIX, raw]));
  const bare = hmac('sha256', clientSecret, raw);
  // Both compared every time, so timing does not tell which form matched.
  const matches = [safeEqual(given, prefixed), safeEqual(given, bare)];
  if (!matches.includes(true)) throw new SignatureError('X-LI-Signature does not match the body');
}
