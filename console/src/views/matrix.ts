import { h, replaceChildren } from '../dom';
import { humanise, priorityTagClass } from '../format';
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
      summary('Paged at once', matrix.escalation ? `${matrix.escalation.priorities.join(', ')} (pages ${matrix.escalation.page.map(teamName).join(', ')})` : '')),
    h('h2', {}, 'Rules'),
    h('p', {}, 'Each interaction gets the first rule that applies. Priority P0 pages the owner team at once.'),
    h('div', { class: 'nhsuk-table-container' },
      h('table', { class: 'nhsuk-table', id: 'matrix-rules' },
        h('caption', { class: 'nhsuk-table__caption nhsuk-u-visually-hidden' }, 'Rules of the response matrix'),
        h('thead', { class: 'nhsuk-table__head' },
          h('tr', { class: 'nhsuk-table__row' }, ['Category', 'Priority', 'Owner', 'Public reply', 'Reply within', 'What to do'].map((text) => h('th', { class: 'nhsuk-table__header', scope: 'col' }, text)))),
        h('tbody', { class: 'nhsuk-table__body' },
          matrix.rules.map((rule) =>
            h('tr', { class: 'nhsuk-table__row' },
              h('th', { class: 'nhsuk-table__header', scope: 'row' }, rule.categoryLabel ?? humanise(rule.category), h('span', { class: 'app-id' }, `Rule ${rule.id}`),
                rule.appliesTo && rule.appliesTo.length > 0 ? h('span', { class: 'app-id' }, `Applies to: ${rule.appliesTo.map(humanise).join(', ')}`) : null,
                rule.default ? h('span', { class: 'app-id' }, 'The fallback: decides when no other rule applies') : null,
                rule.detectors && rule.detectors.length > 0 ? h('span', { class: 'app-id' }, `Built-in checks: ${rule.detectors.map(humanise).join(', ')}`) : null),
              h('td', { class: 'nhsuk-table__cell' }, h('strong', { class: priorityTagClass(rule.priority) }, rule.priority)),
              h('td', { class: 'nhsuk-table__cell' }, rule.ownerName ?? teamName(rule.owner)),
              h('td', { class: 'nhsuk-table__cell' }, humanise(rule.publicReply)),
              h('td', { class: 'nhsuk-table__cell' }, rule.sla),
              h('td', { class: 'nhsuk-table__cell' }, rule.action,
                (rule.escalations ?? []).length > 0
                  ? h('ul', { class: 'nhsuk-list nhsuk-body-s' }, (rule.escalations ?? []).map((escalation) =>
                      h('li', {}, `Escalates to ${teamName(escalation.to)}: ${escalation.reason}${escalation.sla ? `, within ${escalation.sla}` : ''}`)))
                  : null,
                rule.replyTemplate
                  ? h('details', { class: 'nhsuk-details' },
                      h('summary', { class: 'nhsuk-details__summary' }, h('span', { class: 'nhsuk-details__summary-text' }, 'Reply template')),
                      h('div', { class: 'nhsuk-details__text app-message' }, rule.replyTemplate))
                  : null)))))),
    h('h2', {}, 'Teams'),
    h('ul', { class: 'nhsuk-list nhsuk-list--bullet', id: 'matrix-teams' }, matrix.teams.map((team) => h('li', {}, `${team.name} (${team.id})${team.notify ? `, told by ${humanise(team.notify).toLowerCase()}` : ''}`))),
    (matrix.programmes ?? []).length > 0
      ? [h('h2', {}, 'Programmes'),
         h('ul', { class: 'nhsuk-list nhsuk-list--bullet' }, (matrix.programmes ?? []).map((programme) =>
           h('li', {}, h('strong', {}, programme.name), programme.owner ? `, owned by ${programme.ownerName ?? teamName(programme.owner)}` : '', programme.from ? `, from ${programme.from}` : '', programme.to ? ` to ${programme.to}` : '',
             (programme.keyMessages ?? []).length > 0 ? h('ul', {}, (programme.keyMessages ?? []).map((message) => h('li', {}, message.text))) : null)))]
      : null,
    (matrix.preElectionPeriods ?? []).length > 0
      ? [h('h2', {}, 'Pre-election periods'),
         h('ul', { class: 'nhsuk-list nhsuk-list--bullet' }, (matrix.preElectionPeriods ?? []).map((period) => h('li', {}, `${period.name}: ${period.from} to ${period.to}`)))]
      : null);
  return {};
}

function summary(key: string, value: string): HTMLElement {
  return h('div', { class: 'nhsuk-summary-list__row' }, h('dt', { class: 'nhsuk-summary-list__key' }, key), h('dd', { class: 'nhsuk-summary-list__value' }, value || 'Not set'));
}

