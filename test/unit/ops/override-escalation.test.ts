import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EscalationRaised, type Assessment, type DataOf, type Priority } from '../../../events';
import { matrixView } from '../../../functions/core/interactions/matrix-view';
import type { AuditEntry, InteractionRecord } from '../../../functions/core/interactions/record';
import { assessed } from '../../../functions/core/interactions/transitions';
import { callerFrom } from '../../../functions/core/ops/caller';
import { performAction, type ActionDeps } from '../../../functions/core/ops/ops';
import { overrideEscalation, recordedOverride, type OverrideEscalationDeps } from '../../../functions/core/ops/override-escalation';
import { redactPii } from '../../../functions/core/pii/redact';
import type { ApplyOutcome, EventPublisher, InteractionStore, OutgoingEvent } from '../../../functions/core/ports';
import { RecordingPublisher } from '../../support/in-memory';
import { defaultMatrix } from '../matrix/fixtures';

const assessment: Assessment = JSON.parse(readFileSync(join(__dirname, '../../../events/samples/InteractionAssessed.json'), 'utf8')).detail.data.assessment;
const redact = (text: string) => redactPii(text).text;
const NOW = '2026-11-24T11:00:00.000Z';
const ME = callerFrom({ email: 'jo@example.nhs.uk', 'cognito:groups': ['comms-officers'] });

// Tuesday 24 November 2026, 10:15 GMT: a complaint the matrix made P2 (pals), not escalated.
const base: InteractionRecord = {
  id: 'facebook:1_2',
  platform: 'facebook',
  channel: 'public_post',
  receivedAt: '2026-11-24T10:15:00.000Z',
  ownAccount: false,
  text: 'We waited six hours in the corridor at Riverside without any water',
  author: { id: '4242', handle: 'visitor.handle', displayName: 'Alex Visitor' },
  permalink: 'https://www.facebook.com/1_2',
  status: 'received',
  replies: [],
  version: 1,
};
function assessedRecord(changes: Partial<InteractionRecord> = {}): InteractionRecord {
  const t = assessed(base, assessment);
  if (t.kind !== 'changed') throw new Error('unreachable');
  return { ...t.next, ...changes };
}

const escalationDeps = (publisher: EventPublisher = new RecordingPublisher()): OverrideEscalationDeps => ({
  publisher,
  settings: defaultMatrix.escalation,
  teams: new Map(defaultMatrix.teams.map((team) => [team.id, team])),
});

/** The log as performAction sees it: one record, actions applied at most once, the audit items written. */
class MemoryLog implements Pick<InteractionStore, 'get' | 'apply' | 'auditTrail'> {
  readonly applied = new Set<string>();
  readonly audit: AuditEntry[] = [];
  constructor(public record: InteractionRecord) {}
  async get() {
    return this.record;
  }
  async auditTrail() {
    return [...this.audit];
  }
  async apply(_id: string, actionId: string, decide: (record: InteractionRecord) => ReturnType<typeof assessed>): Promise<ApplyOutcome> {
    if (this.applied.has(actionId)) return { outcome: 'duplicate', record: this.record };
    const t = decide(this.record);
    if (t.kind === 'unchanged') return { outcome: 'unchanged', record: this.record };
    this.record = { ...t.next, version: this.record.version + 1 };
    this.applied.add(actionId);
    if (t.audit) this.audit.push(t.audit);
    return { outcome: 'written', record: this.record };
  }
}

function actionDeps(log: MemoryLog, publisher: EventPublisher): ActionDeps {
  return {
    store: log as unknown as InteractionStore,
    matrix: matrixView(defaultMatrix),
    redact,
    newId: () => 'id',
    timeZone: 'Europe/London',
    escalation: escalationDeps(publisher),
  };
}

const overrideTo = (log: MemoryLog, publisher: EventPublisher, body: Record<string, unknown>, actionId = 'ops:override:key-1') =>
  performAction('override', log.record.id, body, ME, NOW, actionId, actionDeps(log, publisher));

const dataOf = (event: OutgoingEvent) => event.detail.data as DataOf<typeof EscalationRaised>;

