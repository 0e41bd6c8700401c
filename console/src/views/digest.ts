import { h, replaceChildren } from '../dom';
import { humanise, when } from '../format';
import type { Digest, DigestWeeks } from '../types';
import type { View, ViewContext } from './context';

/**
 * The weekly board digest as the board sees it: its HTML in a sandboxed iframe (no scripts, no
 * same-origin access: the email's markup cannot touch the console), and links to past weeks.
 */
export async function renderDigest(ctx: ViewContext): Promise<View> {
  const { weeks } = await ctx.api.get<DigestWeeks>('/digests');
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
  const entry = sorted.find((candidate) => candidate.week === week);
  const frame = h('iframe', { class: 'app-digest-frame', sandbox: '', title: `Board digest for week ${digest.week}`, id: 'digest-frame', referrerpolicy: 'no-referrer' });
  frame.srcdoc = digest.html;
  replaceChildren(ctx.main,
    ctx.params.week ? h('a', { class: 'nhsuk-back-link', href: '#/digest' }, 'Back to the latest digest') : null,
    h('h1', { tabindex: '-1' }, h('span', { class: 'nhsuk-caption-l' }, latest ? 'Latest weekly digest' : entry?.complete === false ? 'This week so far (preview)' : 'Weekly digest preview'), `Board digest ${digest.week}`),
    h('dl', { class: 'nhsuk-summary-list' },
      h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, 'Subject'), h('dd', { class: 'nhsuk-summary-list__value', id: 'digest-subject' }, digest.subject)),
      h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, 'Status'),
        h('dd', { class: 'nhsuk-summary-list__value' }, humanise(entry?.status ?? 'unknown'), entry?.sentAt ? `, sent ${when(entry.sentAt)}` : ''))),
    h('p', {}, 'The email as the board receives it:'),
    frame,
    h('details', { class: 'nhsuk-details' },
      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'The plain-text version')),
      h('div', { class: 'nhsuk-details__text' }, h('pre', { class: 'app-message' }, digest.text))),
    h('h2', {}, 'Other weeks'),
    sorted.length > 1
      ? h('table', { class: 'nhsuk-table', id: 'digest-weeks' },
          h('caption', { class: 'nhsuk-table__caption nhsuk-u-visually-hidden' }, 'Weekly digests'),
          h('thead', { class: 'nhsuk-table__head' }, h('tr', { class: 'nhsuk-table__row' }, ['Week', 'Status', 'Sent'].map((text) => h('th', { class: 'nhsuk-table__header', scope: 'col' }, text)))),
          h('tbody', { class: 'nhsuk-table__body' },
            sorted.map((candidate) =>
              h('tr', { class: 'nhsuk-table__row' },
                h('td', { class: 'nhsuk-table__cell' },
                  candidate.week === week ? [candidate.week, ' (shown)'] : h('a', { href: `#/digest/${encodeURIComponent(candidate.week)}` }, `Preview ${candidate.week}`)),
                h('td', { class: 'nhsuk-table__cell' }, humanise(candidate.status), candidate.complete === false ? ' (week in progress)' : ''),
                h('td', { class: 'nhsuk-table__cell' }, when(candidate.sentAt))))))
      : h('p', {}, 'No earlier weeks yet.'));
  return {};
}
