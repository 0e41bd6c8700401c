/**
 * Cost: one local run of a realistic mix (the reliability batch: Facebook visitor posts and comments,
 * Messenger, Instagram and X, with the evaluation set's texts), counting what AWS bills per use, then
 * priced per million interactions at eu-west-2 list prices. Counts come from the run (bench/counting.ts);
 * prices are constants below.
 */
import { FUNCTIONS } from '../infra/wiring';
import { listEmails } from '../local/ses';
import { listPublished } from '../local/sns';
import { deliveryBatch, pool, send, startHarness } from '../local/reliability/support';
import { countClients, countingHandlers, emptyCounts, type Counts } from './counting';

/**
 * eu-west-2 (London) list prices in USD as published on the AWS pricing pages (as known on 2026-11-26,
 * not fetched by this script); check before relying. Free tiers ignored.
 */
export const PRICES = {
  lambdaPerMillionRequests: 0.2,
  lambdaArmPerGbSecond: 0.0000133334,
  eventBridgePerMillionEntries: 1.0, // custom events, per 64 KB chunk
  dynamoPerMillionWriteUnits: 0.7425, // on-demand, Standard table class
  dynamoPerMillionReadUnits: 0.1485,
  httpApiPerMillionRequests: 1.04, // first 300 million a month, per 512 KB
  sesPerThousandEmails: 0.1,
  snsPerMillionPublishes: 0.5,
  s3PerThousandPuts: 0.0053, // raw-delivery archive, S3 Standard PUT
} as const;

const DELIVERIES = Number(process.env.BENCH_COST_DELIVERIES ?? 200);
// Low, so measured durations are mostly the handlers' own work, not queueing on the local stand-ins.
const CONCURRENCY = 2;

export interface CostResult {
  deliveries: number;
  interactions: number;
  counts: Counts;
  emails: number;
  pages: number;
  rows: Array<{ item: string; perInteraction: number; unit: string; usdPerMillion: number }>;
}

export async function benchCost(): Promise<CostResult> {
  const counts = emptyCounts();
  countClients(counts);
  const { handlers, warm } = countingHandlers(FUNCTIONS.map((fn) => fn.name), counts);
  const harness = await startHarness({ handlers });
  try {
    await warm();
    const batch = deliveryBatch(DELIVERIES, 'cost');
    const sent = await pool(batch, CONCURRENCY, (delivery) => send(harness, delivery));
    const bad = sent.filter((s) => s.status !== 200);
    if (bad.length > 0) throw new Error(`cost run: ${bad.length} deliveries not answered 200 (first: ${bad[0]!.status} ${bad[0]!.body})`);
    await harness.system.bus.idle();
    const interactions = harness.system.bus.archived().filter((e) => e['detail-type'] === 'InteractionReceived').length;
    const emails = (await listEmails(harness.system.urls.ses)).length;
    const pages = (await listPublished(harness.system.urls.sns)).length;

    const per = (n: number) => n / interactions;
    const memoryOf = (name: string) => FUNCTIONS.find((fn) => fn.name === name)!.memoryMb;
    const rows: CostResult['rows'] = [];
    for (const [name, durations] of Object.entries(counts.invocations)) {
      // Lambda bills each invocation's duration rounded up to the millisecond, at the configured memory.
      const gbSeconds = durations.reduce((sum, ms) => sum + Math.ceil(ms) / 1000, 0) * (memoryOf(name) / 1024);
      rows.push({ item: `Lambda ${name}: requests`, perInteraction: per(durations.length), unit: 'invocations', usdPerMillion: per(durations.length) * PRICES.lambdaPerMillionRequests });
      rows.push({ item: `Lambda ${name}: duration (${memoryOf(name)} MB, arm64)`, perInteraction: per(gbSeconds), unit: 'GB-s', usdPerMillion: per(gbSeconds) * 1e6 * PRICES.lambdaArmPerGbSecond });
    }
    const apiRequests = sent.length;
    rows.push({ item: 'API Gateway HTTP API requests', perInteraction: per(apiRequests), unit: 'requests', usdPerMillion: per(apiRequests) * PRICES.httpApiPerMillionRequests });
    rows.push({ item: 'EventBridge custom events', perInteraction: per(counts.eventChunks), unit: '64 KB chunks', usdPerMillion: per(counts.eventChunks) * PRICES.eventBridgePerMillionEntries });
    rows.push({ item: 'DynamoDB on-demand writes (table)', perInteraction: per(counts.writeUnits), unit: 'WRU', usdPerMillion: per(counts.writeUnits) * PRICES.dynamoPerMillionWriteUnits });
    rows.push({ item: 'DynamoDB on-demand reads', perInteraction: per(counts.readUnits), unit: 'RRU', usdPerMillion: per(counts.readUnits) * PRICES.dynamoPerMillionReadUnits });
    const puts = counts.requests['S3.PutObject'] ?? 0;
    rows.push({ item: 'S3 PUT (raw-delivery archive)', perInteraction: per(puts), unit: 'PUTs', usdPerMillion: per(puts) * 1000 * PRICES.s3PerThousandPuts });
    rows.push({ item: 'SES email (owner-team notifications)', perInteraction: per(emails), unit: 'emails', usdPerMillion: per(emails) * 1000 * PRICES.sesPerThousandEmails });
    rows.push({ item: 'SNS publish (P0 pages)', perInteraction: per(pages), unit: 'publishes', usdPerMillion: per(pages) * PRICES.snsPerMillionPublishes });
    return { deliveries: DELIVERIES, interactions, counts, emails, pages, rows };
  } finally {
    await harness.stop();
  }
}

