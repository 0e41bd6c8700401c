import { InteractionReassessed, type Assessment, type DetailOf, type Interaction, type InteractionEdited } from '../../../events';
import { outranks } from '../interactions/transitions';
import type { LoggedInteraction, OutgoingEvent } from '../ports';
import { assess, type AssessContext } from '../matrix/assess';
import type { ResponseMatrix } from '../matrix/load';
import { ruleOrderOf } from '../matrix/precedence';
import { escalationEvent } from './assess-interaction';

/**
 * An edit is decided again: an author who adds a risk to life, an NHS number or a threat to a comment
 * already triaged must not stay behind a P3 clock. The matrix runs on the edited text with everything
 * else the log holds about the interaction (channel, author, thread, own account...), its clock starting
 * when the edit was received. Every edit is decided on, in whatever order edits arrive: the words were
 * seen. InteractionReassessed carries the decision to the log, which raises the item only when the matrix
 * ranks the new decision ahead of the item's (`outranks`: more urgent, or as urgent from an earlier rule);
 * an edit never lowers a decision (the author could remove words after we saw them; an officer overrides
 * if it should go down).
 *
 * When the decision outranks the item's as read here and the matrix escalates it, the owner team is told
 * now, as for a new interaction: EscalationRaised with the occasion `edit-over:v<version read>`, which
 * notify-owner tells once: two edits decided against the same state share one notice, and an item an
 * officer lowered since (a new version) is news again. Whether an edit raises is decided once: when the
 * log has applied this edit already (a retry, a redelivery, a replay), the answer is what it recorded
 * (`raisedByEdits`, with the occasion told), not a fresh comparison with a state the edit itself made.
 *
 * An edit whose interaction is not in the log (its delivery is behind the edit's, or it was posted before
 * the account was connected) is decided on what the edit itself says, as a public comment by a member of
 * the public (a private message on Messenger and Instagram); the log keeps that decision until the
 * interaction arrives, and the team is told now if the matrix escalates it, under the priority alone: it
 * is the first the team hears of the item, so the interaction's own decision at that priority is no news.
 */
export type ReassessOutcome =
  /** Logged but not decided yet: the edit overtook the interaction's decision (retried). */
  | { kind: 'not-decided' }
  /** Deleted, erased at the author's request or past its platform's storage limit: there is nothing to decide on. */
  | { kind: 'gone' }
  /** `unlogged`: decided without the interaction (not in the log), to be applied when it arrives. */
  | { kind: 'reassessed'; assessment: Assessment; raises: boolean; unlogged: boolean; events: OutgoingEvent[] };

export function reassessEdit(
  edit: DetailOf<typeof InteractionEdited>,
  logged: LoggedInteraction | 'deleted' | undefined,
  matrix: ResponseMatrix,
  now: string,
  context: AssessContext = {},
): ReassessOutcome {
  if (logged === 'deleted') return { kind: 'gone' };
  if (!logged) return decideUnlogged(edit, matrix, now, context);
  const { interaction, record } = logged;
  if (record.deletedAt !== undefined || record.erasedAt !== undefined || record.contentExpiredAt !== undefined) return { kind: 'gone' };
  if (record.assessment === undefined || record.priority === undefined) return { kind: 'not-decided' };
  const { data } = edit;

  // The stored interaction, with the edit's words (unredacted here: the PII detector must see them) and
  // the clock from the edit's receipt. Nothing else about the interaction changes with an edit.
  const edited = { ...interaction, text: data.text, receivedAt: data.receivedAt, flags: { ...interaction.flags, edited: true } };
  const { assessment } = assess(edited, matrix, now, context);
  const applied = logged.appliedActions.has(`reassessed:${data.editedAt}`);
  const told = record.raisedByEdits?.[data.editedAt];
  const raises = applied ? told !== undefined : outranks(assessment, record, ruleOrderOf(matrix));
  const occasion = applied ? told || undefined : `edit-over:v${record.version}`;
  const before = applied ? 'an earlier decision' : `${record.category ?? 'undecided'} ${record.priority ?? ''}`.trim();
  const events = decisionEvents(edit, interaction, assessment, raises, `The author edited it after it was decided (${before})`, occasion);
  return { kind: 'reassessed', assessment, raises, unlogged: false, events };
}

function decideUnlogged(edit: DetailOf<typeof InteractionEdited>, matrix: ResponseMatrix, now: string, context: AssessContext): ReassessOutcome {
  const { data } = edit;
  const privateMessage = data.channel ? data.channel === 'direct_message' : data.platform === 'messenger' || data.platform === 'instagram';
  const interaction: Interaction = {
    id: data.id,
    platform: data.platform,
    channel: data.channel ?? (privateMessage ? 'direct_message' : 'public_comment'),
    ...(data.permalink ? { permalink: data.permalink } : {}),
    nativeId: data.nativeId,
    accountId: data.accountId,
    author: {},
    text: data.text,
    occurredAt: data.editedAt,
    receivedAt: data.receivedAt,
    mediaKinds: [],
    flags: { edited: true, deleted: false, ownAccount: false, needsEnrichment: false, private: privateMessage },
  };
  const { assessment } = assess(interaction, matrix, now, context);
  const events = decisionEvents(
    edit,
    interaction,
    assessment,
    true,
    'It was edited before we received the message itself, which joins the queue when the platform delivers it (if it was posted before the account was connected, find it on the platform)',
    undefined,
  );
  return { kind: 'reassessed', assessment, raises: true, unlogged: true, events };
}

/** InteractionReassessed, and EscalationRaised when the decision raises the item and the matrix escalates it. */
function decisionEvents(
  edit: DetailOf<typeof InteractionEdited>,
  interaction: Interaction,
  assessment: Assessment,
  raises: boolean,
  why: string,
  occasion: string | undefined,
): OutgoingEvent[] {
  const escalation = raises ? escalationEvent(interaction, assessment, edit.metadata.correlationId) : undefined;
  const { data } = edit;
  const reassessed: OutgoingEvent<typeof InteractionReassessed.dataSchema> = {
    contract: InteractionReassessed,
    detail: {
      metadata: {
        schemaVersion: InteractionReassessed.schemaVersion,
        idempotencyKey: `InteractionReassessed:${interaction.id}:${data.editedAt}:${assessment.matrixVersion}`,
        correlationId: edit.metadata.correlationId,
        occurredAt: assessment.assessedAt,
      },
      data: {
        interactionId: interaction.id,
        platform: interaction.platform,
        editedAt: data.editedAt,
        receivedAt: data.receivedAt,
        assessment,
        ...(escalation && occasion ? { occasion } : {}),
      },
    },
  };
  const events: OutgoingEvent[] = [reassessed];
  // The email's "received" is the interaction's; its due time is the new decision's (from the edit).
  if (escalation) {
    escalation.detail.metadata.idempotencyKey = `EscalationRaised:${interaction.id}:edit:${data.editedAt}:${assessment.matrixVersion}`;
    escalation.detail.data.reasons = [`${why}: the edited text is ${assessment.category} ${assessment.priority}`, ...escalation.detail.data.reasons];
    if (occasion) escalation.detail.data.occasion = occasion;
    escalation.detail.data.flags = [...new Set([...(escalation.detail.data.flags ?? []), 'edited'])];
    events.push(escalation);
  }
  return events;
}
