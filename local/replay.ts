/**
 * `npm run replay -- --from <ISO> [--to <ISO>] [--name <name>]`: replays archived events into a
 * running `npm start`, as StartReplay does from the stack's bus archive, through the real SDK client
 * against the local EventBridge endpoint. Events whose envelope `time` is at or after --from and
 * before --to (default: now) go to every rule they match, marked with `replay-name`; they are not
 * archived again.
 */
import { DescribeReplayCommand, EventBridgeClient, StartReplayCommand } from '@aws-sdk/client-eventbridge';
import { LOCAL_CREDENTIALS } from './account';
import { connect, localApiUrl, waitUntilIdle } from './client';
import { localArchiveArn, localBusArn } from './event-bus';

export interface ReplayArgs {
  from: Date;
  to: Date;
  name: string;
}

const USAGE = 'usage: npm run replay -- --from <ISO time> [--to <ISO time>] [--name <replay-name>]';

export function parseReplayArgs(argv: readonly string[], now: Date): ReplayArgs {
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.split(/=(.*)/s, 2) as [string, string | undefined];
    if (!['--from', '--to', '--name'].includes(flag)) throw new Error(`unknown argument ${argv[i]}\n${USAGE}`);
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value\n${USAGE}`);
    values.set(flag, value);
  }
  const time = (flag: string): Date | undefined => {
    const text = values.get(flag);
    if (text === undefined) return undefined;
    const date = /^\d{4}-\d{2}-\d{2}/.test(text) ? new Date(text) : new Date(Number.NaN);
    if (Number.isNaN(date.getTime())) throw new Error(`${flag} must be an ISO 8601 time such as 2026-11-26T09:00:00Z, not ${text}`);
    return date;
  };
  const from = time('--from');
  if (!from) throw new Error(`--from is required\n${USAGE}`);
  const to = time('--to') ?? now;
  if (to.getTime() <= from.getTime()) throw new Error('--to must be after --from');
  const name = values.get('--name') ?? `local-replay-${now.toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z')}`;
  if (!/^[.\-_A-Za-z0-9]{1,64}$/.test(name)) throw new Error('--name may hold 1 to 64 letters, digits, ".", "-" and "_"');
  return { from, to, name };
}

async function main(): Promise<void> {
  const args = parseReplayArgs(process.argv.slice(2), new Date());
  const apiUrl = localApiUrl();
  const health = await connect(apiUrl);
  // The project pins Node 20 (see package.json engines); the SDK's upgrade notice is noise here, as in npm start.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const client = new EventBridgeClient({ endpoint: health.urls.eventbridge, region: health.region, credentials: LOCAL_CREDENTIALS });
  try {
    process.stdout.write(`Replaying events from ${args.from.toISOString()} to ${args.to.toISOString()} as "${args.name}"...\n`);
    await client.send(
      new StartReplayCommand({
        ReplayName: args.name,
        EventSourceArn: localArchiveArn(health.region, health.busName),
        EventStartTime: args.from,
        EventEndTime: args.to,
        Destination: { Arn: localBusArn(health.region, health.busName) },
      }),
    );
    const deadline = Date.now() + 30_000;
    for (;;) {
      const replay = await client.send(new DescribeReplayCommand({ ReplayName: args.name }));
      if (replay.State === 'FAILED') throw new Error(replay.StateReason ?? 'the replay failed');
      if (replay.State === 'COMPLETED') {
        process.stdout.write(`${replay.StateReason ?? 'Replay completed.'}\n`);
        break;
      }
      if (Date.now() > deadline) throw new Error(`the replay is still ${replay.State} after 30 s`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const { deadLetters } = await waitUntilIdle(apiUrl);
    process.stdout.write(`Every replayed event has been handled${deadLetters > 0 ? `; ${deadLetters} dead letters so far (npm run redrive)` : ''}.\n`);
  } finally {
    client.destroy();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
