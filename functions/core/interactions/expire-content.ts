import type { InteractionStore } from '../ports';
import type { RetentionPolicy } from './retention';
import { expireContent } from './transitions';

/** The sweep runs every 15 minutes: anything due within this lead time is removed now, so no limit is overrun. */
export const EXPIRY_LEAD_MINUTES = 30;

/**
 * Platform terms shorter than the record's own retention (LinkedIn: members' social activity for 48
 * hours at most): the items whose limit falls before the next sweep lose their message text and author
 * identifiers now (the content-expiry index, never a scan); the anonymised record and its audit trail stay.
 */
export async function expireHeldContent(now: string, policy: RetentionPolicy, store: InteractionStore): Promise<{ expired: string[] }> {
  const before = new Date(Date.parse(now) + EXPIRY_LEAD_MINUTES * 60_000).toISOString();
  const expired: string[] = [];
  for (const record of await store.contentExpiring(before)) {
    const hours = policy.contentHoursByPlatform[record.platform as keyof RetentionPolicy['contentHoursByPlatform']];
    const outcome = await store.apply(record.id, 'content-expired', (current) => expireContent(current, hours, now));
    if (outcome.outcome === 'written') expired.push(record.id);
  }
  return { expired };
}
