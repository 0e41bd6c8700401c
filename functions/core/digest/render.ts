import { DateTime } from 'luxon';
import mjml2html from 'mjml';
import type { WeekRange } from '../time/iso-week';
import type { Chart } from './charts';
import { toCsv } from './csv';
import {
  categoryLabel,
  METRIC_DEFINITIONS,
  platformLabel,
  priorityLabel,
  SENTIMENT_CAVEATS,
} from './labels';
import { fmt, listOf, pct, plural } from './format';
import { incidentAssurance, majorChangeHeadline, programmeBlocks, spikeAlertLines, type Part, type ProgrammeBlock } from './major-change-words';
import type { ComparedRow, DigestFigures } from './summarise';
import { escapeHtml } from '../text/html';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
  csv: string;
}

export interface DigestContext {
  trustName: string;
  timeZone: string;
  range: WeekRange;
  /** True when the week had not ended when the digest was made (a manual preview or re-run). */
  complete: boolean;
}

/** The charts as the email shows them: `cid:<id>` images. */
export type ChartRef = Pick<Chart, 'id' | 'alt' | 'width'>;

const PRIVACY_NOTE = 'Counts only: this digest never contains message text, names or any detail that could identify a person.';

/**
 * The board digest as an MJML email (responsive, and Outlook-safe through MJML's own table markup and
 * conditional comments), its plain-text twin and a CSV of every figure. Every dynamic string is
 * escaped; only figures, config names and fixed wording reach the output.
 */
export async function renderDigest(figures: DigestFigures, context: DigestContext, charts: readonly ChartRef[]): Promise<RenderedDigest> {
  const words = describe(figures, context);
  const subject = `${context.trustName}: social media weekly digest, ${figures.week} (${words.shortPeriod})${context.complete ? '' : ' (week to date)'}`;
  const mjml = toMjml(figures, context, words, charts);
  const { html, errors } = await mjml2html(mjml, { validationLevel: 'strict', fonts: {}, keepComments: false });
  if (errors.length > 0) throw new Error(`digest template is not valid MJML: ${errors.map((e) => e.formattedMessage).join('; ')}`);
  return { subject, html, text: toText(figures, context, words, subject), csv: toCsv(figures) };
}

// ---- wording shared by the HTML and the text ---------------------------------------------------

interface Words {
  period: string;
  shortPeriod: string;
  headline: string[];
  assurance: string[];
  completeness: string;
  notMeasured: string[];
  /** One line per spike alert; undefined when the spike log is not connected. */
  spikeAlerts: string[] | undefined;
  programmes: ProgrammeBlock[];
}

