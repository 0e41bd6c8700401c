import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Assessment } from '../../../events';
import { ConflictError, ValidationError } from '../../../functions/core/interactions/errors';
import { matrixView } from '../../../functions/core/interactions/matrix-view';
import type { InteractionRecord } from '../../../functions/core/interactions/record';
import {
  assessed,
  assign,
  breached,
  breachNotified,
  close,
  erase,
  expireContent,
  needsReplyFor,
  override,
  reassessed,
  reply,
} from '../../../functions/core/interactions/transitions';
import { defaultMatrix } from '../matrix/fixtures';

const matrix = matrixView(defaultMatrix);
const assessment: Assessment = JSON.parse(readFileSync(join(__dirname, '../../../events/samples/InteractionAssessed.json'), 'utf8')).detail.data.assessment;

// Tuesday 24 November 2026, 10:15 GMT: a complaint, P2, due end of the next working day.
const base: InteractionRecord = {
  id: 'facebook:1_2',
  platform: 'facebook',
  channel: 'public_post',
  receivedAt: '2026-11-24T10:15:00.000Z',
  ownAccount: false,
  text: 'We waited 6 hours',
  author: { id: '42', displayName: 'A visitor' },
  permalink: 'https://www.facebook.com/1_2',
  status: 'received',
  replies: [],
  version: 1,
};
const assessedRecord = (): InteractionRecord => {
  const t = assessed(base, assessment);
  if (t.kind !== 'changed') throw new Error('unreachable');
  return t.next;
};
const changed = (t: ReturnType<typeof assign>) => {
  if (t.kind !== 'changed') throw new Error(`expected a change, got ${t.kind}`);
  return t;
};
const NOW = '2026-11-24T11:00:00.000Z';
const ME = 'user:jo@example.nhs.uk';

describe('assessed', () => {
  it('takes status, category, priority, owner team, due time and needsReply from the matrix decision', () => {
    expect(assessedRecord()).toMatchObject({
      status: 'assessed',
      category: 'complaint',
      priority: 'P2',
      ownerTeam: 'pals',
      slaDueAt: '2026-11-25T17:00:00Z',
      needsReply: true,
      ruleId: 'complaint-about-care',
      matrixVersion: '2026.12-nhs-default.2',
    });
  });

  it('keeps a person’s override and assignment made before the decision arrived', () => {
    const before = { ...base, status: 'assigned' as const, category: 'clinical-question', priority: 'P1', overridden: true, ownerTeam: 'comms', assignedAt: NOW };
    const t = changed(assessed(before, assessment));
    expect(t.next).toMatchObject({ status: 'assigned', category: 'clinical-question', priority: 'P1', ownerTeam: 'comms' });
  });
});

describe('needsReplyFor', () => {
  it.each([
    ['yes', 'P2', false, true],
    ['private-only', 'P0', false, true],
    ['holding-line', 'P1', false, true],
    ['optional', 'P3', false, false],
    ['no', 'P1', false, false],
    ['yes', 'monitor', false, false],
    ['yes', 'P2', true, false],
  ] as const)('publicReply %s at %s (own account %s): %s', (publicReply, priority, own, expected) => {
    expect(needsReplyFor(publicReply, priority, own)).toBe(expected);
  });
});

describe('assign', () => {
  it('moves an assessed item to assigned, with an audit item naming who and what', () => {
    const t = changed(assign(assessedRecord(), { team: 'comms', assignee: 'Sam' }, ME, NOW, matrix));
    expect(t.next).toMatchObject({ status: 'assigned', ownerTeam: 'comms', assignee: 'Sam', assignedAt: NOW });
    expect(t.audit).toMatchObject({
      at: NOW,
      kind: 'assigned',
      actor: ME,
      what: 'assigned to Comms team (clinical sign-off for clinical facts) (Sam)', // the team's name, for people
      matrixVersion: '2026.12-nhs-default.2',
      changes: { ownerTeam: { from: 'pals', to: 'comms' }, assignee: { to: 'Sam' }, status: { from: 'assessed', to: 'assigned' } },
    });
  });

  it('changes nothing when already assigned so', () => {
    const once = changed(assign(assessedRecord(), { team: 'comms' }, ME, NOW, matrix)).next;
    expect(assign(once, { team: 'comms' }, ME, NOW, matrix)).toEqual({ kind: 'unchanged' });
  });

  it('refuses a team the matrix does not have, naming the field', () => {
    expect(() => assign(assessedRecord(), { team: 'nobody' }, ME, NOW, matrix)).toThrow(expect.objectContaining({ name: 'ValidationError', fields: ['body.team'] }));
  });

  it('refuses a closed item', () => {
    const closed = { ...assessedRecord(), status: 'closed' as const };
    expect(() => assign(closed, { team: 'comms' }, ME, NOW, matrix)).toThrow(ConflictError);
  });
});

