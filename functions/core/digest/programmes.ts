import { DateTime } from 'luxon';
import type { PreElectionPeriod } from '../detectors/pre-election';
import type { IncidentMode } from '../incidents/incident-mode';
import type { Programme } from '../matrix/schema';
import { MAX_SHOWN_TERMS, MIN_TERM_INTERACTIONS, themeTerms, themeVocabularyOf, type ThemeVocabulary } from '../text/themes';
import type { LoggedInteractionSummary, SpikeRecord, WeekSummary } from '../ports';
import type { WeekRange } from '../time/iso-week';
import { share } from './stats';

/**
 * The digest's major-change figures (issue 8): a section per change programme active in the week, the
 * major incidents in force, the spikes detected and the pre-election period. Counts, ids and config
 * wording only. A content word is shown only when it is a theme word (text/themes.ts: the built-in
 * service words and the trust's own matrix words), so no name or place reaches the board however many
 * people write it, and only when at least MIN_TERM_INTERACTIONS different interactions carried it.
 */


/** A week's programme counts, as a WeekSummary keeps them. */
export type ProgrammeWeekCounts = NonNullable<WeekSummary['programmes']>[string];

export interface TermCount {
  term: string;
  /** Different interactions that carried it (always >= MIN_TERM_INTERACTIONS). */
  interactions: number;
}

export interface ProgrammeFigures {
  id: string;
  name: string;
  /** Local dates; `to` absent: still running. */
  from: string;
  to: string | undefined;
  /** The owner team's id, and its name from the matrix's teams (the id when the team is not known). */
  owner: string;
  ownerName: string;
  inbound: number;
  /** Oldest first, ending with this week; undefined: that week's kept summary predates programme counts. */
  trend: { week: string; counts: ProgrammeWeekCounts | undefined }[];
  sentiment: { positive: number; neutral: number; negative: number; measured: number };
  /** What people are asking: from the questions when they carry enough shared words, else from every inbound message. */
  asking: { source: 'questions' | 'all-inbound'; questions: number; terms: TermCount[] };
  misinformation: {
    /** Inbound interactions that made a known claim about the programme, or were judged misinformation. */
    seen: number;
    /** Of those, answered by the team; undefined while the log does not record replies. */
    corrected: number | undefined;
    /** `description`: the claim's plain-English `name` from the matrix, else its id humanised. */
    claims: { id: string; description: string; seen: number; corrected: number | undefined }[];
    /** Judged misinformation about the programme without one of its known claims. */
    otherSeen: number;
    otherCorrected: number | undefined;
  };
  /** The trust's own posts and replies about the programme. */
  ownPosts: number;
  keyMessages: { id: string; text: string; ownPosts: number; ownShare: number | undefined; publicEchoes: number }[];
}

export interface IncidentFigures {
  id: string;
  name: string;
  startedAt: string;
  /** Undefined: still on when the digest was made. */
  endedAt: string | undefined;
  /** Inbound interactions of the week decided while it was on (the holding line and tighter SLAs applied). */
  decided: number;
}

export interface SpikeAlertFigures {
  label: string;
  kind: SpikeRecord['series']['kind'];
  windowStart: string;
  windowEnd: string;
  count: number;
  expected: number;
  /** The spike's top words that at least MIN_TERM_INTERACTIONS of this week's interactions in its window carried. */
  topTerms: string[];
  suggestedIncidentMode: boolean;
}

export interface PreElectionFigures {
  periods: PreElectionPeriod[];
  /** Inbound political items flagged `pre-election-period` (for the comms lead). */
  politicalFlagged: number;
  /** Of those, held as monitor-only (no reply, no sharing). */
  heldMonitorOnly: number;
  /** The trust's own posts that read as announcements (flag `pre-election-announcement`). */
  announcementsFlagged: number;
  /** Of those, held as monitor-only for the comms lead to check. */
  announcementsHeld: number;
}

/** The ISO week's first and last local dates (YYYY-MM-DD). */
export function localDates(range: WeekRange, timeZone: string): { first: string; last: string } {
  const first = DateTime.fromISO(range.from, { zone: 'utc' }).setZone(timeZone);
  const last = DateTime.fromISO(range.to, { zone: 'utc' }).setZone(timeZone).minus({ days: 1 });
  return { first: first.toISODate()!, last: last.toISODate()! };
}

/** A programme or period of local dates [from, to] (to absent: open) overlaps the week. */
export function overlapsWeek(period: { from: string; to?: string | undefined }, week: { first: string; last: string }): boolean {
  return period.from <= week.last && (period.to === undefined || period.to >= week.first);
}