function describe(figures: DigestFigures, context: DigestContext): Words {
  const from = DateTime.fromISO(context.range.from, { zone: 'utc' }).setZone(context.timeZone);
  const last = DateTime.fromISO(context.range.to, { zone: 'utc' }).setZone(context.timeZone).minus({ days: 1 });
  const period = `Monday ${from.toFormat('d LLLL yyyy')} to Sunday ${last.toFormat('d LLLL yyyy')}`;
  const shortPeriod = from.month === last.month ? `${from.toFormat('d')} to ${last.toFormat('d LLLL yyyy')}` : `${from.toFormat('d LLLL')} to ${last.toFormat('d LLLL yyyy')}`;
  const { volume, responsiveness: r, safety, spikes } = figures;

  // An incident or a pre-election period frames the whole week: said first.
  const headline: string[] = majorChangeHeadline(figures, context.timeZone);
  if (volume.inbound === 0 && volume.ownPosts === 0) {
    headline.push(
      'No messages reached the trust\'s accounts this week: there is nothing to report on listening, responsiveness or sentiment.',
      'This is either a quiet week or a gap in the data: the data completeness figures below say which platforms delivered.',
    );
  } else {
    headline.push(
      `${plural(volume.inbound, 'inbound message')} reached the trust's accounts${comparedToBaseline(volume.inbound, volume.baseline, volume.lastWeek)}.`,
    );
    const rise = [...spikes].filter((s) => s.direction === 'rise').sort((a, b) => b.thisWeek - b.baseline - (a.thisWeek - a.baseline))[0];
    const fall = spikes.find((s) => s.direction === 'fall');
    if (rise) headline.push(`The biggest change: ${spikeName(rise)} rose to ${rise.thisWeek} against a 4-week average of ${fmt(rise.baseline)}.`);
    else if (fall) headline.push(`The biggest change: ${spikeName(fall)} fell to ${fall.thisWeek} against a 4-week average of ${fmt(fall.baseline)}.`);
    else if (volume.baselineWeeks === 0) headline.push('There is no earlier week to compare with yet, so no spikes can be called.');
    else headline.push('No platform or category rose or fell sharply against its 4-week average.');
    headline.push(
      r.tracked
        ? r.needsReply === 0
          ? 'No message this week needed a reply.'
          : `${pct(r.answeredShare)} of the ${plural(r.needsReply, 'message')} needing a reply ${r.answered === 1 ? 'was' : 'were'} answered${r.medianWorkingMinutes !== undefined ? `, with a median first response of ${duration(r.medianWorkingMinutes)} in working hours` : ''}${r.backlogPastDue > 0 ? `; ${r.backlogPastDue} ${r.backlogPastDue === 1 ? 'is' : 'are'} past due and unanswered` : ''}.`
        : 'Response times are not yet measured: the log does not yet record replies.',
    );
  }

  const completeness = completenessSentence(figures);
  const assurance = [
    `P0 (risk to life) events: ${safety.p0}. P1 (urgent) events: ${safety.p1}. Counts only; the detail stays with the owning teams.`,
    completeness,
    ...incidentAssurance(figures),
  ];
  const notMeasured = [
    ...(r.tracked ? [] : ['Responsiveness (answered share, first response times, SLA attainment, backlog): the log does not yet record replies.']),
    figures.community.followers
      ? `Follower gains and losses on ${listOf(figures.community.followers.notDelivered.map(followerPlatformLabel))}: their webhooks do not deliver follow events.`
      : 'Follower gains and losses: follow events are not collected yet.',
    'Connector uptime as a percentage: not measured; the longest silence per platform stands in for it.',
  ];
  return {
    period,
    shortPeriod,
    headline,
    assurance,
    completeness,
    notMeasured,
    spikeAlerts: spikeAlertLines(figures, context.timeZone),
    programmes: programmeBlocks(figures),
  };
}

function completenessSentence(figures: DigestFigures): string {
  const { platforms, silentAccounts, problems } = figures.completeness;
  if (platforms.length === 0) return 'Data completeness: no platform has delivered anything in this week or the four before it, and no connection problem was reported.';
  const delivering = platforms.filter((p) => p.status !== 'silent');
  const silent = platforms.filter((p) => p.status === 'silent');
  const quiet = platforms.filter((p) => p.status === 'quiet');
  const parts = [
    silent.length === 0
      ? platforms.length === 1
        ? `the one platform in use (${platformLabel(platforms[0]!.platform)}) delivered`
        : `all ${plural(platforms.length, 'platform')} delivered`
      : `${delivering.length} of ${plural(platforms.length, 'platform')} delivered; silent all week: ${silent.map((p) => platformLabel(p.platform)).join(', ')}`,
  ];
  if (quiet.length > 0) parts.push(`well below usual: ${quiet.map((p) => platformLabel(p.platform)).join(', ')}`);
  const longest = [...delivering].sort((a, b) => b.longestSilenceHours - a.longestSilenceHours)[0];
  if (longest) parts.push(`longest silence ${fmt(longest.longestSilenceHours)} hours (${platformLabel(longest.platform)})`);
  if (silentAccounts.length > 0) parts.push(`${plural(silentAccounts.length, 'account')} that delivered in the last four weeks sent nothing`);
  const issues = platforms.flatMap((p) => Object.entries(p.problems).map(([status, n]) => `${platformLabel(p.platform)} ${status.replace(/_/g, ' ')}${n > 1 ? ` (${n})` : ''}`));
  parts.push(problems === 0 ? 'no connection problems reported' : `connection problems: ${issues.join(', ')}`);
  return `Data completeness: ${parts.join('; ')}.`;
}

