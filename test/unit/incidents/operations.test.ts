import type { IncidentMode, IncidentModeStore } from '../../../functions/core/incidents/incident-mode';
import {
  endIncident,
  incidentContext,
  incidentStatus,
  INCIDENT_MODE_GROUP,
  overlaps,
  recentOf,
  startIncident,
  type IncidentDeps,
} from '../../../functions/core/incidents/operations';
import { ConflictError, ForbiddenError, ValidationError } from '../../../functions/core/interactions/errors';
import type { Caller } from '../../../functions/core/ops/caller';

/** A store with the port's rules (one on at a time, a retry of the same request gets its incident), in memory. */
class MemoryIncidentMode implements IncidentModeStore {
  readonly incidents: IncidentMode[] = [];
  private currentKey: string | undefined;

  async current() {
    const last = this.incidents.at(-1);
    return last && last.endedAt === undefined ? { ...last } : undefined;
  }

  async start(incident: IncidentMode, requestKey: string) {
    const current = await this.current();
    if (current) {
      if (this.currentKey === requestKey) return current;
      throw new ConflictError(`already on (${current.id})`);
    }
    this.incidents.push({ ...incident });
    this.currentKey = requestKey;
    return incident;
  }

  async end(id: string, endedAt: string, endedBy: string, endReason?: string) {
    const last = this.incidents.at(-1);
    if (!last || last.endedAt !== undefined || last.id !== id) throw new ConflictError('not on');
    Object.assign(last, { endedAt, endedBy, ...(endReason ? { endReason } : {}) });
    return { ...last };
  }

  async overlapping(from: string, to: string) {
    return this.incidents.filter((incident) => overlaps(incident, from, to));
  }
}

const LEAD: Caller = { actor: 'user:comms.lead@example.nhs.uk', groups: new Set([INCIDENT_MODE_GROUP]) };
const OFFICER: Caller = { actor: 'user:duty.officer@example.nhs.uk', groups: new Set() };
const IG: Caller = { actor: 'user:ig@example.nhs.uk', groups: new Set(['information-governance']) };
const MATRIX_LINE = 'We are aware of an incident and will update you here.';
const T0 = '2026-11-26T14:05:00.000Z';
const T1 = '2026-11-26T18:30:00.000Z';

const fieldsOf = async (promise: Promise<unknown>): Promise<string[]> => {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  if (error instanceof ValidationError) return error.fields;
  throw new Error(`expected a ValidationError, got ${String(error)}`);
};

