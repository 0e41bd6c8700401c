/**
 * A seeded, realistic week of logged interactions (as the digest reads them) for the digest benchmark
 * and the rendered example in docs/. Deterministic: the same seed gives the same week.
 */
import type { LoggedInteractionSummary } from '../functions/core/ports';
import { weekRange } from '../functions/core/time/iso-week';

/** mulberry32: a tiny, well-known seeded PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(rnd: () => number, weighted: ReadonlyArray<readonly [T, number]>): T {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = rnd() * total;
  for (const [value, w] of weighted) if ((r -= w) < 0) return value;
  return weighted[weighted.length - 1]![0];
}

const PLATFORMS = [
  ['facebook', 45],
  ['x', 20],
  ['instagram', 15],
  ['careopinion', 5],
  ['linkedin', 5],
  ['tiktok', 5],
  ['youtube', 3],
  ['messenger', 2],
] as const;

interface CategorySpec {
  priority: string;
  publicReply: string;
  /** Sentiment weights: positive, neutral, negative. */
  mood: readonly [number, number, number];
  /** SLA target in minutes of elapsed time, roughly (the sample is not a working-hours clock). */
  targetMinutes?: number;
}
const CATEGORIES: ReadonlyArray<readonly [string, number, CategorySpec]> = [
  ['general-question', 22, { priority: 'P3', publicReply: 'yes', mood: [2, 7, 1], targetMinutes: 2 * 24 * 60 }],
  ['compliment', 18, { priority: 'P3', publicReply: 'optional', mood: [9, 1, 0] }],
  ['complaint', 14, { priority: 'P2', publicReply: 'yes', mood: [0, 2, 8], targetMinutes: 24 * 60 }],
  ['admin-query', 12, { priority: 'P2', publicReply: 'yes', mood: [1, 7, 2], targetMinutes: 8 * 60 }],
  ['troll-or-spam', 8, { priority: 'monitor', publicReply: 'no', mood: [1, 3, 6] }],
  ['clinical-question', 6, { priority: 'P2', publicReply: 'yes', mood: [1, 6, 3], targetMinutes: 8 * 60 }],
  ['unclassified', 5, { priority: 'P3', publicReply: 'optional', mood: [3, 5, 2] }],
  ['misinformation', 2, { priority: 'P2', publicReply: 'yes', mood: [0, 3, 7], targetMinutes: 8 * 60 }],
  ['pii', 2, { priority: 'P1', publicReply: 'private-only', mood: [1, 6, 3], targetMinutes: 60 }],
  ['abuse-or-threat', 1, { priority: 'P1', publicReply: 'private-only', mood: [0, 1, 9], targetMinutes: 60 }],
  ['media-enquiry', 1, { priority: 'P1', publicReply: 'private-only', mood: [0, 9, 1], targetMinutes: 60 }],
  ['political', 1, { priority: 'P2', publicReply: 'optional', mood: [1, 4, 5] }],
  ['formal-complaint', 1, { priority: 'P2', publicReply: 'private-only', mood: [0, 2, 8], targetMinutes: 24 * 60 }],
  ['whistleblowing', 0.5, { priority: 'P2', publicReply: 'private-only', mood: [0, 4, 6], targetMinutes: 24 * 60 }],
  ['safeguarding', 0.3, { priority: 'P0', publicReply: 'private-only', mood: [0, 2, 8], targetMinutes: 15 }],
];
const COMPLAINT_PHRASES = ['waited', 'still waiting', 'rude', 'nobody told', 'cancelled my', 'sent home', 'no answer', 'filthy', 'appointment', 'lost my'];
/** Busier in the day, quieter at night. */
const HOUR_WEIGHTS = [1, 0.5, 0.3, 0.3, 0.3, 0.5, 1, 2, 4, 6, 6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 4, 3, 2, 1.5];

export interface WeekOptions {
  week: string;
  timeZone?: string;
  /** How many interactions to make (about 8% of them the trust's own posts). */
  count: number;
  seed: number;
  matrixVersion?: string;
  /** When the digest is made: responses and closures happen only before it. */
  now?: string;
}

