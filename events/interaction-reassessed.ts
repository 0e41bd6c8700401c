import { z } from 'zod';
import { assessmentSchema } from './assessment';
import { defineEvent, SOURCES } from './define-event';
import { platformSchema } from './interaction';

/**
 * The response matrix decided again on an interaction's edited text (InteractionEdited). The decision's
 * clock runs from when the edit was received. The log raises the item to it only when the matrix ranks it
 * ahead of the item's decision now (more urgent, or as urgent from an earlier rule), reopening a replied or
 * closed item; an edit never lowers a decision.
 * Carries the decision only: the edited text reaches the log through InteractionEdited.
 */
export const InteractionReassessed = defineEvent({
  source: SOURCES.matrix,
  detailType: 'InteractionReassessed',
  schemaVersion: 1,
  data: z.object({
    /** The edited interaction's id: `${platform}:${nativeId}`. */
    interactionId: z.string().min(3),
    platform: platformSchema,
    /** The edit decided on (InteractionEdited's `editedAt`): the log applies each edit's decision once, in any order. */
    editedAt: z.iso.datetime({ offset: true }),
    /** When the edit was received: the new decision's clock runs from here. */
    receivedAt: z.iso.datetime({ offset: true }),
    assessment: assessmentSchema,
    /**
     * Set when the decision raised the item as apply-response-matrix read it, and EscalationRaised was sent
     * for it under this occasion: the log keeps it with the raise, so a retry or replay of the same edit
     * tells the team again only under the same occasion (notify-owner sends each once).
     */
    occasion: z.string().min(1).max(100).optional(),
  }),
});
