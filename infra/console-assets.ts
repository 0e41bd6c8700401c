import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './constructs/repo-paths';

/** The triage console's sources (Vite + nhsuk-frontend) and its build output, which the stack deploys. */
export const CONSOLE_DIR = join(REPO_ROOT, 'console');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');

export class ConsoleBuildError extends Error {
  override name = 'ConsoleBuildError';
}

/**
 * The console's static files for `cdk synth`: console/dist as built, or built now (synchronously, with the
 * repository's own Vite) when a fresh clone has none yet. Offline: no network, no Docker. Fails with what
 * to do when the console or Vite is missing or the build breaks.
 */
export function ensureConsoleBuilt(consoleDir = CONSOLE_DIR): string {
  const dist = join(consoleDir, 'dist');
  if (existsSync(join(dist, 'index.html'))) return dist;
  if (!existsSync(join(consoleDir, 'index.html'))) {
    throw new ConsoleBuildError(
      `the triage console is not in ${consoleDir} (no index.html), so there is nothing to deploy to the console bucket. Restore console/ from the repository, or build it into ${dist} first.`,
    );
  }
  const vite = join(REPO_ROOT, 'node_modules', '.bin', process.platform === 'win32' ? 'vite.cmd' : 'vite');
  if (!existsSync(vite)) throw new ConsoleBuildError(`cannot build the triage console: ${vite} is missing (run npm ci first)`);
  process.stderr.write(`console/dist is missing: building the triage console (vite build in ${consoleDir})...\n`);
  const result = spawnSync(vite, ['build'], { cwd: consoleDir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.status !== 0 || !existsSync(join(dist, 'index.html'))) {
    const output = `${result.stdout ?? ''}${result.stderr ?? ''}${result.error ? String(result.error) : ''}`.trim().split('\n').slice(-20).join('\n');
    throw new ConsoleBuildError(`building the triage console failed (vite build in ${consoleDir}, exit ${result.status}):\n${output}`);
  }
  return dist;
}
