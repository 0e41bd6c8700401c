import { findPii as findAll } from './finders';
import { PII_LABELS, type PiiKind } from './kinds';

export type { PiiKind } from './kinds';

/** Where personal data sits in `text`: ordered, non-overlapping spans. */
export function findPii(text: string): Array<{ kind: PiiKind; start: number; end: number }> {
  return findAll(text);
}

/**
 * `text` with each piece of personal data replaced by a label such as "[NHS number removed]", and
 * the distinct kinds found (in order of first appearance).
 */
export function redactPii(text: string): { text: string; kinds: PiiKind[] } {
  const findings = findAll(text);
  let redacted = '';
  let cursor = 0;
  for (const { kind, start, end } of findings) {
    redacted += `${text.slice(cursor, start)}[${PII_LABELS[kind]} removed]`;
    cursor = end;
  }
  redacted += text.slice(cursor);
  return { text: redacted, kinds: [...new Set(findings.map((f) => f.kind))] };
}