describe('reply', () => {
  it('stops the clock with the first response time in working minutes (and elapsed minutes)', () => {
    // Received Tue 10:15, replied Wed 09:30: 6 h 45 on Tuesday + 30 min on Wednesday.
    const t = changed(reply(assessedRecord(), { at: '2026-11-25T09:30:00.000Z', visibility: 'public', text: 'Sorry to hear this' }, ME, '2026-11-25T09:31:00.000Z', matrix));
    expect(t.next).toMatchObject({
      status: 'replied',
      firstResponseAt: '2026-11-25T09:30:00.000Z',
      firstResponseWorkingMinutes: 435,
      firstResponseElapsedMinutes: 1395,
      firstResponseBy: ME,
      replyVisibility: 'public',
      replies: [{ at: '2026-11-25T09:30:00.000Z', by: ME, visibility: 'public', text: 'Sorry to hear this' }],
    });
    expect(t.audit).toMatchObject({ kind: 'replied', what: 'replied in public; first response after 435 working minutes' });
  });

  it.each<[string, Partial<InteractionRecord>]>([
    ['a P0', { priority: 'P0' }],
    ['a decision made in major-incident mode whose target runs day and night (P1: 30 minutes, allDay)', { priority: 'P1', assessment: { ...assessment, incident: { id: 'incident-1', name: 'Flood' } } }],
  ])('counts every elapsed minute for %s answered out of hours', (_case, changes) => {
    // Received Tue 22:00 GMT (out of monitored hours), answered two minutes later.
    const record = { ...assessedRecord(), receivedAt: '2026-11-24T22:00:00.000Z', ...changes };
    const t = changed(reply(record, { at: '2026-11-24T22:02:00.000Z', visibility: 'public' }, ME, '2026-11-24T22:03:00.000Z', matrix));
    expect(t.next).toMatchObject({ firstResponseWorkingMinutes: 2, firstResponseElapsedMinutes: 2 });
    expect(t.audit?.what).toBe('replied in public; first response after 2 minutes (the clock runs day and night)');
  });

  it('keeps working minutes for a clock that runs in monitored hours only, out of hours', () => {
    const record = { ...assessedRecord(), receivedAt: '2026-11-24T22:00:00.000Z' };
    const t = changed(reply(record, { at: '2026-11-24T22:02:00.000Z', visibility: 'public' }, ME, '2026-11-24T22:03:00.000Z', matrix));
    expect(t.next).toMatchObject({ firstResponseWorkingMinutes: 0, firstResponseElapsedMinutes: 2 });
  });

  it('records a later reply without moving the first response', () => {
    const first = changed(reply(assessedRecord(), { at: '2026-11-24T12:00:00.000Z', visibility: 'private' }, ME, '2026-11-24T12:00:00.000Z', matrix)).next;
    const second = changed(reply(first, { at: '2026-11-24T13:00:00.000Z', visibility: 'public' }, ME, '2026-11-24T13:00:00.000Z', matrix));
    expect(second.next).toMatchObject({ firstResponseAt: '2026-11-24T12:00:00.000Z', replyVisibility: 'private', status: 'replied' });
    expect(second.next.replies).toHaveLength(2);
  });

  it('records the trust’s own reply seen by intake once', () => {
    const first = changed(reply(assessedRecord(), { at: NOW, visibility: 'public', replyInteractionId: 'facebook:9' }, 'system:intake', NOW, matrix)).next;
    expect(reply(first, { at: NOW, visibility: 'public', replyInteractionId: 'facebook:9' }, 'system:intake', NOW, matrix)).toEqual({ kind: 'unchanged' });
  });

  it.each([
    ['before the message was received', '2026-11-24T09:00:00.000Z'],
    ['in the future', '2026-11-24T12:00:00.000Z'],
  ])('refuses a reply time %s', (_case, at) => {
    expect(() => reply(assessedRecord(), { at, visibility: 'public' }, ME, NOW, matrix)).toThrow(ValidationError);
  });
});

