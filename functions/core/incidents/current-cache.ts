import type { IncidentMode, IncidentModeStore } from './incident-mode';

export interface CachedIncident {
  incident: IncidentMode | undefined;
  /** The read failed and this is the last value read before it (`staleForMs` old). */
  stale?: { error: unknown; staleForMs: number };
}

/**
 * The incident in force, read at most once per `ttlMs` per process: a burst of interactions reads the
 * log once, not once per message. Switching the mode on or off reaches the matrix within `ttlMs`.
 * Concurrent callers share one read. When a read fails, the last value read is served (marked stale)
 * and the next call tries again; with no value read yet, the error is thrown to the caller.
 * Time is passed in (epoch milliseconds).
 */
export function cachedCurrentIncident(store: Pick<IncidentModeStore, 'current'>, ttlMs: number): (nowMs: number) => Promise<CachedIncident> {
  let last: { incident: IncidentMode | undefined; readAt: number } | undefined;
  let inFlight: Promise<CachedIncident> | undefined;

  const read = async (nowMs: number): Promise<CachedIncident> => {
    try {
      const incident = await store.current();
      last = { incident, readAt: nowMs };
      return { incident };
    } catch (error) {
      if (!last) throw error;
      return { incident: last.incident, stale: { error, staleForMs: nowMs - last.readAt } };
    }
  };

  return (nowMs) => {
    if (last && nowMs - last.readAt < ttlMs) return Promise.resolve({ incident: last.incident });
    inFlight ??= read(nowMs).finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  };
}
