import type { Platform } from '../../../events';
import { HandshakeError, UnprocessablePayloadError } from '../webhooks/errors';
import { normaliseLinkedIn } from '../webhooks/linkedin';
import { answerLinkedInChallenge, verifyLinkedInSignature } from '../webhooks/linkedin-auth';
import { answerMetaHandshake, verifyMetaSignature } from '../webhooks/meta';
import { normaliseMeta } from '../webhooks/meta-delivery';
import type { NormalisedDelivery } from '../webhooks/normalised';
import { normaliseThreads } from '../webhooks/threads';
import { normaliseTikTok } from '../webhooks/tiktok';
import { verifyTikTokSignature } from '../webhooks/tiktok-auth';
import { answerWebSubChallenge, verifyWebSubSignature } from '../webhooks/websub-auth';
import { normaliseX } from '../webhooks/x';
import { answerXCrc, verifyXSignature } from '../webhooks/x-auth';
import { decodeAtom, normaliseYouTube } from '../webhooks/youtube';

export interface WebhookRequest {
  query: Record<string, string | undefined>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  rawBody: Uint8Array;
  receivedAt: string;
}

export type HandshakeAnswer = { contentType: string; body: string };

/** The Secrets Manager secrets webhook platforms sign with (logical names; ids come from config). */
export type IntakeSecretName = 'meta' | 'x' | 'linkedin' | 'tiktok' | 'youtube';
export type Secrets = Record<string, string>;

/**
 * What intake needs to know about one platform path (`/webhooks/<path>`): which secret it signs with,
 * how it answers the subscription handshake, how it verifies a delivery, how the body is decoded and
 * how it turns into interactions. Adding a platform is adding an entry here (and its normaliser
 * under core/webhooks/).
 */
export interface PlatformIntake {
  platform: Platform;
  secretName: IntakeSecretName;
  handshake(request: WebhookRequest, secrets: Secrets): HandshakeAnswer;
  verify(request: WebhookRequest, secrets: Secrets): void;
  /** Raw bytes to the payload the normaliser reads; throws UnprocessablePayloadError. */
  decode(raw: Uint8Array): unknown;
  normalise(payload: unknown, receivedAt: string): NormalisedDelivery;
  /** File extension of archived raw deliveries. */
  format: 'json' | 'xml';
}

export function decodeJson(raw: Uint8Array): unknown {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
  } catch {
    throw new UnprocessablePayloadError('body is not valid UTF-8');
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new UnprocessablePayloadError('body is not valid JSON');
  }
}

const text = (body: string): HandshakeAnswer => ({ contentType: 'text/plain', body });
const json = (body: string): HandshakeAnswer => ({ contentType: 'application/json', body });

/**
 * Meta (Facebook Page + Messenger, Instagram, Threads): one app secret signs `X-Hub-Signature-256`.
 * Instagram-Login and Threads apps show their own app secret in the dashboard; when set
 * (`instagramAppSecret`, `threadsAppSecret`) it is used for that path instead.
 */
function meta(platform: Platform, appSecretKey: string, normalise: PlatformIntake['normalise']): PlatformIntake {
  return {
    platform,
    secretName: 'meta',
    handshake: (request, secrets) => text(answerMetaHandshake(request.query, secrets.verifyToken ?? '')),
    verify: (request, secrets) =>
      verifyMetaSignature(request.rawBody, request.headers['x-hub-signature-256'], secrets[appSecretKey] ?? secrets.appSecret ?? ''),
    decode: decodeJson,
    normalise,
    format: 'json',
  };
}

const x: PlatformIntake = {
  platform: 'x',
  secretName: 'x',
  handshake: (request, secrets) => json(answerXCrc(request.query, secrets.consumerSecret ?? '')),
  verify: (request, secrets) =>
    verifyXSignature(request.rawBody, request.headers['x-twitter-webhooks-signature'], secrets.consumerSecret ?? ''),
  decode: decodeJson,
  normalise: normaliseX,
  format: 'json',
};

const linkedin: PlatformIntake = {
  platform: 'linkedin',
  secretName: 'linkedin',
  handshake: (request, secrets) => json(answerLinkedInChallenge(request.query, secrets.clientSecret ?? '')),
  verify: (request, secrets) => verifyLinkedInSignature(request.rawBody, request.headers['x-li-signature'], secrets.clientSecret ?? ''),
  decode: decodeJson,
  normalise: normaliseLinkedIn,
  format: 'json',
};

const tiktok: PlatformIntake = {
  platform: 'tiktok',
  secretName: 'tiktok',
  handshake: () => {
    throw new HandshakeError('TikTok has no subscription handshake: the callback URL is set in its developer portal');
  },
  verify: (request, secrets) =>
    verifyTikTokSignature(request.rawBody, request.headers['tiktok-signature'], secrets.clientSecret ?? '', request.receivedAt),
  decode: decodeJson,
  normalise: normaliseTikTok,
  format: 'json',
};

const youtube: PlatformIntake = {
  platform: 'youtube',
  secretName: 'youtube',
  handshake: (request, secrets) => text(answerWebSubChallenge(request.query, secrets.verifyToken)),
  verify: (request, secrets) => verifyWebSubSignature(request.rawBody, request.headers['x-hub-signature'], secrets.hubSecret),
  decode: decodeAtom,
  normalise: normaliseYouTube,
  format: 'xml',
};

export const PLATFORM_INTAKES: Readonly<Record<string, PlatformIntake>> = {
  // One Meta callback may receive Page (feed + Messenger) and Instagram objects: all three paths read both.
  facebook: meta('facebook', 'appSecret', normaliseMeta),
  messenger: meta('messenger', 'appSecret', normaliseMeta),
  instagram: meta('instagram', 'instagramAppSecret', normaliseMeta),
  threads: meta('threads', 'threadsAppSecret', normaliseThreads),
  x,
  linkedin,
  tiktok,
  youtube,
};
