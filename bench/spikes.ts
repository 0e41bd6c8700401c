/**
 * Spike detection (issue 8): the CPU of its two pure steps, each side by side with the least work any
 * implementation must do, and (arithmetic, not a timing) what the DynamoDB adapter's design reads per
 * detection run and writes per counted interaction.
 *
 * - Detection: the pure part of one detect-spikes run (the window, its comparable earlier windows, the
 *   judgement of every series) over 28 days of 15-minute counter buckets in which EVERY series (overall,
 *   every matrix category, a programme) has a bucket in every slot: the detector's worst case. Baseline:
 *   summing the counts of the same buckets.
 * - Counting: countEntryFor (which counter updates one interaction makes) against building the same
 *   plain objects.
 * - DynamoDB: the adapter's Query calls and items per run, and the size of a counter item as it fills
 *   (its `ids` string set of 12-character hashes grows with the bucket's count), sized by dynalite's
 *   implementation of AWS's item-size rules (the same rules the cost run counts by).
 */
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { Interaction } from '../events';
import { assess } from '../functions/core/matrix/assess';
import { matrixCalendar } from '../functions/core/matrix/calendar';
import { parseMatrix } from '../functions/core/matrix/load';
import { countEntryFor, COUNTER_MARGIN_DAYS } from '../functions/core/spikes/count-interaction';
import { judge } from '../functions/core/spikes/detect';
import type { BucketCount, CountEntry } from '../functions/core/spikes/ports';
import { isWatched, OVERALL, seriesDescriber, seriesId, type SeriesRef } from '../functions/core/spikes/series';
import { baselineWindows, bucketStartsIn, currentWindow, type TimeWindow } from '../functions/core/spikes/windows';
import { evaluationTexts } from '../local/reliability/support';
import { PATHS } from '../local/paths';
import { syntheticFortnight } from '../test/support/fortnight';
import { measure, type Result } from './harness';
import { PRICES } from './cost';

const { itemSize } = createRequire(__filename)('dynalite/db') as { itemSize: (item: Record<string, AttributeValue>) => number };

const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));
const settings = matrix.spikes;
const calendar = matrixCalendar(matrix);
const describe = seriesDescriber(matrix);
const watched = (series: SeriesRef) => isWatched(series, settings);
const MINUTE = 60_000;

/** Every series a bucket can hold: overall, every matrix category but the trust's own posts (counted nowhere), a programme. */
const CATEGORIES = [...new Set(matrix.rules.map((rule) => rule.category))].filter((category) => category !== 'own-post');
const PROGRAMME = matrix.programmes[0]!.id;
const SERIES: SeriesRef[] = [OVERALL, ...CATEGORIES.map((key) => ({ kind: 'category' as const, key })), { kind: 'programme', key: PROGRAMME }];

/** Detection instants: a working Thursday through the day, and a Saturday (fewer comparable days). */
const NOWS = ['08:07', '10:22', '12:37', '14:07', '16:52', '19:07', '22:37'].map((t) => `2026-11-26T${t}:00.000Z`).concat('2026-11-28T14:07:00.000Z');
const HISTORY_FROM = '2026-10-27T00:00:00.000Z';
const HISTORY_TO = '2026-11-29T00:00:00.000Z';

/** A small seeded PRNG (mulberry32), so every run builds the same buckets. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Inbound per 15 minutes by UTC hour on a working day (the fortnight generator's shape, about 160 a day). */
const QUARTER_HOURLY = [0.4, 0.3, 0.2, 0.2, 0.3, 0.5, 1.5, 3, 6, 10, 12, 13, 14, 14, 13, 12, 11, 9, 8, 7, 6, 5, 3, 1].map((h) => h / 4);

