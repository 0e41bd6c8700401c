import type { Priority } from '../../../events';
import type { WorkingCalendar } from '../sla/calendar';
import { slaDueAt } from '../sla/clock';
import type { IncidentModeSettings } from './schema';

/** Major-incident mode as the core sees it: which incident, and the holding line the operator set. */
export interface IncidentContext {
  id: string;
  name: string;
  holdingLine: string;
}

/**
 * The deadline in major-incident mode: the earlier of the normal one and the incident target for the
 * priority (incidentMode.sla), so a deadline only ever comes sooner (a P0 is never later). Monitor
 * and priorities without an incident target keep their normal deadline.
 */
export function incidentDueAt(input: {
  normal: string | null;
  priority: Priority;
  receivedAt: string;
  settings: IncidentModeSettings;
  calendar: WorkingCalendar;
}): string | null {
  if (input.priority === 'monitor') return input.normal;
  const target = input.settings.sla[input.priority];
  if (!target) return input.normal;
  const tighter = slaDueAt(input.receivedAt, target, input.calendar);
  if (tighter === null) return input.normal;
  if (input.normal === null) return tighter;
  return Date.parse(tighter) < Date.parse(input.normal) ? tighter : input.normal;
}

/** The holding line offered for this category, or undefined when the category keeps its own reply. */
export function holdingLineFor(category: string, incident: IncidentContext, settings: IncidentModeSettings): string | undefined {
  if (!settings.holdingLineFor.includes(category)) return undefined;
  return incident.holdingLine.trim() === '' ? settings.holdingLine : incident.holdingLine.trim();
}
