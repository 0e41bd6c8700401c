/**
 * An edit decided again (core/triage/reassess-edit.ts): the matrix on the edited words with everything
 * else the log holds, a clock from the edit, and the owner team told only when the edit made it more urgent.
 */
import { EscalationRaised, InteractionReassessed, type DetailOf, type InteractionEdited } from '../../../events';
import type { InteractionRecord } from '../../../functions/core/interactions/record';
import { assessed } from '../../../functions/core/interactions/transitions';
import { assess } from '../../../functions/core/matrix/assess';
import type { LoggedInteraction } from '../../../functions/core/ports';
import { reassessEdit } from '../../../functions/core/triage/reassess-edit';
import { defaultMatrix, interaction, TUESDAY_MORNING } from '../matrix/fixtures';

const ORIGINAL = 'Thanks for the update about parking at the hospital';
// Tuesday 10 March 2026: received 10:00, edited 14:30 the same day.
const EDITED_AT = '2026-03-10T14:30:00Z';
const EDIT_RECEIVED = '2026-03-10T14:30:02Z';
const NOW = '2026-03-10T14:30:03Z';

function logged(text = ORIGINAL, change: (record: InteractionRecord) => InteractionRecord = (r) => r): LoggedInteraction {
  const original = interaction(text);
  const { assessment, redactedText } = assess(original, defaultMatrix, TUESDAY_MORNING);
  const record: InteractionRecord = {
    id: original.id,
    platform: original.platform,
    channel: original.channel,
    receivedAt: original.receivedAt,
    ownAccount: false,
    text: redactedText,
    author: original.author,
    status: 'received',
    replies: [],
    version: 1,
  };
  const decided = assessed({ ...record, assessment }, assessment);
  if (decided.kind !== 'changed') throw new Error('unreachable');
  return { interaction: { ...original, text: redactedText }, record: change(decided.next), appliedActions: new Set(['received', 'assessed']) };
}

function edit(text: string, editedAt = EDITED_AT): DetailOf<typeof InteractionEdited> {
  return {
    metadata: { schemaVersion: 1, idempotencyKey: `InteractionEdited:facebook:123_456:${editedAt}`, correlationId: 'edit-corr-1', occurredAt: EDIT_RECEIVED },
    data: { id: 'facebook:123_456', platform: 'facebook', nativeId: '123_456', accountId: 'page-1', text, editedAt, receivedAt: EDIT_RECEIVED },
  };
}

