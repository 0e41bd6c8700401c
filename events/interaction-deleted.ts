import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';
import { platformSchema } from './interaction';

/**
 * The author (or the platform) removed an interaction. The log keeps a tombstone: the record stays
 * for the counts and the audit trail, its stored text is purged (X and Meta terms require it).
 * Carries no text by design.
 */
export const InteractionDeleted = defineEvent({
  source: SOURCES.intake,
  detailType: 'InteractionDeleted',
  schemaVersion: 1,
  data: z.object({
    id: z.string().min(3),
    platform: platformSchema,
    nativeId: z.string().min(1),
    accountId: z.string().min(1),
    deletedAt: z.iso.datetime({ offset: true }),
    receivedAt: z.iso.datetime({ offset: true }),
  }),
});
