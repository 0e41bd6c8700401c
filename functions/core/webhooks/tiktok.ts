import { health } from './build';
import { UnprocessablePayloadError } from './errors';
import { isObject, str } from './json';
import { addItem, emptyDelivery, tokenOf, type NormalisedDelivery } from './normalised';
import { fromEpochSeconds } from './time';

/**
 * TikTok for Developers webhooks: `{client_key, event, create_time, user_openid, content}` where
 * `content` is itself a JSON string. The Display/Login API sends no comments, mentions or messages:
 * `authorization.removed` is a connector-health signal, every other event is ignored with its name.
 * (TikTok API for Business documents comment webhooks with the same envelope, but no sample payload
 * is published; they are ignored until one is.) Reference: shared/domain/platform-webhooks.md §4.
 */
export function normaliseTikTok(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload) || typeof payload.event !== 'string') {
    throw new UnprocessablePayloadError('expected a TikTok webhook: {"event":...,"content":"{...}"}');
  }
  const result = emptyDelivery();
  const event = payload.event;
  if (event === 'authorization.removed') {
    addItem(
      result,
      health({
        platform: 'tiktok',
        status: 'authorisation_revoked',
        signal: event,
        accountId: str(payload.user_openid),
        appId: str(payload.client_key),
        occurredAt: fromEpochSeconds(payload.create_time) ?? receivedAt,
        detectedAt: receivedAt,
      }),
    );
  } else {
    result.ignored.push({ reason: `tiktok ${tokenOf(event)} is not an interaction` });
  }
  return result;
}
