import { InteractionAssessed, type DetailOf, type InteractionReceived } from '../../../events';
import type { OutgoingEvent } from '../ports';
import { assess } from '../matrix/assess';
import type { ResponseMatrix } from '../matrix/load';

/**
 * The use case: one received interaction in, one InteractionAssessed event out, its text already
 * redacted. It keeps the delivery's correlation id, so the log can tell a retry from a duplicate.
 */
export function assessInteraction(
  received: DetailOf<typeof InteractionReceived>,
  matrix: ResponseMatrix,
  now: string,
): OutgoingEvent<typeof InteractionAssessed.dataSchema> {
  const { assessment, redactedText } = assess(received.data, matrix, now);
  return {
    contract: InteractionAssessed,
    detail: {
      metadata: {
        schemaVersion: InteractionAssessed.schemaVersion,
        idempotencyKey: `InteractionAssessed:${received.data.id}:${assessment.matrixVersion}`,
        correlationId: received.metadata.correlationId,
        occurredAt: assessment.assessedAt,
      },
      data: { interaction: { ...received.data, text: redactedText }, assessment },
    },
  };
}
