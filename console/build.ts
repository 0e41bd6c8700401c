/**
 * Builds the triage console (console/ -> console/dist) when it is missing or older than its sources.
 * `npm start` and the e2e tests call this, so a fresh clone needs only `npm install && npm start`.
 * Run alone: `npx tsx console/build.ts` (builds if stale) or `npm run build:console` (always).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const CONSOLE_DIR = resolve(__dirname);
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');
const ROOT = resolve(CONSOLE_DIR, '..');
const SOURCES = ['index.html', 'vite.config.mts', 'src'].map((name) => join(CONSOLE_DIR, name));

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

/** Why the build is out of date, or null when console/dist is current. */
export function consoleStaleness(): string | null {
  const built = join(CONSOLE_DIST, 'index.html');
  if (!existsSync(built)) return 'console/dist is missing';
  const sources = Math.max(...SOURCES.map(newestMtime), newestMtime(join(ROOT, 'node_modules', 'nhsuk-frontend', 'package.json')));
  return sources > statSync(built).mtimeMs ? 'console sources changed since the last build' : null;
}

export function buildConsole(): void {
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', CONSOLE_DIR], {
    cwd: ROOT,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Builds when stale; returns what was done (for the start banner and test logs). */
export function ensureConsoleBuilt(log: (line: string) => void = () => undefined): 'built' | 'current' {
  const reason = consoleStaleness();
  if (!reason) return 'current';
  log(`building the triage console (${reason})`);
  buildConsole();
  return 'built';
}

if (require.main === module) {
  const force = process.argv.includes('--force');
  if (force) buildConsole();
  else ensureConsoleBuilt((line) => process.stdout.write(`${line}\n`));
}
