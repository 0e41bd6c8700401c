/**
 * `npm run reliability:duplicates [-- --deliveries 250 --copies 5 --concurrency 5]`: a realistic batch
 * of signed deliveries (five platforms, the evaluation set's texts), every one sent `copies` times at
 * once, as platforms do when they retry. Each delivery must end as exactly one interaction with one
 * audit trail (one `received`, one `assessed` audit item), and nothing may be left dead-lettered.
 */
import { listPublished } from '../sns';
import { listEmails } from '../ses';
import { countBy, deliveryBatch, ms, numberArgs, percentile, pool, publishedIds, readLog, Report, runScript, send, startHarness, trailProblems } from './support';

export interface DuplicateStormOptions {
  deliveries: number;
  copies: number;
  /** Deliveries in flight at once (each with all its copies). */
  concurrency: number;
}

export const DUPLICATE_STORM_DEFAULTS: DuplicateStormOptions = { deliveries: 250, copies: 5, concurrency: 5 };

export async function duplicateStorm(options: DuplicateStormOptions, report: Report): Promise<void> {
  const harness = await startHarness();
  const { system } = harness;
  try {
    const batch = deliveryBatch(options.deliveries, '31');
    report.section(`duplicate storm: ${batch.length} deliveries x ${options.copies} copies, ${options.concurrency * options.copies} requests in flight`);
    const started = performance.now();
    const answers = (
      await pool(batch, options.concurrency, (delivery) => Promise.all(Array.from({ length: options.copies }, () => send(harness, delivery))))
    ).flat();
    const sendSeconds = (performance.now() - started) / 1000;
    await system.bus.idle();
    const settleSeconds = (performance.now() - started) / 1000;
    // One process runs every function here, so a big storm can time out log writes (Lambda would
    // scale out instead): what dead-letters is redriven, as ops would, and must then be whole.
    const deadLettered = system.bus.deadLetters();
    if (deadLettered.length > 0) {
      await fetch(`${system.urls.api}/_local/redrive`, { method: 'POST' });
      await system.bus.idle();
    }

    const received = system.bus.archived().filter((event) => event['detail-type'] === 'InteractionReceived').length;
    const ids = publishedIds(system);
    const log = await readLog(harness);
    const problems = trailProblems(log, ids);
    const escalated = new Set(
      system.bus
        .archived()
        .filter((event) => event['detail-type'] === 'EscalationRaised')
        .map((event) => String((event.detail as { data: { interactionId: string } }).data.interactionId)),
    );
    const emails = await listEmails(system.urls.ses);
    const pages = await listPublished(system.urls.sns);
    const latencies = answers.map((answer) => answer.ms);

    report.figure('requests sent', answers.length);
    report.figure('HTTP answers', JSON.stringify(countBy(answers, (answer) => String(answer.status))));
    report.figure('intake throughput (requests/s)', (answers.length / sendSeconds).toFixed(0));
    report.figure('intake latency p50 / p99', `${ms(percentile(latencies, 50))} / ${ms(percentile(latencies, 99))}`);
    report.figure('until every event was handled', `${settleSeconds.toFixed(1)} s`);
    report.figure('InteractionReceived events published', `${received} (${(received / batch.length).toFixed(2)} per delivery)`);
    report.figure('distinct interactions published', ids.size);
    report.figure('interaction items in the table', log.interactions.size);
    report.figure('audit items in the table', [...log.audits.values()].reduce((total, kinds) => total + kinds.length, 0));
    report.figure('dead-lettered under load, then redriven', JSON.stringify(countBy(deadLettered, (letter) => `${letter.functionName}: ${letter.error.name}`)));
    report.figure('escalated interactions / owner emails / pages', `${escalated.size} / ${emails.length} / ${pages.length}`);

    const non200 = answers.filter((answer) => answer.status !== 200).length;
    report.check('every copy answered 200', non200 === 0, `${answers.length - non200} of ${answers.length}`);
    report.check('one interaction published per delivery', ids.size === batch.length, `${ids.size} distinct ids for ${batch.length} deliveries`);
    report.check('exactly one interaction item per delivery', log.interactions.size === batch.length, `${log.interactions.size} items for ${batch.length} deliveries`);
    report.check('one audit trail each (received + assessed)', problems.length === 0, problems.length === 0 ? `${ids.size} of ${ids.size}` : problems.slice(0, 3).join('; '));
    report.check('no dead letter left (after a redrive, if any)', system.bus.deadLetters().length === 0, `${deadLettered.length} dead-lettered, ${system.bus.deadLetters().length} left`);
  } finally {
    await harness.stop();
  }
}

if (require.main === module) {
  runScript(async () => {
    const report = new Report();
    await duplicateStorm(numberArgs(process.argv.slice(2), { ...DUPLICATE_STORM_DEFAULTS }), report);
    return report.finish();
  });
}
