/** The argument handling and output of `npm run redrive` and `npm run replay`. */
import { describeRedrive, parseRedriveArgs } from '../../../local/redrive';
import { parseReplayArgs } from '../../../local/replay';

const NOW = new Date('2026-11-26T12:00:00.000Z');

describe('npm run replay arguments', () => {
  it.each<[string, string[], { from: string; to: string; name: string }]>([
    ['--from alone replays up to now', ['--from', '2026-11-26T09:00:00Z'], { from: '2026-11-26T09:00:00.000Z', to: '2026-11-26T12:00:00.000Z', name: 'local-replay-20261126T120000Z' }],
    ['--from and --to', ['--from', '2026-11-24', '--to', '2026-11-25T00:00:00+01:00'], { from: '2026-11-24T00:00:00.000Z', to: '2026-11-24T23:00:00.000Z', name: 'local-replay-20261126T120000Z' }],
    ['--flag=value and a name', ['--from=2026-11-26T09:00:00Z', '--name=monday-again'], { from: '2026-11-26T09:00:00.000Z', to: '2026-11-26T12:00:00.000Z', name: 'monday-again' }],
  ])('%s', (_name, argv, expected) => {
    const args = parseReplayArgs(argv, NOW);
    expect({ from: args.from.toISOString(), to: args.to.toISOString(), name: args.name }).toEqual(expected);
  });

  it.each<[string, string[], RegExp]>([
    ['no --from', ['--to', '2026-11-26T09:00:00Z'], /--from is required/],
    ['a time that is not ISO 8601', ['--from', 'yesterday'], /must be an ISO 8601 time/],
    ['an impossible date', ['--from', '2026-13-45'], /must be an ISO 8601 time/],
    ['--to not after --from', ['--from', '2026-11-26T09:00:00Z', '--to', '2026-11-26T09:00:00Z'], /--to must be after --from/],
    ['an unknown flag', ['--since', '2026-11-26'], /unknown argument --since/],
    ['a flag without its value', ['--from'], /--from needs a value/],
    ['a name AWS would refuse', ['--from', '2026-11-26T09:00:00Z', '--name', 'no spaces'], /--name may hold/],
  ])('refuses %s', (_name, argv, message) => {
    expect(() => parseReplayArgs(argv, NOW)).toThrow(message);
  });
});

describe('npm run redrive', () => {
  it.each<[string[], { functionName?: string }]>([
    [[], { functionName: undefined }],
    [['log-interaction'], { functionName: 'log-interaction' }],
  ])('reads %j', (argv, expected) => {
    expect(parseRedriveArgs(argv)).toEqual(expected);
  });

  it.each([[['a', 'b']], [['--all']], [['Bad_Name']], [['ingest-webhook']]])('refuses %j', (argv) => {
    expect(() => parseRedriveArgs(argv)).toThrow();
  });

  it('names the functions it knows when given another', () => {
    expect(() => parseRedriveArgs(['nosuchfn'])).toThrow(/no async function named nosuchfn; dead letters are kept for: .*log-interaction/);
  });

  it('says what was handled and where the rest stays', () => {
    const text = describeRedrive(
      [
        { functionName: 'log-interaction', redriven: 3, delivered: 2, failedAgain: 1 },
        { functionName: 'apply-response-matrix', redriven: 1, delivered: 1, failedAgain: 0 },
        { functionName: 'idle-one', redriven: 0, delivered: 0, failedAgain: 0 },
      ],
      '/data/dead-letters',
    );
    expect(text).toBe(
      [
        'Redrive:',
        '  log-interaction: 3 redriven, 2 handled; 1 failed again and stay in /data/dead-letters/log-interaction.jsonl',
        '  apply-response-matrix: 1 redriven, 1 handled',
        '',
      ].join('\n'),
    );
  });

  it('says when there was nothing to do', () => {
    expect(describeRedrive([], null)).toBe('No dead letters to redrive.\n');
  });
});
