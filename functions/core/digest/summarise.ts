import { DateTime } from 'luxon';
import type { PreElectionPeriod } from '../detectors/pre-election';
import type { IncidentMode } from '../incidents/incident-mode';
import type { Programme } from '../matrix/schema';
import type { AudienceEntry, ConnectorHealthEntry, LoggedInteractionSummary, SpikeRecord, WeekSummary } from '../ports';
import { themeVocabularyOf, type ThemeVocabulary } from '../text/themes';
import type { WeekRange } from '../time/iso-week';
import { PRIORITY_ORDER, themesOf } from './labels';
import {
  incidentFigures,
  preElectionFigures,
  programmeCounts,
  programmeFigures,
  spikeAlertFigures,
  type IncidentFigures,
  type PreElectionFigures,
  type ProgrammeFigures,
  type SpikeAlertFigures,
} from './programmes';
import { countBy, median, percentile, round1, share, sortedCounts } from './stats';

export { PRIORITY_ORDER } from './labels';

/** How many weeks before this one make the baseline. */
export const BASELINE_WEEKS = 4;
/** A rise is at least this many messages and at least double the baseline; a fall needs a baseline this big. */
const SPIKE_MIN_COUNT = 10;
const HOUR_MS = 3_600_000;

/** Platforms whose webhooks deliver follow events (X: Activity API `follow.*`, Account Activity `follow_events`). */
export const FOLLOW_EVENT_PLATFORMS: readonly string[] = ['x'];
/** Platforms the trust may use whose webhooks deliver no follow events: their follower changes are not counted. */
export const NO_FOLLOW_EVENT_PLATFORMS: readonly string[] = ['facebook', 'instagram', 'linkedin', 'tiktok', 'youtube'];

/** Followers gained and lost on one platform; last week's when its summary recorded them. */
export interface FollowerRow {
  platform: string;
  gained: number;
  lost: number;
  net: number;
  /** Undefined: last week's follower change is not known (its kept summary predates follow events). */
  lastWeek: { gained: number; lost: number; net: number } | undefined;
}

/** One line of a comparison table: this week, last week and the 4-week average. */
export interface ComparedRow {
  key: string;
  thisWeek: number;
  lastWeek: number;
  /** Undefined when no week of the baseline had data. */
  baseline: number | undefined;
}

export interface Spike {
  dimension: 'platform' | 'category';
  key: string;
  direction: 'rise' | 'fall';
  thisWeek: number;
  baseline: number;
}

export interface SlaRow {
  priority: string;
  met: number;
  missed: number;
  /** Unanswered and not yet due: left out of the attainment. */
  pending: number;
  attainment: number | undefined;
}

export interface PlatformHealth {
  platform: string;
  /** Every delivery this week, the trust's own posts included. */
  deliveries: number;
  accounts: number;
  baselineDeliveries: number | undefined;
  /** The longest stretch of the week (to the digest's time, if sooner) with nothing from this platform. */
  longestSilenceHours: number;
  status: 'delivering' | 'quiet' | 'silent';
  /** Connection problems reported this week, by status (authorisation_revoked, credentials_rejected). */
  problems: Record<string, number>;
}

