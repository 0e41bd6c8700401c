import { deletion, edit, interaction } from './build';
import { UnprocessablePayloadError } from './errors';
import { asArray, isObject, obj, str, type JsonObject } from './json';
import { messagingEvent } from './messenger';
import { addItem, emptyDelivery, ignore, tokenOf, type NormalisedDelivery, type NormalisedItem } from './normalised';
import { fromEpoch, fromEpochSeconds } from './time';

/**
 * Facebook Page webhooks (`object: "page"`): the `feed` (comments, visitor posts, shares; edits and
 * removals), `mention` and `ratings` (recommendations/reviews) fields, and Messenger's `messaging` /
 * `standby` events that arrive in the same envelope (see messenger.ts). Reactions, likes, moderation
 * verbs and other fields are ignored with a reason, never an error.
 * Field reference: shared/domain/platform-webhooks.md §1 and §6.
 */
export function normaliseFacebook(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload) || payload.object !== 'page' || !Array.isArray(payload.entry)) {
    throw new UnprocessablePayloadError('expected a Page webhook: {"object":"page","entry":[...]}');
  }
  const result = emptyDelivery();
  for (const entry of payload.entry) {
    if (!isObject(entry)) {
      result.ignored.push({ reason: 'entry is not an object' });
      continue;
    }
    const pageId = str(entry.id);
    // Seconds for feed entries, milliseconds for Messenger entries.
    const entryTime = fromEpoch(entry.time) ?? receivedAt;
    for (const key of ['changes', 'messaging', 'standby'] as const) {
      if (entry[key] !== undefined && !Array.isArray(entry[key])) result.ignored.push({ reason: `entry.${key} is not an array` });
    }
    for (const change of asArray(entry.changes)) addItem(result, pageChange(change, { pageId, entryTime, receivedAt }));
    for (const event of [...asArray(entry.messaging), ...asArray(entry.standby)]) {
      addItem(result, messagingEvent(event, { platform: 'messenger', entryAccountId: pageId, entryTime, receivedAt }));
    }
  }
  return result;
}

interface PageContext {
  pageId: string | undefined;
  entryTime: string;
  receivedAt: string;
}

function pageChange(change: unknown, context: PageContext): NormalisedItem {
  if (!isObject(change)) return ignore('change is not an object');
  const field = tokenOf(change.field);
  if (!isObject(change.value)) return ignore(`${field} change without a value (subscription without "include values")`);
  if (!context.pageId) return ignore('entry without a page id');
  const page = { ...context, pageId: context.pageId };
  switch (field) {
    case 'feed':
      return feedChange(change.value, page);
    case 'mention':
      return mentionChange(change.value, page);
    case 'ratings':
      return ratingsChange(change.value, page);
    default:
      return ignore(`field ${field} is not an interaction`);
  }
}

type Page = PageContext & { pageId: string };

/** Items that carry someone's words; reactions, likes, albums, events... do not. */
const FEED_CONTENT = new Set(['comment', 'post', 'status', 'share', 'photo', 'video']);
const MEDIA_FIELDS = ['photo', 'video', 'link'] as const;

function feedChange(value: JsonObject, page: Page): NormalisedItem {
  const item = tokenOf(value.item);
  if (!FEED_CONTENT.has(item)) return ignore(`feed item ${item} is not an interaction`);
  const postId = str(value.post_id);
  const commentId = str(value.comment_id);
  const nativeId = item === 'comment' ? commentId : postId;
  if (!nativeId) return ignore(`feed ${item} without its id`);
  const author = authorOf(value);
  const parentId = item === 'comment' ? str(value.parent_id) : undefined;
  const isReply = item === 'comment' && parentId !== undefined && parentId !== postId;
  return byVerb(value, page, nativeId, `feed ${item}`, {
    channel: item === 'comment' ? (isReply ? 'reply' : 'public_comment') : 'public_post',
    author,
    parentId,
    threadId: postId,
    permalink: postId ? permalink(postId, item === 'comment' ? commentId : undefined) : undefined,
    mediaKinds: MEDIA_FIELDS.filter((kind) => value[kind] !== undefined && value[kind] !== null),
    // The Page's own posts and comments come through the same feed: recognised, not inbound.
    ownAccount: author.id === page.pageId,
  });
}

