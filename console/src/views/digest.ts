import { h, replaceChildren, summaryRow } from '../dom';
import { dayOf, labelOf, longDay, STATUS_LABELS, when } from '../format';
import type { Digest, DigestWeeks } from '../types';
import type { View, ViewContext } from './context';

/**
 * The weekly board digest as the board sees it: its HTML in a sandboxed iframe (no scripts, no
 * same-origin access: the email's markup cannot touch the console), and links to past weeks.
 */
export async function renderDigest(ctx: ViewContext): Promise<View> {
  const { weeks } = await ctx.api.get<DigestWeeks>('/digests');
  if (ctx.signal.aborted) return {};
  const sorted = [...weeks].sort((a, b) => b.week.localeCompare(a.week));
  // The latest digest the board has (or will get): the newest week sent, else the newest complete week.
  const latestWeek = (sorted.find((candidate) => candidate.status === 'sent') ?? sorted.find((candidate) => candidate.complete !== false) ?? sorted[0])?.week;
  const week = ctx.params.week ?? latestWeek;
  const latest = week === latestWeek;
  ctx.setTitle(week ? `Board digest ${week}` : 'Board digest');
  if (!week) {
    replaceChildren(ctx.main, h('h1', { tabindex: '-1' }, 'Board digest'), h('p', {}, 'No weekly digest has been prepared yet. The first one is sent on the schedule in config/org.yaml.'));
    return {};
  }
  const digest = await ctx.api.get<Digest>(`/digests/${encodeURIComponent(week)}`);
  if (ctx.signal.aborted) return {};
  const entry = sorted.find((candidate) => candidate.week === week);
  const frame = h('iframe', { class: 'app-digest-frame', sandbox: '', title: `Board digest for week ${digest.week}`, id: 'digest-frame', referrerpolicy: 'no-referrer' });
  frame.srcdoc = digest.html;
  replaceChildren(ctx.main,
    ctx.params.week ? h('a', { class: 'nhsuk-back-link', href: '#/digest' }, 'Back to the latest digest') : null,
    h('h1', { tabindex: '-1' }, h('span', { class: 'nhsuk-caption-l' }, latest ? 'Latest weekly digest' : entry?.complete === false ? 'This week so far (preview)' : 'Weekly digest preview'), `Board digest ${digest.week}`),
    h('dl', { class: 'nhsuk-summary-list' },
      summaryRow('Subject', digest.subject, { id: 'digest-subject' }),
      entry?.from ? summaryRow('Covers', weekSpan(entry)) : null,
      summaryRow('Status', entry ? statusInWords(entry) : 'Not known', { id: 'digest-status' })),
    h('p', {}, 'The email as the board receives it:'),
    frame,
    h('details', { class: 'nhsuk-details' },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'The plain-text version')),
      h('div', { class: 'nhsuk-details__text' }, h('pre', { class: 'app-message' }, digest.text))),
    h('h2', {}, 'Weekly digests'),
    sorted.length > 1
      ? h('table', { class: 'nhsuk-table', id: 'digest-weeks' },
          h('caption', { class: 'nhsuk-table__caption nhsuk-u-visually-hidden' }, 'Weekly digests, newest first'),
          h('thead', { class: 'nhsuk-table__head' }, h('tr', { class: 'nhsuk-table__row' }, ['Week', 'Status', 'On screen'].map((text) => h('th', { class: 'nhsuk-table__header', scope: 'col' }, text)))),
          h('tbody', { class: 'nhsuk-table__body' },
            sorted.map((candidate) =>
              h('tr', { class: 'nhsuk-table__row', 'data-week': candidate.week },
                h('td', { class: 'nhsuk-table__cell' }, candidate.week, candidate.from ? h('span', { class: 'app-id' }, weekSpan(candidate)) : null),
                h('td', { class: 'nhsuk-table__cell' }, statusInWords(candidate)),
                h('td', { class: 'nhsuk-table__cell' },
                  candidate.week === week
                    ? h('strong', { 'aria-current': 'page' }, 'Showing')
                    : h('a', { href: `#/digest/${encodeURIComponent(candidate.week)}` }, `Show week ${candidate.week}`))))))
      : h('p', {}, 'No earlier weeks yet.'));
  return {};
}

type Week = DigestWeeks['weeks'][number];

/**
 * "Sent Mon 23 Nov, 09:00", "Not sent", "Week in progress: the weekly digest goes on Monday 30 November".
 * The store records only the Monday digest of a finished week: an operator's week-to-date email is not in it,
 * so a week in progress says when its digest goes, never that nothing was sent.
 */
function statusInWords(week: Week): string {
  if (week.status === 'sent') return week.sentAt ? `Sent ${when(week.sentAt)}` : 'Sent';
  if (week.complete === false) return `Week in progress: the weekly digest goes on ${week.to ? longDay(week.to) : 'the Monday after it ends'}`;
  return labelOf(STATUS_LABELS, week.status);
}

/** The days a week covers, in local time: "Mon 16 Nov to Sun 22 Nov" (its end is the next week's start). */
function weekSpan(week: Week): string {
  if (!week.from) return '';
  if (!week.to) return `From ${dayOf(week.from)}`;
  return `${dayOf(week.from)} to ${dayOf(new Date(Date.parse(week.to) - 1).toISOString())}`;
}
