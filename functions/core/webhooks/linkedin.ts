import { deletion, edit, interaction } from './build';
import { UnprocessablePayloadError } from './errors';
import { isObject, obj, str, type JsonObject } from './json';
import { addItem, emptyDelivery, ignore, tokenOf, type NormalisedDelivery, type NormalisedItem } from './normalised';
import { fromEpochMillis } from './time';

/**
 * LinkedIn organisation social-action notifications, batched:
 * `{"type":"ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS","notifications":[...]}`. Comments and mentions
 * become public interactions (authors are member URNs only), admin comments own-account replies,
 * COMMENT_EDIT / COMMENT_DELETE edit and delete the comment; likes and plain shares are ignored.
 * The comment's entity URN is the native id, so a comment and its later edit or deletion meet.
 * Reference: shared/domain/platform-webhooks.md §3 and §6.
 */
export function normaliseLinkedIn(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload) || !Array.isArray(payload.notifications)) {
    throw new UnprocessablePayloadError('expected a LinkedIn notification batch: {"type":...,"notifications":[...]}');
  }
  const result = emptyDelivery();
  const type = str(payload.type);
  if (type !== undefined && type !== 'ORGANIZATION_SOCIAL_ACTION_NOTIFICATIONS') {
    result.ignored.push({ reason: `linkedin ${tokenOf(type)} notifications are not handled` });
    return result;
  }
  for (const notification of payload.notifications) addItem(result, socialAction(notification, receivedAt));
  return result;
}

const COMMENT_ACTIONS = new Set(['COMMENT', 'ADMIN_COMMENT', 'COMMENT_EDIT', 'COMMENT_DELETE']);

function socialAction(value: unknown, receivedAt: string): NormalisedItem {
  if (!isObject(value)) return ignore('linkedin notification is not an object');
  const action = tokenOf(value.action);
  const accountId = str(value.organizationalEntity);
  if (!accountId) return ignore(`linkedin ${action} without the organisation`);
  const at = fromEpochMillis(value.lastModifiedAt) ?? receivedAt;
  const sourcePost = str(value.sourcePost);

  if (COMMENT_ACTIONS.has(action)) {
    const comment = obj(obj(value.decoratedGeneratedActivity).comment);
    const nativeId = str(comment.entity) ?? str(value.generatedActivity) ?? str(value.notificationId);
    if (!nativeId) return ignore(`linkedin ${action} without the comment`);
    const base = { platform: 'linkedin' as const, nativeId, accountId, receivedAt };
    if (action === 'COMMENT_EDIT') return edit({ ...base, text: str(comment.text) ?? '', editedAt: at });
    if (action === 'COMMENT_DELETE') return deletion({ ...base, deletedAt: at });
    const object = str(comment.object) ?? sourcePost;
    const owner = str(comment.owner);
    return interaction({
      ...base,
      channel: object?.startsWith('urn:li:comment:') ? 'reply' : 'public_comment',
      author: { id: owner },
      text: str(comment.text),
      permalink: postLink(sourcePost, nativeId),
      occurredAt: at,
      parentId: object,
      threadId: sourcePost,
      // An admin commenting as the organisation is the trust's own reply.
      ownAccount: action === 'ADMIN_COMMENT' || owner === accountId,
    });
  }
  if (action === 'SHARE_MENTION') {
    const post = obj(value.decoratedSourcePost);
    const nativeId = str(post.entity) ?? sourcePost ?? str(value.notificationId);
    if (!nativeId) return ignore('linkedin SHARE_MENTION without the post');
    const owner = str(post.owner);
    return interaction({
      platform: 'linkedin',
      channel: 'mention',
      nativeId,
      accountId,
      author: { id: owner },
      text: str(post.text),
      permalink: postLink(sourcePost, undefined),
      occurredAt: at,
      receivedAt,
      threadId: sourcePost,
      mediaKinds: mediaOf(value),
      ownAccount: owner === accountId,
    });
  }
  return ignore(`linkedin ${action} is not an interaction`);
}

function postLink(sourcePost: string | undefined, commentUrn: string | undefined): string | undefined {
  if (!sourcePost?.startsWith('urn:li:')) return undefined;
  const base = `https://www.linkedin.com/feed/update/${encodeURIComponent(sourcePost)}/`;
  return commentUrn ? `${base}?commentUrn=${encodeURIComponent(commentUrn)}` : base;
}

/** The mentioning post's media (for comments the source post is the trust's own, not the commenter's). */
function mediaOf(value: JsonObject): string[] {
  const category = str(obj(value.decoratedSourcePost).mediaCategory);
  return category && category !== 'NONE' ? [category.toLowerCase()] : [];
}

