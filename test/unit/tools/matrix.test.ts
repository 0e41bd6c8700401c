import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InputError, main, readMessages, run } from '../../../tools/matrix';
import { DEFAULT_MATRIX_PATH } from '../matrix/fixtures';

const dir = mkdtempSync(join(tmpdir(), 'matrix-tool-'));
const input = join(dir, 'messages.jsonl');
writeFileSync(
  input,
  [
    '# comment lines are skipped',
    JSON.stringify({ id: 'a', text: 'I want to end it all' }),
    JSON.stringify({ id: 'b', text: 'waited 6 hours, disgraceful. NHS number 943 476 5919' }),
    JSON.stringify({ id: 'c', text: 'Diolch yn fawr i staff y ward', platform: 'instagram', channel: 'review' }),
    JSON.stringify({ id: 'd', text: 'Can the trust comment?', author: 'Sam, BBC News reporter' }),
    '',
  ].join('\n'),
);

function runTool(args: string[]): unknown[] {
  const lines: string[] = [];
  expect(run(args, (line) => lines.push(line))).toBe(0);
  return lines.map((line) => JSON.parse(line) as unknown);
}

describe('npm run matrix -- classify', () => {
  const out = runTool(['classify', '--input', input, '--matrix', DEFAULT_MATRIX_PATH, '--now', '2026-03-10T10:00:00Z']);

  it('prints one line per message with the issue’s fields, then a summary', () => {
    expect(out).toHaveLength(5);
    expect(Object.keys(out[0] as object)).toEqual([
      'id', 'primary', 'categories', 'priority', 'action', 'owner', 'publicReply', 'sentiment', 'language', 'pii', 'ruleId', 'matrixVersion', 'rationale',
      'replyTemplate', 'terms',
    ]);
    expect(out[0]).toMatchObject({ id: 'a', primary: 'safeguarding', priority: 'P0', publicReply: 'private-only' });
    expect(out[1]).toMatchObject({
      id: 'b',
      primary: 'pii',
      categories: ['pii', 'complaint'],
      pii: { 'nhs-number': true, email: false, 'uk-phone': false, 'date-of-birth': false, postcode: false },
    });
    expect(out[2]).toMatchObject({ id: 'c', primary: 'compliment', language: 'cy', sentiment: 'positive' });
    expect(out[3]).toMatchObject({ id: 'd', primary: 'media-enquiry' });
    expect(out[4]).toMatchObject({ summary: { messages: 4, byPriority: { P0: 1, P1: 2, P3: 1 }, withPersonalData: 1 } });
  });

  it('never prints the personal data', () => {
    expect(JSON.stringify(out)).not.toContain('943 476 5919');
  });

  it('prints the suggested reply, the content words and the change programmes when a decision has them', () => {
    expect(out[0]).toMatchObject({ replyTemplate: expect.stringMatching(/Samaritans/), terms: ['want', 'end'] });
    expect(out[1]).toMatchObject({ terms: ['waited', 'hours', 'disgraceful', 'nhs', 'number'] });
    expect(out[1]).not.toHaveProperty('programmes');
    const programme = join(dir, 'programme.jsonl');
    writeFileSync(programme, JSON.stringify({ id: 'p', text: 'I heard A&E is closing next year #OurFutureHospitals' }));
    const [line] = runTool(['classify', '--input', programme, '--matrix', DEFAULT_MATRIX_PATH, '--now', '2026-11-26T10:00:00Z']);
    expect(line).toMatchObject({
      primary: 'misinformation',
      owner: 'Change programme communications lead',
      programmes: [{ id: 'services-reconfiguration-2027', keyMessages: [], claims: ['a-and-e-closing'] }],
      replyTemplate: expect.stringMatching(/^Both A&E departments are staying open.*https:\/\/www\.example\.nhs\.uk\/our-future-hospitals\/a-and-e$/u),
    });
  });
});

describe('npm run matrix -- diff', () => {
  it('shows which decisions an edit would change', () => {
    const edited = join(dir, 'edited.yaml');
    writeFileSync(
      edited,
      readFileSync(DEFAULT_MATRIX_PATH, 'utf8')
        .replace('version: "2026.12-nhs-default.4"', 'version: "trust-edit.1"')
        .replace('riskAppetite: balanced', 'riskAppetite: cautious'),
    );
    const out = runTool(['diff', '--old', DEFAULT_MATRIX_PATH, '--new', edited, '--input', input, '--now', '2026-03-10T10:00:00Z']);
    expect(out).toEqual([
      {
        id: 'd',
        changed: ['publicReply'],
        old: expect.objectContaining({ primary: 'media-enquiry', publicReply: 'holding-line' }),
        new: expect.objectContaining({ primary: 'media-enquiry', publicReply: 'no' }),
      },
      { summary: { messages: 4, changed: 1, unchanged: 3, oldVersion: '2026.12-nhs-default.4', newVersion: 'trust-edit.1', transitions: { 'media-enquiry P1 -> media-enquiry P1': 1 } } },
    ]);
  });

  it('names the line of a broken matrix', () => {
    const broken = join(dir, 'broken.yaml');
    writeFileSync(broken, readFileSync(DEFAULT_MATRIX_PATH, 'utf8').replace('riskAppetite: balanced', 'riskAppetite: brave'));
    expect(() => run(['diff', '--old', DEFAULT_MATRIX_PATH, '--new', broken, '--input', input], () => undefined)).toThrow(/broken\.yaml line \d+, column \d+: riskAppetite must be one of/);
  });
});

describe('input', () => {
  it.each([
    ['{"id": "a"}', /line 1: needs "id" and "text"/],
    ['{"id": "a", "text": "x"}\nnot json', /line 2: not valid JSON/],
  ])('%j is refused with its line', (text, message) => {
    expect(() => readMessages(text)).toThrow(message);
  });

  it('needs a command and --input', () => {
    expect(() => run(['classify'], () => undefined)).toThrow(InputError);
  });
});

describe('the command line (main)', () => {
  const terminal = (argv: string[]) => {
    const out: string[] = [];
    let err = '';
    const code = main(argv, (line) => out.push(line), (text) => (err += text));
    return { code, out, err };
  };

  it.each([
    [['classify', 'some text'], /Unexpected argument 'some text'.*--input FILE/],
    [['classify', '--colour', 'red'], /Unknown option '--colour'/],
    [['classify', '--input'], /--input.*argument missing/i],
    [['classify'], /classify needs --input FILE/],
    [['diff', '--input', 'x.jsonl'], /diff needs --old A\.yaml and --new B\.yaml/],
    [['sort', '--input', 'x.jsonl'], /unknown command "sort"/],
    [[], /no command/],
  ])('%j prints the usage and a one-line reason, exit 2, no stack trace', (argv, reason) => {
    const { code, out, err } = terminal(argv);
    expect(code).toBe(2);
    expect(out).toEqual([]);
    expect(err).toMatch(/^usage:\n  npm run matrix -- classify --input FILE/);
    const last = err.trimEnd().split('\n').at(-1)!;
    expect(last).toMatch(/^npm run matrix: /);
    expect(last).toMatch(reason);
    expect(err).not.toMatch(/\n\s+at |ERR_PARSE_ARGS|TypeError/);
  });

  it('an input file that is not there is one line, exit 1', () => {
    const { code, err } = terminal(['classify', '--input', '/nonexistent/messages.jsonl']);
    expect(code).toBe(1);
    expect(err).toBe('cannot read --input /nonexistent/messages.jsonl: ENOENT\n');
  });
});
