import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';
import { platformSchema } from './interaction';

export const audienceChangeSchema = z.enum(['follow', 'unfollow']);
export type AudienceChange = z.infer<typeof audienceChangeSchema>;

/**
 * Someone started or stopped following one of the trust's accounts. Counts only: the board digest
 * reports followers gained, lost and net per platform, so the event carries NO follower id, handle or
 * name. Raised from X webhooks (X Activity API `follow.follow` / `follow.unfollow`, Account Activity
 * `follow_events`) when the trust's account is the one followed; a follow BY the trust is outbound and
 * raises nothing. Facebook Page, Instagram, LinkedIn, TikTok and YouTube webhooks deliver no follow events.
 */
export const AudienceChanged = defineEvent({
  source: SOURCES.intake,
  detailType: 'AudienceChanged',
  schemaVersion: 1,
  data: z
    .object({
      platform: platformSchema,
      /** The trust's account that was followed or unfollowed. */
      accountId: z.string().min(1),
      change: audienceChangeSchema,
      /** When the platform says it happened; the receipt time when it does not say (X Activity API). */
      occurredAt: z.iso.datetime({ offset: true }),
      /**
       * Deterministic per platform event (a truncated hash of the platform's event id, or of the event's
       * own fields where it has none), so a redelivery is filed once. Not reversible to the follower.
       */
      id: z.string().regex(/^[a-z]+:[0-9a-f]{16}$/),
    })
    .strict(),
});
