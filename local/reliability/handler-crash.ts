/**
 * `npm run reliability:crash [-- --deliveries 60]`: the real handlers of apply-response-matrix and
 * log-interaction, wrapped so they can be made to throw. For each in turn:
 * 1. flaky: every event's first attempt throws; the retries must absorb it (nothing dead-letters);
 * 2. down: every attempt throws while a batch arrives; every event dead-letters after its retries,
 *    intake still answers 200;
 * 3. fixed: a healthy batch flows again, then a redrive (the route `npm run redrive` uses) hands the
 *    dead letters back. Every delivery of every batch must then be logged once, with one audit trail.
 */
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { functionByName } from '../../infra/wiring';
import type { RedriveResult } from '../async-delivery';
import type { LambdaHandler } from '../lambda';
import { PATHS } from '../paths';
import { deliveryBatch, numberArgs, pool, publishedIds, readLog, Report, runScript, send, startHarness, trailProblems, type Harness } from './support';

export interface HandlerCrashOptions {
  /** Deliveries per batch (three batches per target). */
  deliveries: number;
}

export const HANDLER_CRASH_DEFAULTS: HandlerCrashOptions = { deliveries: 60 };

export const CRASH_TARGETS = ['apply-response-matrix', 'log-interaction'] as const;
type Target = (typeof CRASH_TARGETS)[number];

export class SimulatedCrash extends Error {
  override name = 'SimulatedCrash';
}

type Mode = 'healthy' | 'flaky' | 'down';

/** The deployed handler behind a switch: healthy, flaky (first attempt of each event throws) or down. */
function switchable(name: Target, mode: () => Mode): LambdaHandler {
  let real: Promise<LambdaHandler> | undefined;
  const seen = new Set<string>();
  return async (event: unknown, context: Context) => {
    const current = mode();
    const id = String((event as { id?: unknown }).id);
    if (current === 'down') throw new SimulatedCrash(`${name} is down`);
    if (current === 'flaky' && !seen.has(id)) {
      seen.add(id);
      throw new SimulatedCrash(`${name} failed on the first attempt`);
    }
    real ??= import(join(PATHS.handlersDir, `${name}.ts`)).then((module: { handler: LambdaHandler }) => module.handler);
    return (await real)(event, context);
  };
}

export async function handlerCrash(options: HandlerCrashOptions, report: Report): Promise<void> {
  const modes: Record<Target, Mode> = { 'apply-response-matrix': 'healthy', 'log-interaction': 'healthy' };
  const harness = await startHarness({
    handlers: Object.fromEntries(CRASH_TARGETS.map((name) => [name, switchable(name, () => modes[name])])),
  });
  try {
    let tag = 40;
    for (const target of CRASH_TARGETS) {
      const retries = functionByName(target).retryAttempts;
      report.section(`handler crash: ${target} (${retries} retries, then its dead letters)`);
      const batch = () => deliveryBatch(options.deliveries, String(tag++));
      const from = harness.system.bus.archived().length;

      modes[target] = 'flaky';
      const flaky = await sendAll(harness, batch());
      const flakyLetters = harness.system.bus.deadLetters().length;

      modes[target] = 'down';
      const down = await sendAll(harness, batch());
      const letters = harness.system.bus.deadLetters(target);
      const attempts = new Set(letters.map((letter) => letter.attempts));

      modes[target] = 'healthy';
      const fixed = await sendAll(harness, batch());
      const redrive = await fetch(`${harness.system.urls.api}/_local/redrive/${target}`, { method: 'POST' });
      const [result] = ((await redrive.json()) as { redriven?: RedriveResult[] }).redriven ?? [];
      await harness.system.bus.idle();

      const ids = publishedIds(harness.system, from);
      const log = await readLog(harness);
      const problems = trailProblems(log, ids);
      // apply-response-matrix gets one event per delivery; log-interaction two (received, assessed).
      const expectedLetters = options.deliveries * (target === 'log-interaction' ? 2 : 1);

      report.figure('flaky: deliveries / answered 200 / dead letters', `${flaky.length} / ${flaky.filter((s) => s === 200).length} / ${flakyLetters}`);
      report.figure('down: deliveries / answered 200 / dead letters', `${down.length} / ${down.filter((s) => s === 200).length} / ${letters.length}`);
      report.figure('attempts per dead letter', [...attempts].join(', '));
      report.figure('fixed: deliveries / answered 200', `${fixed.length} / ${fixed.filter((s) => s === 200).length}`);
      report.figure('redrive: letters / handled / failed again', result ? `${result.redriven} / ${result.delivered} / ${result.failedAgain}` : 'none');
      report.figure('interactions published / stored with a full trail', `${ids.size} / ${[...ids].filter((id) => trailProblems(log, [id]).length === 0).length}`);

      const all200 = [...flaky, ...down, ...fixed].every((status) => status === 200);
      report.check(`${target}: intake answered 200 throughout`, all200, `${flaky.length + down.length + fixed.length} deliveries`);
      report.check(`${target}: a first-attempt failure is absorbed by retries`, flakyLetters === 0, `${flakyLetters} dead letters`);
      report.check(
        `${target}: down, every event dead-letters after its retries`,
        letters.length === expectedLetters && attempts.size === 1 && attempts.has(retries + 1),
        `${letters.length} of ${expectedLetters}, each after ${[...attempts].join('/')} attempts`,
      );
      report.check(`${target}: redrive hands every letter back`, result?.redriven === expectedLetters && result.delivered === expectedLetters, result ? `${result.delivered} of ${result.redriven} handled` : `HTTP ${redrive.status}`);
      report.check(`${target}: nothing lost, nothing twice`, ids.size === options.deliveries * 3 && problems.length === 0, problems.length === 0 ? `${ids.size} of ${options.deliveries * 3} logged once, assessed` : problems.slice(0, 3).join('; '));
      report.check(`${target}: no dead letters left`, harness.system.bus.deadLetters().length === 0, `${harness.system.bus.deadLetters().length} left`);
    }
  } finally {
    await harness.stop();
  }
}

async function sendAll(harness: Harness, batch: ReturnType<typeof deliveryBatch>): Promise<number[]> {
  const answers = await pool(batch, 10, (delivery) => send(harness, delivery));
  await harness.system.bus.idle();
  return answers.map((answer) => answer.status);
}

if (require.main === module) {
  runScript(async () => {
    const report = new Report();
    await handlerCrash(numberArgs(process.argv.slice(2), { ...HANDLER_CRASH_DEFAULTS }), report);
    return report.finish();
  });
}
