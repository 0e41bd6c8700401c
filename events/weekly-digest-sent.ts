import { z } from 'zod';
import { defineEvent, SOURCES } from './define-event';

const count = z.number().int().nonnegative();

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
    // Added with the board digest (issue 6); optional, so version 1 consumers and samples still parse.
    /** An operator re-sent a week that had gone out already. */
    resend: z.literal(true).optional(),
    comparison: z
      .object({
        lastWeek: count,
        /** The 4-week average of inbound interactions; absent when no earlier week had data. */
        baseline: z.number().nonnegative().optional(),
        baselineWeeks: count,
      })
      .optional(),
    responsiveness: z
      .object({
        /** False until the log records replies: the other figures are then not measured. */
        tracked: z.boolean(),
        needsReply: count,
        answered: count,
        backlogPastDue: count,
        medianWorkingMinutes: z.number().nonnegative().optional(),
        p90WorkingMinutes: z.number().nonnegative().optional(),
      })
      .optional(),
    safety: z
      .object({ p0: count, p1: count, safeguarding: count, staffAbuse: count, personalDataRemoved: count, misinformation: count })
      .optional(),
    sentiment: z.object({ positive: count, neutral: count, negative: count }).optional(),
    completeness: z.object({ platformsDelivering: count, platformsSilent: count, connectionProblems: count }).optional(),
  }),
});