/** 28+ days of buckets, every series in every 15-minute slot, with terms; indexed by bucket start. */
function buildHistory(): { byStart: Map<string, BucketCount[]>; buckets: number } {
  const random = seeded(20261126);
  const vocabulary = Array.from({ length: 400 }, (_, i) => `term${i.toString(36)}word`);
  const byStart = new Map<string, BucketCount[]>();
  let buckets = 0;
  for (const start of bucketStartsIn({ start: HISTORY_FROM, end: HISTORY_TO }, settings.bucketMinutes)) {
    const date = new Date(start);
    const weekend = date.getUTCDay() === 0 || date.getUTCDay() === 6;
    const expected = QUARTER_HOURLY[date.getUTCHours()]! * (weekend ? 0.55 : 1);
    const list = SERIES.map((series): BucketCount => {
      const count = series.kind === 'overall' ? Math.max(1, Math.round(expected * (0.5 + random()))) : 1 + Math.floor(random() * 3);
      const terms: Record<string, number> = {};
      for (let i = 0; i < Math.min(40, count * 6); i += 1) {
        const term = vocabulary[Math.floor(Math.pow(random(), 2) * vocabulary.length)]!;
        terms[term] = (terms[term] ?? 0) + 1;
      }
      return { series, bucketStart: start, count, terms };
    });
    byStart.set(start, list);
    buckets += list.length;
  }
  return { byStart, buckets };
}

interface DetectionInput {
  now: string;
  current: BucketCount[];
  baseline: BucketCount[][];
  bucketsRead: number;
}

function detectionInputs(byStart: Map<string, BucketCount[]>): DetectionInput[] {
  const inWindow = (w: TimeWindow) => bucketStartsIn(w, settings.bucketMinutes).flatMap((start) => byStart.get(start) ?? []);
  return NOWS.map((now) => {
    const window = currentWindow(now, settings);
    const current = inWindow(window);
    const baseline = baselineWindows(window, calendar, settings, HISTORY_FROM).map(inWindow);
    return { now, current, baseline, bucketsRead: current.length + baseline.reduce((n, b) => n + b.length, 0) };
  });
}

const noCooldown: ReadonlySet<string> = new Set();

/** The pure part of detectSpikes (functions/core/spikes/detect-spikes.ts) once its buckets are read. */
function detectPure(input: DetectionInput, withWindows: boolean) {
  const window = currentWindow(input.now, settings);
  if (withWindows) baselineWindows(window, calendar, settings, HISTORY_FROM);
  return judge({ window, current: input.current, baseline: input.baseline, settings, coolingDown: noCooldown, watched, describe });
}

function sumBuckets(input: DetectionInput): number {
  let total = 0;
  for (const bucket of input.current) total += bucket.count;
  for (const window of input.baseline) for (const bucket of window) total += bucket.count;
  return total;
}

/** Real interactions and their assessments: the fortnight's, with the evaluation set's texts (a wider vocabulary). */
function assessedSample(): Array<{ interaction: Interaction; assessment: ReturnType<typeof assess>['assessment'] }> {
  const fortnight = syntheticFortnight({ start: '2026-11-09', seed: 20261109 });
  const inbound = fortnight.interactions.filter((i) => !i.flags.ownAccount);
  const wave = new Set(fortnight.planted.misinformationWave.ids);
  const texts = evaluationTexts();
  // Every evaluation text once, then the misinformation wave (so programmes are counted too).
  const chosen = [...texts.map((text, i) => ({ ...inbound[i % inbound.length]!, text })), ...inbound.filter((i) => wave.has(i.id))];
  return chosen.map((interaction) => ({ interaction, assessment: assess(interaction, matrix, interaction.receivedAt).assessment }));
}

// ---------------------------------------------------------------------------------------------------
// DynamoDB arithmetic (functions/adapters/dynamodb-spike-store.ts)

const shortHash = (id: string) => createHash('sha256').update(id).digest('base64url').slice(0, 12);

/** A counter item as the adapter leaves it after counting `entries` (the attributes its UpdateItem sets and ADDs). */
function counterItem(series: SeriesRef, bucketStart: string, ids: Set<string>, terms: Map<string, number>, expiresAt: number): Record<string, unknown> {
  const item: Record<string, unknown> = {
    pk: `SPIKECOUNT#${bucketStart.slice(0, 10)}`,
    sk: `${bucketStart}#${seriesId(series)}`,
    entity: 'spike-counter',
    seriesKind: series.kind,
    seriesKey: series.key,
    bucketStart,
    expiresAt,
    n: ids.size,
  };
  if (ids.size > 0) item.ids = ids;
  for (const [term, n] of terms) item[`t:${term}`] = n;
  return item;
}

