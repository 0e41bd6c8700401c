import { h, hidden, replaceChildren, responsiveTable } from '../dom';
import { button, selectField } from '../forms';
import { byUrgency, channelName, clockTagClass, clockTime, humanise, labelOf, PLATFORMS, platformName, PRIORITIES, priorityTagClass, slaClock, STATUS_LABELS, STATUSES, when } from '../format';
import { categoryName as categoryOf, categoryOptions, teamName as teamOf, teamOptions } from '../names';
import type { InteractionPage, InteractionSummary, MatrixDocument } from '../types';
import type { View, ViewContext } from './context';

const FILTERS = ['owner', 'priority', 'status', 'platform', 'category', 'programme'] as const;

/**
 * The queue: open interactions, most urgent first (P0 pinned, then by SLA due time), with filters,
 * the time left on each clock in words, and counts per owner team. Refreshed by the shell's timer.
 */
export async function renderQueue(ctx: ViewContext): Promise<View> {
  ctx.setTitle('Queue');
  const matrix = await ctx.matrix();
  if (ctx.signal.aborted) return {};
  const filters = Object.fromEntries(FILTERS.map((name) => [name, ctx.query.get(name) ?? ''])) as Record<(typeof FILTERS)[number], string>;
  const filtered = FILTERS.some((name) => name !== 'status' && filters[name] !== '') || (filters.status !== '' && filters.status !== 'open');

  const counts = h('div', { class: 'app-counts', id: 'owner-counts' });
  const activeFilters = FILTERS.filter((name) => filters[name] !== '' && !(name === 'status' && filters[name] === 'open')).length;
  const results = h('div', { id: 'queue-results' });
  const updated = h('span', { id: 'queue-updated' });
  // Compact above the table (heading, one line of text, the filters, one line of counts): the first rows show without scrolling.
  replaceChildren(ctx.main,
    h('h1', { tabindex: '-1', class: 'nhsuk-heading-l nhsuk-u-margin-bottom-3' }, 'Queue'),
    h('p', { class: 'nhsuk-body-s nhsuk-u-margin-bottom-3' }, 'Most urgent first: P0 at the top, then by when the reply is due. ', updated),
    filterForm(ctx, filters, matrix, activeFilters),
    counts,
    results);

  let lastData = '';
  let lastMinute = -1;
  const teamName = (id: string | undefined) => teamOf(matrix, id);
  const categoryName = (id: string | undefined) => (id ? categoryOf(matrix, id) : 'Not assessed yet');

  /**
   * Fetches the queue. The table is redrawn when the data changed, or when the minute changed (the clocks say
   * "12 minutes left"); a keyboard user's focus stays on the same link. Only a change of data is announced.
   */
  async function load(announce: boolean): Promise<void> {
    const page = await ctx.api.get<InteractionPage>('/interactions', { ...filters, status: filters.status || 'open', limit: '100' });
    if (ctx.signal.aborted) return;
    const items = [...page.items].sort(byUrgency);
    const now = Date.now();
    const data = JSON.stringify(page);
    const minute = Math.floor(now / 60_000);
    const changed = data !== lastData;
    updated.textContent = `Updated at ${clockTime(new Date(now))}. Refreshes by itself.`;
    if (changed || minute !== lastMinute) {
      lastData = data;
      lastMinute = minute;
      keepingFocus(() => {
        drawCounts(page, items);
        drawTable(items, now, !!page.nextCursor);
      });
    }
    if (announce && changed) {
      const p0 = items.filter((item) => item.priority === 'P0').length;
      ctx.announce(`Queue updated at ${clockTime(new Date(now))}: ${items.length} interaction${items.length === 1 ? '' : 's'}${p0 ? `, ${p0} P0` : ''}.`);
    }
  }

  /** Redraws, then puts focus back on the same link (an interaction's, or an owner team's count) if it was on one. */
  function keepingFocus(redraw: () => void): void {
    const active = document.activeElement;
    const inRow = active instanceof HTMLAnchorElement && results.contains(active) ? active.closest<HTMLElement>('[data-interaction-id]')?.dataset.interactionId : undefined;
    const inCounts = active instanceof HTMLAnchorElement && counts.contains(active) ? active.closest<HTMLElement>('[data-owner]')?.dataset.owner : undefined;
    redraw();
    const again = inRow !== undefined
      ? results.querySelector<HTMLElement>(`[data-interaction-id="${CSS.escape(inRow)}"] a`)
      : inCounts !== undefined
        ? counts.querySelector<HTMLElement>(`[data-owner="${CSS.escape(inCounts)}"] a`)
        : null;
    // The row may have gone (answered elsewhere): focus then goes to the table's caption region, not <body>.
    if (again) again.focus();
    else if (inRow !== undefined || inCounts !== undefined) results.querySelector<HTMLElement>('#queue-table, #queue-empty')?.focus();
  }

  /** Open items per owner team on one line (each a link to the queue for that team): the queue stays above the fold. */
  function drawCounts(page: InteractionPage, items: InteractionSummary[]): void {
    const fromApi = page.countsByOwnerTeam ?? null;
    const rows = fromApi ?? tally(items);
    const entries = Object.entries(rows).sort(([a], [b]) => teamName(a).localeCompare(teamName(b)));
    replaceChildren(counts,
      h('h2', { class: 'app-counts__heading', id: 'owner-counts-heading' },
        fromApi ? `Open per owner team${page.openCount !== undefined ? ` (${page.openCount} in all)` : ''}:` : 'In this list per owner team:'),
      ' ',
      entries.length === 0
        ? 'none'
        : h('ul', { class: 'app-inline-list', id: 'owner-counts-list', 'aria-labelledby': 'owner-counts-heading' },
            entries.map(([team, count]) =>
              h('li', { 'data-owner': team },
                h('a', { href: queueHash({ ...filters, owner: team === 'none' ? '' : team }) }, teamName(team === 'none' ? undefined : team)),
                ': ', h('strong', { class: 'app-count' }, String(count))))));
  }

  function drawTable(items: InteractionSummary[], now: number, more: boolean): void {
    if (items.length === 0) {
      replaceChildren(results, h('p', { id: 'queue-empty', tabindex: '-1' }, filtered ? 'No interactions match these filters.' : 'The queue is empty: nothing is waiting for a reply.'));
      return;
    }
    // A responsive table (NHS pattern): on a phone each row becomes a block with the headings beside the values.
    replaceChildren(results,
      responsiveTable({
        id: 'queue-table',
        attributes: { tabindex: '-1' },
        caption: `${items.length} interaction${items.length === 1 ? '' : 's'}${filtered ? ' matching the filters' : ' in the queue'}`,
        captionClass: 'nhsuk-table__caption--s',
        headings: ['Priority', 'Interaction', 'Owner team', 'Status', 'Reply due', 'Received'],
        rows: items.map((item) => {
          const clock = slaClock(item, now);
          return {
            attributes: { 'data-interaction-id': item.id, 'data-priority': item.priority ?? '' },
            cells: [
              { content: [h('strong', { class: priorityTagClass(item.priority) }, item.priority ?? 'Not assessed')] },
              { content: [
                h('a', { href: `#/interactions/${encodeURIComponent(item.id)}` }, categoryName(item.category), hidden(` on ${platformName(item.platform)}, ${item.id}`)),
                h('span', { class: 'app-id', 'aria-hidden': 'true' }, `${platformName(item.platform)} · ${channelName(item.channel)}`),
                item.overridden ? h('span', { class: 'app-id' }, 'Decision overridden') : null] },
              { content: [teamName(item.ownerTeam), item.assignee ? h('span', { class: 'app-id' }, `Assigned to ${item.assignee}`) : null] },
              { content: [labelOf(STATUS_LABELS, item.status)] },
              { content: [h('strong', { class: clockTagClass(clock.state) }, clock.text)], attributes: { 'data-clock': clock.state } },
              { content: [h('time', { datetime: item.receivedAt }, when(item.receivedAt))] },
            ],
          };
        }),
      }),
      more ? h('p', {}, 'Showing the 100 most urgent. Narrow the filters to see others.') : null);
  }

  await load(false);
  return { refresh: () => load(true) };
}

