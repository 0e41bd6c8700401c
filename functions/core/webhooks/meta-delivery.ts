import { UnprocessablePayloadError } from './errors';
import { normaliseFacebook } from './facebook';
import { normaliseInstagram } from './instagram';
import { isObject } from './json';
import type { NormalisedDelivery } from './normalised';

/**
 * One Meta app may point its Page and Instagram subscriptions at the same callback, so every Meta
 * path reads the envelope's `object` and hands it to that object's normaliser.
 */
export function normaliseMeta(payload: unknown, receivedAt: string): NormalisedDelivery {
  const object = isObject(payload) ? payload.object : undefined;
  if (object === 'page') return normaliseFacebook(payload, receivedAt);
  if (object === 'instagram') return normaliseInstagram(payload, receivedAt);
  throw new UnprocessablePayloadError('expected a Meta webhook: {"object":"page"|"instagram","entry":[...]}');
}
