import { z } from 'zod';
import { prioritySchema } from './assessment';
import { defineEvent, SOURCES } from './define-event';
import { interactionReferenceShape } from './interaction';

/**
 * The response matrix decided that a person must know now: a P0 or P1 decision, or one owned by a
 * team that asked to hear about everything. notify-owner emails the team and, when `page` is set,
 * pages on-call. It carries no text of the message and nothing about the author: only what the
 * decision was and where to find the post.
 */
export const EscalationRaised = defineEvent({
  source: SOURCES.matrix,
  detailType: 'EscalationRaised',
  schemaVersion: 1,
  data: z.object({
    ...interactionReferenceShape,
    category: z.string().min(1),
    secondaryCategories: z.array(z.string()),
    priority: prioritySchema,
    ownerTeam: z.string().min(1),
    owner: z.string().min(1),
    action: z.string().min(1),
    slaDueAt: z.iso.datetime({ offset: true }).nullable(),
    ruleId: z.string().min(1),
    matrixVersion: z.string().min(1),
    /** Why this was escalated, e.g. "priority P0", "the owner team asked for every decision". */
    reasons: z.array(z.string().min(1)).min(1),
    /** Evidence wording of the signals that fired (matrix wording, never message text). */
    evidence: z.array(z.string()),
    /** Kinds of personal data that were removed from the stored text. */
    piiKinds: z.array(z.string()),
    /** P0: also page on-call through the paging topic. */
    page: z.boolean(),
    /** The decision's flags (pre-election-period, major-incident-mode, personal-data, ...); absent on events published before they were carried. */
    flags: z.array(z.string().min(1)).optional(),
    /**
     * What raised it besides the first decision, e.g. `edit:<editedAt>`: notify-owner tells each occasion
     * once (an item lowered by an officer and raised again by an edit is news). Absent: the first decision.
     */
    occasion: z.string().min(1).max(100).optional(),
  }),
});