function comparedToBaseline(value: number, baseline: number | undefined, lastWeek: number): string {
  if (baseline === undefined) return ' (no earlier weeks to compare with yet)';
  if (baseline === 0) return `, against none in the four weeks before (last week ${lastWeek})`;
  const change = (value - baseline) / baseline;
  const size = Math.round(Math.abs(change) * 100);
  const direction = size === 0 ? 'in line with' : change > 0 ? `${size}% above` : `${size}% below`;
  return `, ${direction} the 4-week average of ${fmt(baseline)} (last week ${lastWeek})`;
}

function spikeName(spike: { dimension: string; key: string }): string {
  return spike.dimension === 'platform' ? platformLabel(spike.key) : `"${categoryLabel(spike.key)}"`;
}

// ---- small formatters ---------------------------------------------------------------------------

/** A count that can fall: +3, −2, 0 (a true minus sign). */
function signedCount(n: number): string {
  return n > 0 ? `+${n.toLocaleString('en-GB')}` : n < 0 ? `−${Math.abs(n).toLocaleString('en-GB')}` : '0';
}

/** Follows are of the trust's Facebook Page (Messenger is the Page's inbox, not counted separately). */
function followerPlatformLabel(platform: string): string {
  return platform === 'facebook' ? 'Facebook Page' : platformLabel(platform);
}

function followerLines(followers: DigestFigures['community']['followers']): string[] {
  if (!followers) return ['Followers gained / lost: not collected yet'];
  const rows = followers.platforms.map(
    (row) =>
      `Followers, ${platformLabel(row.platform)}: gained ${fmt(row.gained)}, lost ${fmt(row.lost)}, net ${signedCount(row.net)}` +
      ` (last week: ${row.lastWeek ? `gained ${fmt(row.lastWeek.gained)}, lost ${fmt(row.lastWeek.lost)}, net ${signedCount(row.lastWeek.net)}` : 'not known'})`,
  );
  return [
    ...(rows.length > 0 ? rows : ['Followers: no connected platform delivers follow events']),
    `Followers not counted: ${listOf(followers.notDelivered.map(followerPlatformLabel))} webhooks do not deliver follow events`,
  ];
}

