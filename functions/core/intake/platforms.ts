import type { Platform } from '../../../events';
import { normaliseFacebook } from '../webhooks/facebook';
import { answerMetaHandshake, verifyMetaSignature } from '../webhooks/meta';
import type { NormalisedDelivery } from '../webhooks/normalised';

export interface WebhookRequest {
  query: Record<string, string | undefined>;
  /** Header names lower-cased. */
  headers: Record<string, string | undefined>;
  rawBody: Uint8Array;
  receivedAt: string;
}

export type HandshakeAnswer = { contentType: string; body: string };

/**
 * What intake needs to know about one platform: which secret it signs with, how it answers the
 * subscription handshake, how it verifies a delivery and how it turns one into interactions.
 * Adding a platform is adding an entry here (and its normaliser under core/webhooks/).
 */
export interface PlatformIntake {
  platform: Platform;
  secretName: 'meta';
  handshake(request: WebhookRequest, secrets: Record<string, string>): HandshakeAnswer;
  verify(request: WebhookRequest, secrets: Record<string, string>): void;
  normalise(payload: unknown, receivedAt: string): NormalisedDelivery;
}

const facebook: PlatformIntake = {
  platform: 'facebook',
  secretName: 'meta',
  handshake: (request, secrets) => ({
    contentType: 'text/plain',
    body: answerMetaHandshake(request.query, secrets.verifyToken ?? ''),
  }),
  verify: (request, secrets) =>
    verifyMetaSignature(request.rawBody, request.headers['x-hub-signature-256'], secrets.appSecret ?? ''),
  normalise: normaliseFacebook,
};

export const PLATFORM_INTAKES: Readonly<Record<string, PlatformIntake>> = { facebook };
