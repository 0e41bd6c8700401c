/**
 * What a built-in detector reports: what it saw, in words for the rationale, and the kind of text
 * that matched (never the text itself, which may be personal).
 */
export interface Finding {
  evidence: string;
  spanKind: string;
}

/** Lower case, straight apostrophes, single spaces: the form every detector's patterns are written for. */
export function normalise(text: string): string {
  return text
    .toLowerCase()
    .replace(/[\u2018\u2019\u02bc`´]/gu, "'")
    .replace(/[\u2010-\u2015]/gu, '-')
    .replace(/\s+/gu, ' ');
}

/** Sentences, roughly: a claim and its debunking must sit in the same one. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+|\n+/u).filter((part) => part.trim().length > 0);
}

export interface NamedPattern {
  name: string;
  regex: RegExp;
}

/** The names of the patterns that match somewhere `guard` does not cover. */
export function matchedNames(text: string, patterns: readonly NamedPattern[], guards: readonly RegExp[] = []): string[] {
  const guarded = guards.flatMap((guard) => [...text.matchAll(guard)].map((m) => [m.index, m.index + m[0].length] as const));
  const outside = (start: number, end: number) => !guarded.some(([gs, ge]) => start < ge && gs < end);
  return patterns
    .filter(({ regex }) => [...text.matchAll(regex)].some((m) => outside(m.index, m.index + m[0].length)))
    .map(({ name }) => name);
}

/** Builds a global, case-insensitive, Unicode regex from a readable multi-line source (spaces ignored). */
export function rx(source: string): RegExp {
  return new RegExp(source.replace(/\s*\n\s*/gu, ''), 'giu');
}