describe('which overrides escalate', () => {
  it.each<[string, Partial<InteractionRecord>, Record<string, unknown>, boolean, boolean]>([
    // name, record before, body, escalates, pages
    ['P2 -> P0 on an open item: email and page', {}, { priority: 'P0' }, true, true],
    ['P2 -> P1 on an open item: email, no page', {}, { priority: 'P1' }, true, false],
    ['P1 -> P0: the page is new', { priority: 'P1' }, { priority: 'P0' }, true, true],
    ['monitor -> P0', { priority: 'monitor' }, { priority: 'P0' }, true, true],
    ['an assigned item is still open', { status: 'assigned' }, { priority: 'P0' }, true, true],
    ['P3 -> P2: the matrix does not escalate P2', { priority: 'P3' }, { priority: 'P2' }, false, false],
    ['P2 -> P3: a downgrade', {}, { priority: 'P3' }, false, false],
    ['P0 -> P1: a downgrade to an escalated priority', { priority: 'P0' }, { priority: 'P1' }, false, false],
    ['P2 -> monitor', {}, { priority: 'monitor' }, false, false],
    ['a category change only', {}, { category: 'formal-complaint' }, false, false],
    ['P2 -> P0 on a replied item', { status: 'replied', firstResponseAt: '2026-11-24T10:30:00.000Z' }, { priority: 'P0' }, false, false],
    ['P2 -> P0 on a closed item', { status: 'closed', closedAt: '2026-11-24T10:40:00.000Z' }, { priority: 'P0' }, false, false],
  ])('%s', async (_name, before, change, escalates, pages) => {
    const log = new MemoryLog(assessedRecord(before));
    const publisher = new RecordingPublisher();

    const result = await overrideTo(log, publisher, { ...change, reason: 'clinical risk reported by the ward' });

    expect(result.outcome).toBe('written');
    const raised = publisher.ofType('EscalationRaised');
    expect(raised).toHaveLength(escalates ? 1 : 0);
    if (escalates) expect(dataOf(raised[0]!).page).toBe(pages);
  });

  it('the same priority is unchanged and tells nobody', async () => {
    const log = new MemoryLog(assessedRecord({ priority: 'P0' }));
    const publisher = new RecordingPublisher();
    const result = await overrideTo(log, publisher, { priority: 'P0', reason: 'confirming' });
    expect(result.outcome).toBe('unchanged');
    expect(publisher.published).toEqual([]);
  });

  it('follows the matrix: P1 pages when escalation.page lists it, P2 escalates when escalation.priorities lists it', () => {
    const settings = { priorities: ['P0', 'P1', 'P2'] as Priority[], page: ['P0', 'P1'] as Priority[] };
    const deps = { ...escalationDeps(), settings };
    const record = (priority: Priority) => assessedRecord({ priority });
    const overrideOf = (before: string, after: string) => ({ before, after, actor: ME.actor, reason: 'risk' });
    expect(overrideEscalation(record('P1'), overrideOf('P2', 'P1'), 'a', NOW, deps)?.detail.data.page).toBe(true);
    expect(overrideEscalation(record('P2'), overrideOf('P3', 'P2'), 'a', NOW, deps)?.detail.data).toMatchObject({ priority: 'P2', page: false });
  });
});