describe('major-incident mode: the use cases', () => {
  let store: MemoryIncidentMode;
  let deps: IncidentDeps;
  beforeEach(() => {
    store = new MemoryIncidentMode();
    deps = { store, defaultHoldingLine: MATRIX_LINE };
  });

  it('a comms lead switches it on: id from the start time, who, why, and the spike that suggested it', async () => {
    const incident = await startIncident(
      { name: '  Power outage at the General ', holdingLine: 'We know about the power cut and are working on it.', reason: 'EPRR declared', spikeId: 'overall:all:2026-11-26T14:00:00.000Z' },
      LEAD,
      T0,
      'ops:incident-start:k1',
      deps,
    );
    expect(incident).toEqual({
      id: `incident-${T0}`,
      name: 'Power outage at the General',
      holdingLine: 'We know about the power cut and are working on it.',
      startedAt: T0,
      startedBy: LEAD.actor,
      reason: 'EPRR declared',
      spikeId: 'overall:all:2026-11-26T14:00:00.000Z',
    });
    expect(await store.current()).toEqual(incident);
  });

  it("uses the matrix's holding line when the operator gives none", async () => {
    expect(await startIncident({ name: 'Cyber incident' }, LEAD, T0, 'k', deps)).toMatchObject({ holdingLine: MATRIX_LINE });
  });

  it('asks for a holding line when neither the operator nor the matrix has one', async () => {
    expect(await fieldsOf(startIncident({ name: 'Cyber incident' }, LEAD, T0, 'k', { store }))).toEqual(['body.holdingLine']);
    expect(await store.current()).toBeUndefined();
  });

  it.each([
    ['no name', {}, ['body.name']],
    ['a blank name', { name: '   ' }, ['body.name']],
    ['a name too long', { name: 'x'.repeat(201) }, ['body.name']],
    ['a holding line too short', { name: 'Outage', holdingLine: 'Soon' }, ['body.holdingLine']],
    ['a reason too short', { name: 'Outage', reason: 'x' }, ['body.reason']],
    ['an unknown field', { name: 'Outage', priority: 'P0' }, ['body.priority']],
    ['not an object', 'on', ['body']],
  ])('refuses a start with %s (400 naming the field), and nothing is switched', async (_case, body, fields) => {
    expect(await fieldsOf(startIncident(body, LEAD, T0, 'k', deps))).toEqual(fields);
    expect(store.incidents).toEqual([]);
  });

  it.each([
    ['an officer in no group', OFFICER],
    ['information governance only', IG],
  ])('refuses %s: only comms-leads may switch it on or off (403)', async (_case, caller) => {
    await expect(startIncident({ name: 'Outage' }, caller, T0, 'k', deps)).rejects.toThrow(ForbiddenError);
    await expect(startIncident({ name: 'Outage' }, caller, T0, 'k', deps)).rejects.toThrow('"comms-leads"');
    await startIncident({ name: 'Outage' }, LEAD, T0, 'k', deps);
    await expect(endIncident({}, caller, T1, deps)).rejects.toThrow(ForbiddenError);
    expect(await store.current()).toMatchObject({ id: `incident-${T0}` });
  });

  it('refuses a second start while one is on (409); a retry of the same request gets the same incident', async () => {
    const first = await startIncident({ name: 'Outage' }, LEAD, T0, 'ops:incident-start:k1', deps);
    expect(await startIncident({ name: 'Outage' }, LEAD, '2026-11-26T14:05:02.000Z', 'ops:incident-start:k1', deps)).toEqual(first);
    await expect(startIncident({ name: 'Another' }, LEAD, '2026-11-26T14:06:00.000Z', 'ops:incident-start:k2', deps)).rejects.toThrow(ConflictError);
    expect(store.incidents).toHaveLength(1);
  });

  it('switches it off with who and why; switching off when none is on is 409', async () => {
    await expect(endIncident({}, LEAD, T1, deps)).rejects.toThrow(ConflictError);
    await startIncident({ name: 'Outage' }, LEAD, T0, 'k', deps);
    expect(await endIncident({ reason: 'power restored' }, LEAD, T1, deps)).toMatchObject({
      id: `incident-${T0}`,
      endedAt: T1,
      endedBy: LEAD.actor,
      endReason: 'power restored',
    });
    expect(await store.current()).toBeUndefined();
    await expect(endIncident({}, LEAD, T1, deps)).rejects.toThrow('not on');
    expect(await fieldsOf(endIncident({ reason: 'x', extra: 1 }, LEAD, T1, deps))).toEqual(['body.reason', 'body.extra']);
  });

  it('anyone signed in sees it: the current one and the ended ones of the last 90 days, newest first', async () => {
    expect(await incidentStatus(T0, deps)).toEqual({ current: null, recent: [] });
    await startIncident({ name: 'First' }, LEAD, '2026-10-01T09:00:00.000Z', 'a', deps);
    await endIncident({}, LEAD, '2026-10-01T12:00:00.000Z', deps);
    await startIncident({ name: 'Second' }, LEAD, '2026-11-20T09:00:00.000Z', 'b', deps);
    await endIncident({}, LEAD, '2026-11-20T12:00:00.000Z', deps);
    await startIncident({ name: 'Third' }, LEAD, T0, 'c', deps);
    const status = await incidentStatus(T1, deps);
    expect(status.current).toMatchObject({ name: 'Third' });
    expect(status.recent.map((incident) => incident.name)).toEqual(['Second', 'First']);
    // 90 days on, the October one has left the list.
    expect((await incidentStatus('2027-01-15T00:00:00.000Z', deps)).recent.map((incident) => incident.name)).toEqual(['Second']);
  });

  it('lists ten recent incidents at most, without the one in force', () => {
    const ended = Array.from({ length: 12 }, (_, day) => ({
      id: `incident-${day}`,
      name: `n${day}`,
      holdingLine: 'x',
      startedAt: `2026-11-${String(day + 1).padStart(2, '0')}T09:00:00.000Z`,
      startedBy: 'user:a',
      endedAt: `2026-11-${String(day + 1).padStart(2, '0')}T10:00:00.000Z`,
    }));
    const recent = recentOf(ended, ended[11]!);
    expect(recent.map((incident) => incident.id)).toEqual(['incident-10', 'incident-9', 'incident-8', 'incident-7', 'incident-6', 'incident-5', 'incident-4', 'incident-3', 'incident-2', 'incident-1']);
  });

  it.each([
    ['ended before the period', '2026-11-20T09:00:00Z', '2026-11-23T00:00:00Z', false],
    ['ended exactly as the period starts', '2026-11-20T09:00:00Z', '2026-11-24T00:00:00Z', false],
    ['ended inside the period', '2026-11-20T09:00:00Z', '2026-11-24T00:00:01Z', true],
    ['inside the period', '2026-11-25T09:00:00Z', '2026-11-25T10:00:00Z', true],
    ['spanning the period', '2026-11-01T09:00:00Z', '2026-12-05T00:00:00Z', true],
    ['still on, started before', '2026-11-01T09:00:00Z', undefined, true],
    ['starting as the period ends', '2026-12-01T00:00:00Z', undefined, false],
  ])('an incident %s overlaps [from, to) or not', (_case, startedAt, endedAt, expected) => {
    // The week 2026-W48 in UTC, given with an offset-free and an offset form.
    expect(overlaps({ startedAt, ...(endedAt ? { endedAt } : {}) }, '2026-11-24T00:00:00Z', '2026-12-01T00:00:00.000+00:00')).toBe(expected);
  });

  it('gives the matrix the incident, its name and holding line, and nothing about who switched it', () => {
    expect(incidentContext(undefined)).toBeUndefined();
    expect(incidentContext({ id: 'incident-1', name: 'Outage', holdingLine: 'We know.', startedAt: T0, startedBy: LEAD.actor, reason: 'declared' })).toEqual({
      id: 'incident-1',
      name: 'Outage',
      holdingLine: 'We know.',
    });
  });
});