export function generateWeek(options: WeekOptions): LoggedInteractionSummary[] {
  const rnd = random(options.seed);
  const range = weekRange(options.week, options.timeZone ?? 'Europe/London');
  const from = Date.parse(range.from);
  const nowMs = options.now ? Date.parse(options.now) : Date.parse(range.to) + 8 * 3_600_000;
  const hours = Array.from({ length: 7 * 24 }, (_, h) => [h, HOUR_WEIGHTS[h % 24]! * (h >= 5 * 24 ? 0.6 : 1)] as const);
  const items: LoggedInteractionSummary[] = [];
  for (let i = 0; i < options.count; i++) {
    const platform = pick(rnd, PLATFORMS);
    const receivedMs = from + pick(rnd, hours) * 3_600_000 + Math.floor(rnd() * 3_600_000);
    const receivedAt = new Date(receivedMs).toISOString();
    const base: LoggedInteractionSummary = {
      id: `${platform}:${options.seed}-${i}`,
      platform,
      channel: platform === 'careopinion' ? 'review' : platform === 'messenger' ? 'direct_message' : rnd() < 0.7 ? 'public_comment' : 'mention',
      receivedAt,
      ownAccount: false,
      accountId: `${platform}-${rnd() < 0.9 ? 1 : 2}`,
      matrixVersion: options.matrixVersion ?? '2026.12-nhs-default.2',
    };
    if (rnd() < 0.08) {
      items.push({ ...base, ownAccount: true, channel: 'public_post', category: 'own-post', priority: 'monitor', needsReply: false });
      continue;
    }
    if (rnd() < 0.002) {
      items.push(base); // not assessed yet
      continue;
    }
    const [category, spec] = pickCategory(rnd);
    const needsReply = spec.targetMinutes !== undefined;
    const item: LoggedInteractionSummary = {
      ...base,
      category,
      priority: spec.priority,
      publicReply: spec.publicReply,
      needsReply,
      sentiment: pick(rnd, [['positive', spec.mood[0]], ['neutral', spec.mood[1]], ['negative', spec.mood[2]]] as const),
      language: rnd() < 0.03 ? 'cy' : 'en',
      status: 'assessed',
      ...(category === 'pii' || rnd() < 0.01 ? { flags: ['personal-data'] } : {}),
      ...(category === 'complaint'
        ? { signalEvidence: [...new Set([pick(rnd, COMPLAINT_PHRASES.map((p, k) => [p, 10 - k] as const)), pick(rnd, COMPLAINT_PHRASES.map((p) => [p, 1] as const))])].map((p) => `phrase: '${p}'`) }
        : {}),
      ...(rnd() < 0.01 ? { deleted: true } : {}),
    };
    if (needsReply) {
      const target = spec.targetMinutes!;
      item.slaDueAt = new Date(receivedMs + target * 60_000).toISOString();
      // Most answered well inside the target; a tail runs late.
      const elapsed = Math.round(target * (rnd() < 0.88 ? rnd() * 0.8 : 0.8 + rnd() * 1.5));
      if (rnd() < 0.9 && receivedMs + elapsed * 60_000 < nowMs) {
        item.firstResponseAt = new Date(receivedMs + elapsed * 60_000).toISOString();
        item.firstResponseWorkingMinutes = Math.round(elapsed * (spec.priority === 'P0' ? 1 : 0.35));
        item.replyVisibility = spec.publicReply === 'private-only' ? 'private' : 'public';
        item.status = 'replied';
        if (rnd() < 0.7) {
          item.closedAt = new Date(receivedMs + (elapsed + 30) * 60_000).toISOString();
          item.status = 'closed';
        }
      }
    } else if (category === 'compliment' && rnd() < 0.6) {
      item.closedAt = new Date(receivedMs + 4 * 3_600_000).toISOString();
      item.status = 'closed';
    }
    items.push(item);
  }
  return items;
}

function pickCategory(rnd: () => number): readonly [string, CategorySpec] {
  const [name, , spec] = pick(rnd, CATEGORIES.map((entry) => [entry, entry[1]] as const));
  return [name, spec];
}
