import { createHmac } from 'node:crypto';
import { HandshakeError, SignatureError } from './errors';
import { safeEqual, safeEqualText } from './hmac';

/**
 * YouTube push notifications through WebSub (PubSubHubbub). The hub verifies a (un)subscription with
 * `GET ?hub.mode=subscribe&hub.topic=...&hub.challenge=...`; we echo the challenge for YouTube feed
 * topics only (and, if a verify token is configured, only with that token).
 * Deliveries are signed only if we gave the hub a `hub.secret`: `X-Hub-Signature: sha1=<hex>`
 * (WebSub also allows sha256/384/512). With a hub secret configured, a missing or wrong signature is
 * refused; without one, deliveries are accepted unsigned (they never become interactions: YouTube
 * pushes only video notices). https://developers.google.com/youtube/v3/guides/push_notifications
 */
const YOUTUBE_TOPIC = /^https:\/\/www\.youtube\.com\/xml\/feeds\/videos\.xml\?channel_id=[A-Za-z0-9_-]+$/;

export function answerWebSubChallenge(query: Record<string, string | undefined>, verifyToken: string | undefined): string {
  const mode = query['hub.mode'];
  const topic = query['hub.topic'] ?? '';
  const challenge = query['hub.challenge'];
  if ((mode !== 'subscribe' && mode !== 'unsubscribe') || !challenge) throw new HandshakeError('not a WebSub verification request');
  if (!YOUTUBE_TOPIC.test(topic)) throw new HandshakeError('hub.topic is not a YouTube channel feed');
  if (verifyToken && !safeEqualText(query['hub.verify_token'] ?? '', verifyToken)) {
    throw new HandshakeError('hub.verify_token does not match');
  }
  return challenge;
}

const SIGNATURE = /^(sha1|sha256|sha384|sha512)=([0-9a-fA-F]+)$/;

export function verifyWebSubSignature(raw: Uint8Array, header: string | undefined, hubSecret: string | undefined): void {
  if (!hubSecret) {
    if (header) throw new SignatureError('X-Hub-Signature sent but no hub secret is configured to check it');
    return;
  }
  if (!header) throw new SignatureError('X-Hub-Signature header is missing');
  const match = SIGNATURE.exec(header.trim());
  if (!match?.[1] || !match[2]) throw new SignatureError('X-Hub-Signature is not <sha1|sha256|sha384|sha512>=<hex>');
  const expected = createHmac(match[1], hubSecret).update(raw).digest();
  if (!safeEqual(Buffer.from(match[2].toLowerCase(), 'hex'), expected)) {
    throw new SignatureError('X-Hub-Signature does not match the body');
  }
}
