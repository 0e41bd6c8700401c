import type { InteractionRecord } from '../interactions/record';
import type { InteractionPage, InteractionQuery, InteractionStore } from '../ports';

/**
 * The queue's extras over the store's indexed list: the programme filter and the counts per owner team.
 *
 * Programmes are tagged inside the logged decision (`assessment.programmes`, a list of maps), which no
 * DynamoDB key or filter expression can test element by element, so the filter runs here over the
 * pages of the index query the other filters chose (never a Scan). One request reads at most
 * MAX_PAGES store pages; when it stops early it answers the matches found so far and a `nextCursor`
 * (a page may then hold fewer than `limit` items: keep following the cursor).
 */
export const MAX_PAGES = 10;

export async function listByProgramme(store: Pick<InteractionStore, 'list'>, query: InteractionQuery, programme: string): Promise<InteractionPage> {
  const items: InteractionRecord[] = [];
  let cursor = query.cursor;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    // Never ask for more than still fits: the store's cursor then points exactly after the last item kept.
    const page = await store.list({ ...query, limit: query.limit - items.length, ...(cursor ? { cursor } : {}) });
    items.push(...page.items.filter((record) => concerns(record, programme)));
    cursor = page.nextCursor;
    if (!cursor || items.length >= query.limit) break;
  }
  return { items, ...(cursor ? { nextCursor: cursor } : {}) };
}

export function concerns(record: InteractionRecord, programme: string): boolean {
  return (record.assessment?.programmes ?? []).some((tag) => tag.id === programme);
}

/** Open items (the open-items index, whatever the other filters) per owner team; `total` includes those not yet assessed. */
export async function openCountsByOwnerTeam(store: Pick<InteractionStore, 'list'>): Promise<{ total: number; byOwnerTeam: Record<string, number> }> {
  const byOwnerTeam: Record<string, number> = {};
  let total = 0;
  let cursor: string | undefined;
  do {
    const page = await store.list({ status: 'open', limit: 100, ...(cursor ? { cursor } : {}) });
    for (const record of page.items) {
      total += 1;
      if (record.ownerTeam) byOwnerTeam[record.ownerTeam] = (byOwnerTeam[record.ownerTeam] ?? 0) + 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return { total, byOwnerTeam };
}