describe('override', () => {
  it('changes category and priority with the reason, and recomputes the due time for the new priority', () => {
    const t = changed(override(assessedRecord(), { category: 'clinical-question', priority: 'P1', reason: 'asks about medication' }, ME, NOW, matrix));
    // P1: one monitored hour from receipt (Tue 10:15 -> 11:15).
    expect(t.next).toMatchObject({ category: 'clinical-question', priority: 'P1', overridden: true, slaDueAt: '2026-11-24T11:15:00Z', needsReply: true });
    expect(t.audit).toMatchObject({
      kind: 'overridden',
      why: 'asks about medication',
      changes: { category: { from: 'complaint', to: 'clinical-question' }, priority: { from: 'P2', to: 'P1' } },
    });
    // Words for people: field labels and local times; the stored changes stay structured.
    expect(t.audit?.what).toBe(
      'overridden: category Complaint (signposted to PALS) → Clinical question; priority P2 → P1; due Wed 25 Nov 2026, 17:00 → Tue 24 Nov 2026, 11:15',
    );
  });

  it('a monitor-only priority stops the clock and expects no reply', () => {
    const t = changed(override(assessedRecord(), { priority: 'monitor', reason: 'spam after all' }, ME, NOW, matrix));
    expect(t.next.slaDueAt).toBeUndefined();
    expect(t.next.needsReply).toBe(false);
  });

  it.each([
    ['replied', () => changed(reply(assessedRecord(), { at: '2026-11-24T10:45:00.000Z', visibility: 'public' }, ME, NOW, matrix)).next],
    ['closed', () => changed(close(assessedRecord(), 'dealt with offline', ME, NOW)).next],
  ])('on a %s item changes priority and category only: the stopped clock stays as it was', (_case, stopped) => {
    const before = stopped();
    const t = changed(override(before, { category: 'clinical-question', priority: 'P1', reason: 'asks about medication' }, ME, NOW, matrix));
    expect(t.next).toMatchObject({ category: 'clinical-question', priority: 'P1', overridden: true, status: before.status });
    expect(t.next.slaDueAt).toBe('2026-11-25T17:00:00Z');
    expect(t.next.needsReply).toBe(before.needsReply);
    expect(Object.keys(t.audit?.changes ?? {}).sort()).toEqual(['category', 'priority']);
    expect(t.audit?.what).not.toMatch(/slaDueAt|due /);
  });

  it('on a replied item, monitor-only does not clear the due time the response was measured against', () => {
    const replied = changed(reply(assessedRecord(), { at: '2026-11-24T10:45:00.000Z', visibility: 'public' }, ME, NOW, matrix)).next;
    const t = changed(override(replied, { priority: 'monitor', reason: 'spam after all' }, ME, NOW, matrix));
    expect(t.next).toMatchObject({ priority: 'monitor', slaDueAt: '2026-11-25T17:00:00Z', needsReply: true });
  });

  it('an open monitor-only item given a priority gets its clock from the override, not backdated to receipt', () => {
    const monitored = changed(override(assessedRecord(), { priority: 'monitor', reason: 'spam after all' }, ME, NOW, matrix)).next;
    const t = changed(override(monitored, { priority: 'P1', reason: 'not spam: asks about medication' }, ME, '2026-11-24T14:00:00.000Z', matrix));
    // P1 on a complaint: the matrix has no P1 complaint rule, so the priority's default, one monitored hour.
    expect(t.next).toMatchObject({ priority: 'P1', slaDueAt: '2026-11-24T15:00:00Z', needsReply: true });
  });

  it('refuses a category the matrix does not have', () => {
    expect(() => override(assessedRecord(), { category: 'gossip', reason: 'because' }, ME, NOW, matrix)).toThrow(
      expect.objectContaining({ fields: ['body.category'] }),
    );
  });
});

describe('close', () => {
  it('closes once; closing again changes nothing', () => {
    const t = changed(close(assessedRecord(), 'hidden and reported', ME, NOW));
    expect(t.next).toMatchObject({ status: 'closed', closedAt: NOW, closedBy: ME });
    expect(t.audit).toMatchObject({ kind: 'closed', why: 'hidden and reported' });
    expect(close(t.next, undefined, ME, NOW)).toEqual({ kind: 'unchanged' });
  });
});

