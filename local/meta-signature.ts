import { createHmac } from 'node:crypto';

/** Meta's `X-Hub-Signature-256` value: `sha256=` + lower-case hex HMAC-SHA256(app secret, raw body bytes). */
export function metaSignature(appSecret: string, rawBody: Buffer | string): string {
  return `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;
}
