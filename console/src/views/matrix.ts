import { externalLink, h, replaceChildren, responsiveTable, summaryRow } from '../dom';
import { AUDIENCE_LABELS, calendarDate, checkName, humanise, labelOf, periodState, priorityTagClass, PUBLIC_REPLY_LABELS, todayLocal } from '../format';
import { categoryName as categoryOf, teamName as teamOf } from '../names';
import type { MatrixDocument, MatrixProgramme } from '../types';
import type { View, ViewContext } from './context';

/** The response matrix in force, read-only: why the system decided what it did. */
export async function renderMatrix(ctx: ViewContext): Promise<View> {
  ctx.setTitle('Response matrix');
  const matrix = await ctx.matrix();
  if (ctx.signal.aborted) return {};
  if (!matrix) {
    replaceChildren(ctx.main, h('h1', { tabindex: '-1' }, 'Response matrix'), h('p', {}, 'The ops API does not offer the matrix (GET /matrix).'));
    return {};
  }
  const teamName = (id: string) => teamOf(matrix, id);
  const today = todayLocal();
  replaceChildren(ctx.main,
    h('h1', { tabindex: '-1' }, h('span', { class: 'nhsuk-caption-l' }, 'In force'), 'Response matrix'),
    h('dl', { class: 'nhsuk-summary-list', id: 'matrix-summary' },
      summary('Name', matrix.name ?? ''),
      summary('Version', matrix.version),
      summary('Risk appetite', matrix.riskAppetite ? humanise(matrix.riskAppetite) : ''),
      summary('Monitored hours', matrix.clock?.description ?? ''),
      summary('Times shown in', matrix.clock?.timeZone ? `${matrix.clock.timeZone} (the trust's local time)` : ''),
      summary('Emailed to the owner team', matrix.escalation ? listOrNone(matrix.escalation.priorities) : ''),
      summary('On-call paged', matrix.escalation ? listOrNone(matrix.escalation.page) : '')),
    h('h2', {}, 'Rules'),
    h('p', {}, 'How the matrix decides:'),
    h('ol', { class: 'nhsuk-list nhsuk-list--number', id: 'matrix-precedence' },
      h('li', {}, 'Every rule is checked against each interaction.'),
      h('li', {}, 'Of the rules that fire, the one with the most urgent priority decides (after any escalation has raised a rule\'s priority).'),
      h('li', {}, 'Between rules of equal priority, the one higher in this list decides.'),
      h('li', {}, 'The other rules that fired are recorded as secondary categories.'),
      h('li', {}, 'If no rule fires, the fallback rule decides.')),
    matrix.escalation && matrix.escalation.priorities.length > 0
      ? h('p', {}, `Priorities ${listOrNone(matrix.escalation.priorities)} are emailed to the owner team at once`,
          matrix.escalation.page.length > 0 ? `; ${listOrNone(matrix.escalation.page)} also pages on-call.` : '.')
      : null,
    // Responsive: on a phone each rule is a block, each heading above its value (the values are long text).
    responsiveTable({
      id: 'matrix-rules',
      classes: 'app-table--stacked',
      caption: 'Rules of the response matrix',
      captionClass: 'nhsuk-u-visually-hidden',
      headings: ['Category', 'Priority', 'Owner', 'Public reply', 'Reply within', 'What to do'],
      rows: matrix.rules.map((rule) => ({
        attributes: { 'data-rule': rule.id },
        cells: [
          { header: true, content: [rule.categoryLabel ?? humanise(rule.category), h('span', { class: 'app-id' }, `Rule ${rule.id}`),
            rule.appliesTo && rule.appliesTo.length > 0 ? h('span', { class: 'app-id app-applies-to' }, `Applies to: ${rule.appliesTo.map((audience) => labelOf(AUDIENCE_LABELS, audience)).join(', ')}`) : null,
            rule.default ? h('span', { class: 'app-id' }, 'The fallback: decides when no other rule applies') : null,
            rule.detectors && rule.detectors.length > 0 ? h('span', { class: 'app-id' }, `Built-in checks: ${rule.detectors.map(checkName).join(', ')}`) : null] },
          { content: [h('strong', { class: priorityTagClass(rule.priority) }, rule.priority)] },
          { content: [rule.ownerName ?? teamName(rule.owner)] },
          { content: [labelOf(PUBLIC_REPLY_LABELS, rule.publicReply)] },
          { content: [rule.sla] },
          { content: [rule.action,
            (rule.escalations ?? []).length > 0
              ? h('ul', { class: 'nhsuk-list nhsuk-body-s' }, (rule.escalations ?? []).map((escalation) =>
                  h('li', {}, `Escalates to ${teamName(escalation.to)}: ${escalation.reason}${escalation.sla ? `, within ${escalation.sla}` : ''}`)))
              : null,
            rule.replyTemplate
              ? h('details', { class: 'nhsuk-details' },
                  h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Reply template')),
                  h('div', { class: 'nhsuk-details__text app-message' }, rule.replyTemplate))
              : null] },
        ],
      })),
    }),
    h('h2', {}, 'Teams'),
    h('ul', { class: 'nhsuk-list nhsuk-list--bullet', id: 'matrix-teams' }, matrix.teams.map((team) => h('li', {}, `${team.name} (${team.id})${notifyInWords(team.notify, matrix.escalation?.priorities ?? [])}`))),
    programmesSection(matrix, teamName, today),
    (matrix.preElectionPeriods ?? []).length > 0
      ? [h('h2', {}, 'Pre-election periods'),
         h('ul', { class: 'nhsuk-list nhsuk-list--bullet', id: 'pre-election-periods' }, (matrix.preElectionPeriods ?? []).map((period) =>
           h('li', {}, `${period.name}: ${calendarDate(period.from)} to ${calendarDate(period.to)} `, stateTag(period.from, period.to, today))))]
      : null);
  return {};
}

