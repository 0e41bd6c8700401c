/**
 * The weekly digest at a national body's scale: 100,000 interactions in the week digested, with ten
 * other weeks of 100,000 present in the same log. Measured side by side against the floor any digest
 * must pay (read the week from the index and count it once), and counting the log items each run reads.
 * The log is in memory with the same week index the DynamoDB adapter queries, so the figure is the
 * digest's CPU cost; DynamoDB's own read time (about 100 pages of 1 MB for such a week) comes on top.
 */
import { composeMime } from '../functions/adapters/mime-message';
import { ResvgRasteriser } from '../functions/adapters/resvg-rasteriser';
import { comparisonWeeks, sendWeeklyDigest, type DigestDeps } from '../functions/core/digest/send-weekly-digest';
import { summariseWeek } from '../functions/core/digest/summarise';
import { countBy } from '../functions/core/digest/stats';
import type { DigestStore, LoggedInteractionSummary, WeekSummary } from '../functions/core/ports';
import { previousWeek, weekRange } from '../functions/core/time/iso-week';
import { generateWeek } from './digest-week';
import { measureAsync, type Result } from './harness';

const ZONE = 'Europe/London';
const WEEK = '2026-W48';
const NOW = '2026-11-30T08:00:00.000Z';
export const PER_WEEK = 100_000;
const OTHER_WEEKS = 10;
const SETTINGS = { trustName: 'Example NHS Foundation Trust', timeZone: ZONE, from: 'digest@example.nhs.uk', recipients: ['board@example.nhs.uk'] };

export interface DigestBench {
  results: Result[];
  itemsInLog: number;
  itemsRead: { floor: number; warm: number; cold: number };
  mimeBytes: number;
}

export async function benchDigest(): Promise<DigestBench> {
  // This week, the four before it (the comparison weeks) and six more before those: eleven weeks.
  const weeks = new Map<string, LoggedInteractionSummary[]>();
  let w = WEEK;
  for (let i = 0; i <= OTHER_WEEKS; i++) {
    weeks.set(w, generateWeek({ week: w, count: PER_WEEK, seed: 1000 + i, now: NOW }));
    w = previousWeek(weekRange(w, ZONE).from, ZONE);
  }
  let read = 0;
  const log = { listWeek: async (week: string) => {
    const items = weeks.get(week) ?? [];
    read += items.length;
    return items;
  } };
  const kept = new Map<string, WeekSummary>(comparisonWeeks(WEEK, ZONE).map((cw) => [cw, summariseWeek(cw, weeks.get(cw)!, NOW)]));
  const store = (keep: boolean): DigestStore => ({
    claim: async () => ({ claimed: true }),
    markSent: async () => undefined,
    markFailed: async () => undefined,
    markPublished: async () => undefined,
    getWeekSummaries: async (list) => (keep ? new Map(list.filter((x) => kept.has(x)).map((x) => [x, kept.get(x)!])) : new Map()),
    putWeekSummary: async () => undefined,
  });
  let mimeBytes = 0;
  const deps = (keep: boolean): DigestDeps => ({
    log,
    health: { listWeek: async () => [] },
    store: store(keep),
    // The whole send path but the network: the raw MIME message is built.
    email: { send: async (message) => ((mimeBytes = (await composeMime(message, { date: new Date(NOW) })).length), { messageId: 'bench' }) },
    publisher: { publish: async () => undefined },
    rasteriser: new ResvgRasteriser(),
    newId: () => 'bench',
  });
  const floor = async () => countBy(await log.listWeek(WEEK), (item) => item.category);
  const counted = async (run: () => Promise<unknown>) => {
    read = 0;
    await run();
    return read;
  };
  const itemsRead = {
    floor: await counted(floor),
    warm: await counted(() => sendWeeklyDigest({ trigger: 'schedule' }, NOW, SETTINGS, deps(true))),
    cold: await counted(() => sendWeeklyDigest({ trigger: 'schedule' }, NOW, SETTINGS, deps(false))),
  };
  const name = `digest: ${PER_WEEK.toLocaleString('en-GB')} interactions in the week, ${OTHER_WEEKS} other weeks of ${PER_WEEK.toLocaleString('en-GB')} in the log`;
  const floorCase = { name: 'read the week from the index + count by category (the floor)', run: floor };
  const results = [
    await measureAsync({
      name: `${name} (comparison weeks kept)`,
      baseline: floorCase,
      candidate: { name: 'the scheduled run: figures, 3 charts (SVG to PNG), MJML, text, CSV, raw MIME', run: () => sendWeeklyDigest({ trigger: 'schedule' }, NOW, SETTINGS, deps(true)) },
    }),
    await measureAsync({
      name: `${name} (first run: comparison weeks read too)`,
      baseline: floorCase,
      candidate: { name: 'the same, reading the 4 comparison weeks from the log', run: () => sendWeeklyDigest({ trigger: 'schedule' }, NOW, SETTINGS, deps(false)) },
    }),
  ];
  return { results, itemsInLog: [...weeks.values()].reduce((sum, items) => sum + items.length, 0), itemsRead, mimeBytes };
}