export function reportCost(result: CostResult): void {
  const { counts } = result;
  const invocations = Object.entries(counts.invocations)
    .map(([name, d]) => `${name} ${d.length} (median ${[...d].sort((a, b) => a - b)[Math.floor(d.length / 2)]!.toFixed(1)} ms)`)
    .join(', ');
  console.log(`\ncost: one local run of ${result.deliveries} signed deliveries (5 kinds, ${CONCURRENCY} concurrent), ${result.interactions} interactions published`);
  console.log(`  Lambda invocations: ${invocations}`);
  console.log(
    `  EventBridge PutEvents: ${counts.requests['EventBridge.PutEvents'] ?? 0} requests, ${counts.eventEntries} entries (${counts.eventChunks} chunks of 64 KB); ` +
      `DynamoDB: ${counts.writeUnits} write units (${counts.failedConditionalWrites} failed conditional writes at 1 each), ${counts.readUnits} read units; ` +
      `SES emails ${result.emails}; SNS pages ${result.pages}`,
  );
  console.log(`  SDK requests: ${Object.entries(counts.requests).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log('\n| item | per interaction | unit | USD per million interactions |');
  console.log('|---|---:|---|---:|');
  for (const row of result.rows) console.log(`| ${row.item} | ${row.perInteraction.toFixed(row.perInteraction < 1 ? 4 : 2)} | ${row.unit} | ${row.usdPerMillion.toFixed(2)} |`);
  const total = result.rows.reduce((sum, row) => sum + row.usdPerMillion, 0);
  console.log(`| **total** | | | **${total.toFixed(2)}** |`);
  console.log(
    `\nprices: eu-west-2 list prices as published (Lambda arm64 $${PRICES.lambdaArmPerGbSecond}/GB-s + $${PRICES.lambdaPerMillionRequests}/M requests, ` +
      `EventBridge $${PRICES.eventBridgePerMillionEntries}/M 64 KB entries, DynamoDB on-demand $${PRICES.dynamoPerMillionWriteUnits}/M WRU, $${PRICES.dynamoPerMillionReadUnits}/M RRU, ` +
      `HTTP API $${PRICES.httpApiPerMillionRequests}/M, SES $${PRICES.sesPerThousandEmails}/1,000, SNS $${PRICES.snsPerMillionPublishes}/M, S3 PUT $${PRICES.s3PerThousandPuts}/1,000), ` +
      'read 2026-11-26; check before relying. Not included: GSI write units, KMS requests, CloudWatch Logs ingestion, free tiers, scheduled functions (a fixed cost, not per interaction).',
  );
}
