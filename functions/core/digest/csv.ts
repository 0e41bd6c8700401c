import type { DigestFigures } from './summarise';

/**
 * Every figure of the digest, one per row, for the trust's own spreadsheets (RFC 4180: CRLF line ends,
 * fields quoted when they hold a comma, quote or line break). Blank = not known, never zero.
 */
export const CSV_HEADER = ['week', 'section', 'measure', 'breakdown', 'this_week', 'last_week', 'baseline_4wk_avg', 'unit'] as const;

type Value = number | string | undefined;

export function toCsv(figures: DigestFigures): string {
  const rows: Value[][] = [];
  const add = (section: string, measure: string, breakdown: string, thisWeek: Value, lastWeek?: Value, baseline?: Value, unit = 'count') =>
    rows.push([figures.week, section, measure, breakdown, thisWeek, lastWeek, baseline, unit]);
  const { volume, responsiveness: r, safety, patientVoice: voice, community, sentiment, completeness, matrix } = figures;

  add('listening', 'inbound', 'all', volume.inbound, volume.lastWeek, volume.baseline);
  for (const row of volume.byPlatform) add('listening', 'inbound', `platform:${row.key}`, row.thisWeek, row.lastWeek, row.baseline);
  for (const row of volume.byCategory) add('listening', 'inbound', `category:${row.key}`, row.thisWeek, row.lastWeek, row.baseline);
  for (const [priority, n] of Object.entries(volume.byPriority)) add('listening', 'inbound', `priority:${priority}`, n);
  volume.byDay.forEach((n, day) => add('listening', 'inbound', `day:${['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'][day]}`, n));
  add('listening', 'own_posts', 'all', volume.ownPosts);
  add('listening', 'unassessed', 'all', volume.unassessed);
  add('listening', 'deleted_by_author', 'all', volume.deleted);
  add('listening', 'welsh_language', 'all', volume.welsh);
  add('listening', 'baseline_weeks_with_data', 'all', volume.baselineWeeks, undefined, undefined, 'weeks');
  for (const spike of figures.spikes) add('listening', `spike_${spike.direction}`, `${spike.dimension}:${spike.key}`, spike.thisWeek, undefined, spike.baseline);

  const tracked = (value: number | undefined) => (r.tracked ? value : undefined);
  add('responsiveness', 'needs_reply', 'all', tracked(r.needsReply));
  add('responsiveness', 'answered', 'all', tracked(r.answered));
  add('responsiveness', 'answered_share', 'all', tracked(r.answeredShare === undefined ? undefined : round(r.answeredShare, 4)), undefined, undefined, 'ratio');
  add('responsiveness', 'answered', 'public', tracked(r.publicReplies));
  add('responsiveness', 'answered', 'private', tracked(r.privateReplies));
  add('responsiveness', 'first_response_median', 'all', r.medianWorkingMinutes, undefined, undefined, 'working_minutes');
  add('responsiveness', 'first_response_p90', 'all', r.p90WorkingMinutes, undefined, undefined, 'working_minutes');
  add('responsiveness', 'first_response_timed', 'all', tracked(r.timed));
  for (const row of r.sla) {
    add('responsiveness', 'sla_met', `priority:${row.priority}`, row.met);
    add('responsiveness', 'sla_missed', `priority:${row.priority}`, row.missed);
    add('responsiveness', 'sla_not_yet_due', `priority:${row.priority}`, row.pending);
    add('responsiveness', 'sla_attainment', `priority:${row.priority}`, row.attainment === undefined ? undefined : round(row.attainment, 4), undefined, undefined, 'ratio');
  }
  add('responsiveness', 'backlog_past_due', 'all', tracked(r.backlogPastDue));
  add('responsiveness', 'closed_without_reply', 'all', tracked(r.closedWithoutReply));

  add('safety', 'p0_events', 'all', safety.p0);
  add('safety', 'p1_events', 'all', safety.p1);
  add('safety', 'safeguarding_escalations', 'all', safety.safeguarding);
  add('safety', 'staff_abuse_incidents', 'all', safety.staffAbuse);
  add('safety', 'personal_data_removed', 'all', safety.personalDataRemoved);
  add('safety', 'misinformation', 'all', safety.misinformation);
  add('safety', 'misinformation_corrected', 'all', safety.misinformationCorrected);
  add('safety', 'major_incident', 'all', safety.majorIncident);

  add('patient_voice', 'complaints', 'all', voice.complaints);
  add('patient_voice', 'complaints_signposted', 'all', voice.complaintsSignposted);
  add('patient_voice', 'formal_complaints', 'all', voice.formalComplaints);
  add('patient_voice', 'compliments', 'all', voice.compliments);
  add('patient_voice', 'compliments_passed_on', 'all', voice.complimentsPassedOn);
  for (const theme of voice.themes) add('patient_voice', 'complaint_theme', `theme:${theme.theme}`, theme.thisWeek, theme.lastWeek);

  add('community', 'followers_gained', 'all', community.followers?.gained);
  add('community', 'followers_lost', 'all', community.followers?.lost);
  add('community', 'followers_net', 'all', community.followers?.net);
  for (const row of community.followers?.platforms ?? []) {
    add('community', 'followers_gained', `platform:${row.platform}`, row.gained, row.lastWeek?.gained);
    add('community', 'followers_lost', `platform:${row.platform}`, row.lost, row.lastWeek?.lost);
    add('community', 'followers_net', `platform:${row.platform}`, row.net, row.lastWeek?.net);
  }
  add('community', 'staff_channel', 'all', community.staffChannel);
  add('community', 'speak_up_concerns', 'all', community.speakUp);

  add('sentiment', 'messages', 'positive', sentiment.positive);
  add('sentiment', 'messages', 'neutral', sentiment.neutral);
  add('sentiment', 'messages', 'negative', sentiment.negative);
  add('sentiment', 'messages', 'not_scored', sentiment.unmeasured);

  for (const p of completeness.platforms) {
    add('completeness', 'deliveries', `platform:${p.platform}`, p.deliveries, undefined, p.baselineDeliveries);
    add('completeness', 'accounts_delivering', `platform:${p.platform}`, p.accounts);
    add('completeness', 'longest_silence', `platform:${p.platform}`, p.longestSilenceHours, undefined, undefined, 'hours');
    add('completeness', 'status', `platform:${p.platform}`, p.status, undefined, undefined, 'status');
    for (const [status, n] of Object.entries(p.problems)) add('completeness', 'connection_problem', `platform:${p.platform}:${status}`, n);
  }
  for (const a of completeness.silentAccounts) add('completeness', 'silent_account', `platform:${a.platform}:${a.accountId}`, 0);
  for (const [version, n] of Object.entries(matrix.versions)) add('matrix', 'decisions', `version:${version}`, n);

  // Issue 8: a section per active change programme, then incidents, spike alerts and the pre-election period.
  for (const p of figures.programmes) {
    const section = `programme:${p.id}`;
    const earlier = p.trend.slice(0, -1);
    const known = earlier.filter((point) => point.counts !== undefined);
    const baseline = known.length === 0 ? undefined : round(known.reduce((sum, point) => sum + point.counts!.inbound, 0) / known.length, 1);
    add(section, 'inbound', 'all', p.inbound, earlier[earlier.length - 1]?.counts?.inbound, baseline);
    for (const point of p.trend) add(section, 'inbound', `week:${point.week}`, point.counts?.inbound);
    for (const label of ['positive', 'neutral', 'negative'] as const) add(section, 'sentiment', label, p.sentiment[label], earlier[earlier.length - 1]?.counts?.[label]);
    add(section, 'questions', 'all', p.asking.questions);
    for (const term of p.asking.terms) add(section, p.asking.source === 'questions' ? 'question_term' : 'common_term', `term:${term.term}`, term.interactions);
    add(section, 'misinformation_seen', 'all', p.misinformation.seen);
    add(section, 'misinformation_corrected', 'all', p.misinformation.corrected);
    for (const claim of p.misinformation.claims) {
      add(section, 'misinformation_seen', `claim:${claim.id}`, claim.seen);
      add(section, 'misinformation_corrected', `claim:${claim.id}`, claim.corrected);
    }
    add(section, 'own_posts', 'all', p.ownPosts);
    for (const m of p.keyMessages) {
      add(section, 'key_message_own_posts', `key_message:${m.id}`, m.ownPosts);
      add(section, 'key_message_own_share', `key_message:${m.id}`, m.ownShare === undefined ? undefined : round(m.ownShare, 4), undefined, undefined, 'ratio');
      add(section, 'key_message_public_echoes', `key_message:${m.id}`, m.publicEchoes);
    }
  }
  if (figures.incidents !== undefined) {
    add('major_incident', 'incidents_in_force', 'all', figures.incidents.length);
    for (const incident of figures.incidents) add('major_incident', 'decided_under_incident', `incident:${incident.id}`, incident.decided);
  }
  if (figures.spikeAlerts !== undefined) {
    add('spike_alerts', 'alerts', 'all', figures.spikeAlerts.length);
    for (const spike of figures.spikeAlerts) add('spike_alerts', 'spike_count', `${spike.kind}:${spike.label}:${spike.windowStart}`, spike.count, undefined, spike.expected);
  }
  if (figures.preElection) {
    add('pre_election', 'political_flagged', 'all', figures.preElection.politicalFlagged);
    add('pre_election', 'political_held_monitor_only', 'all', figures.preElection.heldMonitorOnly);
    add('pre_election', 'own_announcements_flagged', 'all', figures.preElection.announcementsFlagged);
    add('pre_election', 'own_announcements_held_monitor_only', 'all', figures.preElection.announcementsHeld);
  }

  return [CSV_HEADER, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

function round(value: number, places: number): number {
  const f = 10 ** places;
  return Math.round(value * f) / f;
}

function field(value: Value): string {
  if (value === undefined) return '';
  const text = String(value);
  // Quote when needed; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.
  const safe = /^[=+\-@]/.test(text) && typeof value === 'string' ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
