import type { Channel } from '../../../events';
import { audience, deletion, health, interaction } from './build';
import { UnprocessablePayloadError } from './errors';
import { asArray, isObject, obj, str, type JsonObject } from './json';
import { addItem, emptyDelivery, ignore, tokenOf, type NormalisedDelivery, type NormalisedItem } from './normalised';
import { anyTimestamp, fromDateText, fromEpochMillis } from './time';

/**
 * X webhooks, both generations on one path:
 * - the X Activity API (XAA, current): one event per delivery, `{"data":{event_type, filter, payload, includes}}`;
 * - the Account Activity API (AAA, deprecated): `{for_user_id, <kind>_events:[...]}` or `{user_event:{revoke}}`.
 * Mentions, replies, quotes and DMs become interactions; the subscribed account's own posts and DMs
 * are own-account; deletes are deletions; revocations are connector-health signals; follows and
 * unfollows OF the account are audience changes (counts only: no follower identity leaves here), a
 * follow BY the account is outbound and ignored; likes, reposts, typing, read receipts and encrypted
 * XChat are ignored.
 * Ids are always the string forms (`id_str`): v1.1 numeric ids lose precision in JavaScript.
 * Reference: shared/domain/platform-webhooks.md §2 and §6.
 */
export function normaliseX(payload: unknown, receivedAt: string): NormalisedDelivery {
  if (!isObject(payload)) throw new UnprocessablePayloadError('expected an X webhook JSON object');
  if (isObject(payload.data) && payload.data.event_type !== undefined) return activityEvent(payload.data, receivedAt);
  if (payload.for_user_id !== undefined || isObject(payload.user_event)) return accountActivity(payload, receivedAt);
  throw new UnprocessablePayloadError('expected an X Activity API event {"data":{"event_type":...}} or an Account Activity payload {"for_user_id":...}');
}

// ---- X Activity API -------------------------------------------------------------------------------

/** Event types that are not someone addressing the account. */
const XAA_IGNORED = /^(like|follow|mute|block|profile|spaces|broadcast|news)\./;

function activityEvent(data: JsonObject, receivedAt: string): NormalisedDelivery {
  const result = emptyDelivery();
  const type = tokenOf(data.event_type);
  const filter = obj(data.filter);
  const accountId = str(filter.user_id);
  const payload = obj(data.payload);
  const add = (item: NormalisedItem) => addItem(result, item);

  if (type === 'oauth.revoke') {
    add(
      health({
        platform: 'x',
        status: 'authorisation_revoked',
        signal: type,
        accountId: str(payload.user_id) ?? accountId,
        appId: str(payload.app_id),
        occurredAt: fromDateText(payload.date_time) ?? receivedAt,
        detectedAt: receivedAt,
      }),
    );
  } else if (type === 'follow.follow' || type === 'follow.unfollow') {
    add(
      follow(type === 'follow.follow' ? 'follow' : 'unfollow', type, payload.source, payload.target, accountId, {
        occurredAt: fromDateText(payload.created_at) ?? receivedAt,
        // X's own event id: the same on every redelivery. Without it, the event's own fields.
        eventKey: str(data.event_uuid),
      }),
    );
  } else if (XAA_IGNORED.test(type)) {
    add(ignore(`x ${type} is not an interaction`));
  } else if (type === 'post.repost.create') {
    add(ignore('x repost is amplification, not new text'));
  } else if (type.startsWith('chat.')) {
    add(ignore(`x ${type} is end-to-end encrypted XChat: nothing readable to triage`));
  } else if (type === 'dm.received' || type === 'dm.sent') {
    const users = usersMap(payload.users);
    if (!accountId) add(ignore(`x ${type} without the subscribed account`));
    else for (const event of asArray(payload.direct_message_events)) add(directMessage(event, accountId, users, receivedAt));
  } else if (type.startsWith('dm.')) {
    add(ignore(`x ${type} is not an interaction`));
  } else if (type === 'post.delete') {
    const id = str(payload.id);
    if (!id || !accountId) add(ignore('x post.delete without its post id or account'));
    else add(deletion({ platform: 'x', nativeId: id, accountId, deletedAt: fromDateText(payload.deleted_at) ?? receivedAt, receivedAt }));
  } else if (type.startsWith('post.')) {
    if (!accountId) add(ignore(`x ${type} without the subscribed account (keyword filters are not connected accounts)`));
    else add(post(payload, type, accountId, includedUsers(obj(data.includes).users), receivedAt));
  } else {
    add(ignore(`x ${type} is not handled`));
  }
  return result;
}

