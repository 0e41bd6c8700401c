import { SignatureError } from './errors';
import { hmac, safeEqual } from './hmac';

/**
 * TikTok webhooks: `TikTok-Signature: t=<unix seconds>,s=<hex>` where `s` = HMAC-SHA256(client_secret,
 * `${t}.${raw body}`). A signature whose `t` is too far from the time we received it is refused, so a
 * captured delivery cannot be replayed later. The time is passed in (core never reads the clock).
 * https://developers.tiktok.com/doc/webhooks-verification
 */
export const TIKTOK_TOLERANCE_SECONDS = 5 * 60;

export interface TikTokSignature {
  t: string;
  s: string;
}

/** Parses `t=...,s=...` (order-free, spaces tolerated); undefined when either part is missing or malformed. */
export function parseTikTokSignature(header: string): TikTokSignature | undefined {
  const parts = new Map<string, string>();
  for (const part of header.split(',')) {
    const index = part.indexOf('=');
    if (index > 0) parts.set(part.slice(0, index).trim(), part.slice(index + 1).trim());
  }
  const t = parts.get('t');
  const s = parts.get('s');
  if (!t || !/^\d{1,12}$/.test(t) || !s || !/^[0-9a-fA-F]{64}$/.test(s)) return undefined;
  return { t, s };
}

export function verifyTikTokSignature(
  raw: Uint8Array,
  header: string | undefined,
  clientSecret: string,
  receivedAt: string,
  toleranceSeconds = TIKTOK_TOLERANCE_SECONDS,
): void {
  if (!header) throw new SignatureError('TikTok-Signature header is missing');
  const signature = parseTikTokSignature(header);
  if (!signature) throw new SignatureError('TikTok-Signature is not t=<unix seconds>,s=<hex>');
  const age = Date.parse(receivedAt) / 1000 - Number(signature.t);
  if (!Number.isFinite(age) || Math.abs(age) > toleranceSeconds) {
    throw new SignatureError(`TikTok-Signature timestamp is more than ${toleranceSeconds} s from the time of receipt`);
  }
  const expected = hmac('sha256', clientSecret, Buffer.concat([Buffer.from(`${signature.t}.`, 'utf8'), raw]));
  if (!safeEqual(Buffer.from(signature.s.toLowerCase(), 'hex'), expected)) {
    throw new SignatureError('TikTok-Signature does not match the body');
  }
}
