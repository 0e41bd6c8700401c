import { z } from 'zod';
import { prioritySchema } from './assessment';
import { defineEvent, SOURCES } from './define-event';
import { interactionReferenceShape } from './interaction';

/**
 * The SLA watch found an open interaction past its due time. Published once per interaction and level
 * (1: past due; 2: still open a day later, or an hour for P0); the owner team is emailed with it.
 * Like EscalationRaised it carries no message text and nothing about the author.
 */
export const SlaBreached = defineEvent({
  source: SOURCES.slaWatch,
  detailType: 'SlaBreached',
  schemaVersion: 1,
  data: z.object({
    ...interactionReferenceShape,
    /** Absent when the matrix has not assessed it yet. */
    category: z.string().min(1).optional(),
    priority: prioritySchema.optional(),
    /** The owner team's id; absent when not assessed or assigned yet. */
    ownerTeam: z.string().min(1).optional(),
    status: z.enum(['received', 'assessed', 'assigned']),
    slaDueAt: z.iso.datetime({ offset: true }),
    level: z.number().int().min(1).max(2),
    breachedAt: z.iso.datetime({ offset: true }),
    overdueMinutes: z.number().int().nonnegative(),
    matrixVersion: z.string().min(1).optional(),
    /** False when the decision asks for an action, not a reply (hide personal data, pass a threat to security). */
    needsReply: z.boolean().optional(),
  }),
});
