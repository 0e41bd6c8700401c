import { DateTime } from 'luxon';
import { PRIORITY_ORDER, type DigestFigures } from './summarise';
import type { WeekRange } from '../time/iso-week';

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export interface DigestContext {
  trustName: string;
  timeZone: string;
  range: WeekRange;
  /** True when the week had not ended when the digest was made (a manual preview). */
  complete: boolean;
}

const PRIORITY_LABELS: Record<string, string> = {
  P0: 'P0: risk to life, 24/7',
  P1: 'P1: within 1 working hour',
  P2: 'P2: same working day',
  P3: 'P3: within 2 working days',
  monitor: 'Monitor only',
};

/**
 * A first, simple digest: counts by category and priority in a plain HTML email and its text twin.
 * Category names come from the matrix config and are escaped; no message text or author appears.
 */
export function renderDigest(figures: DigestFigures, context: DigestContext): RenderedDigest {
  const period = describePeriod(context);
  const subject = `${context.trustName}: social media weekly digest, ${figures.week}${context.complete ? '' : ' (week to date)'}`;
  const priorities = PRIORITY_ORDER.filter((p) => figures.byPriority[p]).map(
    (p) => [PRIORITY_LABELS[p] ?? p, figures.byPriority[p] ?? 0] as const,
  );
  const categories = Object.entries(figures.byCategory).map(([name, count]) => [humanise(name), count] as const);
  const platforms = Object.entries(figures.byPlatform).map(([name, count]) => [humanise(name), count] as const);
  const headline =
    figures.inbound === 0
      ? 'No inbound interactions were received this week.'
      : `${figures.inbound} inbound interaction${figures.inbound === 1 ? '' : 's'} received; ` +
        `${figures.byPriority.P0 ?? 0} at P0 and ${figures.byPriority.P1 ?? 0} at P1.`;
  const notes = [
    figures.unassessed > 0 ? `${figures.unassessed} interaction(s) not yet assessed by the response matrix.` : undefined,
    figures.ownPosts > 0 ? `${figures.ownPosts} post(s) and replies by the trust's own accounts are not counted above.` : undefined,
  ].filter((note): note is string => note !== undefined);

  const text = [
    subject,
    period,
    '',
    headline,
    '',
    section('By priority', priorities),
    section('By category', categories),
    section('By platform', platforms),
    ...notes,
    '',
    'Counts only: this digest never contains message text or details of any person.',
  ].join('\n');

  const html = `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(subject)}</title></head>
<body style="font-family: Arial, sans-serif; color: #212b32; max-width: 640px; margin: 0 auto; padding: 16px;">
<h1 style="font-size: 22px; color: #005eb8;">${escape(context.trustName)}: social media weekly digest</h1>
<p style="color: #4c6272;">${escape(figures.week)} &middot; ${escape(period)}</p>
<p style="font-size: 17px;"><strong>${escape(headline)}</strong></p>
${htmlTable('By priority', priorities)}
${htmlTable('By category', categories)}
${htmlTable('By platform', platforms)}
${notes.map((note) => `<p>${escape(note)}</p>`).join('\n')}
<p style="color: #4c6272; font-size: 13px;">Counts only: this digest never contains message text or details of any person.</p>
</body></html>`;
  return { subject, html, text };
}

function describePeriod({ range, timeZone, complete }: DigestContext): string {
  const from = DateTime.fromISO(range.from).setZone(timeZone);
  const lastDay = DateTime.fromISO(range.to).setZone(timeZone).minus({ days: 1 });
  const span = `${from.toFormat('cccc d LLLL yyyy')} to ${lastDay.toFormat('cccc d LLLL yyyy')}`;
  return complete ? span : `${span} (the week has not ended; figures so far)`;
}

function section(title: string, rows: ReadonlyArray<readonly [string, number]>): string {
  if (rows.length === 0) return `${title}: none\n`;
  return `${title}:\n${rows.map(([name, count]) => `  ${name}: ${count}`).join('\n')}\n`;
}

function htmlTable(title: string, rows: ReadonlyArray<readonly [string, number]>): string {
  const body =
    rows.length === 0
      ? '<tr><td colspan="2" style="padding: 4px 8px;">None</td></tr>'
      : rows
          .map(
            ([name, count]) =>
              `<tr><td style="padding: 4px 8px; border-bottom: 1px solid #d8dde0;">${escape(name)}</td>` +
              `<td style="padding: 4px 8px; border-bottom: 1px solid #d8dde0; text-align: right;">${count}</td></tr>`,
          )
          .join('');
  return `<h2 style="font-size: 18px;">${escape(title)}</h2>
<table role="presentation" style="border-collapse: collapse; width: 100%; max-width: 480px;">${body}</table>`;
}

/** Board-friendly names for the default matrix's categories; a trust's own categories are humanised. */
const CATEGORY_LABELS: Record<string, string> = {
  safeguarding: 'Safeguarding / risk to life',
  pii: 'Personal data removed',
  'media-enquiry': 'Media enquiry',
  'formal-complaint': 'Formal complaint or legal',
  complaint: 'Complaint (signposted to PALS)',
  'clinical-question': 'Clinical question',
  'admin-query': 'Appointment or admin query',
  'general-question': 'General question',
  compliment: 'Compliment',
  'abuse-or-threat': 'Abuse of staff or threat',
  'major-incident': 'Major incident or disruption',
  whistleblowing: 'Staff concern (Freedom to Speak Up)',
  political: 'Political content',
  misinformation: 'Misinformation',
  'troll-or-spam': 'Trolling or spam',
  unclassified: 'Other',
};

function humanise(name: string): string {
  if (CATEGORY_LABELS[name]) return CATEGORY_LABELS[name];
  const spaced = name.replace(/[-_]+/g, ' ');
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