/** A v2 Post object: mention, reply, quote, or the account's own post. */
function post(payload: JsonObject, type: string, accountId: string, users: Map<string, XUser>, receivedAt: string): NormalisedItem {
  const id = str(payload.id);
  if (!id) return ignore(`x ${type} without the post id`);
  const authorId = str(payload.author_id);
  const user = authorId ? users.get(authorId) : undefined;
  const inReplyTo = str(payload.in_reply_to_tweet_id);
  const referenced = asArray(payload.referenced_tweets).map(obj);
  const quoted = str(referenced.find((ref) => ref.type === 'quoted')?.id);
  if (referenced.some((ref) => ref.type === 'retweeted')) return ignore('x repost is amplification, not new text');
  const own = authorId === accountId;
  const channel: Channel = inReplyTo ? 'reply' : own ? 'public_post' : 'mention';
  return interaction({
    platform: 'x',
    channel,
    nativeId: id,
    accountId,
    author: { id: authorId, handle: user?.handle, displayName: user?.name },
    text: str(obj(payload.note_tweet).text) ?? str(payload.text),
    permalink: postLink(id, user?.handle),
    occurredAt: fromDateText(payload.created_at) ?? receivedAt,
    receivedAt,
    parentId: inReplyTo ?? quoted,
    threadId: str(payload.conversation_id),
    mediaKinds: mediaOf(payload),
    language: languageOf(payload.lang),
    ownAccount: own,
  });
}

// ---- Account Activity API (legacy) ----------------------------------------------------------------

const AAA_IGNORED: ReadonlyArray<[string, string]> = [
  ['favorite_events', 'like'],
  ['block_events', 'block'],
  ['mute_events', 'mute'],
  ['direct_message_indicate_typing_events', 'typing indicator'],
  ['direct_message_mark_read_events', 'read receipt'],
];

function accountActivity(payload: JsonObject, receivedAt: string): NormalisedDelivery {
  const result = emptyDelivery();
  const add = (item: NormalisedItem) => addItem(result, item);
  const accountId = str(payload.for_user_id);

  const revoke = obj(obj(payload.user_event).revoke);
  if (Object.keys(revoke).length > 0) {
    add(
      health({
        platform: 'x',
        status: 'authorisation_revoked',
        signal: 'user_event.revoke',
        accountId: str(obj(revoke.source).user_id) ?? accountId,
        appId: str(obj(revoke.target).app_id),
        occurredAt: fromDateText(revoke.date_time) ?? receivedAt,
        detectedAt: receivedAt,
      }),
    );
  }
  if (!accountId) {
    if (result.health.length === 0) add(ignore('x account activity without for_user_id'));
    return result;
  }
  const users = usersMap(payload.users);
  for (const tweet of asArray(payload.tweet_create_events)) add(legacyTweet(tweet, accountId, receivedAt));
  for (const event of asArray(payload.direct_message_events)) add(directMessage(event, accountId, users, receivedAt));
  for (const event of asArray(payload.tweet_delete_events)) {
    const status = obj(obj(event).status);
    const id = str(status.id_str) ?? str(status.id);
    if (!id) add(ignore('x tweet delete without the tweet id'));
    else add(deletion({ platform: 'x', nativeId: id, accountId, deletedAt: fromEpochMillis(obj(event).timestamp_ms) ?? receivedAt, receivedAt }));
  }
  for (const event of asArray(payload.follow_events)) {
    const type = tokenOf(obj(event).type);
    const change = type === 'follow' || type === 'unfollow' ? type : undefined;
    if (!change) add(ignore(`x follow event ${type} is not handled`));
    else add(follow(change, `follow_events ${type}`, obj(event).source, obj(event).target, accountId, { occurredAt: fromEpochMillis(obj(event).created_timestamp) ?? receivedAt }));
  }
  for (const [key, what] of AAA_IGNORED) {
    asArray(payload[key]).forEach(() => add(ignore(`x ${what} is not an interaction`)));
  }
  const known = new Set([
    ...['for_user_id', 'user_event', 'users', 'apps', 'user_has_blocked'],
    ...['tweet_create_events', 'direct_message_events', 'tweet_delete_events', 'follow_events'],
    ...AAA_IGNORED.map(([key]) => key),
  ]);
  for (const key of Object.keys(payload)) if (!known.has(key)) add(ignore(`x account activity ${tokenOf(key)} is not handled`));
  return result;
}

/** A v1.1 Tweet (mention, reply or quote of the account, or its own tweet). */
function legacyTweet(value: unknown, accountId: string, receivedAt: string): NormalisedItem {
  if (!isObject(value)) return ignore('x tweet is not an object');
  const id = str(value.id_str) ?? str(value.id);
  if (!id) return ignore('x tweet without its id');
  if (value.retweeted_status !== undefined) return ignore('x retweet is amplification, not new text');
  const user = obj(value.user);
  const authorId = str(user.id_str) ?? str(user.id);
  const handle = str(user.screen_name);
  const inReplyTo = str(value.in_reply_to_status_id_str) ?? str(value.in_reply_to_status_id);
  const own = authorId === accountId;
  const extended = obj(value.extended_tweet);
  return interaction({
    platform: 'x',
    channel: inReplyTo ? 'reply' : own ? 'public_post' : 'mention',
    nativeId: id,
    accountId,
    author: { id: authorId, handle, displayName: str(user.name) },
    text: str(extended.full_text) ?? str(value.full_text) ?? str(value.text),
    permalink: postLink(id, handle),
    occurredAt: fromDateText(value.created_at) ?? fromEpochMillis(value.timestamp_ms) ?? receivedAt,
    receivedAt,
    parentId: inReplyTo ?? str(value.quoted_status_id_str),
    threadId: inReplyTo,
    mediaKinds: asArray(obj(extended.entities ?? value.extended_entities ?? value.entities).media)
      .map((media) => str(obj(media).type))
      .filter((kind): kind is string => kind !== undefined),
    language: languageOf(value.lang),
    ownAccount: own,
  });
}