/** Working minutes as "45 min" or "3 h 10 min". */
export function duration(minutes: number | undefined): string {
  if (minutes === undefined) return '–';
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Below this average a percentage misleads (3 against 0.3 is not "+900%"): the change is shown as a count. */
const SMALL_BASELINE = 5;

function change(row: Pick<ComparedRow, 'thisWeek' | 'baseline'>): string {
  if (row.baseline === undefined) return '–';
  const signed = (n: number, unit: string) => (n === 0 ? `0${unit}` : n > 0 ? `+${n}${unit}` : `−${Math.abs(n)}${unit}`);
  if (row.baseline < SMALL_BASELINE) return signed(Math.round(row.thisWeek - row.baseline), '');
  return signed(Math.round(((row.thisWeek - row.baseline) / row.baseline) * 100), '%');
}


// ---- HTML (MJML) ---------------------------------------------------------------------------------

const COLOURS = { blue: '#005eb8', darkBlue: '#003087', text: '#212b32', grey: '#4c6272', pale: '#f0f4f5', border: '#d8dde0', warm: '#ffeb3b', red: '#d5281b' };
// word-break:normal undoes MJML's break-word on columns, so a phone never splits "Change" or "+35%" mid-word.
const CELL = `padding:6px 6px;border-bottom:1px solid ${COLOURS.border};word-break:normal;`;

type Cell = string | number;
function table(head: readonly string[], rows: ReadonlyArray<readonly Cell[]>, empty = 'None this week'): string {
  const th = head
    .map((h, i) => `<th style="${CELL}text-align:${i === 0 ? 'left' : 'right'};color:${COLOURS.grey};font-weight:bold;">${escapeHtml(h)}</th>`)
    .join('');
  const body =
    rows.length === 0
      ? `<tr><td colspan="${head.length}" style="${CELL}">${escapeHtml(empty)}</td></tr>`
      : rows
          .map((row) => `<tr>${row.map((cell, i) => `<td style="${CELL}text-align:${i === 0 ? 'left' : String(cell).length <= 12 ? 'right;white-space:nowrap' : 'right'};">${escapeHtml(String(cell))}</td>`).join('')}</tr>`)
          .join('\n');
  return `<mj-table font-size="14px" line-height="20px" color="${COLOURS.text}" cellpadding="0" width="100%"><tr>${th}</tr>\n${body}</mj-table>`;
}

function heading(title: string, subtitle?: string): string {
  return `<mj-text padding="24px 24px 4px" font-size="20px" line-height="26px" font-weight="bold" color="${COLOURS.darkBlue}">${escapeHtml(title)}</mj-text>${
    subtitle ? `<mj-text padding="0 24px 8px" font-size="13px" color="${COLOURS.grey}">${escapeHtml(subtitle)}</mj-text>` : ''
  }`;
}

function para(text: string, attrs = ''): string {
  return `<mj-text padding="4px 24px" ${attrs}>${escapeHtml(text)}</mj-text>`;
}

function bullets(items: readonly string[]): string {
  return `<mj-text padding="4px 24px"><ul style="margin:0;padding-left:20px;">${items.map((item) => `<li style="margin:0 0 6px;">${escapeHtml(item)}</li>`).join('')}</ul></mj-text>`;
}

function image(chart: ChartRef | undefined): string {
  if (!chart) return '';
  return `<mj-image padding="8px 24px" src="cid:${escapeHtml(chart.id)}" alt="${escapeHtml(chart.alt)}" width="${chart.width}px" fluid-on-mobile="true" />`;
}

function section(content: string, background = '#ffffff'): string {
  return `<mj-section background-color="${background}" padding="0 0 12px"><mj-column>${content}</mj-column></mj-section>`;
}

function partMjml(part: Part): string {
  if (part.kind === 'para') return para(part.text);
  if (part.kind === 'bullets') return bullets(part.items);
  return `<mj-text padding="12px 24px 4px" font-size="15px" font-weight="bold" color="${COLOURS.darkBlue}">${escapeHtml(part.title)}</mj-text>` + table(part.head, part.rows, part.empty);
}

function comparedRows(rows: readonly ComparedRow[], label: (key: string) => string): Cell[][] {
  return rows.map((row) => [label(row.key), row.thisWeek, row.lastWeek, fmt(row.baseline), change(row)]);
}

function toMjml(figures: DigestFigures, context: DigestContext, words: Words, charts: readonly ChartRef[]): string {
  const chart = (id: string) => charts.find((c) => c.id === id);
  const { volume, responsiveness: r, safety, patientVoice: voice, community, sentiment, completeness, matrix } = figures;
  const compareHead = ['', 'This week', 'Last week', '4-week avg', 'Change'];
  const notTracked = 'Not yet measured: the log does not yet record replies.';

  const header = `<mj-section background-color="${COLOURS.blue}" padding="20px 0">
  <mj-column>
    <mj-text color="#ffffff" font-size="14px" padding="0 24px">${escapeHtml(context.trustName)}</mj-text>
    <mj-text color="#ffffff" font-size="26px" line-height="32px" font-weight="bold" padding="4px 24px">Social media weekly digest</mj-text>
    <mj-text color="#ffffff" font-size="15px" padding="0 24px">${escapeHtml(`Week ${figures.week.slice(-2)} (${figures.week}): ${words.period}`)}</mj-text>
  </mj-column>
</mj-section>`;
  const partial = context.complete
    ? ''
    : section(para('This week has not ended: the figures are the week so far and will change.', 'font-weight="bold"'), '#fff9c4');

  const headline = section(heading('Headline') + bullets(words.headline));
  const assurance = section(heading('Assurance') + bullets(words.assurance), COLOURS.pale);

  const spikes = figures.spikes.map(
    (s) => `${s.dimension === 'platform' ? platformLabel(s.key) : categoryLabel(s.key)}: ${s.direction === 'rise' ? 'up' : 'down'} to ${s.thisWeek} from a 4-week average of ${fmt(s.baseline)}`,
  );
  const listening = section(
    heading('Listening', `Inbound messages by platform and category, against last week and the 4-week average${volume.baselineWeeks < 4 ? ` (over ${plural(volume.baselineWeeks, 'week')} with data)` : ''}.`) +
      image(chart('trend')) +
      table(compareHead, comparedRows(volume.byPlatform, platformLabel)) +
      image(chart('categories')) +
      table(compareHead, comparedRows(volume.byCategory, categoryLabel)) +
      para('Change is against the 4-week average: a percentage, or a count where the average is under 5.', `font-size="13px" color="${COLOURS.grey}"`) +
      (spikes.length > 0 ? heading('Spikes') + bullets(spikes) : para(volume.baselineWeeks === 0 ? 'Spikes: no earlier week to compare with yet.' : 'Spikes: none this week.')) +
      para(
        `Also: ${plural(volume.ownPosts, 'post')} and replies by the trust's own accounts (not counted above); ${volume.unassessed} not yet assessed by the response matrix; ${volume.deleted} deleted by their authors; ${volume.welsh} in Welsh.`,
        `font-size="13px" color="${COLOURS.grey}"`,
      ) +
      (words.spikeAlerts === undefined
        ? ''
        : words.spikeAlerts.length > 0
          ? heading('Spike alerts', 'Raised as they happened by the spike detector, against the usual count for that time of day and day of week.') + bullets(words.spikeAlerts)
          : para('Spike alerts: none raised this week.')),
  );

  const programmeSections = words.programmes.map((block) => section(heading(block.heading, block.subtitle) + image(chart(block.chartId)) + block.parts.map(partMjml).join(''))).join('\n');

  const responsiveness = section(
    heading('Responsiveness', 'Messages that need a reply, how many were answered and how fast, in working hours.') +
      (r.tracked
        ? table(
            ['', 'This week'],
            [
              ['Needed a reply', r.needsReply],
              ['Answered', `${r.answered} (${pct(r.answeredShare)})`],
              ['Median first response (working hours)', duration(r.medianWorkingMinutes)],
              ['90th percentile first response', duration(r.p90WorkingMinutes)],
              ['Backlog past due (unanswered)', r.backlogPastDue],
              ['Closed without a reply', r.closedWithoutReply],
            ],
          ) +
          table(
            ['SLA by priority', 'Met', 'Missed', 'Not yet due', 'Attainment'],
            r.sla.map((row) => [priorityLabel(row.priority), row.met, row.missed, row.pending, pct(row.attainment)]),
            'No message with a deadline this week',
          )
        : para(notTracked)),
  );

  const safetySection = section(
    heading('Safety and protection', 'Counts only, never detail.') +
      table(
        ['', 'This week'],
        [
          ['Safeguarding escalations', safety.safeguarding],
          ['Abuse of staff or threats', safety.staffAbuse],
          ['Personal data removed from messages', safety.personalDataRemoved],
          ['Misinformation', safety.misinformation],
          ['Misinformation answered with a correction', safety.misinformationCorrected ?? 'not yet recorded'],
          ['Major incident or disruption', safety.majorIncident],
        ],
      ),
  );

  const voiceSection = section(
    heading('Patient voice') +
      table(
        ['', 'This week'],
        [
          ['Complaints (signposted to PALS)', voice.complaints],
          ['Complaints answered with the PALS signpost', voice.complaintsSignposted ?? 'not yet recorded'],
          ['Formal complaints or legal', voice.formalComplaints],
          ['Compliments', voice.compliments],
          ['Compliments passed on to staff', voice.complimentsPassedOn ?? 'not yet recorded'],
        ],
      ) +
      table(['Top complaint themes', 'This week', 'Last week'], voice.themes.map((t) => [t.theme, t.thisWeek, t.lastWeek]), 'No complaint themes this week'),
  );

  const followers = community.followers;
  const communitySection = section(
    heading('Community and staff') +
      (followers
        ? table(
            ['Followers', 'Gained', 'Lost', 'Net', 'Net last week'],
            followers.platforms.map((row) => [platformLabel(row.platform), row.gained, row.lost, signedCount(row.net), row.lastWeek ? signedCount(row.lastWeek.net) : 'not known']),
            'No connected platform delivers follow events',
          ) + para(`Not counted: ${listOf(followers.notDelivered.map(followerPlatformLabel))} webhooks do not deliver follow events.`)
        : '') +
      table(
        ['', 'This week'],
        [
          ...(followers ? [] : [['Followers gained / lost', 'not collected yet']]),
          ['Staff-channel messages', community.staffChannel],
          ['Staff concerns for the Freedom to Speak Up guardian', community.speakUp],
        ],
      ),
  );

  const sentimentSection = section(
    heading('Sentiment', 'A split, not a single score.') +
      (sentiment.measured === 0
        ? para('No assessed message this week, so there is no sentiment split.')
        : image(chart('sentiment')) +
          table(
            ['', 'Messages', 'Share'],
            [
              ['Positive', sentiment.positive, pct(sentiment.positive / sentiment.measured)],
              ['Neutral', sentiment.neutral, pct(sentiment.neutral / sentiment.measured)],
              ['Negative', sentiment.negative, pct(sentiment.negative / sentiment.measured)],
            ],
          )) +
      para(`Sample: ${plural(sentiment.measured, 'message')} scored automatically; human-checked sample: none yet. Caveats:`, `font-size="13px" color="${COLOURS.grey}"`) +
      bullets(SENTIMENT_CAVEATS),
  );

  const appendix = section(
    heading('Appendix') +
      heading('Data completeness by platform') +
      table(
        ['Platform (deliveries)', 'This week', '4-week avg', 'Longest gap', 'Status'],
        completeness.platforms.map((p) => [
          `${platformLabel(p.platform)} (${plural(p.accounts, 'account')})`,
          p.deliveries,
          fmt(p.baselineDeliveries),
          `${fmt(p.longestSilenceHours)} h`,
          [p.status, ...Object.entries(p.problems).map(([s, n]) => `${s.replace(/_/g, ' ')}${n > 1 ? ` ×${n}` : ''}`)].join('; '),
        ]),
        'No platform delivered in this week or the four before',
      ) +
      (completeness.silentAccounts.length > 0
        ? para(`Accounts silent this week that delivered in the last four: ${completeness.silentAccounts.map((a) => `${platformLabel(a.platform)} account ${a.accountId}`).join(', ')}.`)
        : '') +
      heading('Not measured yet') +
      bullets(words.notMeasured) +
      heading('Response matrix') +
      para(
        Object.keys(matrix.versions).length === 0
          ? 'No decision of the response matrix this week.'
          : `Version in force: ${Object.entries(matrix.versions).map(([v, n]) => `${v} (${plural(n, 'decision')})`).join(', ')}.`,
      ) +
      para(matrix.changes.length === 0 ? 'Rule changes: none this week.' : `Rule changes: ${matrix.changes.map((c) => `${c.from} replaced by ${c.to} (${c.when})`).join('; ')}.`) +
      heading('Definitions', 'Each figure and its stage in the GCS Evaluation Framework and the AMEC Integrated Evaluation Framework.') +
      METRIC_DEFINITIONS.map(
        (d) =>
          `<mj-text padding="6px 24px" font-size="14px" line-height="20px"><strong>${escapeHtml(d.metric)}</strong> <span style="color:${COLOURS.grey};">(${escapeHtml(d.section)}; GCS: ${escapeHtml(d.gcs)}; AMEC: ${escapeHtml(d.amec)})</span><br />${escapeHtml(d.definition)}</mj-text>`,
      ).join('') +
      para(`The week is the ISO week in ${context.timeZone} time, Monday 00:00 to Monday 00:00. Figures as at ${DateTime.fromISO(figures.generatedAt, { zone: 'utc' }).setZone(context.timeZone).toFormat("cccc d LLLL yyyy 'at' HH:mm")}. A CSV of every figure is attached.`, `font-size="13px" color="${COLOURS.grey}"`) +
      para(PRIVACY_NOTE, `font-size="13px" color="${COLOURS.grey}"`),
    COLOURS.pale,
  );

  return `<mjml lang="en-GB">
  <mj-head>
    <mj-title>${escapeHtml(`${context.trustName}: social media weekly digest, ${figures.week}`)}</mj-title>
    <mj-preview>${escapeHtml(words.headline[0] ?? '')}</mj-preview>
    <mj-attributes>
      <mj-all font-family="Arial, Helvetica, sans-serif" />
      <mj-text font-size="15px" line-height="22px" color="${COLOURS.text}" />
      <mj-body background-color="#e8edee" width="640px" />
    </mj-attributes>
  </mj-head>
  <mj-body>
${header}
${partial}
${headline}
${assurance}
${listening}
${programmeSections}
${responsiveness}
${safetySection}
${voiceSection}
${communitySection}
${sentimentSection}
${appendix}
  </mj-body>
</mjml>`;
}

// ---- plain text -----------------------------------------------------------------------------------

function textTable(title: string, head: readonly string[], rows: ReadonlyArray<readonly Cell[]>, empty = 'none this week'): string {
  if (rows.length === 0) return `${title}: ${empty}`;
  const lines = rows.map((row) => `  ${row[0]}: ${row.slice(1).map((cell, i) => `${head[i + 1] ? `${head[i + 1]} ` : ''}${cell}`).join(', ')}`);
  return `${title}\n${lines.join('\n')}`;
}

function partText(part: Part): string {
  if (part.kind === 'para') return part.text;
  if (part.kind === 'bullets') return part.items.map((item) => `* ${item}`).join('\n');
  return textTable(part.title, part.head.map((h) => h.toLowerCase()), part.rows, part.empty.toLowerCase());
}

function toText(figures: DigestFigures, context: DigestContext, words: Words, subject: string): string {
  const { volume, responsiveness: r, safety, patientVoice: voice, community, sentiment, completeness, matrix } = figures;
  const compareHead = ['', 'this week', 'last week', '4-week avg', 'change'];
  const rule = '-'.repeat(60);
  const lines = [
    subject,
    `${context.trustName} | week ${figures.week}: ${words.period}`,
    ...(context.complete ? [] : ['THIS WEEK HAS NOT ENDED: the figures are the week so far.']),
    '',
    'HEADLINE',
    ...words.headline.map((h) => `* ${h}`),
    '',
    'ASSURANCE',
    ...words.assurance.map((a) => `* ${a}`),
    '',
    rule,
    'LISTENING',
    `Inbound messages per week: ${volume.trend.map((p) => `${p.week} ${p.inbound}`).join(', ')}`,
    textTable('By platform', compareHead, comparedRows(volume.byPlatform, platformLabel)),
    textTable('By category', compareHead, comparedRows(volume.byCategory, categoryLabel)),
    figures.spikes.length === 0
      ? `Spikes: ${volume.baselineWeeks === 0 ? 'no earlier week to compare with yet' : 'none'}`
      : `Spikes:\n${figures.spikes.map((s) => `  ${s.dimension === 'platform' ? platformLabel(s.key) : categoryLabel(s.key)}: ${s.direction === 'rise' ? 'up' : 'down'} to ${s.thisWeek} from a 4-week average of ${fmt(s.baseline)}`).join('\n')}`,
    `Also: ${plural(volume.ownPosts, 'own post or reply', 'own posts and replies')} (not counted), ${volume.unassessed} not yet assessed, ${volume.deleted} deleted by their authors, ${volume.welsh} in Welsh.`,
    ...(words.spikeAlerts === undefined ? [] : words.spikeAlerts.length === 0 ? ['Spike alerts: none raised this week.'] : ['Spike alerts:', ...words.spikeAlerts.map((line) => `  ${line}`)]),
    '',
    ...words.programmes.flatMap((block) => [rule, block.heading.toUpperCase(), block.subtitle, ...block.parts.map(partText), '']),
    rule,
    'RESPONSIVENESS (working hours)',
    ...(r.tracked
      ? [
          `Needed a reply: ${r.needsReply}; answered: ${r.answered} (${pct(r.answeredShare)})`,
          `Median first response: ${duration(r.medianWorkingMinutes)}; 90th percentile: ${duration(r.p90WorkingMinutes)}`,
          `Backlog past due (unanswered): ${r.backlogPastDue}; closed without a reply: ${r.closedWithoutReply}`,
          textTable('SLA by priority', ['', 'met', 'missed', 'not yet due', 'attainment'], r.sla.map((row) => [priorityLabel(row.priority), row.met, row.missed, row.pending, pct(row.attainment)])),
        ]
      : ['Not yet measured: the log does not yet record replies.']),
    '',
    rule,
    'SAFETY AND PROTECTION (counts only)',
    `Safeguarding escalations: ${safety.safeguarding}`,
    `Abuse of staff or threats: ${safety.staffAbuse}`,
    `Personal data removed from messages: ${safety.personalDataRemoved}`,
    `Misinformation: ${safety.misinformation}; answered with a correction: ${safety.misinformationCorrected ?? 'not yet recorded'}`,
    `Major incident or disruption: ${safety.majorIncident}`,
    '',
    rule,
    'PATIENT VOICE',
    `Complaints (signposted to PALS): ${voice.complaints}; answered with the PALS signpost: ${voice.complaintsSignposted ?? 'not yet recorded'}`,
    `Formal complaints or legal: ${voice.formalComplaints}`,
    `Compliments: ${voice.compliments}; passed on to staff: ${voice.complimentsPassedOn ?? 'not yet recorded'}`,
    textTable('Top complaint themes', ['', 'this week', 'last week'], voice.themes.map((t) => [t.theme, t.thisWeek, t.lastWeek])),
    '',
    rule,
    'COMMUNITY AND STAFF',
    ...followerLines(community.followers),
    `Staff-channel messages: ${community.staffChannel}`,
    `Staff concerns for the Freedom to Speak Up guardian: ${community.speakUp}`,
    '',
    rule,
    'SENTIMENT (a split, not a score)',
    sentiment.measured === 0
      ? 'No assessed message this week.'
      : `Positive ${sentiment.positive} (${pct(sentiment.positive / sentiment.measured)}), neutral ${sentiment.neutral} (${pct(sentiment.neutral / sentiment.measured)}), negative ${sentiment.negative} (${pct(sentiment.negative / sentiment.measured)}); ${sentiment.measured} scored automatically, human-checked sample: none yet.`,
    ...SENTIMENT_CAVEATS.map((c) => `  - ${c}`),
    '',
    rule,
    'APPENDIX',
    textTable(
      'Data completeness by platform',
      ['', 'deliveries', 'accounts', '4-week avg', 'longest silence (h)', 'status'],
      completeness.platforms.map((p) => [platformLabel(p.platform), p.deliveries, p.accounts, fmt(p.baselineDeliveries), fmt(p.longestSilenceHours), [p.status, ...Object.entries(p.problems).map(([s, n]) => `${s.replace(/_/g, ' ')} x${n}`)].join('; ')]),
      'no platform delivered in this week or the four before',
    ),
    ...(completeness.silentAccounts.length > 0
      ? [`Accounts silent this week that delivered in the last four: ${completeness.silentAccounts.map((a) => `${platformLabel(a.platform)} account ${a.accountId}`).join(', ')}`]
      : []),
    'Not measured yet:',
    ...words.notMeasured.map((n) => `  - ${n}`),
    `Response matrix in force: ${Object.keys(matrix.versions).length === 0 ? 'no decision this week' : Object.entries(matrix.versions).map(([v, n]) => `${v} (${n} decisions)`).join(', ')}`,
    `Rule changes: ${matrix.changes.length === 0 ? 'none this week' : matrix.changes.map((c) => `${c.from} replaced by ${c.to} (${c.when})`).join('; ')}`,
    'Definitions (GCS stage / AMEC stage):',
    ...METRIC_DEFINITIONS.map((d) => `  ${d.metric} [${d.gcs} / ${d.amec}]: ${d.definition}`),
    '',
    `The week is the ISO week in ${context.timeZone} time. A CSV of every figure is attached.`,
    PRIVACY_NOTE,
  ];
  return `${lines.join('\n')}\n`;
}
