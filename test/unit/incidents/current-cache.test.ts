import { cachedCurrentIncident } from '../../../functions/core/incidents/current-cache';
import type { IncidentMode } from '../../../functions/core/incidents/incident-mode';

const INCIDENT: IncidentMode = { id: 'incident-1', name: 'Outage', holdingLine: 'We know.', startedAt: '2026-11-24T09:00:00.000Z', startedBy: 'user:lead' };

/** A store whose reads are counted and answered in turn (a value, or an Error to throw). */
function store(...answers: Array<IncidentMode | undefined | Error>) {
  const reads = { count: 0 };
  return {
    reads,
    current: async () => {
      const answer = answers[Math.min(reads.count++, answers.length - 1)];
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('the incident-mode cache', () => {
  it('reads once per ttl, and concurrent callers share the read', async () => {
    const source = store(INCIDENT, undefined);
    const current = cachedCurrentIncident(source, 30_000);
    const burst = await Promise.all([current(0), current(5), current(10)]);
    expect(burst.map((result) => result.incident)).toEqual([INCIDENT, INCIDENT, INCIDENT]);
    expect(await current(29_999)).toEqual({ incident: INCIDENT });
    expect(source.reads.count).toBe(1);
    expect(await current(30_000)).toEqual({ incident: undefined });
    expect(source.reads.count).toBe(2);
  });

  it('throws when the first read fails, and tries again on the next call', async () => {
    const source = store(new Error('down'), INCIDENT);
    const current = cachedCurrentIncident(source, 30_000);
    await expect(current(0)).rejects.toThrow('down');
    expect(await current(1)).toEqual({ incident: INCIDENT });
  });

  it('serves the last value read, marked stale, while reads fail; then recovers', async () => {
    const failure = new Error('throttled');
    const source = store(INCIDENT, failure, failure, undefined);
    const current = cachedCurrentIncident(source, 30_000);
    await current(0);
    expect(await current(40_000)).toEqual({ incident: INCIDENT, stale: { error: failure, staleForMs: 40_000 } });
    // A failed read is not cached: the next call reads again.
    expect(await current(41_000)).toEqual({ incident: INCIDENT, stale: { error: failure, staleForMs: 41_000 } });
    expect(await current(42_000)).toEqual({ incident: undefined });
    expect(source.reads.count).toBe(4);
  });
});
