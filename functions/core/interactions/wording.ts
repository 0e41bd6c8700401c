import { DateTime } from 'luxon';
import { categoryLabel } from '../categories';
import { platformLabel } from '../digest/labels';

/**
 * How the queue's words read to the comms officers who see them (audit trail, team emails): platform and
 * channel names, statuses and field names in plain English. The stored data keeps its ids.
 */

const CHANNEL_WORDS: Readonly<Record<string, string>> = {
  public_post: 'public post',
  public_comment: 'public comment',
  reply: 'reply',
  mention: 'mention',
  direct_message: 'private message',
  review: 'review',
  staff_channel: 'staff channel',
};

export function platformName(platform: string): string {
  return platformLabel(platform);
}

export function channelName(channel: string): string {
  return CHANNEL_WORDS[channel] ?? channel.replace(/[_-]+/gu, ' ');
}

/** What an item's status means for the person working the queue. */
const STATUS_WORDS: Readonly<Record<string, string>> = {
  received: 'received, not yet triaged',
  assessed: 'waiting for a reply',
  assigned: 'assigned, waiting for a reply',
  replied: 'replied',
  closed: 'closed',
};

/** The same, when the decision asks for an action, not a reply (hide an NHS number). */
const ACTION_STATUS_WORDS: Readonly<Record<string, string>> = {
  assessed: 'waiting for its action (no reply is expected)',
  assigned: 'assigned, waiting for its action (no reply is expected)',
};

export function statusWords(status: string, needsReply?: boolean): string {
  return (needsReply === false ? ACTION_STATUS_WORDS[status] : undefined) ?? STATUS_WORDS[status] ?? status;
}

/** Field names as people say them, for the audit trail's text. */
const FIELD_LABELS: Readonly<Record<string, string>> = {
  category: 'category',
  priority: 'priority',
  slaDueAt: 'due',
  needsReply: 'reply needed',
  ownerTeam: 'owner team',
  assignee: 'assignee',
  status: 'status',
  firstResponseAt: 'first response',
  firstResponseWorkingMinutes: 'first response time (minutes)',
  replyVisibility: 'reply visibility',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

/** A field's value as people read it: local times, yes/no, statuses and categories in words; absent is "(none)". */
export function fieldValue(field: string, value: unknown, timeZone: string): string {
  if (value === undefined || value === null || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'status') return statusWords(String(value));
  if (field === 'category') return categoryLabel(String(value));
  if (typeof value === 'string' && (field === 'slaDueAt' || field === 'firstResponseAt')) {
    const at = DateTime.fromISO(value, { zone: timeZone });
    if (at.isValid) return at.toFormat('ccc d LLL yyyy, HH:mm');
  }
  return String(value);
}