/** Everything the digest says, as numbers. Nothing about any one person or message is in here. */
export interface DigestFigures {
  week: string;
  from: string;
  to: string;
  complete: boolean;
  generatedAt: string;
  volume: {
    inbound: number;
    ownPosts: number;
    unassessed: number;
    deleted: number;
    welsh: number;
    lastWeek: number;
    baseline: number | undefined;
    /** Baseline weeks that had any data (the average is over these). */
    baselineWeeks: number;
    byPlatform: ComparedRow[];
    byCategory: ComparedRow[];
    byPriority: Record<string, number>;
    /** Inbound per day, Monday first, in the trust's time zone. */
    byDay: number[];
    /** Inbound per week, oldest first, ending with this week. */
    trend: { week: string; inbound: number }[];
  };
  spikes: Spike[];
  responsiveness: {
    /** False until the log records replies: then the figures below are not measured, not zero. */
    tracked: boolean;
    needsReply: number;
    answered: number;
    answeredShare: number | undefined;
    publicReplies: number;
    privateReplies: number;
    /** How many first responses have a working-hours time (the median and p90 are over these). */
    timed: number;
    medianWorkingMinutes: number | undefined;
    p90WorkingMinutes: number | undefined;
    sla: SlaRow[];
    backlogPastDue: number;
    closedWithoutReply: number;
  };
  safety: {
    p0: number;
    p1: number;
    safeguarding: number;
    staffAbuse: number;
    personalDataRemoved: number;
    misinformation: number;
    /** Misinformation answered (with a correction); undefined while replies are not tracked. */
    misinformationCorrected: number | undefined;
    majorIncident: number;
  };
  patientVoice: {
    complaints: number;
    complaintsSignposted: number | undefined;
    formalComplaints: number;
    compliments: number;
    complimentsPassedOn: number | undefined;
    themes: { theme: string; thisWeek: number; lastWeek: number }[];
  };
  community: {
    /**
     * Undefined: follow events are not collected (no audience log). Otherwise one row per connected
     * platform that delivers follow events, totals over them, and the platforms that deliver none.
     */
    followers:
      | {
          platforms: FollowerRow[];
          gained: number;
          lost: number;
          net: number;
          notDelivered: readonly string[];
        }
      | undefined;
    staffChannel: number;
    speakUp: number;
  };
  sentiment: { positive: number; neutral: number; negative: number; measured: number; unmeasured: number };
  completeness: {
    platforms: PlatformHealth[];
    /** Accounts that delivered in the baseline weeks but not this week. */
    silentAccounts: { platform: string; accountId: string }[];
    problems: number;
  };
  matrix: {
    versions: Record<string, number>;
    changes: { from: string; to: string; when: 'this week' | 'since last week' }[];
  };
  /** One per change programme whose period overlaps the week (issue 8). */
  programmes: ProgrammeFigures[];
  /** Major incidents in force during the week; undefined when incident mode is not known (no store). */
  incidents: IncidentFigures[] | undefined;
  /** Spikes the streaming detector raised during the week; undefined when the spike log is not known. */
  spikeAlerts: SpikeAlertFigures[] | undefined;
  /** Set when a pre-election period overlaps the week. */
  preElection: PreElectionFigures | undefined;
}

export interface DigestInput {
  week: string;
  range: WeekRange;
  timeZone: string;
  /** When the digest is made: the end of the week for the figures if the week has not ended. */
  now: string;
  items: readonly LoggedInteractionSummary[];
  health: readonly ConnectorHealthEntry[];
  /** The BASELINE_WEEKS weeks before, newest first (previous[0] is last week). */
  previous: readonly WeekSummary[];
  /** This week's follows and unfollows of the trust's accounts; undefined when they are not collected. */
  audience?: readonly AudienceEntry[];
  /** The matrix's change programmes (each is reported when its period overlaps the week). */
  programmes?: readonly Programme[];
  /** The matrix's teams: the programme owners are named by them. */
  teams?: readonly { id: string; name: string }[];
  /** The matrix's pre-election calendar. */
  preElectionPeriods?: readonly PreElectionPeriod[];
  /** Incidents in force at any time in the week; undefined: not known (no incident store). */
  incidents?: readonly IncidentMode[];
  /** Spikes detected in the week; undefined: not known (no spike log). */
  spikeAlerts?: readonly SpikeRecord[];
  /** The only words the digest may show (themeVocabularyOf(matrix)); absent: the built-in words and the programmes' own. */
  vocabulary?: ThemeVocabulary;
}

/** Reply decisions of the matrix that mean someone owes an answer (when the log does not say). */
const REPLY_DUE = new Set(['yes', 'holding-line', 'private-only']);

