/** What may sit between the digits of an NHS number as people type it: spaces and/or one dash. */
const SEPARATOR = /^[ \t\u00a0]*[-\u2010-\u2013]?[ \t\u00a0]*$/;

/**
 * NHS number check (NHS Data Dictionary, "NHS Number"): ten digits, the last a Modulus 11 check digit.
 * Spaces and dashes between digits are ignored ("943 476 5919", "943-476-5919").
 * A number whose ten digits are all the same passes the arithmetic but is never issued, so it is
 * rejected: "0000000000" in a post is a placeholder, not a patient.
 */
export function isValidNhsNumber(digits: string): boolean {
  const compact = digits.replace(/[\s\-\u2010-\u2013]/g, '');
  if (!/^\d{10}$/.test(compact)) return false;
  if (/^(\d)\1{9}$/.test(compact)) return false;
  const values = [...compact].map(Number);
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (values[i] ?? 0) * (10 - i);
  const check = 11 - (sum % 11);
  // 11 means a check digit of 0; 10 matches no digit, so those nine digits form no valid number.
  return (check === 11 ? 0 : check) === values[9];
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Where valid NHS numbers appear in free text. A candidate is ten digits made of whole digit groups
 * (so "943 476 5919" and "Ward 12 9434765919" are found, but ten digits cut out of a longer unbroken
 * number are not), and it must pass the Modulus 11 check.
 */
export function findNhsNumbers(text: string): Span[] {
  const found: Span[] = [];
  for (const run of digitRuns(text)) {
    for (let first = 0; first < run.length; first++) {
      let count = 0;
      for (let last = first; last < run.length && count < 10; last++) {
        const group = run[last]!;
        count += group.end - group.start;
        if (count !== 10) continue;
        const span = { start: run[first]!.start, end: group.end };
        if (isValidNhsNumber(text.slice(span.start, span.end))) found.push(span);
      }
    }
  }
  return withoutOverlaps(found);
}

/** Runs of digit groups joined only by allowed separators, e.g. "943 476-5919" is one run of three groups. */
function digitRuns(text: string): Span[][] {
  const runs: Span[][] = [];
  let current: Span[] = [];
  for (const match of text.matchAll(/\d+/g)) {
    const group = { start: match.index, end: match.index + match[0].length };
    const previous = current[current.length - 1];
    if (previous && SEPARATOR.test(text.slice(previous.end, group.start))) {
      current.push(group);
    } else {
      if (current.length > 0) runs.push(current);
      current = [group];
    }
  }
  if (current.length > 0) runs.push(current);
  return runs;
}

function withoutOverlaps(spans: Span[]): Span[] {
  const kept: Span[] = [];
  for (const span of spans) {
    if (!kept.some((k) => span.start < k.end && k.start < span.end)) kept.push(span);
  }
  return kept;
}
