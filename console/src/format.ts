import type { InteractionSummary } from './types';

/** Times as a comms officer in England reads them. */
const TIME_ZONE = 'Europe/London';

export function when(iso: string | undefined): string {
  if (!iso) return '';
  return new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' }).format(new Date(iso));
}

export function clockTime(date: Date): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', second: '2-digit' }).format(date);
}

export function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

export type ClockState = 'overdue' | 'due-soon' | 'running' | 'stopped' | 'none';

/** The SLA clock in words (never colour alone): what the queue and the interaction page show. */
export function slaClock(item: Pick<InteractionSummary, 'slaDueAt' | 'firstResponseAt' | 'closedAt' | 'status'>, now: number): { state: ClockState; text: string } {
  if (item.firstResponseAt) return { state: 'stopped', text: `Clock stopped: replied ${when(item.firstResponseAt)}` };
  if (item.closedAt || item.status === 'closed') return { state: 'stopped', text: `Clock stopped: closed ${when(item.closedAt)}`.trim() };
  if (!item.slaDueAt) return { state: 'none', text: 'No reply clock' };
  const left = Date.parse(item.slaDueAt) - now;
  if (left < 0) return { state: 'overdue', text: `Overdue by ${duration(-left)}` };
  return { state: left <= 60 * 60_000 ? 'due-soon' : 'running', text: `${duration(left)} left` };
}

const PRIORITY_ORDER: Record<string, number> = { P0: 0, P1: 1, P2: 2, P3: 3, monitor: 4 };

/** Most urgent first: P0 pinned, then by SLA due time (no clock last), then by priority and receipt. */
export function byUrgency(a: InteractionSummary, b: InteractionSummary): number {
  const p0 = Number(b.priority === 'P0') - Number(a.priority === 'P0');
  if (p0 !== 0) return p0;
  const dueA = a.slaDueAt ? Date.parse(a.slaDueAt) : Number.POSITIVE_INFINITY;
  const dueB = b.slaDueAt ? Date.parse(b.slaDueAt) : Number.POSITIVE_INFINITY;
  if (dueA !== dueB) return dueA < dueB ? -1 : 1;
  const priority = (PRIORITY_ORDER[a.priority ?? ''] ?? 9) - (PRIORITY_ORDER[b.priority ?? ''] ?? 9);
  if (priority !== 0) return priority;
  return a.receivedAt.localeCompare(b.receivedAt);
}

export const PRIORITIES = ['P0', 'P1', 'P2', 'P3', 'monitor'] as const;
export const STATUSES = ['open', 'received', 'assessed', 'assigned', 'replied', 'closed', 'all'] as const;
export const PLATFORMS = ['facebook', 'messenger', 'instagram', 'threads', 'x', 'linkedin', 'tiktok', 'youtube', 'careopinion'] as const;

/** Tag colours back up the words in them; the words alone carry the meaning. */
export function priorityTagClass(priority: string | undefined): string {
  switch (priority) {
    case 'P0':
      return 'nhsuk-tag nhsuk-tag--red';
    case 'P1':
      return 'nhsuk-tag nhsuk-tag--orange';
    case 'P2':
      return 'nhsuk-tag nhsuk-tag--yellow';
    case 'P3':
      return 'nhsuk-tag nhsuk-tag--blue';
    default:
      return 'nhsuk-tag nhsuk-tag--grey';
  }
}

export function clockTagClass(state: ClockState): string {
  return { overdue: 'nhsuk-tag nhsuk-tag--red', 'due-soon': 'nhsuk-tag nhsuk-tag--orange', running: 'nhsuk-tag nhsuk-tag--green', stopped: 'nhsuk-tag nhsuk-tag--grey', none: 'nhsuk-tag nhsuk-tag--white' }[state];
}

export const humanise = (slug: string | undefined): string => (slug ? slug.replace(/[-_]/gu, ' ').replace(/^./u, (c) => c.toUpperCase()) : '');