/** Inbound counts and sentiment split per programme id: what a WeekSummary keeps. */
export function programmeCounts(inbound: readonly LoggedInteractionSummary[]): Record<string, ProgrammeWeekCounts> {
  const counts: Record<string, ProgrammeWeekCounts> = {};
  for (const item of inbound) {
    for (const id of new Set((item.programmes ?? []).map((tag) => tag.id))) {
      const row = (counts[id] ??= { inbound: 0, positive: 0, neutral: 0, negative: 0 });
      row.inbound++;
      if (item.sentiment) row[item.sentiment]++;
    }
  }
  return counts;
}

/**
 * Theme words carried by at least MIN_TERM_INTERACTIONS different interactions, most common first (ties
 * by word), leaving out `exclude` (the programme's own keywords say nothing new).
 */
export function sharedTerms(items: readonly LoggedInteractionSummary[], vocabulary: ThemeVocabulary, exclude: ReadonlySet<string> = new Set()): TermCount[] {
  const counts = new Map<string, Set<string>>();
  for (const item of items) {
    for (const word of themeTerms((item.terms ?? []).map((term) => term.toLowerCase()), vocabulary)) {
      if (exclude.has(word)) continue;
      let ids = counts.get(word);
      if (!ids) counts.set(word, (ids = new Set()));
      ids.add(item.id);
    }
  }
  return [...counts.entries()]
    .map(([term, ids]) => ({ term, interactions: ids.size }))
    .filter((row) => row.interactions >= MIN_TERM_INTERACTIONS)
    .sort((a, b) => b.interactions - a.interactions || a.term.localeCompare(b.term))
    .slice(0, MAX_SHOWN_TERMS);
}

/**
 * A claim's plain name from its id ("maternity-closing" -> "Maternity closing"), for a claim the matrix
 * gives no `name`: its `says` phrases are fragments ("closing") that mean nothing alone.
 */
