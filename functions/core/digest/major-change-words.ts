import { DateTime } from 'luxon';
import { fmt, listOf, pct, plural } from './format';
import { MIN_TERM_INTERACTIONS } from '../text/themes';
import type { ProgrammeFigures, SpikeAlertFigures } from './programmes';
import type { DigestFigures } from './summarise';

/**
 * The wording of the digest's major-change parts (issue 8): the headline's incident and pre-election
 * statements, the spike alerts and one block per change programme. Shared by the HTML and the text, so
 * both say the same thing. Only figures, config names and fixed wording.
 */

export type Cell = string | number;

export type Part =
  | { kind: 'para'; text: string }
  | { kind: 'bullets'; items: string[] }
  | { kind: 'table'; title: string; head: string[]; rows: Cell[][]; empty: string };

export interface ProgrammeBlock {
  /** The chart's Content-ID (buildCharts makes one per programme). */
  chartId: string;
  heading: string;
  subtitle: string;
  parts: Part[];
}

const dateOf = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).toFormat('d LLLL yyyy');

function at(instant: string, timeZone: string): string {
  return DateTime.fromISO(instant, { zone: 'utc' }).setZone(timeZone).toFormat('cccc d LLLL yyyy, HH:mm');
}

/** "from Tuesday 24 November 2026, 10:00 to 11:00" (the end's date only when it differs). */
function between(from: string, to: string, timeZone: string): string {
  const start = DateTime.fromISO(from, { zone: 'utc' }).setZone(timeZone);
  const end = DateTime.fromISO(to, { zone: 'utc' }).setZone(timeZone);
  return `from ${start.toFormat('cccc d LLLL yyyy, HH:mm')} to ${start.hasSame(end, 'day') ? end.toFormat('HH:mm') : end.toFormat('cccc d LLLL yyyy, HH:mm')}`;
}

/** Headline bullets: every incident in force and the pre-election period, first, because they frame the week. */
export function majorChangeHeadline(figures: DigestFigures, timeZone: string): string[] {
  const lines: string[] = [];
  for (const incident of figures.incidents ?? []) {
    lines.push(
      `Major-incident mode was in force: "${incident.name}", ${
        incident.endedAt === undefined ? `from ${at(incident.startedAt, timeZone)} and still on when this digest was made` : between(incident.startedAt, incident.endedAt, timeZone)
      }. ${plural(incident.decided, 'inbound message')} ${incident.decided === 1 ? 'was' : 'were'} decided under it (its holding line and tighter response targets).`,
    );
  }
  const pre = figures.preElection;
  if (pre) {
    lines.push(
      `Pre-election period in force: ${listOf(pre.periods.map((p) => `${p.name} (${dateOf(p.from)} to ${dateOf(p.to)})`))}. ${plural(pre.politicalFlagged, 'political item')} ${
        pre.politicalFlagged === 1 ? 'was' : 'were'
      } flagged for the comms lead; ${pre.heldMonitorOnly} of them held as monitor-only (no reply, no sharing).` +
        (pre.announcementsFlagged === 0
          ? ''
          : ` ${plural(pre.announcementsFlagged, "of the trust's own posts", "of the trust's own posts")} read as an announcement and ${
              pre.announcementsFlagged === 1 ? 'was' : 'were'
            } flagged for the comms lead; ${pre.announcementsHeld} held as monitor-only.`),
    );
  }
  const alerts = figures.spikeAlerts ?? [];
  if (alerts.length > 0) {
    lines.push(`${plural(alerts.length, 'spike alert')} ${alerts.length === 1 ? 'was' : 'were'} raised during the week (listed under Listening).`);
  }
  return lines;
}

/** An assurance line when incident mode is known and was not used (a board asks "was there one?"). */
export function incidentAssurance(figures: DigestFigures): string[] {
  if (figures.incidents === undefined) return [];
  return figures.incidents.length === 0 ? ['Major-incident mode: not in force this week.'] : [];
}

const SERIES: Record<SpikeAlertFigures['kind'], string> = { overall: 'all messages', programme: 'change programme', category: 'category' };

/** One line per spike alert; undefined when spikes are not known (no spike log). */
export function spikeAlertLines(figures: DigestFigures, timeZone: string): string[] | undefined {
  if (figures.spikeAlerts === undefined) return undefined;
  return figures.spikeAlerts.map(
    (spike) =>
      `${spike.label} (${SERIES[spike.kind]}): ${plural(spike.count, 'message')} ${between(spike.windowStart, spike.windowEnd, timeZone)}, against ${fmt(Math.round(spike.expected * 10) / 10)} usually` +
      (spike.topTerms.length > 0 ? `; common words: ${spike.topTerms.join(', ')}` : '') +
      (spike.suggestedIncidentMode ? '; major-incident mode was suggested' : '') +
      '.',
  );
}

function trendRows(programme: ProgrammeFigures): Cell[][] {
  return programme.trend.map((point, index, all) => {
    const week = `${point.week}${index === all.length - 1 ? ' (this week)' : ''}`;
    const c = point.counts;
    if (!c) return [week, 'not known', '–', '–', '–'];
    const measured = c.positive + c.neutral + c.negative;
    const split = (n: number) => (measured === 0 ? '–' : `${n} (${pct(n / measured)})`);
    return [week, c.inbound, split(c.positive), split(c.neutral), split(c.negative)];
  });
}

