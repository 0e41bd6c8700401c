/**
 * `npm run redrive [-- <function>]`: has a running `npm start` send the dead letters
 * (`.local-data/dead-letters/<function>.jsonl`) back to their functions, through the local-only route
 * `POST /_local/redrive`, each with its function's retry policy. What the function handles now leaves
 * the dead letters; what fails every attempt again stays there, with the new error. Exits 1 when
 * anything failed again.
 */
import type { RedriveResult } from './async-delivery';
import { FUNCTIONS } from '../infra/wiring';
import { connect, localApiUrl } from './client';

export function parseRedriveArgs(argv: readonly string[]): { functionName?: string } {
  const positional = argv.filter((arg) => !arg.startsWith('-'));
  if (positional.length > 1 || argv.some((arg) => arg.startsWith('-'))) throw new Error('usage: npm run redrive [-- <function-name>]');
  const functionName = positional[0];
  const known = FUNCTIONS.filter((fn) => fn.retryAttempts > 0 && fn.trigger.kind !== 'http').map((fn) => fn.name);
  if (functionName !== undefined && !known.includes(functionName)) {
    throw new Error(`no async function named ${functionName}; dead letters are kept for: ${known.join(', ')}`);
  }
  return { functionName };
}

export function describeRedrive(results: readonly RedriveResult[], deadLetterDir: string | null): string {
  if (results.length === 0 || results.every((result) => result.redriven === 0)) return 'No dead letters to redrive.\n';
  const lines = results
    .filter((result) => result.redriven > 0)
    .map(({ functionName, redriven, delivered, failedAgain }) => {
      const kept = failedAgain > 0 ? `; ${failedAgain} failed again and stay in ${deadLetterDir ? `${deadLetterDir}/${functionName}.jsonl` : 'the dead letters'}` : '';
      return `  ${functionName}: ${redriven} redriven, ${delivered} handled${kept}`;
    });
  return `${['Redrive:', ...lines].join('\n')}\n`;
}

async function main(): Promise<void> {
  const { functionName } = parseRedriveArgs(process.argv.slice(2));
  const apiUrl = localApiUrl();
  const health = await connect(apiUrl);
  const response = await fetch(`${apiUrl}/_local/redrive${functionName ? `/${functionName}` : ''}`, { method: 'POST' });
  const body = (await response.json()) as { redriven?: RedriveResult[]; message?: string; error?: { message: string } };
  if (!response.ok || !body.redriven) throw new Error(body.error?.message ?? body.message ?? `redrive answered ${response.status}`);
  process.stdout.write(describeRedrive(body.redriven, health.deadLetterDir));
  if (body.redriven.some((result) => result.failedAgain > 0)) process.exitCode = 1;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`redrive failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
