/**
 * Intake through the local HTTP path: signed Facebook deliveries (visitor posts and comments, the
 * evaluation set's texts) POSTed to startLocal()'s HTTP API on 127.0.0.1 by 8 concurrent senders, the
 * whole path of a deployed webhook (HTTP API → ingest-webhook: secret, signature, normalise, raw
 * archive to S3, PutEvents on the bus). Only intake's answers are measured: the event targets behind
 * the bus are replaced by no-ops, so the fan-out after the 200 takes no CPU from intake, and the bus is
 * idle between rounds. Side by side, in alternating rounds, the bare work over the same bodies
 * (HMAC-SHA256 over the raw body + JSON.parse), single-threaded.
 */
import { createHmac } from 'node:crypto';
import { FUNCTIONS } from '../infra/wiring';
import { deliveryBatch, percentile, pool, send, startHarness } from '../local/reliability/support';

const PER_ROUND = Number(process.env.BENCH_INTAKE_DELIVERIES ?? 200);
const ROUNDS = 5;
const CONCURRENCY = 8;

export interface IntakeHttpResult {
  perRound: number;
  rounds: number;
  concurrency: number;
  baselineOpsPerSecond: number;
  deliveriesPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  baselineUsPerOp: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export async function benchIntakeHttp(): Promise<IntakeHttpResult> {
  const noop = async () => undefined;
  const targets = FUNCTIONS.filter((fn) => fn.trigger.kind === 'events').map((fn) => fn.name);
  const harness = await startHarness({ handlers: Object.fromEntries(targets.map((name) => [name, noop])) });
  try {
    const facebook = (tag: string) => deliveryBatch(PER_ROUND * 3, tag).filter((d) => d.path === 'facebook').slice(0, PER_ROUND);
    const secret = String(harness.secretOf('facebook').appSecret);
    let sink: unknown;
    const baselineRound = (bodies: Buffer[]) => {
      const started = performance.now();
      for (let repeat = 0; repeat < 5; repeat++) {
        for (const body of bodies) sink = [createHmac('sha256', secret).update(body).digest(), JSON.parse(body.toString('utf8'))];
      }
      return (performance.now() - started) / (bodies.length * 5);
    };
    const httpRound = async (tag: string) => {
      const batch = facebook(tag);
      const started = performance.now();
      const sent = await pool(batch, CONCURRENCY, (delivery) => send(harness, delivery));
      const elapsed = performance.now() - started;
      const bad = sent.filter((s) => s.status !== 200);
      if (bad.length > 0) throw new Error(`intake: ${bad.length} deliveries not answered 200 (first: ${bad[0]!.status} ${bad[0]!.body})`);
      await harness.system.bus.idle();
      return { msPerDelivery: elapsed / batch.length, latencies: sent.map((s) => s.ms) };
    };
    // Warm-up: both, the HTTP path cold-starts ingest-webhook and reads the secret.
    baselineRound(facebook('w').map((d) => d.body));
    await httpRound('warm');
    const base: number[] = [];
    const cand: number[] = [];
    const latencies: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      base.push(baselineRound(facebook(`b${round}`).map((d) => d.body)));
      const result = await httpRound(`r${round}`);
      cand.push(result.msPerDelivery);
      latencies.push(...result.latencies);
    }
    if (sink === Symbol.for('never')) console.log(sink);
    const baselineMs = median(base);
    return {
      perRound: PER_ROUND,
      rounds: ROUNDS,
      concurrency: CONCURRENCY,
      baselineOpsPerSecond: 1000 / baselineMs,
      baselineUsPerOp: baselineMs * 1000,
      deliveriesPerSecond: 1000 / median(cand),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
    };
  } finally {
    await harness.stop();
  }
}

export function reportIntakeHttp(r: IntakeHttpResult): void {
  const n = (value: number) => Math.round(value).toLocaleString('en-GB');
  console.log(
    `\nintake over local HTTP: ${r.rounds} rounds of ${r.perRound} signed Facebook deliveries, ${r.concurrency} concurrent, 127.0.0.1; ` +
      'intake answers only (event targets are no-ops, bus idle between rounds)\n',
  );
  console.log('| benchmark | baseline | candidate | baseline per s | candidate per s | ratio | p50 ms | p99 ms |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|');
  console.log(
    `| intake: signed delivery through the local HTTP API | HMAC-SHA256 + JSON.parse, one thread (${r.baselineUsPerOp.toFixed(1)} µs/op) | POST → 200 (ingest-webhook, S3 archive, PutEvents) | ` +
      `${n(r.baselineOpsPerSecond)} | ${n(r.deliveriesPerSecond)} | ${(r.baselineOpsPerSecond / r.deliveriesPerSecond).toFixed(0)} | ${r.p50Ms.toFixed(2)} | ${r.p99Ms.toFixed(2)} |`,
  );
}