/**
 * One fixed object shape for every item, made in a single pass: items built by spreading or from
 * DynamoDB maps come in many shapes, and V8 reads a property of such a mix several times slower in
 * each of the digest's passes over 100,000 items (measured: bench/digest.ts).
 */
export function uniformItems(items: readonly LoggedInteractionSummary[]): LoggedInteractionSummary[] {
  return items.map((i) => ({
    id: i.id,
    platform: i.platform,
    channel: i.channel,
    receivedAt: i.receivedAt,
    ownAccount: i.ownAccount,
    accountId: i.accountId,
    category: i.category,
    priority: i.priority,
    status: i.status,
    ownerTeam: i.ownerTeam,
    slaDueAt: i.slaDueAt,
    firstResponseAt: i.firstResponseAt,
    firstResponseWorkingMinutes: i.firstResponseWorkingMinutes,
    replyVisibility: i.replyVisibility,
    closedAt: i.closedAt,
    needsReply: i.needsReply,
    publicReply: i.publicReply,
    sentiment: i.sentiment,
    language: i.language,
    matrixVersion: i.matrixVersion,
    decidedAt: i.decidedAt,
    ruleId: i.ruleId,
    flags: i.flags,
    signalEvidence: i.signalEvidence,
    deleted: i.deleted,
    secondaryCategories: i.secondaryCategories,
    question: i.question,
    programmes: i.programmes,
    incidentId: i.incidentId,
    terms: i.terms,
  }));
}

/** The comparison figures of one week: what later digests compare against. */
export function summariseWeek(
  week: string,
  items: readonly LoggedInteractionSummary[],
  computedAt: string,
  audience?: readonly AudienceEntry[],
): WeekSummary {
  return summariseUniform(week, uniformItems(items), computedAt, audience);
}

/** Followers gained and lost by platform: counts only. */
export function followerCounts(audience: readonly AudienceEntry[]): Record<string, { gained: number; lost: number }> {
  const counts: Record<string, { gained: number; lost: number }> = {};
  for (const entry of audience) {
    const row = (counts[entry.platform] ??= { gained: 0, lost: 0 });
    if (entry.change === 'follow') row.gained++;
    else row.lost++;
  }
  return counts;
}

function summariseUniform(
  week: string,
  items: readonly LoggedInteractionSummary[],
  computedAt: string,
  audience?: readonly AudienceEntry[],
): WeekSummary {
  const inbound = items.filter((item) => !item.ownAccount);
  const accounts: Record<string, Set<string>> = {};
  for (const item of items) {
    if (item.accountId !== undefined) (accounts[item.platform] ??= new Set()).add(item.accountId);
  }
  return {
    week,
    inbound: inbound.length,
    byPlatform: countBy(inbound, (item) => item.platform),
    byCategory: countBy(inbound, (item) => item.category),
    deliveriesByPlatform: countBy(items, (item) => item.platform),
    accounts: Object.fromEntries(Object.entries(accounts).map(([platform, ids]) => [platform, [...ids].sort()])),
    complaintThemes: sortedCounts(themeCounts(inbound)),
    matrixVersions: countBy(items, (item) => item.matrixVersion),
    ...(audience === undefined ? {} : { followers: followerCounts(audience) }),
    programmes: programmeCounts(inbound),
    computedAt,
  };
}

