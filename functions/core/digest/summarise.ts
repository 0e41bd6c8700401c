import type { LoggedInteractionSummary } from '../ports';

export interface DigestFigures {
  week: string;
  /** Inbound interactions: the trust's own posts and replies are not counted as the public's. */
  inbound: number;
  ownPosts: number;
  /** Inbound interactions the matrix has not assessed yet (should be zero; not zero means a backlog or a fault). */
  unassessed: number;
  byPlatform: Record<string, number>;
  byCategory: Record<string, number>;
  byPriority: Record<string, number>;
}

export const PRIORITY_ORDER = ['P0', 'P1', 'P2', 'P3', 'monitor'] as const;

/** Counts only: nothing about any one person or message leaves this function. */
export function summariseWeek(week: string, items: LoggedInteractionSummary[]): DigestFigures {
  const inbound = items.filter((item) => !item.ownAccount);
  const assessed = inbound.filter((item) => item.category !== undefined);
  return {
    week,
    inbound: inbound.length,
    ownPosts: items.length - inbound.length,
    unassessed: inbound.length - assessed.length,
    byPlatform: countBy(inbound, (item) => item.platform),
    byCategory: countBy(assessed, (item) => item.category!),
    byPriority: countBy(assessed, (item) => item.priority ?? 'unknown'),
  };
}

function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  // Largest first, so the email lists what matters most at the top.
  return Object.fromEntries(Object.entries(counts).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}