/** The item in DynamoDB's wire form (the counter's attributes are strings, numbers and one string set). */
function attributes(item: Record<string, unknown>): Record<string, AttributeValue> {
  return Object.fromEntries(
    Object.entries(item).map(([name, value]): [string, AttributeValue] => {
      if (typeof value === 'string') return [name, { S: value }];
      if (typeof value === 'number') return [name, { N: String(value) }];
      if (value instanceof Set) return [name, { SS: [...(value as Set<string>)] }];
      throw new TypeError(`${name}: not a counter attribute`);
    }),
  );
}

const sizeOf = (item: Record<string, unknown>) => itemSize(attributes(item));

export interface FillRow {
  perBucket: number;
  /** Write units per UpdateItem, averaged over the bucket filling from 0 to perBucket (1 WCU per KB of the larger of old and new item). */
  wcuIdsOnly: number;
  wcuWithTerms: number;
  /** The item when the bucket is full. */
  bytesIdsOnly: number;
  bytesWithTerms: number;
  distinctTerms: number;
}

/** Fills one series' counter with `perBucket` interactions, as the adapter would, sizing the item after every write. */
function fill(series: SeriesRef, perBucket: number, entries: CountEntry[]): FillRow {
  const bucketStart = '2026-11-26T14:00:00.000Z';
  const expiresAt = Math.floor(Date.parse(bucketStart) / 1000) + (settings.lookbackDays + COUNTER_MARGIN_DAYS) * 86_400;
  const ids = new Set<string>();
  const terms = new Map<string, number>();
  const none = new Map<string, number>();
  let previous = { bare: 0, full: 0 };
  let wcuBare = 0;
  let wcuFull = 0;
  for (let k = 0; k < perBucket; k += 1) {
    const entry = entries[k % entries.length]!;
    ids.add(shortHash(`${entry.interactionId}#${k}`));
    for (const term of entry.terms) terms.set(term, (terms.get(term) ?? 0) + 1);
    const bare = sizeOf(counterItem(series, bucketStart, ids, none, expiresAt));
    const full = sizeOf(counterItem(series, bucketStart, ids, terms, expiresAt));
    wcuBare += Math.ceil(Math.max(bare, previous.bare) / 1024);
    wcuFull += Math.ceil(Math.max(full, previous.full) / 1024);
    previous = { bare, full };
  }
  return { perBucket, wcuIdsOnly: wcuBare / perBucket, wcuWithTerms: wcuFull / perBucket, bytesIdsOnly: previous.bare, bytesWithTerms: previous.full, distinctTerms: terms.size };
}

export interface ReadRow {
  perBucket: number;
  day: 'working' | 'rest';
  queries: number;
  gets: number;
  itemsRead: number;
  readUnits: number;
}

/**
 * One detect-spikes run's reads: GetItem of "counting since", one Query per UTC day of the spike records
 * (listStoredBetween: from 180 minutes back, less a day, to now), one Query per UTC day each window spans
 * (the current one and each comparable earlier one), every page eventually consistent: 0.5 read unit per
 * 4 KB of the items a Query returns (at least 0.5 per Query). Items: every series in every bucket (upper
 * bound), the overall counter holding perBucket ids, the categories sharing them, the programme 5%.
 */
function readsPerRun(now: string, perBucket: number, bucketBytes: number, day: ReadRow['day']): ReadRow {
  const utcDays = (from: string, to: string) => {
    let n = 0;
    for (let t = Date.parse(from.slice(0, 10)); t <= Date.parse(to); t += 86_400_000) n += 1;
    return n;
  };
  const lookBack = Math.max(settings.cooldownMinutes, settings.windowMinutes * 2);
  const spikeQueries = utcDays(new Date(Date.parse(now) - lookBack * MINUTE - 86_400_000).toISOString(), new Date(Date.parse(now) + 1).toISOString());
  const window = currentWindow(now, settings);
  const windows = [window, ...baselineWindows(window, calendar, settings, HISTORY_FROM)];
  let queries = spikeQueries;
  let readUnits = spikeQueries * 0.5; // no spikes recorded: the minimum each
  let itemsRead = 0;
  const bucketsPerWindow = settings.windowMinutes / settings.bucketMinutes;
  for (const w of windows) {
    const days = utcDays(w.start, new Date(Date.parse(w.end) - 1).toISOString());
    queries += days;
    itemsRead += bucketsPerWindow * SERIES.length;
    readUnits += Math.max(days * 0.5, Math.ceil((bucketsPerWindow * bucketBytes) / 4096) * 0.5);
  }
  return { perBucket, day, queries, gets: 1, itemsRead, readUnits: readUnits + 0.5 };
}