/** Counts only: nothing about any one person or message leaves this function. */
export function buildFigures(input: DigestInput): DigestFigures {
  const { week, range, previous } = input;
  const vocabulary = input.vocabulary ?? themeVocabularyOf({ programmes: [...(input.programmes ?? [])] });
  const items = uniformItems(input.items);
  const complete = input.now >= range.to;
  const thisWeek = summariseUniform(week, items, input.now, input.audience);
  const inbound = items.filter((item) => !item.ownAccount);
  const assessed = inbound.filter((item) => item.category !== undefined);
  const withData = previous.filter((summary) => Object.keys(summary.deliveriesByPlatform).length > 0);
  const lastWeek = previous[0];
  const mean = (pick: (summary: WeekSummary) => number) =>
    withData.length === 0 ? undefined : round1(withData.reduce((sum, summary) => sum + pick(summary), 0) / withData.length);
  const compare = (counts: Record<string, number>, of: (summary: WeekSummary) => Record<string, number>): ComparedRow[] => {
    const keys = new Set([...Object.keys(counts), ...previous.flatMap((summary) => Object.keys(of(summary)))]);
    return [...keys]
      .map((key) => ({
        key,
        thisWeek: counts[key] ?? 0,
        lastWeek: lastWeek ? (of(lastWeek)[key] ?? 0) : 0,
        baseline: mean((summary) => of(summary)[key] ?? 0),
      }))
      .sort((a, b) => b.thisWeek - a.thisWeek || (b.baseline ?? 0) - (a.baseline ?? 0) || a.key.localeCompare(b.key));
  };
  const byPlatform = compare(thisWeek.byPlatform, (summary) => summary.byPlatform);
  const byCategory = compare(thisWeek.byCategory, (summary) => summary.byCategory);
  const nowMs = Math.min(Date.parse(input.now), Date.parse(range.to));

  return {
    week,
    from: range.from,
    to: range.to,
    complete,
    generatedAt: input.now,
    volume: {
      inbound: inbound.length,
      ownPosts: items.length - inbound.length,
      unassessed: inbound.length - assessed.length,
      deleted: inbound.filter((item) => item.deleted).length,
      welsh: inbound.filter((item) => item.language === 'cy').length,
      lastWeek: lastWeek?.inbound ?? 0,
      baseline: mean((summary) => summary.inbound),
      baselineWeeks: withData.length,
      byPlatform,
      byCategory,
      byPriority: Object.fromEntries(
        PRIORITY_ORDER.map((p) => [p, assessed.filter((item) => item.priority === p).length] as const).filter(([, n]) => n > 0),
      ),
      byDay: perDay(inbound, range, input.timeZone),
      trend: [...previous].reverse().map((summary) => ({ week: summary.week, inbound: summary.inbound })).concat({ week, inbound: inbound.length }),
    },
    spikes: withData.length === 0 ? [] : [...spikesOf('platform', byPlatform), ...spikesOf('category', byCategory)],
    responsiveness: responsiveness(inbound, Date.parse(input.now)),
    safety: safety(inbound, isTracked(inbound)),
    patientVoice: patientVoice(inbound, thisWeek, lastWeek),
    community: {
      followers: followers(thisWeek, previous, input.health, lastWeek),
      staffChannel: inbound.filter((item) => item.channel === 'staff_channel').length,
      speakUp: inbound.filter((item) => item.category === 'whistleblowing').length,
    },
    sentiment: {
      positive: assessed.filter((item) => item.sentiment === 'positive').length,
      neutral: assessed.filter((item) => item.sentiment === 'neutral').length,
      negative: assessed.filter((item) => item.sentiment === 'negative').length,
      measured: assessed.filter((item) => item.sentiment !== undefined).length,
      unmeasured: inbound.length - assessed.filter((item) => item.sentiment !== undefined).length,
    },
    completeness: completeness(items, input.health, thisWeek, withData, range, nowMs),
    matrix: { versions: thisWeek.matrixVersions, changes: matrixChanges(items, lastWeek) },
    programmes: programmeFigures({ programmes: input.programmes ?? [], items, range, timeZone: input.timeZone, week, previous, tracked: isTracked(inbound), teams: input.teams, vocabulary }),
    incidents: input.incidents === undefined ? undefined : incidentFigures(input.incidents, items),
    spikeAlerts: input.spikeAlerts === undefined ? undefined : spikeAlertFigures(input.spikeAlerts, items, vocabulary),
    preElection: preElectionFigures(input.preElectionPeriods ?? [], items, range, input.timeZone),
  };
}

