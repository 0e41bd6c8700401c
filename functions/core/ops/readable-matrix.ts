import { categoryLabel } from '../categories';
import { applyAppetite } from '../matrix/compile';
import type { ResponseMatrix } from '../matrix/load';
import { preElectionLead } from '../matrix/schema';
import type { SlaTarget } from '../sla/target';

/**
 * The response matrix in force as officers read it (GET /matrix): who owns what, how fast, what to do
 * and what to say. The matrix's risk appetite is applied, as the decisions apply it. Signals are not
 * shown (phrase lists and regular expressions are the comms lead's tool, not the queue's); only the
 * built-in checks a rule uses, by name, so an officer can see why it fired. A change programme's
 * keywords and hashtags are shown (they are public words officers search for), and its known false
 * claims by name with their correction and source, never the phrases that detect them.
 */
export interface ReadableMatrix {
  version: string;
  name: string;
  riskAppetite: string;
  clock: {
    timeZone: string;
    days: string[];
    start: string;
    end: string;
    bankHolidays: string;
    /** e.g. "Monday to Friday, 09:00 to 17:00 (Europe/London), not on bank holidays in England and Wales". */
    description: string;
  };
  escalation: { priorities: string[]; page: string[] };
  teams: Array<{ id: string; name: string; notify: string }>;
  rules: ReadableRule[];
  programmes: Array<{
    id: string;
    name: string;
    from: string;
    to?: string;
    owner: string;
    ownerName: string;
    routes: string[];
    keywords: string[];
    /** With the #. */
    hashtags: string[];
    keyMessages: Array<{ id: string; text: string }>;
    /** Known false claims: the plain-English name (absent: the matrix gives none), the correction and where the facts are. */
    claims: Array<{ id: string; name?: string; correction: string; source: string }>;
  }>;
  preElectionPeriods: Array<{ name: string; from: string; to: string }>;
  /** Major-incident mode's settings: the default holding line, who is offered it, the tighter clocks. */
  incidentMode: { holdingLine: string; holdingLineFor: string[]; sla: Partial<Record<'P0' | 'P1' | 'P2' | 'P3', string>> };
  /** Who is told about political content and the trust's announcements during a pre-election period. */
  preElection: { commsLead: string; commsLeadName: string };
}

export interface ReadableRule {
  id: string;
  category: string;
  categoryLabel: string;
  priority: string;
  owner: string;
  ownerName: string;
  publicReply: string;
  /** Plain English: "15 minutes, day and night", "end of the next working day". */
  sla: string;
  slaTarget: SlaTarget;
  action: string;
  replyTemplate?: string;
  appliesTo: string[];
  /** The fallback rule: it decides when no other rule fires. */
  default: boolean;
  /** Built-in checks the rule uses, by name (risk-to-life, nhs-number...). */
  detectors: string[];
  escalations: Array<{ to: string; reason: string; sla?: string; action?: string }>;
}

const DAY_NAMES: Readonly<Record<string, string>> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const WEEK = Object.keys(DAY_NAMES);

const REGION_NAMES: Readonly<Record<string, string>> = {
  'england-and-wales': 'England and Wales',
  scotland: 'Scotland',
  'northern-ireland': 'Northern Ireland',
};