export function humanise(id: string): string {
  const words = id.replace(/[-_]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The team replied to it (publicly or privately). */
const answered = (item: LoggedInteractionSummary) => item.firstResponseAt !== undefined || item.replyVisibility !== undefined;

export function programmeFigures(input: {
  programmes: readonly Programme[];
  items: readonly LoggedInteractionSummary[];
  range: WeekRange;
  timeZone: string;
  week: string;
  /** The BASELINE_WEEKS weeks before, newest first. */
  previous: readonly WeekSummary[];
  /** The log records replies (else "corrected" is not known). */
  tracked: boolean;
  /** The matrix's teams, for the owners' names; absent or not listed: the owner's id. */
  teams?: readonly { id: string; name: string }[];
  /** The words that may be shown (themeVocabularyOf(matrix)); absent: the built-in words and the programmes' own. */
  vocabulary?: ThemeVocabulary;
}): ProgrammeFigures[] {
  const vocabulary = input.vocabulary ?? themeVocabularyOf({ programmes: [...input.programmes] });
  const dates = localDates(input.range, input.timeZone);
  const active = input.programmes.filter((programme) => overlapsWeek(programme, dates));
  const inboundAll = input.items.filter((item) => !item.ownAccount);
  const thisWeek = programmeCounts(inboundAll);
  const tagOf = (item: LoggedInteractionSummary, id: string) => item.programmes?.find((tag) => tag.id === id);
  const teamName = new Map((input.teams ?? []).map((team) => [team.id, team.name]));

  return active.map((programme): ProgrammeFigures => {
    const about = input.items.filter((item) => tagOf(item, programme.id) !== undefined);
    const inbound = about.filter((item) => !item.ownAccount);
    const own = about.filter((item) => item.ownAccount);
    const keywords = new Set(
      [...programme.keywords, ...programme.hashtags.map((tag) => tag.slice(1))].map((k) => k.toLowerCase()).filter((k) => !/\s/.test(k)),
    );
    const questions = inbound.filter((item) => item.question === true);
    const fromQuestions = sharedTerms(questions, vocabulary, keywords);
    const asking =
      fromQuestions.length > 0
        ? { source: 'questions' as const, questions: questions.length, terms: fromQuestions }
        : { source: 'all-inbound' as const, questions: questions.length, terms: sharedTerms(inbound, vocabulary, keywords) };

    const corrected = (list: readonly LoggedInteractionSummary[]) => (input.tracked ? list.filter(answered).length : undefined);
    // A claim the log records but the matrix no longer lists keeps its humanised id.
    const claimName = new Map(programme.claims.flatMap((claim) => (claim.name === undefined ? [] : [[claim.id, claim.name] as const])));
    const claimIds = new Set([...programme.claims.map((c) => c.id), ...inbound.flatMap((item) => tagOf(item, programme.id)!.claims)]);
    const claims = [...claimIds]
      .map((id) => {
        const carrying = inbound.filter((item) => tagOf(item, programme.id)!.claims.includes(id));
        return { id, description: claimName.get(id) ?? humanise(id), seen: carrying.length, corrected: corrected(carrying) };
      })
      .filter((row) => row.seen > 0)
      .sort((a, b) => b.seen - a.seen || a.id.localeCompare(b.id));
    const withClaim = inbound.filter((item) => tagOf(item, programme.id)!.claims.length > 0);
    const other = inbound.filter((item) => tagOf(item, programme.id)!.claims.length === 0 && item.category === 'misinformation');
    const seen = [...withClaim, ...other];

    const measured = inbound.filter((item) => item.sentiment !== undefined);
    return {
      id: programme.id,
      name: programme.name,
      from: programme.from,
      to: programme.to,
      owner: programme.owner,
      ownerName: teamName.get(programme.owner) ?? programme.owner,
      inbound: inbound.length,
      trend: [...input.previous]
        .reverse()
        .map((summary) => ({ week: summary.week, counts: summary.programmes === undefined ? undefined : (summary.programmes[programme.id] ?? zero()) }))
        .concat({ week: input.week, counts: thisWeek[programme.id] ?? zero() }),
      sentiment: {
        positive: measured.filter((item) => item.sentiment === 'positive').length,
        neutral: measured.filter((item) => item.sentiment === 'neutral').length,
        negative: measured.filter((item) => item.sentiment === 'negative').length,
        measured: measured.length,
      },
      asking,
      misinformation: { seen: seen.length, corrected: corrected(seen), claims, otherSeen: other.length, otherCorrected: corrected(other) },
      ownPosts: own.length,
      keyMessages: programme.keyMessages.map((message) => {
        const carried = own.filter((item) => tagOf(item, programme.id)!.keyMessages.includes(message.id)).length;
        return {
          id: message.id,
          text: message.text,
          ownPosts: carried,
          ownShare: share(carried, own.length),
          publicEchoes: inbound.filter((item) => tagOf(item, programme.id)!.keyMessages.includes(message.id)).length,
        };
      }),
    };
  });
}

function zero(): ProgrammeWeekCounts {
  return { inbound: 0, positive: 0, neutral: 0, negative: 0 };
}

export function incidentFigures(incidents: readonly IncidentMode[], items: readonly LoggedInteractionSummary[]): IncidentFigures[] {
  return incidents.map((incident) => ({
    id: incident.id,
    name: incident.name,
    startedAt: incident.startedAt,
    endedAt: incident.endedAt,
    decided: items.filter((item) => !item.ownAccount && item.incidentId === incident.id).length,
  }));
}

export function spikeAlertFigures(spikes: readonly SpikeRecord[], items: readonly LoggedInteractionSummary[], vocabulary: ThemeVocabulary): SpikeAlertFigures[] {
  const inbound = items.filter((item) => !item.ownAccount);
  return spikes.map((spike) => {
    // The detector's words are checked again here: theme words only (a spike recorded before the
    // vocabulary existed keeps what it had), and only those enough of the window's interactions carried.
    const inWindow = inbound.filter((item) => item.receivedAt >= spike.windowStart && item.receivedAt < spike.windowEnd);
    const counted = new Map<string, number>();
    for (const term of themeTerms(spike.topTerms.map((t) => t.toLowerCase()), vocabulary)) {
      if (!counted.has(term)) counted.set(term, inWindow.filter((item) => item.terms?.some((t) => t.toLowerCase() === term)).length);
    }
    return {
      label: spike.series.label,
      kind: spike.series.kind,
      windowStart: spike.windowStart,
      windowEnd: spike.windowEnd,
      count: spike.count,
      expected: spike.expected,
      topTerms: [...counted.entries()].filter(([, n]) => n >= MIN_TERM_INTERACTIONS).map(([term]) => term),
      suggestedIncidentMode: spike.suggestIncidentMode,
    };
  });
}

export function preElectionFigures(
  periods: readonly PreElectionPeriod[],
  items: readonly LoggedInteractionSummary[],
  range: WeekRange,
  timeZone: string,
): PreElectionFigures | undefined {
  const dates = localDates(range, timeZone);
  const inForce = periods.filter((period) => overlapsWeek(period, dates));
  if (inForce.length === 0) return undefined;
  const political = items.filter(
    (item) =>
      !item.ownAccount &&
      item.flags?.includes('pre-election-period') === true &&
      (item.category === 'political' || item.secondaryCategories?.includes('political') === true),
  );
  const announcements = items.filter((item) => item.ownAccount && item.flags?.includes('pre-election-announcement') === true);
  return {
    periods: inForce.map((p) => ({ name: p.name, from: p.from, to: p.to })),
    politicalFlagged: political.length,
    heldMonitorOnly: political.filter((item) => item.priority === 'monitor').length,
    announcementsFlagged: announcements.length,
    announcementsHeld: announcements.filter((item) => item.priority === 'monitor').length,
  };
}
