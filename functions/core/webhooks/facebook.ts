import type { Interaction } from '../../../events';
import { UnprocessablePayloadError } from './errors';
import { asArray, fromUnixSeconds, isObject, str, type JsonObject } from './json';
import type { NormalisedDelivery } from './normalised';

/**
 * Facebook Page webhooks (`object: "page"`), `feed` field: comments and visitor posts become
 * canonical interactions. Everything else is ignored with a reason, never an error.
 * Field reference: shared/domain/platform-webhooks.md §1 and §6.
 */
export function normaliseFacebook(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload) || payload.object !== 'page' || !Array.isArray(payload.entry)) {
    throw new UnprocessablePayloadError('expected a Page webhook: {"object":"page","entry":[...]}');
  }
  const result: NormalisedDelivery = { interactions: [], ignored: [] };
  for (const entry of payload.entry) {
    if (!isObject(entry)) {
      result.ignored.push({ reason: 'entry is not an object' });
      continue;
    }
    const pageId = str(entry.id);
    for (const change of asArray(entry.changes)) {
      const field = isObject(change) ? str(change.field) : undefined;
      const value = isObject(change) ? change.value : undefined;
      if (field !== 'feed') {
        result.ignored.push({ reason: `field ${field ?? '(none)'} is not handled yet` });
      } else if (!isObject(value)) {
        result.ignored.push({ reason: 'feed change without a value (subscription without "include values")' });
      } else if (!pageId) {
        result.ignored.push({ reason: 'entry without a page id' });
      } else {
        const outcome = feedChange(value, pageId, fromUnixSeconds(entry.time) ?? receivedAt, receivedAt);
        if ('reason' in outcome) result.ignored.push(outcome);
        else result.interactions.push(outcome);
      }
    }
    if (entry.messaging !== undefined || entry.standby !== undefined) {
      result.ignored.push({ reason: 'Messenger events are not handled yet' });
    }
  }
  return result;
}

const FEED_ITEMS_KEPT = new Set(['comment', 'post', 'status']);

function feedChange(
  value: JsonObject,
  pageId: string,
  entryTime: string,
  receivedAt: string,
): Interaction | { reason: string } {
  const item = str(value.item) ?? '(none)';
  const verb = str(value.verb) ?? '(none)';
  if (!FEED_ITEMS_KEPT.has(item)) return { reason: `feed item ${item} is not an interaction` };
  if (verb !== 'add') return { reason: `feed ${item} verb ${verb} is not handled yet` };

  const postId = str(value.post_id);
  const commentId = str(value.comment_id);
  const nativeId = item === 'comment' ? commentId : postId;
  if (!nativeId) return { reason: `feed ${item} without its id` };

  const from = isObject(value.from) ? value.from : {};
  const authorId = str(from.id) ?? str(value.sender_id);
  const parentId = item === 'comment' ? str(value.parent_id) : undefined;
  const isReply = item === 'comment' && parentId !== undefined && parentId !== postId;

  const displayName = str(from.name) ?? str(value.sender_name);
  // Optional fields stay undefined when absent; JSON serialisation drops them.
  return {
    id: `facebook:${nativeId}`,
    platform: 'facebook',
    channel: item === 'comment' ? (isReply ? 'reply' : 'public_comment') : 'public_post',
    nativeId,
    accountId: pageId,
    author: { id: authorId, displayName },
    text: str(value.message) ?? '',
    permalink: postId ? permalink(postId, item === 'comment' ? commentId : undefined) : undefined,
    occurredAt: fromUnixSeconds(value.created_time) ?? entryTime,
    receivedAt,
    parentId,
    threadId: postId,
    mediaKinds: (['photo', 'video', 'link'] as const).filter((kind) => value[kind] !== undefined),
    flags: {
      edited: false,
      deleted: false,
      // The Page's own posts and comments come through the same feed; they are not inbound.
      ownAccount: authorId === pageId,
      needsEnrichment: authorId === undefined,
      private: false,
    },
  };
}

function permalink(postId: string, commentId: string | undefined): string {
  const base = `https://www.facebook.com/${encodeURIComponent(postId)}`;
  return commentId ? `${base}?comment_id=${encodeURIComponent(commentId)}` : base;
}