/** The Page was @mentioned. Meta sends no author: the interaction is kept, flagged for a Graph lookup. */
function mentionChange(value: JsonObject, page: Page): NormalisedItem {
  const item = tokenOf(value.item);
  const postId = str(value.post_id);
  const commentId = str(value.comment_id);
  const nativeId = item === 'comment' ? commentId : postId;
  if (!nativeId) return ignore(`mention of a ${item} without its id`);
  const author = authorOf(value);
  return byVerb(value, page, nativeId, `mention ${item}`, {
    channel: 'mention',
    author,
    parentId: item === 'comment' ? postId : undefined,
    threadId: postId,
    permalink: postId ? permalink(postId, item === 'comment' ? commentId : undefined) : undefined,
    mediaKinds: [],
    ownAccount: author.id === page.pageId,
    needsEnrichment: author.id === undefined,
  });
}

/** Page recommendations and reviews, and comments on them: high value for trust boards. */
function ratingsChange(value: JsonObject, page: Page): NormalisedItem {
  const item = tokenOf(value.item);
  if (item === 'rating') {
    const storyId = str(value.open_graph_story_id) ?? str(value.review_id);
    if (!storyId) return ignore('rating without its story id');
    const author = { id: str(value.reviewer_id), displayName: str(value.reviewer_name) };
    return byVerb(value, page, storyId, 'rating', {
      channel: 'review',
      author,
      threadId: storyId,
      permalink: `https://www.facebook.com/${encodeURIComponent(storyId)}`,
      mediaKinds: [],
      text: str(value.review_text),
      ownAccount: author.id === page.pageId,
    });
  }
  if (item === 'comment') {
    const commentId = str(value.comment_id);
    if (!commentId) return ignore('comment on a review without its id');
    const author = authorOf(value);
    const postId = str(value.post_id);
    return byVerb(value, page, commentId, 'comment on a review', {
      channel: 'reply',
      author,
      parentId: str(value.parent_id) ?? postId,
      threadId: postId,
      permalink: postId ? permalink(postId, commentId) : undefined,
      mediaKinds: [],
      // A Page's reply to a review is an outbound response: kept for response-time metrics.
      ownAccount: author.id === page.pageId,
    });
  }
  return ignore(`ratings item ${item} is not an interaction`);
}

interface ContentFields {
  channel: 'public_post' | 'public_comment' | 'reply' | 'mention' | 'review';
  author: { id?: string; displayName?: string };
  parentId?: string;
  threadId?: string;
  permalink?: string;
  mediaKinds: string[];
  ownAccount: boolean;
  text?: string;
  needsEnrichment?: boolean;
}

/** `add` creates, `edited`/`edit` updates, `remove` deletes; hide, block, mute... are moderation, ignored. */
function byVerb(value: JsonObject, page: Page, nativeId: string, what: string, fields: ContentFields): NormalisedItem {
  const verb = tokenOf(value.verb);
  const at = fromEpochSeconds(value.created_time) ?? page.entryTime;
  const text = fields.text ?? str(value.message);
  const base = { platform: 'facebook' as const, nativeId, accountId: page.pageId, receivedAt: page.receivedAt };
  switch (verb) {
    case 'add':
      return interaction({ ...base, ...fields, text, occurredAt: at });
    case 'edited':
    case 'edit':
      // `created_time` may be when the comment was first made, the same for every edit of it: the entry's
      // time (when the change was sent) when later, so two edits of one comment are ordered, not merged.
      return edit({
        ...base,
        text: text ?? '',
        editedAt: page.entryTime > at ? page.entryTime : at,
        ...(fields.permalink ? { permalink: fields.permalink } : {}),
        channel: fields.channel,
      });
    case 'remove':
      return deletion({ ...base, deletedAt: at });
    default:
      return ignore(`${what} verb ${verb} is not new content`);
  }
}

/** `from{id,name}`, or the legacy `sender_id` / `sender_name` of older payloads. */
function authorOf(value: JsonObject): { id?: string; displayName?: string } {
  const from = obj(value.from);
  return { id: str(from.id) ?? str(value.sender_id), displayName: str(from.name) ?? str(value.sender_name) };
}

function permalink(postId: string, commentId: string | undefined): string {
  const base = `https://www.facebook.com/${encodeURIComponent(postId)}`;
  return commentId ? `${base}?comment_id=${encodeURIComponent(commentId)}` : base;
}
