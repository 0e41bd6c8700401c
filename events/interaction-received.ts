import { defineEvent, SOURCES } from './define-event';
import { interactionSchema } from './interaction';

/** Intake turned a verified platform delivery into a canonical interaction. */
export const InteractionReceived = defineEvent({
  source: SOURCES.intake,
  detailType: 'InteractionReceived',
  schemaVersion: 1,
  data: interactionSchema,
});