describe('erase and expire', () => {
  const withReply = () => changed(reply(assessedRecord(), { at: NOW, visibility: 'public', text: 'Hello A visitor' }, ME, NOW, matrix)).next;

  it('erasure removes text, author, link and reply texts, keeps the anonymised record', () => {
    const t = changed(erase(withReply(), { erasureId: 'e-1', reason: 'SAR-17' }, ME, NOW));
    expect(t.next).toMatchObject({ text: '', author: {}, erasedAt: NOW, category: 'complaint', firstResponseAt: NOW });
    expect(t.next.permalink).toBeUndefined();
    expect(JSON.stringify(t.next)).not.toMatch(/waited|A visitor|Hello/);
    expect(t.audit).toMatchObject({ kind: 'erased', why: 'SAR-17' });
    expect(t.audit?.what).toContain('e-1');
  });

  it('platform limits expire the content once, by the retention actor', () => {
    const t = changed(expireContent({ ...withReply(), platform: 'linkedin' }, 48, NOW));
    expect(t.next).toMatchObject({ text: '', author: {}, contentExpiredAt: NOW });
    expect(t.audit).toMatchObject({ kind: 'content-expired', actor: 'system:retention', what: expect.stringContaining('48 hours') });
    expect(expireContent(t.next, 48, NOW)).toEqual({ kind: 'unchanged' });
  });
});

describe('SLA breach', () => {
  it('claims each level once, leaving the notification pending until confirmed', () => {
    const late = '2026-11-25T17:05:00.000Z';
    const one = changed(breached(assessedRecord(), 1, late));
    expect(one.next).toMatchObject({ slaBreachLevel: 1, slaBreachedAt: late, slaNotifyPending: 1 });
    expect(one.audit).toMatchObject({ kind: 'sla-breached', actor: 'system:sla-watch', what: expect.stringContaining('5 minutes overdue') });
    expect(breached(one.next, 1, late)).toEqual({ kind: 'unchanged' });
    const confirmed = changed(breachNotified(one.next, 1)).next;
    expect(confirmed.slaNotifyPending).toBeUndefined();
    expect(changed(breached(confirmed, 2, '2026-11-26T17:05:00.000Z')).next).toMatchObject({ slaBreachLevel: 2, slaBreachedAt: late });
  });

  it('never breaches an item that is replied, closed or has no clock', () => {
    const record = assessedRecord();
    for (const r of [{ ...record, status: 'replied' as const }, { ...record, status: 'closed' as const }, { ...record, slaDueAt: undefined }]) {
      expect(breached(r, 1, '2026-12-01T00:00:00.000Z')).toEqual({ kind: 'unchanged' });
    }
  });
});

