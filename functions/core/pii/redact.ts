import { findPii as findAll, type PiiOptions } from './finders';
import { PII_LABELS, type PiiKind } from './kinds';

export type { PiiKind } from './kinds';
export type { PiiOptions } from './finders';

/** Where personal data sits in `text`: ordered, non-overlapping spans. */
export function findPii(text: string, options: PiiOptions = {}): Array<{ kind: PiiKind; start: number; end: number }> {
  return findAll(text, options);
}

/**
 * `text` with each piece of personal data replaced by a label such as "[NHS number removed]", and
 * the distinct kinds found (in order of first appearance).
 */
export function redactPii(text: string, options: PiiOptions = {}): { text: string; kinds: PiiKind[] } {
  const findings = findAll(text, options);
  let redacted = '';
  let cursor = 0;
  for (const { kind, start, end } of findings) {
    redacted += `${text.slice(cursor, start)}[${PII_LABELS[kind]} removed]`;
    cursor = end;
  }
  redacted += text.slice(cursor);
  return { text: redacted, kinds: [...new Set(findings.map((f) => f.kind))] };
}