// ---- shared -----------------------------------------------------------------------------------------

/**
 * A follow or unfollow (XAA `follow.*` payload or an AAA `follow_events` item): it counts only when the
 * subscribed account is the one followed. Reasons name the event type, never either user.
 */
function follow(
  change: 'follow' | 'unfollow',
  what: string,
  source: unknown,
  target: unknown,
  accountId: string | undefined,
  at: { occurredAt: string; eventKey?: string },
): NormalisedItem {
  if (!accountId) return ignore(`x ${what} without the subscribed account`);
  const sourceId = userIdOf(source);
  const targetId = userIdOf(target);
  if (sourceId === accountId) return ignore(`x ${what} by the account itself is outbound, not audience`);
  if (targetId !== accountId) return ignore(`x ${what} is not of the subscribed account`);
  return audience({
    platform: 'x',
    accountId,
    change,
    occurredAt: at.occurredAt,
    // The follower's id only ever goes into the hash: it tells two followers in the same millisecond apart.
    eventKey: at.eventKey ?? `${sourceId ?? '-'}\n${at.occurredAt}`,
  });
}

/** A user's id from `{id_str|id}` (AAA) or `{data: {id}}` (XAA). */
function userIdOf(value: unknown): string | undefined {
  const user = isObject(obj(value).data) ? obj(obj(value).data) : obj(value);
  return str(user.id_str) ?? str(user.id);
}

/** A DM event (legacy shape, also wrapped by XAA `dm.*`). */
function directMessage(value: unknown, accountId: string, users: Map<string, XUser>, receivedAt: string): NormalisedItem {
  if (!isObject(value)) return ignore('x direct message event is not an object');
  if (value.type !== undefined && value.type !== 'message_create') return ignore(`x direct message event ${tokenOf(value.type)} is not a message`);
  const id = str(value.id);
  const create = obj(value.message_create);
  const senderId = str(create.sender_id);
  const recipientId = str(obj(create.target).recipient_id);
  if (!id) return ignore('x direct message without its id');
  const data = obj(create.message_data);
  const own = senderId === accountId;
  const sender = senderId ? users.get(senderId) : undefined;
  const attachment = obj(data.attachment);
  return interaction({
    platform: 'x',
    channel: 'direct_message',
    nativeId: id,
    accountId,
    author: { id: senderId, handle: sender?.handle, displayName: sender?.name },
    text: str(data.text),
    occurredAt: anyTimestamp(value.created_timestamp) ?? receivedAt,
    receivedAt,
    // The conversation is with the other party: inbound from the sender, own replies to the recipient.
    threadId: own ? recipientId : senderId,
    mediaKinds: [str(obj(attachment.media).type) ?? str(attachment.type)].filter((kind): kind is string => kind !== undefined),
    ownAccount: own,
    private: true,
  });
}

interface XUser {
  handle?: string;
  name?: string;
}

/** `users` side map keyed by id: AAA `{id: {screen_name, name}}`, XAA `{id: {data: {username, name}}}`. */
function usersMap(value: unknown): Map<string, XUser> {
  const users = new Map<string, XUser>();
  for (const [id, entry] of Object.entries(obj(value))) {
    const user = isObject(obj(entry).data) ? obj(obj(entry).data) : obj(entry);
    users.set(id, { handle: str(user.username) ?? str(user.screen_name), name: str(user.name) });
  }
  return users;
}

/** `includes.users`: a list of user objects (sometimes each wrapped in `{data: ...}`). */
function includedUsers(value: unknown): Map<string, XUser> {
  const users = new Map<string, XUser>();
  for (const entry of asArray(value)) {
    const user = isObject(obj(entry).data) ? obj(obj(entry).data) : obj(entry);
    const id = str(user.id);
    if (id) users.set(id, { handle: str(user.username), name: str(user.name) });
  }
  return users;
}

function postLink(id: string, handle: string | undefined): string {
  return handle
    ? `https://x.com/${encodeURIComponent(handle)}/status/${encodeURIComponent(id)}`
    : `https://x.com/i/web/status/${encodeURIComponent(id)}`;
}

function mediaOf(payload: JsonObject): string[] {
  const keys = asArray(obj(payload.attachments).media_keys);
  return keys.length > 0 ? ['media'] : [];
}

/** X says `und` when it cannot tell; that is no language. */
function languageOf(value: unknown): string | undefined {
  const lang = str(value);
  return lang && lang !== 'und' ? lang : undefined;
}
