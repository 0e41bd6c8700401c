import { h, replaceChildren, responsiveTable } from '../dom';
import { AUDIENCE_LABELS, calendarDate, checkName, humanise, labelOf, priorityTagClass, PUBLIC_REPLY_LABELS } from '../format';
import type { View, ViewContext } from './context';

/** The response matrix in force, read-only: why the system decided what it did. */
export async function renderMatrix(ctx: ViewContext): Promise<View> {
  ctx.setTitle('Response matrix');
  const matrix = await ctx.matrix();
  if (!matrix) {
    replaceChildren(ctx.main, h('h1', { tabindex: '-1' }, 'Response matrix'), h('p', {}, 'The ops API does not offer the matrix (GET /matrix).'));
    return {};
  }
  const teamName = (id: string) => matrix.teams.find((team) => team.id === id)?.name ?? humanise(id);
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
    h('p', {}, 'Each interaction gets the first rule that applies.',
      matrix.escalation && matrix.escalation.priorities.length > 0 ? ` Priorities ${listOrNone(matrix.escalation.priorities)} are emailed to the owner team at once` : '',
      matrix.escalation && matrix.escalation.page.length > 0 ? `; ${listOrNone(matrix.escalation.page)} also pages on-call.` : matrix.escalation && matrix.escalation.priorities.length > 0 ? '.' : ''),
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
    (matrix.programmes ?? []).length > 0
      ? [h('h2', {}, 'Programmes'),
         h('ul', { class: 'nhsuk-list nhsuk-list--bullet' }, (matrix.programmes ?? []).map((programme) =>
           h('li', {}, h('strong', {}, programme.name), programme.owner ? `, owned by ${programme.ownerName ?? teamName(programme.owner)}` : '', programme.from ? `, from ${calendarDate(programme.from)}` : '', programme.to ? ` to ${calendarDate(programme.to)}` : '',
             (programme.keyMessages ?? []).length > 0 ? h('ul', {}, (programme.keyMessages ?? []).map((message) => h('li', {}, message.text))) : null)))]
      : null,
    (matrix.preElectionPeriods ?? []).length > 0
      ? [h('h2', {}, 'Pre-election periods'),
         h('ul', { class: 'nhsuk-list nhsuk-list--bullet' }, (matrix.preElectionPeriods ?? []).map((period) => h('li', {}, `${period.name}: ${calendarDate(period.from)} to ${calendarDate(period.to)}`)))]
      : null);
  return {};
}

function summary(key: string, value: string): HTMLElement {
  return h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, key), h('dd', { class: 'nhsuk-summary-list__value' }, value || 'Not set'));
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
