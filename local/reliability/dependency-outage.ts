/**
 * `npm run reliability:outage [-- --outage-seconds 30 --rate 20 --before-seconds 3 --after-seconds 3]`:
 * signed deliveries stream in at `rate` a second while the local DynamoDB (dynalite, table on disk) is
 * stopped for `outage-seconds` and restarted. Intake must answer every delivery (it does not need the
 * table); what could not be logged retries, then dead-letters; after recovery a redrive (the route
 * `npm run redrive` uses) must leave every delivery in the table exactly once: count in = count stored.
 */
import type { RedriveResult } from '../async-delivery';
import { countBy, deliveryBatch, ms, numberArgs, percentile, pool, publishedIds, readLog, Report, runScript, send, startHarness, trailProblems, type Sent } from './support';

export interface DependencyOutageOptions {
  'outage-seconds': number;
  /** Deliveries per second, steady, for the whole run. */
  rate: number;
  'before-seconds': number;
  'after-seconds': number;
}

export const DEPENDENCY_OUTAGE_DEFAULTS: DependencyOutageOptions = { 'outage-seconds': 30, rate: 20, 'before-seconds': 3, 'after-seconds': 3 };

type Phase = 'before' | 'outage' | 'after';

export async function dependencyOutage(options: DependencyOutageOptions, report: Report): Promise<void> {
  const harness = await startHarness({ tableInMemory: false });
  const { system } = harness;
  const before = options['before-seconds'] * 1000;
  const outage = options['outage-seconds'] * 1000;
  const total = before + outage + options['after-seconds'] * 1000;
  try {
    const batch = deliveryBatch(Math.max(1, Math.round((total / 1000) * options.rate)), '32');
    report.section(`dependency outage: ${batch.length} deliveries at ${options.rate}/s, DynamoDB down from ${before / 1000} s for ${outage / 1000} s`);
    const started = performance.now();
    let phase: Phase = 'before';
    const outageDone = (async () => {
      await sleepUntil(started + before);
      await system.dynamodb.stop();
      phase = 'outage';
      await sleepUntil(started + before + outage);
      await system.dynamodb.restart();
      phase = 'after';
    })();
    const answers = await pool(batch, 64, async (delivery, index) => {
      await sleepUntil(started + (index * 1000) / options.rate);
      const sentIn = phase;
      return { ...(await send(harness, delivery)), phase: sentIn };
    });
    await outageDone;
    await system.bus.idle();
    const deadLettered = system.bus.deadLetters();

    const redriveStarted = performance.now();
    const redrive = await fetch(`${system.urls.api}/_local/redrive`, { method: 'POST' });
    const redriven = ((await redrive.json()) as { redriven?: RedriveResult[] }).redriven ?? [];
    await system.bus.idle();
    const recoverSeconds = (performance.now() - redriveStarted) / 1000;

    const ids = publishedIds(system);
    const log = await readLog(harness);
    const problems = trailProblems(log, ids);
    const byPhase = (wanted: Phase) => answers.filter((answer) => answer.phase === wanted);
    const latency = (sent: Sent[]) => `${ms(percentile(sent.map((s) => s.ms), 50))} / ${ms(percentile(sent.map((s) => s.ms), 99))}`;

    report.figure('deliveries sent before / during / after the outage', `${byPhase('before').length} / ${byPhase('outage').length} / ${byPhase('after').length}`);
    report.figure('HTTP answers', JSON.stringify(countBy(answers, (answer) => String(answer.status))));
    for (const wanted of ['before', 'outage', 'after'] as const) report.figure(`intake latency p50 / p99 ${wanted === 'outage' ? 'during' : wanted} the outage`, latency(byPhase(wanted)));
    report.figure('dead-lettered by function', JSON.stringify(countBy(deadLettered, (letter) => letter.functionName)));
    const sum = (key: 'redriven' | 'delivered' | 'failedAgain') => redriven.reduce((total, result) => total + result[key], 0);
    report.figure('redrive: letters / handled / failed again', `${sum('redriven')} / ${sum('delivered')} / ${sum('failedAgain')}`);
    report.figure('redrive until every event was handled', `${recoverSeconds.toFixed(1)} s`);
    report.figure('count in (distinct interactions published)', ids.size);
    report.figure('count stored (interaction items)', log.interactions.size);

    const refused = answers.filter((answer) => answer.status !== 200);
    report.check('intake answered every delivery 200, outage included', refused.length === 0, `${answers.length - refused.length} of ${answers.length}`);
    report.check('the outage was real (log writes dead-lettered)', deadLettered.length > 0, `${deadLettered.length} dead letters while DynamoDB was down`);
    report.check('redrive answered', redrive.ok && redriven.length > 0, `HTTP ${redrive.status}`);
    report.check('count in = deliveries', ids.size === batch.length, `${ids.size} published for ${batch.length} deliveries`);
    report.check('count stored = count in', log.interactions.size === ids.size && [...ids].every((id) => log.interactions.has(id)), `${log.interactions.size} stored, ${ids.size} in`);
    report.check('none twice: one audit trail each', problems.length === 0, problems.length === 0 ? `${ids.size} of ${ids.size}` : problems.slice(0, 3).join('; '));
    report.check('no dead letters left', system.bus.deadLetters().length === 0, `${system.bus.deadLetters().length} left`);
  } finally {
    await harness.stop();
  }
}

function sleepUntil(at: number): Promise<void> {
  const wait = at - performance.now();
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : Promise.resolve();
}

if (require.main === module) {
  runScript(async () => {
    const report = new Report();
    await dependencyOutage(numberArgs(process.argv.slice(2), { ...DEPENDENCY_OUTAGE_DEFAULTS }), report);
    return report.finish();
  });
}
