import type { InteractionSummary } from './types';

/**
 * Times as a comms officer at the trust reads them: the trust's local time, in words. Europe/London until
 * the matrix in force (GET /matrix, clock.timeZone) says otherwise; the shell sets it once it has the matrix.
 */
let timeZone = 'Europe/London';

export function setTimeZone(zone: string | undefined): void {
  if (!zone) return;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    timeZone = zone;
  } catch {
    // An unknown zone name: keep the one we have rather than show times wrongly.
  }
}

const parts = (date: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('en-GB', { timeZone, ...options }).format(date);

/** "Mon 23 Nov, 14:05": the day, date and time of day in the trust's local time. */
export function when(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${parts(date, { weekday: 'short', day: 'numeric', month: 'short' })}, ${parts(date, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })}`;
}

/** "Mon 23 Nov, 14:05:09": with the seconds, where two times in one minute must be told apart. */
export function whenPrecisely(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${parts(date, { weekday: 'short', day: 'numeric', month: 'short' })}, ${clockTime(date)}`;
}

/** "Mon 23 Nov": the day alone. */
export function dayOf(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parts(date, { weekday: 'short', day: 'numeric', month: 'short' });
}

/** A calendar date of the matrix ("2026-03-26") as words: "26 March 2026". Not shifted by any time zone. */
export function calendarDate(date: string | undefined): string {
  if (!date) return '';
  const match = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(date);
  if (!match) return when(date) || date;
  const [, year, month, day] = match;
  return new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(Number(year), Number(month) - 1, Number(day))));
}

/** Backend text that quotes an instant ("due 2026-11-23T14:05:00.000Z") reads with it in local time. */
export function localTimesIn(text: string): string {
  return text.replace(/\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})/gu, (iso) => when(iso));
}

export function clockTime(date: Date): string {
  return parts(date, { hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
}

/** "just now", "4 min ago", "2 h 5 min ago". */
export function ago(iso: string | undefined, now: number): string {
  if (!iso) return '';
  const ms = now - Date.parse(iso);
  if (Number.isNaN(ms)) return '';
  if (ms < 60_000) return 'just now';
  return `${duration(ms)} ago`;
}

function duration(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days ${hours % 24} h`;
}

type ClockState = 'overdue' | 'due-soon' | 'running' | 'stopped' | 'none';

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

type Labels = Readonly<Record<string, string>>;

/** Proper names of the platforms, as their owners write them. */
const PLATFORM_LABELS: Labels = {
  facebook: 'Facebook',
  messenger: 'Messenger',
  instagram: 'Instagram',
  threads: 'Threads',
  x: 'X',
  linkedin: 'LinkedIn',
  tiktok: 'TikTok',
  youtube: 'YouTube',
  careopinion: 'Care Opinion',
};

export const CHANNEL_LABELS: Labels = {
  public_post: 'Public post',
  public_comment: 'Public comment',
  reply: 'Reply',
  mention: 'Mention',
  direct_message: 'Direct message',
  review: 'Review',
  staff_channel: 'Staff channel',
};

/** Kinds of personal data (functions/core/pii/kinds.ts) and the matrix's built-in checks. */
const CHECK_LABELS: Labels = {
  'nhs-number': 'NHS number',
  email: 'email address',
  'uk-phone': 'UK phone number',
  'date-of-birth': 'date of birth',
  postcode: 'postcode',
  question: 'a question',
  'risk-to-life': 'risk to life',
  'threat-of-violence': 'threat of violence',
  'staff-self-identification': 'a member of staff saying who they are',
  profanity: 'profanity',
  'misinformation-claim': 'a known false claim',
  'pre-election-period': 'pre-election period',
  'course-of-conduct': 'a course of conduct (repeated messages from one author)',
};

export const FLAG_LABELS: Labels = {
  'personal-data': 'Personal data found and redacted',
  'priority-raised': 'Priority raised by an escalation',
  'pre-election-period': 'Pre-election period: political content',
  'pre-election-announcement': 'Pre-election period: reads as an announcement',
  'course-of-conduct': 'Course of conduct: repeated messages from one author',
  'reply-in-welsh': 'Reply in Welsh',
  'major-incident-mode': 'Major incident mode',
};

/** Who a matrix rule looks at (its appliesTo). */
export const AUDIENCE_LABELS: Labels = {
  others: 'Messages from the public',
  'own-account': "The trust's own posts",
  deleted: 'Deleted messages',
};

export const PUBLIC_REPLY_LABELS: Labels = {
  yes: 'Yes',
  no: 'No',
  optional: 'Optional',
  'private-only': 'In private only',
  'holding-line': 'A holding line',
};

export const STATUS_LABELS: Labels = {
  open: 'Open',
  received: 'Received',
  assessed: 'Assessed',
  assigned: 'Assigned',
  replied: 'Replied',
  closed: 'Closed',
  all: 'All',
  'not-sent': 'Not sent',
  sent: 'Sent',
  sending: 'Sending',
  failed: 'Failed to send',
};

/** The label a map gives, else the slug made readable. */
export function labelOf(labels: Labels, slug: string | undefined): string {
  if (!slug) return '';
  return Object.prototype.hasOwnProperty.call(labels, slug) ? labels[slug]! : humanise(slug);
}

export const platformName = (platform: string | undefined) => labelOf(PLATFORM_LABELS, platform);
export const channelName = (channel: string | undefined) => labelOf(CHANNEL_LABELS, channel);
export const checkName = (kind: string | undefined) => labelOf(CHECK_LABELS, kind);


/** Today's date in the trust's local time, as the matrix writes dates: "2026-11-26". */
export function todayLocal(now: Date = new Date()): string {
  // en-CA formats a date as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

/** A dated matrix entry (pre-election period, programme) against today: ended, in force, or still to come. */
export function periodState(from: string | undefined, to: string | undefined, today: string): 'ended' | 'in-force' | 'upcoming' {
  if (to && to < today) return 'ended';
  if (from && from > today) return 'upcoming';
  return 'in-force';
}

/**
 * Evidence and rationale as an officer reads them: a regular expression of the matrix is the comms lead's
 * tool, so "pattern: /\b(wait(ed|ing))\b/" (or 'pattern 1 of rule "complaint-about-care"') reads "a pattern in
 * the rule". Text without one is unchanged.
 */
export function withoutPatterns(text: string): string {
  return text
    .replace(/\bpattern: \/(?:\\.|[^\\\n])*?\/[a-z]*(?=$|\s\+\s|,\s|\sand\s|;|\)|\.(?:\s|$))/gu, 'a pattern in the rule')
    // The newer wording, 'pattern 2 of rule "complaint-about-care"': the rule's id is the matrix file's, not the officer's.
    .replace(/\bpattern \d+ of rule "[^"]*"/gu, 'a pattern in the rule');
}

/**
 * How the reply form starts, from the decision's `publicReply`: private for "private-only" and "no", public for
 * "yes", "optional" and "holding-line"; nothing chosen when there is no decision (the officer picks).
 */
export function defaultReplyVisibility(publicReply: string | undefined): 'public' | 'private' | undefined {
  if (publicReply === 'private-only' || publicReply === 'no') return 'private';
  if (publicReply === 'yes' || publicReply === 'optional' || publicReply === 'holding-line') return 'public';
  return undefined;
}

/** "Monday 30 November": a day in words, in the trust's local time. */
export function longDay(iso: string | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : parts(date, { weekday: 'long', day: 'numeric', month: 'long' });
}
