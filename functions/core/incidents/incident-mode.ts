/**
 * Major-incident mode: switched on by an operator through the ops API (or after a spike suggested it),
 * switched off the same way. While it is on, the matrix offers the incident's holding line and applies
 * the tighter SLA targets of response-matrix.yaml `incidentMode`; the digest reports the period.
 */
export interface IncidentMode {
  /** Stable id, e.g. `incident-2026-11-26T14:05:00.000Z`. */
  id: string;
  /** Plain-English name the officers and the board see ("Power outage at the General"). */
  name: string;
  /** The holding line offered as the suggested reply while the mode is on. */
  holdingLine: string;
  startedAt: string;
  /** `user:<name>` of who switched it on. */
  startedBy: string;
  /** Why it was switched on (free text, no personal data). */
  reason?: string;
  /** The SpikeDetected that suggested it, when one did. */
  spikeId?: string;
  endedAt?: string;
  endedBy?: string;
  endReason?: string;
}

/** Where incident mode is kept (the log table in AWS). */
export interface IncidentModeStore {
  /** The incident in force, or undefined. */
  current(): Promise<IncidentMode | undefined>;
  /**
   * Switches it on and returns the incident in force. `requestKey` names the request that asked: a retry
   * of the same request gets the incident it started (never a second one); any other start while one is
   * on throws ConflictError.
   */
  start(incident: IncidentMode, requestKey: string): Promise<IncidentMode>;
  /** Switches the current one off; throws ConflictError when none is on (or `id` is not the current one). */
  end(id: string, endedAt: string, endedBy: string, endReason?: string): Promise<IncidentMode>;
  /** Incidents in force at any time in [from, to), current one included, oldest first. */
  overlapping(from: string, to: string): Promise<IncidentMode[]>;
}
