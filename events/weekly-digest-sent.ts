import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';

/** A board digest went out for one ISO week. Counts only: no recipients' or authors' details. */
export const WeeklyDigestSent = defineEvent({
  source: SOURCES.digest,
  detailType: 'WeeklyDigestSent',
  schemaVersion: 1,
  data: z.object({
    week: z.string().regex(/^\d{4}-W\d{2}$/),
    from: z.iso.datetime({ offset: true }),
    to: z.iso.datetime({ offset: true }),
    complete: z.boolean(),
    messageId: z.string().min(1),
    recipientCount: z.number().int().nonnegative(),
    totals: z.object({
      interactions: z.number().int().nonnegative(),
      byCategory: z.record(z.string(), z.number().int().nonnegative()),
      byPriority: z.record(z.string(), z.number().int().nonnegative()),
    }),
  }),
});
