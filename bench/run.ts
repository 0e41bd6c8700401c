/**
 * `npm run bench`: per-message CPU cost of the pure hot paths, each as a ratio against the least
 * work any implementation must do for the same input. Results go in docs/BENCHMARKS.md.
 */
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Interaction } from '../events';
import { assess } from '../functions/core/matrix/assess';
import { parseMatrix } from '../functions/core/matrix/load';
import { redactPii } from '../functions/core/pii/redact';
import { normaliseFacebook } from '../functions/core/webhooks/facebook';
import { verifyMetaSignature } from '../functions/core/webhooks/meta';
import { PATHS, REPO_ROOT } from '../local/paths';
import { eventRules } from '../infra/wiring';
import { compileRules } from '../local/event-bus';
import { flattenEvent, pathFilter } from '../local/event-pattern';
import { benchDigest } from './digest';
import { benchSpikes, reportSpikes } from './spikes';
import { measure, report, type Case } from './harness';
import { benchColdStart, reportColdStart } from './cold-start';
import { benchCost, reportCost } from './cost';
import { benchIntakeHttp, reportIntakeHttp } from './intake-http';
import { evaluationTexts } from '../local/reliability/support';

// BENCH_ONLY=intake|matrix|routing|spikes|digest|intake-http|cold-start|cost runs one case (or a comma-separated few).
const only = process.env.BENCH_ONLY?.split(',').map((name) => name.trim());
const wanted = (name: string) => !only || only.includes(name);

const SECRET = 'bench-app-secret';
const NOW = '2026-11-26T14:00:00.000Z';
const body = readFileSync(join(PATHS.webhookCorpus, 'facebook-feed-visitor-post-add.json'));
const signature = `sha256=${createHmac('sha256', SECRET).update(body).digest('hex')}`;
const matrix = parseMatrix(readFileSync(PATHS.responseMatrix, 'utf8'));

const texts = [
  'We waited 6 hours in A&E and nobody told us anything. Really disappointed with the care my dad got.',
  'Thank you so much to the maternity team at the General, you were amazing with us last week!',
  'What are the visiting hours on ward 7? Can I bring flowers?',
  "I can't go on any more, nobody would notice if I was gone.",
  'My NHS number is 943 476 5919, please can someone call me on 07700 900123 about my appointment letter.',
];
const interaction = (text: string): Interaction => ({
  ...normaliseFacebook(JSON.parse(body.toString('utf8')), NOW).interactions[0]!,
  text,
});
const interactions = texts.map(interaction);
let next = 0;
const nextInteraction = () => interactions[next++ % interactions.length]!;

const cases: Case[] = [
  {
    name: 'intake: verify + parse + normalise one Facebook delivery',
    baseline: {
      name: 'HMAC-SHA256 + JSON.parse (the floor)',
      run: () => [createHmac('sha256', SECRET).update(body).digest(), JSON.parse(body.toString('utf8'))],
    },
    candidate: {
      name: 'verifyMetaSignature + normaliseFacebook',
      run: () => {
        verifyMetaSignature(body, signature, SECRET);
        return normaliseFacebook(JSON.parse(body.toString('utf8')), NOW);
      },
    },
  },
  {
    name: 'matrix: assess one interaction (5 realistic texts in turn)',
    baseline: {
      name: 'redactPii alone (one pass of the PII detectors)',
      run: () => redactPii(nextInteraction().text),
    },
    candidate: {
      name: 'assess (all rules, precedence, SLA clock, redaction)',
      run: () => assess(nextInteraction(), matrix, NOW),
    },
  },
];

// The local bus: every deployed rule's pattern over the sample envelopes (events/samples), as JSON text.
const rules = compileRules(eventRules());
const rulePaths = pathFilter(rules.flatMap(({ pattern }) => pattern.paths));
const samplesDir = join(REPO_ROOT, 'events/samples');
const envelopes = readdirSync(samplesDir)
  .filter((file) => file.endsWith('.json'))
  .map((file) => readFileSync(join(samplesDir, file), 'utf8'));
let nextEnvelope = 0;
const envelopeText = () => envelopes[nextEnvelope++ % envelopes.length]!;
cases.push({
  name: `bus routing: one sample event against the ${rules.length} deployed rules`,
  baseline: { name: 'JSON.parse of the event (the floor)', run: () => JSON.parse(envelopeText()) },
  candidate: {
    name: 'JSON.parse + flatten (rule paths only) + every rule pattern, as the local bus routes',
    run: () => {
      const flat = flattenEvent(JSON.parse(envelopeText()), rulePaths);
      return rules.filter(({ pattern }) => pattern.matchesFlat(flat)).length;
    },
  },
});

