import type { Channel, Interaction, Platform } from '../../../events';
import { createHash } from 'node:crypto';
import type { AudienceSignal, ConnectorHealthSignal, InteractionDeletion, InteractionEdit, NormalisedItem } from './normalised';

/** The canonical id: platform + native id, so every redelivery of the same item maps to one interaction. */
export const interactionId = (platform: Platform, nativeId: string): string => `${platform}:${nativeId}`;

export interface InteractionFields {
  platform: Platform;
  channel: Channel;
  nativeId: string;
  accountId: string;
  author: { id?: string; handle?: string; displayName?: string };
  /** Absent text is stored as '' (attachment-only messages, mentions that need a lookup). */
  text?: string;
  permalink?: string;
  occurredAt: string;
  receivedAt: string;
  parentId?: string;
  threadId?: string;
  mediaKinds?: string[];
  language?: string;
  ownAccount?: boolean;
  private?: boolean;
  /** Defaults to: no author id, or neither text nor media (the platform sent a pointer, not the content). */
  needsEnrichment?: boolean;
}

export function interaction(fields: InteractionFields): NormalisedItem {
  const text = fields.text ?? '';
  const mediaKinds = [...new Set(fields.mediaKinds ?? [])];
  const needsEnrichment = fields.needsEnrichment ?? (fields.author.id === undefined || (text === '' && mediaKinds.length === 0));
  // Optional fields stay undefined when absent; JSON serialisation drops them.
  const value: Interaction = {
    id: interactionId(fields.platform, fields.nativeId),
    platform: fields.platform,
    channel: fields.channel,
    nativeId: fields.nativeId,
    accountId: fields.accountId,
    author: { id: fields.author.id, handle: fields.author.handle, displayName: fields.author.displayName },
    text,
    permalink: fields.permalink,
    occurredAt: fields.occurredAt,
    receivedAt: fields.receivedAt,
    parentId: fields.parentId,
    threadId: fields.threadId,
    mediaKinds,
    language: fields.language,
    flags: {
      edited: false,
      deleted: false,
      ownAccount: fields.ownAccount ?? false,
      needsEnrichment,
      private: fields.private ?? false,
    },
  };
  return { kind: 'interaction', interaction: value };
}

export function edit(fields: Omit<InteractionEdit, 'id'>): NormalisedItem {
  return { kind: 'edit', edit: { id: interactionId(fields.platform, fields.nativeId), ...fields } };
}

export function deletion(fields: Omit<InteractionDeletion, 'id'>): NormalisedItem {
  return { kind: 'deletion', deletion: { id: interactionId(fields.platform, fields.nativeId), ...fields } };
}

export function health(signal: ConnectorHealthSignal): NormalisedItem {
  return { kind: 'health', signal };
}

/**
 * A follow or unfollow of the trust's account. `eventKey` is what makes the platform event unique (its
 * event id, or its own fields where it has none: the follower's id may be part of it); only a truncated
 * SHA-256 of it is kept, so the event and the log hold no follower id, handle or name.
 */
export function audience(fields: Omit<AudienceSignal, 'id'> & { eventKey: string }): NormalisedItem {
  const { eventKey, ...change } = fields;
  const digest = createHash('sha256').update(`${change.platform}\n${change.accountId}\n${change.change}\n${eventKey}`).digest('hex').slice(0, 16);
  return { kind: 'audience', change: { platform: change.platform, accountId: change.accountId, change: change.change, occurredAt: change.occurredAt, id: `${change.platform}:${digest}` } };
}