describe('reassessEdit', () => {
  it('decides on the edited words: a risk to life added to a thank-you is safeguarding P0, due 15 minutes from the edit, and pages', () => {
    const before = logged();
    expect(before.record.priority).not.toBe('P0');
    const outcome = reassessEdit(edit(`${ORIGINAL}. I am going to end my life tonight`), before, defaultMatrix, NOW);
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    expect(outcome.assessment).toMatchObject({ category: 'safeguarding', priority: 'P0', slaDueAt: '2026-03-10T14:45:02Z' });
    expect(outcome.raises).toBe(true);
    const [reassessed, escalation] = outcome.events;
    expect(reassessed!.contract).toBe(InteractionReassessed);
    expect(() => InteractionReassessed.detailSchema.parse(reassessed!.detail)).not.toThrow();
    expect(reassessed!.detail.data).toMatchObject({ interactionId: 'facebook:123_456', editedAt: EDITED_AT });
    expect(reassessed!.detail.metadata.correlationId).toBe('edit-corr-1');
    expect(escalation!.contract).toBe(EscalationRaised);
    const data = EscalationRaised.detailSchema.parse(escalation!.detail).data;
    expect(data).toMatchObject({ priority: 'P0', page: true, receivedAt: TUESDAY_MORNING, slaDueAt: '2026-03-10T14:45:02Z' });
    expect(data.reasons[0]).toBe(`The author edited it after it was decided (${before.record.category} ${before.record.priority}): the edited text is safeguarding P0`);
    expect(data.flags).toContain('edited');
    // Told once per state it raised: notify-owner keys its notice on the occasion (the version it read).
    expect(data.occasion).toBe(`edit-over:v${before.record.version}`);
    expect(InteractionReassessed.detailSchema.parse(reassessed!.detail).data.occasion).toBe(data.occasion);
    expect(reassessed!.detail.data).toMatchObject({ receivedAt: EDIT_RECEIVED });
    // No message text leaves in the escalation (evidence quotes only the matrix's own phrases).
    expect(JSON.stringify(escalation!.detail)).not.toMatch(/end my life|update about/u);
  });

  it('sees personal data only in the edited words (the stored text is redacted), and never publishes them', () => {
    const outcome = reassessEdit(edit('My NHS number is 943 476 5919, please call me'), logged(), defaultMatrix, NOW);
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    expect(outcome.assessment.piiKinds).toContain('nhs-number');
    expect(JSON.stringify(outcome.events.map((event) => event.detail))).not.toContain('943 476 5919');
  });

  it('tells nobody when the edit is no more urgent: the decision still goes to the log for its audit trail', () => {
    const before = logged('I am going to end my life tonight');
    expect(before.record.priority).toBe('P0');
    const outcome = reassessEdit(edit('Sorry, I am fine now, thank you for checking'), before, defaultMatrix, NOW);
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    expect(outcome.raises).toBe(false);
    expect(outcome.events.map((event) => event.contract.detailType)).toEqual(['InteractionReassessed']);
  });

  it('compares with the priority in the queue now: an officer already raised it to P0, so an edit to P0 tells nobody again', () => {
    const before = logged(ORIGINAL, (record) => ({ ...record, priority: 'P0', overridden: true }));
    const outcome = reassessEdit(edit('I am going to end my life tonight'), before, defaultMatrix, NOW);
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    expect(outcome.raises).toBe(false);
    expect(outcome.events).toHaveLength(1);
  });

  it('waits for the decision of an interaction logged but not decided yet', () => {
    const undecided = logged(ORIGINAL, ({ priority: _p, assessment: _a, ...record }) => ({ ...record, status: 'received' }));
    expect(reassessEdit(edit('x'), undecided, defaultMatrix, NOW)).toEqual({ kind: 'not-decided' });
  });

  it('decides an edit whose interaction is not in the log on its own words, as a public comment, and tells the team', () => {
    const outcome = reassessEdit(edit('I am going to end my life tonight'), undefined, defaultMatrix, NOW);
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    expect(outcome).toMatchObject({ unlogged: true, raises: true, assessment: { category: 'safeguarding', priority: 'P0', slaDueAt: '2026-03-10T14:45:02Z' } });
    const escalation = EscalationRaised.detailSchema.parse(outcome.events[1]!.detail).data;
    expect(escalation).toMatchObject({ channel: 'public_comment', receivedAt: EDIT_RECEIVED });
    // The first the team hears of it: told under the priority alone, which the interaction's own decision shares.
    expect(escalation.occasion).toBeUndefined();
    expect(escalation.reasons[0]).toMatch(/^It was edited before we received the message itself/u);
    // A benign edit is decided too (the log keeps it), but tells nobody.
    const benign = reassessEdit(edit('Thanks for the parking update'), undefined, defaultMatrix, NOW);
    expect(benign.kind === 'reassessed' && benign.events.map((event) => event.contract.detailType)).toEqual(['InteractionReassessed']);
  });

  it('decides the same way on a retry or replay of an edit the log applied: from what it recorded, under the same occasion', () => {
    const raisedBefore = logged(ORIGINAL, (r) => ({ ...r, priority: 'P0', category: 'safeguarding', raisedByEdits: { [EDITED_AT]: 'edit-over:v2' } }));
    const replay = reassessEdit(edit('I am going to end my life tonight'), { ...raisedBefore, appliedActions: new Set(['assessed', `reassessed:${EDITED_AT}`]) }, defaultMatrix, NOW);
    if (replay.kind !== 'reassessed') throw new Error(replay.kind);
    expect(replay.raises).toBe(true);
    expect(EscalationRaised.detailSchema.parse(replay.events[1]!.detail).data.occasion).toBe('edit-over:v2');
    // Applied without raising (a typo fix on a P0), then an officer lowered it to P3: a replay tells nobody.
    const lowered = logged('I am going to end my life tonight', (r) => ({ ...r, priority: 'P3', overridden: true }));
    const again = reassessEdit(edit('I am going to end my life tonight.'), { ...lowered, appliedActions: new Set(['assessed', `reassessed:${EDITED_AT}`]) }, defaultMatrix, NOW);
    expect(again.kind === 'reassessed' && again.events.map((event) => event.contract.detailType)).toEqual(['InteractionReassessed']);
  });

  it('decides nothing on a message deleted before it reached us', () => {
    expect(reassessEdit(edit('I am going to end my life tonight'), 'deleted', defaultMatrix, NOW)).toEqual({ kind: 'gone' });
  });

  it('decides nothing on a deleted, erased or expired interaction', () => {
    for (const gone of [{ deletedAt: NOW }, { erasedAt: NOW }, { contentExpiredAt: NOW }]) {
      expect(reassessEdit(edit('I am going to end my life'), logged(ORIGINAL, (r) => ({ ...r, ...gone })), defaultMatrix, NOW)).toEqual({ kind: 'gone' });
    }
  });

  it('decides on an older edit even after a newer one is logged: its words were seen', () => {
    const outcome = reassessEdit(edit('I am going to end my life tonight'), logged(ORIGINAL, (r) => ({ ...r, editedAt: '2026-03-10T15:00:00Z' })), defaultMatrix, NOW);
    expect(outcome).toMatchObject({ kind: 'reassessed', raises: true, assessment: { priority: 'P0' } });
  });

  it('tells the safeguarding team when a threat (P0) is edited to add a risk to life (P0): same priority, a rule the matrix ranks first', () => {
    const threat = logged('I know where you live and I will hurt you');
    expect(threat.record).toMatchObject({ category: 'abuse-or-threat', priority: 'P0' });
    const outcome = reassessEdit(edit('I know where you live and I will hurt you, then I am going to end my life tonight'), threat, defaultMatrix, NOW);
    if (outcome.kind !== 'reassessed') throw new Error(outcome.kind);
    expect(outcome).toMatchObject({ raises: true, assessment: { category: 'safeguarding', priority: 'P0', ownerTeam: 'safeguarding' } });
    expect(outcome.events.map((event) => event.contract.detailType)).toEqual(['InteractionReassessed', 'EscalationRaised']);
  });
});
