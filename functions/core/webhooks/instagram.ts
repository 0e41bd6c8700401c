import { interaction } from './build';
import { UnprocessablePayloadError } from './errors';
import { asArray, isObject, obj, str } from './json';
import { messagingEvent } from './messenger';
import { addItem, emptyDelivery, ignore, tokenOf, type NormalisedDelivery, type NormalisedItem } from './normalised';
import { fromEpoch } from './time';

/**
 * Instagram professional-account webhooks (`object: "instagram"`): `comments` and `live_comments`
 * (with replies), `mentions` (ids only: kept, flagged for a lookup) and DMs in `messaging[]`
 * (Messenger-shaped, see messenger.ts; `read` = seen receipts, ignored).
 * Field reference: shared/domain/platform-webhooks.md §1 and §6.
 */
export function normaliseInstagram(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload) || payload.object !== 'instagram' || !Array.isArray(payload.entry)) {
    throw new UnprocessablePayloadError('expected an Instagram webhook: {"object":"instagram","entry":[...]}');
  }
  const result = emptyDelivery();
  for (const entry of payload.entry) {
    if (!isObject(entry)) {
      result.ignored.push({ reason: 'entry is not an object' });
      continue;
    }
    const accountId = str(entry.id);
    const entryTime = fromEpoch(entry.time) ?? receivedAt;
    for (const key of ['changes', 'messaging', 'standby'] as const) {
      if (entry[key] !== undefined && !Array.isArray(entry[key])) result.ignored.push({ reason: `entry.${key} is not an array` });
    }
    for (const change of asArray(entry.changes)) addItem(result, instagramChange(change, accountId, entryTime, receivedAt));
    for (const event of [...asArray(entry.messaging), ...asArray(entry.standby)]) {
      addItem(result, messagingEvent(event, { platform: 'instagram', entryAccountId: accountId, entryTime, receivedAt }));
    }
  }
  return result;
}

function instagramChange(change: unknown, accountId: string | undefined, entryTime: string, receivedAt: string): NormalisedItem {
  if (!isObject(change)) return ignore('change is not an object');
  const field = tokenOf(change.field);
  const value = change.value;
  if (!isObject(value)) return ignore(`instagram ${field} change without a value`);
  if (!accountId) return ignore('entry without the Instagram account id');

  if (field === 'comments' || field === 'live_comments') {
    const id = str(value.id);
    if (!id) return ignore(`instagram ${field} without the comment id`);
    const from = obj(value.from);
    const media = obj(value.media);
    const parentId = str(value.parent_id);
    const authorId = str(from.id);
    return interaction({
      platform: 'instagram',
      channel: parentId ? 'reply' : 'public_comment',
      nativeId: id,
      accountId,
      author: { id: authorId, handle: str(from.username) },
      text: str(value.text),
      // Instagram sends no comment time: the entry's time is when it happened, near enough.
      occurredAt: entryTime,
      receivedAt,
      parentId: parentId ?? str(media.id),
      threadId: str(media.id),
      // `self_ig_scoped_id` appears when the professional account comments on its own media.
      ownAccount: from.self_ig_scoped_id !== undefined || authorId === accountId,
    });
  }
  if (field === 'mentions') {
    const commentId = str(value.comment_id);
    const mediaId = str(value.media_id);
    const nativeId = commentId ?? mediaId;
    if (!nativeId) return ignore('instagram mention without a comment or media id');
    return interaction({
      platform: 'instagram',
      channel: 'mention',
      nativeId,
      accountId,
      author: {},
      occurredAt: entryTime,
      receivedAt,
      parentId: commentId ? mediaId : undefined,
      threadId: mediaId,
      // Only ids arrive: the comment or caption must be fetched (mentioned_comment / mentioned_media).
      needsEnrichment: true,
    });
  }
  return ignore(`instagram field ${field} is not an interaction`);
}
