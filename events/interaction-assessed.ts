import { z } from 'zod';
import { assessmentSchema } from './assessment';
import { defineEvent, SOURCES } from './define-event';
import { interactionSchema } from './interaction';

/** The response matrix decided what to do. The interaction's text is already redacted of personal data. */
export const InteractionAssessed = defineEvent({
  source: SOURCES.matrix,
  detailType: 'InteractionAssessed',
  schemaVersion: 1,
  data: z.object({ interaction: interactionSchema, assessment: assessmentSchema }),
});
