import type { Channel, Interaction, Platform } from '../../../events';
import type { ConnectorHealthSignal, InteractionDeletion, InteractionEdit, NormalisedItem } from './normalised';

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