// Matrix throughput on the labelled evaluation set's realistic texts, against one regex pass over each.
const evalTexts = evaluationTexts();
const evalInteractions = evalTexts.map(interaction);
const oneRegex = /\b(complain|complaint|disappointed|rude|waited|thank|help|nhs number|hurt|scared)\b/i;
let nextEval = 0;
cases.push({
  name: `matrix: classify the ${evalTexts.length} evaluation-set texts in turn`,
  baseline: { name: 'one case-insensitive regex pass over the text', run: () => oneRegex.test(evalTexts[nextEval++ % evalTexts.length]!) },
  candidate: { name: 'assess (all rules, precedence, SLA clock, redaction)', run: () => assess(evalInteractions[nextEval++ % evalInteractions.length]!, matrix, NOW) },
});

const caseKey = (bench: Case) => bench.name.split(':')[0]!.replace('bus routing', 'routing');
// The evaluation-set case is ~0.7 ms per candidate op: fewer, smaller rounds keep `npm run bench` short.
const results = cases
  .filter((bench) => wanted(caseKey(bench)))
  .map((bench) => (bench.name.startsWith('matrix: classify') ? measure(bench, { rounds: 9, opsPerRound: 400 }) : measure(bench)));
if (results.length > 0) report(results);
const routing = results.find((r) => r.name.startsWith('bus routing'));
const classify = results.find((r) => r.name.startsWith('matrix: classify'));
if (classify) {
  console.log(
    `\nmatrix: ${Math.round(1e9 / classify.candidateNsPerOp).toLocaleString('en-GB')} classifications per second on realistic text ` +
      `(one regex pass: ${Math.round(1e9 / classify.baselineNsPerOp).toLocaleString('en-GB')} per second)`,
  );
}
if (routing) console.log(
  `\nbus routing: ${Math.round((1e9 / routing.candidateNsPerOp) * rules.length).toLocaleString('en-GB')} pattern matches per second ` +
    `(${rules.length} rules x ${Math.round(1e9 / routing.candidateNsPerOp).toLocaleString('en-GB')} events/s, parse included; ` +
    `JSON.parse alone: ${Math.round(1e9 / routing.baselineNsPerOp).toLocaleString('en-GB')} events/s)`,
);

// The weekly digest: one whole run per round (seconds, not microseconds), so its own table.
async function digestCase(): Promise<void> {
  const digest = await benchDigest();
  process.stdout.write('\n');
  report(digest.results);
  console.log(
    `\ndigest: log items read per run: floor ${digest.itemsRead.floor.toLocaleString('en-GB')}, ` +
      `scheduled run ${digest.itemsRead.warm.toLocaleString('en-GB')}, first run ${digest.itemsRead.cold.toLocaleString('en-GB')} ` +
      `(of ${digest.itemsInLog.toLocaleString('en-GB')} in the log: never a scan); raw MIME message ${(digest.mimeBytes / 1024).toFixed(0)} KB`,
  );
}

// The whole-system cases, one after another (each starts and stops its own local system).
void (async () => {
  // Spike detection (issue 8): its pure steps timed, and its DynamoDB reads and writes as arithmetic.
  if (wanted('spikes')) reportSpikes(benchSpikes(), report);
  if (wanted('digest')) await digestCase();
  // A local system per process: the handlers' modules (and their SDK clients) are cached once loaded.
  const own = (name: string) => only?.length === 1 && only[0] === name;
  const child = (name: string) => {
    const run = spawnSync(process.execPath, [...process.execArgv, __filename], { stdio: 'inherit', env: { ...process.env, BENCH_ONLY: name } });
    if (run.status !== 0) throw new Error(`BENCH_ONLY=${name} failed (exit ${run.status})`);
  };
  if (wanted('intake-http')) {
    if (own('intake-http')) reportIntakeHttp(await benchIntakeHttp());
    else child('intake-http');
  }
  if (wanted('cold-start')) reportColdStart(await benchColdStart());
  if (wanted('cost')) {
    if (own('cost')) reportCost(await benchCost());
    else child('cost');
  }
})().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

