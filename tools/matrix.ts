/**
 * The comms lead's tool: try the response matrix on real wording before it goes live.
 *
 *   npm run matrix -- classify --input messages.jsonl [--matrix config/response-matrix.yaml] [--appetite cautious]
 *   npm run matrix -- diff --old old.yaml --new new.yaml --input messages.jsonl
 *
 * Input: JSON lines, {"id", "text"} plus optional "platform", "channel", "author" (a name, or
 * {"handle", "displayName"}) and "receivedAt". Output: one JSON line per message (with the suggested
 * reply, the change programmes and the content words when the decision has them), then a summary line
 * {"summary": {...}}. A matrix that does not validate is reported with its line numbers (exit 1); a
 * command line it cannot read gets the usage and the reason in one line (exit 2).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { channelSchema, platformSchema, type Assessment, type Interaction } from '../events';
import { assess } from '../functions/core/matrix/assess';
import { withRiskAppetite } from '../functions/core/matrix/compile';
import { MatrixConfigError, parseMatrix } from '../functions/core/matrix/load';
import { RISK_APPETITES, type ResponseMatrix, type RiskAppetite } from '../functions/core/matrix/schema';
import { PII_KINDS } from '../functions/core/pii/kinds';

export interface InputMessage {
  id: string;
  text: string;
  platform?: string;
  channel?: string;
  author?: string | { handle?: string; displayName?: string; id?: string };
  receivedAt?: string;
}

export interface Classified {
  id: string;
  primary: string;
  categories: string[];
  priority: string;
  action: string;
  owner: string;
  publicReply: string;
  sentiment: string | undefined;
  language: string | undefined;
  pii: Record<string, boolean>;
  ruleId: string;
  matrixVersion: string;
  rationale: string;
  /** Only when the decision carries them. */
  replyTemplate?: string;
  programmes?: Array<{ id: string; keyMessages: string[]; claims: string[] }>;
  terms?: string[];
}

export class InputError extends Error {
  override name = 'InputError';
}

/** The command line itself is wrong: the usage is printed with it. */
export class UsageError extends InputError {
  override name = 'UsageError';
}

/** Parses JSON lines; blank lines and lines starting with # are skipped. Errors name the line. */
export function readMessages(text: string, sourceName = 'input'): InputMessage[] {
  return text.split('\n').flatMap((line, index) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      throw new InputError(`${sourceName} line ${index + 1}: not valid JSON`);
    }
    const message = value as Partial<InputMessage>;
    if (typeof message !== 'object' || message === null || typeof message.id !== 'string' || typeof message.text !== 'string') {
      throw new InputError(`${sourceName} line ${index + 1}: needs "id" and "text" as strings`);
    }
    return [message as InputMessage];
  });
}

export function toInteraction(message: InputMessage, receivedAt: string): Interaction {
  const platform = platformSchema.safeParse(message.platform);
  const channel = channelSchema.safeParse(message.channel);
  const author = typeof message.author === 'string' ? { displayName: message.author } : (message.author ?? {});
  return {
    id: `tool:${message.id}`,
    platform: platform.success ? platform.data : 'facebook',
    channel: channel.success ? channel.data : 'public_comment',
    nativeId: message.id,
    accountId: 'tool',
    author,
    text: message.text,
    occurredAt: message.receivedAt ?? receivedAt,
    receivedAt: message.receivedAt ?? receivedAt,
    mediaKinds: [],
    flags: { edited: false, deleted: false, ownAccount: false, needsEnrichment: false, private: false },
  };
}

export function classifyOne(message: InputMessage, matrix: ResponseMatrix, now: string): Classified {
  const { assessment } = assess(toInteraction(message, now), matrix, now);
  return summarise(message.id, assessment);
}

function summarise(id: string, a: Assessment): Classified {
  return {
    id,
    primary: a.category,
    categories: [a.category, ...a.secondaryCategories],
    priority: a.priority,
    action: a.action,
    owner: a.owner,
    publicReply: a.publicReply,
    sentiment: a.sentiment?.label,
    language: a.language,
    pii: Object.fromEntries(PII_KINDS.map((kind) => [kind, a.piiKinds.includes(kind)])),
    ruleId: a.ruleId,
    matrixVersion: a.matrixVersion,
    rationale: a.rationale,
    ...(a.replyTemplate ? { replyTemplate: a.replyTemplate } : {}),
    ...(a.programmes && a.programmes.length > 0 ? { programmes: a.programmes } : {}),
    ...(a.terms && a.terms.length > 0 ? { terms: a.terms } : {}),
  };
}

export function classifySummary(results: readonly Classified[]) {
  const count = (key: (r: Classified) => string) =>
    results.reduce<Record<string, number>>((acc, r) => ((acc[key(r)] = (acc[key(r)] ?? 0) + 1), acc), {});
  return {
    summary: {
      messages: results.length,
      matrixVersion: results[0]?.matrixVersion ?? null,
      byPrimary: count((r) => r.primary),
      byPriority: count((r) => r.priority),
      withPersonalData: results.filter((r) => Object.values(r.pii).some(Boolean)).length,
      language: count((r) => r.language ?? 'und'),
    },
  };
}