/**
 * Followers gained, lost and net on each connected platform that delivers follow events (connected: it
 * delivered anything this week or in the baseline weeks, reported a connection problem, or had follows),
 * against last week where its summary recorded them.
 */
function followers(
  thisWeek: WeekSummary,
  previous: readonly WeekSummary[],
  health: readonly ConnectorHealthEntry[],
  lastWeek: WeekSummary | undefined,
): DigestFigures['community']['followers'] {
  const counts = thisWeek.followers;
  if (counts === undefined) return undefined;
  const connected = new Set([
    ...Object.keys(thisWeek.deliveriesByPlatform),
    ...previous.flatMap((summary) => Object.keys(summary.deliveriesByPlatform)),
    ...health.map((entry) => entry.platform),
    ...Object.keys(counts),
  ]);
  const platforms = FOLLOW_EVENT_PLATFORMS.filter((platform) => connected.has(platform)).map((platform): FollowerRow => {
    const { gained, lost } = counts[platform] ?? { gained: 0, lost: 0 };
    const before = lastWeek?.followers === undefined ? undefined : (lastWeek.followers[platform] ?? { gained: 0, lost: 0 });
    return {
      platform,
      gained,
      lost,
      net: gained - lost,
      lastWeek: before === undefined ? undefined : { gained: before.gained, lost: before.lost, net: before.gained - before.lost },
    };
  });
  const gained = platforms.reduce((sum, row) => sum + row.gained, 0);
  const lost = platforms.reduce((sum, row) => sum + row.lost, 0);
  return { platforms, gained, lost, net: gained - lost, notDelivered: NO_FOLLOW_EVENT_PLATFORMS };
}

/** The log records replies once it carries the queue's fields; before that, responsiveness is not measured. */
function isTracked(inbound: readonly LoggedInteractionSummary[]): boolean {
  return inbound.some((item) => item.needsReply !== undefined || item.firstResponseAt !== undefined || item.status === 'closed');
}

/** As the log records it; for items logged before it did, the same rule from the matrix's decision. */
function needsReply(item: LoggedInteractionSummary): boolean {
  return item.needsReply ?? (item.priority !== 'monitor' && item.publicReply !== undefined && REPLY_DUE.has(item.publicReply));
}

function responsiveness(inbound: readonly LoggedInteractionSummary[], nowMs: number): DigestFigures['responsiveness'] {
  const due = inbound.filter(needsReply);
  const answered = due.filter((item) => item.firstResponseAt !== undefined);
  const minutes = answered.map((item) => item.firstResponseWorkingMinutes).filter((m): m is number => typeof m === 'number');
  const sla = PRIORITY_ORDER.map((priority): SlaRow => {
    let met = 0;
    let missed = 0;
    let pending = 0;
    for (const item of due) {
      if (item.priority !== priority || item.slaDueAt === undefined) continue;
      const dueMs = Date.parse(item.slaDueAt);
      if (item.firstResponseAt !== undefined) {
        if (Date.parse(item.firstResponseAt) <= dueMs) met++;
        else missed++;
      } else if (item.closedAt !== undefined) continue;
      else if (dueMs < nowMs) missed++;
      else pending++;
    }
    return { priority, met, missed, pending, attainment: share(met, met + missed) };
  }).filter((row) => row.met + row.missed + row.pending > 0);
  return {
    tracked: isTracked(inbound),
    needsReply: due.length,
    answered: answered.length,
    answeredShare: share(answered.length, due.length),
    publicReplies: answered.filter((item) => item.replyVisibility === 'public').length,
    privateReplies: answered.filter((item) => item.replyVisibility === 'private').length,
    timed: minutes.length,
    medianWorkingMinutes: median(minutes),
    p90WorkingMinutes: percentile(minutes, 90),
    sla,
    backlogPastDue: due.filter(
      (item) => item.firstResponseAt === undefined && item.closedAt === undefined && item.slaDueAt !== undefined && Date.parse(item.slaDueAt) < nowMs,
    ).length,
    closedWithoutReply: due.filter((item) => item.firstResponseAt === undefined && item.closedAt !== undefined).length,
  };
}

