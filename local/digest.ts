/**
 * `npm run digest [-- --week 2026-W48]`: has a running `npm start` send the weekly board digest
 * now, through the local-only route `POST /_local/invoke/send-weekly-digest`, and says where to
 * read it. Without --week it digests the current ISO week (so far) in the trust's time zone.
 */
import { DateTime } from 'luxon';
import { loadOrgConfig } from '../infra/org-config';
import { connect, localApiUrl, waitUntilIdle } from './client';
import { PATHS } from './paths';

const FUNCTION_NAME = 'send-weekly-digest';

interface DigestResult {
  week: string;
  complete: boolean;
  messageId: string;
  figures?: { inbound?: number; ownPosts?: number; unassessed?: number; byCategory?: Record<string, number>; byPriority?: Record<string, number> };
}

export function parseWeekArgument(argv: readonly string[], now: DateTime, timeZone: string): string {
  const index = argv.findIndex((arg) => arg === '--week' || arg.startsWith('--week='));
  if (index === -1) return now.setZone(timeZone).toFormat("kkkk-'W'WW");
  const value = argv[index]!.includes('=') ? argv[index]!.split('=')[1] : argv[index + 1];
  if (!value || !/^\d{4}-W\d{2}$/.test(value)) throw new Error('--week must look like 2026-W48');
  return value;
}

function counts(record: Record<string, number> | undefined): string {
  const entries = Object.entries(record ?? {});
  return entries.length === 0 ? 'none' : entries.map(([name, count]) => `${name} ${count}`).join(', ');
}

async function main(): Promise<void> {
  const org = loadOrgConfig(PATHS.orgConfig);
  const week = parseWeekArgument(process.argv.slice(2), DateTime.now(), org.timeZone);
  const apiUrl = localApiUrl();
  const health = await connect(apiUrl);
  // Let anything still in flight land in the log first, so the digest counts it.
  await waitUntilIdle(apiUrl);

  process.stdout.write(`Sending the board digest for ${week} (${org.timeZone}) through the local system at ${apiUrl}...\n`);
  const response = await fetch(`${apiUrl}/_local/invoke/${FUNCTION_NAME}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ week }),
  });
  const body = (await response.json()) as { result?: DigestResult; error?: { name: string; message: string }; message?: string };
  if (!response.ok || !body.result) {
    throw new Error(`${FUNCTION_NAME} failed: ${body.error ? `${body.error.name}: ${body.error.message}` : (body.message ?? response.status)}`);
  }
  const { result } = body;
  const figures = result.figures ?? {};
  process.stdout.write(
    [
      `Sent. Week ${result.week} ${result.complete ? '(complete)' : '(still in progress: figures so far)'}; SES message id ${result.messageId}.`,
      `  Inbound interactions: ${figures.inbound ?? '?'} (the trust's own posts: ${figures.ownPosts ?? '?'}, not yet assessed: ${figures.unassessed ?? '?'})`,
      `  By category: ${counts(figures.byCategory)}`,
      `  By priority: ${counts(figures.byPriority)}`,
      `  To: ${org.digest.recipients.join(', ')}`,
      `Read it in the local SES inbox: ${health.urls.ses}/`,
      '',
    ].join('\n'),
  );
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`digest failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
