import { InteractionReassessed, type Assessment, type DetailOf, type InteractionEdited, type Priority } from '../../../events';
import type { LoggedInteraction, OutgoingEvent } from '../ports';
import { assess, type AssessContext } from '../matrix/assess';
import type { ResponseMatrix } from '../matrix/load';
import { moreUrgent, PRIORITY_ORDER } from '../matrix/precedence';
import { escalationEvent } from './assess-interaction';

/**
 * An edit is decided again: an author who adds a risk to life, an NHS number or a threat to a comment
 * already triaged must not stay behind a P3 clock. The matrix runs on the edited text with everything
 * else the log holds about the interaction (channel, author, thread, own account...), its clock starting
 * when the edit was received. InteractionReassessed carries the decision to the log, which raises the item
 * only when it is more urgent than the item's priority now; an edit never lowers a decision (the author
 * could remove words after we saw them; an officer overrides if it should go down).
 *
 * When the decision is more urgent and the matrix escalates it, the owner team is told now, as for a new
 * interaction (notify-owner sends one notice per interaction and priority, so a retry tells nobody twice).
 */
export type ReassessOutcome =
  /**
   * The interaction is not in the log: usually it was never received (a comment made before the page was
   * connected); rarely it is still on its way (an edit within a second of posting).
   */
  | { kind: 'not-logged' }
  /** Logged but not decided yet: the edit overtook the interaction's decision (retried). */
  | { kind: 'not-decided' }
  /** Deleted, erased at the author's request or past its platform's storage limit: there is nothing to decide on. */
  | { kind: 'gone' }
  /** A later edit is already logged: it is decided on by its own event. */
  | { kind: 'superseded'; latestEditAt: string }
  | { kind: 'reassessed'; assessment: Assessment; raises: boolean; events: OutgoingEvent[] };

export function reassessEdit(
  edit: DetailOf<typeof InteractionEdited>,
  logged: LoggedInteraction | undefined,
  matrix: ResponseMatrix,
  now: string,
  context: AssessContext = {},
): ReassessOutcome {
  if (!logged) return { kind: 'not-logged' };
  const { interaction, record } = logged;
  if (record.deletedAt !== undefined || record.erasedAt !== undefined || record.contentExpiredAt !== undefined) return { kind: 'gone' };
  if (record.assessment === undefined || record.priority === undefined) return { kind: 'not-decided' };
  const { data } = edit;
  if (record.editedAt !== undefined && record.editedAt > data.editedAt) return { kind: 'superseded', latestEditAt: record.editedAt };

  // The stored interaction, with the edit's words (unredacted here: the PII detector must see them) and
  // the clock from the edit's receipt. Nothing else about the interaction changes with an edit.
  const edited = { ...interaction, text: data.text, receivedAt: data.receivedAt, flags: { ...interaction.flags, edited: true } };
  const { assessment } = assess(edited, matrix, now, context);
  const current = asPriority(record.priority);
  const raises = current === undefined || moreUrgent(assessment.priority, current);

  const reassessed: OutgoingEvent<typeof InteractionReassessed.dataSchema> = {
    contract: InteractionReassessed,
    detail: {
      metadata: {
        schemaVersion: InteractionReassessed.schemaVersion,
        idempotencyKey: `InteractionReassessed:${interaction.id}:${data.editedAt}:${assessment.matrixVersion}`,
        correlationId: edit.metadata.correlationId,
        occurredAt: assessment.assessedAt,
      },
      data: { interactionId: interaction.id, platform: interaction.platform, editedAt: data.editedAt, assessment },
    },
  };
  const events: OutgoingEvent[] = [reassessed];
  if (raises) {
    // The email's "received" is the interaction's; its due time is the new decision's (from the edit).
    const escalation = escalationEvent(interaction, assessment, edit.metadata.correlationId);
    if (escalation) {
      escalation.detail.metadata.idempotencyKey = `EscalationRaised:${interaction.id}:edit:${data.editedAt}:${assessment.matrixVersion}`;
      escalation.detail.data.reasons = [
        `The author edited it after it was decided${current ? ` at ${current}` : ''}: the edited text is ${assessment.priority}`,
        ...escalation.detail.data.reasons,
      ];
      escalation.detail.data.flags = [...new Set([...(escalation.detail.data.flags ?? []), 'edited'])];
      events.push(escalation);
    }
  }
  return { kind: 'reassessed', assessment, raises, events };
}

function asPriority(value: string | undefined): Priority | undefined {
  return value !== undefined && (PRIORITY_ORDER as readonly string[]).includes(value) ? (value as Priority) : undefined;
}