export function readableMatrix(matrix: ResponseMatrix): ReadableMatrix {
  const teamName = new Map(matrix.teams.map((team) => [team.id, team.name]));
  const nameOf = (id: string) => teamName.get(id) ?? id;
  const { monitoredHours, timeZone, bankHolidays } = matrix.clock;
  const rules = matrix.rules.map((written) => applyAppetite(written, matrix.riskAppetite));
  return {
    version: matrix.version,
    name: matrix.name,
    riskAppetite: matrix.riskAppetite,
    clock: {
      timeZone,
      days: [...monitoredHours.days],
      start: monitoredHours.start,
      end: monitoredHours.end,
      bankHolidays,
      description: `${daysInWords(monitoredHours.days)}, ${monitoredHours.start} to ${monitoredHours.end} (${timeZone}), ${
        bankHolidays === 'none' ? 'bank holidays included' : `not on bank holidays in ${REGION_NAMES[bankHolidays] ?? bankHolidays}`
      }`,
    },
    escalation: { priorities: [...matrix.escalation.priorities], page: [...matrix.escalation.page] },
    teams: matrix.teams.map((team) => ({ id: team.id, name: team.name, notify: team.notify })),
    rules: rules.map(
      (rule): ReadableRule => ({
        id: rule.id,
        category: rule.category,
        categoryLabel: categoryLabel(rule.category),
        priority: rule.priority,
        owner: rule.owner,
        ownerName: nameOf(rule.owner),
        publicReply: rule.publicReply,
        sla: slaInWords(rule.sla),
        slaTarget: rule.sla,
        action: rule.action,
        ...(rule.replyTemplate ? { replyTemplate: rule.replyTemplate } : {}),
        appliesTo: [...rule.appliesTo],
        default: rule.default,
        detectors: [...new Set([...(rule.signals?.detectors ?? []), ...rule.escalate.flatMap((e) => e.when.detectors)])],
        escalations: rule.escalate.map((escalation) => ({
          to: escalation.to,
          reason: escalation.reason,
          ...(escalation.sla ? { sla: slaInWords(escalation.sla) } : {}),
          ...(escalation.action ? { action: escalation.action } : {}),
        })),
      }),
    ),
    programmes: matrix.programmes.map((programme) => ({
      id: programme.id,
      name: programme.name,
      from: programme.from,
      ...(programme.to ? { to: programme.to } : {}),
      owner: programme.owner,
      ownerName: nameOf(programme.owner),
      routes: [...programme.routes],
      keywords: [...programme.keywords],
      hashtags: [...programme.hashtags],
      keyMessages: programme.keyMessages.map((message) => ({ id: message.id, text: message.text })),
      claims: programme.claims.map((claim) => ({ id: claim.id, ...(claim.name ? { name: claim.name } : {}), correction: claim.correction, source: claim.source })),
    })),
    preElectionPeriods: matrix.preElectionPeriods.map((period) => ({ name: period.name, from: period.from, to: period.to })),
    // Named field by field: a setting added to the matrix later is not shown until it is written here.
    incidentMode: {
      holdingLine: matrix.incidentMode.holdingLine,
      holdingLineFor: [...matrix.incidentMode.holdingLineFor],
      sla: Object.fromEntries(
        (['P0', 'P1', 'P2', 'P3'] as const).flatMap((priority) => {
          const target = matrix.incidentMode.sla[priority];
          return target ? [[priority, slaInWords(target)]] : [];
        }),
      ),
    },
    preElection: (() => {
      const lead = preElectionLead(matrix.preElection, matrix.teams.map((team) => team.id)) ?? '';
      return { commsLead: lead, commsLeadName: nameOf(lead) };
    })(),
  };
}

/** An SLA target as a person says it. */
export function slaInWords(target: SlaTarget): string {
  switch (target.kind) {
    case 'minutes':
      return target.allDay ? `${minutesInWords(target.value)}, day and night` : `${minutesInWords(target.value)} of monitored time`;
    case 'workingHours':
      return Number.isInteger(target.value)
        ? `${target.value} working ${target.value === 1 ? 'hour' : 'hours'}`
        : `${Math.round(target.value * 60)} working minutes`;
    case 'endOfWorkingDay':
      if (target.offsetDays === 0) return 'end of the working day';
      if (target.offsetDays === 1) return 'end of the next working day';
      return `end of the working day, ${target.offsetDays} working days later`;
    case 'workingDays':
      return `${target.value} working ${target.value === 1 ? 'day' : 'days'}`;
    case 'none':
      return 'no clock (monitored only)';
  }
}

function minutesInWords(minutes: number): string {
  if (minutes % 60 !== 0) return `${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
  const hours = minutes / 60;
  return `${hours} ${hours === 1 ? 'hour' : 'hours'}`;
}

/** "Monday to Friday" for a run of days, else a list ("Monday, Wednesday and Friday"). */
function daysInWords(days: readonly string[]): string {
  const sorted = [...new Set(days)].sort((a, b) => WEEK.indexOf(a) - WEEK.indexOf(b));
  if (sorted.length === 7) return 'Every day';
  const first = WEEK.indexOf(sorted[0]!);
  const consecutive = sorted.every((day, i) => WEEK.indexOf(day) === first + i);
  const names = sorted.map((day) => DAY_NAMES[day] ?? day);
  if (consecutive && names.length > 2) return `${names[0]} to ${names.at(-1)}`;
  return names.length === 1 ? names[0]! : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

