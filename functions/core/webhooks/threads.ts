import { deletion, interaction } from './build';
import { UnprocessablePayloadError } from './errors';
import { isObject, obj, str, type JsonObject } from './json';
import { addItem, emptyDelivery, ignore, tokenOf, type NormalisedDelivery, type NormalisedItem } from './normalised';
import { fromDateText, fromEpochSeconds } from './time';

/**
 * Threads webhooks. Their envelope differs from Graph's: `{app_id, topic, target_id, time,
 * values: {field, value}}` (`values` may also be a list). `replies` and `mentions` become
 * interactions, `delete` a deletion, `publish` (the account's own post) an own-account post.
 * Authors come as usernames only. Reference: shared/domain/platform-webhooks.md §1 (Threads).
 */
export function normaliseThreads(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload) || payload.values === undefined || (!isObject(payload.values) && !Array.isArray(payload.values))) {
    throw new UnprocessablePayloadError('expected a Threads webhook: {"target_id":...,"values":{"field":...,"value":{...}}}');
  }
  const result = emptyDelivery();
  const entryTime = fromEpochSeconds(payload.time) ?? receivedAt;
  const values = Array.isArray(payload.values) ? payload.values : [payload.values];
  for (const item of values) addItem(result, threadsValue(item, payload, entryTime, receivedAt));
  return result;
}

function threadsValue(item: unknown, envelope: JsonObject, entryTime: string, receivedAt: string): NormalisedItem {
  if (!isObject(item)) return ignore('threads value is not an object');
  const field = tokenOf(item.field);
  const value = obj(item.value);
  const id = str(value.id);
  const rootPost = obj(value.root_post);
  // target_id is the subscribed account (UNVERIFIED in Meta's docs); the root post's owner otherwise.
  const accountId = str(envelope.target_id) ?? str(rootPost.owner_id);
  if (!id || !accountId) return ignore(`threads ${field} without its id or account`);
  const occurredAt = fromDateText(value.timestamp) ?? entryTime;

  if (field === 'delete') return deletion({ platform: 'threads', nativeId: id, accountId, deletedAt: occurredAt, receivedAt });
  if (field !== 'replies' && field !== 'mentions' && field !== 'publish') return ignore(`threads field ${field} is not an interaction`);

  const username = str(value.username);
  const own = field === 'publish' || (username !== undefined && username === str(rootPost.username) && str(rootPost.owner_id) === accountId);
  return interaction({
    platform: 'threads',
    channel: field === 'replies' ? 'reply' : field === 'mentions' ? 'mention' : 'public_post',
    nativeId: id,
    accountId,
    author: { handle: username },
    text: str(value.text),
    permalink: str(value.permalink),
    occurredAt,
    receivedAt,
    parentId: str(obj(value.replied_to).id),
    threadId: str(rootPost.id),
    mediaKinds: [str(value.media_type)].filter((kind): kind is string => kind !== undefined && kind !== 'TEXT_POST'),
    ownAccount: own,
    // Threads names authors by username only: that is who they are here, no lookup needed.
    needsEnrichment: username === undefined,
  });
}