function volumeSentence(programme: ProgrammeFigures): string {
  const earlier = programme.trend.slice(0, -1);
  const last = earlier[earlier.length - 1]?.counts;
  const known = earlier.filter((p) => p.counts !== undefined);
  const average = known.length === 0 ? undefined : Math.round((known.reduce((sum, p) => sum + p.counts!.inbound, 0) / known.length) * 10) / 10;
  const comparison = [
    last === undefined ? 'last week not known' : `last week ${fmt(last.inbound)}`,
    average === undefined ? 'no earlier week counted' : `average of the ${plural(known.length, 'week')} before ${fmt(average)}`,
  ].join('; ');
  return `${plural(programme.inbound, 'inbound message')} about it this week (${comparison}).`;
}

/**
 * "What people are asking": the questions' common words when they have enough in common, else the words
 * of every message about the programme, saying why.
 */
export function askingText(programme: Pick<ProgrammeFigures, 'asking' | 'inbound'>): string {
  const { asking, inbound } = programme;
  const words = asking.terms.map((t) => `${t.term} (${t.interactions})`).join(', ');
  const atLeast = `each used in at least ${MIN_TERM_INTERACTIONS} different messages`;
  if (asking.source === 'questions') {
    return `What people are asking: the most common words in the ${plural(asking.questions, 'question')} about it, ${atLeast}: ${words}.`;
  }
  const why =
    asking.questions === 0
      ? 'nobody asked a question about it this week'
      : `the ${plural(asking.questions, 'question')} about it this week had too few words in common to show`;
  if (asking.terms.length === 0) {
    return `What people are asking: ${why}, and no word was used in at least ${MIN_TERM_INTERACTIONS} different messages about it, so none is shown.`;
  }
  return `What people are asking: ${why}, so these are the most common words in all ${plural(inbound, 'message')} about it, ${atLeast}: ${words}.`;
}

/**
 * The key-message table's title, one plain sentence whether or not the trust posted and the public echoed.
 * Pull-through counts the trust's own posts and replies as intake sees them on its accounts: replies
 * recorded in the triage console are not interactions, so they are not counted. The echo clause counts key
 * messages echoed, not echoes (one public message may carry several key messages).
 */
export function keyMessagesTitle(programme: Pick<ProgrammeFigures, 'ownPosts' | 'keyMessages'>): string {
  const { ownPosts, keyMessages } = programme;
  const counted = 'Only posts and replies seen on the trust’s accounts count, not replies recorded in the triage console.';
  const posted =
    ownPosts === 0
      ? 'the trust posted nothing about it this week'
      : `the trust made ${plural(ownPosts, 'post or reply', 'posts and replies')} about it this week`;
  const echoed = keyMessages.filter((m) => m.publicEchoes > 0).length;
  const echoes =
    keyMessages.length === 0
      ? ''
      : echoed === 0
        ? ', and no public message echoed a key message'
        : `, ${ownPosts === 0 ? 'but' : 'and'} the public echoed ${plural(echoed, 'key message')}`;
  return `Key messages: ${posted}${echoes}. ${counted}`;
}

const corrected = (n: number | undefined) => (n === undefined ? 'not yet recorded' : n);

export function programmeBlocks(figures: DigestFigures): ProgrammeBlock[] {
  return figures.programmes.map((programme) => {
    const { misinformation: mis } = programme;
    const misRows: Cell[][] = [
      ...mis.claims.map((claim) => [claim.description, claim.seen, corrected(claim.corrected)]),
      ...(mis.otherSeen > 0 ? [['Other misinformation about it', mis.otherSeen, corrected(mis.otherCorrected)]] : []),
    ];
    if (misRows.length > 1) misRows.push(['All misinformation about it', mis.seen, corrected(mis.corrected)]);
    return {
      chartId: `programme-${programme.id}`,
      heading: `Change programme: ${programme.name}`,
      subtitle: `Runs ${programme.to === undefined ? `from ${dateOf(programme.from)}, no end date set` : `${dateOf(programme.from)} to ${dateOf(programme.to)}`}; owner: ${programme.ownerName}. Counts only.`,
      parts: [
        { kind: 'para', text: volumeSentence(programme) },
        { kind: 'table', title: 'Volume and sentiment by week', head: ['Week', 'Inbound', 'Positive', 'Neutral', 'Negative'], rows: trendRows(programme), empty: 'No week to show' },
        { kind: 'para', text: askingText(programme) },
        {
          kind: 'table',
          title: 'Misinformation seen and corrected',
          head: ['Claim', 'Seen', 'Answered with a correction'],
          rows: misRows,
          empty: 'No misinformation about it this week',
        },
        {
          kind: 'table',
          title: keyMessagesTitle(programme),
          head: ['Key message', 'Own posts carrying it', 'Share of own posts', 'Public messages echoing it'],
          rows: programme.keyMessages.map((m) => [`"${m.text}"`, m.ownPosts, pct(m.ownShare), m.publicEchoes]),
          empty: 'No key messages configured for this programme',
        },
      ],
    };
  });
}