/** Each change programme under its own heading: owner, dates, the words that mark it, key messages and known false claims. */
function programmesSection(matrix: MatrixDocument, teamName: (id: string) => string, today: string): Array<HTMLElement | null> | null {
  const programmes = matrix.programmes ?? [];
  if (programmes.length === 0) return null;
  const categoryName = (id: string) => categoryOf(matrix, id);
  return [
    h('h2', {}, 'Change programmes'),
    h('p', {}, 'A message concerns a programme when it arrives while the programme runs and it uses one of its hashtags or keywords, carries a key message or makes one of its known false claims.'),
    ...programmes.map((programme: MatrixProgramme) => {
      const claims = programme.claims ?? [];
      const messages = programme.keyMessages ?? [];
      return h('section', { class: 'app-programme', 'data-programme': programme.id, 'aria-labelledby': `programme-${programme.id}` },
        h('h3', { id: `programme-${programme.id}` }, programme.name),
        h('dl', { class: 'nhsuk-summary-list' },
          summary('Owner team', programme.ownerName ?? (programme.owner ? teamName(programme.owner) : '')),
          summaryRow('Runs', [programme.from ? `${calendarDate(programme.from)} to ${programme.to ? calendarDate(programme.to) : 'no end date set'} ` : '', programme.from ? stateTag(programme.from, programme.to, today) : null]),
          summary('Hashtags', (programme.hashtags ?? []).join(', ') || 'None'),
          summary('Keywords', (programme.keywords ?? []).join(', ') || 'None'),
          (programme.routes ?? []).length > 0 ? summary('Sent to the owner team', (programme.routes ?? []).map(categoryName).join(', ')) : null),
        h('h4', {}, 'Key messages'),
        messages.length > 0 ? h('ul', { class: 'nhsuk-list nhsuk-list--bullet' }, messages.map((message) => h('li', {}, message.text))) : h('p', {}, 'None set.'),
        h('h4', {}, 'Known false claims'),
        claims.length > 0
          ? h('ul', { class: 'nhsuk-list app-claims' }, claims.map((claim) =>
              h('li', { 'data-claim': claim.id },
                h('p', { class: 'nhsuk-u-margin-bottom-1' }, h('strong', {}, claim.name ?? humanise(claim.id))),
                claim.correction ? h('p', { class: 'nhsuk-u-margin-bottom-1' }, 'Correction (offered as the suggested reply): ', claim.correction) : null,
                ((link) => (link ? h('p', {}, 'Source: ', link) : claim.source ? h('p', {}, `Source: ${claim.source}`) : null))(externalLink(claim.source, claim.source ?? '')))))
          : h('p', {}, 'None listed.'));
    }),
  ];
}

/** "Ended", "In force now" or "Starts ...", in words and a tag (the colour only backs up the words). */
function stateTag(from: string | undefined, to: string | undefined, today: string): HTMLElement {
  const state = periodState(from, to, today);
  if (state === 'ended') return h('strong', { class: 'nhsuk-tag nhsuk-tag--grey', 'data-state': state }, 'Ended');
  if (state === 'upcoming') return h('strong', { class: 'nhsuk-tag nhsuk-tag--blue', 'data-state': state }, `Starts ${calendarDate(from)}`);
  return h('strong', { class: 'nhsuk-tag nhsuk-tag--green', 'data-state': state }, 'In force now');
}

/** A summary row of text: an empty value reads "Not set". */
function summary(key: string, value: string): HTMLElement {
  return summaryRow(key, value || 'Not set');
}

function listOrNone(priorities: string[]): string {
  return priorities.length > 0 ? priorities.join(', ') : 'None';
}

/** A team's `notify` setting: "urgent" (the escalation priorities only) or "all" (every decision it owns). */
function notifyInWords(notify: string | undefined, priorities: string[]): string {
  if (notify === 'all') return ': emailed about every decision it owns';
  if (notify === 'urgent') return priorities.length > 0 ? `: emailed about ${priorities.join(' and ')} decisions it owns` : '';
  return notify ? `: ${humanise(notify).toLowerCase()}` : '';
}