export interface SpikesBench {
  results: Result[];
  buckets: number;
  series: number;
  baselineWindows: { working: number; rest: number };
  bucketsReadPerRun: number;
  fills: FillRow[];
  reads: ReadRow[];
  /** Write units per interaction for every series it counts in (overall, its category, 5% a programme), ids and terms. */
  perInteraction: Array<{ perBucket: number; wcu: number }>;
  monthly: Array<{ perBucket: number; readUnits: number; usd: number }>;
  sampleTermsPerInteraction: number;
}

const RUNS_PER_DAY = 288;
const DAYS_PER_MONTH = 30.4;
const WORKING_SHARE = 250 / 365;

export function benchSpikes(): SpikesBench {
  const { byStart, buckets } = buildHistory();
  const inputs = detectionInputs(byStart);
  let nextInput = 0;
  const input = () => inputs[nextInput++ % inputs.length]!;
  const sample = assessedSample();
  let nextSample = 0;
  const one = () => sample[nextSample++ % sample.length]!;

  const results: Result[] = [];
  const detection = {
    baseline: { name: 'sum the counts of the same buckets (the floor)', run: () => sumBuckets(input()) },
  };
  results.push(
    measure(
      {
        name: `spikes: one detection run's pure step, ${SERIES.length} series x 28 days of 15-minute buckets`,
        ...detection,
        candidate: { name: 'currentWindow + baselineWindows + judge (every series)', run: () => detectPure(input(), true) },
      },
      { rounds: 11, opsPerRound: 100 },
    ),
    measure(
      {
        name: 'spikes: the same, judge alone (windows given)',
        ...detection,
        candidate: { name: 'judge (every series)', run: () => detectPure(input(), false) },
      },
      { rounds: 11, opsPerRound: 100 },
    ),
    measure({
      name: 'spikes: count one interaction (the pure part)',
      baseline: {
        name: 'build the same plain objects (entry, series refs, terms array)',
        run: () => {
          const { interaction, assessment } = one();
          return {
            interactionId: interaction.id,
            bucketStart: interaction.receivedAt,
            series: [OVERALL, { kind: 'category', key: assessment.category }, ...(assessment.programmes ?? []).map((p) => ({ kind: 'programme', key: p.id }))],
            terms: (assessment.terms ?? []).slice(),
            expiresAt: 0,
          };
        },
      },
      candidate: {
        name: 'countEntryFor (series, bucket, terms, expiry)',
        run: () => {
          const { interaction, assessment } = one();
          return countEntryFor(interaction, assessment, settings);
        },
      },
    }),
  );

  // DynamoDB arithmetic, from the adapter's design.
  const entries = sample.map(({ interaction, assessment }) => countEntryFor(interaction, assessment, settings)!).filter(Boolean);
  const sampleTermsPerInteraction = entries.reduce((n, e) => n + e.terms.length, 0) / entries.length;
  const fills = [10, 100, 1_000].map((n) => fill(OVERALL, n, entries));
  const categoryShare = (n: number) => Math.max(1, Math.round(n / CATEGORIES.length));
  const programmeShare = (n: number) => Math.max(1, Math.round(n * 0.05));
  const reads: ReadRow[] = [];
  const monthly: SpikesBench['monthly'] = [];
  const perInteraction: SpikesBench['perInteraction'] = [];
  for (const row of fills) {
    const category = fill({ kind: 'category', key: 'complaint' }, categoryShare(row.perBucket), entries);
    const programme = fill({ kind: 'programme', key: PROGRAMME }, programmeShare(row.perBucket), entries);
    // The busiest category holds a quarter of the bucket: the write units an interaction in it pays.
    const busiest = fill({ kind: 'category', key: 'complaint' }, Math.max(1, Math.round(row.perBucket / 4)), entries);
    perInteraction.push({ perBucket: row.perBucket, wcu: row.wcuWithTerms + busiest.wcuWithTerms + 0.05 * programme.wcuWithTerms });
    const bucketBytes = row.bytesWithTerms + CATEGORIES.length * category.bytesWithTerms + programme.bytesWithTerms;
    const working = readsPerRun('2026-11-26T14:07:00.000Z', row.perBucket, bucketBytes, 'working');
    const rest = readsPerRun('2026-11-28T14:07:00.000Z', row.perBucket, bucketBytes, 'rest');
    reads.push(working, rest);
    const unitsPerMonth = RUNS_PER_DAY * DAYS_PER_MONTH * (WORKING_SHARE * working.readUnits + (1 - WORKING_SHARE) * rest.readUnits);
    monthly.push({ perBucket: row.perBucket, readUnits: unitsPerMonth, usd: (unitsPerMonth / 1e6) * PRICES.dynamoPerMillionReadUnits });
  }
  const working = inputs.find((i) => i.now.startsWith('2026-11-26T14'))!;
  const rest = inputs.find((i) => i.now.startsWith('2026-11-28'))!;
  return {
    results,
    buckets,
    series: SERIES.length,
    baselineWindows: { working: working.baseline.length, rest: rest.baseline.length },
    bucketsReadPerRun: working.bucketsRead,
    fills,
    reads,
    perInteraction,
    monthly,
    sampleTermsPerInteraction,
  };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-GB', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export function reportSpikes(bench: SpikesBench, report: (results: Result[]) => void): void {
  process.stdout.write('\n');
  report(bench.results);
  const [full] = bench.results;
  console.log(
    `\nspikes: ${bench.series} series, ${fmt(bench.buckets)} counter buckets in the history; a working-day run judges the window and ` +
      `${bench.baselineWindows.working} comparable windows (${fmt(bench.bucketsReadPerRun)} buckets), a weekend run ${bench.baselineWindows.rest}` +
      (full ? `; ${fmt(full.candidateNsPerOp / 1000, 1)} µs per run, ${fmt(1e9 / full.candidateNsPerOp)} runs per second` : ''),
  );
  console.log('\nspikes, DynamoDB (ARITHMETIC from functions/adapters/dynamodb-spike-store.ts and dynalite\'s item-size rules, NOT a timing):');
  console.log(`counter item as a 15-minute bucket fills (overall series; terms from ${fmt(bench.sampleTermsPerInteraction, 1)} per interaction, evaluation-set texts):`);
  console.log('| interactions per bucket | item KB full (ids only) | WCU per UpdateItem (ids only) | distinct terms | item KB full (ids + terms) | WCU per UpdateItem (ids + terms) | WCU per interaction, every series it counts in |');
  console.log('|---:|---:|---:|---:|---:|---:|---:|');
  bench.fills.forEach((row, i) =>
    console.log(
      `| ${fmt(row.perBucket)} | ${fmt(row.bytesIdsOnly / 1024, 2)} | ${fmt(row.wcuIdsOnly, 2)} | ${fmt(row.distinctTerms)} | ${fmt(row.bytesWithTerms / 1024, 2)} | ${fmt(row.wcuWithTerms, 2)} | ${fmt(bench.perInteraction[i]!.wcu, 2)} |`,
    ),
  );
  console.log('\nreads per detect-spikes run (every series in every bucket: an upper bound on items):');
  console.log('| interactions per bucket | day | Query calls | GetItem | items read | read units | read units a month (288 runs a day) | USD a month |');
  console.log('|---:|---|---:|---:|---:|---:|---:|---:|');
  bench.reads.forEach((row, i) => {
    const month = bench.monthly[Math.floor(i / 2)]!;
    console.log(
      `| ${fmt(row.perBucket)} | ${row.day} | ${row.queries} | ${row.gets} | ${fmt(row.itemsRead)} | ${fmt(row.readUnits, 1)} | ${i % 2 === 0 ? fmt(month.readUnits) : ''} | ${i % 2 === 0 ? `$${fmt(month.usd, 2)}` : ''} |`,
    );
  });
}
