import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';
import { channelSchema, platformSchema } from './interaction';

/**
 * The author changed an interaction the platform had already delivered (Facebook `verb: edited`,
 * Messenger `message_edit`, LinkedIn `COMMENT_EDIT`...). Not a new interaction: the log replaces the
 * stored text of the same id and flags it edited. Edits are ordered by `editedAt`; the latest wins.
 */
export const InteractionEdited = defineEvent({
  source: SOURCES.intake,
  detailType: 'InteractionEdited',
  schemaVersion: 1,
  data: z.object({
    /** The edited interaction's id: `${platform}:${nativeId}`, the same as its InteractionReceived. */
    id: z.string().min(3),
    platform: platformSchema,
    nativeId: z.string().min(1),
    accountId: z.string().min(1),
    /** The new text, as the platform sent it (the log redacts personal data before storing it). */
    text: z.string(),
    editedAt: z.iso.datetime({ offset: true }),
    receivedAt: z.iso.datetime({ offset: true }),
    /** Where it is on the platform, when the edit says (Facebook): the team can open it even before the message itself reaches us. */
    permalink: z.url().optional(),
    /** Its channel, when the edit says: what it is decided as when the message itself is not logged yet. */
    channel: channelSchema.optional(),
  }),
});