describe('reassessed (the matrix decided again on an edit)', () => {
  // The complaint (P2, PALS, received Tue 10:15) edited at 10:40 (received 10:40:02) to add a risk to life:
  // safeguarding P0, due 10:55:02.
  const EDITED_AT = '2026-11-24T10:40:00.000Z';
  const EDIT_RECEIVED = '2026-11-24T10:40:02.000Z';
  const p0: Assessment = {
    ...assessment,
    category: 'safeguarding',
    priority: 'P0',
    ownerTeam: 'safeguarding',
    owner: 'Duty social officer and safeguarding lead',
    publicReply: 'private-only',
    action: 'Do not reply in public.',
    ruleId: 'safeguarding-risk-to-life',
    slaDueAt: '2026-11-24T10:55:02.000Z',
    signals: [{ detector: 'risk-to-life', category: 'safeguarding', evidence: 'risk to life: first-person intent to end their life' }],
    assessedAt: '2026-11-24T10:40:03.000Z',
  };
  const p3: Assessment = { ...assessment, category: 'compliment', priority: 'P3', ruleId: 'compliment', assessedAt: '2026-11-24T10:40:03.000Z' };
  const input = (decision: Assessment, editedAt = EDITED_AT, receivedAt = EDIT_RECEIVED) => ({ assessment: decision, editedAt, receivedAt });
  // The matrix's rule ids; the safeguarding rule is written before the threats rule.
  const ruleId = (category: string) => defaultMatrix.rules.find((rule) => rule.category === category)!.id;

  it('raises an open item to a more urgent decision: category, priority, owner team, rule, a clock from the edit, the decision in force', () => {
    const before = { ...assessedRecord(), status: 'assigned' as const, assignee: 'jo' };
    const t = changed(reassessed(before, input(p0), matrix));
    expect(t.next).toMatchObject({
      status: 'assessed',
      category: 'safeguarding',
      priority: 'P0',
      ownerTeam: 'safeguarding',
      ruleId: 'safeguarding-risk-to-life',
      slaDueAt: '2026-11-24T10:55:02.000Z',
      clockFrom: EDIT_RECEIVED,
      needsReply: true,
      assessment: p0,
    });
    // The assignee was PALS's, not the safeguarding team's: the item is no longer "assigned".
    expect(t.next.assignee).toBeUndefined();
    expect(t.next.reopenedAt).toBeUndefined();
    expect(t.audit).toMatchObject({
      kind: 'reassessed',
      actor: 'system:response-matrix',
      at: '2026-11-24T10:40:03.000Z',
      ruleId: 'safeguarding-risk-to-life',
      signals: p0.signals,
      changes: {
        priority: { from: 'P2', to: 'P0' },
        category: { from: 'complaint', to: 'safeguarding' },
        ownerTeam: { from: 'pals', to: 'safeguarding' },
        status: { from: 'assigned', to: 'assessed' },
      },
    });
    expect(t.audit!.what).toBe(`safeguarding P0: Do not reply in public. (on the edit made at ${EDITED_AT})`);
  });

  it('keeps a running clock due sooner, but never one already past: a new P0 gets its own 15 minutes', () => {
    const soon = { ...assessedRecord(), slaDueAt: '2026-11-24T10:50:00.000Z' };
    expect(changed(reassessed(soon, input(p0), matrix)).next).toMatchObject({ slaDueAt: '2026-11-24T10:50:00.000Z' });
    expect(changed(reassessed(soon, input(p0), matrix)).next.clockFrom).toBeUndefined();
    const past = { ...assessedRecord(), slaDueAt: '2026-11-24T10:30:00.000Z', slaBreachLevel: 1 };
    const raised = changed(reassessed(past, input(p0), matrix)).next;
    expect(raised).toMatchObject({ slaDueAt: '2026-11-24T10:55:02.000Z', clockFrom: EDIT_RECEIVED });
    expect(raised.slaBreachLevel).toBeUndefined();
  });

  it('as urgent from a rule written earlier in the matrix outranks: a threat edited to add a risk to life goes to the safeguarding team', () => {
    expect(matrix.ruleOrder!.get('safeguarding-risk-to-life')!).toBeLessThan(matrix.ruleOrder!.get(ruleId('abuse-or-threat'))!);
    const threat = { ...assessedRecord(), category: 'abuse-or-threat', priority: 'P0', ownerTeam: 'security', ruleId: ruleId('abuse-or-threat') };
    const t = changed(reassessed(threat, input(p0), matrix));
    expect(t.next).toMatchObject({ category: 'safeguarding', ownerTeam: 'safeguarding' });
    // The other way round (the risk taken out, the threat left) is not a raise.
    const risk = { ...assessedRecord(), category: 'safeguarding', priority: 'P0', ownerTeam: 'safeguarding', ruleId: 'safeguarding-risk-to-life' };
    const back = changed(reassessed(risk, input({ ...p0, category: 'abuse-or-threat', ruleId: ruleId('abuse-or-threat') }), matrix));
    expect(back.next).toBe(risk);
    // A person's category stands at the same priority.
    const overridden = { ...threat, overridden: true };
    expect(changed(reassessed(overridden, input(p0), matrix)).next).toBe(overridden);
  });

  it('reopens a replied or closed item with a clock from the edit; the next reply is its first response, timed from the edit', () => {
    const answered = changed(reply(assessedRecord(), { at: '2026-11-24T10:30:00.000Z', visibility: 'public' }, ME, '2026-11-24T10:30:00.000Z', matrix)).next;
    const closed = changed(close(answered, undefined, ME, '2026-11-24T10:35:00.000Z')).next;
    for (const before of [answered, closed]) {
      const t = changed(reassessed(before, input(p0), matrix));
      expect(t.next).toMatchObject({ status: 'assessed', priority: 'P0', reopenedAt: EDIT_RECEIVED, clockFrom: EDIT_RECEIVED, slaDueAt: '2026-11-24T10:55:02.000Z' });
      for (const field of ['firstResponseAt', 'firstResponseWorkingMinutes', 'closedAt', 'closedBy'] as const) expect(t.next[field]).toBeUndefined();
      // The earlier reply is kept.
      expect(t.next.replies).toHaveLength(1);
      expect(t.audit!.what).toContain('reopened');

      // A reply recorded late but sent before the edit answered the earlier words: the clock runs on.
      const late = changed(reply(t.next, { at: '2026-11-24T10:38:00.000Z', visibility: 'public' }, ME, '2026-11-24T10:45:00.000Z', matrix)).next;
      expect(late.status).toBe('assessed');
      expect(late.firstResponseAt).toBeUndefined();
      // The answer to the edit stops it, measured from the edit's receipt (P0: elapsed minutes).
      const answer = changed(reply(late, { at: '2026-11-24T10:52:02.000Z', visibility: 'private' }, ME, '2026-11-24T10:52:02.000Z', matrix)).next;
      expect(answer).toMatchObject({ status: 'replied', firstResponseAt: '2026-11-24T10:52:02.000Z', firstResponseWorkingMinutes: 12, firstResponseElapsedMinutes: 12 });
      // An override now times from the edit too, not from the first receipt.
      expect(changed(override(late, { priority: 'P1', reason: 'not immediate' }, ME, '2026-11-24T10:45:00.000Z', matrix)).next.slaDueAt).toBe('2026-11-24T11:40:02Z');
    }
  });

  it('does not reopen an item answered after the edit came in (the decision reached the log late): that reply is the first response', () => {
    const answered = changed(reply(assessedRecord(), { at: '2026-11-24T10:45:00.000Z', visibility: 'private' }, ME, '2026-11-24T10:45:00.000Z', matrix)).next;
    const t = changed(reassessed(answered, input(p0), matrix));
    expect(t.next).toMatchObject({ status: 'replied', priority: 'P0', firstResponseAt: '2026-11-24T10:45:00.000Z', firstResponseWorkingMinutes: 5, firstResponseBy: ME });
    expect(t.next.reopenedAt).toBeUndefined();
    expect(t.audit!.what).toContain('already answered after the edit');
    // Closed by a person after the edit came in: raised to P1, but left closed; a P0 is reopened all the same.
    const closed = changed(close(assessedRecord(), 'dealt with by phone', ME, '2026-11-24T10:50:00.000Z')).next;
    const p1 = { ...p0, category: 'pii', priority: 'P1' as const, ownerTeam: 'information-governance', ruleId: 'patient-identifiable-info', slaDueAt: '2026-11-24T11:40:02.000Z' };
    const kept = changed(reassessed(closed, input(p1), matrix));
    expect(kept.next).toMatchObject({ status: 'closed', priority: 'P1' });
    expect(kept.audit!.what).toContain('left closed');
    expect(changed(reassessed(closed, input(p0), matrix)).next).toMatchObject({ status: 'assessed', priority: 'P0', reopenedAt: EDIT_RECEIVED });
  });

  it('keeps the priority when the edit does not outrank, saying so in the audit trail only', () => {
    const before = assessedRecord();
    const lower = changed(reassessed(before, input(p3), matrix));
    expect(lower.next).toBe(before);
    expect(lower.audit).toMatchObject({ kind: 'reassessed', ruleId: 'compliment' });
    expect(lower.audit!.what).toBe(`compliment P3; kept at complaint P2 (an edit never lowers a decision: override to change it) (on the edit made at ${EDITED_AT})`);
    expect(lower.audit!.changes).toBeUndefined();
    const same = changed(reassessed(before, input(assessment), matrix));
    expect(same.audit!.what).toBe(`still complaint P2 (on the edit made at ${EDITED_AT})`);
  });

  it('ends at the highest decision whatever order the edits arrive in; nothing on a deleted or erased item', () => {
    const later = { ...input(p3), editedAt: '2026-11-24T11:00:00.000Z', receivedAt: '2026-11-24T11:00:02.000Z' };
    const inOrder = changed(reassessed(changed(reassessed(assessedRecord(), input(p0), matrix)).next, later, matrix)).next;
    const outOfOrder = changed(reassessed(changed(reassessed(assessedRecord(), later, matrix)).next, input(p0), matrix)).next;
    expect(inOrder).toMatchObject({ category: 'safeguarding', priority: 'P0' });
    expect(outOfOrder).toMatchObject({ category: 'safeguarding', priority: 'P0' });
    expect(reassessed({ ...assessedRecord(), deletedAt: NOW }, input(p0), matrix)).toEqual({ kind: 'unchanged' });
    expect(reassessed({ ...assessedRecord(), erasedAt: NOW }, input(p0), matrix)).toEqual({ kind: 'unchanged' });
  });
});
