import { EscalationRaised, InteractionAssessed, type Assessment, type DetailOf, type Interaction, type InteractionReceived } from '../../../events';
import type { OutgoingEvent } from '../ports';
import { assess, type AssessContext } from '../matrix/assess';
import type { ResponseMatrix } from '../matrix/load';

/**
 * The use case: one received interaction in, an InteractionAssessed event out (its text already
 * redacted) and, when the decision must reach a person now, an EscalationRaised. Both keep the
 * delivery's correlation id, so the log can tell a retry from a duplicate.
 */
export function assessInteraction(
  received: DetailOf<typeof InteractionReceived>,
  matrix: ResponseMatrix,
  now: string,
  context: AssessContext = {},
): { assessment: Assessment; events: OutgoingEvent[] } {
  const { assessment, redactedText } = assess(received.data, matrix, now, context);
  const assessed: OutgoingEvent<typeof InteractionAssessed.dataSchema> = {
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
  const escalation = escalationEvent(received.data, assessment, received.metadata.correlationId);
  return { assessment, events: escalation ? [assessed, escalation] : [assessed] };
}

/** EscalationRaised for a decision the matrix escalates: no message text, no author, only the decision. */
export function escalationEvent(
  interaction: Interaction,
  assessment: Assessment,
  correlationId: string,
): OutgoingEvent<typeof EscalationRaised.dataSchema> | undefined {
  if (!assessment.escalation?.notify) return undefined;
  return {
    contract: EscalationRaised,
    detail: {
      metadata: {
        schemaVersion: EscalationRaised.schemaVersion,
        idempotencyKey: `EscalationRaised:${interaction.id}:${assessment.matrixVersion}`,
        correlationId,
        occurredAt: assessment.assessedAt,
      },
      data: {
        interactionId: interaction.id,
        platform: interaction.platform,
        channel: interaction.channel,
        ...(interaction.permalink ? { permalink: interaction.permalink } : {}),
        receivedAt: interaction.receivedAt,
        category: assessment.category,
        secondaryCategories: assessment.secondaryCategories,
        priority: assessment.priority,
        ownerTeam: assessment.ownerTeam ?? assessment.owner,
        owner: assessment.owner,
        action: assessment.action,
        slaDueAt: assessment.slaDueAt,
        ruleId: assessment.ruleId,
        matrixVersion: assessment.matrixVersion,
        reasons: assessment.escalation.reasons,
        evidence: evidenceFor(assessment),
        piiKinds: assessment.piiKinds,
        ...(assessment.flags && assessment.flags.length > 0 ? { flags: assessment.flags } : {}),
        page: assessment.escalation.page,
      },
    },
  };
}

/**
 * What the matrix saw that led to this decision: the signals of the decided category, and any signal that
 * raised a priority (emergency words, a threat), whichever rule it belongs to. Signals of the other
 * categories stay in the assessment (the console shows them): a "thank you" is no reason to page anyone.
 */
export function evidenceFor(assessment: Pick<Assessment, 'category' | 'signals'>): string[] {
  const relevant = assessment.signals.filter((signal) => signal.category === assessment.category || signal.raises !== undefined);
  return [...new Set(relevant.map((signal) => signal.evidence))];
}