/** Remembers (in this browser) that the officer closed the filters, so the queue starts higher next time. */
const FILTERS_CLOSED = 'triage-console.queue-filters-closed';

function filtersClosed(): boolean {
  try {
    return localStorage.getItem(FILTERS_CLOSED) === 'yes';
  } catch {
    return false;
  }
}

function rememberFiltersClosed(closed: boolean): void {
  try {
    if (closed) localStorage.setItem(FILTERS_CLOSED, 'yes');
    else localStorage.removeItem(FILTERS_CLOSED);
  } catch {
    // Storage refused (private mode): the filters open next time, nothing else changes.
  }
}

/**
 * The filters in an NHS details component, open until the officer closes it (remembered), and open whenever
 * filters are applied; the selects sit in a compact grid (one column on a phone, three or six a row wider).
 */
function filterForm(ctx: ViewContext, filters: Record<(typeof FILTERS)[number], string>, matrix: MatrixDocument | null, active: number): HTMLElement {
  const any = { value: '', text: 'Any' };
  const teams = teamOptions(matrix);
  const categories = categoryOptions(matrix).sort((a, b) => a.text.localeCompare(b.text));
  const programmes = (matrix?.programmes ?? []).map((programme) => ({ value: programme.id, text: programme.name }));
  const withCurrent = (options: Array<{ value: string; text: string }>, current: string) =>
    current && !options.some((option) => option.value === current) ? [...options, { value: current, text: humanise(current) }] : options;
  const form = h('form', { class: 'app-filters', id: 'queue-filters', novalidate: true },
    h('fieldset', { class: 'nhsuk-fieldset' },
      h('legend', { class: 'nhsuk-u-visually-hidden' }, 'Filter the queue'),
      h('div', { class: 'app-filters__grid' },
        selectField('filter-owner', 'Owner team', [any, ...withCurrent(teams, filters.owner)], filters.owner),
        selectField('filter-priority', 'Priority', [any, ...PRIORITIES.map((p) => ({ value: p, text: p }))], filters.priority),
        selectField('filter-status', 'Status', STATUSES.map((s) => ({ value: s, text: s === 'open' ? 'Open' : labelOf(STATUS_LABELS, s) })), filters.status || 'open'),
        selectField('filter-platform', 'Platform', [any, ...PLATFORMS.map((p) => ({ value: p, text: platformName(p) }))], filters.platform),
        selectField('filter-category', 'Category', [any, ...withCurrent(categories, filters.category)], filters.category),
        selectField('filter-programme', 'Programme', [any, ...withCurrent(programmes, filters.programme)], filters.programme))),
    h('div', { class: 'nhsuk-button-group app-filters__actions' },
      button('Apply filters', { class: 'nhsuk-button nhsuk-button--secondary nhsuk-button--small' }),
      h('a', { class: 'nhsuk-link', href: '#/queue' }, 'Clear filters')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(FILTERS.map((name) => [name, (form.querySelector<HTMLSelectElement>(`#filter-${name}`)?.value ?? '')]));
    if (chosen.status === 'open') chosen.status = '';
    ctx.navigate(queueHash(chosen));
  });
  const details = h('details', { class: 'nhsuk-details app-filters-details', id: 'queue-filters-details', open: active > 0 || !filtersClosed() },
    h('summary', { class: 'nhsuk-details__summary' },
      h('span', { class: 'nhsuk-details__summary-text' }, active > 0 ? `Filter the queue (${active} ${active === 1 ? 'filter' : 'filters'} applied)` : 'Filter the queue')),
    h('div', { class: 'nhsuk-details__text' }, form));
  // Remembered on the officer's own click (or Enter/Space, which click the summary), synchronously: the
  // toggle event comes a task later (a reload straight after could miss it) and also fires when the details
  // is drawn open because filters are applied, which is not the officer's choice.
  details.querySelector('summary')?.addEventListener('click', () => rememberFiltersClosed(details.open));
  return details;
}

function queueHash(filters: Record<string, string>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const search = params.toString();
  return search ? `#/queue?${search}` : '#/queue';
}

function tally(items: InteractionSummary[]): Record<string, number> {
  const result: Record<string, number> = {};
  for (const item of items) result[item.ownerTeam ?? 'none'] = (result[item.ownerTeam ?? 'none'] ?? 0) + 1;
  return result;
}
