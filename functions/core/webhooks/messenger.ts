import { deletion, edit, interaction } from './build';
import { asArray, isObject, obj, str, type JsonObject } from './json';
import { ignore, type NormalisedItem } from './normalised';
import { fromEpochMillis } from './time';

/**
 * Messenger-style `messaging[]` / `standby[]` events, shared by Facebook Messenger (`object: "page"`)
 * and Instagram DMs (`object: "instagram"`, Instagram Login). Messages become private interactions,
 * `message_edit` an edit, `is_deleted` a deletion, echoes (`is_echo`: the Page's own replies) own-account
 * interactions in the same thread; receipts, reactions, postbacks and handover events are ignored.
 * Field reference: shared/domain/platform-webhooks.md §1 and §6.
 */
export interface MessagingContext {
  platform: 'messenger' | 'instagram';
  /** `entry.id`: the Page / Instagram account the subscription is for. */
  entryAccountId: string | undefined;
  /** `entry.time` as ISO, the fallback when an event has no timestamp. */
  entryTime: string;
  receivedAt: string;
}

const NOT_INTERACTIONS: ReadonlyArray<[string, string]> = [
  ['read', 'read receipt'],
  ['delivery', 'delivery receipt'],
  ['reaction', 'reaction'],
  ['postback', 'postback (a button tap, bot flow)'],
  ['referral', 'referral'],
  ['optin', 'opt-in'],
  ['account_linking', 'account linking'],
  ['pass_thread_control', 'handover'],
  ['take_thread_control', 'handover'],
  ['request_thread_control', 'handover'],
  ['app_roles', 'handover'],
  ['policy_enforcement', 'policy enforcement notice'],
];

export function messagingEvent(event: unknown, context: MessagingContext): NormalisedItem {
  const { platform } = context;
  if (!isObject(event)) return ignore(`${platform} messaging event is not an object`);
  const senderId = str(obj(event.sender).id);
  const recipientId = str(obj(event.recipient).id);
  const at = fromEpochMillis(event.timestamp) ?? context.entryTime;

  if (isObject(event.message)) return message(event.message, { ...context, senderId, recipientId, at });
  if (isObject(event.message_edit)) {
    const mid = str(event.message_edit.mid);
    const accountId = recipientId ?? context.entryAccountId;
    if (!mid || !accountId) return ignore(`${platform} message edit without its message id or account`);
    return edit({ platform, nativeId: mid, accountId, text: str(event.message_edit.text) ?? '', editedAt: at, receivedAt: context.receivedAt });
  }
  const known = NOT_INTERACTIONS.find(([key]) => event[key] !== undefined);
  if (known) return ignore(`${platform} ${known[1]} is not an interaction`);
  return ignore(`${platform} messaging event of an unknown kind`);
}

function message(
  msg: JsonObject,
  context: MessagingContext & { senderId?: string; recipientId?: string; at: string },
): NormalisedItem {
  const { platform, senderId, recipientId, at, receivedAt } = context;
  const mid = str(msg.mid);
  if (!mid) return ignore(`${platform} message without its id`);
  const echo = msg.is_echo === true;
  // An echo is the account's own message; its `recipient` is the user (test fixtures swap them, so
  // echo detection uses is_echo, never the sender id). An inbound message reached its recipient.
  const accountId = echo ? (context.entryAccountId ?? senderId) : (recipientId ?? context.entryAccountId);
  if (!accountId) return ignore(`${platform} message without the account it reached`);
  if (msg.is_deleted === true) {
    return deletion({ platform, nativeId: mid, accountId, deletedAt: at, receivedAt });
  }
  const userId = echo ? (senderId === accountId ? recipientId : senderId) : senderId;

  const mediaKinds = asArray(msg.attachments)
    .map((attachment) => str(obj(attachment).type))
    .filter((kind): kind is string => kind !== undefined);
  if (msg.sticker_id !== undefined) mediaKinds.push('sticker');
  if (msg.is_unsupported === true) mediaKinds.push('unsupported');
  const replyTo = obj(msg.reply_to);

  return interaction({
    platform,
    channel: 'direct_message',
    nativeId: mid,
    accountId,
    author: { id: echo ? accountId : senderId },
    text: str(msg.text),
    occurredAt: at,
    receivedAt,
    parentId: str(replyTo.mid) ?? str(obj(replyTo.story).id),
    // The conversation is with one user: their id threads the messages and the account's replies.
    threadId: userId,
    mediaKinds,
    ownAccount: echo,
    private: true,
  });
}
