import { LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { responseMatrixSchema, type ResponseMatrix } from './schema';
import { hasNodeAt, isNumberAt, positionOf, type SourcePosition } from './yaml-location';

export type { ResponseMatrix } from './schema';

export interface MatrixProblem extends SourcePosition {
  /** e.g. "rules[3].priority", or "" for the file as a whole. */
  path: string;
  problem: string;
}

/** The matrix file is not valid YAML or breaks the schema. The message points at each line to fix. */
export class MatrixConfigError extends Error {
  override readonly name = 'MatrixConfigError';

  constructor(
    readonly sourceName: string,
    readonly problems: readonly MatrixProblem[],
  ) {
    super(problems.map((p) => `${sourceName} line ${p.line}, column ${p.column}: ${describeProblem(p)}`).join('\n'));
  }
}

/**
 * Parses and validates the trust's response matrix. Fails fast, at deploy or cold start, with every
 * problem and its line, so a bad edit never reaches 2 a.m.
 */
export function parseMatrix(yamlText: string, sourceName = 'config/response-matrix.yaml'): ResponseMatrix {
  const lineCounter = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    throw new MatrixConfigError(
      sourceName,
      doc.errors.map((error) => {
        const { line, col } = lineCounter.linePos(error.pos[0]);
        return { line, column: col, path: '', problem: `YAML syntax: ${error.message}` };
      }),
    );
  }

  const result = responseMatrixSchema.safeParse(doc.toJS());
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => toProblem(issue, doc, lineCounter));
  problems.sort((a, b) => a.line - b.line || a.column - b.column);
  throw new MatrixConfigError(sourceName, problems);
}

function toProblem(issue: z.core.$ZodIssue, doc: Document, lineCounter: LineCounter): MatrixProblem {
  const path = issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment));
  if (issue.code === 'unrecognized_keys') {
    const [key] = issue.keys;
    const plural = issue.keys.length > 1;
    return {
      ...positionOf(doc, lineCounter, path, key),
      path: formatPath(path),
      problem: `has unknown setting${plural ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')} (check the spelling)`,
    };
  }
  return { ...positionOf(doc, lineCounter, path), path: formatPath(path), problem: wording(issue, doc, path) };
}

/** Zod's messages are written for programmers; these are for the comms lead editing the file. */
function wording(issue: z.core.$ZodIssue, doc: Document, path: readonly PropertyKey[]): string {
  switch (issue.code) {
    case 'invalid_value':
      return `must be one of ${issue.values.map(String).join(', ')}`;
    case 'invalid_union': {
      // A discriminated union (sla.kind) lists its options at run time; the issue type omits them.
      const options = (issue as { options?: unknown[] }).options;
      return issue.discriminator && options ? `must be one of ${options.map(String).join(', ')}` : issue.message;
    }
    case 'invalid_type':
      if (path.length === 0) return 'must hold the matrix settings: version, name, clock and rules';
      if (!hasNodeAt(doc, path)) return 'is required';
      if (issue.expected === 'string' && isNumberAt(doc, path)) return 'must be text (put it in quotes)';
      return `must be ${typeName(issue.expected)}`;
    case 'too_small':
      if (issue.origin === 'number') {
        return `must be ${issue.inclusive ? 'at least' : 'more than'} ${String(issue.minimum)}`;
      }
      return issue.message.startsWith('Too small') ? 'must not be empty' : issue.message;
    default:
      return issue.message;
  }
}

function describeProblem(problem: MatrixProblem): string {
  return problem.path === '' ? problem.problem : `${problem.path} ${problem.problem}`;
}

/** ['rules', 3, 'priority'] -> "rules[3].priority" */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, segment) => {
    if (typeof segment === 'number') return `${out}[${segment}]`;
    return out === '' ? String(segment) : `${out}.${String(segment)}`;
  }, '');
}

const TYPE_NAMES: Readonly<Record<string, string>> = {
  object: 'a set of settings',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

function typeName(expected: string): string {
  return TYPE_NAMES[expected] ?? expected;
}