describe('the EscalationRaised an override publishes', () => {
  it('carries the decision as it now is and who overrode it, and nothing from the message, its author or the reason', async () => {
    const log = new MemoryLog(assessedRecord());
    const publisher = new RecordingPublisher();

    await overrideTo(log, publisher, { priority: 'P0', reason: 'Ward confirms a safeguarding risk' });

    const [event] = publisher.ofType('EscalationRaised');
    expect(event!.detail.metadata).toMatchObject({
      idempotencyKey: 'EscalationRaised:facebook:1_2:ops:override:key-1',
      correlationId: 'override:facebook:1_2:ops:override:key-1',
      occurredAt: NOW,
    });
    const data = dataOf(event!);
    expect(data).toMatchObject({
      interactionId: 'facebook:1_2',
      platform: 'facebook',
      channel: 'public_post',
      permalink: 'https://www.facebook.com/1_2',
      category: 'complaint',
      priority: 'P0',
      ownerTeam: 'pals',
      owner: 'Duty social officer, then PALS',
      slaDueAt: log.record.slaDueAt,
      ruleId: 'complaint-about-care',
      page: true,
      reasons: [`Overridden to P0 by ${ME.actor} (their reason is in the audit trail)`, 'priority P0 pages on-call'],
    });
    expect(data.flags).toContain('overridden');
    expect(log.record.slaDueAt).toBe('2026-11-24T10:30:00Z'); // P0: 15 minutes from receipt
    const json = JSON.stringify(event!.detail);
    for (const personal of ['Alex Visitor', 'visitor.handle', '4242', 'six hours', 'corridor']) expect(json).not.toContain(personal);
  });

  it('says "priority P1" for an escalated priority that does not page', async () => {
    const log = new MemoryLog(assessedRecord());
    const publisher = new RecordingPublisher();
    await overrideTo(log, publisher, { priority: 'P1', reason: 'press interest' });
    expect(dataOf(publisher.published[0]!).reasons).toEqual([`Overridden to P1 by ${ME.actor} (their reason is in the audit trail)`, 'priority P1']);
  });

  it('never carries the officer’s free-text reason (it can describe the patient); the audit trail keeps it', async () => {
    const log = new MemoryLog(assessedRecord());
    const publisher = new RecordingPublisher();
    const reason = 'Patient mentions chest pain and a fall at home, ward informed';
    await overrideTo(log, publisher, { priority: 'P1', reason });
    const json = JSON.stringify(publisher.published[0]!.detail);
    for (const words of ['chest pain', 'fall at home', 'ward informed']) expect(json).not.toContain(words);
    expect(log.audit).toContainEqual(expect.objectContaining({ kind: 'overridden', actor: ME.actor, why: reason }));
  });
});

describe('a retried override (same Idempotency-Key)', () => {
  it('publishes the same event again, so a publish that failed the first time is not lost', async () => {
    const log = new MemoryLog(assessedRecord());
    const failing: EventPublisher = { publish: jest.fn().mockRejectedValue(new Error('PutEvents failed')) };
    const body = { priority: 'P0', reason: 'clinical risk' };

    await expect(overrideTo(log, failing, body)).rejects.toThrow('PutEvents failed');
    expect(log.record.priority).toBe('P0'); // the override was written before the publish failed

    const publisher = new RecordingPublisher();
    const retried = await overrideTo(log, publisher, body);
    expect(retried.outcome).toBe('duplicate');
    expect(publisher.ofType('EscalationRaised')).toHaveLength(1);
    expect(publisher.published[0]!.detail.metadata.idempotencyKey).toBe('EscalationRaised:facebook:1_2:ops:override:key-1');
  });

  it('publishes nothing on a retry of an override that did not escalate', async () => {
    const log = new MemoryLog(assessedRecord());
    const body = { priority: 'P3', reason: 'routine' };
    await overrideTo(log, new RecordingPublisher(), body);
    const publisher = new RecordingPublisher();
    expect((await overrideTo(log, publisher, body)).outcome).toBe('duplicate');
    expect(publisher.published).toEqual([]);
  });

  it('publishes nothing once a later change has moved the item on (downgraded or closed)', async () => {
    const log = new MemoryLog(assessedRecord());
    const body = { priority: 'P0', reason: 'clinical risk' };
    await overrideTo(log, new RecordingPublisher(), body);
    log.record = { ...log.record, status: 'closed' };
    const publisher = new RecordingPublisher();
    await overrideTo(log, publisher, body);
    expect(publisher.published).toEqual([]);
  });

  it('finds the recorded override by actor, reason and new priority', () => {
    const trail: AuditEntry[] = [
      { at: '1', kind: 'overridden', actor: ME.actor, what: '', why: 'risk', changes: { priority: { from: 'P2', to: 'P0' } } },
      { at: '2', kind: 'overridden', actor: 'user:other', what: '', why: 'risk', changes: { priority: { from: 'P0', to: 'P1' } } },
    ];
    expect(recordedOverride(trail, ME.actor, 'risk', 'P0')).toEqual({ before: 'P2', after: 'P0', actor: ME.actor, reason: 'risk' });
    expect(recordedOverride(trail, ME.actor, 'other reason', 'P0')).toBeUndefined();
    expect(recordedOverride(trail, ME.actor, 'risk', undefined)).toBeUndefined();
  });
});
