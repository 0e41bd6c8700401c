/**
 * Cold start: every function of the wiring manifest bundled with esbuild exactly as the stack bundles
 * it (infra/constructs/service-function.ts: ESM, node24 target, the createRequire banner, `@aws-sdk/*`
 * and `typescript` external, minified, source maps without sources, its files copied beside it), then
 * imported in a fresh `node --enable-source-maps` process with the environment its config needs set to
 * dummies. The figure is the time from `import()` to the module being evaluated (module init), the
 * median of several fresh processes, next to a hello-world bundle built and timed the same way.
 * No network call is made: the handlers build clients and read secrets lazily, on first use.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { loadOrgConfig, retentionPolicy } from '../infra/org-config';
import { CHART_ASSETS } from '../functions/shared/chart-assets';
import { BUNDLED_MATRIX_NAME, HANDLERS_DIR, MATRIX_FILE, REPO_ROOT } from '../infra/constructs/repo-paths';
import { handlerEnvironment } from '../local/env';
import { PATHS } from '../local/paths';
import { ENV, FUNCTIONS, type FunctionSpec } from '../infra/wiring';

const RUNS = Number(process.env.BENCH_COLD_RUNS ?? 7);

export interface ColdStartRow {
  name: string;
  memoryMb: number;
  bytes: number;
  initMs: number;
  sizeRatio: number;
  initRatio: number;
}

/** The NodejsFunction bundling options of ServiceFunction, as esbuild build options. */
async function bundle(entry: string, outdir: string): Promise<number> {
  mkdirSync(outdir, { recursive: true });
  const outfile = join(outdir, 'index.mjs');
  await build({
    entryPoints: [entry],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    outfile,
    mainFields: ['module', 'main'],
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" },
    external: ['@aws-sdk/*', 'typescript'],
    minify: true,
    sourcemap: true,
    sourcesContent: false,
    logLevel: 'warning',
    absWorkingDir: REPO_ROOT,
  });
  return statSync(outfile).size;
}

/** Files the stack's command hooks copy beside the handler. */
function copyAssets(spec: FunctionSpec, outdir: string): void {
  if (spec.needs.matrix) copyFileSync(MATRIX_FILE, join(outdir, BUNDLED_MATRIX_NAME));
  if (spec.needs.charts) for (const asset of CHART_ASSETS) copyFileSync(require.resolve(asset.module), join(outdir, asset.file));
}

const RUNNER = `const start = performance.now();
await import(process.argv[2]);
process.stdout.write(String(performance.now() - start));
`;

function timeInit(runner: string, outdir: string, env: NodeJS.ProcessEnv): number {
  const samples: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const result = spawnSync(process.execPath, ['--enable-source-maps', runner, join(outdir, 'index.mjs')], {
      cwd: outdir,
      env,
      encoding: 'utf8',
      timeout: 60_000,
    });
    const ms = Number(result.stdout);
    if (result.status !== 0 || !Number.isFinite(ms)) throw new Error(`cold start of ${outdir} failed: ${result.stderr || result.stdout}`);
    samples.push(ms);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

export async function benchColdStart(): Promise<{ hello: { bytes: number; initMs: number }; rows: ColdStartRow[]; runs: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'nhs-social-cold-start-'));
  try {
    // The bundles keep `@aws-sdk/*` external, as the Lambda runtime provides it: resolve it from the repo.
    symlinkSync(join(REPO_ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
    const runner = join(dir, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const helloEntry = join(dir, 'hello.ts');
    writeFileSync(helloEntry, "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n");

    const org = loadOrgConfig(PATHS.orgConfig);
    const dummy = 'http://127.0.0.1:9';
    // What the stack sets on a function, with dummies for the resources (nothing is called at init).
    const base = handlerEnvironment({
      org,
      endpoints: { dynamodb: dummy, eventbridge: dummy, ses: dummy, secretsManager: dummy, s3: dummy, sns: dummy },
      pagingTopicArn: 'arn:aws:sns:eu-west-2:000000000000:paging',
      tableName: 'bench-table',
      busName: 'bench-bus',
      matrixPath: BUNDLED_MATRIX_NAME,
      rawDeliveryBucket: 'bench-raw',
      retentionPolicy: retentionPolicy(org),
    });
    const envFor = (outdir: string, spec?: FunctionSpec): NodeJS.ProcessEnv => ({
      PATH: process.env.PATH,
      ...base,
      AWS_LAMBDA_FUNCTION_NAME: spec?.name ?? 'hello',
      AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(spec?.memoryMb ?? 128),
      LAMBDA_TASK_ROOT: outdir,
      POWERTOOLS_SERVICE_NAME: 'nhs-social',
      POWERTOOLS_LOG_LEVEL: 'SILENT',
      [ENV.matrixPath]: BUNDLED_MATRIX_NAME,
    });

    const helloDir = join(dir, 'hello');
    const helloBytes = await bundle(helloEntry, helloDir);
    const built: Array<{ spec: FunctionSpec; outdir: string; bytes: number }> = [];
    for (const spec of FUNCTIONS) {
      const outdir = join(dir, spec.name);
      const bytes = await bundle(join(HANDLERS_DIR, `${spec.name}.ts`), outdir);
      copyAssets(spec, outdir);
      built.push({ spec, outdir, bytes });
    }
    // Side by side: the hello-world is timed again before each function, and each ratio uses its own pair.
    let helloInit: number[] = [];
    const rows: ColdStartRow[] = [];
    for (const { spec, outdir, bytes } of built) {
      const hello = timeInit(runner, helloDir, envFor(helloDir));
      helloInit.push(hello);
      const initMs = timeInit(runner, outdir, envFor(outdir, spec));
      rows.push({ name: spec.name, memoryMb: spec.memoryMb, bytes, initMs, sizeRatio: bytes / helloBytes, initRatio: initMs / hello });
    }
    helloInit = helloInit.sort((a, b) => a - b);
    return { hello: { bytes: helloBytes, initMs: helloInit[Math.floor(helloInit.length / 2)]! }, rows, runs: RUNS };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function reportColdStart(result: Awaited<ReturnType<typeof benchColdStart>>): void {
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)}`;
  console.log(
    `\ncold start: esbuild bundles as the stack builds them; module init = import() to evaluated, fresh \`node --enable-source-maps\`, median of ${result.runs}`,
  );
  console.log(`hello-world bundle: ${result.hello.bytes} bytes, init ${result.hello.initMs.toFixed(2)} ms (median over the pairs)\n`);
  console.log('| function | memory MB | bundle KB | size ratio | init ms | init ratio |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const r of result.rows) {
    console.log(`| ${r.name} | ${r.memoryMb} | ${kb(r.bytes)} | ${Math.round(r.sizeRatio).toLocaleString('en-GB')} | ${r.initMs.toFixed(1)} | ${r.initRatio.toFixed(1)} |`);
  }
}
