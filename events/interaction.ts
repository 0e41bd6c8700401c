import { z } from 'zod';

/** The canonical interaction every platform normaliser produces (see shared/domain/platform-webhooks.md §6). */
export const platformSchema = z.enum([
  'facebook',
  'messenger',
  'instagram',
  'threads',
  'x',
  'linkedin',
  'tiktok',
  'youtube',
  'careopinion',
]);
export type Platform = z.infer<typeof platformSchema>;

export const channelSchema = z.enum([
  'public_post',
  'public_comment',
  'reply',
  'mention',
  'direct_message',
  'review',
  'staff_channel',
]);
export type Channel = z.infer<typeof channelSchema>;

export const interactionSchema = z.object({
  /** Deterministic: `${platform}:${nativeId}`, so every redelivery maps to the same interaction. */
  id: z.string().min(3),
  platform: platformSchema,
  channel: channelSchema,
  nativeId: z.string().min(1),
  /** The trust's account (page, handle, organisation) the interaction reached. */
  accountId: z.string().min(1),
  author: z.object({
    id: z.string().optional(),
    handle: z.string().optional(),
    displayName: z.string().optional(),
  }),
  text: z.string(),
  permalink: z.string().optional(),
  occurredAt: z.iso.datetime({ offset: true }),
  receivedAt: z.iso.datetime({ offset: true }),
  parentId: z.string().optional(),
  threadId: z.string().optional(),
  mediaKinds: z.array(z.string()),
  language: z.string().optional(),
  flags: z.object({
    edited: z.boolean(),
    deleted: z.boolean(),
    ownAccount: z.boolean(),
    needsEnrichment: z.boolean(),
    private: z.boolean(),
  }),
});
export type Interaction = z.infer<typeof interactionSchema>;

/**
 * Where to find an interaction, without its text or anything about its author: what events about an
 * interaction that leave the log (escalations, SLA breaches) carry.
 */
export const interactionReferenceShape = {
  interactionId: z.string().min(3),
  platform: platformSchema,
  channel: channelSchema,
  /** Link to the post on the platform, when the platform gives one. */
  permalink: z.string().optional(),
  receivedAt: z.iso.datetime({ offset: true }),
};