function safety(inbound: readonly LoggedInteractionSummary[], tracked: boolean): DigestFigures['safety'] {
  const of = (category: string) => inbound.filter((item) => item.category === category);
  const misinformation = of('misinformation');
  return {
    p0: inbound.filter((item) => item.priority === 'P0').length,
    p1: inbound.filter((item) => item.priority === 'P1').length,
    safeguarding: of('safeguarding').length,
    staffAbuse: of('abuse-or-threat').length,
    personalDataRemoved: inbound.filter((item) => item.category === 'pii' || item.flags?.includes('personal-data')).length,
    misinformation: misinformation.length,
    misinformationCorrected: tracked ? misinformation.filter((item) => item.firstResponseAt !== undefined).length : undefined,
    majorIncident: of('major-incident').length,
  };
}

function themeCounts(inbound: readonly LoggedInteractionSummary[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of inbound) {
    if (item.category !== 'complaint') continue;
    for (const theme of themesOf(item.signalEvidence)) counts[theme] = (counts[theme] ?? 0) + 1;
  }
  return counts;
}

function patientVoice(inbound: readonly LoggedInteractionSummary[], thisWeek: WeekSummary, lastWeek: WeekSummary | undefined): DigestFigures['patientVoice'] {
  const tracked = isTracked(inbound);
  const complaints = inbound.filter((item) => item.category === 'complaint');
  const compliments = inbound.filter((item) => item.category === 'compliment');
  return {
    complaints: complaints.length,
    complaintsSignposted: tracked ? complaints.filter((item) => item.firstResponseAt !== undefined).length : undefined,
    formalComplaints: inbound.filter((item) => item.category === 'formal-complaint').length,
    compliments: compliments.length,
    complimentsPassedOn: tracked ? compliments.filter((item) => item.closedAt !== undefined).length : undefined,
    themes: Object.entries(thisWeek.complaintThemes)
      .slice(0, 5)
      .map(([theme, count]) => ({ theme, thisWeek: count, lastWeek: lastWeek?.complaintThemes[theme] ?? 0 })),
  };
}

function spikesOf(dimension: Spike['dimension'], rows: readonly ComparedRow[]): Spike[] {
  const spikes: Spike[] = [];
  for (const row of rows) {
    const baseline = row.baseline ?? 0;
    if (row.thisWeek >= SPIKE_MIN_COUNT && row.thisWeek >= 2 * baseline) {
      spikes.push({ dimension, key: row.key, direction: 'rise', thisWeek: row.thisWeek, baseline });
    } else if (baseline >= SPIKE_MIN_COUNT && row.thisWeek <= baseline / 2) {
      spikes.push({ dimension, key: row.key, direction: 'fall', thisWeek: row.thisWeek, baseline });
    }
  }
  return spikes;
}

/** Inbound per local day, Monday first: the week's 8 local midnights are computed once, so DST is right. */
function perDay(inbound: readonly LoggedInteractionSummary[], range: WeekRange, timeZone: string): number[] {
  const monday = DateTime.fromISO(range.from, { zone: 'utc' }).setZone(timeZone);
  const bounds = Array.from({ length: 8 }, (_, day) => monday.plus({ days: day }).startOf('day').toMillis());
  const days = new Array<number>(7).fill(0);
  for (const item of inbound) {
    const at = Date.parse(item.receivedAt);
    for (let day = 0; day < 7; day++) {
      if (at >= bounds[day]! && at < bounds[day + 1]!) {
        days[day]!++;
        break;
      }
    }
  }
  return days;
}