const COMPARED = ['primary', 'categories', 'priority', 'action', 'owner', 'publicReply', 'ruleId'] as const;

export interface DiffLine {
  id: string;
  changed: string[];
  old: Pick<Classified, (typeof COMPARED)[number]>;
  new: Pick<Classified, (typeof COMPARED)[number]>;
}

/** The messages whose decision an edit of the matrix would change, and what changes. */
export function diffDecisions(messages: readonly InputMessage[], oldMatrix: ResponseMatrix, newMatrix: ResponseMatrix, now: string) {
  const pick = (c: Classified) => Object.fromEntries(COMPARED.map((key) => [key, c[key]])) as DiffLine['old'];
  const lines: DiffLine[] = [];
  for (const message of messages) {
    const before = classifyOne(message, oldMatrix, now);
    const after = classifyOne(message, newMatrix, now);
    const changed = COMPARED.filter((key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]));
    if (changed.length > 0) lines.push({ id: message.id, changed: [...changed], old: pick(before), new: pick(after) });
  }
  const transitions: Record<string, number> = {};
  for (const line of lines) {
    const key = `${line.old.primary} ${line.old.priority} -> ${line.new.primary} ${line.new.priority}`;
    transitions[key] = (transitions[key] ?? 0) + 1;
  }
  return {
    lines,
    summary: {
      summary: {
        messages: messages.length,
        changed: lines.length,
        unchanged: messages.length - lines.length,
        oldVersion: oldMatrix.version,
        newVersion: newMatrix.version,
        transitions,
      },
    },
  };
}

function loadMatrix(path: string, appetite?: string): ResponseMatrix {
  const matrix = parseMatrix(readFileSync(path, 'utf8'), path);
  if (appetite === undefined) return matrix;
  if (!(RISK_APPETITES as readonly string[]).includes(appetite)) throw new InputError(`--appetite must be one of ${RISK_APPETITES.join(', ')}`);
  return withRiskAppetite(matrix, appetite as RiskAppetite);
}

const USAGE = `usage:
  npm run matrix -- classify --input FILE [--matrix config/response-matrix.yaml] [--appetite cautious|balanced|open] [--now ISO-TIME]
  npm run matrix -- diff --old A.yaml --new B.yaml --input FILE [--appetite ...] [--now ISO-TIME]`;

function readArguments(rest: readonly string[]) {
  try {
    return parseArgs({
      args: [...rest],
      options: {
        input: { type: 'string' },
        matrix: { type: 'string', default: 'config/response-matrix.yaml' },
        old: { type: 'string' },
        new: { type: 'string' },
        appetite: { type: 'string' },
        now: { type: 'string' },
      },
    }).values;
  } catch (error) {
    // node:util parseArgs throws TypeErrors with ERR_PARSE_ARGS_* codes (an unknown option, a stray word, a missing value).
    const code = (error as { code?: unknown }).code;
    if (typeof code !== 'string' || !code.startsWith('ERR_PARSE_ARGS_')) throw error;
    const hint = code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' ? ' (messages are read from a JSON-lines file: --input FILE)' : '';
    throw new UsageError(`${(error as Error).message}${hint}`);
  }
}

function readInput(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InputError(`cannot read --input ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

export function run(argv: readonly string[], write: (line: string) => void): number {
  const [command, ...rest] = argv;
  if (command !== 'classify' && command !== 'diff') {
    throw new UsageError(command === undefined ? 'no command: classify or diff' : `unknown command "${command}": classify or diff`);
  }
  const values = readArguments(rest);
  if (!values.input) throw new UsageError(`${command} needs --input FILE`);
  if (command === 'diff' && (!values.old || !values.new)) throw new UsageError('diff needs --old A.yaml and --new B.yaml');
  const now = values.now ?? new Date().toISOString();
  const messages = readMessages(readInput(values.input), values.input);
  if (command === 'classify') {
    const matrix = loadMatrix(values.matrix!, values.appetite);
    const results = messages.map((message) => classifyOne(message, matrix, now));
    for (const result of results) write(JSON.stringify(result));
    write(JSON.stringify(classifySummary(results)));
    return 0;
  }
  const { lines, summary } = diffDecisions(messages, loadMatrix(values.old!, values.appetite), loadMatrix(values.new!, values.appetite), now);
  for (const line of lines) write(JSON.stringify(line));
  write(JSON.stringify(summary));
  return 0;
}

/**
 * The command as the terminal sees it: output lines, error text, exit code. 2 for a command line it
 * cannot read (usage and reason), 1 for input or a matrix that is wrong; an unexpected error keeps its stack.
 */
export function main(argv: readonly string[], out: (line: string) => void, err: (text: string) => void): number {
  try {
    return run(argv, out);
  } catch (error) {
    if (error instanceof UsageError) {
      err(`${USAGE}\n\nnpm run matrix: ${error.message}\n`);
      return 2;
    }
    const known = error instanceof MatrixConfigError || error instanceof InputError;
    err(`${known ? (error as Error).message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

if (require.main === module) {
  // `… | head` closes the pipe early: stop quietly, as other command-line tools do.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = main(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (text) => process.stderr.write(text),
  );
}
