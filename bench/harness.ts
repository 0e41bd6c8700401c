/**
 * A tiny side-by-side benchmark harness: the baseline and the candidate run in alternating rounds
 * in the same process, so machine speed and noise hit both alike; the result is their ratio.
 */
export interface Case {
  name: string;
  baseline: { name: string; run: () => unknown };
  candidate: { name: string; run: () => unknown };
}

export interface Result {
  name: string;
  baseline: string;
  candidate: string;
  baselineNsPerOp: number;
  candidateNsPerOp: number;
  ratio: number;
}

let sink: unknown;

function timeRound(run: () => unknown, ops: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) sink = run();
  return Number(process.hrtime.bigint() - start) / ops;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function measure(bench: Case, { rounds = 15, opsPerRound = 2_000 } = {}): Result {
  // Warm up both, so the JIT has compiled each before anything is timed.
  timeRound(bench.baseline.run, opsPerRound);
  timeRound(bench.candidate.run, opsPerRound);
  const base: number[] = [];
  const cand: number[] = [];
  for (let round = 0; round < rounds; round++) {
    base.push(timeRound(bench.baseline.run, opsPerRound));
    cand.push(timeRound(bench.candidate.run, opsPerRound));
  }
  if (sink === Symbol.for('never')) console.log(sink);
  return toResult(bench, base, cand);
}

function toResult(bench: { name: string; baseline: { name: string }; candidate: { name: string } }, base: number[], cand: number[]): Result {
  const baselineNsPerOp = median(base);
  const candidateNsPerOp = median(cand);
  return {
    name: bench.name,
    baseline: bench.baseline.name,
    candidate: bench.candidate.name,
    baselineNsPerOp,
    candidateNsPerOp,
    ratio: candidateNsPerOp / baselineNsPerOp,
  };
}

export function report(results: Result[]): void {
  console.log('| benchmark | baseline | candidate | baseline µs/op | candidate µs/op | ratio |');
  console.log('|---|---|---|---:|---:|---:|');
  for (const r of results) {
    console.log(
      `| ${r.name} | ${r.baseline} | ${r.candidate} | ${(r.baselineNsPerOp / 1000).toFixed(2)} | ${(r.candidateNsPerOp / 1000).toFixed(2)} | ${r.ratio.toFixed(2)} |`,
    );
  }
}

/** The same side-by-side measurement for async work (a whole digest run): alternating rounds, medians. */
export interface AsyncCase {
  name: string;
  baseline: { name: string; run: () => Promise<unknown> };
  candidate: { name: string; run: () => Promise<unknown> };
}

async function timeRoundAsync(run: () => Promise<unknown>, ops: number): Promise<number> {
  const start = process.hrtime.bigint();
  for (let i = 0; i < ops; i++) sink = await run();
  return Number(process.hrtime.bigint() - start) / ops;
}

export async function measureAsync(bench: AsyncCase, { rounds = 3, opsPerRound = 1 } = {}): Promise<Result> {
  await timeRoundAsync(bench.baseline.run, opsPerRound);
  await timeRoundAsync(bench.candidate.run, opsPerRound);
  const base: number[] = [];
  const cand: number[] = [];
  for (let round = 0; round < rounds; round++) {
    base.push(await timeRoundAsync(bench.baseline.run, opsPerRound));
    cand.push(await timeRoundAsync(bench.candidate.run, opsPerRound));
  }
  return toResult(bench, base, cand);
}
