import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC over the raw request bytes, never over a re-serialised body (Meta signs escaped unicode). */
export function hmac(algorithm: 'sha1' | 'sha256', secret: string, raw: Uint8Array): Buffer {
  return createHmac(algorithm, secret).update(raw).digest();
}

/** Constant-time comparison of two secrets of possibly different lengths. */
export function safeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  return timingSafeEqual(a, b);
}

export function safeEqualText(a: string, b: string): boolean {
  return safeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