function completeness(
  items: readonly LoggedInteractionSummary[],
  health: readonly ConnectorHealthEntry[],
  thisWeek: WeekSummary,
  baselineWeeks: readonly WeekSummary[],
  range: WeekRange,
  endMs: number,
): DigestFigures['completeness'] {
  const platforms = new Set([
    ...Object.keys(thisWeek.deliveriesByPlatform),
    ...baselineWeeks.flatMap((summary) => Object.keys(summary.deliveriesByPlatform)),
    ...health.map((entry) => entry.platform),
  ]);
  const times: Record<string, number[]> = {};
  for (const item of items) (times[item.platform] ??= []).push(Date.parse(item.receivedAt));
  const startMs = Date.parse(range.from);
  const rows = [...platforms].map((platform): PlatformHealth => {
    const deliveries = thisWeek.deliveriesByPlatform[platform] ?? 0;
    const baselineDeliveries =
      baselineWeeks.length === 0 ? undefined : round1(baselineWeeks.reduce((sum, s) => sum + (s.deliveriesByPlatform[platform] ?? 0), 0) / baselineWeeks.length);
    const problems = countBy(
      health.filter((entry) => entry.platform === platform),
      (entry) => entry.status,
    );
    const status: PlatformHealth['status'] =
      deliveries === 0 ? 'silent' : baselineDeliveries !== undefined && baselineDeliveries >= SPIKE_MIN_COUNT && deliveries <= baselineDeliveries / 2 ? 'quiet' : 'delivering';
    return {
      platform,
      deliveries,
      accounts: thisWeek.accounts[platform]?.length ?? 0,
      baselineDeliveries,
      longestSilenceHours: round1(longestGap(times[platform] ?? [], startMs, endMs) / HOUR_MS),
      status,
      problems,
    };
  });
  rows.sort((a, b) => b.deliveries - a.deliveries || a.platform.localeCompare(b.platform));
  const silentAccounts: { platform: string; accountId: string }[] = [];
  for (const platform of platforms) {
    const seen = new Set(baselineWeeks.flatMap((summary) => summary.accounts[platform] ?? []));
    const now = new Set(thisWeek.accounts[platform] ?? []);
    for (const accountId of [...seen].sort()) if (!now.has(accountId)) silentAccounts.push({ platform, accountId });
  }
  return { platforms: rows, silentAccounts, problems: health.length };
}

function longestGap(times: number[], startMs: number, endMs: number): number {
  if (endMs <= startMs) return 0;
  const sorted = times.filter((t) => t >= startMs && t < endMs).sort((a, b) => a - b);
  let longest = 0;
  let previous = startMs;
  for (const t of sorted) {
    longest = Math.max(longest, t - previous);
    previous = t;
  }
  return Math.max(longest, endMs - previous);
}

function matrixChanges(items: readonly LoggedInteractionSummary[], lastWeek: WeekSummary | undefined): DigestFigures['matrix']['changes'] {
  const firstSeen = new Map<string, string>();
  for (const item of items) {
    if (item.matrixVersion === undefined) continue;
    // Dated by the decision (a decision on an edit made days later may be under a newer matrix).
    const at = item.decidedAt ?? item.receivedAt;
    const seen = firstSeen.get(item.matrixVersion);
    if (seen === undefined || at < seen) firstSeen.set(item.matrixVersion, at);
  }
  const ordered = [...firstSeen.entries()].sort(([, a], [, b]) => a.localeCompare(b)).map(([version]) => version);
  const changes: DigestFigures['matrix']['changes'] = [];
  const lastWeekVersion = lastWeek ? Object.keys(lastWeek.matrixVersions)[0] : undefined;
  if (lastWeekVersion !== undefined && ordered[0] !== undefined && ordered[0] !== lastWeekVersion) {
    changes.push({ from: lastWeekVersion, to: ordered[0], when: 'since last week' });
  }
  for (let i = 1; i < ordered.length; i++) changes.push({ from: ordered[i - 1]!, to: ordered[i]!, when: 'this week' });
  return changes;
}
